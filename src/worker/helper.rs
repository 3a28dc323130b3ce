//! What a parse worker does (see `pool`): reads a file, or one part of it, and sends the
//! outcome back encoded with `engine::wire`; or joins the parts of a file read in parts.

use super::file_reader::{read_range, FileRead};
use super::parts;
use super::runtime::{failed, post, scope, FILE_BUDGET};
use super::Reply;
use crate::engine::dataset::LoadedFile as ParsedFile;
use crate::engine::date::DaySpan;
use crate::engine::identity::OrgKey;
use crate::engine::ingest::{ingest, IngestOptions};
use crate::engine::memory_budget::MemoryBudget;
use crate::engine::sources::mapping::ColumnMapping;
use crate::engine::split::{PartRange, PartScan, Scan};
use crate::engine::wire;
use std::io::{Cursor, Read};
use wasm_bindgen::prelude::*;
use web_sys::File;

/// In a parse worker: reads the file (or the part of it) and sends its outcome back, encoded.
pub(super) fn parse(
    (file_id, generation, embedded, period): (u32, u32, bool, Option<DaySpan>),
    part: Option<PartRange>,
    file_name: &str,
    key_hex: &str,
    mapping: Option<ColumnMapping>,
    file: Option<File>,
) {
    let started = js_sys::Date::now();
    let mut scanned = None;
    let outcome = match (file, OrgKey::from_hex(key_hex)) {
        (Some(file), Some(key)) => {
            let size = file.size() as u64;
            let mut last_posted = 0u64;
            let mut progress = |bytes_read: u64, total_bytes: u64| {
                // Of a file in parts, the first part's progress stands for the file's.
                let (bytes_read, total_bytes) = match part {
                    Some(p) if p.index > 0 => return,
                    Some(_) => (bytes_read * size / total_bytes.max(1), size),
                    None => (bytes_read, total_bytes),
                };
                if bytes_read == total_bytes || bytes_read - last_posted >= 4 * 1024 * 1024 {
                    last_posted = bytes_read;
                    post(&Reply::Progress {
                        file_id,
                        bytes_read,
                        total_bytes,
                    });
                }
            };
            // A part may add its share of the file's memory budget.
            let parts = part.map_or(1, |p| u64::from(p.count.max(1)));
            let budget = MemoryBudget {
                limit: FILE_BUDGET.limit / parts,
                ..FILE_BUDGET
            };
            let options = IngestOptions::new(&key)
                .with_mapping(mapping.as_ref())
                .with_foreign_snapshot_ok(embedded)
                .with_period(period)
                .with_today(super::today())
                .with_budget(Some(budget))
                .as_part_of(part.map(|p| p.format));
            let (start, end) = part.map_or((0, size), |p| (p.start, p.end));
            let prefix = match part {
                Some(p) if p.index > 0 => read_range(&file, 0, p.prefix_len).unwrap_or_default(),
                _ => Vec::new(),
            };
            let result = match FileRead::range(file, start, end, &mut progress) {
                Ok(reader) => {
                    let mut scan = match part {
                        Some(p) => Scan::of(p.grain, reader),
                        None => Scan::off(reader),
                    };
                    let result = ingest(Cursor::new(prefix).chain(&mut scan), &options);
                    scanned = Some(scan.result());
                    result
                }
                Err(error) => Err(crate::engine::ingest::IngestError {
                    format: None,
                    error: error.into(),
                }),
            };
            match part {
                Some(_) => ParsedFile::part(file_id, file_name, size, result),
                None => ParsedFile::new(file_id, file_name, size, result),
            }
        }
        _ => failed(
            file_id,
            file_name,
            0,
            "the parse worker got no file or no key",
        ),
    };
    let parsed = js_sys::Date::now();
    let bytes = wire::to_bytes(&outcome).unwrap_or_default();
    let encoded = js_sys::Date::now();
    let part = part.map(|p| (p.index, scanned.unwrap_or_default()));
    let times = (parsed - started, encoded - parsed);
    post_parsed((file_id, generation), &bytes, times, part, false);
}

/// Joins the parts of a file (sent alongside the request in `data.parts`, encoded, in order)
/// and sends the file's outcome back, encoded, as if it had been read whole (or says to read it
/// whole).
pub(super) fn join(
    file_id: u32,
    generation: u32,
    prefix_lines: u64,
    scans: Vec<PartScan>,
    data: &JsValue,
) {
    let parts = js_sys::Reflect::get(data, &JsValue::from_str("parts"))
        .ok()
        .map(|v| js_sys::Array::from(&v))
        .map(|a| {
            a.iter()
                .map(|p| js_sys::Uint8Array::new(&p).to_vec())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let work = parts::Join {
        parts: parts.into_iter().zip(scans).collect(),
        prefix_lines,
    };
    let started = js_sys::Date::now();
    let joined = parts::join(&work);
    let done = js_sys::Date::now();
    let read_whole = joined.is_none();
    let bytes = joined
        .and_then(|file| wire::to_bytes(&file).ok())
        .unwrap_or_default();
    let times = (done - started, js_sys::Date::now() - done);
    post_parsed((file_id, generation), &bytes, times, None, read_whole);
}

/// Sends a file's (or part's) outcome to the dataset worker, its bytes transferred.
fn post_parsed(
    (file_id, generation): (u32, u32),
    bytes: &[u8],
    (read_ms, encode_ms): (f64, f64),
    part: Option<(u32, PartScan)>,
    read_whole: bool,
) {
    let array = js_sys::Uint8Array::from(bytes);
    let message = js_sys::Object::new();
    let set = |name: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&message, &name.into(), value);
    };
    set("read_ms", &read_ms.into());
    set("encode_ms", &encode_ms.into());
    set("parsed", &array);
    set("file_id", &JsValue::from(file_id));
    set("generation", &JsValue::from(generation));
    set("read_whole", &read_whole.into());
    if let Some((index, scan)) = part {
        set("part_index", &JsValue::from(index));
        set("part_lines", &(scan.lines as f64).into());
        set("part_clean", &scan.clean.into());
    }
    set("memory", &JsValue::from(super::wasm_memory_bytes() as f64));
    let transfer = js_sys::Array::of1(&array.buffer());
    let _ = scope().post_message_with_transfer(&message, &transfer);
}
