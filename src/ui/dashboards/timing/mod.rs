//! The Timing dashboard.

use leptos::prelude::*;

#[component]
pub fn TimingView() -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="timing">
            <h2>"Timing"</h2>
        </section>
    }
}
