//! The Credits & budget dashboard.

use leptos::prelude::*;

#[component]
pub fn CreditsView() -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="credits">
            <h2>"Credits & budget"</h2>
        </section>
    }
}
