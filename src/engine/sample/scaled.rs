//! Large native-format files for benchmarks: the sample organisation's departments, names,
//! titles, models and phrases, scaled to any number of people and weeks.
//!
//! Unlike [`super::sample_organisation`] (412 hand-shaped people whose files agree with each
//! other figure by figure), this generator aims at volume with a plausible shape: people are
//! spread over the sample's departments in proportion to their size, each with a weekly habit
//! that grows over the weeks, and every file is written row by row into any `Write`, so a
//! file of gigabytes never sits in memory. Same seed and [`Scale`], same bytes (no clock, no
//! hash-map iteration).
//!
//! - [`users_csv`]: the ChatGPT Users export, one weekly row per member from their invitation on;
//! - [`hris_csv`]: the Workday-style roster of the same people (with GitHub logins);
//! - [`compliance_jsonl`]: Compliance Logs events over the last 4 weeks, in time order;
//! - [`copilot_ndjson`]: the Copilot users usage report, one line per user-day.

use std::io::{self, Write};

use super::compliance_json::{auth_line, codex_line, message_line, CodexPrompt};
use super::compliance_json::{Conversation, Envelope, Message};
use super::copilot_profile::{FEATURES, IDES, MODELS as COPILOT_MODELS};
use super::date::{days_from_civil, weekday, ymd, SNAPSHOT};
use super::hris::HRIS_HEADER;
use super::json::{iso_micros, uuid, Obj};
use super::org::{ADVANCED_MODELS, DEPTS, DOMAIN, FIRST_NAMES, LAST_NAMES, LOCATIONS};
use super::org::{ENGINEERING, STANDARD_MODELS, TOOLS};
use super::phrases::TOPICS;
use super::rng::{Rng, ALNUM, HEX};
use super::text::{codex_prompt, prompt, reply};
use super::usage::py_dict;
use super::users_csv::USERS_HEADER;

/// How much to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub seed: u64,
    pub people: usize,
    /// Weekly periods in the Users export (ending on the sample's snapshot day).
    pub weeks: usize,
    /// Events in the compliance log (about 1 KB each).
    pub compliance_events: u64,
    /// Days covered by the Copilot usage report (ending on the snapshot day).
    pub copilot_days: usize,
}

impl Scale {
    /// `people` × `weeks`, with a compliance log of 12 events per person and a 14-day
    /// Copilot report (20 000 × 52 gives files of roughly 250 MB each).
    pub fn new(people: usize, weeks: usize) -> Scale {
        Scale {
            seed: super::SAMPLE_SEED,
            people,
            weeks,
            compliance_events: people as u64 * 12,
            copilot_days: 14,
        }
    }
}

/// One generated person.
struct Member {
    employee_id: String,
    name: String,
    email: String,
    public_id: String,
    github: Option<String>,
    dept: usize,
    team: usize,
    manager: Option<usize>,
    title: &'static str,
    location: &'static str,
    hire_day: i64,
    /// First week (0-based) with a seat.
    invited_week: usize,
    /// Probability of being active in a week once fully adopted.
    habit: f64,
}

/// The roster, in index order; managers are earlier members of the same department.
fn members(scale: &Scale) -> Vec<Member> {
    let mut rng = Rng::new(scale.seed, 101);
    let weights: Vec<f64> = DEPTS.iter().map(|d| d.size as f64).collect();
    let mut heads: Vec<Option<usize>> = vec![None; DEPTS.len()];
    let mut out = Vec::with_capacity(scale.people);
    for i in 0..scale.people {
        let dept = rng.weighted(&weights);
        let d = &DEPTS[dept];
        let team = rng.weighted(d.team_weights);
        let manager = heads[dept];
        if manager.is_none() {
            heads[dept] = Some(i);
        }
        let first = rng.pick(FIRST_NAMES).copied().unwrap_or("Alex");
        let last = rng.pick(LAST_NAMES).copied().unwrap_or("Doe");
        let local = format!("{first}.{last}{i}").replace(' ', "").to_lowercase();
        // A few emails as people type them: capitalised, or with a stray space.
        let email = match rng.index(100) {
            0 => format!("{first}.{last}{i}@{DOMAIN}").replace(' ', ""),
            1 => format!(" {local}@{DOMAIN}"),
            _ => format!("{local}@{DOMAIN}"),
        };
        let github = (dept == ENGINEERING || rng.chance(0.08))
            .then(|| format!("{}-{}", local.replace('.', "-"), rng.string_of(HEX, 3)));
        let invited_week = if rng.chance(0.6) {
            0
        } else {
            rng.index(scale.weeks.max(1))
        };
        out.push(Member {
            employee_id: format!("E{}", 100_000 + i),
            name: format!("{first} {last}"),
            email,
            public_id: format!("user-{}", rng.string_of(ALNUM, 24)),
            github,
            dept,
            team,
            manager,
            title: if manager.is_none() {
                d.head_title
            } else {
                rng.pick(d.ic_titles).copied().unwrap_or("Specialist")
            },
            location: rng.pick(LOCATIONS).copied().unwrap_or("Remote"),
            hire_day: days_from_civil(2015, 1, 5) + rng.range(0, 4000),
            invited_week,
            habit: (0.35 + d.habit + rng.between(-0.2, 0.4)).clamp(0.05, 0.95),
        });
    }
    out
}

/// First day (a Sunday) of weekly period `week` of `weeks` ending on the snapshot day.
fn week_start(scale: &Scale, week: usize) -> i64 {
    SNAPSHOT - 7 * (scale.weeks as i64 - week as i64) + 1
}

/// Writes a CSV row; fields are quoted only when they need it.
fn csv_row(out: &mut impl Write, fields: &[&str]) -> io::Result<()> {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        if field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') {
            out.write_all(b"\"")?;
            out.write_all(field.replace('"', "\"\"").as_bytes())?;
            out.write_all(b"\"")?;
        } else {
            out.write_all(field.as_bytes())?;
        }
    }
    out.write_all(b"\n")
}

/// The ChatGPT Users export: one weekly row per member from their invitation week on.
/// Returns the number of data rows.
pub fn users_csv(scale: &Scale, out: &mut impl Write) -> io::Result<u64> {
    let people = members(scale);
    let mut rng = Rng::new(scale.seed, 102);
    let account_id = rng.string_of(HEX, 32);
    csv_row(out, &USERS_HEADER)?;
    let mut last_active: Vec<Option<i64>> = vec![None; people.len()];
    let mut rows = 0;
    for week in 0..scale.weeks {
        let start = week_start(scale, week);
        let (period_start, period_end) = (ymd(start), ymd(start + 6));
        // Adoption grows over the weeks: from 40 % of each member's habit to all of it.
        let ramp = 0.4 + 0.6 * week as f64 / scale.weeks.max(2).saturating_sub(1) as f64;
        for (i, m) in people.iter().enumerate() {
            if week < m.invited_week {
                continue;
            }
            let invited = ymd(week_start(scale, m.invited_week) - rng.range(0, 6));
            let department = format!("[\"{}\"]", DEPTS[m.dept].name);
            let active = rng.chance(m.habit * ramp);
            let mut fields: Vec<String> = Vec::with_capacity(USERS_HEADER.len());
            let fixed = [
                "Weekly",
                &period_start,
                &period_end,
                &account_id,
                &m.public_id,
                &m.name,
                &m.email,
                "",
                "standard-user",
                &department,
                "",
                "enabled",
                &invited,
            ];
            fields.extend(fixed.iter().map(|f| f.to_string()));
            if active {
                let first = start + rng.range(0, 4);
                let last = (first + rng.range(0, 3)).min(start + 6);
                last_active[i] = Some(last);
                let messages = 3 + rng.range(0, (80.0 * DEPTS[m.dept].intensity) as i64) as u32;
                let advanced = (messages as f64 * (0.15 + 0.25 * ramp * m.habit)) as u32;
                let standard = messages - advanced;
                let s = rng.index(STANDARD_MODELS.len());
                let a = rng.index(ADVANCED_MODELS.len());
                let models = py_dict([
                    (STANDARD_MODELS[s], standard),
                    (ADVANCED_MODELS[a], advanced),
                ]);
                let gpt = rng.range(0, messages as i64 / 4) as u32;
                let tool = rng.range(0, messages as i64 / 3) as u32;
                let tools = py_dict([(TOOLS[rng.index(TOOLS.len())], tool)]);
                fields.extend([
                    "1".to_string(),
                    ymd(first),
                    ymd(last),
                    messages.to_string(),
                    String::new(),
                    models,
                    gpt.to_string(),
                    u32::from(gpt > 0).to_string(),
                    if gpt > 0 {
                        format!("{{'g-{}': {gpt}}}", rng.string_of(ALNUM, 9))
                    } else {
                        String::new()
                    },
                    tool.to_string(),
                    u32::from(tool > 0).to_string(),
                    if tool > 0 { tools } else { String::new() },
                    "0".into(),
                    "0".into(),
                    String::new(),
                    "0".into(),
                ]);
            } else {
                let idle = [
                    "0", "", "", "0", "", "", "0", "0", "", "0", "0", "", "0", "0", "", "0",
                ];
                fields.extend(idle.iter().map(|f| f.to_string()));
            }
            fields.push(last_active[i].map(ymd).unwrap_or_default());
            let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
            csv_row(out, &refs)?;
            rows += 1;
        }
    }
    Ok(rows)
}

/// The HRIS roster of the same people. Returns the number of data rows.
pub fn hris_csv(scale: &Scale, out: &mut impl Write) -> io::Result<u64> {
    let people = members(scale);
    csv_row(out, &HRIS_HEADER)?;
    for m in &people {
        let d = &DEPTS[m.dept];
        let manager = m.manager.and_then(|i| people.get(i));
        let hire = ymd(m.hire_day);
        let cost_centre = format!("CC-{}-{}", d.code, 100 + 10 * m.team);
        csv_row(
            out,
            &[
                &m.employee_id,
                &m.name,
                m.email.trim(),
                m.github.as_deref().unwrap_or(""),
                d.name,
                d.teams.get(m.team).copied().unwrap_or(""),
                manager.map_or("", |p| p.employee_id.as_str()),
                m.title,
                m.location,
                &hire,
                "",
                &cost_centre,
                "Active",
            ],
        )?;
    }
    Ok(people.len() as u64)
}

/// Compliance Logs events spread evenly over the last 4 weeks, in time order: user and
/// assistant messages in conversations (one per member and day), Codex prompts and logins.
/// Returns the number of events.
pub fn compliance_jsonl(scale: &Scale, out: &mut impl Write) -> io::Result<u64> {
    let people = members(scale);
    if people.is_empty() {
        return Ok(0);
    }
    let mut rng = Rng::new(scale.seed, 103);
    let workspace = uuid(&mut rng);
    let first_second = (SNAPSHOT - 27) * 86_400;
    let span_micros = 28 * 86_400 * 1_000_000i64;
    let n = scale.compliance_events.max(1);
    for k in 0..scale.compliance_events {
        let micros =
            first_second * 1_000_000 + (span_micros as u128 * k as u128 / n as u128) as i64;
        let day = micros.div_euclid(86_400_000_000);
        let index = rng.index(people.len());
        let m = &people[index];
        // One Codex session and one conversation per member and day, with stable ids.
        let mut daily = Rng::new(scale.seed ^ index as u64, day as u64);
        let env = Envelope {
            workspace: &workspace,
            user_id: &m.public_id,
            email: &m.email,
        };
        let line = match rng.index(100) {
            0..=1 => auth_line(&mut rng, &env, micros),
            2..=9 => {
                let session = uuid(&mut daily);
                let prompt = CodexPrompt {
                    micros,
                    client: "codex_cli_rs",
                    session: &session,
                    text: codex_prompt(&mut rng),
                    status: "completed",
                    model: "gpt-5-codex",
                    effort: "medium",
                    tokens: [
                        rng.range(2_000, 90_000),
                        rng.range(100, 4_000),
                        rng.range(0, 2_000),
                        rng.range(0, 800),
                    ],
                };
                codex_line(&mut rng, &env, &prompt)
            }
            roll => {
                let topics = TOPICS[m.dept % TOPICS.len()];
                let topic = topics[rng.index(topics.len())];
                let conv = Conversation {
                    id: uuid(&mut daily),
                    title: topic.0,
                    created: iso_micros(day * 86_400_000_000),
                    pinned: false,
                    temporary: false,
                    gpt: None,
                    project: None,
                };
                let assistant = roll >= 55;
                let opens = rng.chance(0.3);
                let message = Message {
                    id: uuid(&mut rng),
                    parent: None,
                    micros,
                    assistant,
                    client_type: "web",
                    model: assistant.then(|| STANDARD_MODELS[rng.index(STANDARD_MODELS.len())]),
                    tools: Vec::new(),
                    text: if assistant {
                        reply(&mut rng)
                    } else {
                        prompt(&mut rng, &topic, opens)
                    },
                    file: None,
                };
                message_line(&mut rng, &env, &conv, &message)
            }
        };
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(scale.compliance_events)
}

/// The Copilot users usage report: one line per GitHub user and active day of the last
/// `copilot_days` days, ordered by day then user. Returns the number of lines.
pub fn copilot_ndjson(scale: &Scale, out: &mut impl Write) -> io::Result<u64> {
    let people = members(scale);
    let mut rng = Rng::new(scale.seed, 104);
    let first = SNAPSHOT - scale.copilot_days as i64 + 1;
    let (report_start, report_end) = (ymd(first), ymd(SNAPSHOT));
    let mut lines = 0;
    let mut line = String::with_capacity(4096);
    for day in first..=SNAPSHOT {
        let weekend = matches!(weekday(day), 0 | 6);
        let day_text = ymd(day);
        for (i, m) in people.iter().enumerate() {
            let Some(login) = &m.github else { continue };
            if !rng.chance(if weekend { 0.08 } else { 0.7 }) {
                continue;
            }
            line.clear();
            copilot_line(
                &mut rng,
                &mut line,
                (&report_start, &report_end, &day_text),
                i,
                login,
            );
            line.push('\n');
            out.write_all(line.as_bytes())?;
            lines += 1;
        }
    }
    Ok(lines)
}

/// Interactions, generations, acceptances, LoC suggested to add / delete, added, deleted.
type Counts = [i64; 7];

const COUNT_KEYS: [&str; 7] = [
    "user_initiated_interaction_count",
    "code_generation_activity_count",
    "code_acceptance_activity_count",
    "loc_suggested_to_add_sum",
    "loc_suggested_to_delete_sum",
    "loc_added_sum",
    "loc_deleted_sum",
];

fn counts<'b>(mut o: Obj<'b>, c: &Counts) -> Obj<'b> {
    for (key, value) in COUNT_KEYS.iter().zip(c) {
        o = o.int(key, *value);
    }
    o
}

fn copilot_line(
    rng: &mut Rng,
    out: &mut String,
    (start, end, day): (&str, &str, &str),
    user: usize,
    login: &str,
) {
    const LANGUAGES: [&str; 6] = ["python", "typescript", "go", "rust", "java", "sql"];
    let features: Vec<usize> = (0..FEATURES.len() - 1)
        .filter(|_| rng.chance(0.45))
        .collect();
    let features = if features.is_empty() {
        vec![0]
    } else {
        features
    };
    let mut per_feature: Vec<(usize, usize, &str, Counts)> = Vec::new();
    for &f in &features {
        let generated = rng.range(1, 120);
        let accepted = generated * rng.range(2, 9) / 10;
        let c = [
            if f == 0 { 0 } else { rng.range(1, 30) },
            generated,
            accepted,
            generated * rng.range(1, 6),
            generated * rng.range(0, 2),
            accepted * rng.range(1, 6),
            accepted * rng.range(0, 2),
        ];
        let model = if f == 0 {
            3
        } else {
            rng.index(COPILOT_MODELS.len())
        };
        per_feature.push((f, model, LANGUAGES[rng.index(LANGUAGES.len())], c));
    }
    let mut total: Counts = [0; 7];
    for (_, _, _, c) in &per_feature {
        for k in 0..7 {
            total[k] += c[k];
        }
    }
    let ide = IDES[user % IDES.len()];
    let cli = rng.chance(0.15);
    let o = Obj::open(out)
        .str("report_start_day", start)
        .str("report_end_day", end)
        .str("day", day)
        .str("organization_id", "104877213")
        .str("enterprise_id", "21894")
        .int("user_id", 5_000_000 + user as i64)
        .str("user_login", login);
    let o = counts(o, &total)
        .bool("used_agent", features.contains(&2))
        .bool("used_chat", features.iter().any(|f| (1..=4).contains(f)))
        .bool("used_cli", cli)
        .bool("used_copilot_code_review_active", rng.chance(0.05))
        .bool("used_copilot_code_review_passive", rng.chance(0.1))
        .bool("used_copilot_coding_agent", false)
        .arr("totals_by_ide", &[total], |o, c| {
            counts(o.str("ide", ide.0), c)
                .obj("last_known_ide_version", |x| {
                    x.str("ide_version", ide.2[0])
                        .str("sampled_at", "2026-11-14T17:02:11.000Z")
                })
                .obj("last_known_plugin_version", |x| {
                    x.str("plugin", ide.3)
                        .str("plugin_version", ide.4[0])
                        .str("sampled_at", "2026-11-14T17:02:11.000Z")
                })
        })
        .arr("totals_by_feature", &per_feature, |o, (f, _, _, c)| {
            counts(o.str("feature", FEATURES[*f]), c)
        })
        .arr(
            "totals_by_language_feature",
            &per_feature,
            |o, (f, _, l, c)| counts(o.str("language", l).str("feature", FEATURES[*f]), c),
        )
        .arr(
            "totals_by_language_model",
            &per_feature,
            |o, (_, m, l, c)| counts(o.str("language", l).str("model", COPILOT_MODELS[*m].0), c),
        )
        .arr(
            "totals_by_model_feature",
            &per_feature,
            |o, (f, m, _, c)| {
                counts(
                    o.str("model", COPILOT_MODELS[*m].0)
                        .str("feature", FEATURES[*f]),
                    c,
                )
            },
        );
    let o = if cli {
        let (sessions, requests) = (rng.range(1, 4), rng.range(3, 40));
        o.obj("totals_by_cli", |c| {
            c.int("session_count", sessions)
                .int("request_count", requests)
                .int("prompt_count", requests / 2 + 1)
                .obj("token_usage", |t| {
                    t.int("output_tokens_sum", requests * 900)
                        .int("prompt_tokens_sum", requests * 40_000)
                })
        })
    } else {
        o
    };
    o.dec("ai_credits_used", rng.range(0, 500), 2).close();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::detect::FormatId;
    use crate::engine::identity::OrgKey;
    use crate::engine::ingest::{ingest, IngestOptions};

    fn small() -> Scale {
        Scale {
            compliance_events: 600,
            copilot_days: 7,
            ..Scale::new(80, 6)
        }
    }

    type Writer = fn(&Scale, &mut Vec<u8>) -> io::Result<u64>;

    const FILES: [(Writer, FormatId); 4] = [
        (users_csv, FormatId::ChatgptUsersCsv),
        (hris_csv, FormatId::Hris),
        (compliance_jsonl, FormatId::ChatgptComplianceLogsJsonl),
        (copilot_ndjson, FormatId::CopilotUsageNdjson),
    ];

    #[test]
    fn same_scale_same_bytes_and_every_row_parses() {
        let key = OrgKey::from_bytes([3; 32]);
        let options = IngestOptions::new(&key);
        for (write, format) in FILES {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let rows = write(&small(), &mut a).expect("write to memory");
            write(&small(), &mut b).expect("write to memory");
            assert_eq!(a, b, "{format:?} is not deterministic");
            assert!(rows > 10, "{format:?}: only {rows} rows");
            let ingested = ingest(&a[..], &options).expect("parses");
            let d = &ingested.parsed.diagnostics;
            assert_eq!(ingested.format, format);
            assert_eq!(d.rows_skipped, 0, "{format:?}: {:?}", d.skipped);
            assert!(d.rows_accepted > 0 && d.rows_accepted <= rows, "{format:?}");
        }
    }

    #[test]
    fn more_people_more_rows() {
        let mut out = Vec::new();
        let few = users_csv(&Scale::new(50, 4), &mut out).expect("write");
        let many = users_csv(&Scale::new(200, 4), &mut out).expect("write");
        assert!(many > 3 * few, "{few} then {many}");
    }
}
