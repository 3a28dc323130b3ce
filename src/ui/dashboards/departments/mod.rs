//! The Departments dashboard.

use leptos::prelude::*;

#[component]
pub fn DepartmentsView() -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="departments">
            <h2>"Departments"</h2>
        </section>
    }
}
