//! `chatgpt-compliance-logs.jsonl`: the Compliance Logs Platform export (FORMATS.md §1f) of
//! the last 4 weekly periods (2026-10-18 … 2026-11-14; the logs are kept ~30 days), one
//! event per line in time order.
//!
//! **Volume cap.** A real log holds every message of every member; that would be ~55 MB
//! here. To stay near 7 MB (always under 8 MB) the file follows a *sample of members*:
//! those active in the last 4 weeks of the Users CSV, drawn at random in proportion to
//! their department's size until an estimated byte budget is spent (one in six to one in
//! ten, 30-50 members; anyone whose 4 weeks alone would exceed ~1.1 MB is skipped). For each
//! member in the sample the log is complete:
//!
//! * `CONVERSATION_MESSAGE`: for every week they are active, exactly their Users CSV
//!   `messages` user messages (each answered by an assistant message whose `author.model`
//!   follows their `model_to_messages`, and `tools_used` their `tool_to_messages`), in
//!   sessions of 1-12 messages (gaps under 30 minutes, 31+ minutes between sessions) on
//!   days from `first_day_active_in_period` to `last_day_active_in_period`, mostly on
//!   weekdays in local working hours; conversations carry their GPT / project ids;
//! * `CODEX_LOG`: one `PROMPT_SENT` per CLI or VS Code turn of their `codex-usage.json`
//!   days in the window, with token usage;
//! * `AUTH_LOG`: one `LOGIN` before their first message of the window.

use std::collections::BTreeMap;

use super::chat_sessions::{paces, schedule, sessions};
use super::codex::{CodexDay, CLI, IDE};
use super::codex_log::codex_events;
use super::compliance_json::{auth_line, message_line, Conversation, Envelope, Message};
use super::date::{weekday, WEEKS};
use super::json::{iso_micros, uuid};
use super::org::DEPTS;
use super::people::Person;
use super::phrases::{FILE_NAMES, GPT_NAMES, PROJECT_NAMES, TOPICS};
use super::rng::Rng;
use super::seats::Seat;
use super::text::{prompt, reply};
use super::tools::{Tools, RECENT_FIRST};
use super::usage::WeekUsage;
use super::users_csv::UsersExport;

/// First weekly period in the log.
pub(super) const FIRST_WEEK: usize = WEEKS - 4;
/// Estimated bytes the sampled members may use, and the most one member may use.
const BUDGET: i64 = 6_800_000;
const MEMBER_MAX: i64 = BUDGET / 6;

pub(super) struct Inputs<'a> {
    pub people: &'a [Person],
    pub seats: &'a [Seat],
    pub users: &'a UsersExport,
    pub tools: &'a Tools,
    pub codex: &'a [CodexDay],
}

/// Seat indices of the members the log follows, ascending.
pub(super) fn sampled_members(seed: u64, inp: &Inputs) -> Vec<usize> {
    let mut rng = Rng::new(seed, 12);
    let mut local_turns = vec![0i64; inp.people.len()];
    for d in inp.codex.iter().filter(|d| d.day >= RECENT_FIRST) {
        if let Some(u) = inp.tools.codex.get(d.user) {
            local_turns[u.person] += i64::from(d.turns(CLI) + d.turns(IDE));
        }
    }
    let mut by_dept: Vec<Vec<(usize, i64)>> = vec![Vec::new(); DEPTS.len()];
    for (s, seat) in inp.seats.iter().enumerate() {
        let messages: i64 = (FIRST_WEEK..WEEKS)
            .filter_map(|w| inp.users.usage.get(w)?.get(s)?.as_ref())
            .map(|u| i64::from(u.messages))
            .sum();
        if messages > 0 {
            // About 1,060 bytes a message line, two lines a message; 930 a Codex prompt.
            let cost = messages * 2_130 + local_turns[seat.person] * 930 + 460;
            if let Some(list) = by_dept.get_mut(seat.dept) {
                list.push((s, cost));
            }
        }
    }
    // A systematic sample: each department's members in random order, interleaved in
    // proportion to the department's size, taken while the budget lasts.
    let mut order: Vec<(f64, usize, i64)> = Vec::new();
    for list in &mut by_dept {
        rng.shuffle(list);
        let n = list.len() as f64;
        order.extend(
            list.iter()
                .enumerate()
                .map(|(k, &(s, cost))| ((k as f64 + rng.f64()) / n, s, cost)),
        );
    }
    order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut spent = 0;
    let mut chosen = Vec::new();
    for (_, s, cost) in order {
        if cost <= MEMBER_MAX && spent + cost <= BUDGET {
            spent += cost;
            chosen.push(s);
        }
    }
    chosen.sort_unstable();
    chosen
}

/// The whole log, one event per line, in time order.
pub(super) fn compliance_jsonl(seed: u64, inp: &Inputs) -> Vec<u8> {
    let mut rng = Rng::new(seed, 13);
    let a = &inp.users.account_id;
    let workspace = if a.len() == 32 {
        format!(
            "{}-{}-{}-{}-{}",
            &a[..8],
            &a[8..12],
            &a[12..16],
            &a[16..20],
            &a[20..]
        )
    } else {
        a.clone()
    };
    let mut lines: Vec<(i64, String)> = Vec::new();
    for s in sampled_members(seed, inp) {
        let Some(seat) = inp.seats.get(s) else {
            continue;
        };
        let Some(person) = inp.people.get(seat.person) else {
            continue;
        };
        let env = Envelope {
            workspace: &workspace,
            user_id: &seat.public_id,
            email: &person.email,
        };
        let client = ["web", "desktop_app", "ios", "android", "unknown"]
            [rng.weighted(&[60.0, 20.0, 10.0, 6.0, 4.0])];
        let before = lines.len();
        for week in FIRST_WEEK..WEEKS {
            if let Some(u) = inp.users.usage.get(week).and_then(|w| w.get(s)?.as_ref()) {
                chat_week(&mut rng, inp, &env, (seat, person, client), u, &mut lines);
            }
        }
        codex_events(&mut rng, inp, &env, seat.person, &mut lines);
        if let Some(first) = lines[before..].iter().map(|l| l.0).min() {
            let at = first - rng.range(30, 900) * 1_000_000;
            lines.push((at, auth_line(&mut rng, &env, at)));
        }
    }
    lines.sort();
    let mut out = Vec::with_capacity(lines.iter().map(|l| l.1.len() + 1).sum());
    for (_, line) in lines {
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    out
}

fn chat_week(
    rng: &mut Rng,
    inp: &Inputs,
    env: &Envelope,
    (seat, person, client): (&Seat, &Person, &'static str),
    u: &WeekUsage,
    lines: &mut Vec<(i64, String)>,
) {
    let plan = sessions(rng, u);
    // Days: the first and last active days of the period, the rest mostly on weekdays.
    let span: Vec<f64> = (u.first_day..=u.last_day)
        .map(|d| {
            if (1..=5).contains(&weekday(d)) {
                1.0
            } else {
                0.15
            }
        })
        .collect();
    let mut by_day: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for k in 0..plan.len() {
        let day = match k {
            0 => u.first_day,
            1 => u.last_day,
            _ => u.first_day + rng.weighted(&span) as i64,
        };
        by_day.entry(day).or_default().push(k);
    }
    // Assistant models and tools follow the week's dicts.
    let mut models: Vec<&'static str> = u
        .models
        .iter()
        .flat_map(|&(m, n)| std::iter::repeat_n(m, n as usize))
        .collect();
    rng.shuffle(&mut models);
    let mut tools: Vec<Vec<&'static str>> = vec![Vec::new(); u.messages as usize];
    for &(t, n) in &u.tools {
        let name = super::org::TOOLS.get(t).copied().unwrap_or("web");
        for _ in 0..n {
            if let Some(slot) = tools.get_mut(rng.index(u.messages as usize)) {
                if !slot.contains(&name) {
                    slot.push(name);
                }
            }
        }
    }
    let mut reply_no = 0usize;
    for (day, ks) in by_day {
        let sizes: Vec<u32> = ks.iter().map(|&k| plan[k].0).collect();
        let paces = paces(rng, &sizes);
        let durations: Vec<i64> = paces.iter().map(|p| p.last().map_or(0, |x| x.1)).collect();
        let starts = schedule(rng, person.location, &durations);
        for ((&k, pace), start) in ks.iter().zip(&paces).zip(starts) {
            let (_, gpt, project) = plan[k];
            let topic_dept = gpt.map_or(seat.dept, |g| g % DEPTS.len());
            let topics = TOPICS.get(topic_dept).copied().unwrap_or(TOPICS[0]);
            let topic = topics[rng.index(topics.len())];
            let base = (day * 86_400 + start) * 1_000_000;
            // The conversation starts with its first message.
            let first_micros = base + rng.range(0, 999_999);
            let conv = Conversation {
                id: uuid(rng),
                title: topic.0,
                created: iso_micros(first_micros),
                pinned: rng.chance(0.03),
                temporary: gpt.is_none() && project.is_none() && rng.chance(0.02),
                gpt: gpt.map(|g| {
                    let id = inp.users.gpt_ids.get(g).cloned().unwrap_or_default();
                    (id, GPT_NAMES[g % 8][(g / 8) % 3])
                }),
                project: project.map(|p| {
                    let id = seat.profile.projects.get(p).cloned().unwrap_or_default();
                    (id, PROJECT_NAMES[seat.dept % 8][(seat.person + p) % 3])
                }),
            };
            let mut parent: Option<String> = None;
            for (i, &(user_at, answer_at)) in pace.iter().enumerate() {
                let slot = tools.get(reply_no).cloned().unwrap_or_default();
                let model = models.get(reply_no).copied().unwrap_or("gpt-5");
                reply_no += 1;
                let file = (slot.contains(&"file_search") && (i == 0 || rng.chance(0.5)))
                    .then(|| FILE_NAMES[seat.dept % 8]);
                let ask = Message {
                    id: uuid(rng),
                    parent: parent.take(),
                    micros: if i == 0 {
                        first_micros
                    } else {
                        base + user_at * 1_000_000 + rng.range(0, 999_999)
                    },
                    assistant: false,
                    client_type: client,
                    model: None,
                    tools: Vec::new(),
                    text: prompt(rng, &topic, i == 0),
                    file,
                };
                let answer = Message {
                    id: uuid(rng),
                    parent: Some(ask.id.clone()),
                    micros: base + answer_at * 1_000_000 + rng.range(0, 999_999),
                    assistant: true,
                    client_type: client,
                    model: Some(model),
                    tools: slot,
                    text: reply(rng),
                    file: None,
                };
                lines.push((ask.micros, message_line(rng, env, &conv, &ask)));
                lines.push((answer.micros, message_line(rng, env, &conv, &answer)));
                parent = Some(answer.id);
            }
        }
    }
}
