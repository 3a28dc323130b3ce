//! The Tokens by team dashboard: input and output tokens per active person, their 14-week trend,
//! the output/input ratio, the split by tool and by department, and the monthly seat cost
//! allocated to each department.

pub mod model;

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::tokens::{SeatCostRow, TokenDepartmentRow, ToolTokens};
use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, TokensModel};

#[component]
pub fn TokensView() -> impl IntoView {
    let session = expect_context::<Session>();
    let tokens = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || tokens.get().map(|m| view! { <TokensBody model=m /> })
}

#[component]
fn TokensBody(model: TokensModel) -> impl IntoView {
    let comparison = model.comparison.clone();
    view! {
        <section class="dashboard" data-testid="tokens">
            <ViewHead title="Tokens by team" period=model.period.clone() />
            <NeedsNote needs=model.needs.clone() />
            <ActionNote action=model.action.clone() />
            <div class="cards">
                {model.figures.iter().cloned().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
            </div>
            {(model.input_chart.is_some() || model.output_chart.is_some()).then(|| view! {
                <section class="panel">
                    <h3>{format!("Tokens per active person, {}", model.trend.every)}</h3>
                    <p class="muted">{format!("Each {unit}: the {unit}'s tokens / the people with token data that {unit} (recounted every {unit}). A {unit} without token data is a gap, not a zero.", unit = model.trend.unit)}</p>
                    <div class="usage-pair">
                        {model.input_chart.clone().map(|spec| view! {
                            <div>
                                <h4 class="section-title">"Input tokens per person"</h4>
                                <Chart spec=spec test_id="tokens-input-chart" summary=model.input_summary.clone() note=model.trend.note.clone()
                                    definition="Σ input tokens (cached input included) in the period ÷ distinct people with token data in it. A person-day counted by both a daily usage row and events keeps the daily row. Source: Codex usage (input_tokens, cached_input_tokens) and ChatGPT analytics usage." />
                            </div>
                        })}
                        {model.output_chart.clone().map(|spec| view! {
                            <div>
                                <h4 class="section-title">"Output tokens per person"</h4>
                                <Chart spec=spec test_id="tokens-output-chart" summary=model.output_summary.clone()
                                    definition="Σ output tokens in the period ÷ distinct people with token data in it. Source: Codex usage (output_tokens) and ChatGPT analytics usage." />
                            </div>
                        })}
                    </div>
                </section>
            })}
            {(!model.tools.is_empty()).then(|| view! {
                <section class="panel">
                    <h3>"By tool, headline week"</h3>
                    <ToolTable rows=model.tools.clone() />
                </section>
            })}
            {(!model.departments.is_empty()).then(|| view! {
                <section class="panel">
                    <h3>"By department, headline week"</h3>
                    <p class="muted">{model.department_note.clone()}</p>
                    <DepartmentTable rows=model.departments.clone() />
                </section>
            })}
            {(!model.seat_costs.is_empty()).then(|| view! {
                <section class="panel">
                    <h3>"Monthly seat cost by department (allocated)"</h3>
                    <p class="muted">{model.seat_cost_note.clone()}</p>
                    <SeatCostTable rows=model.seat_costs.clone() />
                    <details class="definition">
                        <summary>"Definition"</summary>
                        <p>{model.seat_cost_definition.clone()}</p>
                    </details>
                </section>
            })}
        </section>
    }
}

fn tokens(v: Option<f64>) -> String {
    format::value(v, Unit::Number)
}

fn count(v: Option<u32>) -> String {
    format::value(
        v.map(f64::from),
        crate::engine::metrics::definitions::Unit::People,
    )
}

/// Output/input as a percentage ("3.7 %"): easier to read than 0.037.
fn ratio(v: Option<f64>) -> String {
    format::value(v, Unit::Rate)
}

#[component]
fn ToolTable(rows: Vec<ToolTokens>) -> impl IntoView {
    view! {
        <TableTools />
        <table class="data-table" data-testid="tokens-tools">
            <thead>
                <tr>
                    <th scope="col">"Tool"</th>
                    <th scope="col" class="num">"People with token data"</th>
                    <th scope="col" class="num">"Input per person"</th>
                    <th scope="col" class="num">"Output per person"</th>
                    <th scope="col" class="num">"Output / input"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|t| view! {
                    <tr data-tool=format!("{:?}", t.tool).to_lowercase() data-input-per-person=format::raw(t.input_per_person) data-output-per-person=format::raw(t.output_per_person)>
                        <th scope="row">{t.label.clone()}</th>
                        <td class="num">{format::thousands(i64::from(t.people))}</td>
                        <td class="num">{tokens(t.input_per_person)}</td>
                        <td class="num">{tokens(t.output_per_person)}</td>
                        <td class="num">{ratio(t.output_input_ratio)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn DepartmentTable(rows: Vec<TokenDepartmentRow>) -> impl IntoView {
    view! {
        <TableTools />
        <table class="data-table" data-testid="tokens-departments">
            <thead>
                <tr>
                    <th scope="col">"Department"</th>
                    <th scope="col" class="num">"People with token data"</th>
                    <th scope="col" class="num">"Input per person"</th>
                    <th scope="col" class="num">"Output per person"</th>
                    <th scope="col" class="num">"Output / input"</th>
                    <th scope="col" class="num">"Share of all tokens"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let suppressed = r.suppressed;
                    view! {
                        <tr class:suppressed=suppressed data-department=r.department.clone() data-suppressed=suppressed.to_string() data-input-per-person=format::raw(r.input_per_person) data-output-per-person=format::raw(r.output_per_person)>
                            <th scope="row">{r.department.clone()}</th>
                            {if suppressed {
                                view! { <td colspan="5" class="suppressed-note">"Hidden: too few people (or needed to protect a smaller group)"</td> }.into_any()
                            } else {
                                view! {
                                    <td class="num">{count(r.people)}</td>
                                    <td class="num">{tokens(r.input_per_person)}</td>
                                    <td class="num">{tokens(r.output_per_person)}</td>
                                    <td class="num">{ratio(r.output_input_ratio)}</td>
                                    <td class="num">
                                        <span class="bar-cell">
                                            <meter min="0" max="1" value=r.token_share.unwrap_or(0.0).to_string()></meter>
                                            {format::value(r.token_share, Unit::Rate)}
                                        </span>
                                    </td>
                                }.into_any()
                            }}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn SeatCostTable(rows: Vec<SeatCostRow>) -> impl IntoView {
    view! {
        <TableTools />
        <table class="data-table" data-testid="tokens-seat-costs">
            <thead>
                <tr>
                    <th scope="col">"Department"</th>
                    <th scope="col" class="num">"Seats"</th>
                    <th scope="col" class="num">"Monthly seat cost"</th>
                    <th scope="col" class="num">"People with token data"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let suppressed = r.suppressed;
                    view! {
                        <tr class:suppressed=suppressed data-department=r.department.clone() data-suppressed=suppressed.to_string() data-monthly-cost=format::raw(r.monthly_cost)>
                            <th scope="row">{r.department.clone()}</th>
                            {if suppressed {
                                view! { <td colspan="3" class="suppressed-note">"Hidden: fewer seat holders than the minimum group size (or needed to protect a smaller group)"</td> }.into_any()
                            } else {
                                view! {
                                    <td class="num">{count(r.seats)}</td>
                                    <td class="num">{format::value(r.monthly_cost, Unit::Usd)}</td>
                                    <td class="num">{count(r.token_people)}</td>
                                }.into_any()
                            }}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
