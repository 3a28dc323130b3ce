//! The dataset worker's side of the parse workers: what it does with each thing a parse worker
//! says (a file read, a part of one, a joined file, a crash).

use super::file_reader::read_range;
use super::parts::Arrived;
use super::pool::{self, Job};
use super::runtime::{failed, failed_because, job_for, post_report, schedule_with, scope, STATE};
use super::{Reply, Timing};
use crate::engine::dataset::LoadedFile as ParsedFile;
use crate::engine::detect::{detect, FormatId};
use crate::engine::ingest::HEAD_BYTES;
use wasm_bindgen::prelude::*;

/// What a parse worker said. A file read by a parse worker is merged at once, but the Report
/// waits until no other file is still being read: dropping many files computes it once.
pub(super) fn on_pool_event(index: usize, event: pool::Event) {
    STATE.with(|state| {
        let state = &mut *state.borrow_mut();
        match event {
            pool::Event::Forward(text) => {
                if matches!(serde_json::from_str::<Reply>(&text), Ok(Reply::Started)) {
                    state.pool.mark_ready(index, on_pool_event);
                } else {
                    // Progress and problems go to the page as they are.
                    let _ = scope().post_message(&JsValue::from_str(&text));
                }
                return;
            }
            pool::Event::Parsed {
                file_id,
                generation,
                bytes,
                memory,
                read_ms,
                encode_ms,
                part,
                read_whole,
            } => {
                state.pool.note_memory(memory);
                let name = state
                    .pool
                    .job_of(index)
                    .map(|(_, _, name, size)| (name, size));
                state.pool.mark_idle(index, on_pool_event);
                let current = state.generations.get(&file_id) == Some(&generation);
                if let (true, Some((part_index, scan))) = (current, part) {
                    let name = name.map(|(name, _)| name).unwrap_or_default();
                    state.timings.extend([
                        Timing::of(
                            format!(
                                "read and parse {name}, part {} (parse worker)",
                                part_index + 1
                            ),
                            read_ms,
                        ),
                        Timing::of(
                            format!("encode {name}, part {} (parse worker)", part_index + 1),
                            encode_ms,
                        ),
                    ]);
                    let arrived = match state.parts.get_mut(&file_id) {
                        Some(pending) if pending.generation == generation => {
                            pending.arrive(part_index, scan, bytes)
                        }
                        _ => Arrived::ReadWhole,
                    };
                    match arrived {
                        Arrived::Waiting => {}
                        // The parts' entry stays until the joined file arrives.
                        Arrived::Join(work) => {
                            let loaded = state.files.iter().find(|f| f.file_id == file_id);
                            if let (Some(loaded), Some(key)) = (loaded, state.key.as_ref()) {
                                let job = Job {
                                    join: Some(work),
                                    ..job_for(loaded, key, generation)
                                };
                                state.pool.submit(job, on_pool_event);
                            }
                        }
                        // A quoted line break, a failed part: the file is read whole.
                        Arrived::ReadWhole => schedule_with(state, file_id, false),
                    }
                } else if current && read_whole {
                    schedule_with(state, file_id, false);
                } else if current {
                    let joined = state.parts.remove(&file_id).is_some();
                    let decoding = js_sys::Date::now();
                    // The file keeps its bytes: its facts are moved into the merged ones, and
                    // decoded again from the bytes if everything is merged again.
                    let file = ParsedFile::from_wire(bytes).unwrap_or_else(|error| {
                        let (name, size) = name.clone().unwrap_or_default();
                        failed(
                            file_id,
                            &name,
                            size,
                            &format!("its parsed data could not be passed on ({error})"),
                        )
                    });
                    let mut file = file;
                    file.set_reader(index as u32 + 1);
                    let merging = js_sys::Date::now();
                    state.dataset.insert(file);
                    let merged = js_sys::Date::now();
                    state.finished.push(file_id);
                    let name = name.map(|(name, _)| name).unwrap_or_default();
                    let (read, encode) = match joined {
                        true => ("join the parts of", "encode the joined"),
                        false => ("read and parse", "encode"),
                    };
                    state.timings.extend([
                        Timing::of(format!("{read} {name} (parse worker)"), read_ms),
                        Timing::of(format!("{encode} {name} (parse worker)"), encode_ms),
                        Timing::of(format!("decode {name}"), merging - decoding),
                        Timing::of(format!("merge {name}"), merged - merging),
                    ]);
                }
            }
            pool::Event::Crashed(crash) => {
                let job = state.pool.job_of(index);
                if let Some((file_id, generation, name, size)) = job {
                    if state.generations.get(&file_id) == Some(&generation) {
                        // The file's other parts, if it was read in parts, are dropped.
                        if state.parts.remove(&file_id).is_some() {
                            state.pool.cancel(file_id);
                            *state.generations.entry(file_id).or_default() += 1;
                        }
                        // The row names the file's format, detected from its first bytes
                        // (the parse worker that knew it is gone).
                        let format = state
                            .files
                            .iter()
                            .find(|f| f.file_id == file_id)
                            .and_then(|f| detected_format(&f.file, size));
                        let failed = failed_because(file_id, &name, size, format, crash.explain());
                        state.dataset.insert(failed);
                        state.finished.push(file_id);
                    }
                }
                // After the file's queued parts were cancelled: no new helper takes them.
                state.pool.drop_helper(index, on_pool_event);
            }
        }
        if !state.pool.is_busy() && !state.finished.is_empty() {
            post_report(state, None);
        }
    });
}

/// The format `file`'s first bytes are detected as, if any.
fn detected_format(file: &web_sys::File, size: u64) -> Option<FormatId> {
    let head = read_range(file, 0, (HEAD_BYTES as u64).min(size))?;
    detect(&head).format()
}
