//! The Data view: what was loaded, each file's coverage, skipped rows and notes, and how the
//! weeks are cut.

use crate::ui::components::source_list::source_rows;
use crate::ui::components::table_tools::TableTools;
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;

#[component]
pub fn DataView() -> impl IntoView {
    let session = expect_context::<Session>();
    let rows = Memo::new(move |_| {
        session.report.with(|r| {
            session
                .reading
                .with(|reading| source_rows(r.as_ref(), reading))
        })
    });
    let week_note = move || {
        session.report.with(|r| {
            r.as_ref()
                .map(|r| format!("Weeks start on {}.", r.week_start_reason))
        })
    };
    view! {
        <section class="dashboard" data-testid="data-view">
            <header class="dash-head"><h2>"Data"</h2></header>
            <p class="muted">{week_note}</p>
            <TableTools />
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">"File"</th><th scope="col">"Format"</th><th scope="col">"Covers"</th><th scope="col" class="num">"Days without rows"</th>
                        <th scope="col" class="num">"Rows"</th><th scope="col" class="num">"Skipped"</th>
                        <th scope="col" class="num">"Already loaded"</th><th scope="col">"Notes"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || rows.get().into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{r.file_name.clone()}<br/><span class="muted">{format::bytes(r.size_bytes)}</span></th>
                            <td><code>{r.format_id}</code><br/><span class="muted">{r.format_label}</span></td>
                            <td class="nowrap">{r.coverage.clone().unwrap_or_else(|| "—".into())}</td>
                            <td class="num">{if r.missing_days > 0 { format::thousands(i64::from(r.missing_days)) } else { "—".to_string() }}</td>
                            <td class="num">{format::thousands(r.rows as i64)}</td>
                            <td class="num">{format::thousands(r.skipped as i64)}</td>
                            <td class="num">{format::thousands(r.duplicates as i64)}</td>
                            <td>
                                <ul class="plain">
                                    {r.error.clone().map(|e| view! { <li class="error">{e}</li> })}
                                    {r.skipped_examples.iter().map(|s| view! { <li>"Skipped " {s.clone()}</li> }).collect_view()}
                                    {r.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
                                </ul>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
