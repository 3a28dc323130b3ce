//! The Power users dashboard: power users and their share of weekly active people, how
//! concentrated messages are (top 10 % share, Gini, Lorenz curve), and power users by
//! department.

pub mod model;

use crate::engine::metrics::concentration::PowerDepartment;
use crate::engine::metrics::definitions::Unit;
use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, PowerUsersModel};

#[component]
pub fn PowerUsersView() -> impl IntoView {
    let session = expect_context::<Session>();
    let m = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || m.get().map(|m| view! { <PowerUsersBody model=m /> })
}

#[component]
fn PowerUsersBody(model: PowerUsersModel) -> impl IntoView {
    let comparison = model.comparison.clone();
    let has_data = model.needs.is_none();
    view! {
        <section class="dashboard" data-testid="power-users">
            <ViewHead title="Power users & concentration" period=model.period.clone() />
            <ActionNote action=model.action.clone() />
            <NeedsNote needs=model.needs.clone() />
            <div class="cards">
                {model.figures.iter().cloned().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
            </div>
            <p class="muted" data-testid="power-rule">{model.rule.clone()}</p>
            <Show when=move || has_data>
                <div class="panel-pair">
                    <section class="panel">
                        <h3>"How concentrated are messages?"</h3>
                        <Chart spec=model.lorenz.clone() test_id="lorenz-chart" summary=model.lorenz_summary.clone()
                            definition="People sorted from fewest to most messages in the headline week; the curve plots the cumulative share of messages against the cumulative share of active people. The diagonal is perfect equality; the Gini coefficient is the area between them × 2. Source: messages per person (Users export or compliance logs)." />
                    </section>
                    <section class="panel">
                        <h3>"Power users per week"</h3>
                        <Chart spec=model.trend.clone() test_id="power-trend-chart" summary=model.trend_summary.clone() note=model.trend_note.clone()
                            definition="Power users each week (the rule above, from Settings) and the share of the week's messages sent by the top 10 % of active people. Source: messages per person per week (Users export or compliance logs) and tools used in the 28 days ending with the week." />
                    </section>
                </div>
                <section class="panel">
                    <h3>"Power users by department"</h3>
                    <p class="muted">{model.department_note.clone()}</p>
                    <DepartmentTable rows=model.departments.clone() />
                </section>
            </Show>
        </section>
    }
}

#[component]
fn DepartmentTable(rows: Vec<PowerDepartment>) -> impl IntoView {
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
        <table class="data-table" data-testid="power-departments">
            <thead>
                <tr>
                    <th scope="col">"Department"</th>
                    <th scope="col" class="num">"Weekly active"</th>
                    <th scope="col" class="num">"Power users"</th>
                    <th scope="col" class="num">"Power-user share"</th>
                    <th scope="col" class="num">"Messages / active person"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let suppressed = r.suppressed;
                    view! {
                        <tr class:suppressed=suppressed data-department=r.department.clone() data-suppressed=suppressed.to_string() data-power=format::raw(r.power_users.map(f64::from))>
                            <th scope="row">{r.department.clone()}</th>
                            {if suppressed {
                                view! { <td colspan="4" class="suppressed-note">"Hidden: fewer people than the minimum group size (or needed to protect a smaller group)"</td> }.into_any()
                            } else {
                                view! {
                                    <td class="num">{count(r.weekly_active)}</td>
                                    <td class="num">{count(r.power_users)}</td>
                                    <td class="num">
                                        <span class="bar-cell">
                                            <meter min="0" max="1" value=r.power_user_share.unwrap_or(0.0).to_string()></meter>
                                            {format::value(r.power_user_share, Unit::Rate)}
                                        </span>
                                    </td>
                                    <td class="num">{format::value(r.messages_per_active, Unit::Number)}</td>
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
