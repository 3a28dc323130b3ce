//! `claude.enterprise_analytics_json`: the **Claude Enterprise Analytics API** (claude.ai
//! Enterprise, `https://api.anthropic.com/v1/organizations/analytics/…`, FORMATS.md §5b), pages
//! saved as returned (`{"data":[…],"next_page":…}`). Three reports share the format id:
//!
//! - **User activity** (`…/users?date=YYYY-MM-DD`): one record per person for the requested
//!   day, `user {id, email_address}` with `chat_metrics`, `claude_code_metrics`,
//!   `cowork_metrics`, `design_metrics`, `office_metrics {excel, word, powerpoint, outlook}`.
//!   Each becomes one Claude person-day [`DailyActivity`]: messages of every product as
//!   interactions, their sessions and conversations as sessions, Claude Code lines, commits,
//!   pull requests and edit-tool decisions (accepted as acceptances, accepted + rejected as
//!   suggestions, as for the Claude Code Analytics API), with one breakdown row per product
//!   (surface `claude.ai`, `Claude Code`, `Cowork`, `Claude Design`, `Office: Excel`…).
//!   **The records carry no date** (the day is the request's `date` parameter): a record's own
//!   `date` or `starting_at` is used when a tool added one, else the day the analyst gives
//!   (a [`PeriodRequest`] of one day, offering the day in the file name).
//! - **Usage report** (`…/user_usage_report`, envelope `data_refreshed_at`): person × product ×
//!   model rows with `starting_at` / `ending_at` and token counts. One-day buckets become
//!   breakdown rows by model and product (tokens: input = uncached + cache creation + cache
//!   read, cache read being the cached part; requests as interactions). They never make a
//!   person-day total: who was active comes from the activity report, or the cost report.
//! - **Cost report** (`…/user_cost_report`): rows with `amount` (post-discount) and
//!   `list_amount` as decimal strings in **cents** (minor units): one Claude [`UsageCharge`]
//!   each, dollars = cents / 100, requests as its quantity.
//!
//! Emails are hashed and linked to the hashed Anthropic user id; deleted accounts without an
//! email count by their id. Rows of buckets longer than a day are skipped with a reason.

use super::json_rows::each_record;
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed, PeriodRequest};
use crate::engine::date::{parse_timestamp, Day, DaySpan};
use crate::engine::detect::{FormatId, JsonProbe, Probe, RECORD_ARRAY_KEYS};
use crate::engine::facts::{
    Breakdown, DailyActivity, Facts, IdentityId, Measures, Tool, UsageCharge,
};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ClaudeEnterpriseAnalyticsJson,
    name: "claude.enterprise_analytics_json",
    label: "Claude Enterprise Analytics API (JSON)",
    csv: false,
    signature: &["user", "chat_metrics", "claude_code_metrics"],
    matches: |probe| matches!(probe, Probe::Json(json) if matches(json)),
    parse: |reader, ctx| parse(reader, ctx.key, ctx.period, ctx.today),
};

/// Detection (FORMATS.md §10): `data[]` with `chat_metrics` / `claude_code_metrics`; usage and
/// cost reports have `data_refreshed_at` and an `actor` with `user_id` or `email`.
pub fn matches(json: &JsonProbe) -> bool {
    json.first_has(&["chat_metrics"])
        || json.first_has(&["claude_code_metrics"])
        || (json.envelope.contains_key("data_refreshed_at")
            && (json.first_has(&["actor.user_id"]) || json.first_has(&["actor.email"])))
        || json.first_has(&["actor.user_id", "uncached_input_tokens"])
        || json.first_has(&["actor.user_id", "amount", "list_amount"])
}

/// What the page asks for a user-activity page without dates.
pub fn period_request() -> PeriodRequest {
    PeriodRequest {
        question: "These Claude Enterprise user-activity records carry no date: for which day were they requested (the `date` of the request)?".into(),
        fixed_days: Some(1),
        max_days: Some(1),
        suggested: None,
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Record {
    user: Option<User>,
    actor: Option<Actor>,
    date: Option<String>,
    starting_at: Option<String>,
    ending_at: Option<String>,
    chat_metrics: Option<Map<String, Value>>,
    claude_code_metrics: Option<CodeMetrics>,
    cowork_metrics: Option<Map<String, Value>>,
    design_metrics: Option<Map<String, Value>>,
    office_metrics: Option<Map<String, Value>>,
    product: Option<String>,
    model: Option<String>,
    requests: Value,
    uncached_input_tokens: Value,
    cache_creation: Value,
    cache_read_input_tokens: Value,
    output_tokens: Value,
    amount: Value,
    list_amount: Value,
    currency: Option<String>,
    cost_type: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct User {
    id: Option<String>,
    email_address: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Actor {
    user_id: Option<String>,
    email: Option<String>,
    email_address: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CodeMetrics {
    core_metrics: Map<String, Value>,
    tool_actions: Map<String, Value>,
}

/// A record problem: the key it is in and what was wrong.
type RowError = (&'static str, String);

/// What one record is.
enum Kind {
    Activity,
    Usage,
    Cost,
}

pub fn parse(
    reader: &mut dyn Read,
    key: &OrgKey,
    given: Option<DaySpan>,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let mut undated = 0u64;
    let mut other_currency = false;
    let facts = &mut parsed.facts;
    each_record::<Record>(
        reader,
        RECORD_ARRAY_KEYS,
        &mut parsed.diagnostics,
        |row, record, diagnostics| {
            let kind = if row.chat_metrics.is_some()
                || row.claude_code_metrics.is_some()
                || row.user.is_some()
            {
                Kind::Activity
            } else if !row.amount.is_null() {
                Kind::Cost
            } else {
                Kind::Usage
            };
            let day = match (record_day(&row), &kind, given) {
                (Ok(Some(day)), _, _) => day,
                (Ok(None), Kind::Activity, Some(span)) => span.last,
                (Ok(None), Kind::Activity, None) => {
                    undated += 1;
                    return;
                }
                (Ok(None), _, _) => {
                    return diagnostics.skip(
                        record.line,
                        Some("starting_at"),
                        "no starting_at: the row's bucket cannot be placed",
                    )
                }
                (Err((column, reason)), _, _) => {
                    return diagnostics.skip(record.line, Some(column), reason)
                }
            };
            if diagnostics.after_today(record.line, day) {
                return;
            }
            let Some(identity) = person(&row, &mut hasher, facts) else {
                return diagnostics.skip(
                    record.line,
                    Some("user.email_address"),
                    "no email or user id: the record names nobody",
                );
            };
            let outcome = match kind {
                Kind::Activity => activity(&row, identity, day, facts),
                Kind::Usage => usage(&row, identity, day, facts),
                Kind::Cost => cost(&row, identity, day, facts, &mut other_currency),
            };
            match outcome {
                Ok(added) => diagnostics.count(added, Some(DaySpan::new(day, day))),
                Err((column, reason)) => diagnostics.skip(record.line, Some(column), reason),
            }
        },
    )?;
    if undated > 0 {
        let mut error = FileError::new(
            format!("These {undated} Claude Enterprise user-activity records carry no date: the API returns the day asked for, not in the records."),
            "Enter the day the page was requested for (its `date` parameter), then read it.",
        );
        error.period_request = Some(Box::new(period_request()));
        return Err(error);
    }
    if let (Some(span), true) = (given, parsed.diagnostics.rows_accepted > 0) {
        parsed.diagnostics.note(format!(
            "Records without a date were read as {}, the day you gave.",
            span.last
        ));
    }
    if other_currency {
        parsed
            .diagnostics
            .note("Some costs were not in USD: they were skipped, since Uptake shows US dollars.");
    }
    Ok(parsed)
}

/// The record's own day (`date`, or a one-day `starting_at` bucket), if it has one.
fn record_day(row: &Record) -> Result<Option<Day>, RowError> {
    let day_of = |text: &str, column: &'static str| -> Result<Day, RowError> {
        parse_timestamp(text)
            .map(Day::from_unix_seconds)
            .or_else(|| Day::parse(text.trim()))
            .ok_or((
                column,
                format!("expected a date like 2026-11-30, found \"{}\"", text.trim()),
            ))
    };
    if let Some(date) = &row.date {
        return day_of(date, "date").map(Some);
    }
    let Some(start) = &row.starting_at else {
        return Ok(None);
    };
    let first = day_of(start, "starting_at")?;
    if let Some(end) = &row.ending_at {
        // `ending_at` is exclusive: a one-day bucket ends at the next midnight.
        let end_at = parse_timestamp(end).ok_or((
            "ending_at",
            format!("expected a timestamp, found \"{}\"", end.trim()),
        ))?;
        let last = Day::from_unix_seconds(end_at - 1);
        if last != first {
            return Err((
                "ending_at",
                format!(
                    "a bucket of {} days ({first} to {last}); request the report with one-day buckets",
                    last.0 - first.0 + 1
                ),
            ));
        }
    }
    Ok(Some(first))
}

/// The hashed email, linked to the hashed user id; the id alone for a deleted account.
fn person(row: &Record, hasher: &mut Pseudonymiser<'_>, facts: &mut Facts) -> Option<IdentityId> {
    let (email, id) = match (&row.user, &row.actor) {
        (Some(u), _) => (u.email_address.as_deref(), u.id.as_deref()),
        (None, Some(a)) => (
            a.email.as_deref().or(a.email_address.as_deref()),
            a.user_id.as_deref(),
        ),
        (None, None) => (None, None),
    };
    let email = email.and_then(|e| hasher.hash(IdKind::Email, e));
    let id = id.and_then(|i| hasher.hash(IdKind::AnthropicUser, i));
    match (email, id) {
        (Some(email), Some(id)) => {
            let email = facts.identities.intern(email, IdKind::Email);
            let id = facts.identities.intern(id, IdKind::AnthropicUser);
            facts.link(email, id);
            Some(email)
        }
        (Some(email), None) => Some(facts.identities.intern(email, IdKind::Email)),
        (None, Some(id)) => Some(facts.identities.intern(id, IdKind::AnthropicUser)),
        (None, None) => None,
    }
}

/// A count in a metrics object (missing or null is zero).
fn count(map: &Map<String, Value>, key: &'static str) -> Result<u64, RowError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(0),
        Some(v) => values::json_count(v).map_err(|e| (key, e)),
    }
}

/// Messages and sessions of a product's metrics object.
fn product(map: &Map<String, Value>) -> Result<Measures, RowError> {
    Ok(Measures {
        interactions: count(map, "message_count")?,
        sessions: count(map, "distinct_session_count")?,
        ..Measures::default()
    })
}

fn activity(
    row: &Record,
    identity: IdentityId,
    day: Day,
    facts: &mut Facts,
) -> Result<bool, RowError> {
    let mut parts: Vec<(String, Measures)> = Vec::new();
    if let Some(chat) = &row.chat_metrics {
        let mut m = Measures {
            interactions: count(chat, "message_count")?,
            sessions: count(chat, "distinct_conversation_count")?,
            ..Measures::default()
        };
        if m.interactions > 0 {
            m.used |= Measures::USED_CHAT;
        }
        parts.push(("claude.ai".into(), m));
    }
    if let Some(code) = &row.claude_code_metrics {
        let core = &code.core_metrics;
        let lines = core
            .get("lines_of_code")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut m = Measures {
            sessions: count(core, "distinct_session_count")?,
            commits: count(core, "commit_count")?,
            pull_requests: count(core, "pull_request_count")?,
            lines_added: count(&lines, "added_count")?,
            lines_deleted: count(&lines, "removed_count")?,
            ..Measures::default()
        };
        for decisions in code.tool_actions.values().filter_map(Value::as_object) {
            let accepted = count(decisions, "accepted_count")?;
            let rejected = count(decisions, "rejected_count")?;
            m.acceptances = m.acceptances.saturating_add(accepted);
            m.suggestions = m
                .suggestions
                .saturating_add(accepted.saturating_add(rejected));
        }
        if [m.sessions, m.lines_added, m.lines_deleted, m.suggestions]
            .iter()
            .any(|n| *n > 0)
        {
            m.used |= Measures::USED_CLI;
        }
        parts.push(("Claude Code".into(), m));
    }
    for (label, metrics) in [
        ("Cowork", &row.cowork_metrics),
        ("Claude Design", &row.design_metrics),
    ] {
        if let Some(map) = metrics {
            let mut m = product(map)?;
            if m.interactions > 0 {
                m.used |= Measures::USED_AGENT;
            }
            parts.push((label.into(), m));
        }
    }
    if let Some(office) = &row.office_metrics {
        for (app, map) in office.iter() {
            if let Some(map) = map.as_object() {
                let mut m = product(map)?;
                if m.interactions > 0 {
                    m.used |= Measures::USED_AGENT;
                }
                parts.push((format!("Office: {}", office_app(app)), m));
            }
        }
    }
    let mut total = Measures::default();
    parts.iter().for_each(|(_, m)| total.add(m));
    let push = |facts: &mut Facts, breakdown: Breakdown, measures: Measures| {
        facts.push_daily(DailyActivity {
            identity,
            tool: Tool::Claude,
            day,
            breakdown,
            active: measures.any_activity() || measures.lines_added > 0 || measures.commits > 0,
            measures,
        })
    };
    let added = push(facts, Breakdown::default(), total);
    if added {
        for (label, measures) in parts
            .into_iter()
            .filter(|(_, m)| m.any_activity() || m.lines_added > 0)
        {
            let surface = Some(facts.strings.intern(&label));
            push(
                facts,
                Breakdown {
                    surface,
                    ..Breakdown::default()
                },
                measures,
            );
        }
    }
    Ok(added)
}

fn office_app(key: &str) -> String {
    match key {
        "excel" => "Excel".into(),
        "word" => "Word".into(),
        "powerpoint" => "PowerPoint".into(),
        "outlook" => "Outlook".into(),
        other => other.to_string(),
    }
}

/// A JSON count that may be missing.
fn json(value: &Value, key: &'static str) -> Result<u64, RowError> {
    if value.is_null() {
        return Ok(0);
    }
    values::json_count(value).map_err(|e| (key, e))
}

fn usage(
    row: &Record,
    identity: IdentityId,
    day: Day,
    facts: &mut Facts,
) -> Result<bool, RowError> {
    let uncached = json(&row.uncached_input_tokens, "uncached_input_tokens")?;
    let cache_read = json(&row.cache_read_input_tokens, "cache_read_input_tokens")?;
    let cache_creation = match &row.cache_creation {
        Value::Object(parts) => {
            let mut sum = 0u64;
            for v in parts.values() {
                sum = sum.saturating_add(json(v, "cache_creation")?);
            }
            sum
        }
        other => json(other, "cache_creation")?,
    };
    let measures = Measures {
        interactions: json(&row.requests, "requests")?,
        // Saturating: counts near u64::MAX are nonsense, never a reason to stop (fuzzing).
        input_tokens: uncached
            .saturating_add(cache_creation)
            .saturating_add(cache_read),
        cached_input_tokens: cache_read,
        output_tokens: json(&row.output_tokens, "output_tokens")?,
        has_tokens: true,
        ..Measures::default()
    };
    let label = |text: &Option<String>, facts: &mut Facts| {
        text.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| facts.strings.intern(t))
    };
    let breakdown = Breakdown {
        surface: label(&row.product, facts),
        model: label(&row.model, facts).or_else(|| Some(facts.strings.intern("(not given)"))),
        ..Breakdown::default()
    };
    Ok(facts.push_daily(DailyActivity {
        identity,
        tool: Tool::Claude,
        day,
        breakdown,
        active: measures.interactions > 0,
        measures,
    }))
}

/// A decimal string (or number) of cents.
fn cents(value: &Value, key: &'static str) -> Result<f64, RowError> {
    match value {
        Value::Null => Ok(0.0),
        Value::Number(n) => n
            .as_f64()
            .ok_or((key, format!("expected cents, found {n}"))),
        Value::String(s) => values::decimal(s)
            .map(|v| v.unwrap_or(0.0))
            .map_err(|e| (key, e)),
        other => Err((
            key,
            format!("expected cents as a decimal string, found {other}"),
        )),
    }
}

fn cost(
    row: &Record,
    identity: IdentityId,
    day: Day,
    facts: &mut Facts,
    other_currency: &mut bool,
) -> Result<bool, RowError> {
    if row
        .currency
        .as_deref()
        .is_some_and(|c| !c.eq_ignore_ascii_case("USD"))
    {
        *other_currency = true;
        return Err(("currency", "not in USD".into()));
    }
    let net_usd = cents(&row.amount, "amount")? / 100.0;
    let gross_usd = match row.list_amount {
        Value::Null => net_usd,
        ref v => cents(v, "list_amount")? / 100.0,
    };
    let requests = json(&row.requests, "requests")?;
    let mut label = |text: &Option<String>| {
        text.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| facts.strings.intern(t))
    };
    let charge = UsageCharge {
        identity: Some(identity),
        tool: Some(Tool::Claude),
        day: Some(day),
        product: label(&row.product),
        model: label(&row.model),
        sku: label(&row.cost_type),
        quantity: requests as f64,
        net_usd,
        gross_usd,
        ..UsageCharge::default()
    };
    let unit = facts.strings.intern("requests");
    Ok(facts.push_charge(UsageCharge {
        unit: Some(unit),
        ..charge
    }))
}
