//! The Model mix dashboard: the advanced-model share, each model's weekly share as stacked bars,
//! and the tier table (every model seen, its tier and share). The tier list is edited in the
//! Settings view.

pub mod model;

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::models::ModelTierRow;
use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, ModelsModel};

#[component]
pub fn ModelsView() -> impl IntoView {
    let session = expect_context::<Session>();
    let models = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || models.get().map(|m| view! { <ModelsBody model=m /> })
}

#[component]
fn ModelsBody(model: ModelsModel) -> impl IntoView {
    let comparison = model.comparison.clone();
    view! {
        <section class="dashboard" data-testid="models">
            <ViewHead title="Model mix" period=model.period.clone() />
            <NeedsNote needs=model.needs.clone() />
            <ActionNote action=model.action.clone() />
            <div class="cards">
                {model.figures.iter().cloned().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
            </div>
            {model.chart.clone().map(|spec| view! {
                <section class="panel">
                    <h3>{format!("Each model's share, {}", model.trend.every)}</h3>
                    <p class="muted">{format!("{} The top models have their own band; the rest are \"Other\".", model.basis_note)}</p>
                    <Chart spec=spec test_id="models-chart" summary=model.chart_summary.clone() note=model.trend.note.clone()
                        definition="Each model's messages ÷ all messages with a model in the period. From the Users export: model_to_messages of the period's rows (weekly rows by week, monthly rows by month, never split). From compliance logs: the model of each answer and Codex prompt. Models outside the top ones are grouped as Other; the advanced tier is the model-tier table below." />
                </section>
            })}
            {(!model.tiers.is_empty()).then(|| view! {
                <section class="panel">
                    <h3>"Model tiers"</h3>
                    <p class="muted">
                        "A model is in the advanced tier when its name starts with one of: "
                        <strong data-testid="advanced-prefixes">{model.prefixes.clone()}</strong>
                        ". "
                        <a href="#settings" data-testid="edit-tiers">"Edit the tier list in Settings"</a>
                        "."
                    </p>
                    <TierTable rows=model.tiers.clone() />
                </section>
            })}
        </section>
    }
}

#[component]
fn TierTable(rows: Vec<ModelTierRow>) -> impl IntoView {
    view! {
        <TableTools />
        <table class="data-table" data-testid="model-tiers">
            <thead>
                <tr>
                    <th scope="col">"Model"</th>
                    <th scope="col">"Tier"</th>
                    <th scope="col">"Matched by"</th>
                    <th scope="col" class="num">"Count, headline week"</th>
                    <th scope="col" class="num">"Share, headline week"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|t| {
                    let tier = if t.advanced { "advanced" } else { "standard" };
                    view! {
                        <tr data-model=t.model.clone() data-tier=tier data-share=format::raw(t.share)>
                            <th scope="row">{t.model.clone()}</th>
                            <td><span class="tier-tag" class:advanced=t.advanced>{tier}</span></td>
                            <td>{t.matched_prefix.clone().map_or_else(|| "—".to_string(), |p| format!("starts with \"{p}\""))}</td>
                            <td class="num">{format::thousands(t.count as i64)}</td>
                            <td class="num">
                                <span class="bar-cell">
                                    <meter min="0" max="1" value=t.share.unwrap_or(0.0).to_string()></meter>
                                    {format::value(t.share, Unit::Rate)}
                                </span>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
