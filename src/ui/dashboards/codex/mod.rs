//! The Codex dashboard: active people, credits and turns by surface, the credit trend by
//! surface, credits per active person by department, code review, and a pseudonymous ranking.

pub mod model;

use crate::engine::metrics::definitions::Unit;
use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, CodexModel};

#[component]
pub fn CodexView() -> impl IntoView {
    let session = expect_context::<Session>();
    let codex = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || codex.get().map(|m| view! { <CodexBody model=m /> })
}

#[component]
fn CodexBody(model: CodexModel) -> impl IntoView {
    let CodexModel {
        period,
        comparison,
        figures,
        action,
        needs,
        reviews_needs,
        surfaces,
        trend,
        trend_summary,
        trend_labels,
        departments,
        teams,
        department_note,
        ranking,
        ranking_note,
    } = model;
    let number = |v: f64| format::value(Some(v), Unit::Number);
    let (usage, review): (Vec<_>, Vec<_>) = figures
        .into_iter()
        .partition(|f| !f.id.starts_with("codex_code_review") && !f.id.starts_with("codex_review"));
    let has_surfaces = !surfaces.is_empty();
    view! {
        <section class="dashboard" data-testid="codex">
            <ViewHead title="Codex" period=period />
            <NeedsNote needs=needs />
            <ActionNote action=action />
            <div class="cards">
                {usage.into_iter().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
            </div>
            <section class="panel">
                <h3>"Surfaces this week"</h3>
                <p class="muted small">"CLI = CODEX_CLI · IDE = CODEX_IDE_* · Cloud = CODEX_WEB · Desktop = CODEX_DESKTOP_APP, CODEX_WORK_DESKTOP · Code review = CODEX_GITHUB · other clients by their id. A person using two surfaces counts on both."</p>
                {if has_surfaces {
                    view! {
                        <TableTools />
                        <table class="data-table" data-testid="codex-surfaces">
                            <thead><tr>
                                <th scope="col">"Surface"</th>
                                <th scope="col" class="num">"Active people"</th>
                                <th scope="col" class="num">"Threads"</th>
                                <th scope="col" class="num">"Turns"</th>
                                <th scope="col" class="num">"Credits"</th>
                            </tr></thead>
                            <tbody>
                                {surfaces.into_iter().map(|s| view! {
                                    <tr data-surface=s.surface.clone() data-active=s.active_people.to_string() data-credits=format::raw(Some(s.credits))>
                                        <th scope="row">{s.surface.clone()}</th>
                                        <td class="num">{format::thousands(i64::from(s.active_people))}</td>
                                        <td class="num">{format::thousands(s.threads as i64)}</td>
                                        <td class="num">{format::thousands(s.turns as i64)}</td>
                                        <td class="num">{number(s.credits)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                } else {
                    view! { <p class="muted">"No Codex client breakdown in the headline week (needs codex.usage_json with clients[])."</p> }.into_any()
                }}
            </section>
            <section class="panel">
                <h3>{format!("Credits by surface, {}", trend_labels.every)}</h3>
                <Chart spec=trend test_id="codex-credit-trend" summary=trend_summary note=trend_labels.note.clone()
                    definition="Σ credits of the period's Codex usage rows by surface (client: CLI, IDE extension, cloud, code review…), stacked. Credits are what OpenAI bills Codex in; their price is a setting. Source: codex.usage_json daily rows (credits, clients[]); a period before Codex data starts is a gap." />
            </section>
            <div class="panel-pair">
                <section class="panel">
                    <h3>"Credits per active person by department and team"</h3>
                    <p class="muted small">{department_note}</p>
                    <CreditGroupTable rows=departments group="Department" test_id="codex-departments" />
                    {(!teams.is_empty()).then(|| view! {
                        <h4 class="section-title">"By team"</h4>
                        <CreditGroupTable rows=teams group="Team" test_id="codex-teams" />
                    })}
                </section>
                <section class="panel">
                    <h3>"Code review"</h3>
                    <NeedsNote needs=reviews_needs />
                    <div class="cards cards-small">
                        {review.into_iter().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
                    </div>
                </section>
            </div>
            <section class="panel">
                <h3>"Most active people (pseudonyms)"</h3>
                {match ranking_note {
                    Some(note) => view! { <p class="muted" data-testid="ranking-hidden">{note}</p> }.into_any(),
                    None => view! {
                        <p class="muted small">"Top 10 by turns in the headline week. Pseudonyms only: the org key holder can re-identify, nobody else."</p>
                        <TableTools />
                        <table class="data-table" data-testid="codex-ranking">
                            <thead><tr>
                                <th scope="col" class="num">"#"</th>
                                <th scope="col">"Person"</th>
                                <th scope="col" class="num">"Turns"</th>
                                <th scope="col" class="num">"Threads"</th>
                                <th scope="col" class="num">"Credits"</th>
                            </tr></thead>
                            <tbody>
                                {ranking.into_iter().enumerate().map(|(i, r)| view! {
                                    <tr data-rank=(i + 1).to_string() data-turns=r.turns.to_string()>
                                        <td class="num">{(i + 1).to_string()}</td>
                                        <td class="mono">{r.pseudonym.clone()}</td>
                                        <td class="num">{format::thousands(r.turns as i64)}</td>
                                        <td class="num">{format::thousands(r.threads as i64)}</td>
                                        <td class="num">{number(r.credits)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }}
            </section>
        </section>
    }
}

/// Codex-active people and credits per group (department or team); suppressed groups say so.
#[component]
fn CreditGroupTable(
    rows: Vec<crate::engine::metrics::codex::DepartmentCredits>,
    group: &'static str,
    test_id: &'static str,
) -> impl IntoView {
    view! {
        <TableTools />
        <table class="data-table" data-testid=test_id>
            <thead><tr>
                <th scope="col">{group}</th>
                <th scope="col" class="num">"Active people"</th>
                <th scope="col" class="num">"Credits"</th>
                <th scope="col" class="num">"Credits / active person"</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|d| {
                    let suppressed = d.suppressed;
                    view! {
                        <tr class:suppressed=suppressed data-department=d.department.clone() data-suppressed=suppressed.to_string() data-value=format::raw(d.credits_per_active_person)>
                            <th scope="row">{d.department.clone()}</th>
                            {if suppressed {
                                view! { <td colspan="3" class="suppressed-note">"Hidden: under the minimum group size (or protecting a smaller group)"</td> }.into_any()
                            } else {
                                view! {
                                    <td class="num">{format::value(d.active_people.map(f64::from), Unit::People)}</td>
                                    <td class="num">{format::value(d.credits, Unit::Number)}</td>
                                    <td class="num">{format::value(d.credits_per_active_person, Unit::Number)}</td>
                                }.into_any()
                            }}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
