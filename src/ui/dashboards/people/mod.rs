//! The People dashboard.

use leptos::prelude::*;

#[component]
pub fn PeopleView() -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="people">
            <h2>"People"</h2>
        </section>
    }
}
