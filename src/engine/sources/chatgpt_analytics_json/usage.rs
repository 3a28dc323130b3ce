//! The usage block of the OpenAI analytics exports (FORMATS.md §1d, §2a, §2c): a row's
//! `totals` and its `clients[]` / `models[]` entries as measures, the numbers and Unix times
//! they are written in, and the pushing of a row's facts. Shared by the Analytics API pages,
//! the code review pages (§2b) and the Codex dashboard export.

use crate::engine::date::{parse_timestamp, Day, DaySpan};
use crate::engine::facts::{Breakdown, DailyActivity, Facts, IdentityId, Measures, OrgDaily, Tool};
use crate::engine::sources::{values, Diagnostics};
use serde::Deserialize;
use serde_json::Value;

/// A row problem: the key it is in (dotted path) and what was wrong.
pub type RowError = (String, String);

/// A usage block: a row's `totals`, or one `clients[]` / `models[]` entry. Every field is
/// optional and nullable, and a missing value is not a zero (FORMATS.md §1d).
#[derive(Deserialize, Default)]
pub struct Usage {
    pub client_id: Option<String>,
    pub model: Option<String>,
    users: Option<Value>,
    threads: Option<Value>,
    turns: Option<Value>,
    credits: Option<Value>,
    /// Native USD only: `estimated_cost_usd` is never read (METRICS.md, usage cost).
    cost_usd: Option<Value>,
    uncached_text_input_tokens: Option<Value>,
    cached_text_input_tokens: Option<Value>,
    text_output_tokens: Option<Value>,
}

/// One fact row of a source row: its breakdown, measures and native active-user count.
pub struct Part {
    pub breakdown: Breakdown,
    pub measures: Measures,
    pub users: Option<u32>,
}

/// The measures of a usage block, and its native user count. Threads are sessions; a turn is
/// one user message, so turns are also interactions. Input tokens = uncached + cached.
pub fn read_usage(usage: &Usage, at: &str) -> Result<(Measures, Option<u32>), RowError> {
    let field = |value: &Option<Value>, name: &str| count(value.as_ref(), &format!("{at}.{name}"));
    let turns = field(&usage.turns, "turns")?.unwrap_or(0);
    let money = |value: &Option<Value>, name: &str| amount(value.as_ref(), &format!("{at}.{name}"));
    let mut measures = Measures {
        sessions: field(&usage.threads, "threads")?.unwrap_or(0),
        turns,
        interactions: turns,
        credits: money(&usage.credits, "credits")?.unwrap_or(0.0),
        cost_usd: money(&usage.cost_usd, "cost_usd")?.unwrap_or(0.0),
        ..Measures::default()
    };
    let uncached = field(
        &usage.uncached_text_input_tokens,
        "uncached_text_input_tokens",
    )?;
    let cached = field(&usage.cached_text_input_tokens, "cached_text_input_tokens")?;
    let output = field(&usage.text_output_tokens, "text_output_tokens")?;
    add_tokens(&mut measures, uncached, cached, output);
    let users = field(&usage.users, "users")?.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
    Ok((measures, users))
}

/// Input = uncached + cached (METRICS.md); `has_tokens` only when one of them was given.
pub fn add_tokens(
    m: &mut Measures,
    uncached: Option<u64>,
    cached: Option<u64>,
    output: Option<u64>,
) {
    m.has_tokens = uncached.is_some() || cached.is_some() || output.is_some();
    m.input_tokens = uncached.unwrap_or(0).saturating_add(cached.unwrap_or(0));
    m.cached_input_tokens = cached.unwrap_or(0);
    m.output_tokens = output.unwrap_or(0);
}

/// One part per `clients[]` entry (surface = `client_id`) and per `models[]` entry
/// (model = `model`). Entries with the same label (one model at two speeds) are added up.
pub fn parts(
    facts: &mut Facts,
    diagnostics: &mut Diagnostics,
    clients: &[Usage],
    models: &[Usage],
) -> Result<Vec<Part>, RowError> {
    let mut out: Vec<Part> = Vec::new();
    let clients = clients
        .iter()
        .enumerate()
        .map(|(i, u)| ("clients", "client_id", i, u));
    let models = models
        .iter()
        .enumerate()
        .map(|(i, u)| ("models", "model", i, u));
    for (list, key, index, usage) in clients.chain(models) {
        let label = if key == "model" {
            &usage.model
        } else {
            &usage.client_id
        };
        let Some(label) = label.as_deref().map(str::trim).filter(|l| !l.is_empty()) else {
            diagnostics.note(format!(
                "A {list}[] entry has no {key}: it was left out of the breakdown."
            ));
            continue;
        };
        let (measures, users) = read_usage(usage, &format!("{list}[{index}]"))?;
        let label = Some(facts.strings.intern(label));
        let breakdown = match key {
            "model" => Breakdown {
                model: label,
                ..Breakdown::default()
            },
            _ => Breakdown {
                surface: label,
                ..Breakdown::default()
            },
        };
        match out.iter_mut().find(|p| p.breakdown == breakdown) {
            Some(part) => {
                part.measures.add(&measures);
                part.users = part.users.max(users);
            }
            None => out.push(Part {
                breakdown,
                measures,
                users,
            }),
        }
    }
    Ok(out)
}

/// True when the measures show use: user actions, credits, money or tokens.
pub fn shows_activity(m: &Measures) -> bool {
    m.any_activity() || m.cost_usd > 0.0 || m.input_tokens.saturating_add(m.output_tokens) > 0
}

/// Pushes a person-day total and its breakdown parts; counts the row accepted or duplicate.
pub fn push_person(
    facts: &mut Facts,
    diagnostics: &mut Diagnostics,
    identity: IdentityId,
    tool: Tool,
    day: Day,
    total: Measures,
    parts: Vec<Part>,
) {
    let row = |breakdown, measures: Measures| DailyActivity {
        identity,
        tool,
        day,
        breakdown,
        active: shows_activity(&measures),
        measures,
    };
    if !facts.push_daily(row(Breakdown::default(), total)) {
        diagnostics.rows_duplicate += 1;
        return;
    }
    diagnostics.rows_accepted += 1;
    diagnostics.cover(DaySpan::new(day, day));
    for part in parts {
        facts.push_daily(row(part.breakdown, part.measures));
    }
}

/// Pushes a workspace-day total (no scope) and its parts as `OrgDaily` rows of `kind`.
pub fn push_org(
    facts: &mut Facts,
    diagnostics: &mut Diagnostics,
    tool: Tool,
    day: Day,
    kind: &str,
    total: Part,
    parts: Vec<Part>,
) {
    let kind = facts.strings.intern(kind);
    let row = |part: Part| OrgDaily {
        tool,
        day,
        scope: None,
        kind,
        breakdown: part.breakdown,
        measures: part.measures,
        daily_active: part.users,
        weekly_active: None,
        monthly_active: None,
        engaged: None,
    };
    if !facts.push_org_daily(row(total)) {
        diagnostics.rows_duplicate += 1;
        return;
    }
    diagnostics.rows_accepted += 1;
    diagnostics.cover(DaySpan::new(day, day));
    for part in parts {
        facts.push_org_daily(row(part));
    }
}

/// A number given as a JSON number or a numeric string; `None` when missing or null.
pub fn amount(value: Option<&Value>, column: &str) -> Result<Option<f64>, RowError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(Value::String(s)) => values::decimal(s).map_err(|e| (column.to_string(), e)),
        Some(other) => Err((
            column.to_string(),
            format!("expected a number, found {other}"),
        )),
    }
}

/// A whole, non-negative count; `None` when missing or null.
pub fn count(value: Option<&Value>, column: &str) -> Result<Option<u64>, RowError> {
    match amount(value, column)? {
        Some(n) if n < 0.0 || n.fract() != 0.0 => Err((
            column.to_string(),
            format!("expected a whole number, found {n}"),
        )),
        n => Ok(n.map(|n| n as u64)),
    }
}

/// Reads `start_time` as the row's UTC day and tallies rows that do not span one UTC day.
#[derive(Default)]
pub struct DayCheck {
    odd: u64,
    first_line: u64,
}

impl DayCheck {
    pub fn day(
        &mut self,
        start: Option<&Value>,
        end: Option<&Value>,
        line: u64,
    ) -> Result<Day, RowError> {
        let start = unix_seconds(start, "start_time")?.ok_or_else(|| {
            let reason = "expected a Unix time in seconds, found nothing";
            ("start_time".to_string(), reason.to_string())
        })?;
        let end = unix_seconds(end, "end_time")?;
        if start.rem_euclid(86_400) != 0 || end.is_some_and(|end| end - start != 86_400) {
            if self.odd == 0 {
                self.first_line = line;
            }
            self.odd += 1;
        }
        Ok(Day::from_unix_seconds(start))
    }

    pub fn finish(&self, diagnostics: &mut Diagnostics) {
        if self.odd > 0 {
            diagnostics.note(format!(
                "{} not span exactly one UTC day (start_time not at midnight UTC, or end_time − \
                 start_time ≠ 86400 seconds; first at line {}): each was counted on the UTC day \
                 of its start_time.",
                if self.odd == 1 {
                    "1 row does".to_string()
                } else {
                    format!("{} rows do", self.odd)
                },
                self.first_line
            ));
        }
    }
}

/// Unix seconds (2000–2099) given as a number, a numeric string or an ISO 8601 timestamp.
fn unix_seconds(value: Option<&Value>, column: &str) -> Result<Option<i64>, RowError> {
    let seconds = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Some(Value::String(s)) => s.trim().parse().ok().or_else(|| parse_timestamp(s)),
        Some(_) => None,
    };
    match seconds {
        Some(s) if (946_684_800..4_102_444_800).contains(&s) => Ok(Some(s)),
        _ => Err((
            column.to_string(),
            format!(
                "expected a Unix time in seconds, found {}",
                value.unwrap_or(&Value::Null)
            ),
        )),
    }
}
