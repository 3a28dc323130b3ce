//! The Tokens by team dashboard.

use leptos::prelude::*;

#[component]
pub fn TokensView() -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="tokens">
            <h2>"Tokens by team"</h2>
        </section>
    }
}
