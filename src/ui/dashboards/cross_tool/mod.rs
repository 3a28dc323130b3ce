//! The Cross-tool dashboard.

use leptos::prelude::*;

#[component]
pub fn CrossToolView() -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="cross-tool">
            <h2>"Cross-tool"</h2>
        </section>
    }
}
