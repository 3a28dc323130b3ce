//! The printed report's data-protection summary, written from what this session did: which
//! exports were read (rows kept and skipped), what parsing dropped, how identifiers were
//! hashed, the group-size floor, and that nothing left the browser.

use crate::engine::dataset::SourceState;
use crate::ui::format;
use crate::ui::state::Session;
use leptos::prelude::*;

#[component]
pub fn DataProtection() -> impl IntoView {
    let session = expect_context::<Session>();
    move || {
        session.report.with(|r| {
            r.as_ref().map(|r| {
                let done: Vec<_> = r.sources.iter().filter(|s| s.state == SourceState::Done).collect();
                let refused = r.sources.len() - done.len();
                let skipped: u64 = done.iter().map(|s| s.diagnostics.rows_skipped).sum();
                let rows: u64 = done.iter().map(|s| s.diagnostics.rows_accepted).sum();
                let snapshots = done.iter().filter(|s| s.snapshot.is_some()).count();
                let floor = r.settings.floor();
                let fingerprint = r.key_fingerprint.clone();
                let items: Vec<(String, String, String)> = done
                    .iter()
                    .map(|s| {
                        let covers = s
                            .diagnostics
                            .coverage
                            .map(|c| format!("{} to {}", c.first, c.last))
                            .unwrap_or_else(|| "—".into());
                        let label = s.format.map_or("Unknown", |f| f.label()).to_string();
                        (label, covers, format!("{} rows kept, {} skipped", format::thousands(s.diagnostics.rows_accepted as i64), format::thousands(s.diagnostics.rows_skipped as i64)))
                    })
                    .collect();
                view! {
                    <section class="print-page appendix" data-testid="report-protection">
                        <h2>"Data protection: what was done with the data"</h2>
                        <h3>"Exports read"</h3>
                        <table class="data-table">
                            <thead><tr><th scope="col">"Export"</th><th scope="col">"Covers"</th><th scope="col">"Rows"</th></tr></thead>
                            <tbody>
                                {items.into_iter().map(|(label, covers, rows)| view! {
                                    <tr><th scope="row">{label}</th><td class="nowrap">{covers}</td><td>{rows}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <ul class="protection">
                            <li>{format!("{} file{} read in this browser tab: {} rows kept, {} rows skipped as unreadable{}.", done.len(), if done.len() == 1 { " was" } else { "s were" }, format::thousands(rows as i64), format::thousands(skipped as i64), if refused > 0 { format!("; {refused} file(s) could not be read and contributed nothing") } else { String::new() })}</li>
                            {(snapshots > 0).then(|| view! { <li>{format!("{snapshots} of them {} Uptake snapshot{}: pseudonymous facts saved earlier under the same org key.", if snapshots == 1 { "is an" } else { "are" }, if snapshots == 1 { "" } else { "s" })}</li> })}
                            <li>"Dropped at parse time: every message text, prompt, conversation and project title and file name is reduced to what the metrics need (a character count, a model name) as it is read, and never stored."</li>
                            <li>{format!("Every person identifier (email, login, user or employee id) was trimmed, lower-cased and replaced by HMAC-SHA256 under the organisation's key (fingerprint {fingerprint}) the moment it was read. The key stays with the analyst; without it the pseudonyms cannot be linked to anyone.")}</li>
                            <li>{format!("Any breakdown by department, team, manager or location hides groups of fewer than {floor} people, and the next-smallest group wherever a total would reveal them.")}</li>
                            <li>"Nothing left the browser: the page's Content-Security-Policy forbids connections to any other server and the page makes no request after it has loaded. No account, no upload, no tracking."</li>
                        </ul>
                    </section>
                }
            })
        })
    }
}
