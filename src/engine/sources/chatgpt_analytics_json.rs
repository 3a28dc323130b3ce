//! `chatgpt.analytics_usage_json` and `codex.usage_json`: pages of the ChatGPT Admin Analytics
//! API `…/usage` (FORMATS.md §1d) and of the Codex Analytics API `…/codex/…/usage` (§2a).
//! One row per user × UTC day (`workspace.usage.result`, `workspace.codex.usage.result`), or
//! per workspace × day with `group=workspace`; several pages may be concatenated in one file.
//! The usage block all OpenAI analytics exports share is read in [`usage`].

pub(super) mod usage;

use super::json_rows::each_record;
use super::registry::FormatSpec;
use super::{Diagnostics, FileError, Parsed};
use crate::engine::date::Day;
use crate::engine::detect::{lookup, FormatId, Probe};
use crate::engine::facts::{Breakdown, Facts, IdentityId, Measures, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use serde::Deserialize;
use serde_json::Value;
use std::io::Read;
use usage::{count, parts, push_org, push_person, read_usage, DayCheck, Part, RowError, Usage};

pub const CHATGPT_FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ChatgptAnalyticsUsageJson,
    name: "chatgpt.analytics_usage_json",
    label: "ChatGPT Analytics API usage (JSON)",
    csv: false,
    signature: &["object", "start_time", "user_id", "totals"],
    matches: |probe| first_object(probe) == Some(CHATGPT_ROW),
    parse: |reader, ctx| parse(reader, ctx.key, Tool::Chatgpt, ctx.today),
};

pub const CODEX_FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CodexUsageJson,
    name: "codex.usage_json",
    label: "Codex Analytics API usage (JSON)",
    csv: false,
    signature: &["object", "start_time", "user_id", "totals", "clients"],
    matches: |probe| first_object(probe) == Some(CODEX_ROW),
    parse: |reader, ctx| parse(reader, ctx.key, Tool::Codex, ctx.today),
};

const CHATGPT_ROW: &str = "workspace.usage.result";
const CODEX_ROW: &str = "workspace.codex.usage.result";

/// Detection (FORMATS.md §10): the first row's `object` names the API.
fn first_object(probe: &Probe) -> Option<&str> {
    match probe {
        Probe::Json(json) => json.first_str("object"),
        Probe::Csv { .. } => None,
    }
}

#[derive(Deserialize)]
struct Row {
    object: Option<String>,
    start_time: Option<Value>,
    end_time: Option<Value>,
    user_id: Option<String>,
    actor: Option<Actor>,
    totals: Option<Usage>,
    clients: Option<Vec<Usage>>,
    models: Option<Vec<Usage>>,
    code_attribution: Option<Value>,
}

#[derive(Deserialize)]
struct Actor {
    user_id: Option<String>,
    email: Option<String>,
}

fn parse(
    reader: &mut dyn Read,
    key: &OrgKey,
    tool: Tool,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let mut days = DayCheck::default();
    let mut more_pages = false;
    let Parsed {
        facts, diagnostics, ..
    } = &mut parsed;
    each_record::<Row>(
        reader,
        &["data"],
        diagnostics,
        |row, record, diagnostics| {
            let has_more = record.envelope.iter().find(|(k, _)| k == "has_more");
            more_pages = has_more.is_some_and(|(_, v)| v.as_slice() == b"true");
            let read = read_row(
                row,
                tool,
                record.line,
                &mut hasher,
                &mut days,
                facts,
                diagnostics,
            );
            if let Err((column, reason)) = read {
                diagnostics.skip(record.line, Some(&column), reason);
            }
        },
    )?;
    days.finish(&mut parsed.diagnostics);
    if more_pages {
        parsed.diagnostics.note(
            "The last page in this file says \"has_more\": true, so the API holds more rows: \
             fetch the next pages (next_page) and add them too.",
        );
    }
    Ok(parsed)
}

fn read_row(
    row: Row,
    default_tool: Tool,
    line: u64,
    hasher: &mut Pseudonymiser<'_>,
    days: &mut DayCheck,
    facts: &mut Facts,
    diagnostics: &mut Diagnostics,
) -> Result<(), RowError> {
    let tool = match row.object.as_deref() {
        None => default_tool,
        Some(CHATGPT_ROW) => Tool::Chatgpt,
        Some(CODEX_ROW) => Tool::Codex,
        Some(other) => {
            let expected = format!("expected \"{CHATGPT_ROW}\" or \"{CODEX_ROW}\"");
            let reason = format!("\"{other}\" is not a usage row ({expected})");
            return Err(("object".into(), reason));
        }
    };
    let day = days.day(row.start_time.as_ref(), row.end_time.as_ref(), line)?;
    if diagnostics.after_today(line, day) {
        return Ok(());
    }
    let (mut total, users) =
        read_usage(row.totals.as_ref().unwrap_or(&Usage::default()), "totals")?;
    if let Some(attribution) = &row.code_attribution {
        read_code_attribution(&mut total, attribution, diagnostics)?;
    }
    let clients = row.clients.as_deref().unwrap_or_default();
    let parts = parts(
        facts,
        diagnostics,
        clients,
        row.models.as_deref().unwrap_or_default(),
    )?;
    for id in clients.iter().filter_map(|c| c.client_id.as_deref()) {
        if tool == Tool::Codex && !id.starts_with("CODEX_") {
            diagnostics.note(format!(
                "Unrecognised Codex client id \"{id}\": its usage is kept under that id."
            ));
        }
    }
    let total = Part {
        breakdown: Breakdown::default(),
        measures: total,
        users,
    };
    let nobody = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
    if nobody(&row.user_id) && row.actor.is_none() {
        push_org(facts, diagnostics, tool, day, "usage", total, parts);
        return Ok(());
    }
    let identity = person(&row, hasher, facts).ok_or_else(|| {
        let reason = "no user_id, actor.user_id or actor.email: the row names nobody";
        ("user_id".to_string(), reason.to_string())
    })?;
    push_person(
        facts,
        diagnostics,
        identity,
        tool,
        day,
        total.measures,
        parts,
    );
    Ok(())
}

/// The row's person: `actor.email`, `user_id` and `actor.user_id`, hashed and linked.
fn person(row: &Row, hasher: &mut Pseudonymiser<'_>, facts: &mut Facts) -> Option<IdentityId> {
    let actor = row.actor.as_ref();
    let email = actor
        .and_then(|a| a.email.as_deref())
        .map(|e| (IdKind::Email, e));
    let ids = [
        row.user_id.as_deref(),
        actor.and_then(|a| a.user_id.as_deref()),
    ];
    let ids = ids.into_iter().flatten().map(|u| (IdKind::OpenaiUser, u));
    let mut found = email.into_iter().chain(ids).filter_map(|(kind, raw)| {
        let pseudonym = hasher.hash(kind, raw)?;
        Some(facts.identities.intern(pseudonym, kind))
    });
    let first = found.next()?;
    for other in found.collect::<Vec<_>>() {
        facts.link(first, other);
    }
    Some(first)
}

/// `code_attribution` (§2a, names uncertain): `lines_of_code.{added,removed}` or
/// `lines_added`/`lines_removed`, and `commits.with_codex_contribution`.
fn read_code_attribution(
    measures: &mut Measures,
    attribution: &Value,
    diagnostics: &mut Diagnostics,
) -> Result<(), RowError> {
    let get = |path: &str| {
        count(
            lookup(attribution, path),
            &format!("code_attribution.{path}"),
        )
    };
    let added = get("lines_of_code.added")?.or(get("lines_added")?);
    let removed = get("lines_of_code.removed")?.or(get("lines_removed")?);
    let commits = match attribution.get("commits") {
        Some(Value::Number(_)) => get("commits")?,
        _ => get("commits.with_codex_contribution")?,
    };
    const KNOWN: [&str; 4] = ["lines_of_code", "lines_added", "lines_removed", "commits"];
    if let (None, None, None, Some(object)) = (added, removed, commits, attribution.as_object()) {
        let mut unknown: Vec<&str> = object.keys().map(String::as_str).collect();
        unknown.retain(|k| !KNOWN.contains(k));
        unknown.sort_unstable();
        if !unknown.is_empty() {
            diagnostics.note(format!(
                "code_attribution has keys Uptake does not recognise ({}): lines and commits were \
                 not read (expected lines_of_code.added/removed, lines_added/lines_removed or \
                 commits.with_codex_contribution).",
                unknown.join(", ")
            ));
        }
    }
    measures.lines_added = added.unwrap_or(0);
    measures.lines_deleted = removed.unwrap_or(0);
    measures.commits = commits.unwrap_or(0);
    Ok(())
}
