//! The People dashboard: a sortable pseudonymous table (click a column header), hidden entirely
//! in aggregate-only mode.

pub mod model;

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::people_table::PersonRow;
use crate::ui::components::table_tools::TableTools;
use crate::ui::components::view_frame::{ActionNote, ViewHead};
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;
use model::{model, sorted, Column, PeopleModel};

#[component]
pub fn PeopleView() -> impl IntoView {
    let session = expect_context::<Session>();
    let people = Memo::new(move |_| session.report.with(|r| r.as_ref().map(model)));
    move || people.get().map(|m| view! { <PeopleBody model=m /> })
}

#[component]
fn PeopleBody(model: PeopleModel) -> impl IntoView {
    let PeopleModel {
        period,
        hidden,
        note,
        definition,
        action,
        rows,
        summary,
    } = model;
    let sort = RwSignal::new((Column::ActionsWeek, true));
    let shown = Memo::new(move |_| {
        let (column, descending) = sort.get();
        sorted(&rows, column, descending)
    });
    let header = move |column: Column| {
        let active = move || sort.get().0 == column;
        let aria = move || match sort.get() {
            (c, true) if c == column => "descending",
            (c, false) if c == column => "ascending",
            _ => "none",
        };
        let click = move |_| {
            sort.update(|(c, d)| {
                if *c == column {
                    *d = !*d;
                } else {
                    *c = column;
                    *d = column.numeric();
                }
            })
        };
        view! {
            <th scope="col" class:num=column.numeric() aria-sort=aria>
                <button type="button" class="sort-button" class:sorted=active data-testid="sort" data-column=column.id() on:click=click>
                    {column.label()}
                    <span class="sort-mark" aria-hidden="true">{move || match sort.get() {
                        (c, true) if c == column => "▼",
                        (c, false) if c == column => "▲",
                        _ => "",
                    }}</span>
                </button>
            </th>
        }
    };
    view! {
        <section class="dashboard" data-testid="people">
            <ViewHead title="People" period=period />
            {note.map(|n| view! { <p class="notice" data-testid="people-note">{n}</p> })}
            {(!hidden).then(|| view! {
                <ActionNote action=action.clone() />
                <section class="panel">
                    <p class="muted small">{summary.clone()}" "{definition.clone()}</p>
                    <TableTools />
                    <div class="table-scroll">
                        <table class="data-table" data-testid="people-table">
                            <thead><tr>{Column::ALL.into_iter().map(header).collect_view()}</tr></thead>
                            <tbody>
                                <For each=move || shown.get() key=|r: &PersonRow| r.pseudonym.clone() let:r>
                                    <PersonLine row=r />
                                </For>
                            </tbody>
                        </table>
                    </div>
                </section>
            })}
        </section>
    }
}

#[component]
fn PersonLine(row: PersonRow) -> impl IntoView {
    let active = row.active_tools_week.clone();
    view! {
        <tr data-person=row.pseudonym.clone() data-actions-week=row.actions_week.to_string() data-seat-cost=format::raw(Some(row.monthly_seat_cost))>
            <td class="mono">{row.pseudonym.clone()}</td>
            <td class:muted={row.department == "Suppressed"}>{row.department.clone()}</td>
            <td>{row.tools.iter().enumerate().map(|(i, t)| {
                let on = active.contains(t);
                view! { {(i > 0).then_some(", ")}<span class:strong=on>{t.clone()}</span> }
            }).collect_view()}</td>
            <td class="num">{format::thousands(row.actions_week as i64)}</td>
            <td class="num">{format::thousands(row.actions_28_days as i64)}</td>
            <td class="num">{format::value(Some(row.monthly_seat_cost), Unit::Usd)}</td>
        </tr>
    }
}
