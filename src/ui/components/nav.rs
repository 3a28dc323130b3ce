//! Navigation between dashboards: plain links to URL fragments, so a view can be bookmarked,
//! grouped by the question they answer (adoption, depth, cost, coding, workplace, data). A
//! per-tool view whose tool is not loaded is dimmed, its title saying which export fills it.

use crate::engine::Report;
use crate::ui::state::{Session, View};
use leptos::prelude::*;

/// A per-tool view whose tool nothing loaded covers (its link is shown dimmed, with why).
fn tool_needs(report: &Report, view: View) -> Option<String> {
    let section = match view {
        View::ClaudeCode => &report.claude_code,
        View::Cursor => &report.cursor,
        View::M365Copilot => &report.m365_copilot,
        View::Gemini => &report.gemini,
        _ => return None,
    };
    section
        .figures
        .is_empty()
        .then(|| section.needs.clone())
        .flatten()
}

#[component]
pub fn Nav(view: RwSignal<View>, #[prop(into)] query: Signal<String>) -> impl IntoView {
    let session = use_context::<Session>();
    let needs = move |v: View| {
        session.and_then(|s| s.report.with(|r| r.as_ref().and_then(|r| tool_needs(r, v))))
    };
    // My usage is there only while a personal export is loaded.
    let shown = move |views: &[View]| {
        !views.contains(&View::MyUsage)
            || session.is_some_and(|s| {
                s.report
                    .with(|r| r.as_ref().is_some_and(|r| r.my_usage.available))
            })
    };
    view! {
        <nav class="tabs" aria-label="Dashboards">
            {View::GROUPS.into_iter().map(|(group, views)| view! {
                <div class="tab-group" role="group" aria-label=group style:display=move || (!shown(views)).then_some("none")>
                    <span class="tab-group-label">{group}</span>
                    {views.iter().copied().map(|v| view! {
                        <a href=move || format!("#{}{}", v.id(), query.get()) data-testid="nav-link" data-view=v.id()
                            class:active=move || view.get() == v
                            class:nav-empty=move || needs(v).is_some()
                            title=move || needs(v).map(|n| format!("Nothing loaded for this view: {n}"))
                            aria-current=move || (view.get() == v).then_some("page")>
                            {v.label()}
                        </a>
                    }).collect_view()}
                </div>
            }).collect_view()}
        </nav>
    }
}
