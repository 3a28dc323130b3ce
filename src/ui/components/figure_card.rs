//! One headline figure: its value (the `data-metric` / `data-value` contract), the change vs
//! the comparison week, and its definition one click away.

use crate::engine::metrics::definitions::Better;
use crate::engine::report::Figure;
use crate::ui::format;
use leptos::prelude::*;

#[component]
pub fn FigureCard(figure: Figure, #[prop(into)] comparison: String) -> impl IntoView {
    let value_text = format::value(figure.value, figure.unit);
    let delta = format::delta(figure.value, figure.previous, figure.unit);
    let raw = format::raw(figure.value);
    let needs = figure.needs.clone();
    view! {
        <article class="card" data-metric=figure.id.clone() data-value=raw>
            <h3>{figure.label.clone()}</h3>
            <p class="card-value" class:muted=figure.value.is_none()>{value_text}</p>
            {match (delta, needs) {
                (Some((text, change)), _) => view! {
                    <p class="delta" class:good={improved(figure.better, change) == Some(true)} class:bad={improved(figure.better, change) == Some(false)}>
                        {text} <span class="delta-note">{format!(" {comparison}")}</span>
                    </p>
                }.into_any(),
                (None, Some(needs)) => view! { <p class="needs">{needs}</p> }.into_any(),
                (None, None) => view! { <p class="delta-note">"No comparison week in the data"</p> }.into_any(),
            }}
            <details class="definition">
                <summary>"Definition"</summary>
                <p>{figure.definition.clone()}</p>
                <p class="sources">"Source: " {figure.sources.clone()}</p>
            </details>
        </article>
    }
}

/// Whether a change is an improvement (`None`: no change, or a figure with no good direction).
fn improved(better: Better, change: f64) -> Option<bool> {
    match better {
        _ if change == 0.0 => None,
        Better::Higher => Some(change > 0.0),
        Better::Lower => Some(change < 0.0),
        Better::Neither => None,
    }
}
