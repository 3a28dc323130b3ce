//! The Overview dashboard: headline figures with their change, the recommended action, the
//! weekly-active trend and adoption by department.

pub mod activity;
pub mod chart;
pub mod model;

use crate::engine::metrics::definitions::Unit;
use crate::engine::report::DepartmentRow;
use crate::ui::charts::Chart;
use crate::ui::components::chart_canvas::ChartCanvas;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::lazy_details::LazyDetails;
use crate::ui::components::table_tools::TableTools;
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, OverviewModel};

#[component]
pub fn Overview() -> impl IntoView {
    let session = expect_context::<Session>();
    let overview = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || overview.get().map(|m| view! { <OverviewBody model=m /> })
}

#[component]
fn OverviewBody(model: OverviewModel) -> impl IntoView {
    let comparison = model.comparison.clone();
    let trend = model.trend.clone();
    let summary = {
        let first = trend.first().map(|p| (p.week.clone(), p.active));
        let last = trend.last().map(|p| (p.week.clone(), p.active));
        match (first, last) {
            (Some((w1, a1)), Some((w2, a2))) => format!(
                "Line chart of weekly active users over {} weeks, from {} in the week of {w1} to {} in the week of {w2}.",
                trend.len(), a1, a2
            ),
            _ => "No weekly data.".to_string(),
        }
    };
    let has_period = model.period.is_some() && !model.trend.is_empty();
    view! {
        <section class="dashboard" data-testid="overview">
            <header class="dash-head">
                <div>
                    <h2>"Overview"</h2>
                    <p class="period">
                        {model.period.clone().map(|p| format!("Week of {p}")).unwrap_or_else(|| "No complete week yet".into())}
                        <span class="muted">{format!(" · {}", model.week_start_note)}</span>
                    </p>
                </div>
                <ExportReportButton />
            </header>
            {model.problem.clone().map(|p| view! { <p class="notice">{format!("Weekly figures: {p}.")}</p> })}
            {model.action.clone().map(|a| view! {
                <aside class="action" data-testid="recommended-action">
                    <span class="action-label">"Recommended action"</span>
                    <p>{a}</p>
                </aside>
            })}
            <div class="cards">
                {model.headline.iter().cloned().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
            </div>
            <Funnel funnel=model.funnel.clone() />
            <Show when={let any = !model.across_tools.is_empty(); move || any}>
                <h3 class="section-title">"Across tools"</h3>
            </Show>
            <div class="cards cards-small">
                {model.across_tools.iter().cloned().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
                {(!model.across_tools.is_empty()).then(|| view! { <ToolSplit cross=model.cross_tool.clone() /> })}
            </div>
            <Show when={let any = !model.coding.is_empty(); move || any}>
                <h3 class="section-title">"Coding assistants"</h3>
            </Show>
            <div class="cards">
                {model.coding.iter().cloned().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
            </div>
            <h3 class="section-title">"Licences"</h3>
            <div class="cards cards-small">
                {model.licences.iter().cloned().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
            </div>
            {
                let a = model.activity.clone();
                view! {
                    <section class="panel" data-testid="activity-panel">
                        <h3>{a.title}</h3>
                        <Chart spec=a.chart test_id="activity-chart" summary=a.summary note=a.note.unwrap_or_default() definition=a.definition />
                    </section>
                }
            }
            <Show when=move || has_period>
                <section class="panel">
                    <h3>"ChatGPT weekly active users and seats"</h3>
                    <p class="legend">
                        <span class="swatch active"></span>"Weekly active users "
                        <span class="swatch seats"></span>"Seats (enabled)"
                    </p>
                    <ChartCanvas data=trend.clone() draw=chart::draw_trend readout=trend_readout summary=summary.clone() test_id="trend-chart" />
                    <TrendTable points=trend.clone() />
                    <details class="chart-definition">
                        <summary>"Definition"</summary>
                        <p>"Weekly active: seat holders active in the week (a message sent, or a first or last active day inside it). Seats: people whose user_status is enabled in the week's row (pending invites not counted). Always weekly: the Users export has one row per person and week. Source: chatgpt.users_csv (user_status, is_active, messages, first/last day active in period)."</p>
                    </details>
                </section>
            </Show>
            <section class="panel">
                <h3>"Adoption by department"</h3>
                <p class="muted">{model.department_note.clone()}</p>
                <DepartmentTable rows=model.departments.clone() />
            </section>
        </section>
    }
}

/// Downloads the current Report as JSON (field names documented in the README).
#[component]
pub fn ExportReportButton() -> impl IntoView {
    let session = expect_context::<Session>();
    let export = move |_| {
        session.report.with_untracked(|report| {
            if let Some(report) = report {
                if let Ok(json) = serde_json::to_vec_pretty(report) {
                    crate::ui::browser::download("uptake-report.json", "application/json", &json);
                }
            }
        })
    };
    view! {
        <button type="button" class="button secondary" data-testid="export-report" on:click=export>
            "Export report (JSON)"
        </button>
    }
}

/// "Week of …: 208 weekly active of 324 seats (64 %)" for the hovered (or latest) week.
#[allow(clippy::ptr_arg, reason = "matches the ChartCanvas readout signature")]
fn trend_readout(points: &Vec<model::TrendPoint>, hover: Option<usize>) -> String {
    let index = hover.or(points.len().checked_sub(1));
    match index.and_then(|i| points.get(i)) {
        Some(p) => format!(
            "{}: {} weekly active of {} seats ({})",
            p.week,
            format::thousands(p.active as i64),
            format::thousands(p.seats as i64),
            format::value((p.seats > 0.0).then(|| p.active / p.seats), Unit::Rate)
        ),
        None => String::new(),
    }
}

/// Access → first use → repeat use → deep use, each as a share of the people with access.
#[component]
fn Funnel(funnel: crate::engine::metrics::funnel::FunnelView) -> impl IntoView {
    view! {
        <section class="panel funnel" data-testid="funnel">
            <h3>"Adoption funnel"</h3>
            {funnel.needs.clone().map(|n| view! { <p class="muted">{n}</p> })}
            <ol class="funnel-stages">
                {funnel.stages.into_iter().map(|s| {
                    let share = s.share_of_access.unwrap_or(0.0);
                    view! {
                        <li class="funnel-stage" data-stage=s.id.clone() data-value=format::raw(s.people.map(f64::from))>
                            <span class="funnel-label" title=s.definition.clone()>{s.label.clone()}</span>
                            <span class="funnel-bar"><span class="funnel-fill" style:width=format!("{:.1}%", share * 100.0)></span></span>
                            <span class="num funnel-count">{format::value(s.people.map(f64::from), Unit::People)}</span>
                            <span class="num funnel-share muted">{s.share_of_access.map(|v| format::value(Some(v), Unit::Rate)).unwrap_or_default()}</span>
                            {s.needs.clone().map(|n| view! { <span class="needs small">{n}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <details class="definition">
                <summary>"Definition"</summary>
                <p>"Access: people holding a seat on any tool in the headline week. First use: of them, active at least once up to its end. Repeat use: active in at least 2 of the last 4 weeks. Deep use: a power user (Power users view) in any of the last 4 weeks. Activity on any tool counts."</p>
            </details>
        </section>
    }
}

/// People active on each tool in the headline week, and on how many tools.
#[component]
fn ToolSplit(cross: crate::engine::metrics::activity::CrossTool) -> impl IntoView {
    let any = f64::from(cross.any_tool.max(1));
    view! {
        <article class="card tool-split" data-testid="tool-split">
            <h3>"Active people by tool"</h3>
            <ul class="plain">
                {cross.tools.iter().map(|t| view! {
                    <li class="bar-row" data-tool=format!("{:?}", t.tool).to_lowercase() data-value=t.active_people.to_string()>
                        <span class="bar-label">{t.label.clone()}</span>
                        <meter min="0" max="1" value=(f64::from(t.active_people) / any).to_string()></meter>
                        <span class="num">{format::thousands(i64::from(t.active_people))}</span>
                    </li>
                }).collect_view()}
            </ul>
            <p class="muted small">{format!(
                "{} on one tool, {} on two, {} on three or more.",
                format::thousands(i64::from(cross.one_tool)),
                format::thousands(i64::from(cross.two_tools)),
                format::thousands(i64::from(cross.three_or_more))
            )}</p>
        </article>
    }
}

/// The chart's data as a table, for screen readers and for reading exact values.
#[component]
fn TrendTable(points: Vec<model::TrendPoint>) -> impl IntoView {
    view! {
        <LazyDetails class="chart-data" summary="Chart data">
            <TableTools />
            <table class="data-table">
                <thead><tr><th scope="col">"Week"</th><th scope="col">"Weekly active"</th><th scope="col">"Seats"</th></tr></thead>
                <tbody>
                    {points.iter().map(|p| view! {
                        <tr><td>{p.week.clone()}</td><td class="num">{format::thousands(p.active as i64)}</td><td class="num">{format::thousands(p.seats as i64)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </LazyDetails>
    }
}

#[component]
fn DepartmentTable(rows: Vec<DepartmentRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted">"No department data yet."</p> }.into_any();
    }
    let count = |v: Option<u32>| {
        format::value(
            v.map(f64::from),
            crate::engine::metrics::definitions::Unit::People,
        )
    };
    view! {
        <TableTools />
        <table class="data-table" data-testid="department-table">
            <thead>
                <tr>
                    <th scope="col">"Department"</th>
                    <th scope="col" class="num">"Seats"</th>
                    <th scope="col" class="num">"Activated"</th>
                    <th scope="col" class="num">"Weekly active"</th>
                    <th scope="col" class="num">"Active share"</th>
                    <th scope="col" class="num">"Messages / active user"</th>
                    <th scope="col" class="num">"Advanced-model share"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let suppressed = r.suppressed;
                    let share = r.weekly_active_rate;
                    view! {
                        <tr class:suppressed=suppressed data-department=r.department.clone() data-suppressed=suppressed.to_string()>
                            <th scope="row">{r.department.clone()}</th>
                            {if suppressed {
                                view! { <td colspan="6" class="suppressed-note">"Hidden: fewer people than the minimum group size (or needed to protect a smaller group)"</td> }.into_any()
                            } else {
                                view! {
                                    <td class="num">{count(r.seats)}</td>
                                    <td class="num">{count(r.activated_users)}</td>
                                    <td class="num">{count(r.weekly_active_users)}</td>
                                    <td class="num">
                                        <span class="bar-cell">
                                            <meter min="0" max="1" value=share.unwrap_or(0.0).to_string()></meter>
                                            {format::value(share, Unit::Rate)}
                                        </span>
                                    </td>
                                    <td class="num">{format::value(r.messages_per_active_user_week, Unit::Number)}</td>
                                    <td class="num">{format::value(r.advanced_model_share, Unit::Rate)}</td>
                                }.into_any()
                            }}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
