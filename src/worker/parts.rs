//! A large Users CSV, Copilot usage NDJSON or compliance JSONL read by several parse workers at
//! once (the browser side of `engine::split`): the dataset worker plans the parts from the
//! file's first bytes and a window after each nominal cut, queues one job per part and keeps
//! the parts as they come back; once all have, one parse worker joins them. A parse worker
//! reads its part (a CSV's with the header in front) and scans it.

use super::file_reader::read_range;
use crate::engine::dataset::LoadedFile;
use crate::engine::ingest::HEAD_BYTES;
use crate::engine::split::{self, PartRange, PartScan};
use web_sys::File;

/// Bytes read after a nominal cut to find where the next part can start: far longer than any
/// row or NDJSON record.
const WINDOW_BYTES: u64 = 1 << 20;

/// The parts to read `file` in, and the line breaks of its header prefix; `None` when it is
/// read whole (small, a format read as a whole, no place to cut found near a nominal cut).
pub fn plan(file: &File, helpers: usize) -> Option<(Vec<PartRange>, u64)> {
    let size = file.size() as u64;
    if helpers < 2 || size < 2 * split::MIN_PART_BYTES {
        return None;
    }
    let head = read_range(file, 0, (HEAD_BYTES as u64).min(size))?;
    let plan = split::plan(&head, size, helpers)?;
    let mut cuts = Vec::with_capacity(plan.nominal_cuts.len());
    for &nominal in &plan.nominal_cuts {
        let window = read_range(file, nominal, (nominal + WINDOW_BYTES).min(size))?;
        cuts.push(nominal + split::cut(plan.grain, &window)? as u64);
    }
    let ranges = split::ranges(&plan, size, &cuts)?;
    Some((ranges, plan.prefix_lines))
}

/// A file whose parts are being read: each part's outcome, encoded, as it arrives.
pub struct Pending {
    pub generation: u32,
    prefix_lines: u64,
    parts: Vec<Option<(Vec<u8>, PartScan)>>,
}

/// What a part's arrival makes of its file.
pub enum Arrived {
    /// Other parts are still being read.
    Waiting,
    /// All parts are in: a parse worker joins them (`engine::split::join_encoded`). Joining
    /// holds the file's facts decoded about twice over, which is safe in a parse worker (if it
    /// runs out of memory only this file fails), never in the dataset worker.
    Join(Join),
    /// A part cannot be joined (it was not clean): read the file whole.
    ReadWhole,
}

/// The parts of one file to join, in order.
#[derive(Clone)]
pub struct Join {
    pub parts: Vec<(Vec<u8>, PartScan)>,
    pub prefix_lines: u64,
}

impl Pending {
    pub fn new(generation: u32, prefix_lines: u64, count: usize) -> Pending {
        Pending {
            generation,
            prefix_lines,
            parts: (0..count).map(|_| None).collect(),
        }
    }

    /// Keeps part `index` (its outcome encoded as a parse worker sends it).
    pub fn arrive(&mut self, index: u32, scan: PartScan, bytes: Vec<u8>) -> Arrived {
        if !scan.clean {
            return Arrived::ReadWhole;
        }
        match self.parts.get_mut(index as usize) {
            Some(slot) => *slot = Some((bytes, scan)),
            None => return Arrived::ReadWhole,
        }
        if self.parts.iter().any(Option::is_none) {
            return Arrived::Waiting;
        }
        Arrived::Join(Join {
            parts: std::mem::take(&mut self.parts)
                .into_iter()
                .flatten()
                .collect(),
            prefix_lines: self.prefix_lines,
        })
    }
}

/// In a parse worker: the joined file, or `None` when the parts cannot be joined.
pub fn join(work: &Join) -> Option<LoadedFile> {
    split::join_encoded(&work.parts, work.prefix_lines)
}
