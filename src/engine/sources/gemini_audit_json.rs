//! `gemini.audit_json`: Google Admin SDK Reports API activities of the application
//! `gemini_in_workspace_apps` (`GET …/admin/reports/v1/activity/users/all/applications/
//! gemini_in_workspace_apps`, FORMATS.md §7b), pages saved as returned
//! (`{"kind":"admin#reports#activities","items":[…],"nextPageToken":…}`), concatenated allowed.
//! One item per audit event: `id{time, uniqueQualifier}`, `actor{email, profileId}` and
//! `events[]{name, parameters[]{name, value}}` with `app_name`, `action`, `event_category`.
//!
//! Events whose `event_category` is `active` (or not given) are counted per person and UTC day
//! into one Gemini [`DailyActivity`] (interactions = events), with one breakdown row per app
//! (`gmail`, `docs`…), and per person and UTC hour ([`HourlyUse`](crate::engine::facts::HourlyUse),
//! for the Timing view). `inactive` and `unknown` events are not use and are only counted in a
//! note. The same event (time and unique qualifier) twice counts once. The person is the hashed
//! email, linked to the hashed profile id; the IP address is never read.

use super::json_rows::each_record;
use super::registry::FormatSpec;
use super::{FileError, Parsed};
use crate::engine::date::{parse_timestamp, Day, DaySpan};
use crate::engine::detect::{FormatId, JsonProbe, Probe, RECORD_ARRAY_KEYS};
use crate::engine::facts::{Breakdown, DailyActivity, HourlyTally, IdentityId, Measures, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use crate::engine::intern::Sym;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::GeminiAuditJson,
    name: "gemini.audit_json",
    label: "Google Workspace Gemini audit activities, Reports API (JSON)",
    csv: false,
    signature: &["kind", "id.applicationName", "actor", "events"],
    matches: |probe| matches!(probe, Probe::Json(json) if matches(json)),
    parse: |reader, ctx| parse(reader, ctx.key, ctx.today),
};

const APPLICATION: &str = "gemini_in_workspace_apps";

/// Detection (FORMATS.md §10): items whose `id.applicationName` is `gemini_in_workspace_apps`
/// (in a `kind: admin#reports#activities` page, or saved as a bare array).
pub fn matches(json: &JsonProbe) -> bool {
    json.first_str("id.applicationName") == Some(APPLICATION)
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Item {
    id: ItemId,
    actor: Actor,
    events: Vec<Event>,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct ItemId {
    time: Option<String>,
    unique_qualifier: Option<String>,
    application_name: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Actor {
    email: Option<String>,
    profile_id: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Event {
    parameters: Vec<Parameter>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Parameter {
    name: Option<String>,
    value: Option<String>,
}

impl Event {
    fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters
            .iter()
            .find(|p| p.name.as_deref() == Some(name))
            .and_then(|p| p.value.as_deref())
            .map(str::trim)
    }
}

/// One person-day being counted: active events in all, and per app.
struct PersonDay {
    identity: IdentityId,
    day: Day,
    events: u64,
    apps: Vec<(Sym, u64)>,
    items: u64,
}

pub fn parse(reader: &mut dyn Read, key: &OrgKey, today: Option<Day>) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let mut days: Vec<PersonDay> = Vec::new();
    let mut index: HashMap<(IdentityId, Day), usize> = HashMap::new();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut not_active = 0u64;
    let mut hours = HourlyTally::default();
    let facts = &mut parsed.facts;
    each_record::<Item>(
        reader,
        RECORD_ARRAY_KEYS,
        &mut parsed.diagnostics,
        |item, record, diagnostics| {
            if item
                .id
                .application_name
                .as_deref()
                .is_some_and(|a| a != APPLICATION)
            {
                return diagnostics.skip(
                    record.line,
                    Some("id.applicationName"),
                    "another application's event",
                );
            }
            let time = item.id.time.as_deref().unwrap_or("").trim();
            let Some(at) = parse_timestamp(time) else {
                return diagnostics.skip(
                    record.line,
                    Some("id.time"),
                    format!("expected a timestamp like 2025-03-30T10:00:00.000Z, found \"{time}\""),
                );
            };
            if diagnostics.after_today(record.line, Day::from_unix_seconds(at)) {
                return;
            }
            let email = item.actor.email.as_deref().unwrap_or("");
            let profile = item.actor.profile_id.as_deref().unwrap_or("");
            let email = hasher
                .hash(IdKind::Email, email)
                .map(|p| facts.identities.intern(p, IdKind::Email));
            let profile = hasher
                .hash(IdKind::GoogleProfile, profile)
                .map(|p| facts.identities.intern(p, IdKind::GoogleProfile));
            if let (Some(e), Some(p)) = (email, profile) {
                facts.link(e, p);
            }
            let Some(identity) = email.or(profile) else {
                return diagnostics.skip(
                    record.line,
                    Some("actor.email"),
                    "no email or profileId: the event names nobody",
                );
            };
            let qualifier = item.id.unique_qualifier.clone().unwrap_or_default();
            if !qualifier.is_empty() && !seen.insert((time.to_string(), qualifier)) {
                diagnostics.rows_duplicate += 1;
                return;
            }
            let seconds = at;
            let day = Day::from_unix_seconds(at);
            let at = *index.entry((identity, day)).or_insert_with(|| {
                days.push(PersonDay {
                    identity,
                    day,
                    events: 0,
                    apps: Vec::new(),
                    items: 0,
                });
                days.len() - 1
            });
            let person_day = &mut days[at];
            person_day.items += 1;
            for event in &item.events {
                let category = event.parameter("event_category").unwrap_or("active");
                if !category.eq_ignore_ascii_case("active") {
                    not_active += 1;
                    continue;
                }
                person_day.events += 1;
                hours.add(identity, seconds);
                if let Some(app) = event.parameter("app_name").filter(|a| !a.is_empty()) {
                    let app = facts.strings.intern(app);
                    match person_day.apps.iter_mut().find(|(a, _)| *a == app) {
                        Some((_, n)) => *n += 1,
                        None => person_day.apps.push((app, 1)),
                    }
                }
            }
        },
    )?;
    for person_day in days {
        let row = |breakdown: Breakdown, events: u64| DailyActivity {
            identity: person_day.identity,
            tool: Tool::Gemini,
            day: person_day.day,
            breakdown,
            active: events > 0,
            measures: Measures {
                interactions: events,
                ..Measures::default()
            },
        };
        let d = &mut parsed.diagnostics;
        if !parsed
            .facts
            .push_daily(row(Breakdown::default(), person_day.events))
        {
            d.rows_duplicate += person_day.items;
            continue;
        }
        d.rows_accepted += person_day.items;
        d.cover(DaySpan::new(person_day.day, person_day.day));
        for (app, events) in &person_day.apps {
            let breakdown = Breakdown {
                surface: Some(*app),
                ..Breakdown::default()
            };
            parsed.facts.push_daily(row(breakdown, *events));
        }
    }
    for row in hours.rows(Tool::Gemini) {
        parsed.facts.push_hourly(row);
    }
    let d = &mut parsed.diagnostics;
    if not_active > 0 {
        d.note(format!(
            "{not_active} event{} marked inactive or unknown (event_category) {} not counted as use.",
            if not_active == 1 { "" } else { "s" },
            if not_active == 1 { "was" } else { "were" },
        ));
    }
    Ok(parsed)
}
