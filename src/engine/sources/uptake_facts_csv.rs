//! `uptake.facts_csv`: Uptake's own canonical facts, as CSV, for organisations whose logs
//! outgrow a browser: they pre-aggregate with DuckDB, Spark or BigQuery (README "Uptake facts
//! CSV" shows the DuckDB SQL for ChatGPT compliance logs) and drop the result like any export.
//!
//! One row per person × tool × day (or period), columns found by name:
//!
//! - `person` (required): the email, employee id or login as the vendor gives it; hashed here
//!   like every identifier. `person_kind` (optional): `email`, `employee_id`, `github_login`,
//!   `github_user_id`, `openai_user`, `cursor_user`, `google_profile`, `anthropic_user`;
//!   without it a value with `@` is an email, anything else an employee id.
//! - `tool` (required): `chatgpt`, `codex`, `copilot`, `m365_copilot`, `claude`, `cursor`,
//!   `gemini` (their page labels are accepted too).
//! - `day` (`YYYY-MM-DD`), or `period_start` and `period_end` (inclusive).
//! - `surface`, `model` (optional): a row with either is a breakdown of the person's day; a row
//!   with neither is the day's total. A day given only as breakdowns gets a total: measure by
//!   measure, the larger of its model rows' sum and its surface rows' sum (each is a split of
//!   the same total), so nothing is counted twice.
//! - Measures, each optional, empty meaning not given: `messages`, `sessions`,
//!   `input_tokens` (cached included), `cached_input_tokens`, `output_tokens`, `suggestions`,
//!   `acceptances`, `lines_added`, `lines_deleted`, `commits`, `pull_requests`, `credits`,
//!   `cost_usd`, and `active` (`true`/`false`/`1`/`0`; otherwise any activity counts).
//!
//! Day rows become [`DailyActivity`]; period rows become [`PeriodActivity`] (messages, credits,
//! active), weekly when 7 days, monthly when a calendar month, else a date range.

use super::csv_table::{CsvTable, Header, Row};
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{
    Breakdown, Cadence, DailyActivity, Facts, IdentityId, Measures, PeriodActivity, Tool,
};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use std::collections::HashMap;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::UptakeFactsCsv,
    name: "uptake.facts_csv",
    label: "Uptake facts (CSV)",
    csv: true,
    signature: &["person", "tool", "day", "messages"],
    matches: |probe| matches!(probe, Probe::Csv { header, .. } if matches(header)),
    parse: |reader, ctx| parse(reader, ctx.delimiter, ctx.key, ctx.today),
};

/// Detection: `person` and `tool`, with `day` or `period_start`.
pub fn matches(header: &Header) -> bool {
    header.has("person") && header.has("tool") && (header.has("day") || header.has("period_start"))
}

/// The measure columns, in `Measures` order.
const MEASURES: [&str; 13] = [
    "messages",
    "sessions",
    "input_tokens",
    "cached_input_tokens",
    "output_tokens",
    "suggestions",
    "acceptances",
    "lines_added",
    "lines_deleted",
    "commits",
    "pull_requests",
    "credits",
    "cost_usd",
];

struct Columns {
    person: usize,
    kind: Option<usize>,
    tool: usize,
    day: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    surface: Option<usize>,
    model: Option<usize>,
    active: Option<usize>,
    measures: [Option<usize>; 13],
}

/// A row problem: the column it is in and what was wrong.
type RowError = (&'static str, String);

/// Breakdown sums of one person-day, for a total the file did not give.
#[derive(Default)]
struct DaySums {
    has_total: bool,
    models: Option<(Measures, bool)>,
    surfaces: Option<(Measures, bool)>,
}

pub fn parse(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let h = &table.header;
    let (Some(person), Some(tool)) = (h.find(&["person"]), h.find(&["tool"])) else {
        return Err(FileError::new(
            "This Uptake facts file lacks a \"person\" or \"tool\" column.",
            "See README \"Uptake facts CSV\" for its columns.",
        ));
    };
    let columns = Columns {
        person,
        kind: h.find(&["person_kind"]),
        tool,
        day: h.find(&["day"]),
        start: h.find(&["period_start"]),
        end: h.find(&["period_end"]),
        surface: h.find(&["surface"]),
        model: h.find(&["model"]),
        active: h.find(&["active"]),
        measures: MEASURES.map(|m| h.find(&[m])),
    };
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let mut days: HashMap<(IdentityId, Tool, Day), DaySums> = HashMap::new();
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        let (tool, span) = match place(&row, &columns) {
            Ok(place) => place,
            Err((column, reason)) => {
                parsed.diagnostics.skip(row.line, Some(column), reason);
                continue;
            }
        };
        if parsed.diagnostics.after_today(row.line, span.last) {
            continue;
        }
        let facts = &mut parsed.facts;
        match read_row(&row, (tool, span), &columns, &mut hasher, facts, &mut days) {
            Ok(added) => parsed.diagnostics.count(added, Some(span)),
            Err((column, reason)) => parsed.diagnostics.skip(row.line, Some(column), reason),
        }
    }
    let mut summed = 0;
    let mut missing: Vec<_> = days.into_iter().filter(|(_, s)| !s.has_total).collect();
    missing.sort_by_key(|((identity, tool, day), _)| (*day, *tool, *identity));
    for ((identity, tool, day), sums) in missing {
        let total = match (sums.models, sums.surfaces) {
            (Some((m, a)), Some((s, b))) => Some((larger(&m, &s), a || b)),
            (one, other) => one.or(other),
        };
        if let Some((measures, active)) = total {
            summed += u64::from(parsed.facts.push_daily(DailyActivity {
                identity,
                tool,
                day,
                breakdown: Breakdown::default(),
                active,
                measures,
            }));
        }
    }
    if summed > 0 {
        parsed.diagnostics.note(format!(
            "{summed} person-day{} given only as model or surface rows: each total is the sum of its model rows and of its surface rows, whichever is larger, measure by measure.",
            if summed == 1 { " was" } else { "s were" }
        ));
    }
    Ok(parsed)
}

/// The row's tool and its day (or period).
fn place(row: &Row<'_>, c: &Columns) -> Result<(Tool, DaySpan), RowError> {
    Ok((tool(&row.get(Some(c.tool)))?, span(row, c)?))
}

/// Adds the row's facts; false when that person, tool, day and breakdown were loaded.
fn read_row(
    row: &Row<'_>,
    (tool, span): (Tool, DaySpan),
    c: &Columns,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
    days: &mut HashMap<(IdentityId, Tool, Day), DaySums>,
) -> Result<bool, RowError> {
    let mut measures = Measures::default();
    let mut given = [false; 13];
    for (i, column) in c.measures.iter().enumerate() {
        let text = row.get(*column);
        let value = values::decimal(&text).map_err(|e| (MEASURES[i], e))?;
        let Some(value) = value else { continue };
        if value < 0.0 {
            return Err((MEASURES[i], format!("expected zero or more, found {value}")));
        }
        given[i] = true;
        let whole = value.round() as u64;
        match i {
            0 => measures.interactions = whole,
            1 => measures.sessions = whole,
            2 => measures.input_tokens = whole,
            3 => measures.cached_input_tokens = whole,
            4 => measures.output_tokens = whole,
            5 => measures.suggestions = whole,
            6 => measures.acceptances = whole,
            7 => measures.lines_added = whole,
            8 => measures.lines_deleted = whole,
            9 => measures.commits = whole,
            10 => measures.pull_requests = whole,
            11 => measures.credits = value,
            _ => measures.cost_usd = value,
        }
    }
    measures.has_tokens = given[2] || given[4];
    let active = match values::flag(&row.get(c.active)).map_err(|e| ("active", e))? {
        Some(flag) => flag,
        None => measures.any_activity() || measures.lines_added > 0 || measures.commits > 0,
    };
    let identity = person(row, c, hasher, facts)?;
    if span.first != span.last || c.day.is_none() {
        let period = PeriodActivity {
            is_active: active,
            messages: u32::try_from(measures.interactions).unwrap_or(u32::MAX),
            credits: given[11].then_some(measures.credits),
            ..PeriodActivity::over(identity, tool, span, cadence(span))
        };
        return Ok(facts.push_period(period, &[]));
    }
    let mut label = |column: Option<usize>| {
        let text = row.get(column);
        let text = text.trim();
        (!text.is_empty()).then(|| facts.strings.intern(text))
    };
    let breakdown = Breakdown {
        surface: label(c.surface),
        model: label(c.model),
        ..Breakdown::default()
    };
    let added = facts.push_daily(DailyActivity {
        identity,
        tool,
        day: span.first,
        breakdown,
        active,
        measures,
    });
    if added {
        let sums = days.entry((identity, tool, span.first)).or_default();
        let slot = match (breakdown.model, breakdown.surface) {
            (None, None) => None,
            (Some(_), None) => Some(&mut sums.models),
            (None, Some(_)) => Some(&mut sums.surfaces),
            // A model within a surface: already inside both kinds of sum.
            (Some(_), Some(_)) => return Ok(added),
        };
        match slot {
            None => sums.has_total = true,
            Some(slot) => {
                let (sum, any) = slot.get_or_insert_with(Default::default);
                sum.add(&measures);
                *any |= active;
            }
        }
    }
    Ok(added)
}

/// Measure by measure, the larger of two splits of one total.
fn larger(a: &Measures, b: &Measures) -> Measures {
    Measures {
        interactions: a.interactions.max(b.interactions),
        sessions: a.sessions.max(b.sessions),
        turns: a.turns.max(b.turns),
        suggestions: a.suggestions.max(b.suggestions),
        acceptances: a.acceptances.max(b.acceptances),
        lines_suggested: a.lines_suggested.max(b.lines_suggested),
        lines_accepted: a.lines_accepted.max(b.lines_accepted),
        lines_added: a.lines_added.max(b.lines_added),
        lines_deleted: a.lines_deleted.max(b.lines_deleted),
        input_tokens: a.input_tokens.max(b.input_tokens),
        cached_input_tokens: a.cached_input_tokens.max(b.cached_input_tokens),
        output_tokens: a.output_tokens.max(b.output_tokens),
        has_tokens: a.has_tokens || b.has_tokens,
        credits: a.credits.max(b.credits),
        cost_usd: a.cost_usd.max(b.cost_usd),
        commits: a.commits.max(b.commits),
        pull_requests: a.pull_requests.max(b.pull_requests),
        reviews: a.reviews.max(b.reviews),
        comments: a.comments.max(b.comments),
        comments_engaged: a.comments_engaged.max(b.comments_engaged),
        used: a.used | b.used,
    }
}

/// The tool a `tool` cell names: case, spaces, `-` and `_` aside, without allocating per row.
fn tool(text: &str) -> Result<Tool, RowError> {
    const NAMES: [(&str, Tool); 10] = [
        ("chatgpt", Tool::Chatgpt),
        ("codex", Tool::Codex),
        ("copilot", Tool::Copilot),
        ("github_copilot", Tool::Copilot),
        ("m365_copilot", Tool::M365Copilot),
        ("microsoft_365_copilot", Tool::M365Copilot),
        ("claude", Tool::Claude),
        ("claude_code", Tool::Claude),
        ("cursor", Tool::Cursor),
        ("gemini", Tool::Gemini),
    ];
    let fold = |b: u8| match b {
        b' ' | b'-' => b'_',
        b => b.to_ascii_lowercase(),
    };
    let t = text.trim().as_bytes();
    NAMES
        .iter()
        .find(|(name, _)| {
            name.len() == t.len() && name.bytes().zip(t).all(|(n, &c)| n == fold(c))
        })
        .map(|(_, tool)| *tool)
        .ok_or_else(|| ("tool", format!("expected a tool such as chatgpt, codex, copilot, m365_copilot, claude, cursor or gemini, found \"{}\"", text.trim())))
}

fn span(row: &Row<'_>, c: &Columns) -> Result<DaySpan, RowError> {
    let date = |column: Option<usize>, name: &'static str| -> Result<Option<Day>, RowError> {
        values::date(&row.get(column)).map_err(|e| (name, e))
    };
    if let Some(day) = date(c.day, "day")? {
        return Ok(DaySpan::new(day, day));
    }
    match (date(c.start, "period_start")?, date(c.end, "period_end")?) {
        (Some(first), Some(last)) if first <= last => Ok(DaySpan::new(first, last)),
        (Some(first), Some(last)) => Err((
            "period_end",
            format!("the period ends ({last}) before it starts ({first})"),
        )),
        _ => Err((
            "day",
            "no day, and no period_start and period_end: the row cannot be placed".into(),
        )),
    }
}

fn cadence(span: DaySpan) -> Cadence {
    let next_month = span.last.plus(1);
    if span.days() == 7 {
        Cadence::Weekly
    } else if span.first == span.first.month_start()
        && next_month == next_month.month_start()
        && span.days() >= 28
        && span.days() <= 31
    {
        Cadence::Monthly
    } else {
        Cadence::DateRange
    }
}

fn person(
    row: &Row<'_>,
    c: &Columns,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Result<IdentityId, RowError> {
    let raw = row.get(Some(c.person));
    const KINDS: [(&str, IdKind); 11] = [
        ("email", IdKind::Email),
        ("employee_id", IdKind::EmployeeId),
        ("employee", IdKind::EmployeeId),
        ("github_login", IdKind::GithubLogin),
        ("github", IdKind::GithubLogin),
        ("github_user_id", IdKind::GithubUserId),
        ("github_id", IdKind::GithubUserId),
        ("openai_user", IdKind::OpenaiUser),
        ("cursor_user", IdKind::CursorUser),
        ("google_profile", IdKind::GoogleProfile),
        ("anthropic_user", IdKind::AnthropicUser),
    ];
    let kind_cell = row.get(c.kind);
    let kind_text = kind_cell.trim();
    let named = KINDS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(kind_text));
    let kind = match (kind_text, named) {
        ("", _) if raw.contains('@') => IdKind::Email,
        ("", _) => IdKind::EmployeeId,
        (_, Some((_, kind))) => *kind,
        (other, None) => {
            let other = other.to_ascii_lowercase();
            return Err((
                "person_kind",
                format!("expected email, employee_id, github_login, github_user_id, openai_user, cursor_user, google_profile or anthropic_user, found \"{other}\""),
            ));
        }
    };
    let pseudonym = hasher
        .hash(kind, &raw)
        .ok_or(("person", "no person: the row names nobody".to_string()))?;
    Ok(facts.identities.intern(pseudonym, kind))
}
