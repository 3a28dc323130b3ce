//! `copilot.metrics_json`: the legacy GitHub Copilot **Metrics API** (FORMATS.md §3a), a JSON
//! array with one element per day (`date`, `copilot_ide_code_completions`…), and the older
//! retired **usage API** (`day`, `total_suggestions_count`, `breakdown[]`). No person appears.
//!
//! Every day gives an [`OrgDaily`] of kind `legacy_metrics` (no scope: the file does not name
//! its organisation or team) and breakdown rows, each with its engaged users (active users
//! for the usage API):
//! * code completions, per editor (`surface`) × model × language, feature `code_completion`:
//!   suggestions, acceptances, lines suggested and lines accepted;
//! * IDE chat, per editor × model, feature `chat`: `interactions` = chats and
//!   `comments_engaged` = chat insertion events (answers inserted into the editor; copy
//!   events are not kept), so that chat never counts towards the acceptance rate;
//! * github.com chat, per model (surface `github.com`, feature `chat`): chats;
//! * github.com pull-request summaries, per model summed over repositories (feature
//!   `pull_request_summary`): `pull_requests` = summaries created. Repository names are never
//!   read.
//!
//! The Metrics API has no day totals for these counts, so the day row is the sum of its
//! breakdown rows. The usage API gives totals, used as they are (chat turns as
//! `interactions`, chat acceptances as `comments_engaged`), and a breakdown per language ×
//! editor.

use super::copilot_common::{add_row, gauge, label, list, required_day, RowError, SliceRow};
use super::json_rows::each_record;
use super::registry::FormatSpec;
use super::{FileError, Parsed};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, JsonProbe, Probe, RECORD_ARRAY_KEYS};
use crate::engine::facts::{Breakdown, Facts, Measures, OrgDaily, Tool};
use crate::engine::intern::Interner;
use serde::Deserialize;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CopilotMetricsJson,
    name: "copilot.metrics_json",
    label: "GitHub Copilot Metrics API, legacy (JSON)",
    csv: false,
    signature: &["date", "total_active_users", "copilot_ide_code_completions"],
    matches: |probe| matches!(probe, Probe::Json(json) if matches(json)),
    parse: |reader, ctx| parse(reader, ctx.today),
};

/// Detection (FORMATS.md §10): `date` + `copilot_ide_code_completions` (any block may be
/// missing, so `date` + `total_engaged_users` also counts), or `day` +
/// `total_suggestions_count` for the usage API.
pub fn matches(json: &JsonProbe) -> bool {
    json.first_has(&["date", "copilot_ide_code_completions"])
        || json.first_has(&["date", "total_active_users", "total_engaged_users"])
        || json.first_has(&["day", "total_suggestions_count"])
}

/// One day of either API.
#[derive(Default, Deserialize)]
#[serde(default)]
struct MetricsDay {
    date: Option<String>,
    day: Option<String>,
    total_active_users: Option<u64>,
    total_engaged_users: Option<u64>,
    copilot_ide_code_completions: Option<Editors<CompletionModel>>,
    copilot_ide_chat: Option<Editors<ModelCounts>>,
    copilot_dotcom_chat: Option<Models>,
    copilot_dotcom_pull_requests: Option<Repositories>,
    total_suggestions_count: Option<u64>,
    total_acceptances_count: Option<u64>,
    total_lines_suggested: Option<u64>,
    total_lines_accepted: Option<u64>,
    total_chat_acceptances: Option<u64>,
    total_chat_turns: Option<u64>,
    #[serde(deserialize_with = "list")]
    breakdown: Vec<UsageBreakdown>,
}

#[derive(Default, Deserialize)]
#[serde(default, bound(deserialize = "M: Deserialize<'de> + Default"))]
struct Editors<M> {
    #[serde(deserialize_with = "list")]
    editors: Vec<Editor<M>>,
}

#[derive(Default, Deserialize)]
#[serde(default, bound(deserialize = "M: Deserialize<'de> + Default"))]
struct Editor<M> {
    name: Option<String>,
    #[serde(deserialize_with = "list")]
    models: Vec<M>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CompletionModel {
    name: Option<String>,
    #[serde(deserialize_with = "list")]
    languages: Vec<CompletionLanguage>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct CompletionLanguage {
    name: Option<String>,
    total_engaged_users: Option<u64>,
    total_code_suggestions: Option<u64>,
    total_code_acceptances: Option<u64>,
    total_code_lines_suggested: Option<u64>,
    total_code_lines_accepted: Option<u64>,
}

/// A model's counts in chat and pull-request blocks.
#[derive(Default, Deserialize)]
#[serde(default)]
struct ModelCounts {
    name: Option<String>,
    total_engaged_users: Option<u64>,
    total_chats: Option<u64>,
    total_chat_insertion_events: Option<u64>,
    total_pr_summaries_created: Option<u64>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Models {
    #[serde(deserialize_with = "list")]
    models: Vec<ModelCounts>,
}

/// Only the models of each repository are read: its name is never stored.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Repositories {
    #[serde(deserialize_with = "list")]
    repositories: Vec<Models>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct UsageBreakdown {
    language: Option<String>,
    editor: Option<String>,
    suggestions_count: Option<u64>,
    acceptances_count: Option<u64>,
    lines_suggested: Option<u64>,
    lines_accepted: Option<u64>,
    active_users: Option<u64>,
}

/// Parses a Metrics API or usage API file (several pages concatenated are fine).
pub fn parse(reader: &mut dyn Read, today: Option<Day>) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let facts = &mut parsed.facts;
    let mut usage_api = false;
    each_record::<MetricsDay>(
        reader,
        RECORD_ARRAY_KEYS,
        &mut parsed.diagnostics,
        |row, record, diagnostics| {
            let day = match &row.date {
                Some(date) => required_day(Some(date), "date").ok(),
                None => required_day(row.day.as_deref(), "day").ok(),
            };
            if day.is_some_and(|day| diagnostics.after_today(record.line, day)) {
                return;
            }
            usage_api |= row.date.is_none();
            match read_day(&row, facts) {
                Ok(Some(day)) => {
                    diagnostics.rows_accepted += 1;
                    diagnostics.cover(DaySpan::new(day, day));
                }
                Ok(None) => diagnostics.rows_duplicate += 1,
                Err((column, reason)) => diagnostics.skip(record.line, Some(column), reason),
            }
        },
    )?;
    if parsed.diagnostics.rows_duplicate > 0 {
        parsed.diagnostics.note(DUPLICATE_NOTE);
    }
    if usage_api {
        parsed.diagnostics.note(USAGE_API_NOTE);
    }
    Ok(parsed)
}

/// Said when a day was already loaded (from this file or an earlier one).
pub const DUPLICATE_NOTE: &str = "Days already loaded were counted once. These files do not name their organisation or team, so the files of two organisations for the same days cannot both be loaded.";
/// Said when the file is the older usage API.
pub const USAGE_API_NOTE: &str = "Read as the retired Copilot usage API (total_suggestions_count…): its breakdown is per language and editor, without models or chat.";

/// The day's rows; `Ok(None)` when the day was already loaded.
fn read_day(row: &MetricsDay, facts: &mut Facts) -> Result<Option<Day>, RowError> {
    let day = match &row.date {
        Some(date) => required_day(Some(date), "date")?,
        None => required_day(row.day.as_deref(), "day")?,
    };
    // The usage API counts active users per breakdown row, the Metrics API engaged users.
    let usage_api = row.date.is_none();
    let (total, rows) = if usage_api {
        usage_rows(row, &mut facts.strings)
    } else {
        let rows = metrics_rows(row, &mut facts.strings);
        let mut total = SliceRow::new(Breakdown::default(), Measures::default(), None);
        rows.iter().for_each(|r| total.measures.add(&r.measures));
        (total, rows)
    };
    let kind = facts.strings.intern("legacy_metrics");
    let org_daily = |row: SliceRow| OrgDaily {
        tool: Tool::Copilot,
        day,
        scope: None,
        kind,
        breakdown: row.breakdown,
        measures: row.measures,
        daily_active: row.users.filter(|_| usage_api),
        weekly_active: None,
        monthly_active: None,
        engaged: row.users.filter(|_| !usage_api),
    };
    let total = OrgDaily {
        daily_active: gauge(row.total_active_users),
        engaged: gauge(row.total_engaged_users),
        ..org_daily(total)
    };
    if !facts.push_org_daily(total) {
        return Ok(None);
    }
    for slice in rows {
        facts.push_org_daily(org_daily(slice));
    }
    Ok(Some(day))
}

/// The Metrics API's breakdown rows of one day.
fn metrics_rows(row: &MetricsDay, strings: &mut Interner) -> Vec<SliceRow> {
    let mut rows = Vec::new();
    let completion = Some(strings.intern("code_completion"));
    let chat = Some(strings.intern("chat"));
    let pr_summary = Some(strings.intern("pull_request_summary"));
    let dotcom = strings.intern("github.com");
    let completions = row.copilot_ide_code_completions.iter();
    for editor in completions.flat_map(|b| &b.editors) {
        let surface = Some(label(strings, editor.name.as_deref()));
        for model in &editor.models {
            let model_label = Some(label(strings, model.name.as_deref()));
            for language in &model.languages {
                let measures = Measures {
                    suggestions: language.total_code_suggestions.unwrap_or(0),
                    acceptances: language.total_code_acceptances.unwrap_or(0),
                    lines_suggested: language.total_code_lines_suggested.unwrap_or(0),
                    lines_accepted: language.total_code_lines_accepted.unwrap_or(0),
                    ..Measures::default()
                };
                let breakdown = Breakdown {
                    surface,
                    model: model_label,
                    feature: completion,
                    language: Some(label(strings, language.name.as_deref())),
                };
                let users = language.total_engaged_users;
                add_row(&mut rows, SliceRow::new(breakdown, measures, users));
            }
        }
    }
    let ide_chat = row.copilot_ide_chat.iter().flat_map(|b| &b.editors);
    let ide_chat =
        ide_chat.flat_map(|e| e.models.iter().map(move |m| (Some(e.name.as_deref()), m)));
    let dotcom_chat = row.copilot_dotcom_chat.iter().flat_map(|b| &b.models);
    let prs = row.copilot_dotcom_pull_requests.iter();
    let pr_models = prs.flat_map(|b| &b.repositories).flat_map(|r| &r.models);
    let chats = ide_chat.chain(dotcom_chat.map(|m| (None, m)));
    let chats = chats.map(|(editor, model)| (editor, model, chat));
    // `editor` is `None` on github.com.
    for (editor, model, feature) in chats.chain(pr_models.map(|m| (None, m, pr_summary))) {
        let measures = Measures {
            interactions: model.total_chats.unwrap_or(0),
            comments_engaged: model.total_chat_insertion_events.unwrap_or(0),
            pull_requests: model.total_pr_summaries_created.unwrap_or(0),
            ..Measures::default()
        };
        let breakdown = Breakdown {
            surface: Some(editor.map_or(dotcom, |name| label(strings, name))),
            model: Some(label(strings, model.name.as_deref())),
            feature,
            language: None,
        };
        let users = model.total_engaged_users;
        add_row(&mut rows, SliceRow::new(breakdown, measures, users));
    }
    rows
}

/// The usage API's day total (as given) and its language × editor rows.
fn usage_rows(row: &MetricsDay, strings: &mut Interner) -> (SliceRow, Vec<SliceRow>) {
    let measures = Measures {
        suggestions: row.total_suggestions_count.unwrap_or(0),
        acceptances: row.total_acceptances_count.unwrap_or(0),
        lines_suggested: row.total_lines_suggested.unwrap_or(0),
        lines_accepted: row.total_lines_accepted.unwrap_or(0),
        interactions: row.total_chat_turns.unwrap_or(0),
        comments_engaged: row.total_chat_acceptances.unwrap_or(0),
        ..Measures::default()
    };
    let total = SliceRow::new(Breakdown::default(), measures, None);
    let completion = Some(strings.intern("code_completion"));
    let mut rows = Vec::new();
    for part in &row.breakdown {
        let breakdown = Breakdown {
            surface: Some(label(strings, part.editor.as_deref())),
            language: Some(label(strings, part.language.as_deref())),
            feature: completion,
            model: None,
        };
        let measures = Measures {
            suggestions: part.suggestions_count.unwrap_or(0),
            acceptances: part.acceptances_count.unwrap_or(0),
            lines_suggested: part.lines_suggested.unwrap_or(0),
            lines_accepted: part.lines_accepted.unwrap_or(0),
            ..Measures::default()
        };
        add_row(
            &mut rows,
            SliceRow::new(breakdown, measures, part.active_users),
        );
    }
    (total, rows)
}
