//! Cursor's two files, written from the same member-days:
//!
//! - `cursor-daily-usage.json`: Admin API `POST /teams/daily-usage-data` responses (FORMATS.md
//!   §6a), two 28-day requests concatenated; one record per member and active day (`date` in
//!   epoch milliseconds), plus `isActive: false` rows for the idle seats' last week;
//! - `cursor-usage-events.csv`: the dashboard's usage events export (§6c) of the last 14 days,
//!   newest first, one row per request of those days (the day's agent, composer, chat and Cmd+K
//!   requests): `Included` until a member's requests of the month cost more than the seat's
//!   included usage, `Usage-based` at a `$` cost after that (the heaviest members, late in a
//!   month), and a few `Errored, No Charge` at `-`.

use super::date::{weekday, SNAPSHOT};
use super::json::{iso_millis, Obj};
use super::more_tools::{ToolUser, MORE_FIRST};
use super::people::Person;
use super::rng::Rng;
use crate::engine::date::civil_from_days;

/// The usage events export's columns (latest form).
pub(super) const EVENTS_HEADER: &str = "Date,User,Cloud Agent ID,Automation ID,Kind,Model,Max Mode,Input (w/ Cache Write),Input (w/o Cache Write),Cache Read,Output Tokens,Total Tokens,Cost";
/// First day of the usage events export.
pub(super) const EVENTS_FIRST: i64 = SNAPSHOT - 13;
/// Usage included in a seat each month, in US cents (the sample's Teams plan): requests past
/// it are usage-based.
const ALLOWANCE_CENTS: i64 = 2000;
const MODELS: [&str; 5] = [
    "claude-4.5-sonnet",
    "gpt-5",
    "auto",
    "composer-1",
    "claude-4.5-sonnet-thinking",
];
const MODEL_WEIGHTS: [f64; 5] = [35.0, 15.0, 25.0, 15.0, 10.0];
const EXTENSIONS: [&str; 5] = [".tsx", ".ts", ".kt", ".swift", ".py"];
const VERSIONS: [&str; 3] = ["1.7.52", "2.0.34", "2.0.43"];

/// One member-day of use.
pub(super) struct CursorDay {
    /// Index into the Cursor users.
    pub user: usize,
    pub day: i64,
    /// Agent, composer, chat and Cmd+K requests.
    pub requests: [i64; 4],
    pub tabs_shown: i64,
    pub tabs_accepted: i64,
    /// Lines suggested (added, deleted) and accepted (added, deleted).
    pub lines: [i64; 4],
    /// Requests beyond the month's allowance (usage-based).
    pub usage_based: i64,
    pub model: usize,
    /// The day's requests, in time order.
    pub calls: Vec<Call>,
}

/// How a request was charged.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Charge {
    Included,
    UsageBased,
    Errored,
}

/// One request of the usage events export.
pub(super) struct Call {
    /// Unix milliseconds.
    pub millis: i64,
    pub model: usize,
    pub max_mode: bool,
    /// Input with cache write, input without, cache read, output.
    pub tokens: [i64; 4],
    pub cents: i64,
    pub charge: Charge,
}

impl CursorDay {
    pub(super) fn total_requests(&self) -> i64 {
        self.requests.iter().sum()
    }
}

/// Every member-day, by user then day.
pub(super) fn cursor_days(seed: u64, users: &[ToolUser]) -> Vec<CursorDay> {
    let mut rng = Rng::new(seed, 22);
    let mut out = Vec::new();
    for (u, user) in users.iter().enumerate() {
        let model = rng.weighted(&MODEL_WEIGHTS);
        let (mut month, mut used) = (0, 0i64);
        for &day in &user.days {
            let (y, m, _) = civil_from_days(day as i32);
            let m = i64::from(y) * 12 + i64::from(m);
            if m != month {
                (month, used) = (m, 0);
            }
            let scale = |rng: &mut Rng, lo: i64, hi: i64| {
                ((rng.range(lo, hi) as f64 * user.intensity) as i64).max(0)
            };
            let requests = [
                scale(&mut rng, 1, 7).max(1),
                scale(&mut rng, 0, 2),
                scale(&mut rng, 0, 3),
                scale(&mut rng, 0, 2),
            ];
            let total: i64 = requests.iter().sum();
            let mut calls = Vec::new();
            let mut at = day * 86_400_000 + rng.range(8 * 3600, 11 * 3600) * 1000;
            for _ in 0..total {
                at += rng.range(120_000, 3_000_000);
                let call_model = if rng.chance(0.75) {
                    model
                } else {
                    rng.weighted(&MODEL_WEIGHTS)
                };
                let max_mode = rng.chance(0.08);
                let input_cw = rng.range(2_000, 90_000);
                let tokens = [
                    input_cw,
                    input_cw * rng.range(60, 95) / 100,
                    rng.range(20_000, 900_000),
                    rng.range(300, 9_000),
                ];
                // About $0.30 per million cached tokens, $3 in and $15 out; twice in Max Mode.
                let cents = (tokens[2] * 3 + tokens[0] * 30 + tokens[3] * 150) / 100_000;
                let cents = if max_mode { cents * 2 } else { cents };
                let charge = if rng.chance(0.03) {
                    Charge::Errored
                } else if used >= ALLOWANCE_CENTS {
                    Charge::UsageBased
                } else {
                    Charge::Included
                };
                if charge != Charge::Errored {
                    used += cents;
                }
                calls.push(Call {
                    millis: at + rng.range(0, 999),
                    model: call_model,
                    max_mode,
                    tokens,
                    cents,
                    charge,
                });
            }
            let usage_based = calls
                .iter()
                .filter(|c| c.charge == Charge::UsageBased)
                .count() as i64;
            let tabs_shown = scale(&mut rng, 20, 180);
            let tabs_accepted = tabs_shown * rng.range(20, 45) / 100;
            let suggested = scale(&mut rng, 40, 700);
            let accepted = suggested * rng.range(35, 75) / 100;
            out.push(CursorDay {
                user: u,
                day,
                requests,
                tabs_shown,
                tabs_accepted,
                lines: [
                    suggested,
                    suggested / 4,
                    accepted,
                    accepted * rng.range(10, 30) / 100,
                ],
                usage_based,
                model: if rng.chance(0.8) {
                    model
                } else {
                    rng.weighted(&MODEL_WEIGHTS)
                },
                calls,
            });
        }
    }
    out
}

/// A stable Cursor user id per member (a number, as older responses give it).
fn user_id(person: usize) -> i64 {
    4_810_000 + 37 * person as i64
}

/// A record of the daily usage response: a member's day, or an idle seat's day.
enum Row<'a> {
    Used(&'a CursorDay),
    Idle(usize, i64),
}

fn used_record<'a>(r: Obj<'a>, people: &[Person], users: &[ToolUser], d: &CursorDay) -> Obj<'a> {
    let p = users[d.user].person;
    let [agent, composer, chat, cmdk] = d.requests;
    r.int("date", d.day * 86_400_000)
        .int("userId", user_id(p))
        .str("email", &people[p].email)
        .bool("isActive", true)
        .int("totalLinesAdded", d.lines[0])
        .int("totalLinesDeleted", d.lines[1])
        .int("acceptedLinesAdded", d.lines[2])
        .int("acceptedLinesDeleted", d.lines[3])
        .int("totalApplies", agent + composer)
        .int("totalAccepts", (agent + composer) * 3 / 4)
        .int("totalRejects", (agent + composer) / 4)
        .int("totalTabsShown", d.tabs_shown)
        .int("totalTabsAccepted", d.tabs_accepted)
        .int("composerRequests", composer)
        .int("chatRequests", chat)
        .int("agentRequests", agent)
        .int("cmdkUsages", cmdk)
        .int(
            "subscriptionIncludedReqs",
            d.total_requests() - d.usage_based,
        )
        .int("apiKeyReqs", 0)
        .int("usageBasedReqs", d.usage_based)
        .int("bugbotUsages", 0)
        .str("mostUsedModel", MODELS[d.model])
        .str("applyMostUsedExtension", EXTENSIONS[p % EXTENSIONS.len()])
        .str(
            "tabMostUsedExtension",
            EXTENSIONS[(p + 1) % EXTENSIONS.len()],
        )
        .str(
            "clientVersion",
            VERSIONS[(p + d.day as usize / 20) % VERSIONS.len()],
        )
}

pub(super) fn daily_usage_json(
    people: &[Person],
    users: &[ToolUser],
    idle: &[usize],
    days: &[CursorDay],
) -> Vec<u8> {
    let mut out = String::new();
    for request in 0..2 {
        let first = MORE_FIRST + 28 * request;
        let last = first + 27;
        let mut rows: Vec<Row<'_>> = days
            .iter()
            .filter(|d| (first..=last).contains(&d.day))
            .map(Row::Used)
            .collect();
        // Idle seats appear, inactive, on the working days of the last request's final week.
        if request == 1 {
            for day in (last - 6..=last).filter(|&d| !matches!(weekday(d), 0 | 6)) {
                rows.extend(idle.iter().map(|&p| Row::Idle(p, day)));
            }
        }
        rows.sort_by_key(|r| match r {
            Row::Used(d) => (d.day, users[d.user].person),
            Row::Idle(p, day) => (*day, *p),
        });
        let mut page = String::new();
        Obj::open(&mut page)
            .arr("data", &rows, |r, row| match row {
                Row::Used(d) => used_record(r, people, users, d),
                Row::Idle(p, day) => r
                    .int("date", day * 86_400_000)
                    .int("userId", user_id(*p))
                    .str("email", &people[*p].email)
                    .bool("isActive", false)
                    .int("totalLinesAdded", 0)
                    .int("acceptedLinesAdded", 0)
                    .int("totalTabsShown", 0)
                    .int("totalTabsAccepted", 0)
                    .int("agentRequests", 0)
                    .int("chatRequests", 0),
            })
            .obj("period", |p| {
                p.int("startDate", first * 86_400_000)
                    .int("endDate", (last + 1) * 86_400_000 - 1)
            })
            .close();
        out.push_str(&page);
        out.push('\n');
    }
    out.into_bytes()
}

pub(super) fn usage_events_csv(
    people: &[Person],
    users: &[ToolUser],
    days: &[CursorDay],
) -> Vec<u8> {
    let mut rows: Vec<(i64, String)> = Vec::new();
    for d in days.iter().filter(|d| d.day >= EVENTS_FIRST) {
        let email = &people[users[d.user].person].email;
        for c in &d.calls {
            let (kind, cost) = match c.charge {
                Charge::Errored => ("\"Errored, No Charge\"", "-".to_string()),
                Charge::UsageBased => (
                    "Usage-based",
                    format!("${}.{:02}", c.cents / 100, c.cents % 100),
                ),
                Charge::Included => ("Included", "Included".to_string()),
            };
            let [input_cw, input, cache_read, output] = c.tokens;
            let line = format!(
                "{},{email},,,{kind},{},{},{input_cw},{input},{cache_read},{output},{},{cost}",
                iso_millis(c.millis),
                MODELS[c.model],
                if c.max_mode { "Yes" } else { "No" },
                input_cw + cache_read + output,
            );
            rows.push((c.millis, line));
        }
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out = String::from(EVENTS_HEADER);
    out.push('\n');
    for (_, line) in rows {
        out.push_str(&line);
        out.push('\n');
    }
    out.into_bytes()
}
