//! `copilot.seats_json`: GitHub Copilot **seat assignments** (FORMATS.md §3c), organisation or
//! enterprise: `{"total_seats": n, "seats": […]}`, several pages concatenated allowed. Each seat
//! is a [`Seat`] of the assignee (login and id hashed and linked); avatar and profile URLs,
//! names and team descriptions are never read.
//!
//! Timestamps become UTC days. `last_activity_editor` is reduced to its editor and product
//! (`vscode/1.99.0/copilot-chat/0.27.0` → `vscode/copilot-chat`). The API gives no report
//! time, so the snapshot is unset unless the tool that saved the pages added `report_time` or
//! `generated_at` beside `total_seats`. Coverage is the span of the seats' last activity and
//! authentication days. Enterprise files list a person once per granting organisation or
//! team: those rows are folded into one seat (counted as duplicates).

use super::copilot_common::{github_identity, id_text, RowError};
use super::json_rows::each_record;
use super::records::Record;
use super::registry::FormatSpec;
use super::{seat_day, FileError, Parsed};
use crate::engine::date::{parse_timestamp, Day, DaySpan};
use crate::engine::detect::{FormatId, JsonProbe, Probe, RECORD_ARRAY_KEYS};
use crate::engine::facts::{Facts, Seat, Tool};
use crate::engine::identity::{OrgKey, Pseudonymiser};
use serde::Deserialize;
use serde_json::Value;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CopilotSeatsJson,
    name: "copilot.seats_json",
    label: "GitHub Copilot seat assignments (JSON)",
    csv: false,
    signature: &["total_seats", "seats", "assignee"],
    matches: |probe| matches!(probe, Probe::Json(json) if matches(json)),
    parse: |reader, ctx| parse(reader, ctx.key, ctx.today),
};

/// Detection (FORMATS.md §10): `{total_seats, seats:[{assignee…}]}`, or a bare array of seats.
pub fn matches(json: &JsonProbe) -> bool {
    json.first_has(&["assignee"])
        && (json.envelope_has("total_seats") || json.first_has(&["created_at"]))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct SeatRow {
    created_at: Option<String>,
    pending_cancellation_date: Option<String>,
    last_activity_at: Option<String>,
    last_activity_editor: Option<String>,
    last_authenticated_at: Option<String>,
    plan_type: Option<String>,
    assignee: Option<Account>,
    organization: Option<Account>,
    assigning_team: Option<Team>,
}

/// A user or organisation object: only its login and id are read.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Account {
    login: Option<String>,
    id: Value,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Team {
    slug: Option<String>,
}

/// Parses one or more pages of the seats API.
pub fn parse(reader: &mut dyn Read, key: &OrgKey, today: Option<Day>) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let mut total_seats: Option<u64> = None;
    let facts = &mut parsed.facts;
    each_record::<SeatRow>(
        reader,
        RECORD_ARRAY_KEYS,
        &mut parsed.diagnostics,
        |row, record, diagnostics| {
            let envelope = |key: &str| -> Option<Value> {
                let (_, raw) = record.envelope.iter().find(|(k, _)| k == key)?;
                serde_json::from_slice(raw).ok()
            };
            if let Some(total) = envelope("total_seats").and_then(|v| v.as_u64()) {
                total_seats = Some(total_seats.map_or(total, |t| t.max(total)));
            }
            match read_seat(&row, record, facts, &mut hasher) {
                Ok((seat, days)) => {
                    let day = seat_day(&seat);
                    if day.is_some_and(|day| diagnostics.after_today(record.line, day)) {
                        return;
                    }
                    if facts.push_seat(seat) {
                        diagnostics.rows_accepted += 1;
                    } else {
                        diagnostics.rows_duplicate += 1;
                    }
                    days.into_iter()
                        .flatten()
                        .for_each(|d| diagnostics.cover(DaySpan::new(d, d)));
                }
                Err((column, reason)) => diagnostics.skip(record.line, Some(column), reason),
            }
        },
    )?;
    let diagnostics = &mut parsed.diagnostics;
    let repeated = diagnostics.rows_duplicate;
    if repeated > 0 {
        diagnostics.note(format!(
            "{repeated} seat {} a person already listed (enterprise files list a person once per organisation or team granting the seat): folded into one seat with the latest activity.",
            if repeated == 1 { "row repeats" } else { "rows repeat" }
        ));
    }
    let distinct = parsed.facts.seats.len() as u64;
    if let Some(total) = total_seats.filter(|&t| t != distinct) {
        diagnostics.note(format!(
            "total_seats says {total} but the file lists {distinct} distinct seat holders: check that every page of the seats API was saved, all on the same day."
        ));
    }
    Ok(parsed)
}

/// The seat, and the days it proves activity on (for coverage).
fn read_seat(
    row: &SeatRow,
    record: &Record<'_>,
    facts: &mut Facts,
    hasher: &mut Pseudonymiser<'_>,
) -> Result<(Seat, [Option<Day>; 2]), RowError> {
    let created = utc_day(row.created_at.as_deref(), "created_at")?;
    let last_activity = utc_day(row.last_activity_at.as_deref(), "last_activity_at")?;
    let last_authenticated = utc_day(
        row.last_authenticated_at.as_deref(),
        "last_authenticated_at",
    )?;
    let pending = row.pending_cancellation_date.as_deref().map(str::trim);
    let pending_cancellation = match pending.filter(|t| !t.is_empty()) {
        None => None,
        Some(text) => Some(Day::parse(text).ok_or_else(|| {
            let reason = format!("expected a date like 2026-05-31, found \"{text}\"");
            ("pending_cancellation_date", reason)
        })?),
    };
    let snapshot = ["report_time", "generated_at"].iter().find_map(|key| {
        let (_, raw) = record.envelope.iter().find(|(k, _)| k == key)?;
        let text: String = serde_json::from_slice(raw).ok()?;
        Some(Day::from_unix_seconds(parse_timestamp(&text)?))
    });
    let assignee = row.assignee.as_ref();
    let login = assignee.and_then(|a| a.login.as_deref());
    let user_id = assignee.and_then(|a| id_text(&a.id));
    let identity = github_identity(facts, hasher, login, user_id.as_deref()).ok_or((
        "assignee",
        "no assignee login or id: the seat names nobody".to_string(),
    ))?;
    let mut intern = |text: Option<&str>| {
        let text = text.map(str::trim).filter(|t| !t.is_empty())?;
        Some(facts.strings.intern(text))
    };
    let editor = row
        .last_activity_editor
        .as_deref()
        .and_then(super::copilot_activity_csv::surface);
    let seat = Seat {
        identity: Some(identity),
        tool: Some(Tool::Copilot),
        snapshot,
        created,
        last_activity,
        last_authenticated,
        last_surface: intern(editor.as_deref()),
        plan: intern(row.plan_type.as_deref()),
        pending_cancellation,
        organization: intern(row.organization.as_ref().and_then(|o| o.login.as_deref())),
        assigning_team: intern(row.assigning_team.as_ref().and_then(|t| t.slug.as_deref())),
        apps: Vec::new(),
    };
    let coverage = match snapshot {
        Some(day) => [Some(day), None],
        None => [last_activity, last_authenticated],
    };
    Ok((seat, coverage))
}

/// An ISO 8601 timestamp (any offset) as its UTC day; null or blank is `None`.
fn utc_day(text: Option<&str>, column: &'static str) -> Result<Option<Day>, RowError> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    match parse_timestamp(text) {
        Some(seconds) => Ok(Some(Day::from_unix_seconds(seconds))),
        None => Err((
            column,
            format!("expected a timestamp like 2026-05-01T10:00:00Z, found \"{text}\""),
        )),
    }
}
