//! The Departments dashboard: one dot per department (sessions per active person per week
//! against messages per session, sized by seats), separating frequent short use from rare long
//! use, with the minimum group size applied, and the same numbers as a table.

pub mod model;

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::department_usage::{DepartmentUsageRow, UsageBasis};
use crate::ui::charts::Chart;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, DepartmentsModel};

#[component]
pub fn DepartmentsView() -> impl IntoView {
    let session = expect_context::<Session>();
    let departments = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || {
        departments
            .get()
            .map(|m| view! { <DepartmentsBody model=m /> })
    }
}

#[component]
fn DepartmentsBody(model: DepartmentsModel) -> impl IntoView {
    let basis = match model.basis {
        UsageBasis::Sessions => "sessions",
        UsageBasis::UsersCsv => "users_csv",
        UsageBasis::None => "none",
    };
    view! {
        <section class="dashboard" data-testid="departments" data-basis=basis data-hidden=model.hidden.to_string()>
            <ViewHead title="Departments" period=model.period.clone() />
            <NeedsNote needs=model.needs.clone() />
            <ActionNote action=model.action.clone() />
            {(model.basis != UsageBasis::None).then(|| view! {
                <section class="panel">
                    <h3>{if model.basis == UsageBasis::Sessions { "How often against how long" } else { "Reach against volume" }}</h3>
                    <p class="muted">{model.basis_note.clone()}</p>
                    {(!model.hidden_note.is_empty()).then(|| view! {
                        <p class="notice" data-testid="departments-hidden">{model.hidden_note.clone()}</p>
                    })}
                    {model.chart.clone().map(|spec| view! {
                        <Chart spec=spec test_id="departments-scatter" summary=model.chart_summary.clone()
                            definition="One dot per department shown: across, sessions per active person in the headline week; up, messages per session; dot size, seats held. Frequent-short use sits bottom right, rare-long use top left. Groups under the minimum group size are hidden. Source: compliance-log sessions (or Users-export messages when no log is loaded), seats from the Users export, departments from HRIS." />
                    })}
                </section>
                <section class="panel">
                    <h3>"By department, headline week"</h3>
                    <UsageTable rows=model.rows.clone() organisation=model.organisation.clone() />
                    <details class="definition">
                        <summary>"Definitions"</summary>
                        {model.definitions.iter().map(|d| view! {
                            <p><strong>{d.label.clone()}": "</strong>{d.formula.clone()}</p>
                        }).collect_view()}
                    </details>
                </section>
            })}
        </section>
    }
}

#[component]
fn UsageTable(
    rows: Vec<DepartmentUsageRow>,
    organisation: Option<DepartmentUsageRow>,
) -> impl IntoView {
    let count = |v: Option<u32>| {
        format::value(
            v.map(f64::from),
            crate::engine::metrics::definitions::Unit::People,
        )
    };
    let number = |v: Option<f64>| format::value(v, Unit::Number);
    let line = move |r: DepartmentUsageRow, total: bool| {
        let suppressed = r.suppressed;
        let cells = if suppressed {
            view! { <td colspan="6" class="suppressed-note">"Hidden: fewer people than the minimum group size (or needed to protect a smaller group)"</td> }.into_any()
        } else {
            view! {
                <td class="num">{count(r.seats)}</td>
                <td class="num">{count(r.session_people)}</td>
                <td class="num">{number(r.sessions_per_active_person_week)}</td>
                <td class="num">{number(r.messages_per_session)}</td>
                <td class="num">{number(r.messages_per_active_person_week)}</td>
                <td class="num">{format::value(r.active_share, Unit::Rate)}</td>
            }
            .into_any()
        };
        view! {
            <tr class:suppressed=suppressed class:total=total data-department=r.department.clone() data-suppressed=suppressed.to_string()
                data-sessions-per-person=format::raw(r.sessions_per_active_person_week)
                data-messages-per-session=format::raw(r.messages_per_session)>
                <th scope="row">{r.department.clone()}</th>
                {cells}
            </tr>
        }
    };
    view! {
        <TableTools />
        <table class="data-table" data-testid="departments-table">
            <thead>
                <tr>
                    <th scope="col">"Department"</th>
                    <th scope="col" class="num">"Seats"</th>
                    <th scope="col" class="num">"People in sessions"</th>
                    <th scope="col" class="num">"Sessions per person"</th>
                    <th scope="col" class="num">"Messages per session"</th>
                    <th scope="col" class="num">"Messages per active person"</th>
                    <th scope="col" class="num">"Weekly active share"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| line(r, false)).collect_view()}
                {organisation.map(|r| line(r, true))}
            </tbody>
        </table>
    }
}
