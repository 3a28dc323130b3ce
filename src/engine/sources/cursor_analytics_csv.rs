//! `cursor.analytics_csv`: the Cursor dashboard's **team analytics** export (Team analytics →
//! export, FORMATS.md §6b, Medium confidence for the names, real column order unconfirmed).
//! One row per member per day: `Date` (an ISO timestamp), `User ID`, `Email`, `Is Active`,
//! suggested and accepted lines, applies, tabs, requests by mode (`Edit`/`Ask`/`Agent
//! Requests`, `Cmd+K Usages`, or the calculated `Composer`/`Chat Requests`), `Bugbot Usages`.
//!
//! Each row is a Cursor person-day [`DailyActivity`] with the same measures as the Admin API
//! file (`cursor.daily_usage_json`), so the two load into one table: requests as interactions
//! (and one feature row per request kind, named as in the Admin API file: Composer for Edit,
//! Chat for Ask),
//! tabs shown and accepted as suggestions and acceptances, suggested and accepted lines. The
//! day is the date as written in `Date` (its time part is dropped, not shifted to UTC). Empty
//! counts are zero and an empty `Is Active` false, as Cursor documents. The person is the
//! hashed email linked to the hashed user id; either alone will do. Every person listed is
//! a Cursor seat as of the file's last day, as in the Admin API file.

use super::csv_table::{CsvTable, Header, Row};
use super::cursor_daily_usage_json::{
    members_as_seats, push_with_kinds, request_kinds, RequestKinds,
};
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Breakdown, DailyActivity, Facts, IdentityId, Measures, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CursorAnalyticsCsv,
    name: "cursor.analytics_csv",
    label: "Cursor team analytics export (CSV)",
    csv: true,
    signature: &["Date", "Email", "Is Active", "Tabs Accepted"],
    matches: |probe| matches!(probe, Probe::Csv { header, .. } if matches(header)),
    parse: |reader, ctx| parse(reader, ctx.delimiter, ctx.key, ctx.today),
};

/// Detection (FORMATS.md §10): ⊇ {Email, Tabs Accepted} or {Is Active, Chat Accepted Lines
/// Added}, with a `Date`.
pub fn matches(header: &Header) -> bool {
    header.has("Date")
        && ((header.has("Email") && header.has("Tabs Accepted"))
            || (header.has("Is Active") && header.has("Chat Accepted Lines Added")))
}

/// Each measure's column names, first found wins.
const INTERACTIONS: &[&[&str]] = &[
    &["Edit Requests", "Composer Requests"],
    &["Ask Requests", "Chat Requests"],
    &["Agent Requests"],
    &["Cmd+K Usages", "Cmdk Usages"],
];
const TABS_SHOWN: &[&str] = &["Chat Tabs Shown", "Tabs Shown", "Total Tabs Shown"];
const TABS_ACCEPTED: &[&str] = &["Tabs Accepted", "Total Tabs Accepted"];
const LINES_SUGGESTED: &[&str] = &["Chat Suggested Lines Added", "Total Lines Added"];
const LINES_ACCEPTED: &[&str] = &["Chat Accepted Lines Added", "Accepted Lines Added"];
const LINES_DELETED: &[&str] = &["Chat Accepted Lines Deleted", "Accepted Lines Deleted"];

struct Columns {
    date: usize,
    email: Option<usize>,
    user_id: Option<usize>,
    active: Option<usize>,
    /// Edit (composer), ask (chat), agent, Cmd+K.
    requests: [Option<usize>; 4],
    tabs_shown: Option<usize>,
    tabs_accepted: Option<usize>,
    lines_suggested: Option<usize>,
    lines_accepted: Option<usize>,
    lines_deleted: Option<usize>,
    bugbot: Option<usize>,
}

/// A row problem: the column it is in and what was wrong.
type RowError = (String, String);

pub fn parse(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let h = &table.header;
    let (Some(date), true) = (h.find(&["Date"]), h.has("Email") || h.has("User ID")) else {
        return Err(FileError::new(
            "This Cursor analytics export has no \"Date\" column, or neither \"Email\" nor \"User ID\".",
            "Export the team analytics again from the Cursor dashboard.",
        ));
    };
    let columns = Columns {
        date,
        email: h.find(&["Email"]),
        user_id: h.find(&["User ID"]),
        active: h.find(&["Is Active"]),
        requests: [0, 1, 2, 3].map(|i| h.find(INTERACTIONS[i])),
        tabs_shown: h.find(TABS_SHOWN),
        tabs_accepted: h.find(TABS_ACCEPTED),
        lines_suggested: h.find(LINES_SUGGESTED),
        lines_accepted: h.find(LINES_ACCEPTED),
        lines_deleted: h.find(LINES_DELETED),
        bugbot: h.find(&["Bugbot Usages"]),
    };
    let header = h.clone();
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        match read_row(&row, &columns, &header, &mut hasher, &mut parsed.facts) {
            Ok((activity, kinds)) => {
                let day = activity.day;
                if parsed.diagnostics.after_today(row.line, day) {
                    continue;
                }
                let added = push_with_kinds(&mut parsed.facts, activity, &kinds);
                parsed
                    .diagnostics
                    .count(added, Some(DaySpan::new(day, day)));
            }
            Err((column, reason)) => parsed.diagnostics.skip(row.line, Some(&column), reason),
        }
    }
    members_as_seats(&mut parsed.facts);
    Ok(parsed)
}

fn read_row(
    row: &Row<'_>,
    c: &Columns,
    h: &Header,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Result<(DailyActivity, RequestKinds), RowError> {
    let name = |column: usize| h.name(column).to_string();
    let day: Day = values::date(&row.get(Some(c.date)))
        .map_err(|e| (name(c.date), e))?
        .ok_or((
            name(c.date),
            "expected a date like 2025-03-30, found nothing".to_string(),
        ))?;
    let n = |column: Option<usize>| -> Result<u64, RowError> {
        match column {
            Some(i) => values::count(&row.get(Some(i)))
                .map(|v| u64::from(v.unwrap_or_default()))
                .map_err(|e| (name(i), e)),
            None => Ok(0),
        }
    };
    let [composer, chat, agent, cmdk] = [
        n(c.requests[0])?,
        n(c.requests[1])?,
        n(c.requests[2])?,
        n(c.requests[3])?,
    ];
    let bugbot = n(c.bugbot)?;
    let lines_accepted = n(c.lines_accepted)?;
    let is_active = match c.active {
        Some(i) => values::flag(&row.get(Some(i)))
            .map_err(|e| (name(i), e))?
            .unwrap_or(false),
        None => false,
    };
    let flag = |used: bool, bit: u8| if used { bit } else { 0 };
    let measures = Measures {
        interactions: composer + chat + agent + cmdk,
        suggestions: n(c.tabs_shown)?,
        acceptances: n(c.tabs_accepted)?,
        lines_suggested: n(c.lines_suggested)?,
        lines_accepted,
        lines_added: lines_accepted,
        lines_deleted: n(c.lines_deleted)?,
        used: flag(chat > 0, Measures::USED_CHAT)
            | flag(agent + composer > 0, Measures::USED_AGENT)
            | flag(bugbot > 0, Measures::USED_CODE_REVIEW),
        ..Measures::default()
    };
    // The person last, so a row skipped for a bad value leaves no identity behind.
    let identity = identity(row, c, hasher, facts).ok_or((
        "Email".to_string(),
        "no email or user id: the row names nobody".to_string(),
    ))?;
    let kinds = request_kinds(agent, composer, chat, cmdk, bugbot);
    Ok((
        DailyActivity {
            identity,
            tool: Tool::Cursor,
            day,
            breakdown: Breakdown::default(),
            active: is_active || measures.any_activity(),
            measures,
        },
        kinds,
    ))
}

/// The hashed email, linked to the hashed user id; either alone will do.
fn identity(
    row: &Row<'_>,
    c: &Columns,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Option<IdentityId> {
    let email = hasher
        .hash(IdKind::Email, &row.get(c.email))
        .map(|p| facts.identities.intern(p, IdKind::Email));
    let user = hasher
        .hash(IdKind::CursorUser, &row.get(c.user_id))
        .map(|p| facts.identities.intern(p, IdKind::CursorUser));
    if let (Some(e), Some(u)) = (email, user) {
        facts.link(e, u);
    }
    email.or(user)
}
