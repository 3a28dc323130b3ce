//! The Model mix dashboard.

use leptos::prelude::*;

#[component]
pub fn ModelsView() -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="models">
            <h2>"Model mix"</h2>
        </section>
    }
}
