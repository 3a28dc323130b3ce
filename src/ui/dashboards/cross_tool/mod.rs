//! The Cross-tool dashboard: people on each tool, overlaps, the tool split by department, and
//! people holding two coding assistants.

pub mod model;

use crate::engine::metrics::definitions::Unit;
use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, CrossToolModel};

#[component]
pub fn CrossToolView() -> impl IntoView {
    let session = expect_context::<Session>();
    let cross = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || cross.get().map(|m| view! { <CrossToolBody model=m /> })
}

#[component]
fn CrossToolBody(model: CrossToolModel) -> impl IntoView {
    let CrossToolModel {
        period,
        comparison,
        figures,
        view: v,
        tool_labels,
        departments,
        split_chart,
        split_summary,
        department_note,
    } = model;
    let people = |n: u32| format::thousands(i64::from(n));
    let any = f64::from(v.any_tool.max(1));
    let overlaps = [
        ("1", "One tool", v.one_tool),
        ("2", "Two tools", v.two_tools),
        ("3+", "Three or more", v.three_or_more),
    ];
    let dual = v.dual_coding.clone();
    let labels_for_head = tool_labels.clone();
    view! {
        <section class="dashboard" data-testid="cross-tool">
            <ViewHead title="Cross-tool" period=period />
            <NeedsNote needs=v.needs.clone() />
            <ActionNote action=v.action.clone() />
            <div class="cards cards-small">
                {figures.into_iter().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
                <article class="card" data-metric="coding_dual_holders" data-value=dual.people.to_string()>
                    <h3>"People with two coding assistants"</h3>
                    <p class="card-value">{people(dual.people)}</p>
                    <p class="delta-note">{format!("{} of them used both this week", people(dual.active_on_two))}</p>
                    <details class="definition">
                        <summary>"Definition"</summary>
                        <p>{dual.note.clone()}</p>
                    </details>
                </article>
            </div>
            <div class="panel-pair">
                <section class="panel" data-testid="tool-actives">
                    <h3>"Active people by tool"</h3>
                    <ul class="plain">
                        {v.tools.iter().map(|t| view! {
                            <li class="bar-row" data-tool=format!("{:?}", t.tool).to_lowercase() data-value=t.active_people.to_string() data-only=t.only_this_tool.to_string()>
                                <span class="bar-label">{t.label.clone()}<span class="muted small">{format!(" · {} only this tool", people(t.only_this_tool))}</span></span>
                                <meter min="0" max="1" value=(f64::from(t.active_people) / any).to_string()></meter>
                                <span class="num">{people(t.active_people)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
                <section class="panel" data-testid="tool-overlaps">
                    <h3>"How many tools each active person uses"</h3>
                    <ul class="plain">
                        {overlaps.into_iter().map(|(key, label, n)| view! {
                            <li class="bar-row" data-tools=key data-value=n.to_string()>
                                <span class="bar-label">{label}</span>
                                <meter min="0" max="1" value=(f64::from(n) / any).to_string()></meter>
                                <span class="num">{people(n)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                    <TableTools />
                    <table class="data-table" data-testid="tool-pairs">
                        <thead><tr><th scope="col">"Both of"</th><th scope="col" class="num">"People"</th></tr></thead>
                        <tbody>
                            {v.pairs.iter().map(|p| view! {
                                <tr data-value=p.people.to_string()>
                                    <th scope="row">{format!("{} + {}", p.first, p.second)}</th>
                                    <td class="num">{people(p.people)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            </div>
            <section class="panel">
                <h3>"Tool split by department"</h3>
                <p class="muted small">{department_note}</p>
                <Chart spec=split_chart test_id="tool-split-departments" summary=split_summary
                    definition="Each department's people active in the headline week, split by tool: a person active on two tools counts once under each. Departments under the minimum group size are hidden (with complementary suppression). Source: every loaded tool's activity; departments from HRIS, else the vendor's field." />
                <TableTools />
                <table class="data-table" data-testid="tool-split-table">
                    <thead><tr>
                        <th scope="col">"Department"</th>
                        <th scope="col" class="num">"AI-active people"</th>
                        <th scope="col" class="num">"On 2+ tools"</th>
                        {labels_for_head.into_iter().map(|l| view! { <th scope="col" class="num">{l}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {departments.into_iter().map(|d| {
                            let suppressed = d.suppressed;
                            let span = (tool_labels.len() + 2).to_string();
                            view! {
                                <tr class:suppressed=suppressed data-department=d.department.clone() data-suppressed=suppressed.to_string()
                                    data-any-tool=d.active_people.map(|n| n.to_string()).unwrap_or_default()
                                    data-multi-tool=d.multi_tool.map(|n| n.to_string()).unwrap_or_default()>
                                    <th scope="row">{d.department.clone()}</th>
                                    {if suppressed {
                                        view! { <td colspan=span class="suppressed-note">"Hidden: under the minimum group size (or protecting a smaller group)"</td> }.into_any()
                                    } else {
                                        view! {
                                            <td class="num">{format::value(d.active_people.map(f64::from), Unit::People)}</td>
                                            <td class="num">{format::value(d.multi_tool.map(f64::from), Unit::People)}</td>
                                            {d.shares.iter().map(|s| view! { <td class="num">{format::value(*s, Unit::Rate)}</td> }).collect_view()}
                                        }.into_any()
                                    }}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
            <section class="panel" data-testid="dual-coding">
                <h3>"Two coding assistants"</h3>
                <p class="muted small">{dual.note.clone()}</p>
                {if dual.combinations.is_empty() {
                    view! { <p class="muted">"Nobody holds two coding assistants."</p> }.into_any()
                } else {
                    view! {
                        <TableTools />
                        <table class="data-table">
                            <thead><tr><th scope="col">"Tools held"</th><th scope="col" class="num">"People"</th><th scope="col" class="num">"Monthly seat cost"</th></tr></thead>
                            <tbody>
                                {dual.combinations.iter().map(|c| view! {
                                    <tr data-value=c.people.to_string()>
                                        <th scope="row">{c.tools.clone()}</th>
                                        <td class="num">{people(c.people)}</td>
                                        <td class="num">{format::value(Some(c.monthly_seat_cost), Unit::Usd)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
        </section>
    }
}
