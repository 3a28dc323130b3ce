//! `gemini.usage_csv`: the Google Workspace **Gemini usage report** downloaded from the Admin
//! console → Generative AI → Gemini usage reports (FORMATS.md §7a, Low-Medium confidence).
//! One row per user over the ~28 days ending near the download day: `Email`, `Overall usage`,
//! `Active days`, and a count per app (`Gmail`, `Google Docs`, `Google Sheets`, `Google
//! Slides`, `Google Drive`, `Google Meet`, `Gemini app`). Header texts may carry ™ signs or
//! other capitalisation; names are compared without them.
//!
//! Each row is one Gemini [`PeriodActivity`] over its native window (never spread over days):
//! `Overall usage` as its messages, `Active days` as its active days (when the column is
//! there), active when either is above zero. The file
//! has no date: the window is the 28 days ending with a `Report date` (or `Date`, `End date`,
//! `Period end`) column when one was added, from a `Start date` to it when both are given.
//! Without one the file is refused with a [`PeriodRequest`]: the page asks for the day it was
//! downloaded (offering a day in the file name) and reads it again with the 28 days ending
//! there, since a window that cannot be placed would be guessed. The email is hashed.
//! Each app column above zero is kept as a [`PeriodApp`] count of the same period (Gmail,
//! Docs, Sheets, Slides, Drive, Meet, Chat, Vids, Gemini app). The report lists the people
//! licensed for Gemini, so each row is also a Gemini [`Seat`] as of the window's last day
//! (for Licences & cost, as the Microsoft 365 Copilot report's rows are).

use super::csv_table::{CsvTable, Header, Row};
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed, PeriodRequest};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Cadence, Facts, PeriodActivity, PeriodApp, Seat, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::GeminiUsageCsv,
    name: "gemini.usage_csv",
    label: "Google Gemini for Workspace usage report (CSV)",
    csv: true,
    signature: &["Email", "Overall usage", "Active days"],
    matches: |probe| matches!(probe, Probe::Csv { header, .. } if matches(header)),
    parse: |reader, ctx| parse(reader, ctx.delimiter, ctx.key, ctx.period, ctx.today),
};

/// Detection (FORMATS.md §10): ⊇ {Email, Overall usage, Active days}.
pub fn matches(header: &Header) -> bool {
    ["Email", "Overall usage", "Active days"]
        .iter()
        .all(|c| header.has(c))
}

/// The report's window in days (the console says "last 28 days").
pub const WINDOW_DAYS: i32 = 28;

const END_ALIASES: &[&str] = &[
    "Report date",
    "End date",
    "Period end",
    "Period end date",
    "Date",
    "Download date",
];
const START_ALIASES: &[&str] = &["Start date", "Period start", "Period start date"];

struct Columns {
    email: usize,
    overall: Option<usize>,
    active_days: Option<usize>,
    /// The end-date column, or the period the analyst gave when there is none.
    end: Result<usize, DaySpan>,
    start: Option<usize>,
    /// The per-app count columns and their app labels.
    apps: Vec<(usize, &'static str)>,
}

/// The app of a per-app count column, by its name without ™ signs, spaces or case.
fn app_of(column: &str) -> Option<&'static str> {
    Some(match super::csv_table::normalise_name(column).as_str() {
        "gmail" => "Gmail",
        "googledocs" | "docs" => "Docs",
        "googlesheets" | "sheets" => "Sheets",
        "googleslides" | "slides" => "Slides",
        "googledrive" | "drive" => "Drive",
        "googlemeet" | "meet" => "Meet",
        "googlechat" | "chat" => "Chat",
        "googlevids" | "vids" => "Vids",
        "geminiapp" => "Gemini app",
        _ => return None,
    })
}

/// What the page asks for a usage report without a date column.
pub fn period_request() -> PeriodRequest {
    PeriodRequest {
        question: "This Gemini usage report has no date: on which day was it downloaded? It covers the 28 days ending that day.".into(),
        fixed_days: Some(WINDOW_DAYS as u32),
        max_days: None,
        suggested: None,
    }
}

/// A row problem: the column it is in and what was wrong.
type RowError = (String, String);

pub fn parse(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    given: Option<DaySpan>,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let h = &table.header;
    let Some(email) = h.find(&["Email", "User email", "Email address"]) else {
        return Err(FileError::new(
            "This Gemini usage report has no \"Email\" column.",
            "Download the report again from the Google Admin console → Generative AI → Gemini usage reports.",
        ));
    };
    let end = match (h.find(END_ALIASES), given) {
        (Some(column), _) => Ok(column),
        (None, Some(period)) => Err(period),
        (None, None) => {
            let mut error = FileError::new(
                "This Gemini usage report has no date, so the 28 days it covers cannot be placed.",
                "Enter the day the report was downloaded (or add a \"Report date\" column holding it, YYYY-MM-DD, on every row), then read it again.",
            );
            error.period_request = Some(Box::new(period_request()));
            return Err(error);
        }
    };
    let columns = Columns {
        email,
        overall: h.find(&["Overall usage"]),
        active_days: h.find(&["Active days"]),
        end,
        start: h.find(START_ALIASES),
        apps: (0..h.names.len())
            .filter_map(|i| app_of(h.name(i)).map(|app| (i, app)))
            .collect(),
    };
    let header = h.clone();
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        match read_row(&row, &columns, &header, &mut hasher, &mut parsed.facts) {
            Ok((activity, apps)) => {
                let period = activity.period;
                if parsed.diagnostics.after_today(row.line, period.last) {
                    continue;
                }
                let added = push(&mut parsed.facts, activity, apps);
                parsed.diagnostics.count(added, Some(period));
            }
            Err((column, reason)) => parsed.diagnostics.skip(row.line, Some(&column), reason),
        }
    }
    if let (Err(given), true) = (columns.end, parsed.diagnostics.rows_accepted > 0) {
        parsed.diagnostics.note(format!(
            "Read as the 28 days {} to {}, ending with the download day you gave.",
            given.first, given.last
        ));
    }
    Ok(parsed)
}

/// A row's uses per app (the apps it used at all).
type AppCounts = Vec<(&'static str, u32)>;

/// The row's period row and its per-app counts.
fn read_row(
    row: &Row<'_>,
    c: &Columns,
    h: &Header,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Result<(PeriodActivity, AppCounts), RowError> {
    let name = |column: usize| h.name(column).to_string();
    let (first, end) = match c.end {
        Err(given) => (given.first, given.last),
        Ok(column) => {
            let end = values::date(&row.get(Some(column)))
                .map_err(|e| (name(column), e))?
                .ok_or((
                    name(column),
                    "expected a date like 2025-03-30, found nothing".to_string(),
                ))?;
            let start = match c.start {
                Some(s) => values::date(&row.get(Some(s))).map_err(|e| (name(s), e))?,
                None => None,
            };
            let first = start.unwrap_or(end.plus(1 - WINDOW_DAYS));
            if first > end {
                return Err((
                    name(column),
                    format!("the period ends ({end}) before it starts ({first})"),
                ));
            }
            (first, end)
        }
    };
    let read = |column: Option<usize>| -> Result<u32, RowError> {
        match column {
            Some(i) => values::count(&row.get(Some(i)))
                .map(Option::unwrap_or_default)
                .map_err(|e| (name(i), e)),
            None => Ok(0),
        }
    };
    let overall = read(c.overall)?;
    let active_days = read(c.active_days)?;
    let window_days = DaySpan::new(first, end).days();
    if i64::from(active_days) > i64::from(window_days) {
        let column = c.active_days.map(name).unwrap_or_default();
        return Err((
            column,
            format!(
                "expected at most {window_days} active days (the report's window), found {active_days}"
            ),
        ));
    }
    let mut apps = Vec::new();
    for (column, app) in &c.apps {
        let count = read(Some(*column))?;
        if count > 0 {
            apps.push((*app, count));
        }
    }
    let pseudonym = hasher
        .hash(IdKind::Email, &row.get(Some(c.email)))
        .ok_or((name(c.email), "no email: the row names nobody".to_string()))?;
    let period = DaySpan::new(first, end);
    let identity = facts.identities.intern(pseudonym, IdKind::Email);
    let activity = PeriodActivity {
        is_active: overall > 0 || active_days > 0,
        messages: overall,
        active_days: c.active_days.map(|_| active_days),
        ..PeriodActivity::over(identity, Tool::Gemini, period, Cadence::DateRange)
    };
    Ok((activity, apps))
}

/// Adds a period row and its per-app counts; false when that person and period were loaded.
fn push(facts: &mut Facts, activity: PeriodActivity, apps: AppCounts) -> bool {
    let (identity, period) = (activity.identity, activity.period);
    if !facts.push_period(activity, &[]) {
        return false;
    }
    // The report lists the people licensed for Gemini: a seat as of its last day.
    facts.push_seat(Seat {
        identity: Some(identity),
        tool: Some(Tool::Gemini),
        snapshot: Some(period.last),
        ..Seat::default()
    });
    for (app, count) in apps {
        let app = facts.strings.intern(app);
        facts.push_period_app(PeriodApp {
            identity,
            tool: Tool::Gemini,
            period,
            app,
            count,
        });
    }
    true
}
