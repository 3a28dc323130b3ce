//! The Timing dashboard: peak day and hour, and the hour-of-day × weekday heatmap (UTC) of
//! messages over the 28 days ending with the headline week.

pub mod model;

use crate::engine::report::Figure;
use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, TimingModel};

#[component]
pub fn TimingView() -> impl IntoView {
    let session = expect_context::<Session>();
    let timing = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || timing.get().map(|m| view! { <TimingBody model=m /> })
}

#[component]
fn TimingBody(model: TimingModel) -> impl IntoView {
    view! {
        <section class="dashboard" data-testid="timing">
            <ViewHead title="Timing" period=model.period.clone() />
            <NeedsNote needs=model.needs.clone() />
            <ActionNote action=model.action.clone() />
            <div class="cards cards-small">
                {model.peaks.iter().cloned().map(|(f, text)| view! { <PeakCard figure=f text=text /> }).collect_view()}
                {model.figures.iter().cloned().map(|f| view! { <FigureCard figure=f comparison="" /> }).collect_view()}
            </div>
            {model.chart.clone().map(|spec| view! {
                <section class="panel">
                    <h3>{model.chart_title.clone()}</h3>
                    <p class="muted">"Hours are UTC, not local time: shift by your offices' time zones when reading them."</p>
                    <Chart spec=spec test_id="timing-chart" summary=model.summary.clone()
                        definition="User-initiated events (messages, prompts, Codex turns) counted by UTC hour of day and weekday over the selected range. Only timestamped sources are used; daily and weekly rows have no time of day. Source: compliance-log create_time and Codex event timestamps." />
                </section>
            })}
        </section>
    }
}

/// A peak (day or hour): the raw number in `data-value`, the day or hour in words.
#[component]
fn PeakCard(figure: Figure, text: String) -> impl IntoView {
    let missing = figure.value.is_none();
    view! {
        <article class="card" data-metric=figure.id.clone() data-value=format::raw(figure.value)>
            <h3>{figure.label.clone()}</h3>
            <p class="card-value" class:muted=missing>{text}</p>
            {figure.needs.clone().map(|n| view! { <p class="needs">{n}</p> })}
            <details class="definition">
                <summary>"Definition"</summary>
                <p>{figure.definition.clone()}</p>
                <p class="sources">"Source: " {figure.sources.clone()}</p>
            </details>
        </article>
    }
}
