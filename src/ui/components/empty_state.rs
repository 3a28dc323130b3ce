//! What a first-time user sees: which exports to download, where, and the sample to try.

use crate::engine::sample::SAMPLE_FILE_NAMES;
use crate::ui::state::Session;
use crate::ui::worker_client::send;
use crate::worker::Request;
use leptos::prelude::*;

#[component]
pub fn EmptyState() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <section class="empty" data-testid="empty-state">
            <h2>"Start with your vendors' exports"</h2>
            <p>"Download these as they are and drop them on the left. Nothing is uploaded: this page reads them in your browser."</p>
            <ol class="steps">
                <li>
                    <strong>"ChatGPT Enterprise: Users export (CSV). "</strong>
                    "ChatGPT → Workspace settings → Workspace analytics → Export (top right) → Users, weekly. Owners, admins and analytics viewers can export."
                </li>
                <li>
                    <strong>"HRIS roster (CSV), optional. "</strong>
                    "A Workday custom report or a BambooHR export with work email and department (team, manager, location, hire date and status help too). It gives the by-department view; names are dropped as the file is read."
                </li>
            </ol>
            <div class="empty-actions">
                <button type="button" class="button" on:click=move |_| super::file_drop::load_sample(session)>
                    "Load the sample organisation"
                </button>
                <span class="or">"or download its files and drop them yourself:"</span>
                {SAMPLE_FILE_NAMES.into_iter().map(|name| {
                    let save = move |_| send(&Request::SampleFile { name: name.to_string() }, None);
                    view! {
                        <button type="button" class="link" data-testid="sample-download" on:click=save>
                            {name}
                        </button>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}

/// While the first files are read and nothing is merged yet: what is happening and where to
/// follow it (the file list shows each file's progress). Light to build, so choosing files
/// does not stall the page while it lays out empty dashboards.
#[component]
pub fn FirstRead() -> impl IntoView {
    let session = expect_context::<Session>();
    let files = Memo::new(move |_| session.reading.with(Vec::len));
    view! {
        <section class="empty" data-testid="first-read" aria-live="polite">
            <h2>{move || match files.get() {
                1 => "Reading 1 file…".to_string(),
                n => format!("Reading {n} files…"),
            }}</h2>
            <p>"The dashboards appear as soon as they are read; the list on the left shows how far each file has got. Nothing leaves this page."</p>
        </section>
    }
}
