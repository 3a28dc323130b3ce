//! The page's side of the worker: starts it (a classic worker from trunk's loader shim), sends
//! requests with their `File`, and turns replies into [`Session`] updates.

use super::state::{ReadingFile, Session};
use crate::worker::{Reply, Request};
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageEvent, Worker, WorkerOptions, WorkerType};

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    /// Messages waiting for the worker's `Started` (a worker drops what arrives before its
    /// wasm has installed its handler).
    static QUEUE: RefCell<Option<Vec<js_sys::Object>>> = const { RefCell::new(Some(Vec::new())) };
}

/// The worker script trunk emits for `data-bin="worker" data-loader-shim` (the one-file build
/// starts it from a `blob:` URL instead: [`super::one_file::worker_url`]).
const WORKER_URL: &str = "./worker_loader.js";

pub fn start(session: Session) {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Classic);
    let url = super::one_file::worker_url().unwrap_or_else(|| WORKER_URL.into());
    let worker = match Worker::new_with_options(&url, &options) {
        Ok(worker) => worker,
        Err(_) => {
            session.problem.set(Some("The analysis worker could not start. Reload the page; if it persists, use a current Chrome, Edge, Firefox or Safari.".into()));
            return;
        }
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        if let Some(name) = js_sys::Reflect::get(&data, &"download".into())
            .ok()
            .and_then(|v| v.as_string())
        {
            if let Some(blob) = js_sys::Reflect::get(&data, &"file".into())
                .ok()
                .and_then(|v| v.dyn_into::<web_sys::Blob>().ok())
            {
                super::browser::download_blob(&name, &blob);
            }
            return;
        }
        if let Some(name) = js_sys::Reflect::get(&data, &"report_snapshot".into())
            .ok()
            .and_then(|v| v.as_string())
        {
            let encoded = js_sys::Reflect::get(&data, &"base64".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            if !super::one_file::export_report(&name, &encoded) {
                session.problem.set(Some(
                    "A standalone report can only be written from the one-file build (uptake.html).".into(),
                ));
            }
            return;
        }
        let text = data.as_string().unwrap_or_default();
        let started = js_sys::Date::now();
        match serde_json::from_str::<Reply>(&text) {
            Ok(reply) => {
                if matches!(reply, Reply::Report { .. }) {
                    let now = js_sys::Date::now();
                    super::page_timing::report_applied(now - started, now);
                }
                apply(session, reply)
            }
            Err(error) => session
                .problem
                .set(Some(format!("Unreadable reply from the worker: {error}"))),
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error =
        Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            session.problem.set(Some(format!(
                "The analysis worker stopped: {}",
                event.message()
            )));
            session.reading.set(Vec::new());
        });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    WORKER.with(|slot| *slot.borrow_mut() = Some(worker));
}

fn apply(session: Session, reply: Reply) {
    match reply {
        Reply::Started => {
            let queued = QUEUE.with(|q| q.borrow_mut().take()).unwrap_or_default();
            for message in queued {
                post(&message);
            }
        }
        Reply::Ready { key_fingerprint } => {
            session.key_fingerprint.set(key_fingerprint);
            session.worker_ready.set(true);
            if let Some(root) = super::browser::root_element() {
                let _ = root.set_attribute("data-ready", "true");
            }
        }
        Reply::Progress {
            file_id,
            bytes_read,
            total_bytes,
        } => session.reading.update(|files| {
            if let Some(file) = files.iter_mut().find(|f| f.file_id == file_id) {
                file.bytes_read = bytes_read;
                file.size_bytes = total_bytes;
            }
        }),
        Reply::Report { report, files_read } => {
            // The key the shown figures were made under (after a new key, once files are
            // read again), for tests and benchmarks.
            if let Some(root) = super::browser::root_element() {
                let _ = root.set_attribute("data-report-key", &report.key_fingerprint);
            }
            session.report.set(Some(*report));
            if !files_read.is_empty() {
                session
                    .reading
                    .update(|files| files.retain(|f| !files_read.contains(&f.file_id)));
            }
        }
        Reply::Problem { message } => session.problem.set(Some(message)),
        Reply::Memory {
            worker_bytes,
            parse_worker_peak_bytes,
            timings,
        } => {
            if let Some(root) = super::browser::root_element() {
                let app = crate::worker::wasm_memory_bytes();
                let _ = root.set_attribute("data-wasm-memory-app", &app.to_string());
                let _ = root.set_attribute("data-wasm-memory-worker", &worker_bytes.to_string());
                let parse = parse_worker_peak_bytes.to_string();
                let _ = root.set_attribute("data-wasm-memory-parse", &parse);
                if let Ok(timings) = serde_json::to_string(&timings) {
                    let _ = root.set_attribute("data-timings", &timings);
                }
            }
        }
    }
}

/// Sends a request (and a file) to the worker.
pub fn send(request: &Request, file: Option<&File>) {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &message,
        &"request".into(),
        &JsValue::from_str(&request.to_json()),
    );
    if let Some(file) = file {
        let _ = js_sys::Reflect::set(&message, &"file".into(), file);
    }
    let held = QUEUE.with(|q| match q.borrow_mut().as_mut() {
        Some(queue) => {
            queue.push(message.clone());
            true
        }
        None => false,
    });
    if !held {
        post(&message);
    }
}

fn post(message: &js_sys::Object) {
    WORKER.with(|slot| {
        if let Some(worker) = slot.borrow().as_ref() {
            let _ = worker.post_message(message);
        }
    });
}

/// Sends files to be read, showing each as "reading" until the worker answers.
pub fn load_files(session: Session, files: Vec<File>) {
    send_files(session, files, false);
}

/// Loads the snapshot a standalone report carries (accepted whatever key it was made under).
pub fn load_embedded(session: Session, file: File) {
    send_files(session, vec![file], true);
}

fn send_files(session: Session, files: Vec<File>, embedded: bool) {
    for file in files {
        let file_id = session.new_file_id();
        let file_name = file.name();
        session.reading.update(|reading| {
            reading.push(ReadingFile {
                file_id,
                file_name: file_name.clone(),
                size_bytes: file.size() as u64,
                bytes_read: 0,
            })
        });
        send(
            &Request::Load {
                file_id,
                file_name,
                embedded,
            },
            Some(&file),
        );
    }
}

/// Asks the worker to read a loaded file again as the format and with the columns the analyst
/// chose.
pub fn remap(
    session: Session,
    file_id: u32,
    file_name: String,
    size_bytes: u64,
    mapping: crate::engine::sources::mapping::ColumnMapping,
) {
    session.reading.update(|reading| {
        reading.push(ReadingFile {
            file_id,
            file_name,
            size_bytes,
            bytes_read: 0,
        })
    });
    send(&Request::Remap { file_id, mapping }, None);
}

/// Asks the worker to read a loaded file again as covering `period` (a file without dates).
pub fn set_period(
    session: Session,
    file_id: u32,
    file_name: String,
    size_bytes: u64,
    period: crate::engine::date::DaySpan,
) {
    session.reading.update(|reading| {
        reading.push(ReadingFile {
            file_id,
            file_name,
            size_bytes,
            bytes_read: 0,
        })
    });
    send(&Request::SetPeriod { file_id, period }, None);
}

/// Asks the worker to generate the sample organisation and read it like dropped files.
pub fn load_sample(session: Session) {
    let first_file_id = session.new_file_id();
    for (offset, name) in crate::engine::sample::SAMPLE_FILE_NAMES.iter().enumerate() {
        if offset > 0 {
            session.new_file_id();
        }
        let file_id = first_file_id + offset as u32;
        session.reading.update(|reading| {
            reading.push(ReadingFile {
                file_id,
                file_name: name.to_string(),
                size_bytes: 0,
                bytes_read: 0,
            })
        });
    }
    send(&Request::LoadSample { first_file_id }, None);
}
