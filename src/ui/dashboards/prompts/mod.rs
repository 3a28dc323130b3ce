//! The Prompt quality dashboard.

use leptos::prelude::*;

#[component]
pub fn PromptsView() -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="prompts">
            <h2>"Prompt quality"</h2>
        </section>
    }
}
