//! The Licences & cost dashboard: seats, their monthly cost and their use per tool and
//! department, unused seats, cost per active person, and the seat prices from Settings.

pub mod model;

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::licences::{DepartmentSeats, ToolSeats};
use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, LicencesModel};

#[component]
pub fn LicencesView() -> impl IntoView {
    let session = expect_context::<Session>();
    let m = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || m.get().map(|m| view! { <LicencesBody model=m /> })
}

#[component]
fn LicencesBody(model: LicencesModel) -> impl IntoView {
    let comparison = model.comparison.clone();
    let has_tools = !model.tools.is_empty();
    view! {
        <section class="dashboard" data-testid="licences">
            <ViewHead title="Licences & cost" period=model.period.clone() />
            <ActionNote action=model.action.clone() />
            <NeedsNote needs=model.needs.clone() />
            <div class="cards cost-cards">
                {model.figures.iter().cloned().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
            </div>
            <Show when=move || has_tools>
                <section class="panel">
                    <h3>"Seats by tool"</h3>
                    <ToolTable tools=model.tools.clone() />
                </section>
            </Show>
            <section class="panel" data-testid="seat-prices">
                <h3>"Seat prices"</h3>
                <p class="muted">"Monthly list price per seat, used for every cost on this page. "
                    <a href="#settings" data-testid="settings-link">"Change them in Settings"</a>"."</p>
                <ul class="plain price-list">
                    {model.prices.iter().map(|(tool, price)| view! {
                        <li data-tool=tool.clone() data-value=format::raw(Some(*price))>
                            <span>{tool.clone()}</span>" "<span class="num">{format::value(Some(*price), Unit::Usd)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <Show when=move || has_tools>
                <section class="panel">
                    <h3>"Monthly seat cost by department"</h3>
                    <Chart spec=model.chart.clone() test_id="licence-cost-chart" summary=model.chart_summary.clone()
                        definition="Seats held by each department's people × the monthly price per seat of each tool (Settings), stacked by tool: an allocation of list prices, not an invoice. ChatGPT seats from the headline week's Users rows, other tools from their latest seat snapshot. Source: user_status, Copilot seat assignments, HRIS departments." />
                </section>
                <section class="panel">
                    <h3>"Seats and weekly use by department"</h3>
                    <p class="muted">{model.department_note.clone()}</p>
                    <DepartmentTable rows=model.departments.clone() />
                </section>
            </Show>
        </section>
    }
}

fn count(v: Option<u32>) -> String {
    format::value(
        v.map(f64::from),
        crate::engine::metrics::definitions::Unit::People,
    )
}

fn share(part: Option<u32>, whole: Option<u32>) -> Option<f64> {
    match (part, whole) {
        (Some(p), Some(w)) if w > 0 => Some(f64::from(p) / f64::from(w)),
        _ => None,
    }
}

#[component]
fn ToolTable(tools: Vec<ToolSeats>) -> impl IntoView {
    view! {
        <TableTools />
        <table class="data-table" data-testid="licence-tools">
            <thead>
                <tr>
                    <th scope="col">"Tool"</th>
                    <th scope="col" class="num">"Seats"</th>
                    <th scope="col" class="num">"Weekly active"</th>
                    <th scope="col" class="num">"Active share"</th>
                    <th scope="col" class="num">"Unused"</th>
                    <th scope="col" class="num">"Price / seat"</th>
                    <th scope="col" class="num">"Monthly cost"</th>
                    <th scope="col" class="num">"Unused cost"</th>
                </tr>
            </thead>
            <tbody>
                {tools.into_iter().map(|t| {
                    let active_share = share(t.weekly_active, Some(t.seats));
                    view! {
                        <tr data-tool=format!("{:?}", t.tool).to_lowercase() data-seats=t.seats.to_string() data-unused=t.unused.to_string() data-cost=format::raw(Some(t.monthly_cost))>
                            <th scope="row">{t.label.clone()}</th>
                            <td class="num">{count(Some(t.seats))}</td>
                            <td class="num">{count(t.weekly_active)}</td>
                            <td class="num">
                                <span class="bar-cell">
                                    <meter min="0" max="1" value=active_share.unwrap_or(0.0).to_string()></meter>
                                    {format::value(active_share, Unit::Rate)}
                                </span>
                            </td>
                            <td class="num">{count(Some(t.unused))}</td>
                            <td class="num">{format::value(Some(t.seat_price), Unit::Usd)}</td>
                            <td class="num">{format::value(Some(t.monthly_cost), Unit::Usd)}</td>
                            <td class="num">{format::value(Some(t.unused_cost), Unit::Usd)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn DepartmentTable(rows: Vec<DepartmentSeats>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted">"No seats to break down."</p> }.into_any();
    }
    view! {
        <TableTools />
        <div class="table-scroll">
        <table class="data-table" data-testid="licence-departments">
            <thead>
                <tr>
                    <th scope="col">"Department"</th>
                    <th scope="col">"Tool"</th>
                    <th scope="col" class="num">"Seats"</th>
                    <th scope="col" class="num">"Weekly active"</th>
                    <th scope="col" class="num">"Active share"</th>
                    <th scope="col" class="num">"Unused"</th>
                    <th scope="col" class="num">"Monthly cost"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let suppressed = r.suppressed;
                    let active_share = share(r.weekly_active, r.seats);
                    view! {
                        <tr class:suppressed=suppressed data-department=r.department.clone() data-tool=format!("{:?}", r.tool).to_lowercase() data-suppressed=suppressed.to_string()>
                            <th scope="row">{r.department.clone()}</th>
                            <td>{r.tool_label.clone()}</td>
                            {if suppressed {
                                view! { <td colspan="5" class="suppressed-note">"Hidden: fewer seat holders than the minimum group size (or needed to protect a smaller group)"</td> }.into_any()
                            } else {
                                view! {
                                    <td class="num">{count(r.seats)}</td>
                                    <td class="num">{count(r.weekly_active)}</td>
                                    <td class="num">{format::value(active_share, Unit::Rate)}</td>
                                    <td class="num">{count(r.unused)}</td>
                                    <td class="num">{format::value(r.monthly_cost, Unit::Usd)}</td>
                                }.into_any()
                            }}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}
