//! The My usage dashboard: one person's own ChatGPT use, from their personal export, shown
//! only when one is loaded and never mixed into the organisation's views.

pub mod model;

use crate::engine::metrics::my_usage::MyShare;
use crate::engine::report::Figure;
use crate::ui::charts::Chart;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, MyUsageModel};

#[component]
pub fn MyUsageView() -> impl IntoView {
    let session = expect_context::<Session>();
    let mine = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || mine.get().map(|m| view! { <MyUsageBody model=m /> })
}

#[component]
fn MyUsageBody(model: MyUsageModel) -> impl IntoView {
    let available = model.available;
    view! {
        <section class="dashboard" data-testid="my-usage">
            <ViewHead title="My usage" period=model.period.clone() />
            <NeedsNote needs=model.needs.clone() />
            <Show when=move || available>
                <p class="muted">"From your own ChatGPT export: only you see this, and it is never added to the organisation's figures. Titles and message text are not kept, only lengths."</p>
                <section class="panel" data-testid="my-observations">
                    <h3>"What stands out"</h3>
                    <ul class="observations">
                        {model.observations.iter().cloned().map(|o| view! { <li>{o}</li> }).collect_view()}
                    </ul>
                </section>
                <div class="cards cards-small">
                    {model.figures.iter().cloned().map(|f| view! { <MyCard figure=f /> }).collect_view()}
                </div>
                <section class="panel">
                    <h3>"Messages you sent and sessions, week by week"</h3>
                    <Chart spec=model.weekly_chart.clone() test_id="my-weekly-chart" summary=model.weekly_summary.clone()
                        definition="Your messages (author role user, visible branch only) and sessions (runs of messages with gaps under the session gap, counted in the week of their first message) per week, from your first message to your last. Source: conversations.json create_time." />
                </section>
                <div class="panel-row">
                    <section class="panel">
                        <h3>"Models that answered you"</h3>
                        <Chart spec=model.models_chart.clone() test_id="my-models-chart" summary=model.models_summary.clone()
                            definition="Share of your messages by the model of the answer that followed (metadata.model_slug, else the conversation's default_model_slug)." />
                    </section>
                    <section class="panel">
                        <h3>"How long your prompts are"</h3>
                        <Chart spec=model.lengths_chart.clone() test_id="my-lengths-chart" summary=model.lengths_summary.clone()
                            definition="Share of your messages by length in characters (Unicode scalar values of the text parts). Only the length is read: the text is dropped as the file is read." />
                    </section>
                </div>
                <section class="panel">
                    <h3>"When you use it (UTC)"</h3>
                    <p class="muted">"Hours are UTC, not your local time."</p>
                    <Chart spec=model.heatmap.clone() test_id="my-heatmap" summary=model.heatmap_summary.clone()
                        definition="Your messages by UTC hour of day and weekday over the whole export." />
                </section>
                <section class="panel">
                    <h3>"Custom GPTs and projects"</h3>
                    <AssistantTable rows=model.assistants.clone() />
                </section>
            </Show>
        </section>
    }
}

/// One of your figures: over the whole export, so there is no comparison week to show.
#[component]
fn MyCard(figure: Figure) -> impl IntoView {
    view! {
        <article class="card" data-metric=figure.id.clone() data-value=format::raw(figure.value)>
            <h3>{figure.label.clone()}</h3>
            <p class="card-value" class:muted=figure.value.is_none()>{format::value(figure.value, figure.unit)}</p>
            <details class="definition">
                <summary>"Definition"</summary>
                <p>{figure.definition.clone()}</p>
                <p class="sources">"Source: " {figure.sources.clone()}</p>
            </details>
        </article>
    }
}

#[component]
fn AssistantTable(rows: Vec<MyShare>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted">"You have not used a custom GPT or a project in these conversations."</p> }.into_any();
    }
    view! {
        <p class="muted small">"Numbered in order of first use: their ids are hashed and their names are not read."</p>
        // Your own table, for you: downloaded here, never part of the organisation's outputs.
        <TableTools />
        <table class="data-table" data-testid="my-assistants">
            <thead>
                <tr>
                    <th scope="col">"Custom GPT or project"</th>
                    <th scope="col" class="num">"Conversations"</th>
                    <th scope="col" class="num" data-value="Messages">"Messages (share)"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <th scope="row">{r.label.clone()}</th>
                        <td class="num">{r.conversations}</td>
                        <td class="num" data-value=r.messages.to_string()>{format!("{} ({:.0}%)", r.messages, r.share * 100.0)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
