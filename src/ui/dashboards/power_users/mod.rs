//! The Power users dashboard.

use leptos::prelude::*;

#[component]
pub fn PowerUsersView() -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="power-users">
            <h2>"Power users"</h2>
        </section>
    }
}
