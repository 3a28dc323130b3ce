//! `m365.copilot_usage_csv`: the **Microsoft 365 Copilot usage, user detail** report
//! (FORMATS.md §4), from the Microsoft 365 admin center → Reports → Usage → Microsoft 365
//! Copilot → Copilot (Usage tab) → export, or Graph
//! `GET /beta/reports/getMicrosoft365CopilotUsageUserDetail(period='D30')` as CSV or as JSON
//! (`{"value":[{userPrincipalName, …}]}`, pages concatenated allowed); one parser reads both.
//!
//! One row per **licensed** user, a snapshot as of `Report Refresh Date`, with no counts: only
//! the last activity day overall and per app (Teams, Word, Excel, PowerPoint, Outlook, OneNote,
//! Loop, Copilot Chat, and any newer `… Last Activity Date` column). Each row becomes an M365
//! Copilot [`Seat`] on the refresh day whose `last_activity` is the latest of those days (so
//! "active in a window" is a last-activity day inside it) and whose `last_surface` is the app
//! used on that day, and which keeps every app's own last-activity day (`apps`). An empty date
//! means never. The user principal name is hashed as an email
//! (it joins the HRIS work email); the display name is never read.
//!
//! Tenants that conceal user names put 32-hex hashes in both name columns: those rows are kept
//! (each hash is a stable person) and a note says the HRIS join needs concealment turned off.
//! Columns are found by name in either spelling (`Word Copilot Last Activity Date` or
//! `wordCopilotLastActivityDate`), in any order.

use super::csv_table::{normalise_name, CsvTable, Header};
use super::json_rows::each_record;
use super::registry::FormatSpec;
use super::values;
use super::{seat_day, Diagnostics, FileError, Parsed};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, JsonProbe, Probe, RECORD_ARRAY_KEYS};
use crate::engine::facts::{Facts, Seat, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use serde_json::{Map, Value};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::M365CopilotUsageCsv,
    name: "m365.copilot_usage_csv",
    label: "Microsoft 365 Copilot usage, user detail (CSV or Graph JSON)",
    csv: true,
    signature: &[
        "Report Refresh Date",
        "User Principal Name",
        "Copilot Chat Last Activity Date",
    ],
    matches: |probe| match probe {
        Probe::Csv { header, .. } => matches(header),
        Probe::Json(json) => matches_json(json),
    },
    parse: |reader, ctx| {
        if ctx.json {
            parse_json(reader, ctx.key, ctx.today)
        } else {
            parse_csv(reader, ctx.delimiter, ctx.key, ctx.today)
        }
    },
};

const REFRESH: &str = "Report Refresh Date";
const UPN: &str = "User Principal Name";
const LAST_ACTIVITY: &str = "Last Activity Date";

/// Detection (FORMATS.md §10): ⊇ {Report Refresh Date, User Principal Name} and a per-app
/// Copilot last-activity column (`Copilot Chat Last Activity Date` in the Graph file; other
/// Microsoft 365 usage reports have the first two but no Copilot app column).
pub fn matches(header: &Header) -> bool {
    header.has(REFRESH)
        && header.has(UPN)
        && header
            .names
            .iter()
            .any(|n| is_copilot_app(&normalise_name(n)))
}

/// JSON: `value[].userPrincipalName` with a Copilot app's last-activity key.
pub fn matches_json(json: &JsonProbe) -> bool {
    let Some(Value::Object(first)) = &json.first else {
        return false;
    };
    let names: Vec<String> = first.keys().map(|k| normalise_name(k)).collect();
    names.iter().any(|n| n == "userprincipalname") && names.iter().any(|n| is_copilot_app(n))
}

/// A per-app Copilot last-activity column, by normalised name.
fn is_copilot_app(normalised: &str) -> bool {
    app_prefix(normalised).is_some_and(|p| p.contains("copilot"))
}

/// `wordcopilotlastactivitydate` → `wordcopilot`; the overall column has no prefix.
fn app_prefix(normalised: &str) -> Option<&str> {
    normalised
        .strip_suffix("lastactivitydate")
        .filter(|p| !p.is_empty())
}

/// What a person calls the app of a last-activity column (`Microsoft Teams Copilot Last
/// Activity Date` → `Teams`); a column this table does not know keeps its own words.
fn app_label(name: &str) -> String {
    let known = match app_prefix(&normalise_name(name)).unwrap_or("") {
        "microsoftteamscopilot" | "teamscopilot" => "Teams",
        "wordcopilot" => "Word",
        "excelcopilot" => "Excel",
        "powerpointcopilot" => "PowerPoint",
        "outlookcopilot" => "Outlook",
        "onenotecopilot" => "OneNote",
        "loopcopilot" => "Loop",
        "copilotchat" => "Copilot Chat",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    let name = name.trim();
    let lower = name.to_ascii_lowercase();
    let cut = ["last activity date", "lastactivitydate"]
        .iter()
        .find(|suffix| lower.ends_with(*suffix))
        .map_or(name.len(), |suffix| name.len() - suffix.len());
    name.get(..cut).unwrap_or(name).trim().to_string()
}

/// One user row, whatever the file type: each cell's text and the column it came from.
struct UserRow {
    line: u64,
    refresh: String,
    upn: String,
    last_activity: String,
    /// (column name as written, app label, cell text).
    apps: Vec<(String, String, String)>,
}

/// A row problem: the column it is in and what was wrong.
type RowError = (String, String);

/// What the whole file said, for its notes.
#[derive(Default)]
struct Tally {
    concealed: u64,
    named: u64,
    refresh_days: Vec<Day>,
    never_used: u64,
}

impl Tally {
    /// Counts one person's seat (a repeated row is not counted again).
    fn add(&mut self, concealed: bool, never_used: bool, snapshot: Option<Day>) {
        if concealed {
            self.concealed += 1;
        } else {
            self.named += 1;
        }
        self.never_used += u64::from(never_used);
        if let Some(day) = snapshot.filter(|d| !self.refresh_days.contains(d)) {
            self.refresh_days.push(day);
        }
    }
}

pub fn parse_csv(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let h = table.header.clone();
    let Some(upn) = h.find(&[UPN, "userPrincipalName"]) else {
        return Err(FileError::new(
            "This Microsoft 365 Copilot report has no \"User Principal Name\" column.",
            "Export the user table again from the Microsoft 365 admin center → Reports → Usage → Microsoft 365 Copilot.",
        ));
    };
    let refresh = h.find(&[REFRESH]);
    let last = h.find(&[LAST_ACTIVITY]);
    let apps: Vec<(usize, String)> = (0..h.names.len())
        .filter(|&i| app_prefix(&normalise_name(h.name(i))).is_some())
        .map(|i| (i, h.name(i).to_string()))
        .collect();
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let mut tally = Tally::default();
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        let user = UserRow {
            line: row.line,
            refresh: row.get(refresh).into_owned(),
            upn: row.get(Some(upn)).into_owned(),
            last_activity: row.get(last).into_owned(),
            apps: apps
                .iter()
                .map(|(i, name)| {
                    (
                        name.clone(),
                        app_label(name),
                        row.get(Some(*i)).into_owned(),
                    )
                })
                .collect(),
        };
        accept(
            user,
            &mut parsed.facts,
            &mut parsed.diagnostics,
            &mut hasher,
            &mut tally,
        );
    }
    finish(&mut parsed.diagnostics, &tally);
    Ok(parsed)
}

pub fn parse_json(
    reader: &mut dyn Read,
    key: &OrgKey,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let mut tally = Tally::default();
    let facts = &mut parsed.facts;
    each_record::<Map<String, Value>>(
        reader,
        RECORD_ARRAY_KEYS,
        &mut parsed.diagnostics,
        |record, place, diagnostics| {
            let user = json_row(&record, place.line);
            accept(user, facts, diagnostics, &mut hasher, &mut tally);
        },
    )?;
    finish(&mut parsed.diagnostics, &tally);
    Ok(parsed)
}

/// A Graph JSON record as a [`UserRow`]: keys compared like CSV headers.
fn json_row(record: &Map<String, Value>, line: u64) -> UserRow {
    let text = |value: &Value| match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let find = |wanted: &str| {
        record
            .iter()
            .find(|(k, _)| normalise_name(k) == normalise_name(wanted))
            .map_or_else(String::new, |(_, v)| text(v))
    };
    UserRow {
        line,
        refresh: find(REFRESH),
        upn: find(UPN),
        last_activity: find(LAST_ACTIVITY),
        apps: record
            .iter()
            .filter(|(k, _)| app_prefix(&normalise_name(k)).is_some())
            .map(|(k, v)| (k.clone(), app_label(k), text(v)))
            .collect(),
    }
}

fn accept(
    user: UserRow,
    facts: &mut Facts,
    diagnostics: &mut Diagnostics,
    hasher: &mut Pseudonymiser<'_>,
    tally: &mut Tally,
) {
    match read_user(&user, hasher, facts) {
        Ok(seat) => {
            if seat_day(&seat).is_some_and(|day| diagnostics.after_today(user.line, day)) {
                return;
            }
            let (snapshot, never_used) = (seat.snapshot, seat.last_activity.is_none());
            let added = facts.push_seat(seat);
            diagnostics.count(added, snapshot.map(|d| DaySpan::new(d, d)));
            if added {
                tally.add(is_concealed(user.upn.trim()), never_used, snapshot);
            }
        }
        Err((column, reason)) => diagnostics.skip(user.line, Some(&column), reason),
    }
}

fn read_user(
    user: &UserRow,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Result<Seat, RowError> {
    let upn = user.upn.trim();
    let pseudonym = hasher.hash(IdKind::Email, upn).ok_or((
        UPN.to_string(),
        "no user principal name: the row names nobody".to_string(),
    ))?;
    let snapshot = values::date(&user.refresh)
        .map_err(|e| (REFRESH.to_string(), e))?
        .ok_or((
            REFRESH.to_string(),
            "expected a date like 2025-03-30, found nothing".to_string(),
        ))?;
    let mut last_activity =
        values::date(&user.last_activity).map_err(|e| (LAST_ACTIVITY.to_string(), e))?;
    let mut last_app: Option<(Day, &str)> = None;
    let mut apps: Vec<(&str, Day)> = Vec::new();
    for (column, label, cell) in &user.apps {
        if let Some(day) = values::date(cell).map_err(|e| (column.clone(), e))? {
            apps.push((label, day));
            if last_app.is_none_or(|(d, _)| day > d) {
                last_app = Some((day, label));
            }
        }
    }
    // The overall date is the latest of the apps' in Microsoft's file; a file where it is
    // missing or older still counts the app's day.
    last_activity = last_activity.max(last_app.map(|(d, _)| d));
    let last_surface = last_app
        .filter(|(d, _)| Some(*d) == last_activity)
        .map(|(_, label)| facts.strings.intern(label));
    Ok(Seat {
        identity: Some(facts.identities.intern(pseudonym, IdKind::Email)),
        tool: Some(Tool::M365Copilot),
        snapshot: Some(snapshot),
        last_activity,
        last_surface,
        apps: apps
            .into_iter()
            .map(|(label, day)| (facts.strings.intern(label), day))
            .collect(),
        ..Seat::default()
    })
}

/// A name concealed by the tenant's report setting: 32 hexadecimal digits
/// (`DC8C64D6EC3A3AA17481D7E5EB5B68A6`).
pub fn is_concealed(name: &str) -> bool {
    name.len() == 32 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

fn finish(diagnostics: &mut Diagnostics, tally: &Tally) {
    if tally.concealed > 0 {
        let people = if tally.concealed == 1 {
            "1 person is".to_string()
        } else {
            format!("{} people are", tally.concealed)
        };
        diagnostics.note(format!(
            "{people} concealed: this tenant shows 32-character hashes instead of user names, so they cannot be joined to the HRIS file (departments) or to other tools. \
             To join them, an admin turns concealment off in the Microsoft 365 admin center → Settings → Org settings → Reports (clear \"Display concealed user, group, and site names in all reports\"), then exports the report again."
        ));
    }
    if tally.refresh_days.len() > 1 {
        diagnostics.note(format!(
            "The file holds {} report refresh dates: each is a separate snapshot.",
            tally.refresh_days.len()
        ));
    }
    if tally.never_used > 0 {
        diagnostics.note(format!(
            "{} of {} licensed people have no Copilot activity date: never used, or not within the report's period.",
            tally.never_used,
            tally.concealed + tally.named
        ));
    }
}
