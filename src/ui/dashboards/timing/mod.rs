//! The Timing dashboard: peak day and hour, and the hour-of-day × weekday heatmap (UTC) of
//! messages over the 28 days ending with the headline week.

pub mod model;

use crate::engine::metrics::definitions::Unit;
use crate::engine::report::Figure;
use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::table_tools::TableTools;
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
            {(!model.by_tool.is_empty()).then(|| view! { <ByTool rows=model.by_tool.clone() /> })}
        </section>
    }
}

/// Each tool with timestamped actions: how many, and when they peak.
#[component]
fn ByTool(rows: Vec<model::ToolTimingRow>) -> impl IntoView {
    view! {
        <section class="panel">
            <h3>"By tool"</h3>
            <p class="muted small">"Each tool's own timestamped actions over the same 28 days, UTC: ChatGPT messages and Codex prompts (compliance log), Cursor requests (usage events export), Gemini actions (audit activities). Tools with daily exports only have no hours."</p>
            <TableTools />
            <table class="data-table" data-testid="timing-by-tool">
                <thead><tr>
                    <th scope="col">"Tool"</th>
                    <th scope="col" class="num">"Actions"</th>
                    <th scope="col">"Peak day"</th>
                    <th scope="col">"Peak hour"</th>
                    <th scope="col" class="num">"Weekend share"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr data-tool=r.tool.clone() data-total=r.total.to_string()
                            data-peak-day=r.peak_day.clone() data-peak-hour=r.peak_hour.clone()
                            data-weekend-share=format::raw(r.weekend_share)>
                            <th scope="row">{r.label.clone()}</th>
                            <td class="num" data-value=r.total.to_string()>{format!("{} {}", format::thousands(r.total as i64), r.counts)}</td>
                            <td>{r.peak_day.clone()}</td>
                            <td>{r.peak_hour.clone()}</td>
                            <td class="num" data-value=format::raw(r.weekend_share)>{format::value(r.weekend_share, Unit::Rate)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
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
