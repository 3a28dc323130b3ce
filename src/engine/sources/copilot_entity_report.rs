//! `copilot.entity_report_json`: GitHub Copilot usage metrics **organisation or enterprise**
//! reports, 1-day and 28-day (FORMATS.md §3b): day records as NDJSON or an array, or one
//! object wrapping them in `day_totals[]` (its small keys arrive as the record's envelope).
//!
//! Each day gives an [`OrgDaily`] of kind `usage` (active-user gauges and the same counters
//! as user records), one breakdown row per `totals_by_*` element and a `cli` surface row, and,
//! when the day has a `pull_requests` block, an `OrgDaily` of kind `pull_requests`:
//! `pull_requests` = `total_created`, `reviews` = `total_reviewed`, and a breakdown row with
//! feature `by_copilot` holding `total_created_by_copilot` and `total_reviewed_by_copilot`.
//! Merge times and review-suggestion counts are not kept. The scope is the organisation (or,
//! failing that, the enterprise) id, as a label like `org 100000001`.

use super::copilot_common::{gauge, id_text, required_day, Activity, RowError};
use super::json_rows::{each_raw_record, json_reason};
use super::records::Record;
use super::registry::FormatSpec;
use super::{FileError, Parsed};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, JsonProbe, Probe, RECORD_ARRAY_KEYS};
use crate::engine::facts::{Breakdown, Facts, Measures, OrgDaily, Tool};
use crate::engine::intern::Sym;
use serde::Deserialize;
use serde_json::Value;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CopilotEntityReportJson,
    name: "copilot.entity_report_json",
    label: "GitHub Copilot usage metrics, organisation or enterprise (JSON)",
    csv: false,
    signature: &["day", "daily_active_users", "weekly_active_users"],
    matches: |probe| matches!(probe, Probe::Json(json) if matches(json)),
    parse: |reader, ctx| parse(reader, ctx.today),
};

/// Detection (FORMATS.md §10): a day record with an active-user gauge and no `user_login`.
pub fn matches(json: &JsonProbe) -> bool {
    let gauge = [
        "daily_active_users",
        "weekly_active_users",
        "monthly_active_users",
    ]
    .iter()
    .any(|key| json.first_has(&[key]));
    json.first_has(&["day"]) && gauge && !json.first_has(&["user_login"])
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct EntityDay<'a> {
    day: Option<String>,
    organization_id: Value,
    enterprise_id: Value,
    daily_active_users: Option<u64>,
    weekly_active_users: Option<u64>,
    monthly_active_users: Option<u64>,
    pull_requests: Option<PullRequests>,
    #[serde(flatten, borrow)]
    activity: Activity<'a>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct PullRequests {
    total_created: Option<u64>,
    total_reviewed: Option<u64>,
    total_created_by_copilot: Option<u64>,
    total_reviewed_by_copilot: Option<u64>,
}

/// The note for days whose file names neither an organisation nor an enterprise.
pub const NO_SCOPE_NOTE: &str = "Some days name neither an organisation_id nor an enterprise_id: they are kept without a scope.";

/// Parses an entity report (several files concatenated are fine). Identifiers of people do
/// not occur in it, so no key is needed.
pub fn parse(reader: &mut dyn Read, today: Option<Day>) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let facts = &mut parsed.facts;
    let mut unscoped = false;
    each_raw_record(
        reader,
        RECORD_ARRAY_KEYS,
        &mut parsed.diagnostics,
        |record, diagnostics| {
            let row = match serde_json::from_slice::<EntityDay<'_>>(record.bytes) {
                Ok(row) => row,
                Err(error) => return diagnostics.skip(record.line, None, json_reason(&error)),
            };
            let day = required_day(row.day.as_deref(), "day").ok();
            if day.is_some_and(|day| diagnostics.after_today(record.line, day)) {
                return;
            }
            let scope = scope(&row, record, facts);
            match read_day(row, scope, facts) {
                Ok(Some(day)) => {
                    unscoped |= scope.is_none();
                    diagnostics.rows_accepted += 1;
                    diagnostics.cover(DaySpan::new(day, day));
                }
                Ok(None) => diagnostics.rows_duplicate += 1,
                Err((column, reason)) => diagnostics.skip(record.line, Some(column), reason),
            }
        },
    )?;
    if unscoped {
        parsed.diagnostics.note(NO_SCOPE_NOTE);
    }
    Ok(parsed)
}

/// `org <id>` from the day or its wrapper, else `enterprise <id>`.
fn scope(row: &EntityDay<'_>, record: &Record<'_>, facts: &mut Facts) -> Option<Sym> {
    let id = |own: &Value, key: &str| {
        id_text(own).or_else(|| {
            let (_, raw) = record.envelope.iter().find(|(k, _)| k == key)?;
            id_text(&serde_json::from_slice(raw).ok()?)
        })
    };
    let label = match id(&row.organization_id, "organization_id") {
        Some(org) => format!("org {org}"),
        None => format!("enterprise {}", id(&row.enterprise_id, "enterprise_id")?),
    };
    Some(facts.strings.intern(&label))
}

/// The day's rows; `Ok(None)` when that day and scope were already loaded.
fn read_day(
    row: EntityDay<'_>,
    scope: Option<Sym>,
    facts: &mut Facts,
) -> Result<Option<Day>, RowError> {
    let day = required_day(row.day.as_deref(), "day")?;
    let usage = facts.strings.intern("usage");
    let org_daily = |kind, breakdown, measures, daily_active| OrgDaily {
        tool: Tool::Copilot,
        day,
        scope,
        kind,
        breakdown,
        measures,
        daily_active,
        weekly_active: None,
        monthly_active: None,
        engaged: None,
    };
    let total = OrgDaily {
        weekly_active: gauge(row.weekly_active_users),
        monthly_active: gauge(row.monthly_active_users),
        ..org_daily(
            usage,
            Breakdown::default(),
            row.activity.total_measures(),
            gauge(row.daily_active_users),
        )
    };
    if !facts.push_org_daily(total) {
        return Ok(None);
    }
    for slice in row.activity.breakdown_rows(&mut facts.strings) {
        facts.push_org_daily(org_daily(
            usage,
            slice.breakdown,
            slice.measures,
            slice.users,
        ));
    }
    if let Some(prs) = row.pull_requests {
        let kind = facts.strings.intern("pull_requests");
        let counts = |created: Option<u64>, reviewed: Option<u64>| Measures {
            pull_requests: created.unwrap_or(0),
            reviews: reviewed.unwrap_or(0),
            ..Measures::default()
        };
        let total = counts(prs.total_created, prs.total_reviewed);
        facts.push_org_daily(org_daily(kind, Breakdown::default(), total, None));
        if prs.total_created_by_copilot.is_some() || prs.total_reviewed_by_copilot.is_some() {
            let by_copilot = Breakdown {
                feature: Some(facts.strings.intern("by_copilot")),
                ..Breakdown::default()
            };
            let measures = counts(prs.total_created_by_copilot, prs.total_reviewed_by_copilot);
            facts.push_org_daily(org_daily(kind, by_copilot, measures, None));
        }
    }
    Ok(Some(day))
}
