//! The Prompt quality dashboard: average prompt length week by week and the mix of short,
//! medium and long prompts by department (minimum group size applied).

pub mod model;

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::prompts::PromptDepartment;
use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, PromptsModel};

#[component]
pub fn PromptsView() -> impl IntoView {
    let session = expect_context::<Session>();
    let prompts = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || prompts.get().map(|m| view! { <PromptsBody model=m /> })
}

#[component]
fn PromptsBody(model: PromptsModel) -> impl IntoView {
    let comparison = model.comparison.clone();
    let has_data = model.needs.is_none();
    view! {
        <section class="dashboard" data-testid="prompts">
            <ViewHead title="Prompt quality" period=model.period.clone() />
            <NeedsNote needs=model.needs.clone() />
            <ActionNote action=model.action.clone() />
            <div class="cards cards-small">
                {model.figures.iter().cloned().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
            </div>
            <Show when=move || has_data>
                <section class="panel">
                    <h3>{format!("Average prompt length, {}", model.trend.every)}</h3>
                    <Chart spec=model.trend_chart.clone() test_id="prompt-length-chart" summary=model.trend_summary.clone() note=model.trend.note.clone()
                        definition="Mean length in characters of the prompts people sent in the period (Σ characters ÷ prompts). Only the length is read: the text is dropped at parse time. Source: compliance-log messages with author role user (content length)." />
                </section>
                <section class="panel">
                    <h3>"Short, medium and long prompts by department"</h3>
                    <p class="muted">{model.mix_note.clone()}</p>
                    <Chart spec=model.mix_chart.clone() test_id="prompt-mix-chart" summary=model.mix_summary.clone()
                        definition="Each department's prompts split into under 50, 50–200 and over 200 characters, as shares of its prompts over the 28 days ending with the headline week. Departments under the minimum group size are hidden, with the next-smallest where a total would reveal them. Source: compliance-log prompt lengths, departments from HRIS." />
                    <MixTable rows=model.departments.clone() />
                </section>
            </Show>
        </section>
    }
}

#[component]
fn MixTable(rows: Vec<PromptDepartment>) -> impl IntoView {
    let rate = |v: Option<f64>| format::value(v, Unit::Rate);
    view! {
        <TableTools />
        <table class="data-table" data-testid="prompt-departments">
            <thead>
                <tr>
                    <th scope="col">"Department"</th>
                    <th scope="col" class="num">"Group size"</th>
                    <th scope="col" class="num">"Prompts"</th>
                    <th scope="col" class="num">"Average length"</th>
                    <th scope="col" class="num">"Under 50"</th>
                    <th scope="col" class="num">"50–200"</th>
                    <th scope="col" class="num">"Over 200"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let suppressed = r.suppressed;
                    view! {
                        <tr class:suppressed=suppressed data-department=r.department.clone() data-suppressed=suppressed.to_string()
                            data-avg-chars=format::raw(r.avg_chars)>
                            <th scope="row">{r.department.clone()}</th>
                            {if suppressed {
                                view! { <td colspan="6" class="suppressed-note">"Hidden: fewer people than the minimum group size (or needed to protect a smaller group)"</td> }.into_any()
                            } else {
                                view! {
                                    <td class="num">{format::value(r.group_size.map(f64::from), Unit::People)}</td>
                                    <td class="num">{format::value(r.prompts.map(|v| v as f64), Unit::People)}</td>
                                    <td class="num">{format::value(r.avg_chars, Unit::Number)}</td>
                                    <td class="num">{rate(r.short_share)}</td>
                                    <td class="num">{rate(r.medium_share)}</td>
                                    <td class="num">{rate(r.long_share)}</td>
                                }.into_any()
                            }}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
