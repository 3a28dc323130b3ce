//! The History dashboard: how the AI-active population moves month over month (new, retained,
//! reactivated, lapsed) and how long a new seat waits for its first use. It fills as snapshots
//! add months beyond each vendor's window.

pub mod model;

use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, HistoryModel};

#[component]
pub fn HistoryView() -> impl IntoView {
    let session = expect_context::<Session>();
    let history = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || history.get().map(|m| view! { <HistoryBody model=m /> })
}

fn opt(v: Option<u32>) -> String {
    v.map_or_else(|| "—".into(), |v| format::thousands(i64::from(v)))
}

#[component]
fn HistoryBody(model: HistoryModel) -> impl IntoView {
    let window = model.unused_after_days;
    view! {
        <section class="dashboard" data-testid="history">
            <ViewHead title="History" period=model.period.clone() />
            <NeedsNote needs=model.needs.clone() />
            <ActionNote action=model.action.clone() />
            <div class="cards cards-small">
                {model.figures.iter().cloned().map(|f| view! { <FigureCard figure=f comparison="the month before" /> }).collect_view()}
            </div>
            {model.cohort_chart.clone().map(|spec| view! {
                <section class="panel">
                    <h3>"AI-active people by cohort, month by month"</h3>
                    <Chart spec=spec test_id="cohort-chart"
                        summary="AI-active people each whole month, split into people retained from the month before, reactivated after a gap, and new."
                        definition="A person is AI-active in a month with any activity in any tool that month (a weekly or monthly row counts in the month of its last day; a seat's last-activity date does not count). New: first month with activity in the data. Retained: active this month and the month before. Reactivated: active this month, not the month before, but earlier. Lapsed: active the month before, not this month. Only months every tool's data covers entirely are shown." />
                </section>
            })}
            {(!model.months.is_empty()).then(|| view! {
                <section class="panel">
                    <h3>"Cohorts by month"</h3>
                    <TableTools />
                    <table class="data-table" data-testid="cohort-table">
                        <thead><tr>
                            <th scope="col">"Month"</th><th scope="col" class="num">"Active"</th><th scope="col" class="num">"New"</th>
                            <th scope="col" class="num">"Retained"</th><th scope="col" class="num">"Reactivated"</th>
                            <th scope="col" class="num">"Lapsed"</th><th scope="col" class="num">"Retention"</th>
                        </tr></thead>
                        <tbody>
                            {model.months.iter().map(|m| view! {
                                <tr>
                                    <th scope="row">{m.label.clone()}</th>
                                    <td class="num" data-value=m.active.to_string()>{format::thousands(i64::from(m.active))}</td>
                                    <td class="num" data-value=m.new.to_string()>{format::thousands(i64::from(m.new))}</td>
                                    <td class="num" data-value=m.retained.to_string()>{format::thousands(i64::from(m.retained))}</td>
                                    <td class="num" data-value=m.reactivated.to_string()>{format::thousands(i64::from(m.reactivated))}</td>
                                    <td class="num" data-value=if m.previous_covered { m.lapsed.to_string() } else { String::new() }>
                                        {if m.previous_covered { format::thousands(i64::from(m.lapsed)) } else { "—".into() }}</td>
                                    <td class="num" data-value=format::raw(m.retention_rate)>{format::value(m.retention_rate, crate::engine::metrics::definitions::Unit::Rate)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="muted small">"Lapsed and retention need the month before to be covered entirely: “—” otherwise."</p>
                </section>
            })}
            <section class="panel">
                <h3>"From seat to first use"</h3>
                <NeedsNote needs=model.first_use_needs.clone() />
                {model.first_use_chart.clone().map(|spec| view! {
                    <Chart spec=spec test_id="first-use-chart"
                        summary="People with a seat by the days between the seat's assignment and their first use of the tool."
                        definition="Days from a person's earliest seat assignment for a tool (seat created_at) to their first activity on that tool in the data; first use before the seat date counts as 0. Seats assigned before the tool's data begins are left out (their first use cannot be known). Never used: a seat with no activity on that tool in the data." />
                })}
                {(!model.first_use.is_empty()).then(|| view! {
                    <TableTools />
                    <table class="data-table" data-testid="first-use-table">
                        <thead><tr>
                            <th scope="col">"Tool"</th><th scope="col" class="num">"People with a seat"</th><th scope="col" class="num">"Used it"</th>
                            <th scope="col" class="num">"Median days"</th><th scope="col" class="num">"75th percentile"</th>
                            <th scope="col" class="num">{format!("Never used after {window} days")}</th>
                        </tr></thead>
                        <tbody>
                            {model.first_use.iter().map(|t| view! {
                                <tr>
                                    <th scope="row">{t.label.clone()}</th>
                                    <td class="num">{format::thousands(i64::from(t.seated))}</td>
                                    <td class="num">{format::thousands(i64::from(t.used))}</td>
                                    <td class="num">{opt(t.median_days)}</td>
                                    <td class="num">{opt(t.p75_days)}</td>
                                    <td class="num">{format::thousands(i64::from(t.never_used_after_window))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
            </section>
        </section>
    }
}
