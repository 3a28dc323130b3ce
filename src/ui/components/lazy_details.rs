//! A `<details>` whose content is built the first time it is opened, then kept. A chart's data
//! table (every value of the chart, as text) sits closed under each chart: building all of
//! them with the dashboard made a third of its elements and kept the page busy for tens of
//! milliseconds after each new Report, for tables most people never open.

use leptos::prelude::*;

#[component]
pub fn LazyDetails(
    /// The `<details>` element's class.
    class: &'static str,
    /// The `<summary>` text.
    summary: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let opened = RwSignal::new(false);
    view! {
        <details class=class data-built=move || opened.get().to_string()
            on:toggle=move |_| if !opened.get_untracked() { opened.set(true) }>
            <summary>{summary}</summary>
            {move || opened.get().then(|| children())}
        </details>
    }
}
