//! `codex.dashboard_json`: the Codex analytics dashboard's JSON downloads (FORMATS.md §2c),
//! `{"data":[…]}`, in three shapes told apart row by row by their keys:
//! * workspace usage counts (`date` + `totals`, `clients[]`, `models[]`) → `OrgDaily` rows of
//!   kind `usage`, with `daily_active` = `totals.users`;
//! * per-user sessions and messages (`date` + `user_id` + `n_new_sessions_total`) → Codex
//!   `DailyActivity`, plus one row per surface suffix (`n_new_sessions_cli`, `credit_vscode`…)
//!   and per `models[]` entry;
//! * code review metrics (`date` + `n_reviews`) → `OrgDaily` rows of kind `code_reviews`.

use super::chatgpt_analytics_json::usage::{
    add_tokens, amount, count, parts, push_org, push_person, read_usage, Part, RowError, Usage,
};
use super::codex_code_reviews_json::{push_reviews, REVIEWS};
use super::json_rows::each_record;
use super::registry::FormatSpec;
use super::{Diagnostics, FileError, Parsed};
use crate::engine::date::Day;
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Breakdown, Facts, Measures, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CodexDashboardJson,
    name: "codex.dashboard_json",
    label: "Codex analytics dashboard export (JSON)",
    csv: false,
    signature: &["date", "totals"],
    matches,
    parse: |reader, ctx| parse(reader, ctx.key, ctx.today),
};

/// Detection (FORMATS.md §10): rows with `date` and `totals`, `n_new_sessions_total` or
/// `n_reviews`.
fn matches(probe: &Probe) -> bool {
    let Probe::Json(json) = probe else {
        return false;
    };
    json.first_has(&["date"])
        && ["totals", "n_new_sessions_total", "n_reviews"]
            .iter()
            .any(|key| json.first_has(&[key]))
}

#[derive(Deserialize)]
struct Row {
    date: Option<String>,
    // Workspace usage counts.
    totals: Option<Usage>,
    clients: Option<Vec<Usage>>,
    models: Option<Vec<Usage>>,
    // Per-user sessions and messages.
    user_id: Option<String>,
    email: Option<String>,
    n_new_sessions_total: Option<Value>,
    n_user_messages_total: Option<Value>,
    credit_total: Option<Value>,
    uncached_text_input_tokens: Option<Value>,
    cached_text_input_tokens: Option<Value>,
    text_output_tokens: Option<Value>,
    // Code review metrics.
    n_reviews: Option<Value>,
    n_comments: Option<Value>,
    n_comments_p0: Option<Value>,
    n_comments_p1: Option<Value>,
    n_comments_p2: Option<Value>,
    /// Every other key, among them the per-surface counters `n_new_sessions_<surface>`,
    /// `n_user_messages_<surface>` and `credit_<surface>`.
    #[serde(flatten)]
    other: BTreeMap<String, Value>,
}

fn parse(reader: &mut dyn Read, key: &OrgKey, today: Option<Day>) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let Parsed {
        facts, diagnostics, ..
    } = &mut parsed;
    each_record::<Row>(
        reader,
        &["data"],
        diagnostics,
        |row, record, diagnostics| {
            let read = read_row(row, record.line, &mut hasher, facts, diagnostics);
            if let Err((column, reason)) = read {
                let column = (!column.is_empty()).then_some(column.as_str());
                diagnostics.skip(record.line, column, reason);
            }
        },
    )?;
    Ok(parsed)
}

fn read_row(
    row: Row,
    line: u64,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
    diagnostics: &mut Diagnostics,
) -> Result<(), RowError> {
    let date = row.date.as_deref().map(str::trim).unwrap_or_default();
    let day = Day::parse(date).ok_or_else(|| {
        let found = if date.is_empty() {
            "nothing".to_string()
        } else {
            format!("\"{date}\"")
        };
        (
            "date".to_string(),
            format!("expected a date like 2026-06-01, found {found}"),
        )
    })?;
    if diagnostics.after_today(line, day) {
        return Ok(());
    }
    if row.n_new_sessions_total.is_some() || row.n_user_messages_total.is_some() {
        return user_row(row, day, hasher, facts, diagnostics);
    }
    if let Some(totals) = &row.totals {
        let (measures, users) = read_usage(totals, "totals")?;
        let clients = row.clients.as_deref().unwrap_or_default();
        let parts = parts(
            facts,
            diagnostics,
            clients,
            row.models.as_deref().unwrap_or_default(),
        )?;
        let total = Part {
            breakdown: Breakdown::default(),
            measures,
            users,
        };
        push_org(facts, diagnostics, Tool::Codex, day, "usage", total, parts);
        return Ok(());
    }
    if row.n_reviews.is_some() {
        let measures = Measures {
            reviews: count(row.n_reviews.as_ref(), "n_reviews")?.unwrap_or(0),
            comments: count(row.n_comments.as_ref(), "n_comments")?.unwrap_or(0),
            ..Measures::default()
        };
        let priorities = [
            count(row.n_comments_p0.as_ref(), "n_comments_p0")?,
            count(row.n_comments_p1.as_ref(), "n_comments_p1")?,
            count(row.n_comments_p2.as_ref(), "n_comments_p2")?,
        ];
        push_reviews(facts, diagnostics, day, REVIEWS, measures, priorities);
        return Ok(());
    }
    Err((
        String::new(),
        "no \"totals\", \"n_new_sessions_total\" or \"n_reviews\": not a Codex dashboard row"
            .into(),
    ))
}

/// A person's day: sessions started, user messages (interactions and turns), credits, tokens.
fn user_row(
    row: Row,
    day: Day,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
    diagnostics: &mut Diagnostics,
) -> Result<(), RowError> {
    let messages = count(row.n_user_messages_total.as_ref(), "n_user_messages_total")?;
    let mut total = Measures {
        sessions: count(row.n_new_sessions_total.as_ref(), "n_new_sessions_total")?.unwrap_or(0),
        interactions: messages.unwrap_or(0),
        turns: messages.unwrap_or(0),
        credits: amount(row.credit_total.as_ref(), "credit_total")?.unwrap_or(0.0),
        ..Measures::default()
    };
    let tokens = |value: &Option<Value>, name: &str| count(value.as_ref(), name);
    add_tokens(
        &mut total,
        tokens(
            &row.uncached_text_input_tokens,
            "uncached_text_input_tokens",
        )?,
        tokens(&row.cached_text_input_tokens, "cached_text_input_tokens")?,
        tokens(&row.text_output_tokens, "text_output_tokens")?,
    );
    let mut breakdown = surfaces(facts, &row.other)?;
    breakdown.extend(parts(
        facts,
        diagnostics,
        &[],
        row.models.as_deref().unwrap_or_default(),
    )?);
    if row.clients.as_ref().is_some_and(|c| !c.is_empty()) {
        diagnostics.note(
            "The clients[] of per-user rows were not read: surfaces come from the \
             n_new_sessions_<surface>, n_user_messages_<surface> and credit_<surface> fields.",
        );
    }
    let mut hash = |kind, raw: &Option<String>| {
        let pseudonym = hasher.hash(kind, raw.as_deref()?)?;
        Some(facts.identities.intern(pseudonym, kind))
    };
    let email = hash(IdKind::Email, &row.email);
    let user = hash(IdKind::OpenaiUser, &row.user_id);
    let identity = match (email, user) {
        (Some(email), Some(user)) => {
            facts.link(email, user);
            email
        }
        (Some(id), None) | (None, Some(id)) => id,
        (None, None) => {
            let reason = "no user_id or email: the row names nobody";
            return Err(("user_id".to_string(), reason.to_string()));
        }
    };
    push_person(
        facts,
        diagnostics,
        identity,
        Tool::Codex,
        day,
        total,
        breakdown,
    );
    Ok(())
}

/// One part per surface suffix with a non-zero `n_new_sessions_<s>`, `n_user_messages_<s>`
/// or `credit_<s>`; the surface label is the raw suffix (`cli`, `vscode`, `github_code_review`).
fn surfaces(facts: &mut Facts, other: &BTreeMap<String, Value>) -> Result<Vec<Part>, RowError> {
    let mut by_surface: BTreeMap<&str, Measures> = BTreeMap::new();
    for (key, value) in other {
        let (surface, measures) = if let Some(s) = key.strip_prefix("n_new_sessions_") {
            (
                s,
                Measures {
                    sessions: count(Some(value), key)?.unwrap_or(0),
                    ..Measures::default()
                },
            )
        } else if let Some(s) = key.strip_prefix("n_user_messages_") {
            let messages = count(Some(value), key)?.unwrap_or(0);
            (
                s,
                Measures {
                    interactions: messages,
                    turns: messages,
                    ..Measures::default()
                },
            )
        } else if let Some(s) = key.strip_prefix("credit_") {
            (
                s,
                Measures {
                    credits: amount(Some(value), key)?.unwrap_or(0.0),
                    ..Measures::default()
                },
            )
        } else {
            continue;
        };
        if !surface.is_empty() && surface != "total" {
            by_surface.entry(surface).or_default().add(&measures);
        }
    }
    let used = |m: &Measures| m.sessions > 0 || m.interactions > 0 || m.credits != 0.0;
    Ok(by_surface
        .into_iter()
        .filter(|(_, measures)| used(measures))
        .map(|(surface, measures)| Part {
            breakdown: Breakdown {
                surface: Some(facts.strings.intern(surface)),
                ..Breakdown::default()
            },
            measures,
            users: None,
        })
        .collect())
}
