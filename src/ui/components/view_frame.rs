//! What every dashboard shares: its heading with the period it is about, the one recommended
//! action derived from its numbers, and the note saying which export would fill it.

use leptos::prelude::*;

/// The view's title and the period its figures are about.
#[component]
pub fn ViewHead(#[prop(into)] title: String, #[prop(into)] period: String) -> impl IntoView {
    view! {
        <header class="dash-head">
            <div>
                <h2>{title}</h2>
                <p class="period">{period}</p>
            </div>
        </header>
    }
}

/// The recommended action (nothing when the numbers suggest none).
#[component]
pub fn ActionNote(action: Option<String>) -> impl IntoView {
    action.map(|a| {
        view! {
            <aside class="action" data-testid="recommended-action">
                <span class="action-label">"Recommended action"</span>
                <p>{a}</p>
            </aside>
        }
    })
}

/// What to load to fill a view or a panel that nothing loaded can compute.
#[component]
pub fn NeedsNote(needs: Option<String>) -> impl IntoView {
    needs.map(|n| view! { <p class="notice needs-note" data-testid="needs">{n}</p> })
}
