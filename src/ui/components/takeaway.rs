//! "Keep and share": what a person takes away from the page. A snapshot to come back to next
//! month (optionally sealed with a passphrase), the print-ready report and, in the one-file
//! build, a standalone report with the data inside. (The Report as JSON is on the Overview.)

use crate::ui::state::Session;
use crate::ui::worker_client::send;
use crate::worker::Request;
use leptos::prelude::*;

/// Today's date (UTC) from the page's clock, `2026-11-22`.
pub fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

#[component]
pub fn Takeaway(#[prop(into)] query: Signal<String>) -> impl IntoView {
    let session = expect_context::<Session>();
    let passphrase = RwSignal::new(String::new());
    let save = move |for_report: bool| {
        let text = passphrase.get_untracked();
        send(
            &Request::SaveSnapshot {
                passphrase: (!text.is_empty()).then_some(text),
                saved_on: Some(today()),
                for_report,
            },
            None,
        );
    };
    let one_file = crate::ui::one_file::can_export_report();
    let standalone = move || {
        if one_file {
            view! {
            <button type="button" class="button secondary block" data-testid="export-standalone"
                on:click=move |_| save(true)>"Export standalone report"</button>
            <p class="muted small">"This page as one HTML file with the snapshot inside, for someone who has nothing installed: it opens from disk and shows these figures (it asks for the passphrase if one is set)."</p>
        }
        .into_any()
        } else {
            view! {
            <p class="muted small">"A standalone report (one HTML file with the data inside) is written by the one-file Uptake, uptake.html, published beside this page."</p>
        }
        .into_any()
        }
    };
    let has_data = move || {
        session.report.with(|r| {
            r.as_ref().is_some_and(|r| {
                r.sources
                    .iter()
                    .any(|s| s.state == crate::engine::dataset::SourceState::Done)
            })
        })
    };
    view! {
        <Show when=has_data>
            <section class="takeaway" aria-labelledby="takeaway-title" data-testid="takeaway">
                <h2 class="panel-title" id="takeaway-title">"Keep and share"</h2>
                <a class="button secondary block" data-testid="print-report" href=move || format!("#report{}", query.get())>"Print report…"</a>
                <details class="snapshot-save">
                    <summary>"Save snapshot"</summary>
                    <p class="muted small">"Pseudonymous facts and settings, to add next month so history grows past each vendor's window. It holds no name, email or message, and not the org key: keep the key file too."</p>
                    <label class="small">
                        <span>"Passphrase (optional)"</span>
                        <input type="password" autocomplete="new-password" data-testid="snapshot-passphrase"
                            prop:value=move || passphrase.get()
                            on:input=move |e| passphrase.set(event_target_value(&e)) />
                    </label>
                    <p class="muted small">"With a passphrase the file is encrypted (AES-256-GCM, key from PBKDF2 with 600,000 rounds); without it, it can be opened by anyone holding it."</p>
                    <button type="button" class="button block" data-testid="save-snapshot" on:click=move |_| save(false)>"Save snapshot"</button>
                    {standalone}
                </details>
            </section>
        </Show>
    }
}
