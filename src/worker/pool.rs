//! Parse workers: the worker that holds the dataset hands each file to one of a few helper
//! workers (the same binary, started from its own URL), so several files are read at once and
//! the dataset worker stays free to answer the page. A helper reads the `File`, hashes and
//! parses it, and sends back the file's outcome encoded with `engine::wire`, which is merged in
//! file order. If helpers cannot be started, files are read in the dataset worker itself.

use super::Request;
use crate::engine::sources::mapping::ColumnMapping;
use crate::engine::split::{PartRange, PartScan};
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageEvent, Worker};

/// One file, or one part of a file (`engine::split`), to parse.
#[derive(Clone)]
pub struct Job {
    pub file_id: u32,
    /// Bumped each time the file is queued again (new key, new mapping, removed): results of an
    /// older generation are dropped.
    pub generation: u32,
    pub file_name: String,
    pub file: File,
    pub key_hex: String,
    /// The columns the analyst chose, if any.
    pub mapping: Option<ColumnMapping>,
    /// A standalone report's embedded snapshot (accepted under any org key).
    pub embedded: bool,
    /// The period the analyst gave a file without dates.
    pub period: Option<crate::engine::date::DaySpan>,
    /// The part of the file to read, when it is read in parts.
    pub part: Option<PartRange>,
    /// Instead of reading: the file's parts to join (`super::parts`).
    pub join: Option<super::parts::Join>,
}

struct Helper {
    worker: Worker,
    /// The helper's wasm is running (it posted `Started`): messages sent before are lost.
    ready: bool,
    /// The job it is parsing: (file id, generation, file name, size).
    busy: Option<(u32, u32, String, u64)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// What a helper said, for the runtime to act on.
pub enum Event {
    /// A file's outcome, encoded.
    Parsed {
        file_id: u32,
        generation: u32,
        bytes: Vec<u8>,
        /// The helper's wasm memory after parsing it, in bytes.
        memory: u64,
        /// Milliseconds the helper took to read and parse the file, and to encode its facts.
        read_ms: f64,
        encode_ms: f64,
        /// For one part of a file: its index and what its bytes showed.
        part: Option<(u32, PartScan)>,
        /// The parts could not be joined: the file must be read whole.
        read_whole: bool,
    },
    /// JSON text to pass to the page as it is (progress, problems).
    Forward(String),
    /// The helper stopped (its wasm trapped); `Pool::job_of` says what it held.
    Crashed(Crash),
}

/// What a helper's panic hook throws, so that its error can be told from running out of memory.
pub const PANIC_MARK: &str = "uptake-panic";

/// Why a helper stopped, from the message of the error its worker raised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Crash {
    /// The wasm trapped without a panic: Rust aborts when its memory cannot grow (the tab's
    /// limit), and a stack or an `ArrayBuffer` that cannot be had fails the same way.
    OutOfMemory,
    /// A panic in Uptake's own code (`PANIC_MARK`), or an error nothing explains.
    Stopped,
}

impl Crash {
    pub fn of(message: &str) -> Crash {
        let lower = message.to_ascii_lowercase();
        let memory = ["unreachable", "memory", "allocation", "call stack"];
        if !lower.contains(PANIC_MARK) && memory.iter().any(|m| lower.contains(m)) {
            Crash::OutOfMemory
        } else {
            Crash::Stopped
        }
    }

    /// What the file's row says happened, and what to do.
    pub fn explain(self) -> (&'static str, &'static str) {
        match self {
            Crash::OutOfMemory => (
                "its reader ran out of memory while reading it, so the file is too large for this browser tab",
                "Load it in shorter periods (export fewer days or weeks per file), or pre-aggregate it to the Uptake facts CSV (README, \"Uptake facts CSV\") and load that. The other files are not affected.",
            ),
            Crash::Stopped => (
                "its reader stopped on an error in Uptake while reading it",
                "Load it again; if it stops again, report the problem with the file's first lines (never the data). The other files are not affected.",
            ),
        }
    }
}

#[derive(Default)]
pub struct Pool {
    helpers: Vec<Option<Helper>>,
    queue: VecDeque<Job>,
    /// Helpers could not be started here: parse in place.
    unavailable: bool,
    /// The largest wasm memory any helper reported, in bytes.
    memory_peak: u64,
}

/// How many helpers: one per core, at least 2 and at most 4.
fn pool_size() -> usize {
    let cores = js_sys::Reflect::get(&js_sys::global(), &"navigator".into())
        .ok()
        .and_then(|n| js_sys::Reflect::get(&n, &"hardwareConcurrency".into()).ok())
        .and_then(|c| c.as_f64())
        .unwrap_or(2.0);
    (cores as usize).clamp(2, 4)
}

/// This worker's own script URL (the helpers run the same binary).
fn own_url() -> Option<String> {
    let location = js_sys::Reflect::get(&js_sys::global(), &"location".into()).ok()?;
    js_sys::Reflect::get(&location, &"href".into())
        .ok()?
        .as_string()
}

impl Pool {
    /// Records a helper's memory; the largest so far is [`Pool::memory_peak`].
    pub fn note_memory(&mut self, bytes: u64) {
        self.memory_peak = self.memory_peak.max(bytes);
    }

    pub fn memory_peak(&self) -> u64 {
        self.memory_peak
    }

    /// True while a helper is reading a file or a file waits for one.
    pub fn is_busy(&self) -> bool {
        !self.queue.is_empty() || self.helpers.iter().flatten().any(|h| h.busy.is_some())
    }

    /// False when helpers cannot run here; the caller then parses in place.
    pub fn available(&self) -> bool {
        !self.unavailable
    }

    /// Starts every helper now, while the page is loading, so that reading files later makes
    /// no request (the helpers fetch the worker's script and wasm once, here).
    pub fn warm_up(&mut self, on_event: fn(usize, Event)) {
        if self.helpers.is_empty() {
            self.helpers = (0..pool_size()).map(|_| None).collect();
        }
        for slot in 0..self.helpers.len() {
            if self.helpers[slot].is_none() {
                match start(slot, on_event) {
                    Some(helper) => self.helpers[slot] = Some(helper),
                    None => {
                        self.unavailable = true;
                        return;
                    }
                }
            }
        }
    }

    /// Queues a job, replacing any queued job for the same file, and starts what can start.
    pub fn submit(&mut self, job: Job, on_event: fn(usize, Event)) {
        self.submit_all(vec![job], on_event);
    }

    /// Queues the jobs of one file (its parts), replacing any queued job for it.
    pub fn submit_all(&mut self, jobs: Vec<Job>, on_event: fn(usize, Event)) {
        for job in &jobs {
            self.queue.retain(|j| j.file_id != job.file_id);
        }
        self.queue.extend(jobs);
        self.dispatch(on_event);
    }

    /// How many parse workers there are (or will be).
    pub fn size(&self) -> usize {
        pool_size()
    }

    /// Forgets queued work for a file (removed from the page).
    pub fn cancel(&mut self, file_id: u32) {
        self.queue.retain(|j| j.file_id != file_id);
    }

    /// Takes back the jobs that could not be dispatched (no helper could be started).
    pub fn take_queue(&mut self) -> Vec<Job> {
        self.queue.drain(..).collect()
    }

    pub fn mark_ready(&mut self, index: usize, on_event: fn(usize, Event)) {
        if let Some(Some(h)) = self.helpers.get_mut(index) {
            h.ready = true;
        }
        self.dispatch(on_event);
    }

    /// A helper finished its job.
    pub fn mark_idle(&mut self, index: usize, on_event: fn(usize, Event)) {
        if let Some(Some(h)) = self.helpers.get_mut(index) {
            h.busy = None;
        }
        self.dispatch(on_event);
    }

    /// A helper crashed: drop it (a new one is started for the next job).
    pub fn drop_helper(&mut self, index: usize, on_event: fn(usize, Event)) {
        if let Some(slot) = self.helpers.get_mut(index) {
            if let Some(h) = slot.take() {
                h.worker.terminate();
            }
        }
        self.dispatch(on_event);
    }

    fn dispatch(&mut self, on_event: fn(usize, Event)) {
        if self.helpers.is_empty() {
            self.helpers = (0..pool_size()).map(|_| None).collect();
        }
        while !self.queue.is_empty() {
            // An idle, ready helper takes the next job.
            let idle = self
                .helpers
                .iter()
                .position(|h| h.as_ref().is_some_and(|h| h.ready && h.busy.is_none()));
            if let Some(index) = idle {
                let Some(job) = self.queue.pop_front() else {
                    return;
                };
                if let Some(Some(helper)) = self.helpers.get_mut(index) {
                    helper.busy = Some((
                        job.file_id,
                        job.generation,
                        job.file_name.clone(),
                        job.file.size() as u64,
                    ));
                    send(&helper.worker, &job);
                }
                continue;
            }
            // Otherwise start helpers for the jobs that no starting helper will take.
            let starting = self
                .helpers
                .iter()
                .filter(|h| h.as_ref().is_some_and(|h| !h.ready))
                .count();
            let free = self.helpers.iter().position(Option::is_none);
            match free {
                Some(slot) if starting < self.queue.len() => match start(slot, on_event) {
                    Some(helper) => self.helpers[slot] = Some(helper),
                    None => {
                        self.unavailable = true;
                        return;
                    }
                },
                _ => return,
            }
        }
    }
}

fn send(worker: &Worker, job: &Job) {
    if let Some(join) = &job.join {
        send_join(worker, job, join);
        return;
    }
    let request = Request::Parse {
        file_id: job.file_id,
        generation: job.generation,
        file_name: job.file_name.clone(),
        key_hex: job.key_hex.clone(),
        mapping: job.mapping.clone(),
        embedded: job.embedded,
        period: job.period,
        part: job.part,
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"request".into(), &request.to_json().into());
    let _ = js_sys::Reflect::set(&message, &"file".into(), &job.file);
    let _ = worker.post_message(&message);
}

/// Hands a file's parts to a parse worker to join; the parts' bytes are transferred, not copied.
fn send_join(worker: &Worker, job: &Job, join: &super::parts::Join) {
    let request = Request::Join {
        file_id: job.file_id,
        generation: job.generation,
        prefix_lines: join.prefix_lines,
        scans: join.parts.iter().map(|(_, scan)| *scan).collect(),
    };
    let parts = js_sys::Array::new();
    let transfer = js_sys::Array::new();
    for (bytes, _) in &join.parts {
        let array = js_sys::Uint8Array::from(bytes.as_slice());
        transfer.push(&array.buffer());
        parts.push(&array);
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"request".into(), &request.to_json().into());
    let _ = js_sys::Reflect::set(&message, &"parts".into(), &parts);
    let _ = worker.post_message_with_transfer(&message, &transfer);
}

/// The name parse workers are started with (`self.name` there): they must not start helpers.
pub const HELPER_NAME: &str = "uptake-parse";

/// True in a parse worker.
pub fn is_helper() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .is_some_and(|n| n == HELPER_NAME)
}

fn start(index: usize, on_event: fn(usize, Event)) -> Option<Helper> {
    let options = web_sys::WorkerOptions::new();
    options.set_name(HELPER_NAME);
    let worker = Worker::new_with_options(&own_url()?, &options).ok()?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        if let Some(text) = data.as_string() {
            on_event(index, Event::Forward(text));
            return;
        }
        let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok();
        let Some(parsed) = field("parsed").and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok())
        else {
            return;
        };
        let number = |name: &str| field(name).and_then(|v| v.as_f64()).unwrap_or(-1.0) as u32;
        on_event(
            index,
            Event::Parsed {
                file_id: number("file_id"),
                generation: number("generation"),
                bytes: parsed.to_vec(),
                memory: field("memory").and_then(|v| v.as_f64()).unwrap_or(0.0) as u64,
                read_ms: field("read_ms").and_then(|v| v.as_f64()).unwrap_or(0.0),
                encode_ms: field("encode_ms").and_then(|v| v.as_f64()).unwrap_or(0.0),
                read_whole: field("read_whole").and_then(|v| v.as_bool()) == Some(true),
                part: field("part_index").and_then(|v| v.as_f64()).map(|index| {
                    let scan = PartScan {
                        lines: field("part_lines").and_then(|v| v.as_f64()).unwrap_or(0.0) as u64,
                        clean: field("part_clean").and_then(|v| v.as_bool()) == Some(true),
                    };
                    (index as u32, scan)
                }),
            },
        );
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        let message = event
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(web_sys::ErrorEvent::message)
            .unwrap_or_default();
        on_event(index, Event::Crashed(Crash::of(&message)));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(Helper {
        worker,
        ready: false,
        busy: None,
        _on_message: on_message,
        _on_error: on_error,
    })
}

impl Pool {
    /// The job a helper holds (for a crash report).
    pub fn job_of(&self, index: usize) -> Option<(u32, u32, String, u64)> {
        self.helpers.get(index)?.as_ref()?.busy.clone()
    }
}
