//! The Credits & budget dashboard: the month's usage cost and credits, each tool's budget used,
//! remaining and projected (alerts at 75 %, 90 %, 100 %), and credits by model and surface.

pub mod model;

use crate::engine::metrics::credits::{BudgetRow, DepartmentBudgetRow, UsageRow};
use crate::engine::metrics::definitions::Unit;
use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, CreditsModel};

#[component]
pub fn CreditsView() -> impl IntoView {
    let session = expect_context::<Session>();
    let m = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || m.get().map(|m| view! { <CreditsBody model=m /> })
}

#[component]
fn CreditsBody(model: CreditsModel) -> impl IntoView {
    let has_usage = !model.budgets.is_empty();
    let no_budget = model.no_budget;
    let price = model.credit_price;
    view! {
        <section class="dashboard" data-testid="credits">
            <ViewHead title="Credits & budget" period=model.period.clone() />
            <ActionNote action=model.action.clone() />
            <NeedsNote needs=model.needs.clone() />
            <div class="cards cost-cards">
                {model.figures.iter().cloned().map(|f| view! { <FigureCard figure=f comparison="(monthly figure)" /> }).collect_view()}
            </div>
            <Show when=move || no_budget>
                <p class="notice" data-testid="no-budget">
                    "No monthly budget is set for any tool, so there are no alerts. "
                    <a href="#settings" data-testid="settings-link">"Set budgets in Settings"</a>
                    " (alerts at 75 %, 90 % and 100 %)."
                </p>
            </Show>
            <Show when=move || has_usage>
                <section class="panel">
                    <h3>"Budget by tool"</h3>
                    <BudgetTable rows=model.budgets.clone() />
                    <Chart spec=model.chart.clone() test_id="budget-chart" summary=model.chart_summary.clone()
                        definition="Per tool: cost so far this calendar month (credits × the credit price, or billed amounts), the projection to month end at the month's average daily rate, and the monthly budget set in Settings, with alerts at 75 %, 90 % and 100 % of it. Source: Codex and ChatGPT credit usage, GitHub billing usage." />
                </section>
                <section class="panel">
                    <h3>"Budget by department"</h3>
                    <DepartmentBudgetTable rows=model.department_budgets.clone() unattributed=model.unattributed_usd />
                </section>
                <section class="panel">
                    <h3>"Credits and cost by model"</h3>
                    <p class="muted">{format!(
                        "Cost is the billed amount where the export gives money (GitHub net amount, after included requests); otherwise credits × {} per credit (Settings).",
                        format::value(Some(price), Unit::Usd)
                    )}</p>
                    <UsageTable rows=model.by_model.clone() test_id="credits-by-model" label="Model" multipliers=true />
                </section>
                <section class="panel">
                    <h3>"Credits and cost by surface"</h3>
                    <UsageTable rows=model.by_surface.clone() test_id="credits-by-surface" label="Surface / SKU" />
                </section>
            </Show>
        </section>
    }
}

#[component]
fn BudgetTable(rows: Vec<BudgetRow>) -> impl IntoView {
    let money = |v: Option<f64>| format::value(v, Unit::Usd);
    view! {
        <TableTools />
        <table class="data-table" data-testid="budget-table">
            <thead>
                <tr>
                    <th scope="col">"Tool"</th>
                    <th scope="col" class="num">"Used"</th>
                    <th scope="col" class="num">"Budget"</th>
                    <th scope="col" class="num">"Remaining"</th>
                    <th scope="col" class="num">"Used share"</th>
                    <th scope="col" class="num">"Projected month end"</th>
                    <th scope="col">"Alerts"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|b| {
                    let over = b.projected_share.is_some_and(|s| s > 1.0);
                    view! {
                        <tr data-tool=format!("{:?}", b.tool).to_lowercase() data-used=format::raw(Some(b.used)) data-projected=format::raw(Some(b.projected))>
                            <th scope="row">{b.tool_label.clone()}</th>
                            <td class="num">{money(Some(b.used))}</td>
                            <BudgetCell budget=b.budget />
                            <td class="num">{money(b.remaining)}</td>
                            <td class="num">
                                <span class="bar-cell">
                                    <meter min="0" max="1" low="0.75" high="0.9" optimum="0" value=b.used_share.unwrap_or(0.0).min(1.0).to_string()></meter>
                                    {format::value(b.used_share, Unit::Rate)}
                                </span>
                            </td>
                            <td class="num" class:over-budget=over>{money(Some(b.projected))}
                                {b.projected_share.map(|s| format!(" ({})", format::value(Some(s), Unit::Rate)))}</td>
                            <AlertsCell alerts=b.alerts.clone() none=b.budget.is_some() />
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A budget, or a link to set one.
#[component]
fn BudgetCell(budget: Option<f64>) -> impl IntoView {
    view! {
        <td class="num">{match budget {
            Some(v) => view! { <span>{format::value(Some(v), Unit::Usd)}</span> }.into_any(),
            None => view! { <a href="#settings" class="muted">"set a budget"</a> }.into_any(),
        }}</td>
    }
}

/// The alert thresholds reached; "none" (when `none`) if a budget is set and none is.
#[component]
fn AlertsCell(alerts: Vec<u32>, none: bool) -> impl IntoView {
    view! {
        <td>
            {alerts.iter().map(|a| view! {
                <span class="budget-alert" class:alert-high={*a >= 90} data-alert=a.to_string()>{format!("{a} %")}</span>
            }).collect_view()}
            {(none && alerts.is_empty()).then(|| view! { <span class="muted">"none"</span> })}
        </td>
    }
}

#[component]
fn DepartmentBudgetTable(rows: Vec<DepartmentBudgetRow>, unattributed: f64) -> impl IntoView {
    let money = |v: Option<f64>| format::value(v, Unit::Usd);
    if rows.is_empty() {
        return view! { <p class="muted">"No usage this month names a person, so none can be attributed to a department."</p> }.into_any();
    }
    view! {
        <p class="muted small">"Usage cost attributed through each person's department (HRIS first). Departments with fewer people with usage than the minimum group size are hidden, with the next-smallest where a total would reveal them."
            {(unattributed > 0.0).then(|| format!(" {} of this month's usage names no person (organisation rows) and is in no department.", money(Some(unattributed))))}
        </p>
        <TableTools />
        <div class="table-scroll">
        <table class="data-table" data-testid="department-budget-table">
            <thead>
                <tr>
                    <th scope="col">"Department"</th>
                    <th scope="col" class="num">"People with usage"</th>
                    <th scope="col" class="num">"Used"</th>
                    <th scope="col" class="num">"Budget"</th>
                    <th scope="col" class="num">"Remaining"</th>
                    <th scope="col" class="num">"Projected month end"</th>
                    <th scope="col">"Alerts"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|b| {
                    let over = b.projected_share.is_some_and(|s| s > 1.0);
                    let suppressed = b.suppressed;
                    view! {
                        <tr class:suppressed=suppressed data-department=b.department.clone() data-suppressed=suppressed.to_string() data-used=format::raw(b.used)>
                            <th scope="row">{b.department.clone()}</th>
                            {if suppressed {
                                view! { <td colspan="2" class="suppressed-note">"Hidden: under the minimum group size (or protecting a smaller group)"</td> }.into_any()
                            } else {
                                view! {
                                    <td class="num">{format::value(b.people.map(f64::from), Unit::People)}</td>
                                    <td class="num">{money(b.used)}</td>
                                }.into_any()
                            }}
                            <BudgetCell budget=b.budget />
                            <td class="num">{money(b.remaining)}</td>
                            <td class="num" class:over-budget=over>{money(b.projected)}
                                {b.projected_share.map(|s| format!(" ({})", format::value(Some(s), Unit::Rate)))}</td>
                            <AlertsCell alerts=b.alerts.clone() none=b.budget.is_some() && !suppressed />
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}

#[component]
fn UsageTable(
    rows: Vec<UsageRow>,
    #[prop(into)] test_id: String,
    #[prop(into)] label: String,
    /// Show the premium-request multiplier column (the by-model table).
    #[prop(optional)]
    multipliers: bool,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted">"No usage in this month."</p> }.into_any();
    }
    view! {
        <TableTools />
        <div class="table-scroll">
        <table class="data-table" data-testid=test_id>
            <thead>
                <tr>
                    <th scope="col">"Tool"</th>
                    <th scope="col">{label}</th>
                    <th scope="col" class="num">"Quantity"</th>
                    {multipliers.then(|| view! { <th scope="col" class="num" title="Premium-request multiplier (Settings) and the requests before it">"Multiplier"</th> })}
                    <th scope="col" class="num">"Credits"</th>
                    <th scope="col" class="num">"Gross (list)"</th>
                    <th scope="col" class="num">"Cost"</th>
                    <th scope="col">"Basis"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let quantity = if r.quantity > 0.0 {
                        format!("{} {}", format::value(Some(r.quantity), Unit::Number), r.unit)
                    } else {
                        "—".to_string()
                    };
                    view! {
                        <tr data-tool=format!("{:?}", r.tool).to_lowercase() data-label=r.label.clone() data-credits=format::raw(Some(r.credits)) data-usd=format::raw(Some(r.usd))>
                            <td>{r.tool_label.clone()}</td>
                            <th scope="row">{r.label.clone()}</th>
                            <td class="num">{quantity}</td>
                            {multipliers.then(|| view! {
                                <td class="num" data-multiplier=format::raw(r.multiplier)>{match (r.multiplier, r.requests) {
                                    (Some(m), Some(q)) => format!("×{} ({} requests)", format::raw(Some(m)), format::value(Some(q), Unit::Number)),
                                    (Some(m), None) => format!("×{} (included)", format::raw(Some(m))),
                                    (None, _) if r.unit.contains("request") => "not in Settings".to_string(),
                                    (None, _) => "—".to_string(),
                                }}</td>
                            })}
                            <td class="num">{format::value(Some(r.credits), Unit::Number)}</td>
                            <td class="num">{if r.gross_usd > 0.0 { format::value(Some(r.gross_usd), Unit::Usd) } else { "—".into() }}</td>
                            <td class="num">{format::value(Some(r.usd), Unit::Usd)}</td>
                            <td class="muted">{if r.basis == "billed" { "billed" } else { "credits × price" }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}
