//! The worker's event loop (browser only): holds the org key, the settings and the dataset,
//! reads each `File` it is sent through the engine, and posts progress and the new Report.

use super::file_reader::FileRead;
use super::{Reply, Request};
use crate::engine::dataset::Dataset;
use crate::engine::identity::OrgKey;
use crate::engine::ingest::{ingest, IngestOptions};
use crate::engine::metrics::build_report_for;
use crate::engine::query::Query;
use crate::engine::sample::{sample_organisation, SAMPLE_SEED};
use crate::engine::settings::Settings;
use crate::engine::sources::hris::HrisMapping;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

struct LoadedFile {
    file_id: u32,
    name: String,
    file: File,
    mapping: Option<HrisMapping>,
}

struct State {
    key: Option<OrgKey>,
    settings: Settings,
    query: Query,
    dataset: Dataset,
    files: Vec<LoadedFile>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State {
        key: None,
        settings: Settings::default(),
        query: Query::default(),
        dataset: Dataset::default(),
        files: Vec::new(),
    });
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(reply: &Reply) {
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
            Ok(request) => STATE.with(|state| handle(&mut state.borrow_mut(), request, file)),
            Err(error) => post(&Reply::Problem {
                message: format!("The worker received a message it does not understand: {error}"),
            }),
        }
    });
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(&Reply::Started);
}

fn handle(state: &mut State, request: Request, file: Option<File>) {
    let mut file_read = None;
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
                    read(state, id);
                }
            }
        }
        Request::Load { file_id, file_name } => {
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
            });
            read(state, file_id);
            file_read = Some(file_id);
        }
        Request::Remap { file_id, mapping } => {
            if let Some(loaded) = state.files.iter_mut().find(|f| f.file_id == file_id) {
                loaded.mapping = Some(mapping);
            }
            read(state, file_id);
            file_read = Some(file_id);
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
                });
                read(state, file_id);
                post_report(state, Some(file_id));
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
        }
        Request::Clear => {
            state.files.clear();
            state.dataset.clear();
        }
        Request::SetSettings { settings } => state.settings = settings,
        Request::SetQuery { query } => state.query = query,
    }
    post_report(state, file_read);
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
    let options = IngestOptions {
        key: &key,
        hris_mapping: loaded.mapping.as_ref(),
    };
    let outcome = match FileRead::new(loaded.file.clone(), &mut progress) {
        Ok(reader) => ingest(reader, &options),
        Err(error) => Err(crate::engine::ingest::IngestError {
            format: None,
            error: error.into(),
        }),
    };
    let name = loaded.name.clone();
    state.dataset.add(file_id, &name, size, outcome);
}

fn post_report(state: &State, file_id: Option<u32>) {
    let fingerprint = state
        .key
        .as_ref()
        .map(OrgKey::fingerprint)
        .unwrap_or_default();
    let report = build_report_for(&state.dataset, &state.settings, &state.query, &fingerprint);
    post(&Reply::Report {
        report: Box::new(report),
        file_id,
    });
}

/// A `File` made from bytes (the sample organisation's files), read like a dropped one.
fn make_file(name: &str, mime: &str, bytes: &[u8]) -> Option<File> {
    let array = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    File::new_with_u8_array_sequence_and_options(&array, name, &options).ok()
}
