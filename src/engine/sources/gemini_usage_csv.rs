//! `gemini.usage_csv`: the Google Workspace **Gemini usage report** downloaded from the Admin
//! console → Generative AI → Gemini usage reports (FORMATS.md §7a, Low-Medium confidence).
//! One row per user over the ~28 days ending near the download day: `Email`, `Overall usage`,
//! `Active days`, and a count per app (`Gmail`, `Google Docs`, `Google Sheets`, `Google
//! Slides`, `Google Drive`, `Google Meet`, `Gemini app`). Header texts may carry ™ signs or
//! other capitalisation; names are compared without them.
//!
//! Each row is one Gemini [`PeriodActivity`] over its native window (never spread over days):
//! `Overall usage` as its messages, active when it or `Active days` is above zero. The file
//! has no date: the window is the 28 days ending with a `Report date` (or `Date`, `End date`,
//! `Period end`) column when one was added, from a `Start date` to it when both are given.
//! Without one the file is refused with a message saying which column to add, since a window
//! that cannot be placed would be guessed. The email is hashed. Each app column above zero is
//! kept as a [`PeriodApp`] count of the same period (Gmail, Docs, Sheets, Slides, Drive, Meet,
//! Chat, Vids, Gemini app).

use super::csv_table::{CsvTable, Header, Row};
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed};
use crate::engine::date::DaySpan;
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Cadence, Facts, PeriodActivity, PeriodApp, SeatStatus, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::GeminiUsageCsv,
    name: "gemini.usage_csv",
    label: "Google Gemini for Workspace usage report (CSV)",
    csv: true,
    signature: &["Email", "Overall usage", "Active days"],
    matches: |probe| matches!(probe, Probe::Csv { header, .. } if matches(header)),
    parse: |reader, ctx| parse(reader, ctx.delimiter, ctx.key),
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
    end: usize,
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

/// A row problem: the column it is in and what was wrong.
type RowError = (String, String);

pub fn parse(reader: impl Read, delimiter: u8, key: &OrgKey) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let h = &table.header;
    let Some(email) = h.find(&["Email", "User email", "Email address"]) else {
        return Err(FileError::new(
            "This Gemini usage report has no \"Email\" column.",
            "Download the report again from the Google Admin console → Generative AI → Gemini usage reports.",
        ));
    };
    let Some(end) = h.find(END_ALIASES) else {
        return Err(FileError::new(
            "This Gemini usage report has no date, so the 28 days it covers cannot be placed.",
            "Add a column named \"Report date\" holding the day the report was downloaded (YYYY-MM-DD) on every row, then add the file again.",
        ));
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
    let mut parsed = Parsed::default();
    let mut hasher = Pseudonymiser::new(key);
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        match read_row(&row, &columns, &header, &mut hasher, &mut parsed.facts) {
            Ok(Some(period)) => {
                parsed.diagnostics.count(true, Some(period));
            }
            Ok(None) => parsed.diagnostics.count(false, None),
            Err((column, reason)) => parsed.diagnostics.skip(row.line, Some(&column), reason),
        }
    }
    Ok(parsed)
}

/// The row's period when it was added; `Ok(None)` when that person and period were loaded.
fn read_row(
    row: &Row<'_>,
    c: &Columns,
    h: &Header,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Result<Option<DaySpan>, RowError> {
    let name = |column: usize| h.name(column).to_string();
    let end = values::date(&row.get(Some(c.end)))
        .map_err(|e| (name(c.end), e))?
        .ok_or((
            name(c.end),
            "expected a date like 2025-03-30, found nothing".to_string(),
        ))?;
    let start = match c.start {
        Some(column) => values::date(&row.get(Some(column))).map_err(|e| (name(column), e))?,
        None => None,
    };
    let first = start.unwrap_or(end.plus(1 - WINDOW_DAYS));
    if first > end {
        return Err((
            name(c.end),
            format!("the period ends ({end}) before it starts ({first})"),
        ));
    }
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
    let activity = PeriodActivity {
        identity: facts.identities.intern(pseudonym, IdKind::Email),
        tool: Tool::Gemini,
        period,
        cadence: Cadence::DateRange,
        status: SeatStatus::Enabled,
        is_active: overall > 0 || active_days > 0,
        messages: overall,
        gpt_messages: 0,
        gpts_messaged: 0,
        tool_messages: 0,
        tools_messaged: 0,
        project_messages: 0,
        projects_messaged: 0,
        projects_created: 0,
        credits: None,
        first_active_in_period: None,
        last_active_in_period: None,
        last_active_ever: None,
        seat_created: None,
        department: None,
        models: (0, 0),
    };
    let identity = activity.identity;
    if !facts.push_period(activity, &[]) {
        return Ok(None);
    }
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
    Ok(Some(period))
}
