//! The Codex dashboard.

use leptos::prelude::*;

#[component]
pub fn CodexView() -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="codex">
            <h2>"Codex"</h2>
        </section>
    }
}
