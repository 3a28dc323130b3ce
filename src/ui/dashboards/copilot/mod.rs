//! The Copilot dashboard.

use leptos::prelude::*;

#[component]
pub fn CopilotView() -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="copilot">
            <h2>"Copilot"</h2>
        </section>
    }
}
