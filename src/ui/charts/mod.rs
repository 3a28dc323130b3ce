//! Charts for every dashboard: a [`ChartSpec`] (plain data, built by a dashboard's pure model)
//! drawn by the [`Chart`] component with plotters on a HiDPI canvas (`draw`), with a legend,
//! the value under the pointer (`readout`), and the numbers as a table for screen readers.

pub mod axis;
pub mod draw;
pub mod png;
pub mod readout;
pub mod spec;

pub use spec::{
    css_colour, Categories, ChartSpec, Heatmap, Scatter, ScatterPoint, Series, Style, PALETTE,
};

use crate::ui::components::chart_canvas::ChartCanvas;
use crate::ui::components::lazy_details::LazyDetails;
use crate::ui::components::table_tools::TableTools;
use crate::ui::format;
use leptos::prelude::*;

/// A chart with its legend, pointer readout and data table.
#[component]
pub fn Chart(
    spec: ChartSpec,
    #[prop(into)] test_id: String,
    /// One sentence saying what the chart shows (its text alternative).
    #[prop(into)]
    summary: String,
    /// What each point is, computed how and from which source fields (behind "Definition").
    #[prop(optional, into)]
    definition: Option<String>,
    /// Why the chart is cut at another grain than the page's, when it is (empty: no note).
    #[prop(optional, into)]
    note: Option<String>,
) -> impl IntoView {
    let note = note.filter(|n| !n.is_empty()).map(|n| view! { <p class="chart-note muted small" data-testid="grain-note">{capitalise(&n)}"."</p> });
    let definition = definition.map(|d| {
        view! {
            <details class="chart-definition">
                <summary>"Definition"</summary>
                <p>{d}</p>
            </details>
        }
    });
    let spec = spec.trim_leading_gaps();
    if spec.is_empty() {
        return view! {
            {note}
            <p class="muted chart-empty" data-testid=test_id>"No data to chart for this selection."</p>
        }
        .into_any();
    }
    let tall = matches!(&spec, ChartSpec::Scatter(_));
    let short = matches!(&spec, ChartSpec::Heatmap(_));
    let figure = NodeRef::<leptos::html::Figure>::new();
    let for_png = StoredValue::new(spec.clone());
    let save_png = move |_| {
        if let Some(figure) = figure.get_untracked() {
            for_png.with_value(|spec| png::download(&figure, spec));
        }
    };
    view! {
        <figure class="chart" class:chart-tall=tall class:chart-short=short node_ref=figure>
            <Legend spec=spec.clone() />
            <ChartCanvas data=spec.clone() draw=draw_spec readout=read_spec summary=summary test_id=test_id />
            {note}
            <div class="chart-foot">
                <DataTable spec=spec />
                {definition}
                <button type="button" class="link small chart-png" data-testid="export-png" on:click=save_png>"PNG"</button>
            </div>
        </figure>
    }
    .into_any()
}

/// "Shown by week: …" from "shown by week: …".
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[allow(clippy::ptr_arg, reason = "matches the ChartCanvas draw signature")]
fn draw_spec(
    root: &plotters::drawing::DrawingArea<plotters_canvas::CanvasBackend, plotters::coord::Shift>,
    spec: &ChartSpec,
    highlight: Option<usize>,
    scale: f64,
) -> Option<crate::ui::components::chart_canvas::PlotArea> {
    draw::draw(root, spec, highlight, scale)
}

fn read_spec(spec: &ChartSpec, hover: Option<usize>) -> String {
    readout::readout(spec, hover)
}

/// Swatches naming each series (lines are drawn as lines, dashed ones dashed).
#[component]
fn Legend(spec: ChartSpec) -> impl IntoView {
    let entries: Vec<(String, usize, bool)> = match &spec {
        ChartSpec::Categories(c) if c.series.len() > 1 || c.series.iter().any(|s| s.dashed) => c
            .series
            .iter()
            .map(|s| (s.name.clone(), s.colour, s.dashed))
            .collect(),
        _ => Vec::new(),
    };
    let line = matches!(&spec, ChartSpec::Categories(c) if c.style == spec::Style::Lines);
    (!entries.is_empty()).then(|| {
        view! {
            <ul class="chart-legend">
                {entries.into_iter().map(|(name, colour, dashed)| view! {
                    <li>
                        <span class="key" class:key-line=line class:key-dashed=dashed
                            style:background-color=if dashed { "transparent".to_string() } else { spec::css_colour(colour) }
                            style:border-color=spec::css_colour(colour)></span>
                        {name}
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

/// The chart's numbers as a table: the text alternative, and exact values.
#[component]
fn DataTable(spec: ChartSpec) -> impl IntoView {
    let (head, rows): (Vec<String>, Vec<Vec<String>>) = match &spec {
        ChartSpec::Categories(c) => {
            let mut head = vec![String::new()];
            head.extend(c.series.iter().map(|s| s.name.clone()));
            let rows = (0..c.x_labels.len())
                .map(|i| {
                    let name = c
                        .x_names
                        .get(i)
                        .or(c.x_labels.get(i))
                        .cloned()
                        .unwrap_or_default();
                    let mut row = vec![name];
                    row.extend(
                        c.series
                            .iter()
                            .map(|s| format::value(s.values.get(i).copied().flatten(), c.unit)),
                    );
                    row
                })
                .collect();
            (head, rows)
        }
        ChartSpec::Scatter(s) => (
            vec![
                String::new(),
                s.x_title.clone(),
                s.y_title.clone(),
                s.size_title.clone(),
            ],
            s.points
                .iter()
                .map(|p| {
                    vec![
                        p.label.clone(),
                        format::value(Some(p.x), s.x_unit),
                        format::value(Some(p.y), s.y_unit),
                        format::thousands(p.size.round() as i64),
                    ]
                })
                .collect(),
        ),
        ChartSpec::Heatmap(h) => {
            let mut head = vec![String::new()];
            head.extend(h.x_labels.iter().cloned());
            let rows = h
                .y_labels
                .iter()
                .zip(&h.cells)
                .map(|(label, cells)| {
                    let mut row = vec![label.clone()];
                    row.extend(cells.iter().map(|v| format::thousands(v.round() as i64)));
                    row
                })
                .collect();
            (head, rows)
        }
    };
    view! {
        <LazyDetails class="chart-data" summary="Chart data">
            <TableTools />
            <div class="table-scroll">
                <table class="data-table">
                    <thead><tr>{head.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {rows.iter().map(|row| {
                            let mut cells = row.iter().cloned();
                            let first = cells.next().unwrap_or_default();
                            view! {
                                <tr>
                                    <th scope="row">{first}</th>
                                    {cells.map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </LazyDetails>
    }
}
