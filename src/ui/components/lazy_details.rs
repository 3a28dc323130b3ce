//! A `<details>` whose content is built the first time it is opened, then kept. A chart's data
//! table (every value of the chart, as text) sits closed under each chart: building all of
//! them with the dashboard made a third of its elements and kept the page busy for tens of
//! milliseconds after each new Report, for tables most people never open.

use leptos::html::Details;
use leptos::prelude::*;

#[component]
pub fn LazyDetails(
    /// The `<details>` element's class.
    class: &'static str,
    /// The `<summary>` text.
    summary: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let built = RwSignal::new(false);
    let node = NodeRef::<Details>::new();
    let build_if_open = move || {
        let open = node
            .get_untracked()
            .is_some_and(|d| d.has_attribute("open"));
        if open && !built.get_untracked() {
            built.set(true);
        }
    };
    // A new Report may render this component onto the element of the previous one, which the
    // reader left open: build at once then, as no toggle event will come.
    Effect::new(move |_| {
        node.track();
        build_if_open();
    });
    view! {
        <details node_ref=node class=class data-built=move || built.get().to_string()
            on:toggle=move |_| build_if_open()>
            <summary>{summary}</summary>
            {move || built.get().then(|| children())}
        </details>
    }
}
