//! One parser module per native export format, and what they share: diagnostics that say what
//! happened to every row, and the error for a file that cannot be read at all.
//!
//! A parser reads a `std::io::Read` incrementally and returns [`Parsed`]: the file's canonical
//! facts (identifiers already hashed) plus its [`Diagnostics`]. Bad rows are data, not failure.

pub mod chatgpt_analytics_json;
pub mod chatgpt_compliance_common;
pub mod chatgpt_compliance_json;
pub mod chatgpt_compliance_logs;
pub mod chatgpt_credit_usage_csv;
pub mod chatgpt_gpts_csv;
pub mod chatgpt_personal_export;
pub mod chatgpt_projects_csv;
pub mod chatgpt_users_csv;
pub mod claude_code_csv;
pub mod claude_code_usage_json;
pub mod claude_enterprise_analytics_json;
pub mod claude_spend_csv;
pub mod codex_code_reviews_json;
pub mod codex_dashboard_json;
pub mod codex_user_csv;
pub mod copilot_activity_csv;
pub mod copilot_common;
pub mod copilot_entity_report;
pub mod copilot_metrics_json;
pub mod copilot_seats_json;
pub mod copilot_usage_ndjson;
pub mod copilot_user_teams;
pub mod csv_table;
pub mod cursor_analytics_csv;
pub mod cursor_daily_usage_json;
pub mod cursor_usage_events_csv;
pub mod gemini_audit_json;
pub mod gemini_usage_csv;
pub mod github_billing_csv;
pub mod hris;
pub mod hris_workday_json;
pub mod json_rows;
pub mod m365_copilot_usage_csv;
pub mod mapping;
pub mod records;
pub mod registry;
pub mod tallies;
pub mod uptake_facts_csv;
pub mod uptake_snapshot;
pub mod values;

use super::date::{Day, DaySpan};
use super::facts::Facts;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How many skipped rows are described one by one; the rest are counted.
pub const SKIPPED_EXAMPLES: usize = 5;

/// One row that was not used, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkippedRow {
    pub line: u64,
    pub column: Option<String>,
    pub reason: String,
}

impl fmt::Display for SkippedRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(
                f,
                "line {}, column \"{}\": {}",
                self.line, column, self.reason
            ),
            None => write!(f, "line {}: {}", self.line, self.reason),
        }
    }
}

/// What a parser did with a file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Diagnostics {
    pub rows_accepted: u64,
    pub rows_skipped: u64,
    /// Rows whose person and period were already loaded (from this file or an earlier one):
    /// counted once.
    pub rows_duplicate: u64,
    /// The first few skipped rows, with line and reason.
    pub skipped: Vec<SkippedRow>,
    /// Things the user should know that are not about one row.
    pub notes: Vec<String>,
    /// First and last day the file's rows cover.
    pub coverage: Option<DaySpan>,
    /// Days inside the coverage with no row at all (daily sources only): a gap in the export,
    /// or a day nobody used the tool. Never read as zero activity.
    pub missing_days: u32,
    /// The first few of those days.
    pub missing_examples: Vec<super::date::Day>,
    /// Rows skipped for being dated after today (see [`Diagnostics::after_today`]).
    #[serde(default)]
    pub future: Option<FutureRows>,
    /// Today on the page's clock, given to the parser (`ParseContext::today`); not a result.
    #[serde(skip)]
    pub today: Option<Day>,
    /// What the parser counted over the whole file, for the notes written once it is read
    /// (`ingest::settle`, which empties it).
    #[serde(default)]
    pub tallies: tallies::Tallies,
}

/// Days a row may lie past the page's today and still be read: exports date rows in UTC,
/// which is up to a day ahead of (or behind) the date where the page is.
pub const FUTURE_GRACE_DAYS: i32 = 1;

/// The day a seat row is dated by, for [`Diagnostics::after_today`]: the latest of its
/// snapshot, last activity, last authentication and apps' last use (its assignment and a
/// pending cancellation may rightly lie ahead).
pub fn seat_day(seat: &super::facts::Seat) -> Option<Day> {
    let apps = seat.apps.iter().map(|(_, day)| *day);
    [seat.snapshot, seat.last_activity, seat.last_authenticated]
        .into_iter()
        .flatten()
        .chain(apps)
        .max()
}

/// The rows of a file dated after today: how many, and where the first one is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FutureRows {
    pub rows: u64,
    pub first_line: u64,
    /// The first one's day (for a period, its last day).
    pub first_day: Day,
    /// Today on the page's clock when the file was read.
    pub today: Day,
}

impl FutureRows {
    /// The file's note: how many, the first, why they were skipped and what to do.
    pub fn note(&self) -> String {
        let (rows, first) = match self.rows {
            1 => ("1 row is".to_string(), "line"),
            n => (format!("{n} rows are"), "the first on line"),
        };
        let were = if self.rows == 1 { "was" } else { "were" };
        format!(
            "{rows} dated after today, {} ({first} {}: {}), and {were} skipped: a day that has not come yet, or a period still running, would otherwise become the headline week. Check the export's dates (a spreadsheet re-save can change them), or export it again once the period has ended.",
            self.today, self.first_line, self.first_day
        )
    }
}

impl Diagnostics {
    pub fn skip(&mut self, line: u64, column: Option<&str>, reason: impl Into<String>) {
        self.rows_skipped += 1;
        if self.skipped.len() < SKIPPED_EXAMPLES {
            self.skipped.push(SkippedRow {
                line,
                column: column.map(str::to_string),
                reason: reason.into(),
            });
        }
    }

    /// Counts a row that was read: accepted (its span covered) when it was new, else a
    /// duplicate of a row already loaded.
    pub fn count(&mut self, added: bool, span: Option<DaySpan>) {
        if !added {
            self.rows_duplicate += 1;
            return;
        }
        self.rows_accepted += 1;
        if let Some(span) = span {
            self.cover(span);
        }
    }

    pub fn cover(&mut self, span: DaySpan) {
        self.coverage = Some(self.coverage.map_or(span, |c| c.union(span)));
    }

    /// True when a row dated `day` (its day, its timestamp's UTC day, or the last day of its
    /// period) lies after [`Diagnostics::today`] by more than [`FUTURE_GRACE_DAYS`]: the row is counted as
    /// skipped, the first one remembered for the file's note, and the caller drops it. A day
    /// that has not come yet, or a period still running, would otherwise become the headline
    /// week. Always false when the page gave no date.
    pub fn after_today(&mut self, line: u64, day: Day) -> bool {
        let Some(today) = self.today else {
            return false;
        };
        if day <= today.plus(FUTURE_GRACE_DAYS) {
            return false;
        }
        self.rows_skipped += 1;
        match &mut self.future {
            Some(future) => future.rows += 1,
            None => {
                self.future = Some(FutureRows {
                    rows: 1,
                    first_line: line,
                    first_day: day,
                    today,
                })
            }
        }
        true
    }

    pub fn note(&mut self, note: impl Into<String>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }
}

/// A file's facts and what happened while reading it.
#[derive(Debug, Default)]
pub struct Parsed {
    pub facts: Facts,
    pub diagnostics: Diagnostics,
    /// For an `uptake.snapshot`: when, how and from what it was made.
    pub snapshot: Option<crate::engine::snapshot::SnapshotInfo>,
    /// One person's own messages (a personal ChatGPT export): kept apart from `facts`, read
    /// only by the "My usage" view.
    pub personal: super::facts::PersonalFacts,
}

impl Parsed {
    /// Nothing read yet; rows dated after `today` will be skipped (`Diagnostics::after_today`).
    pub fn until(today: Option<Day>) -> Parsed {
        let mut parsed = Parsed::default();
        parsed.diagnostics.today = today;
        parsed
    }
}

/// A file that cannot be read at all. `message` says where and what was found; `hint` what to
/// do next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileError {
    pub message: String,
    pub hint: String,
    /// Set when the file's columns need to be chosen by hand (an HRIS roster, a Claude Code
    /// analytics table): the page shows the column mapper.
    pub mapping_request: Option<mapping::MappingRequest>,
    /// Set for a passphrase-protected snapshot: the page asks for the passphrase.
    #[serde(default)]
    pub locked: bool,
    /// Set for a file that holds no dates: the page asks for the period it covers.
    /// Boxed: it is rare and `FileError` travels in every parser's `Result`.
    #[serde(default)]
    pub period_request: Option<Box<PeriodRequest>>,
}

/// What to ask the analyst about a file without dates (a Claude spend report covers a range
/// chosen when it was exported; a Gemini usage report the 28 days before its download).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodRequest {
    /// The question, in the page's words.
    pub question: String,
    /// `Some(n)`: only the last day is asked; the period is the `n` days ending with it.
    pub fixed_days: Option<u32>,
    /// The longest period the export can cover, if it has a limit.
    pub max_days: Option<u32>,
    /// A period read from the file name (`…2026-10-01…2026-10-31…`), offered as the answer.
    #[serde(default)]
    pub suggested: Option<DaySpan>,
}

impl PeriodRequest {
    /// The period an answer gives: `fixed_days` ending with `last`, else `first..=last`.
    /// `None` when it is backwards or longer than `max_days`.
    pub fn period(&self, first: super::date::Day, last: super::date::Day) -> Option<DaySpan> {
        let first = match self.fixed_days {
            Some(n) => last.plus(1 - n as i32),
            None => first,
        };
        let days = last.0 - first.0 + 1;
        (days >= 1 && self.max_days.is_none_or(|m| days <= m as i32))
            .then(|| DaySpan::new(first, last))
    }
}

impl FileError {
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        FileError {
            message: message.into(),
            hint: hint.into(),
            mapping_request: None,
            locked: false,
            period_request: None,
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.message, self.hint)
    }
}

impl From<std::io::Error> for FileError {
    fn from(error: std::io::Error) -> Self {
        FileError::new(
            format!("The file could not be read: {error}."),
            "Check that it is not still downloading, then add it again.",
        )
    }
}
