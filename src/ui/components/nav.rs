//! Navigation between dashboards: plain links to URL fragments, so a view can be bookmarked,
//! grouped by the question they answer (adoption, depth, cost, coding, data).

use crate::ui::state::{Session, View};
use leptos::prelude::*;

#[component]
pub fn Nav(view: RwSignal<View>, #[prop(into)] query: Signal<String>) -> impl IntoView {
    // My usage is there only while a personal export is loaded.
    let personal = use_context::<Session>().map(|s| s.report);
    let shown = move |views: &[View]| {
        !views.contains(&View::MyUsage)
            || personal
                .is_some_and(|r| r.with(|r| r.as_ref().is_some_and(|r| r.my_usage.available)))
    };
    view! {
        <nav class="tabs" aria-label="Dashboards">
            {View::GROUPS.into_iter().map(|(group, views)| view! {
                <div class="tab-group" role="group" aria-label=group style:display=move || (!shown(views)).then_some("none")>
                    <span class="tab-group-label">{group}</span>
                    {views.iter().copied().map(|v| view! {
                        <a href=move || format!("#{}{}", v.id(), query.get()) data-testid="nav-link" data-view=v.id()
                            class:active=move || view.get() == v
                            aria-current=move || (view.get() == v).then_some("page")>
                            {v.label()}
                        </a>
                    }).collect_view()}
                </div>
            }).collect_view()}
        </nav>
    }
}
