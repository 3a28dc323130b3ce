//! The Session depth dashboard: sessions per active person and messages per session, week by
//! week on two small charts side by side, the verdict when sessions rise but depth does not,
//! and the headline week per tool.

pub mod model;

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::depth::ToolDepth;
use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, SessionsModel};

#[component]
pub fn SessionsView() -> impl IntoView {
    let session = expect_context::<Session>();
    let sessions = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || sessions.get().map(|m| view! { <SessionsBody model=m /> })
}

#[component]
fn SessionsBody(model: SessionsModel) -> impl IntoView {
    let comparison = model.comparison.clone();
    let has_weeks = model.needs.is_none();
    view! {
        <section class="dashboard" data-testid="sessions">
            <ViewHead title="Session depth" period=model.period.clone() />
            <NeedsNote needs=model.needs.clone() />
            <ActionNote action=model.action.clone() />
            <div class="cards">
                {model.figures.iter().cloned().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
            </div>
            {model.verdict.clone().map(|v| view! {
                <p class="verdict" data-testid="depth-verdict"><strong>"Verdict: "</strong>{v}</p>
            })}
            <Show when=move || has_weeks>
                <section class="panel">
                    <h3>{format!("Sessions and depth, {}", model.trend.every)}</h3>
                    <p class="muted">{format!(
                        "A session is a run of one person's messages with gaps under {} minutes; it counts in the {unit} of its first message. A {unit} without message data is a gap, not a zero.",
                        model.gap_minutes,
                        unit = model.trend.unit
                    )}</p>
                    <div style:display="grid" style:grid-template-columns="repeat(auto-fit, minmax(260px, 1fr))" style:gap="1rem">
                        <div>
                            <h4 class="section-title">"Sessions per active person"</h4>
                            <Chart spec=model.sessions_chart.clone() test_id="sessions-chart" summary=model.sessions_summary.clone() note=model.trend.note.clone()
                                definition="Sessions started in the period ÷ distinct people who sent at least one message in it. A session is one person's run of user messages on one tool with gaps under the session gap (Settings); it counts in the period of its first message. Source: message create_time and author role in the compliance logs." />
                        </div>
                        <div>
                            <h4 class="section-title">"Messages per session"</h4>
                            <Chart spec=model.depth_chart.clone() test_id="depth-chart" summary=model.depth_summary.clone()
                                definition="User messages in the sessions started in the period ÷ those sessions (answers are not counted). Source: compliance-log messages with author role user, grouped into sessions by the session gap." />
                        </div>
                    </div>
                </section>
                <section class="panel">
                    <h3>"By tool, headline week"</h3>
                    <ToolTable rows=model.tools.clone() />
                </section>
            </Show>
        </section>
    }
}

/// Sessions per person and depth for each tool with message events (ChatGPT, Codex prompts).
#[component]
fn ToolTable(rows: Vec<ToolDepth>) -> impl IntoView {
    view! {
        <TableTools />
        <table class="data-table" data-testid="depth-tools">
            <thead>
                <tr>
                    <th scope="col">"Tool"</th>
                    <th scope="col" class="num">"People who sent a message"</th>
                    <th scope="col" class="num">"Sessions"</th>
                    <th scope="col" class="num">"Sessions per person"</th>
                    <th scope="col" class="num">"Messages per session"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr data-tool=format!("{:?}", r.tool).to_lowercase() data-sessions=r.sessions.to_string()>
                        <th scope="row">{r.label.clone()}</th>
                        <td class="num">{format::thousands(i64::from(r.active_people))}</td>
                        <td class="num">{format::thousands(i64::from(r.sessions))}</td>
                        <td class="num">{format::value(r.sessions_per_active_user, Unit::Number)}</td>
                        <td class="num">{format::value(r.messages_per_session, Unit::Number)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
