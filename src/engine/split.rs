//! One large file read by several parse workers at once: the file is cut into byte ranges,
//! each range is read as a file of its own, and the parts' outcomes are joined in order into
//! exactly what one read of the whole file gives: the same facts, the same counts, the same
//! lines in every message, the same notes.
//!
//! Two kinds of file are cut ([`Grain`]):
//!
//! - A CSV read row by row is cut at line starts, its header prepended to every part after the
//!   first. A cut is only safe where no quoted field spans it: every part is scanned as it is
//!   read ([`Scan`]), and when a line of it has an odd number of `"` (a quoted line break, or a
//!   stray quote that makes the quoting ambiguous), or a carriage return ends a line on its
//!   own, the parts are not joined ([`join`] gives `None`) and the file is read whole instead.
//! - NDJSON (JSON values one after another) is cut at a line start between a `}` and a `{`
//!   with only white space between them ([`cut`]). In JSON, two values inside an object or an
//!   array are always separated by a comma and a string cannot hold a line break, so such a
//!   place lies between two top-level values: every part is NDJSON of its own. A file in one
//!   array or one wrapping object has no such place and is read whole.
//!
//! Only formats whose parser reads each row or record on its own are cut ([`splittable`]);
//! what a parser says of the file as a whole (event types it does not read, a report's stated
//! period, rows dated after today) is tallied by each part and said once, after the join
//! (`ingest::settle`).

use super::dataset::LoadedFile;
use super::detect::{detect, FormatId};
use super::facts::Facts;
use super::ingest::settle;
use super::sources::records::count_records_before;
use super::sources::{Diagnostics, SKIPPED_EXAMPLES};
use super::text::Encoding;
use super::wire;
use serde::{Deserialize, Serialize};
use std::io::{self, Read};

/// No part is smaller than this: below it, starting another reader costs more than it saves.
pub const MIN_PART_BYTES: u64 = 16 * 1024 * 1024;

/// How a file is cut into parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grain {
    /// A CSV, at line starts, its header in front of every later part.
    CsvRows,
    /// NDJSON, between two top-level values that start and end lines.
    JsonValues,
}

/// How a format's files are cut, if they are: formats read row by row or record by record,
/// with nothing worked out from the file as a whole but the tallies the join adds up.
pub fn splittable(format: FormatId) -> Option<Grain> {
    match format {
        FormatId::ChatgptUsersCsv => Some(Grain::CsvRows),
        FormatId::CopilotUsageNdjson | FormatId::ChatgptComplianceLogsJsonl => {
            Some(Grain::JsonValues)
        }
        _ => None,
    }
}

/// How to cut a file: the bytes every later part starts with, and where to look for cuts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The file's format, as detected from its first bytes: every part is read as it.
    pub format: FormatId,
    pub grain: Grain,
    /// The file's first bytes up to and including the line break that ends its header row
    /// (blank lines before it included): prepended to every part after the first.
    pub prefix_len: u64,
    /// Line breaks in that prefix.
    pub prefix_lines: u64,
    /// Where each later part should start, roughly: each is moved to the next place it can
    /// start ([`cut`]) before it is used.
    pub nominal_cuts: Vec<u64>,
}

/// A plan for reading a file of `size` bytes, whose first bytes are `head`, in up to `parts`
/// parts; `None` when it should be read whole (small, not a splittable format, UTF-16, or no
/// header line in `head`).
pub fn plan(head: &[u8], size: u64, parts: usize) -> Option<Plan> {
    let parts = (parts as u64).min(size / MIN_PART_BYTES);
    if parts < 2 {
        return None;
    }
    let format = detect(head).format()?;
    let grain = splittable(format)?;
    if !matches!(Encoding::sniff(head), Encoding::Utf8 | Encoding::Utf8Bom) || head.contains(&0) {
        return None;
    }
    let (prefix_len, prefix_lines) = match grain {
        Grain::CsvRows => prefix(head)?,
        Grain::JsonValues => {
            let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
            let first = text.iter().find(|b| !b.is_ascii_whitespace());
            (first == Some(&b'{')).then_some((0, 0))?
        }
    };
    let body = size - prefix_len as u64;
    let nominal_cuts = (1..parts)
        .map(|k| prefix_len as u64 + body * k / parts)
        .collect();
    Some(Plan {
        format,
        grain,
        prefix_len: prefix_len as u64,
        prefix_lines,
        nominal_cuts,
    })
}

/// One part of a file, as the dataset worker hands it to a parse worker: bytes `start..end`,
/// after the file's first `prefix_len` bytes (its header) unless it is the first part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartRange {
    pub format: FormatId,
    pub grain: Grain,
    pub index: u32,
    pub count: u32,
    pub start: u64,
    pub end: u64,
    pub prefix_len: u64,
}

/// The parts of a file of `size` bytes, given where a line starts after each of the plan's
/// nominal cuts; `None` unless the cuts lie after the header, before the end and in order.
pub fn ranges(plan: &Plan, size: u64, cuts: &[u64]) -> Option<Vec<PartRange>> {
    let mut bounds = vec![0];
    bounds.extend_from_slice(cuts);
    bounds.push(size);
    let ordered = cuts.len() == plan.nominal_cuts.len()
        && cuts.iter().all(|&c| c > plan.prefix_len && c < size)
        && bounds.windows(2).all(|w| w[0] < w[1]);
    if !ordered {
        return None;
    }
    let count = bounds.len() as u32 - 1;
    Some(
        bounds
            .windows(2)
            .enumerate()
            .map(|(index, w)| PartRange {
                format: plan.format,
                grain: plan.grain,
                index: index as u32,
                count,
                start: w[0],
                end: w[1],
                prefix_len: plan.prefix_len,
            })
            .collect(),
    )
}

/// The end of the header row (after its line break) and the line breaks up to there: the
/// first line that is not blank. `None` if it is not in `head` or its quotes are unbalanced.
pub fn prefix(head: &[u8]) -> Option<(usize, u64)> {
    let mut start = 0;
    let mut lines = 0;
    while let Some(at) = memchr::memchr(b'\n', &head[start..]) {
        let line = &head[start..start + at];
        lines += 1;
        start += at + 1;
        let text = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let quotes = memchr::memchr_iter(b'"', line).count();
        let lone_cr = line.iter().rev().skip(1).any(|&b| b == b'\r');
        return (quotes.is_multiple_of(2) && !lone_cr).then_some((start, lines));
    }
    None
}

/// Where the first line starting in `window` starts (just after its first line break), if it
/// has one.
pub fn line_start(window: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', window).map(|at| at + 1)
}

/// Where in `window` (bytes from a nominal cut on) the first place a part of `grain` can start
/// is: the first line start, or for JSON values the first line start with only white space
/// between a `}` before it and a `{` after it, both in `window`.
pub fn cut(grain: Grain, window: &[u8]) -> Option<usize> {
    match grain {
        Grain::CsvRows => line_start(window),
        Grain::JsonValues => {
            // One pass: the first line start after a `}`, returned at the next `{` if only
            // white space lies between (never a rescan per line, whatever the window holds).
            let (mut closed, mut start) = (false, None);
            for (at, &byte) in window.iter().enumerate() {
                if byte == b'\n' {
                    if closed && start.is_none() {
                        start = Some(at + 1);
                    }
                } else if !byte.is_ascii_whitespace() {
                    if byte == b'{' && start.is_some() {
                        return start;
                    }
                    closed = byte == b'}';
                    start = None;
                }
            }
            None
        }
    }
}

/// What reading a part showed about its bytes (the prefix excluded).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartScan {
    /// Line breaks (`\n`) in the part.
    pub lines: u64,
    /// Every line has an even number of `"` and no carriage return stands alone: no quoted
    /// field spans a line, so the cuts fell between rows and lines count as the parser counts.
    pub clean: bool,
}

/// A reader that scans the bytes it passes on (see [`PartScan`]).
pub struct Scan<R> {
    inner: R,
    lines: u64,
    /// An odd number of `"` so far on the current line.
    odd: bool,
    /// The previous byte was a carriage return.
    after_cr: bool,
    clean: bool,
    /// Passes the bytes on without looking at them ([`Scan::off`]).
    off: bool,
    /// Counts line breaks only ([`Scan::lines`]).
    lines_only: bool,
}

impl<R: Read> Scan<R> {
    pub fn new(inner: R) -> Self {
        Scan {
            inner,
            lines: 0,
            odd: false,
            after_cr: false,
            clean: true,
            off: false,
            lines_only: false,
        }
    }

    /// The scan of a part of `grain`: quotes and carriage returns matter in a CSV; in NDJSON,
    /// cut between values ([`cut`]), only the line breaks are counted.
    pub fn of(grain: Grain, inner: R) -> Self {
        Scan {
            lines_only: grain == Grain::JsonValues,
            ..Scan::new(inner)
        }
    }

    /// A reader that only passes the bytes on (a file read whole goes through the same type as
    /// a part, so the parsers are compiled once for both).
    pub fn off(inner: R) -> Self {
        Scan {
            off: true,
            ..Scan::new(inner)
        }
    }

    /// The scan of everything read so far (a part read to its end: the whole part).
    pub fn result(&self) -> PartScan {
        PartScan {
            lines: self.lines,
            clean: self.clean && !self.odd && !self.after_cr,
        }
    }

    fn look(&mut self, bytes: &[u8]) {
        if self.lines_only {
            self.lines += memchr::memchr_iter(b'\n', bytes).count() as u64;
            return;
        }
        let Some(&first) = bytes.first() else {
            return;
        };
        // A carriage return at the end of the previous read must be followed by a line feed.
        if self.after_cr && first != b'\n' {
            self.clean = false;
        }
        self.after_cr = false;
        for at in memchr::memchr3_iter(b'"', b'\n', b'\r', bytes) {
            match bytes[at] {
                b'"' => self.odd = !self.odd,
                b'\n' => {
                    self.lines += 1;
                    self.clean &= !self.odd;
                    self.odd = false;
                }
                _ => match bytes.get(at + 1) {
                    Some(b'\n') => {}
                    Some(_) => self.clean = false,
                    None => self.after_cr = true,
                },
            }
        }
    }
}

impl<R: Read> Read for Scan<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(out)?;
        if !self.off {
            self.look(&out[..n]);
        }
        Ok(n)
    }
}

/// One part's outcome and scan, in file order.
pub struct Part {
    pub file: LoadedFile,
    pub scan: PartScan,
}

/// The parts of one file joined into the outcome of reading it whole; `None` when they cannot
/// be (a part was not clean, failed, or was read as another format): the file is then read
/// whole. `prefix_lines` is [`Plan::prefix_lines`].
pub fn join(parts: Vec<Part>, prefix_lines: u64) -> Option<LoadedFile> {
    join_each(parts.into_iter().map(Some), prefix_lines)
}

/// [`join`] of parts as parse workers send them (encoded with `engine::wire`), decoded one at
/// a time: at most the joined facts and one part's are held decoded at once.
pub fn join_encoded(parts: &[(Vec<u8>, PartScan)], prefix_lines: u64) -> Option<LoadedFile> {
    if parts.iter().any(|(_, scan)| !scan.clean) {
        return None;
    }
    let decoded = parts.iter().map(|(bytes, scan)| {
        let file = wire::from_bytes::<LoadedFile>(bytes).ok()?;
        Some(Part { file, scan: *scan })
    });
    join_each(decoded, prefix_lines)
}

fn join_each(parts: impl Iterator<Item = Option<Part>>, prefix_lines: u64) -> Option<LoadedFile> {
    let mut joined: Option<LoadedFile> = None;
    let mut lines_before = 0;
    for part in parts {
        let Part { mut file, scan } = part?;
        let summary = &file.summary;
        if !scan.clean || summary.error.is_some() || summary.format.is_none() {
            return None;
        }
        let Some(into) = &mut joined else {
            // Moved into empty facts: decoded facts (`engine::wire`) come without their
            // de-duplication keys, which the later parts are checked against.
            let mut facts = Facts::default();
            facts.merge_owned(std::mem::take(&mut file.facts));
            file.facts = facts;
            lines_before = scan.lines;
            joined = Some(file);
            continue;
        };
        if summary.format != into.summary.format {
            return None;
        }
        // A later part's line L (after its prefix) is line L - prefix + lines before it.
        let shift = |line: u64| {
            if line > prefix_lines {
                line - prefix_lines + lines_before
            } else {
                line
            }
        };
        shift_lines(&mut file.summary.diagnostics, shift);
        // Reading stopped inside an earlier part (a record too large to keep): one read would
        // not have read the parts after it.
        if into.summary.diagnostics.tallies.stopped {
            return None;
        }
        let later = &mut file.summary.diagnostics;
        if later.tallies.stopped {
            let before = into.summary.diagnostics.tallies.records;
            for note in &mut later.notes {
                if let Some(counted) = count_records_before(note, before) {
                    *note = counted;
                }
            }
        }
        let stats = into.facts.merge(&file.facts);
        let d = &mut into.summary.diagnostics;
        add_diagnostics(d, file.summary.diagnostics);
        // Rows of this part already read in an earlier one: duplicates, as in one read (a
        // record's breakdown rows are part of its row, not rows of their own).
        let repeated = (stats.duplicates - stats.breakdown_duplicates) as u64;
        d.rows_accepted = d.rows_accepted.saturating_sub(repeated);
        d.rows_duplicate += repeated;
        lines_before += scan.lines;
    }
    let mut joined = joined?;
    let found = !joined.facts.identities.is_empty();
    settle(&mut joined.summary.diagnostics, found);
    joined.own_duplicates = joined.summary.diagnostics.rows_duplicate;
    joined.note_gaps();
    Some(joined)
}

/// Moves every line number a part's diagnostics give (skipped rows, the first future row,
/// notes that start with `line N`) by `shift`.
fn shift_lines(d: &mut Diagnostics, shift: impl Fn(u64) -> u64) {
    for row in &mut d.skipped {
        row.line = shift(row.line);
    }
    if let Some(future) = &mut d.future {
        future.first_line = shift(future.first_line);
    }
    for note in &mut d.notes {
        let Some(rest) = note.strip_prefix("line ") else {
            continue;
        };
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if let Ok(line) = rest[..digits].parse::<u64>() {
            *note = format!("line {}{}", shift(line), &rest[digits..]);
        }
    }
}

/// Adds a later part's diagnostics to the earlier parts'.
fn add_diagnostics(d: &mut Diagnostics, later: Diagnostics) {
    d.rows_accepted += later.rows_accepted;
    d.rows_skipped += later.rows_skipped;
    d.rows_duplicate += later.rows_duplicate;
    let room = SKIPPED_EXAMPLES.saturating_sub(d.skipped.len());
    d.skipped.extend(later.skipped.into_iter().take(room));
    for note in later.notes {
        d.note(note);
    }
    if let Some(span) = later.coverage {
        d.cover(span);
    }
    d.tallies.add(later.tallies);
    match (&mut d.future, later.future) {
        (Some(future), Some(more)) => future.rows += more.rows,
        (None, more) => d.future = more,
        (Some(_), None) => {}
    }
}
