//! What a parser counts over a whole file and says only once the file is read: event types it
//! does not use, the period a report says it covers, the file's encoding. Kept apart from the
//! notes so that the parts of a file read in parts (`engine::split`) add up first and the
//! joined file says what one read of the whole file says (`ingest::settle` writes the notes).

use crate::engine::date::DaySpan;
use serde::{Deserialize, Serialize};

/// Kinds of unused record counted at most (a few at most in a real export).
const UNUSED_KINDS: usize = 20;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tallies {
    /// Records of a type the parser does not read, by type, in the order first seen.
    pub unused: Vec<(String, u64)>,
    /// The period the report says it covers (a Copilot 28-day report), to compare with the
    /// days its rows cover.
    pub report_span: Option<DaySpan>,
    /// The encoding the file was read as, when not plain UTF-8 (its label).
    pub encoding: Option<String>,
    /// The file is JSON (its "nothing found" note says records, not rows).
    pub json: bool,
    /// JSON records the scanner handed over (`records::for_each_record`), read or not.
    pub records: u64,
    /// Reading stopped before the end (a record cut off, or too large), with a note that
    /// counts the complete records before it (`records::count_records_before`).
    pub stopped: bool,
}

impl Tallies {
    /// Counts one record of an unused type (its first 40 characters).
    pub fn count_unused(&mut self, kind: &str) {
        self.add_unused(kind.chars().take(40).collect(), 1);
    }

    /// Adds `n` records of an unused type, kept while fewer than [`UNUSED_KINDS`] types are.
    fn add_unused(&mut self, kind: String, n: u64) {
        if let Some((_, m)) = self.unused.iter_mut().find(|(k, _)| *k == kind) {
            *m += n;
        } else if self.unused.len() < UNUSED_KINDS {
            self.unused.push((kind, n));
        }
    }

    /// Widens the report's stated period by `span`.
    pub fn report(&mut self, span: DaySpan) {
        self.report_span = Some(self.report_span.map_or(span, |s| s.union(span)));
    }

    /// Adds a later part's tallies (`engine::split`): as if its records had followed.
    pub fn add(&mut self, later: Tallies) {
        for (kind, n) in later.unused {
            self.add_unused(kind, n);
        }
        if let Some(span) = later.report_span {
            self.report(span);
        }
        self.encoding = self.encoding.take().or(later.encoding);
        self.json |= later.json;
        self.records += later.records;
        self.stopped |= later.stopped;
    }

    /// The notes these tallies make, given the days the rows cover.
    pub fn notes(&self, coverage: Option<DaySpan>) -> Vec<String> {
        let mut notes: Vec<String> = self
            .unused
            .iter()
            .map(|(kind, n)| unused_note(kind, *n))
            .collect();
        if let (Some(report), Some(rows)) = (self.report_span, coverage) {
            if report != rows {
                notes.push(format!(
                    "The report is for {} to {}, but its rows only cover {} to {}: coverage is taken from the rows.",
                    report.first, report.last, rows.first, rows.last
                ));
            }
        }
        if let Some(label) = &self.encoding {
            notes.push(format!("Read as {label}."));
        }
        notes
    }
}

fn unused_note(kind: &str, n: u64) -> String {
    let (events, were) = if n == 1 {
        ("event", "was")
    } else {
        ("events", "were")
    };
    let why = if kind == "AUTH_LOG" {
        if n == 1 {
            "it says nothing about usage"
        } else {
            "they say nothing about usage"
        }
    } else {
        "Uptake does not read this event type"
    };
    format!("{n} {kind} {events} {were} not used: {why}.")
}
