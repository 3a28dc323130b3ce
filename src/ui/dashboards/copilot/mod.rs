//! The Copilot dashboard: active and engaged people, acceptance by count and lines (Σ / Σ), by
//! IDE, language, model and feature, CLI use, and seats never used or idle.

pub mod model;

use crate::engine::metrics::copilot::BreakdownTable;
use crate::engine::metrics::definitions::Unit;
use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, CopilotModel};

#[component]
pub fn CopilotView() -> impl IntoView {
    let session = expect_context::<Session>();
    let copilot = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || copilot.get().map(|m| view! { <CopilotBody model=m /> })
}

#[component]
fn CopilotBody(model: CopilotModel) -> impl IntoView {
    let CopilotModel {
        period,
        comparison,
        top,
        seats_and_cli,
        action,
        needs,
        seats,
        seat_price,
        unused_days,
        breakdowns,
        people_trend,
        acceptance_trend,
        trend_summary,
        trend_labels,
    } = model;
    let people = |n: u32| format::thousands(i64::from(n));
    let seat_rows = [
        ("used", "Used in the last window", seats.recently_used),
        ("idle", "Idle (last activity before the window)", seats.idle),
        ("never", "Never used", seats.never_used),
        ("excused", "New seat, new hire or on leave", seats.excused),
    ];
    let total = f64::from(seats.seats.max(1));
    view! {
        <section class="dashboard" data-testid="copilot">
            <ViewHead title="GitHub Copilot" period=period />
            <NeedsNote needs=needs />
            <ActionNote action=action />
            <div class="cards">
                {top.into_iter().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
            </div>
            <div class="panel-pair">
                <section class="panel">
                    <h3>{format!("Active and engaged people, {}", trend_labels.every)}</h3>
                    <Chart spec=people_trend test_id="copilot-people-trend" summary=trend_summary note=trend_labels.note.clone()
                        definition="Active: distinct people with a Copilot interaction, accepted suggestion or native last-activity date in the period. Engaged (weekly only): active on at least two days of the week, or beyond completions at least once (a chat, agent or CLI prompt, or the coding agent). Source: Copilot usage metrics (user_initiated_interaction_count, code_acceptance_activity_count) and seat last_activity_at." />
                </section>
                <section class="panel">
                    <h3>{format!("Acceptance rate, {}", trend_labels.every)}</h3>
                    <Chart spec=acceptance_trend test_id="copilot-acceptance-trend" summary=format!("Line of the Copilot acceptance rate per {}, Σ accepted / Σ suggested in each.", trend_labels.unit)
                        definition="Σ accepted suggestions ÷ Σ suggestions shown in the period: from totals, never a mean of daily rates. From user rows when loaded, else from the organisation's usage rows. Source: code_acceptance_activity_count and code_generation_activity_count." />
                </section>
            </div>
            <h3 class="section-title">"Seats and CLI"</h3>
            <div class="cards">
                {seats_and_cli.into_iter().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
            </div>
            <section class="panel" data-testid="copilot-seats">
                <h3>"Seat assignments"</h3>
                <p class="muted small">{format!(
                    "{} seats at ${seat_price:.0} a month; window: the last {unused_days} days of the headline week. Idle and never-used seats cost {} a month.",
                    people(seats.seats),
                    format::value(Some(seats.monthly_cost_of_unused), Unit::Usd)
                )}</p>
                <ul class="plain">
                    {seat_rows.into_iter().map(|(key, label, n)| view! {
                        <li class="bar-row wide-label" data-seat-state=key data-value=n.to_string()>
                            <span class="bar-label">{label}</span>
                            <meter min="0" max="1" value=(f64::from(n) / total).to_string()></meter>
                            <span class="num">{people(n)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <h3 class="section-title">"Acceptance by IDE, language, model and feature (headline week)"</h3>
            <p class="muted small">"Each rate is Σ accepted / Σ suggested within the row. Rows come from the report's breakdown arrays and never add up to the totals (a person can use two IDEs)."</p>
            <div class="panel-pair">
                {breakdowns.into_iter().map(|t| view! { <Breakdown table=t /> }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn Breakdown(table: BreakdownTable) -> impl IntoView {
    let id = format!("copilot-by-{}", table.dimension.to_lowercase());
    let many = table.rows.len() > 8;
    let rows = table.rows;
    view! {
        <section class="panel">
            <h3>{format!("By {}", table.dimension.to_lowercase())}</h3>
            <TableTools />
            <div class:scroll-box=many>
                <table class="data-table" data-testid=id>
                    <thead><tr>
                        <th scope="col">{table.dimension.clone()}</th>
                        <th scope="col" class="num">"People"</th>
                        <th scope="col" class="num">"Suggested"</th>
                        <th scope="col" class="num">"Accepted"</th>
                        <th scope="col" class="num">"Rate"</th>
                        <th scope="col" class="num">"Lines rate"</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| view! {
                            <tr data-label=r.label.clone() data-value=format::raw(r.acceptance_rate)>
                                <th scope="row">{r.label.clone()}</th>
                                <td class="num">{format::value(r.active_people.map(f64::from), Unit::People)}</td>
                                <td class="num">{format::thousands(r.suggestions as i64)}</td>
                                <td class="num">{format::thousands(r.acceptances as i64)}</td>
                                <td class="num">{format::value(r.acceptance_rate, Unit::Rate)}</td>
                                <td class="num">{format::value(r.lines_acceptance_rate, Unit::Rate)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
