//! `cursor.daily_usage_json`: the Cursor Admin API's daily usage
//! (`POST https://api.cursor.com/teams/daily-usage-data`, FORMATS.md §6a), saved as returned:
//! `{"data":[…], "period":{startDate, endDate}}`, paged responses (with `pagination`)
//! concatenated allowed. One record per member per UTC day.
//!
//! Each record is a Cursor person-day [`DailyActivity`]: requests (agent, composer, chat,
//! Cmd+K) as interactions, tabs shown and accepted as suggestions and acceptances, suggested
//! and accepted lines, and the native `isActive` flag; one feature breakdown row per request
//! kind used that day (`Agent`, `Composer`, `Chat`, `Cmd+K`, `Bugbot`: its requests). `date` is epoch **milliseconds** (a
//! number or a numeric string); newer responses add `day: "YYYY-MM-DD"`, which wins. The
//! person is the hashed `email` (older responses: `userEmail`), linked to the hashed `userId`
//! (a number or a `user_…` string); either alone will do. `mostUsedModel`, extensions and
//! client versions are not counts and are not kept.
//!
//! The file lists the team's members (`isActive` false on idle days), so every person it lists
//! is a Cursor seat as of its last day ([`members_as_seats`], for Licences & cost, as the
//! Microsoft 365 Copilot and Gemini reports' rows are).

use super::json_rows::each_record;
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed};
use crate::engine::date::{parse_timestamp, Day, DaySpan};
use crate::engine::detect::{FormatId, JsonProbe, Probe, RECORD_ARRAY_KEYS};
use crate::engine::facts::{Breakdown, DailyActivity, Facts, IdentityId, Measures, Seat, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use serde::Deserialize;
use serde_json::Value;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CursorDailyUsageJson,
    name: "cursor.daily_usage_json",
    label: "Cursor Admin API daily usage (JSON)",
    csv: false,
    signature: &["date", "totalTabsShown", "acceptedLinesAdded"],
    matches: |probe| matches!(probe, Probe::Json(json) if matches(json)),
    parse: |reader, ctx| parse(reader, ctx.key, ctx.today),
};

/// Detection (FORMATS.md §10): `data[]` records with `totalTabsShown` or `acceptedLinesAdded`.
pub fn matches(json: &JsonProbe) -> bool {
    json.first_has(&["totalTabsShown"]) || json.first_has(&["acceptedLinesAdded"])
}

/// One member-day. Counts are read leniently (numbers, numeric strings, null).
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct DayRecord {
    date: Value,
    day: Option<String>,
    user_id: Value,
    email: Option<String>,
    user_email: Option<String>,
    is_active: Option<bool>,
    total_lines_added: Value,
    total_lines_deleted: Value,
    accepted_lines_added: Value,
    accepted_lines_deleted: Value,
    total_tabs_shown: Value,
    total_tabs_accepted: Value,
    composer_requests: Value,
    chat_requests: Value,
    agent_requests: Value,
    cmdk_usages: Value,
    bugbot_usages: Value,
}

/// A record problem: the key it is in and what was wrong.
type RowError = (&'static str, String);

pub fn parse(reader: &mut dyn Read, key: &OrgKey, today: Option<Day>) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let facts = &mut parsed.facts;
    each_record::<DayRecord>(
        reader,
        RECORD_ARRAY_KEYS,
        &mut parsed.diagnostics,
        |row, record, diagnostics| match read_day(&row, &mut hasher, facts) {
            Ok((activity, kinds)) => {
                let day = activity.day;
                if diagnostics.after_today(record.line, day) {
                    return;
                }
                let added = push_with_kinds(facts, activity, &kinds);
                diagnostics.count(added, Some(DaySpan::new(day, day)));
            }
            Err((column, reason)) => diagnostics.skip(record.line, Some(column), reason),
        },
    )?;
    members_as_seats(&mut parsed.facts);
    Ok(parsed)
}

/// Adds a Cursor [`Seat`] as of the file's last day for every person the file lists, active
/// or not: Cursor's daily files list the team's members (with `isActive` false on their idle
/// days), so they are its seat holders. A member removed before the last day still counts, as
/// long as an earlier day lists them: export the last 30 days for a current roster.
pub fn members_as_seats(facts: &mut Facts) {
    let totals = || {
        facts
            .daily
            .iter()
            .filter(|r| r.tool == Tool::Cursor && r.breakdown == Breakdown::default())
    };
    let Some(last) = totals().map(|r| r.day).max() else {
        return;
    };
    let mut members: Vec<IdentityId> = totals().map(|r| r.identity).collect();
    members.sort_unstable();
    members.dedup();
    for identity in members {
        facts.push_seat(Seat {
            identity: Some(identity),
            tool: Some(Tool::Cursor),
            snapshot: Some(last),
            ..Seat::default()
        });
    }
}

fn read_day(
    row: &DayRecord,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Result<(DailyActivity, RequestKinds), RowError> {
    let day = match row.day.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(text) => Day::parse(text).ok_or_else(|| {
            (
                "day",
                format!("expected a date like 2025-03-30, found \"{text}\""),
            )
        })?,
        None => epoch_day(&row.date).map_err(|e| ("date", e))?,
    };
    let n = |value: &Value, key: &'static str| values::json_count(value).map_err(|e| (key, e));
    let chat = n(&row.chat_requests, "chatRequests")?;
    let agent = n(&row.agent_requests, "agentRequests")?;
    let composer = n(&row.composer_requests, "composerRequests")?;
    let cmdk = n(&row.cmdk_usages, "cmdkUsages")?;
    let bugbot = n(&row.bugbot_usages, "bugbotUsages")?;
    let accepted_added = n(&row.accepted_lines_added, "acceptedLinesAdded")?;
    let flag = |used: bool, bit: u8| if used { bit } else { 0 };
    let measures = Measures {
        interactions: values::sum_counts(&[chat, agent, composer, cmdk]),
        suggestions: n(&row.total_tabs_shown, "totalTabsShown")?,
        acceptances: n(&row.total_tabs_accepted, "totalTabsAccepted")?,
        lines_suggested: n(&row.total_lines_added, "totalLinesAdded")?,
        lines_accepted: accepted_added,
        lines_added: accepted_added,
        lines_deleted: n(&row.accepted_lines_deleted, "acceptedLinesDeleted")?,
        used: flag(chat > 0, Measures::USED_CHAT)
            | flag(agent > 0 || composer > 0, Measures::USED_AGENT)
            | flag(bugbot > 0, Measures::USED_CODE_REVIEW),
        ..Measures::default()
    };
    // Read for its error message only: deleted lines Cursor suggested are not a measure here.
    n(&row.total_lines_deleted, "totalLinesDeleted")?;
    // The person last, so a record skipped for a bad value leaves no identity behind.
    let identity = identity(row, hasher, facts).ok_or((
        "email",
        "no email or userId: the record names nobody".to_string(),
    ))?;
    let kinds = request_kinds(agent, composer, chat, cmdk, bugbot);
    Ok((
        DailyActivity {
            identity,
            tool: Tool::Cursor,
            day,
            breakdown: Breakdown::default(),
            active: row.is_active == Some(true) || measures.any_activity(),
            measures,
        },
        kinds,
    ))
}

/// Requests of one member-day by kind, as the file names them.
pub type RequestKinds = [(&'static str, u64); 5];

/// The kinds under the names both Cursor daily files use, so they load into one table.
pub fn request_kinds(agent: u64, composer: u64, chat: u64, cmdk: u64, bugbot: u64) -> RequestKinds {
    [
        ("Agent", agent),
        ("Composer", composer),
        ("Chat", chat),
        ("Cmd+K", cmdk),
        ("Bugbot", bugbot),
    ]
}

/// Adds the member-day total and, when it is new, one feature row per request kind used
/// (`interactions` = that kind's requests; breakdown rows never add into the total).
pub fn push_with_kinds(facts: &mut Facts, total: DailyActivity, kinds: &RequestKinds) -> bool {
    let (identity, day) = (total.identity, total.day);
    if !facts.push_daily(total) {
        return false;
    }
    for (kind, requests) in kinds.iter().filter(|(_, n)| *n > 0) {
        let feature = facts.strings.intern(kind);
        facts.push_daily(DailyActivity {
            identity,
            tool: Tool::Cursor,
            day,
            breakdown: Breakdown {
                feature: Some(feature),
                ..Breakdown::default()
            },
            active: true,
            measures: Measures {
                interactions: *requests,
                ..Measures::default()
            },
        });
    }
    true
}

/// The hashed email, linked to the hashed `userId`; either alone will do.
fn identity(
    row: &DayRecord,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Option<IdentityId> {
    let email = row.email.as_deref().or(row.user_email.as_deref());
    let email = email
        .and_then(|e| hasher.hash(IdKind::Email, e))
        .map(|p| facts.identities.intern(p, IdKind::Email));
    let user = id_text(&row.user_id)
        .and_then(|u| hasher.hash(IdKind::CursorUser, &u))
        .map(|p| facts.identities.intern(p, IdKind::CursorUser));
    if let (Some(e), Some(u)) = (email, user) {
        facts.link(e, u);
    }
    email.or(user)
}

/// A number or string id as text (`12345`, `"user_abc"`).
pub fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The UTC day of an epoch-millisecond date (a number or a numeric string); an ISO date or
/// timestamp string is read too.
pub fn epoch_day(value: &Value) -> Result<Day, String> {
    let millis = match value {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => match s.trim().parse::<i64>() {
            Ok(ms) => Some(ms),
            Err(_) => {
                return parse_timestamp(s)
                    .map(Day::from_unix_seconds)
                    .ok_or_else(|| format!("expected epoch milliseconds, found \"{}\"", s.trim()))
            }
        },
        Value::Null => return Err("expected epoch milliseconds, found nothing".to_string()),
        other => return Err(format!("expected epoch milliseconds, found {other}")),
    };
    // Years 2000 to 2100 in milliseconds: a seconds value or garbage is refused, not misread.
    match millis {
        Some(ms) if (946_684_800_000..4_102_444_800_000).contains(&ms) => {
            Ok(Day::from_unix_seconds(ms.div_euclid(1000)))
        }
        _ => Err(format!("expected epoch milliseconds, found {value}")),
    }
}
