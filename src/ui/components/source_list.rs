//! The list of loaded files: detected format, a progress bar while reading, rows accepted,
//! skipped and repeated, and what went wrong (the `source` contract in DESIGN.md).

use super::mapper::Mapper;
use super::period_asker::PeriodAsker;
use super::snapshot_controls::{Unlock, UseSnapshotSettings};
use crate::engine::dataset::SourceState;
use crate::engine::detect::FormatId;
use crate::engine::sources::mapping::MappingRequest;
use crate::engine::Report;
use crate::ui::format;
use crate::ui::state::{ReadingFile, Session};
use crate::ui::worker_client::send;
use crate::worker::Request;
use leptos::prelude::*;

/// One line of the file list, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceRow {
    pub file_id: u32,
    pub file_name: String,
    pub size_bytes: u64,
    pub format_id: &'static str,
    pub format_label: &'static str,
    pub state: &'static str,
    pub rows: u64,
    pub skipped: u64,
    pub duplicates: u64,
    pub progress: Option<(u64, u64)>,
    pub error: Option<String>,
    pub hint: Option<String>,
    pub notes: Vec<String>,
    pub skipped_examples: Vec<String>,
    pub coverage: Option<String>,
    /// Days inside the coverage with no rows (daily sources).
    pub missing_days: u32,
    pub mapping_request: Option<MappingRequest>,
    pub period_request: Option<crate::engine::sources::PeriodRequest>,
    /// The parse worker that read it (1, 2…), `None` when read in place or still reading.
    pub reader: Option<u32>,
    /// A sealed snapshot waiting for its passphrase.
    pub locked: bool,
    /// A loaded snapshot's settings.
    pub snapshot_settings: Option<crate::engine::settings::Settings>,
}

/// Files the worker reported on, with files still being read shown as reading.
pub fn source_rows(report: Option<&Report>, reading: &[ReadingFile]) -> Vec<SourceRow> {
    let mut rows: Vec<SourceRow> = report
        .map(|r| r.sources.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|s| SourceRow {
            file_id: s.file_id,
            file_name: s.file_name.clone(),
            size_bytes: s.size_bytes,
            format_id: s.format_id(),
            format_label: s.format.map_or("Not recognised", FormatId::label),
            state: match s.state {
                SourceState::Reading => "reading",
                SourceState::Done => "done",
                SourceState::Error => "error",
            },
            rows: s.diagnostics.rows_accepted,
            skipped: s.diagnostics.rows_skipped,
            duplicates: s.diagnostics.rows_duplicate,
            progress: None,
            error: s.error.clone(),
            hint: s.hint.clone(),
            notes: s.diagnostics.notes.clone(),
            skipped_examples: s
                .diagnostics
                .skipped
                .iter()
                .map(ToString::to_string)
                .collect(),
            coverage: s
                .diagnostics
                .coverage
                .map(|c| format!("{} → {}", c.first, c.last)),
            missing_days: s.diagnostics.missing_days,
            mapping_request: s.mapping_request.clone(),
            period_request: s.period_request.clone(),
            reader: s.reader,
            locked: s.locked,
            snapshot_settings: s.snapshot.as_ref().map(|i| i.settings.clone()),
        })
        .collect();
    for file in reading {
        let progress = Some((file.bytes_read, file.size_bytes));
        match rows.iter_mut().find(|r| r.file_id == file.file_id) {
            Some(row) => {
                row.state = "reading";
                row.progress = progress;
                row.mapping_request = None;
                row.period_request = None;
                row.reader = None;
                row.locked = false;
            }
            None => rows.push(SourceRow {
                file_id: file.file_id,
                file_name: file.file_name.clone(),
                size_bytes: file.size_bytes,
                format_id: "unknown",
                format_label: "Detecting…",
                state: "reading",
                rows: 0,
                skipped: 0,
                duplicates: 0,
                progress,
                error: None,
                hint: None,
                notes: Vec::new(),
                skipped_examples: Vec::new(),
                coverage: None,
                missing_days: 0,
                reader: None,
                mapping_request: None,
                period_request: None,
                locked: false,
                snapshot_settings: None,
            }),
        }
    }
    rows.sort_by_key(|r| r.file_id);
    rows
}

#[component]
pub fn SourceList() -> impl IntoView {
    let session = expect_context::<Session>();
    let rows = Memo::new(move |_| {
        session.report.with(|r| {
            session
                .reading
                .with(|reading| source_rows(r.as_ref(), reading))
        })
    });
    view! {
        <section class="sources" aria-label="Loaded files">
            <Show when=move || !rows.with(Vec::is_empty)>
                <h2 class="panel-title">"Loaded files"</h2>
            </Show>
            <ul class="source-list">
                <For each=move || rows.get() key=|row| (row.file_id, row.state, row.rows, row.skipped, row.duplicates, row.progress, row.format_id, row.error.clone()) let:row>
                    <SourceItem row=row session=session />
                </For>
            </ul>
            <Show when=move || rows.with(|r| r.len() > 1)>
                <button type="button" class="link small" on:click=move |_| {
                    session.reading.set(Vec::new());
                    send(&Request::Clear, None);
                }>"Remove all files"</button>
            </Show>
        </section>
    }
}

#[component]
fn SourceItem(row: SourceRow, session: Session) -> impl IntoView {
    let file_id = row.file_id;
    let progress = row.progress.map(|(read, total)| {
        view! {
            <progress max=total.max(1).to_string() value=read.to_string()
                aria-label=format!("{} of {} read", format::bytes(read), format::bytes(total))></progress>
        }
    });
    let counts = (row.state != "reading").then(|| {
        let mut parts = vec![format!("{} rows", format::thousands(row.rows as i64))];
        if row.skipped > 0 {
            parts.push(format!("{} skipped", format::thousands(row.skipped as i64)));
        }
        if row.duplicates > 0 {
            parts.push(format!(
                "{} already loaded",
                format::thousands(row.duplicates as i64)
            ));
        }
        parts.join(" · ")
    });
    let details = (!row.notes.is_empty() || !row.skipped_examples.is_empty()).then(|| {
        let notes = row.notes.clone();
        let skipped = row.skipped_examples.clone();
        let more = row.skipped.saturating_sub(skipped.len() as u64);
        view! {
            <details class="source-details">
                <summary>"Details"</summary>
                <ul>
                    {skipped.into_iter().map(|s| view! { <li>"Skipped " {s}</li> }).collect_view()}
                    {(more > 0).then(|| view! { <li>{format!("… and {more} more skipped rows")}</li> })}
                    {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            </details>
        }
    });
    let mapper = row.mapping_request.clone().map(|request| {
        let name = row.file_name.clone();
        let size = row.size_bytes;
        view! { <Mapper request=request file_id=file_id file_name=name size_bytes=size session=session /> }
    });
    let period_asker = row.period_request.clone().map(|request| {
        let name = row.file_name.clone();
        let size = row.size_bytes;
        view! { <PeriodAsker request=request file_id=file_id file_name=name size_bytes=size session=session /> }
    });
    view! {
        <li class="source" data-testid="source" data-format=row.format_id data-state=row.state
            data-rows=row.rows.to_string() data-skipped=row.skipped.to_string()
            data-duplicates=row.duplicates.to_string()
            data-reader=row.reader.map(|r| r.to_string()).unwrap_or_default()>
            <div class="source-head">
                <span class="source-name" title=row.file_name.clone()>{row.file_name.clone()}</span>
                <button type="button" class="icon" title="Remove this file" aria-label=format!("Remove {}", row.file_name)
                    on:click=move |_| {
                        session.reading.update(|r| r.retain(|f| f.file_id != file_id));
                        send(&Request::Remove { file_id }, None);
                    }>"×"</button>
            </div>
            <div class="source-meta">
                <span class="format" class:unknown=row.format_id == "unknown">{row.format_label}</span>
                <span class="size">{format::bytes(row.size_bytes)}</span>
                {row.coverage.clone().map(|c| view! { <span class="coverage">{c}</span> })}
            </div>
            {progress}
            {counts.map(|c| view! { <p class="counts">{c}</p> })}
            {row.error.clone().map(|e| view! {
                <p class="error" role="alert"><strong>{e}</strong> " " {row.hint.clone().unwrap_or_default()}</p>
            })}
            {mapper}
            {period_asker}
            {row.locked.then(|| view! { <Unlock file_id=file_id /> })}
            {row.snapshot_settings.clone().map(|s| view! { <UseSnapshotSettings settings=s /> })}
            {details}
        </li>
    }
}
