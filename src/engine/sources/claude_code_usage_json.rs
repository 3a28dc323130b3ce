//! `claude.code_usage_json`: the **Claude Code Analytics** Admin API
//! (`GET https://api.anthropic.com/v1/organizations/usage_report/claude_code?starting_at=…`,
//! FORMATS.md §5a), pages saved as returned (`{"data":[…],"has_more":…,"next_page":…}`),
//! several pages or days concatenated allowed. One record per actor, UTC day and terminal.
//!
//! A person's records of one day (one per terminal: `vscode`, `iTerm.app`…) are summed into
//! one Claude person-day [`DailyActivity`]: sessions, lines added and removed, commits and pull
//! requests by Claude Code, edit-tool decisions (accepted as acceptances, accepted + rejected
//! as suggestions), tokens (input counts uncached + cache read + cache creation; cache read is
//! the cached part) and cost. Breakdown rows give each terminal (surface) and each model.
//! `estimated_cost.amount` is **integer US cents**, the only money this API gives, so it is the
//! cost. The person is the hashed `actor.email_address`; `api_actor` records are API keys, not
//! people: they are skipped and their cost is stated in a note. Claude Code and claude.ai are
//! one tool, Claude (one vendor seat and bill); the terminal says where it was used, and every
//! active row carries `Measures::USED_CLI` so the Claude Code view can tell its rows apart.

use super::json_rows::each_record;
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed};
use crate::engine::date::{parse_timestamp, Day, DaySpan};
use crate::engine::detect::{FormatId, JsonProbe, Probe, RECORD_ARRAY_KEYS};
use crate::engine::facts::{Breakdown, DailyActivity, IdentityId, Measures, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use crate::engine::intern::Sym;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ClaudeCodeUsageJson,
    name: "claude.code_usage_json",
    label: "Claude Code Analytics API usage (JSON)",
    csv: false,
    signature: &["actor", "core_metrics", "model_breakdown"],
    matches: |probe| matches!(probe, Probe::Json(json) if matches(json)),
    parse: |reader, ctx| parse(reader, ctx.key, ctx.today),
};

/// Detection (FORMATS.md §10): `data[]` records with `core_metrics` and `actor`.
pub fn matches(json: &JsonProbe) -> bool {
    json.first_has(&["core_metrics", "actor"])
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CodeRecord {
    date: Option<String>,
    actor: Actor,
    customer_type: Option<String>,
    terminal_type: Option<String>,
    core_metrics: Core,
    /// `edit_tool`, `multi_edit_tool`, `write_tool`, `notebook_edit_tool`, and any newer tool.
    tool_actions: Map<String, Value>,
    model_breakdown: Vec<ModelRow>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Actor {
    #[serde(rename = "type")]
    kind: Option<String>,
    email_address: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Core {
    num_sessions: Value,
    lines_of_code: Lines,
    commits_by_claude_code: Value,
    pull_requests_by_claude_code: Value,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Lines {
    added: Value,
    removed: Value,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ModelRow {
    model: Option<String>,
    tokens: Tokens,
    estimated_cost: Option<Cost>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Tokens {
    input: Value,
    output: Value,
    cache_read: Value,
    cache_creation: Value,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Cost {
    currency: Option<String>,
    amount: Value,
}

/// A record problem: the key it is in and what was wrong.
type RowError = (&'static str, String);

/// One person-day being summed: its total, its terminals and models, and the
/// (terminal, customer type) parts already read (a repeated part is a duplicate record).
struct PersonDay {
    identity: IdentityId,
    day: Day,
    total: Measures,
    surfaces: Vec<(Sym, Measures)>,
    models: Vec<(Sym, Measures)>,
    parts: HashSet<(String, String)>,
    records: u64,
}

/// What one record adds.
struct RecordSums {
    day: Day,
    email: String,
    part: (String, String),
    core: Measures,
    models: Vec<(String, Measures)>,
}

pub fn parse(reader: &mut dyn Read, key: &OrgKey, today: Option<Day>) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let mut days: Vec<PersonDay> = Vec::new();
    let mut index: HashMap<(IdentityId, Day), usize> = HashMap::new();
    let mut api_keys = (0u64, 0.0f64);
    let mut other_currency = false;
    let facts = &mut parsed.facts;
    each_record::<CodeRecord>(
        reader,
        RECORD_ARRAY_KEYS,
        &mut parsed.diagnostics,
        |row, record, diagnostics| {
            let read = match read_record(&row, &mut other_currency) {
                Ok(read) => read,
                Err((column, reason)) => {
                    if column == "actor.type" {
                        api_keys.0 += 1;
                        api_keys.1 += row_cost(&row);
                    }
                    return diagnostics.skip(record.line, Some(column), reason);
                }
            };
            if diagnostics.after_today(record.line, read.day) {
                return;
            }
            let Some(pseudonym) = hasher.hash(IdKind::Email, &read.email) else {
                return diagnostics.skip(
                    record.line,
                    Some("actor.email_address"),
                    "no email_address: the record names nobody",
                );
            };
            let identity = facts.identities.intern(pseudonym, IdKind::Email);
            let at = *index.entry((identity, read.day)).or_insert_with(|| {
                days.push(PersonDay {
                    identity,
                    day: read.day,
                    total: Measures::default(),
                    surfaces: Vec::new(),
                    models: Vec::new(),
                    parts: HashSet::new(),
                    records: 0,
                });
                days.len() - 1
            });
            let person_day = &mut days[at];
            if !person_day.parts.insert(read.part.clone()) {
                diagnostics.rows_duplicate += 1;
                return;
            }
            person_day.records += 1;
            let mut record_total = read.core;
            for (model, measures) in &read.models {
                record_total.add(measures);
                add_to(
                    &mut person_day.models,
                    facts.strings.intern(model),
                    measures,
                );
            }
            person_day.total.add(&record_total);
            if !read.part.0.is_empty() {
                let surface = facts.strings.intern(&read.part.0);
                add_to(&mut person_day.surfaces, surface, &record_total);
            }
        },
    )?;
    for person_day in days {
        let row = |breakdown: Breakdown, mut measures: Measures| {
            let active = measures.any_activity() || measures.all_tokens() > 0;
            // Marks the row as Claude Code's (claude.ai rows of the same tool have no CLI).
            if active {
                measures.used |= Measures::USED_CLI;
            }
            DailyActivity {
                identity: person_day.identity,
                tool: Tool::Claude,
                day: person_day.day,
                breakdown,
                active,
                measures,
            }
        };
        let d = &mut parsed.diagnostics;
        if !parsed
            .facts
            .push_daily(row(Breakdown::default(), person_day.total))
        {
            d.rows_duplicate += person_day.records;
            continue;
        }
        d.rows_accepted += person_day.records;
        d.cover(DaySpan::new(person_day.day, person_day.day));
        for (surface, measures) in &person_day.surfaces {
            let breakdown = Breakdown {
                surface: Some(*surface),
                ..Breakdown::default()
            };
            parsed.facts.push_daily(row(breakdown, *measures));
        }
        for (model, measures) in &person_day.models {
            let breakdown = Breakdown {
                model: Some(*model),
                ..Breakdown::default()
            };
            parsed.facts.push_daily(row(breakdown, *measures));
        }
    }
    let d = &mut parsed.diagnostics;
    match api_keys {
        (0, _) => {}
        (n, usd) => d.note(format!(
            "{n} record{} of API keys (api_actor), not people, {} left out (estimated cost ${usd:.2}).",
            if n == 1 { "" } else { "s" },
            if n == 1 { "was" } else { "were" },
        )),
    }
    if other_currency {
        d.note("Some costs were not in USD and were left out.");
    }
    Ok(parsed)
}

fn add_to(list: &mut Vec<(Sym, Measures)>, key: Sym, measures: &Measures) {
    match list.iter_mut().find(|(k, _)| *k == key) {
        Some((_, m)) => m.add(measures),
        None => list.push((key, *measures)),
    }
}

fn read_record(row: &CodeRecord, other_currency: &mut bool) -> Result<RecordSums, RowError> {
    match row.actor.kind.as_deref().map(str::trim) {
        Some("api_actor") => {
            return Err((
                "actor.type",
                "an API key (api_actor), not a person: left out".to_string(),
            ))
        }
        Some("user_actor") | None => {}
        Some(other) => {
            return Err((
                "actor.type",
                format!("expected user_actor or api_actor, found \"{other}\""),
            ))
        }
    }
    let date = row.date.as_deref().unwrap_or("").trim();
    let day = parse_timestamp(date)
        .map(Day::from_unix_seconds)
        .ok_or_else(|| {
            (
                "date",
                format!("expected a date like 2025-09-01T00:00:00Z, found \"{date}\""),
            )
        })?;
    let n =
        |value: &Value, key: &'static str| super::values::json_count(value).map_err(|e| (key, e));
    let c = &row.core_metrics;
    let (mut accepted, mut rejected) = (0u64, 0u64);
    for decisions in row.tool_actions.values() {
        // Saturating: a count near u64::MAX is nonsense, never a reason to stop.
        accepted = n(
            decisions.get("accepted").unwrap_or(&Value::Null),
            "tool_actions",
        )?
        .saturating_add(accepted);
        rejected = n(
            decisions.get("rejected").unwrap_or(&Value::Null),
            "tool_actions",
        )?
        .saturating_add(rejected);
    }
    let core = Measures {
        sessions: n(&c.num_sessions, "core_metrics.num_sessions")?,
        lines_added: n(&c.lines_of_code.added, "core_metrics.lines_of_code.added")?,
        lines_deleted: n(
            &c.lines_of_code.removed,
            "core_metrics.lines_of_code.removed",
        )?,
        commits: n(
            &c.commits_by_claude_code,
            "core_metrics.commits_by_claude_code",
        )?,
        pull_requests: n(
            &c.pull_requests_by_claude_code,
            "core_metrics.pull_requests_by_claude_code",
        )?,
        acceptances: accepted,
        suggestions: accepted.saturating_add(rejected),
        ..Measures::default()
    };
    let mut models = Vec::new();
    for m in &row.model_breakdown {
        let t = &m.tokens;
        let input = n(&t.input, "model_breakdown.tokens.input")?;
        let cache_read = n(&t.cache_read, "model_breakdown.tokens.cache_read")?;
        let cache_creation = n(&t.cache_creation, "model_breakdown.tokens.cache_creation")?;
        let cents = match &m.estimated_cost {
            Some(cost)
                if cost
                    .currency
                    .as_deref()
                    .is_none_or(|c| c.eq_ignore_ascii_case("USD")) =>
            {
                amount(&cost.amount).map_err(|e| ("model_breakdown.estimated_cost.amount", e))?
            }
            Some(_) => {
                *other_currency = true;
                0.0
            }
            None => 0.0,
        };
        let measures = Measures {
            input_tokens: values::sum_counts(&[input, cache_read, cache_creation]),
            cached_input_tokens: cache_read,
            output_tokens: n(&t.output, "model_breakdown.tokens.output")?,
            has_tokens: true,
            cost_usd: cents / 100.0,
            ..Measures::default()
        };
        let model = m.model.as_deref().unwrap_or("").trim();
        let model = if model.is_empty() {
            "(not given)"
        } else {
            model
        };
        models.push((model.to_string(), measures));
    }
    let email = row.actor.email_address.clone().unwrap_or_default();
    let terminal = row
        .terminal_type
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_string();
    let customer = row
        .customer_type
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_string();
    Ok(RecordSums {
        day,
        email,
        part: (terminal, customer),
        core,
        models,
    })
}

/// The estimated cost of a record in USD (for the API-key note).
fn row_cost(row: &CodeRecord) -> f64 {
    row.model_breakdown
        .iter()
        .filter_map(|m| m.estimated_cost.as_ref())
        .filter_map(|c| amount(&c.amount).ok())
        .sum::<f64>()
        / 100.0
}

/// An amount in cents: a number or a numeric string (`1025`, `"245.50"`).
fn amount(value: &Value) -> Result<f64, String> {
    match value {
        Value::Null => Ok(0.0),
        Value::Number(n) => n
            .as_f64()
            .ok_or_else(|| format!("expected an amount, found {n}")),
        Value::String(s) => super::values::decimal(s).map(Option::unwrap_or_default),
        other => Err(format!("expected an amount in cents, found {other}")),
    }
}
