//! One headline figure: its value (the `data-metric` / `data-value` contract), the change vs
//! the comparison week, and its definition one click away.

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
                    <p class="delta" class:up={change > 0.0} class:down={change < 0.0}>
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
