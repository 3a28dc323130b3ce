//! The Licences & cost dashboard.

use leptos::prelude::*;

#[component]
pub fn LicencesView() -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="licences">
            <h2>"Licences & cost"</h2>
        </section>
    }
}
