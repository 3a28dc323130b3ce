//! `copilot.user_teams_ndjson`: the GitHub Copilot **user-teams** report (FORMATS.md §3b),
//! one NDJSON line per (user, team, day): `{user_id, user_login, day, organization_id |
//! enterprise_id, team_id, slug}`. Each line is a [`TeamMembership`]; the team is its slug
//! (or `team <team_id>` when the slug is missing).

use super::copilot_common::{github_identity, id_text, required_day, RowError};
use super::json_rows::each_record;
use super::registry::FormatSpec;
use super::{FileError, Parsed};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, JsonProbe, Probe, RECORD_ARRAY_KEYS};
use crate::engine::facts::{Facts, TeamMembership};
use crate::engine::identity::{OrgKey, Pseudonymiser};
use serde::Deserialize;
use serde_json::Value;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CopilotUserTeamsNdjson,
    name: "copilot.user_teams_ndjson",
    label: "GitHub Copilot user-teams report (NDJSON)",
    csv: false,
    signature: &["user_login", "day", "team_id", "slug"],
    matches: |probe| matches!(probe, Probe::Json(json) if matches(json)),
    parse: |reader, ctx| parse(reader, ctx.key, ctx.today),
};

/// What the user is told about every user-teams file.
pub const SMALL_TEAMS_NOTE: &str =
    "GitHub leaves out teams with fewer than 5 seated users: people in smaller teams have no team here.";
pub const JOIN_NOTE: &str = "Team membership is a daily snapshot: it joins to the 1-day user usage records of the same day, never to a 28-day report.";

/// Detection (FORMATS.md §10): user-teams lines have `team_id` + `slug` + `user_login`.
pub fn matches(json: &JsonProbe) -> bool {
    json.first_has(&["user_login", "team_id"])
        && (json.first_has(&["slug"]) || json.first_has(&["day"]))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct TeamRow {
    day: Option<String>,
    user_login: Option<String>,
    user_id: Value,
    team_id: Value,
    slug: Option<String>,
}

/// Parses a user-teams report (several files concatenated are fine).
pub fn parse(reader: &mut dyn Read, key: &OrgKey, today: Option<Day>) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let facts = &mut parsed.facts;
    each_record::<TeamRow>(
        reader,
        RECORD_ARRAY_KEYS,
        &mut parsed.diagnostics,
        |row, record, diagnostics| {
            let day = required_day(row.day.as_deref(), "day").ok();
            if day.is_some_and(|day| diagnostics.after_today(record.line, day)) {
                return;
            }
            match read_membership(&row, facts, &mut hasher) {
                Ok(Some(day)) => {
                    diagnostics.rows_accepted += 1;
                    diagnostics.cover(DaySpan::new(day, day));
                }
                Ok(None) => diagnostics.rows_duplicate += 1,
                Err((column, reason)) => diagnostics.skip(record.line, Some(column), reason),
            }
        },
    )?;
    parsed.diagnostics.note(SMALL_TEAMS_NOTE);
    parsed.diagnostics.note(JOIN_NOTE);
    Ok(parsed)
}

/// One membership; `Ok(None)` when the same person, day and team was already loaded.
fn read_membership(
    row: &TeamRow,
    facts: &mut Facts,
    hasher: &mut Pseudonymiser<'_>,
) -> Result<Option<Day>, RowError> {
    let day = required_day(row.day.as_deref(), "day")?;
    let slug = row.slug.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let team = match (slug, id_text(&row.team_id)) {
        (Some(slug), _) => slug.to_string(),
        (None, Some(id)) => format!("team {id}"),
        (None, None) => {
            return Err((
                "slug",
                "no slug or team_id: the record names no team".into(),
            ))
        }
    };
    let login = row.user_login.as_deref();
    let identity =
        github_identity(facts, hasher, login, id_text(&row.user_id).as_deref()).ok_or((
            "user_login",
            "no user_login or user_id: the record names nobody".to_string(),
        ))?;
    let team = facts.strings.intern(&team);
    let added = facts.push_team(TeamMembership {
        identity,
        day,
        team,
    });
    Ok(added.then_some(day))
}
