//! The dashboard shared by the per-tool views (Claude Code, Cursor, Microsoft 365 Copilot,
//! Gemini): heading, what to load when the tool is absent, the recommended action, figure
//! cards, the trend and the breakdown tables (with CSV/JSON export).

pub mod model;

use crate::engine::metrics::tool_view::{ToolTable, ToolView};
use crate::engine::Report;
use crate::ui::charts::Chart;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, NeedsNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, ToolModel};

/// One tool's dashboard: `pick` takes its section from the Report.
#[component]
pub fn ToolDashboard(
    title: &'static str,
    test_id: &'static str,
    pick: fn(&Report) -> &ToolView,
    /// The trend is one point per snapshot (not at the page's grain).
    #[prop(optional)]
    snapshots: bool,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let m = Memo::new(move |_| {
        session
            .report
            .with(|r| r.as_ref().map(|r| model(r, pick(r), snapshots)))
    });
    move || {
        m.get()
            .map(|m| view! { <ToolBody model=m title=title test_id=test_id /> })
    }
}

#[component]
fn ToolBody(model: ToolModel, title: &'static str, test_id: &'static str) -> impl IntoView {
    let ToolModel {
        period,
        comparison,
        figures,
        action,
        needs,
        trend_title,
        trend_definition,
        trend,
        trend_summary,
        trend_note,
        tables,
    } = model;
    let empty = figures.is_empty();
    view! {
        <section class="dashboard" data-testid=test_id>
            <ViewHead title=title period=period />
            <NeedsNote needs=needs />
            <ActionNote action=action />
            <div class="cards">
                {figures.into_iter().map(|f| view! { <FigureCard figure=f comparison=comparison.clone() /> }).collect_view()}
            </div>
            {(!empty).then(|| view! {
                <section class="panel">
                    <h3>{trend_title}</h3>
                    <Chart spec=trend test_id=format!("{test_id}-trend") summary=trend_summary note=trend_note definition=trend_definition />
                </section>
            })}
            <div class="tool-tables">
                {tables.into_iter().map(|t| view! { <Table table=t /> }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn Table(table: ToolTable) -> impl IntoView {
    let many = table.rows.len() > 8;
    let ToolTable {
        id,
        title,
        note,
        dimension,
        columns,
        rows,
    } = table;
    let units: Vec<_> = columns.iter().map(|c| c.unit).collect();
    view! {
        <section class="panel">
            <h3>{title}</h3>
            <p class="muted small">{note}</p>
            {if rows.is_empty() {
                view! { <p class="muted" data-testid=id>"Nothing in the headline week."</p> }.into_any()
            } else {
                view! {
                    <TableTools />
                    <div class="table-wrap" class:scroll-box=many>
                        <table class="data-table" data-testid=id>
                            <thead><tr>
                                <th scope="col">{dimension}</th>
                                {columns.into_iter().map(|c| view! { <th scope="col" class="num">{c.label}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let units = units.clone();
                                    view! {
                                        <tr data-label=r.label.clone() data-suppressed=r.suppressed.to_string()>
                                            <th scope="row">{r.label.clone()}</th>
                                            {if r.suppressed {
                                                view! { <td class="muted" colspan=units.len().to_string()>"Hidden: fewer people than the minimum group size"</td> }.into_any()
                                            } else {
                                                r.values.into_iter().zip(units).map(|(v, unit)| view! {
                                                    <td class="num" data-value=format::raw(v)>{format::value(v, unit)}</td>
                                                }).collect_view().into_any()
                                            }}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
