//! `copilot.usage_ndjson`: GitHub Copilot usage metrics **user** reports, 1-day and 28-day
//! (FORMATS.md §3b): one record per (user, day) as NDJSON, a JSON array or a single object.
//! Each record gives a person-day total [`DailyActivity`] plus one breakdown row per element
//! of its `totals_by_*` arrays and a `cli` surface row from `totals_by_cli`.
//! What it shares with the other Copilot report parsers is in `copilot_common`.

use super::json_rows::{each_raw_record, json_reason, JsonStr};
use super::registry::FormatSpec;
use super::{FileError, Parsed};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, JsonProbe, Probe, RECORD_ARRAY_KEYS};
use crate::engine::facts::{Breakdown, DailyActivity, Facts, Measures, Tool};
use crate::engine::identity::{OrgKey, Pseudonymiser};
use serde::Deserialize;
use serde_json::Value;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CopilotUsageNdjson,
    name: "copilot.usage_ndjson",
    label: "GitHub Copilot usage metrics, users (NDJSON)",
    csv: false,
    signature: &["user_login", "day", "user_initiated_interaction_count"],
    matches: |probe| matches!(probe, Probe::Json(json) if matches(json)),
    parse: |reader, ctx| parse(reader, ctx.key, ctx.today),
};

/// Detection (FORMATS.md §10): `user_login` + `day` + an activity counter, and no `team_id`
/// (user-teams lines have one).
pub fn matches(json: &JsonProbe) -> bool {
    json.first_has(&["user_login", "day"])
        && (json.first_has(&["user_initiated_interaction_count"])
            || json.first_has(&["code_generation_activity_count"]))
        && !json.first_has(&["team_id"])
}

/// One user-day record. Partition keys (`etl_id`, `day_partition`…) are ignored like any
/// other unknown key.
#[derive(Default, Deserialize)]
#[serde(default)]
struct UserRecord<'a> {
    #[serde(borrow)]
    day: Option<JsonStr<'a>>,
    #[serde(borrow)]
    user_login: Option<JsonStr<'a>>,
    user_id: Value,
    #[serde(borrow)]
    report_start_day: Option<JsonStr<'a>>,
    #[serde(borrow)]
    report_end_day: Option<JsonStr<'a>>,
    used_chat: Option<bool>,
    used_agent: Option<bool>,
    used_cli: Option<bool>,
    used_copilot_code_review_active: Option<bool>,
    used_copilot_coding_agent: Option<bool>,
    used_copilot_cloud_agent: Option<bool>,
}

impl UserRecord<'_> {
    /// `used_copilot_code_review_passive` (a review the person did not ask for) is not use.
    fn used_flags(&self) -> u8 {
        let on = |flag: Option<bool>, bit: u8| if flag == Some(true) { bit } else { 0 };
        on(self.used_chat, Measures::USED_CHAT)
            | on(self.used_agent, Measures::USED_AGENT)
            | on(self.used_cli, Measures::USED_CLI)
            | on(
                self.used_copilot_code_review_active,
                Measures::USED_CODE_REVIEW,
            )
            | on(self.used_copilot_coding_agent, Measures::USED_CODING_AGENT)
            | on(self.used_copilot_cloud_agent, Measures::USED_CODING_AGENT)
    }
}

/// Parses a users-1-day or users-28-day report (several files concatenated are fine). 28-day
/// files repeat the report's period on every line; coverage is the span of the days that have
/// rows, and the user is told when the two differ (`Tallies::report`).
pub fn parse(reader: &mut dyn Read, key: &OrgKey, today: Option<Day>) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let facts = &mut parsed.facts;
    each_raw_record(
        reader,
        RECORD_ARRAY_KEYS,
        &mut parsed.diagnostics,
        |record, diagnostics| {
            // Strings borrow from the record's bytes (copied only when they hold escapes).
            let row = match serde_json::from_slice::<UserRecord<'_>>(record.bytes) {
                Ok(row) => row,
                Err(error) => return diagnostics.skip(record.line, None, json_reason(&error)),
            };
            // The counters and breakdowns are read in a second pass over the record's bytes:
            // two direct passes cost less than one through `#[serde(flatten)]`.
            let activity = match serde_json::from_slice::<Activity>(record.bytes) {
                Ok(activity) => activity,
                Err(error) => return diagnostics.skip(record.line, None, json_reason(&error)),
            };
            let start = row.report_start_day.as_deref().and_then(Day::parse);
            let end = row.report_end_day.as_deref().and_then(Day::parse);
            if let (Some(start), Some(end)) = (start, end) {
                diagnostics.tallies.report(DaySpan::new(start, end));
            }
            let day = required_day(row.day.as_deref(), "day").ok();
            if day.is_some_and(|day| diagnostics.after_today(record.line, day)) {
                return;
            }
            match read_user(&row, &activity, facts, &mut hasher) {
                Ok(Some(day)) => {
                    diagnostics.rows_accepted += 1;
                    diagnostics.cover(DaySpan::new(day, day));
                }
                Ok(None) => diagnostics.rows_duplicate += 1,
                Err((column, reason)) => diagnostics.skip(record.line, Some(column), reason),
            }
        },
    )?;
    Ok(parsed)
}

/// The person-day total and its breakdown rows; `Ok(None)` when that person-day was loaded.
fn read_user(
    row: &UserRecord<'_>,
    activity: &Activity<'_>,
    facts: &mut Facts,
    hasher: &mut Pseudonymiser<'_>,
) -> Result<Option<Day>, RowError> {
    let day = required_day(row.day.as_deref(), "day")?;
    let identity = github_identity(
        facts,
        hasher,
        row.user_login.as_deref(),
        id_text(&row.user_id).as_deref(),
    )
    .ok_or((
        "user_login",
        "no user_login or user_id: the record names nobody".to_string(),
    ))?;
    let mut measures = activity.total_measures();
    measures.used = row.used_flags();
    let daily = |breakdown, measures: Measures| DailyActivity {
        identity,
        tool: Tool::Copilot,
        day,
        breakdown,
        active: measures.any_activity(),
        measures,
    };
    if !facts.push_daily(daily(Breakdown::default(), measures)) {
        return Ok(None);
    }
    for slice in activity.breakdown_rows(&mut facts.strings) {
        facts.push_daily(daily(slice.breakdown, slice.measures));
    }
    Ok(Some(day))
}

use super::copilot_common::*;
