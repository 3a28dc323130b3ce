//! The Session depth dashboard.

use leptos::prelude::*;

#[component]
pub fn SessionsView() -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="sessions">
            <h2>"Session depth"</h2>
        </section>
    }
}
