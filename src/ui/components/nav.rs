//! Navigation between dashboards: plain links to URL fragments, so a view can be bookmarked.

use crate::ui::state::View;
use leptos::prelude::*;

#[component]
pub fn Nav(view: RwSignal<View>) -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Dashboards">
            {View::ALL.into_iter().map(|v| view! {
                <a href=format!("#{}", v.id()) data-testid="nav-link" data-view=v.id()
                    class:active=move || view.get() == v
                    aria-current=move || (view.get() == v).then_some("page")>
                    {v.label()}
                </a>
            }).collect_view()}
        </nav>
    }
}
