//! The worker's event loop (browser only): holds the org key, the settings and the dataset,
//! reads each `File` it is sent through the engine, and posts progress and the new Report.

use super::file_reader::FileRead;
use super::helper;
use super::parts::{self, Pending};
use super::pool::{self, Job, Pool};
use super::pool_events::on_pool_event;
use super::{Reply, Request, Timing};
use crate::engine::dataset::{Dataset, LoadedFile as ParsedFile};
use crate::engine::date::DaySpan;
use crate::engine::detect::FormatId;
use crate::engine::identity::OrgKey;
use crate::engine::ingest::{ingest, IngestOptions};
use crate::engine::memory_budget::{MemoryBudget, FILE_MEMORY_BUDGET};
use crate::engine::metrics::build_report_for;
use crate::engine::query::Query;
use crate::engine::sample::{sample_organisation, SAMPLE_SEED};
use crate::engine::settings::Settings;
use crate::engine::sources::mapping::ColumnMapping;
use crate::engine::split::Scan;
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

pub(super) struct LoadedFile {
    pub(super) file_id: u32,
    pub(super) name: String,
    pub(super) file: File,
    /// The columns the analyst chose in the mapper: kept for every later read of the file.
    mapping: Option<ColumnMapping>,
    /// A standalone report's embedded snapshot: accepted under any org key.
    embedded: bool,
    /// The period the analyst gave a file without dates.
    period: Option<DaySpan>,
}

pub(super) struct State {
    pub(super) key: Option<OrgKey>,
    pub(super) settings: Settings,
    pub(super) query: Query,
    pub(super) dataset: Dataset,
    pub(super) files: Vec<LoadedFile>,
    pub(super) pool: Pool,
    /// Per file id: the generation of its latest read (older parse results are dropped).
    pub(super) generations: HashMap<u32, u32>,
    /// Files being read in parts, by file id.
    pub(super) parts: HashMap<u32, Pending>,
    /// Files whose read ended since the last Report was posted (the next one says so).
    pub(super) finished: Vec<u32>,
    /// How long each step took since the last Report (posted with it, for benchmarks).
    pub(super) timings: Vec<Timing>,
}

thread_local! {
    pub(super) static STATE: RefCell<State> = RefCell::new(State {
        key: None,
        settings: Settings::default(),
        query: Query::default(),
        dataset: Dataset::default(),
        files: Vec::new(),
        pool: Pool::default(),
        generations: HashMap::new(),
        parts: HashMap::new(),
        finished: Vec::new(),
        timings: Vec::new(),
    });
}

pub(super) fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Runs `f` on the worker's state (from a callback that finished later).
pub(super) fn with_state(f: impl FnOnce(&mut State)) {
    STATE.with(|state| f(&mut state.borrow_mut()));
}

pub(super) fn post(reply: &Reply) {
    let _ = scope().post_message(&JsValue::from_str(&reply.to_json()));
}

/// Installs the message handler. Called once by the worker binary.
pub fn start() {
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let data = event.data();
        let text = js_sys::Reflect::get(&data, &JsValue::from_str("request"))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let file = js_sys::Reflect::get(&data, &JsValue::from_str("file"))
            .ok()
            .and_then(|v| v.dyn_into::<File>().ok());
        match serde_json::from_str::<Request>(&text) {
            Ok(Request::Join {
                file_id,
                generation,
                prefix_lines,
                scans,
            }) => helper::join(file_id, generation, prefix_lines, scans, &data),
            Ok(request) => STATE.with(|state| handle(&mut state.borrow_mut(), request, file)),
            Err(error) => post(&Reply::Problem {
                message: format!("The worker received a message it does not understand: {error}"),
            }),
        }
    });
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(&Reply::Started);
    if pool::is_helper() {
        // A panic throws a marked error, so the dataset worker can tell it from a trap for
        // memory (pool::Crash). Only where in Uptake's code: never the data.
        std::panic::set_hook(Box::new(|info| {
            let place = info.location().map(ToString::to_string).unwrap_or_default();
            wasm_bindgen::throw_str(&format!("{}: {place}", pool::PANIC_MARK));
        }));
    } else {
        STATE.with(|state| state.borrow_mut().pool.warm_up(on_pool_event));
    }
}

fn handle(state: &mut State, request: Request, file: Option<File>) {
    match request {
        Request::SetKey { key_hex } => {
            let Some(key) = OrgKey::from_hex(&key_hex) else {
                post(&Reply::Problem {
                    message: "The org key is not 64 hexadecimal digits.".into(),
                });
                return;
            };
            post(&Reply::Ready {
                key_fingerprint: key.fingerprint(),
            });
            let changed = state.key.as_ref() != Some(&key);
            state.key = Some(key);
            if changed && !state.files.is_empty() {
                let ids: Vec<u32> = state.files.iter().map(|f| f.file_id).collect();
                for id in ids {
                    schedule(state, id);
                }
                return;
            }
        }
        Request::Load {
            file_id,
            file_name,
            embedded,
        } => {
            let Some(file) = file else {
                post(&Reply::Problem {
                    message: format!("{file_name}: no file was attached to the request."),
                });
                return;
            };
            state.files.retain(|f| f.file_id != file_id);
            state.files.push(LoadedFile {
                file_id,
                name: file_name,
                file,
                mapping: None,
                embedded,
                period: None,
            });
            schedule(state, file_id);
            return;
        }
        Request::Unlock {
            file_id,
            passphrase,
        } => {
            super::snapshots::unlock(state, file_id, passphrase);
            return;
        }
        Request::SaveSnapshot {
            passphrase,
            saved_on,
            for_report,
        } => {
            super::snapshots::save(state, passphrase, saved_on, for_report);
            return;
        }
        Request::Remap { file_id, mapping } => {
            if let Some(loaded) = state.files.iter_mut().find(|f| f.file_id == file_id) {
                loaded.mapping = Some(mapping);
            }
            schedule(state, file_id);
            return;
        }
        Request::SetPeriod { file_id, period } => {
            if let Some(loaded) = state.files.iter_mut().find(|f| f.file_id == file_id) {
                loaded.period = Some(period);
            }
            schedule(state, file_id);
            return;
        }
        Request::LoadSample { first_file_id } => {
            for (offset, sample) in sample_organisation(SAMPLE_SEED).into_iter().enumerate() {
                let file_id = first_file_id + offset as u32;
                let Some(file) = make_file(&sample.name, sample.mime, &sample.bytes) else {
                    continue;
                };
                state.files.retain(|f| f.file_id != file_id);
                state.files.push(LoadedFile {
                    file_id,
                    name: sample.name,
                    file,
                    mapping: None,
                    embedded: false,
                    period: None,
                });
                schedule(state, file_id);
            }
            return;
        }
        Request::SampleFile { name } => {
            let Some(sample) = sample_organisation(SAMPLE_SEED)
                .into_iter()
                .find(|f| f.name == name)
            else {
                return;
            };
            if let Some(file) = make_file(&sample.name, sample.mime, &sample.bytes) {
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(
                    &message,
                    &"download".into(),
                    &JsValue::from_str(&sample.name),
                );
                let _ = js_sys::Reflect::set(&message, &"file".into(), &file);
                let _ = scope().post_message(&message);
            }
            return;
        }
        Request::Remove { file_id } => {
            state.files.retain(|f| f.file_id != file_id);
            state.dataset.remove(file_id);
            state.pool.cancel(file_id);
            state.parts.remove(&file_id);
            *state.generations.entry(file_id).or_default() += 1;
        }
        Request::Clear => {
            for f in &state.files {
                state.pool.cancel(f.file_id);
                *state.generations.entry(f.file_id).or_default() += 1;
            }
            state.files.clear();
            state.dataset.clear();
            state.parts.clear();
        }
        Request::Parse {
            file_id,
            generation,
            file_name,
            key_hex,
            mapping,
            embedded,
            period,
            part,
        } => {
            let job = (file_id, generation, embedded, period);
            helper::parse(job, part, &file_name, &key_hex, mapping, file);
            return;
        }
        // Taken by the message handler (its parts come alongside).
        Request::Join { .. } => return,
        Request::SetSettings { settings } => state.settings = settings,
        Request::SetQuery { query } => state.query = query,
    }
    post_report(state, None);
}

/// Reads a file (again): in a parse worker when they can run here (a large CSV in parts, one
/// per parse worker), else in place.
pub(super) fn schedule(state: &mut State, file_id: u32) {
    schedule_with(state, file_id, true);
}

pub(super) fn schedule_with(state: &mut State, file_id: u32, may_split: bool) {
    state.parts.remove(&file_id);
    let generation = {
        let g = state.generations.entry(file_id).or_default();
        *g += 1;
        *g
    };
    let (Some(key), Some(loaded)) = (
        state.key.as_ref(),
        state.files.iter().find(|f| f.file_id == file_id),
    ) else {
        read(state, file_id);
        post_report(state, Some(file_id));
        return;
    };
    let pooled = state.pool.available();
    if pooled {
        let job = job_for(loaded, key, generation);
        let as_exported = loaded.mapping.is_none() && loaded.period.is_none() && !loaded.embedded;
        let split = (may_split && as_exported)
            .then(|| parts::plan(&loaded.file, state.pool.size()))
            .flatten();
        match split {
            Some((ranges, prefix_lines)) => {
                let pending = Pending::new(generation, prefix_lines, ranges.len());
                state.parts.insert(file_id, pending);
                let jobs = ranges
                    .into_iter()
                    .map(|range| Job {
                        part: Some(range),
                        ..job.clone()
                    })
                    .collect();
                state.pool.submit_all(jobs, on_pool_event);
            }
            None => state.pool.submit(job, on_pool_event),
        }
    }
    if !state.pool.available() {
        // Helpers cannot start here: read what was queued in place, and this file unless it
        // was queued or (handed to a helper before the others failed) is being read already.
        let mut read_now = false;
        let mut ids: Vec<u32> = state.pool.take_queue().iter().map(|j| j.file_id).collect();
        // A file queued in parts is read once, whole.
        ids.dedup();
        for id in ids {
            state.parts.remove(&id);
            read_now |= id == file_id;
            read(state, id);
            post_report(state, Some(id));
        }
        let loaded = state.dataset.sources().iter().any(|s| s.file_id == file_id);
        if !read_now && (!pooled || !loaded) {
            read(state, file_id);
            post_report(state, Some(file_id));
        }
    }
}

/// The job of reading a file whole.
pub(super) fn job_for(loaded: &LoadedFile, key: &OrgKey, generation: u32) -> Job {
    Job {
        file_id: loaded.file_id,
        generation,
        file_name: loaded.name.clone(),
        file: loaded.file.clone(),
        key_hex: key.to_hex(),
        mapping: loaded.mapping.clone(),
        embedded: loaded.embedded,
        period: loaded.period,
        part: None,
        join: None,
    }
}

/// A file whose reading failed outside the parser's own diagnostics.
pub(super) fn failed(file_id: u32, name: &str, size: u64, what: &str) -> ParsedFile {
    let hint = "Check that it is an unmodified export; if it is, load it again, or report the problem with the file's first lines (never the data).";
    failed_because(file_id, name, size, None, (what, hint))
}

/// A file whose reading failed: `what` happened, `hint` says what to do; `format` is what its
/// first bytes were detected as, if known (the file list names it).
pub(super) fn failed_because(
    file_id: u32,
    name: &str,
    size: u64,
    format: Option<FormatId>,
    (what, hint): (&str, &str),
) -> ParsedFile {
    ParsedFile::new(
        file_id,
        name,
        size,
        Err(crate::engine::ingest::IngestError {
            format,
            error: crate::engine::sources::FileError::new(
                format!("{name} could not be read: {what}."),
                hint,
            ),
        }),
    )
}

fn read(state: &mut State, file_id: u32) {
    let Some(key) = state.key.clone() else {
        post(&Reply::Problem {
            message: "No org key yet: files are read once the key is set.".into(),
        });
        return;
    };
    let Some(loaded) = state.files.iter().find(|f| f.file_id == file_id) else {
        return;
    };
    let size = loaded.file.size() as u64;
    let mut last_posted = 0u64;
    let mut progress = |bytes_read: u64, total_bytes: u64| {
        if bytes_read == total_bytes || bytes_read - last_posted >= 4 * 1024 * 1024 {
            last_posted = bytes_read;
            post(&Reply::Progress {
                file_id,
                bytes_read,
                total_bytes,
            });
        }
    };
    let options = IngestOptions::new(&key)
        .with_mapping(loaded.mapping.as_ref())
        .with_foreign_snapshot_ok(loaded.embedded)
        .with_period(loaded.period)
        .with_today(super::today())
        .with_budget(Some(FILE_BUDGET));
    let outcome = match FileRead::new(loaded.file.clone(), &mut progress) {
        // The same reader type as a parse worker's (one copy of the parsers in the wasm).
        Ok(reader) => ingest(
            Cursor::new(Vec::new()).chain(&mut Scan::off(reader)),
            &options,
        ),
        Err(error) => Err(crate::engine::ingest::IngestError {
            format: None,
            error: error.into(),
        }),
    };
    let name = loaded.name.clone();
    state.dataset.add(file_id, &name, size, outcome);
}

/// The memory one file's read may add to this worker's wasm memory (which only grows, so its
/// size is what the reads have needed so far).
pub(super) const FILE_BUDGET: MemoryBudget<'static> = MemoryBudget {
    limit: FILE_MEMORY_BUDGET,
    used: &super::wasm_memory_bytes,
};

/// Computes the Report and posts it, saying which files' reads ended since the last one
/// (`file_id` and every file a parse worker finished meanwhile).
pub(super) fn post_report(state: &mut State, file_id: Option<u32>) {
    let mut files_read = std::mem::take(&mut state.finished);
    files_read.extend(file_id);
    let fingerprint = state
        .key
        .as_ref()
        .map(OrgKey::fingerprint)
        .unwrap_or_default();
    let started = js_sys::Date::now();
    let report = build_report_for(&state.dataset, &state.settings, &state.query, &fingerprint);
    let built = js_sys::Date::now();
    let reply = Reply::Report {
        report: Box::new(report),
        files_read,
    }
    .to_json();
    let _ = scope().post_message(&JsValue::from_str(&reply));
    let mut timings = std::mem::take(&mut state.timings);
    timings.push(Timing::of("build the Report".into(), built - started));
    timings.push(Timing::of(
        "the Report as JSON, posted".into(),
        js_sys::Date::now() - built,
    ));
    post(&Reply::Memory {
        worker_bytes: super::wasm_memory_bytes(),
        parse_worker_peak_bytes: state.pool.memory_peak(),
        timings,
    });
}

/// A `File` made from bytes (the sample organisation's files), read like a dropped one.
pub(super) fn make_file(name: &str, mime: &str, bytes: &[u8]) -> Option<File> {
    let array = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    File::new_with_u8_array_sequence_and_options(&array, name, &options).ok()
}
