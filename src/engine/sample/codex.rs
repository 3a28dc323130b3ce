//! What each Codex user does on each UTC day of the last 8 weeks: threads and turns per
//! client (CLI, VS Code, web, GitHub code review), credits and tokens per model, and the code
//! it contributed. The usage export, the code review totals and the compliance log's
//! `CODEX_LOG` events are all written from these days.

use super::date::{weekday, SNAPSHOT};
use super::people::Person;
use super::rng::Rng;
use super::tools::{Tools, CODEX_FIRST};

/// Client ids as the API writes them; indices are used throughout.
pub(super) const CLIENTS: [&str; 4] =
    ["CODEX_CLI", "CODEX_IDE_VSCODE", "CODEX_WEB", "CODEX_GITHUB"];
pub(super) const CLI: usize = 0;
pub(super) const IDE: usize = 1;
pub(super) const GITHUB: usize = 3;
/// Models, with credits per turn in hundredths.
pub(super) const MODELS: [(&str, i64); 4] = [
    ("gpt-5.1-codex-max", 180),
    ("gpt-5.4", 140),
    ("gpt-5.3-codex", 110),
    ("gpt-5.1-codex-mini", 35),
];

pub(super) struct ClientDay {
    pub client: usize,
    pub threads: u32,
    pub turns: u32,
    /// Hundredths of a credit.
    pub credits: i64,
}

pub(super) struct ModelDay {
    pub model: usize,
    pub speed: Option<&'static str>,
    pub turns: u32,
    /// Hundredths of a credit.
    pub credits: i64,
    /// Uncached input, cached input, output tokens (`None`: unavailable that day).
    pub tokens: Option<[i64; 3]>,
}

pub(super) struct Attribution {
    pub added: i64,
    pub removed: i64,
    pub committed: i64,
    pub committed_percentage: i64,
    pub commits: i64,
    /// Tenths of a percent.
    pub commits_percentage: i64,
}

pub(super) struct CodexDay {
    /// Index into `Tools::codex`.
    pub user: usize,
    pub day: i64,
    pub clients: Vec<ClientDay>,
    pub models: Vec<ModelDay>,
    pub attribution: Option<Attribution>,
    /// The user's usual `reasoning_effort` (for the compliance log).
    pub effort: &'static str,
}

impl CodexDay {
    pub(super) fn turns(&self, client: usize) -> u32 {
        self.clients
            .iter()
            .filter(|c| c.client == client)
            .map(|c| c.turns)
            .sum()
    }

    /// Token totals, `None` when any model's are unavailable.
    pub(super) fn tokens(&self) -> Option<[i64; 3]> {
        let mut t = [0i64; 3];
        for m in &self.models {
            let mt = m.tokens?;
            for k in 0..3 {
                t[k] += mt[k];
            }
        }
        Some(t)
    }
}

struct Profile {
    habit: f64,
    turns: f64,
    /// Weights of CLI, IDE and web turns.
    clients: [f64; 3],
    /// Chance of asking for a GitHub code review on an active day.
    github: f64,
    models: [f64; 4],
    effort: &'static str,
}

fn profile(rng: &mut Rng) -> Profile {
    let turns = match rng.weighted(&[60.0, 30.0, 10.0]) {
        0 => rng.between(3.0, 12.0),
        1 => rng.between(12.0, 30.0),
        _ => rng.between(30.0, 70.0),
    };
    let mut clients = [0.0; 3];
    let primary = rng.weighted(&[45.0, 40.0, 15.0]);
    clients[primary] = 1.0;
    if rng.chance(0.45) {
        let second = (primary + 1 + rng.index(2)) % 3;
        clients[second] = rng.between(0.1, 0.6);
    }
    let mut models = [0.0; 4];
    models[rng.weighted(&[50.0, 25.0, 15.0, 10.0])] = 1.0;
    models[rng.index(4)] += rng.between(0.0, 0.4);
    Profile {
        habit: rng.between(0.35, 0.9),
        turns,
        clients,
        github: if rng.chance(0.35) {
            rng.between(0.1, 0.4)
        } else {
            0.0
        },
        models,
        effort: ["medium", "medium", "high", "low", "xhigh"][rng.index(5)],
    }
}

/// Every active user-day, by user then day.
pub(super) fn codex_days(seed: u64, people: &[Person], tools: &Tools) -> Vec<CodexDay> {
    let mut rng = Rng::new(seed, 6);
    let mut out = Vec::new();
    for (u, user) in tools.codex.iter().enumerate() {
        let p = profile(&mut rng);
        for day in CODEX_FIRST..=SNAPSHOT {
            let ramp = 0.85 + 0.3 * (day - CODEX_FIRST) as f64 / (SNAPSHOT - CODEX_FIRST) as f64;
            let weekend = matches!(weekday(day), 0 | 6);
            let chance = p.habit * ramp * if weekend { 0.08 } else { 1.0 };
            if day < user.start || !tools.works(people, user.person, day) || !rng.chance(chance) {
                continue;
            }
            out.push(one_day(&mut rng, &p, u, day));
        }
    }
    out
}

fn one_day(rng: &mut Rng, p: &Profile, user: usize, day: i64) -> CodexDay {
    let total = ((p.turns * rng.between(0.4, 1.6) + 0.5) as u32).max(1);
    let mut client_turns = [0u32; 4];
    for _ in 0..total {
        client_turns[rng.weighted(&p.clients)] += 1;
    }
    if rng.chance(p.github) {
        client_turns[GITHUB] = rng.range(1, 3) as u32;
    }
    let all: u32 = client_turns.iter().sum();
    let mut model_turns = [0u32; 4];
    for _ in 0..all {
        model_turns[rng.weighted(&p.models)] += 1;
    }
    let tokens_missing = rng.chance(0.04);
    let models: Vec<ModelDay> = model_turns
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(m, &n)| {
            let n64 = i64::from(n);
            let rate = MODELS.get(m).map_or(100, |x| x.1);
            ModelDay {
                model: m,
                speed: match rng.weighted(&[80.0, 12.0, 8.0]) {
                    0 => Some("standard"),
                    1 => Some("fast"),
                    _ => None,
                },
                turns: n,
                credits: ((n64 * rate) as f64 * rng.between(0.7, 1.3)) as i64 + 1,
                tokens: (!tokens_missing).then(|| {
                    [
                        n64 * rng.range(3_000, 20_000),
                        n64 * rng.range(15_000, 120_000),
                        n64 * rng.range(800, 5_000),
                    ]
                }),
            }
        })
        .collect();
    let credits: i64 = models.iter().map(|m| m.credits).sum();
    // Client credits: the day's credits in proportion to turns (they add up exactly).
    let mut left = credits;
    let used: Vec<usize> = (0..4).filter(|&c| client_turns[c] > 0).collect();
    let clients: Vec<ClientDay> = used
        .iter()
        .enumerate()
        .map(|(k, &c)| {
            let turns = client_turns[c];
            let share = if k + 1 == used.len() {
                left
            } else {
                credits * i64::from(turns) / i64::from(all.max(1))
            };
            left -= share;
            let threads = if c == GITHUB {
                turns
            } else {
                ((f64::from(turns) / rng.between(2.0, 6.0) + 0.99) as u32).clamp(1, turns)
            };
            ClientDay {
                client: c,
                threads,
                turns,
                credits: share,
            }
        })
        .collect();
    let local = i64::from(client_turns[CLI] + client_turns[IDE]);
    let attribution = (local > 0 && rng.chance(0.7)).then(|| {
        let added = local * rng.range(4, 35);
        let commits = rng.range(0, 1 + local / 8);
        Attribution {
            added,
            removed: (added as f64 * rng.between(0.1, 0.5)) as i64,
            committed: (added as f64 * rng.between(0.3, 0.95)) as i64,
            committed_percentage: rng.range(8, 60),
            commits,
            commits_percentage: if commits > 0 { rng.range(150, 1000) } else { 0 },
        }
    });
    CodexDay {
        user,
        day,
        clients,
        models,
        attribution,
        effort: p.effort,
    }
}
