//! `codex.user_csv`: the Codex analytics dashboard's per-user daily export as CSV (FORMATS.md
//! §2c, Low-Medium confidence). Header seen: `email, date, user_id, uncached_text_input_tokens,
//! cached_text_input_tokens, text_output_tokens, n_new_sessions_total, n_user_messages_total`.
//! One row per person per UTC day: sessions started, messages sent and tokens.
//!
//! The row's identity is the hashed `user_id` (every Codex export carries it; the email only
//! "when allowed"), linked to the hashed email; either alone will do. Token counts are kept
//! only where the row gives them: an empty token cell is unknown, not zero.

use super::csv_table::{CsvTable, Header, Row};
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Breakdown, DailyActivity, Facts, IdentityId, Measures, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CodexUserCsv,
    name: "codex.user_csv",
    label: "Codex per-user usage (CSV)",
    csv: true,
    signature: &[
        "date",
        "user_id",
        "n_new_sessions_total",
        "n_user_messages_total",
    ],
    matches: |probe| matches!(probe, Probe::Csv { header, .. } if matches(header)),
    parse: |reader, ctx| parse(reader, ctx.delimiter, ctx.key, ctx.today),
};

/// Detection (FORMATS.md §2c, §10 "`n_new_sessions_total` means sessions"): a `date`, a person
/// (`email` or `user_id`) and one of the two session/message totals.
pub fn matches(header: &Header) -> bool {
    header.has("date")
        && (header.has("email") || header.has("user_id"))
        && (header.has("n_new_sessions_total") || header.has("n_user_messages_total"))
}

/// The columns this parser reads, found by name.
struct Columns {
    day: usize,
    email: Option<usize>,
    user_id: Option<usize>,
    uncached: Option<usize>,
    cached: Option<usize>,
    output: Option<usize>,
    sessions: Option<usize>,
    messages: Option<usize>,
    credits: Option<usize>,
}

/// A row problem: the column it is in and what was wrong.
type RowError = (&'static str, String);

/// Parses a whole per-user Codex CSV (already decoded to UTF-8).
pub fn parse(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let h = &table.header;
    let (Some(day), true) = (h.find(&["date"]), h.has("email") || h.has("user_id")) else {
        return Err(FileError::new(
            "This Codex export has no \"date\" column, or neither \"email\" nor \"user_id\".",
            "Export the per-user usage again from the Codex analytics dashboard.",
        ));
    };
    let columns = Columns {
        day,
        email: h.find(&["email"]),
        user_id: h.find(&["user_id"]),
        uncached: h.find(&["uncached_text_input_tokens"]),
        cached: h.find(&["cached_text_input_tokens"]),
        output: h.find(&["text_output_tokens"]),
        sessions: h.find(&["n_new_sessions_total"]),
        messages: h.find(&["n_user_messages_total"]),
        credits: h.find(&["credit_total", "credits"]),
    };
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        match read_row(&row, &columns, &mut hasher, &mut parsed.facts) {
            Ok(activity) => {
                let day = activity.day;
                if parsed.diagnostics.after_today(row.line, day) {
                    continue;
                }
                let added = parsed.facts.push_daily(activity);
                parsed
                    .diagnostics
                    .count(added, Some(DaySpan::new(day, day)));
            }
            Err((column, reason)) => parsed.diagnostics.skip(row.line, Some(column), reason),
        }
    }
    Ok(parsed)
}

fn read_row(
    row: &Row<'_>,
    c: &Columns,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Result<DailyActivity, RowError> {
    let identity = identity(row, c, hasher, facts).ok_or((
        "user_id",
        "no user_id or email: the row names nobody".to_string(),
    ))?;
    let day = values::date(&row.get(Some(c.day)))
        .map_err(|e| ("date", e))?
        .ok_or((
            "date",
            "expected a date like 2025-03-30, found nothing".to_string(),
        ))?;
    let read = |column: Option<usize>, name: &'static str| -> Result<Option<u64>, RowError> {
        tokens(&row.get(column)).map_err(|e| (name, e))
    };
    let uncached = read(c.uncached, "uncached_text_input_tokens")?;
    let cached = read(c.cached, "cached_text_input_tokens")?;
    let output = read(c.output, "text_output_tokens")?;
    let credits = values::decimal(&row.get(c.credits)).map_err(|e| ("credit_total", e))?;
    let measures = Measures {
        sessions: read(c.sessions, "n_new_sessions_total")?.unwrap_or_default(),
        interactions: read(c.messages, "n_user_messages_total")?.unwrap_or_default(),
        input_tokens: values::sum_counts(&[
            uncached.unwrap_or_default(),
            cached.unwrap_or_default(),
        ]),
        cached_input_tokens: cached.unwrap_or_default(),
        output_tokens: output.unwrap_or_default(),
        has_tokens: uncached.is_some() || cached.is_some() || output.is_some(),
        credits: credits.unwrap_or_default(),
        ..Measures::default()
    };
    Ok(DailyActivity {
        identity,
        tool: Tool::Codex,
        day,
        breakdown: Breakdown::default(),
        active: measures.any_activity() || measures.all_tokens() > 0,
        measures,
    })
}

/// The person: the hashed `user_id`, linked to the hashed email (either alone will do).
fn identity(
    row: &Row<'_>,
    c: &Columns,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Option<IdentityId> {
    let user = hasher
        .hash(IdKind::OpenaiUser, &row.get(c.user_id))
        .map(|p| facts.identities.intern(p, IdKind::OpenaiUser));
    let email = hasher
        .hash(IdKind::Email, &row.get(c.email))
        .map(|p| facts.identities.intern(p, IdKind::Email));
    if let (Some(u), Some(e)) = (user, email) {
        facts.link(u, e);
    }
    user.or(email)
}

/// A token or activity count, which may pass `u32::MAX` (billions of cached tokens in a day):
/// plain digits are read as `u64`; any other form goes through [`values::count`] and its
/// messages.
fn tokens(text: &str) -> Result<Option<u64>, String> {
    let compact: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .collect();
    match compact.parse::<u64>() {
        Ok(n) => Ok(Some(n)),
        Err(_) => values::count(text).map(|n| n.map(u64::from)),
    }
}
