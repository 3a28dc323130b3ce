//! `copilot.activity_csv`: the GitHub Copilot **activity report** ("seat activity") from
//! Settings → Copilot → Access management → Get report (FORMATS.md §3d). Header:
//! `Report Time,Login,Last Authenticated At,Last Activity At,Last Surface Used`, plus
//! `Organization` in the enterprise-level file, which lists a person once per organisation.
//!
//! Each row is a Copilot [`Seat`] on the report's day: last activity and authentication days
//! (empty or `None` → unknown), the last surface reduced to editor and product without version
//! numbers, the organisation. The login is hashed. An enterprise file's rows for one person are
//! folded into one seat by [`Facts::push_seat`] and counted as duplicates.

use super::csv_table::{CsvTable, Header, Row};
use super::registry::FormatSpec;
use super::values;
use super::{seat_day, FileError, Parsed};
use crate::engine::date::{parse_timestamp, Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Facts, Seat, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CopilotActivityCsv,
    name: "copilot.activity_csv",
    label: "GitHub Copilot seat activity report (CSV)",
    csv: true,
    signature: &[
        "Report Time",
        "Login",
        "Last Activity At",
        "Last Surface Used",
    ],
    matches: |probe| matches!(probe, Probe::Csv { header, .. } if matches(header)),
    parse: |reader, ctx| parse(reader, ctx.delimiter, ctx.key, ctx.today),
};

/// Detection (FORMATS.md §10): ⊇ {Report Time, Login, Last Activity At, Last Surface Used}
/// (names compare without case, spaces or underscores, so `report_time` matches too).
pub fn matches(header: &Header) -> bool {
    [
        "Report Time",
        "Login",
        "Last Activity At",
        "Last Surface Used",
    ]
    .iter()
    .all(|c| header.has(c))
}

/// The columns this parser reads, found by name.
struct Columns {
    report_time: Option<usize>,
    login: usize,
    last_authenticated: Option<usize>,
    last_activity: Option<usize>,
    last_surface: Option<usize>,
    organization: Option<usize>,
}

/// A row problem: the column it is in and what was wrong.
type RowError = (&'static str, String);

/// Parses a whole activity report CSV (already decoded to UTF-8).
pub fn parse(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let h = &table.header;
    let Some(login) = h.find(&["Login"]) else {
        return Err(FileError::new(
            "This Copilot activity report has no \"Login\" column.",
            "Get the report again from GitHub → Settings → Copilot → Access management.",
        ));
    };
    let columns = Columns {
        report_time: h.find(&["Report Time"]),
        login,
        last_authenticated: h.find(&["Last Authenticated At"]),
        last_activity: h.find(&["Last Activity At"]),
        last_surface: h.find(&["Last Surface Used"]),
        organization: h.find(&["Organization", "Organisation"]),
    };
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        match read_row(&row, &columns, &mut hasher, &mut parsed.facts) {
            Ok(seat) => {
                let snapshot = seat.snapshot;
                if seat_day(&seat).is_some_and(|day| parsed.diagnostics.after_today(row.line, day))
                {
                    continue;
                }
                let added = parsed.facts.push_seat(seat);
                parsed
                    .diagnostics
                    .count(added, snapshot.map(|day| DaySpan::new(day, day)));
            }
            Err((column, reason)) => parsed.diagnostics.skip(row.line, Some(column), reason),
        }
    }
    let d = &mut parsed.diagnostics;
    match (d.rows_duplicate, columns.organization.is_some()) {
        (0, _) => {}
        (1, true) => d.note("1 row was the same person in another organisation and counts once."),
        (n, true) => d.note(format!(
            "{n} rows were the same person in several organisations and count once."
        )),
        (1, false) => d.note("1 row repeated a person already listed and counts once."),
        (n, false) => d.note(format!(
            "{n} rows repeated a person already listed and count once."
        )),
    }
    Ok(parsed)
}

fn read_row(
    row: &Row<'_>,
    c: &Columns,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Result<Seat, RowError> {
    let login = hasher
        .hash(IdKind::GithubLogin, &row.get(Some(c.login)))
        .ok_or(("Login", "no login: the row names nobody".to_string()))?;
    let snapshot = utc_day(&row.get(c.report_time)).map_err(|e| ("Report Time", e))?;
    let last_activity = utc_day(&row.get(c.last_activity)).map_err(|e| ("Last Activity At", e))?;
    let last_authenticated =
        utc_day(&row.get(c.last_authenticated)).map_err(|e| ("Last Authenticated At", e))?;
    let organization = row.get(c.organization);
    let organization = organization.trim();
    Ok(Seat {
        identity: Some(facts.identities.intern(login, IdKind::GithubLogin)),
        tool: Some(Tool::Copilot),
        snapshot,
        last_activity,
        last_authenticated,
        last_surface: surface(&row.get(c.last_surface)).map(|s| facts.strings.intern(&s)),
        organization: (!organization.is_empty()).then(|| facts.strings.intern(organization)),
        ..Seat::default()
    })
}

/// The UTC day of an ISO timestamp (`2026-03-28T06:54:33Z`, or with an offset); empty or
/// `None` → `None`; otherwise [`values::date`]'s reading and message.
fn utc_day(text: &str) -> Result<Option<Day>, String> {
    let day = values::date(text)?;
    Ok(parse_timestamp(text).map(Day::from_unix_seconds).or(day))
}

/// The editor and product of a surface, without version numbers:
/// `vscode/1.114.0/copilot-chat/0.42.1` → `vscode/copilot-chat`; `copilot-cli` stays;
/// `None`, `Unspecified surface` and `/unknown` say nothing → `None`.
pub fn surface(text: &str) -> Option<String> {
    let text = text.trim();
    if ["none", "null", "unspecified surface"].contains(&text.to_ascii_lowercase().as_str()) {
        return None;
    }
    let parts: Vec<&str> = text
        .split('/')
        .map(str::trim)
        .filter(|part| !is_version(part) && !part.eq_ignore_ascii_case("unknown"))
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Empty, a version (`1.114.0`, `v0.42`), or an elided one (`…`).
fn is_version(part: &str) -> bool {
    let rest = part.strip_prefix(['v', 'V']).unwrap_or(part);
    part.is_empty() || part.starts_with('…') || rest.starts_with(|c: char| c.is_ascii_digit())
}
