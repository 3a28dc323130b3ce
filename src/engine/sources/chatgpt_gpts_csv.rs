//! `chatgpt.gpts_csv`: the ChatGPT Enterprise/Edu workspace analytics **GPTs** export
//! (FORMATS.md §1b). One row per custom GPT per native period: its creator, the messages the
//! workspace sent it and how many people sent them. The GPT's name is kept as a label; its
//! description and URL are dropped; the creator's email and public id are hashed and linked.
//!
//! The Projects export (§1c) has the same shape with `project_*` columns, so [`parse_assets`]
//! reads both. When a file has no `period_start` (the Projects column list is uncertain), a
//! row's period is its first to last day active in the period.

use super::csv_table::{CsvTable, Header, Row};
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{AssetKind, AssetPeriod, Facts, IdentityId};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ChatgptGptsCsv,
    name: "chatgpt.gpts_csv",
    label: "ChatGPT workspace GPTs export (CSV)",
    csv: true,
    signature: &["gpt_id", "messages_workspace", "unique_messagers_workspace"],
    matches: |probe| matches!(probe, Probe::Csv { header, .. } if matches(header)),
    parse: |reader, ctx| parse_assets(reader, ctx.delimiter, ctx.key, &GPTS, ctx.today),
};

/// Detection (FORMATS.md §10): ⊇ {gpt_id, messages_workspace, unique_messagers_workspace}.
pub fn matches(header: &Header) -> bool {
    ["gpt_id", "messages_workspace", "unique_messagers_workspace"]
        .iter()
        .all(|c| header.has(c))
}

/// What differs between the GPTs and the Projects export: the kind and the column names.
pub struct AssetFormat {
    pub kind: AssetKind,
    /// The export's name in messages: "GPTs", "Projects".
    pub report: &'static str,
    /// One row's subject in messages: "GPT", "project".
    pub noun: &'static str,
    /// Column aliases; the first one is the name used in messages.
    pub id: &'static [&'static str],
    pub name: &'static [&'static str],
    pub creator_email: &'static [&'static str],
    pub creator_public_id: &'static [&'static str],
}

const GPTS: AssetFormat = AssetFormat {
    kind: AssetKind::Gpt,
    report: "GPTs",
    noun: "GPT",
    id: &["gpt_id"],
    name: &["gpt_name"],
    creator_email: &["gpt_creator_email"],
    creator_public_id: &["gpt_creator_public_id"],
};

/// The columns this parser reads, found by name.
struct Columns {
    id: usize,
    name: Option<usize>,
    creator_email: Option<usize>,
    creator_public_id: Option<usize>,
    cadence: Option<usize>,
    period_start: Option<usize>,
    period_end: Option<usize>,
    is_active: Option<usize>,
    first_day: Option<usize>,
    last_day: Option<usize>,
    messages: Option<usize>,
    unique_users: Option<usize>,
}

/// A row problem: the column it is in and what was wrong.
type RowError = (&'static str, String);

/// Parses a whole GPTs or Projects CSV (already decoded to UTF-8).
pub fn parse_assets(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    format: &AssetFormat,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let h = &table.header;
    let Some(id) = h.find(format.id) else {
        return Err(FileError::new(
            format!(
                "This {} export has no \"{}\" column.",
                format.report, format.id[0]
            ),
            format!(
                "Export the {} report again from ChatGPT → Workspace settings → Workspace analytics.",
                format.report
            ),
        ));
    };
    let columns = Columns {
        id,
        name: h.find(format.name),
        creator_email: h.find(format.creator_email),
        creator_public_id: h.find(format.creator_public_id),
        cadence: h.find(&["cadence"]),
        period_start: h.find(&["period_start"]),
        period_end: h.find(&["period_end"]),
        is_active: h.find(&["is_active"]),
        first_day: h.find(&["first_day_active_in_period"]),
        last_day: h.find(&["last_day_active_in_period"]),
        messages: h.find(&["messages_workspace", "messages"]),
        unique_users: h.find(&["unique_messagers_workspace", "unique_messagers"]),
    };
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        match read_row(&row, &columns, format, &mut hasher, &mut parsed.facts) {
            Ok(asset) => {
                let span = asset.period;
                if parsed.diagnostics.after_today(row.line, span.last) {
                    continue;
                }
                let added = parsed.facts.push_asset(asset);
                parsed.diagnostics.count(added, Some(span));
            }
            Err((column, reason)) => parsed.diagnostics.skip(row.line, Some(column), reason),
        }
    }
    if columns.period_start.is_none() {
        parsed.diagnostics.note(
            "No \"period_start\" column: each row's period is its first to last day active in \
             the period; rows with neither were skipped.",
        );
    }
    Ok(parsed)
}

fn read_row(
    row: &Row<'_>,
    c: &Columns,
    format: &AssetFormat,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Result<AssetPeriod, RowError> {
    let id = row.get(Some(c.id));
    let id = id.trim();
    if id.is_empty() {
        return Err((
            format.id[0],
            format!("no {}: the row names no {}", format.id[0], format.noun),
        ));
    }
    let date = |column: Option<usize>, name: &'static str| -> Result<Option<Day>, RowError> {
        values::date(&row.get(column)).map_err(|e| (name, e))
    };
    let first = date(c.first_day, "first_day_active_in_period")?;
    let last = date(c.last_day, "last_day_active_in_period")?;
    let period = match date(c.period_start, "period_start")? {
        Some(start) => native_period(row, c, start)?,
        None => active_days(first, last)?,
    };
    let count = |column: Option<usize>, name: &'static str| -> Result<u64, RowError> {
        values::count(&row.get(column))
            .map(|n| u64::from(n.unwrap_or_default()))
            .map_err(|e| (name, e))
    };
    let messages = count(c.messages, "messages_workspace")?;
    let unique_users = count(c.unique_users, "unique_messagers_workspace")?;
    let active = values::flag(&row.get(c.is_active))
        .map_err(|e| ("is_active", e))?
        .unwrap_or(messages > 0 || first.or(last).is_some());
    let creator = creator(row, c, hasher, facts);
    let name = row.get(c.name);
    let name = name.trim();
    Ok(AssetPeriod {
        kind: format.kind,
        asset: facts.strings.intern(id),
        name: (!name.is_empty()).then(|| facts.strings.intern(name)),
        creator,
        period,
        active,
        messages,
        unique_users,
    })
}

/// The creator's hashed email, linked to their hashed public id (either alone will do).
fn creator(
    row: &Row<'_>,
    c: &Columns,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Option<IdentityId> {
    let email = hasher
        .hash(IdKind::Email, &row.get(c.creator_email))
        .map(|p| facts.identities.intern(p, IdKind::Email));
    let public = hasher
        .hash(IdKind::OpenaiUser, &row.get(c.creator_public_id))
        .map(|p| facts.identities.intern(p, IdKind::OpenaiUser));
    if let (Some(e), Some(p)) = (email, public) {
        facts.link(e, p);
    }
    email.or(public)
}

/// `period_start`..`period_end`, the end inferred from a weekly or monthly cadence when empty.
fn native_period(row: &Row<'_>, c: &Columns, start: Day) -> Result<DaySpan, RowError> {
    let cadence = row.get(c.cadence).trim().to_ascii_lowercase();
    let end = match values::date(&row.get(c.period_end)).map_err(|e| ("period_end", e))? {
        Some(end) => end,
        None if cadence == "weekly" => start.plus(6),
        None if cadence == "monthly" => start.plus(31).month_start().plus(-1),
        None => {
            return Err((
                "period_end",
                "expected a date like 2025-04-05, found nothing".into(),
            ))
        }
    };
    ordered(start, end, "period_end")
}

/// Without a `period_start`: the first to last day active in the period (either alone is a
/// one-day period).
fn active_days(first: Option<Day>, last: Option<Day>) -> Result<DaySpan, RowError> {
    match (first.or(last), last.or(first)) {
        (Some(start), Some(end)) => ordered(start, end, "last_day_active_in_period"),
        _ => Err((
            "period_start",
            "no period: no period_start and no day active in the period".into(),
        )),
    }
}

fn ordered(start: Day, end: Day, end_column: &'static str) -> Result<DaySpan, RowError> {
    if end < start {
        return Err((
            end_column,
            format!("the period ends ({end}) before it starts ({start})"),
        ));
    }
    Ok(DaySpan::new(start, end))
}
