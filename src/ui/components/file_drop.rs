//! The drop zone and file picker (`data-testid="file-input"`, several files at once) and the
//! "Load the sample organisation" button.

use crate::ui::state::Session;
use crate::ui::worker_client::load_files;
use leptos::prelude::*;
use web_sys::{DragEvent, File, FileList, HtmlInputElement};

fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Sends the sample organisation's files through the same parsers as dropped files (the worker
/// generates them, so the page itself carries no generator).
pub fn load_sample(session: Session) {
    crate::ui::worker_client::load_sample(session);
}

#[component]
pub fn FileDrop() -> impl IntoView {
    let session = expect_context::<Session>();
    let dragging = RwSignal::new(false);
    let on_change = move |event: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&event);
        load_files(session, files_of(input.files()));
        input.set_value("");
    };
    let on_drop = move |event: DragEvent| {
        event.prevent_default();
        dragging.set(false);
        load_files(
            session,
            files_of(event.data_transfer().and_then(|d| d.files())),
        );
    };
    view! {
        <section class="drop" class:dragging=move || dragging.get()
            on:dragover=move |e: DragEvent| { e.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <label class="drop-target">
                <span class="drop-title">"Drop exports here"</span>
                <span class="drop-sub">"or click to choose CSV / JSON files (several at once)"</span>
                <input type="file" multiple data-testid="file-input" on:change=on_change
                    accept=".csv,.tsv,.txt,.json,.jsonl,.ndjson" />
            </label>
            <button type="button" class="button secondary" data-testid="load-sample"
                on:click=move |_| load_sample(session)>
                "Load the sample organisation"
            </button>
        </section>
    }
}
