//! `claude-code-usage.json`: Claude Code Analytics Admin API pages (FORMATS.md §5a), one page
//! per UTC day of the 8 weeks (`starting_at` selects one day; a quiet day's page is empty),
//! concatenated as saved. One record
//! per user, day and terminal: a user works in one terminal most days, in two on some. Actors are
//! HRIS work emails; `estimated_cost.amount` is integer US cents, priced from the tokens.

use super::date::SNAPSHOT;
use super::json::{iso_z, uuid, Obj};
use super::more_tools::{ToolUser, MORE_FIRST};
use super::people::Person;
use super::rng::Rng;

const TERMINALS: [&str; 5] = ["vscode", "iTerm.app", "tmux", "WarpTerminal", "pycharm"];
const TERMINAL_WEIGHTS: [f64; 5] = [45.0, 25.0, 10.0, 10.0, 10.0];
/// Model and its price in US cents per million tokens: input, output, cache read, cache write.
const MODELS: [(&str, [i64; 4]); 3] = [
    ("claude-sonnet-4-5-20250929", [300, 1500, 30, 375]),
    ("claude-opus-4-1-20250805", [1500, 7500, 150, 1875]),
    ("claude-haiku-4-5-20251001", [100, 500, 10, 125]),
];

/// One record's model row: tokens (input, output, cache read, cache creation) and cents.
struct ModelRow {
    model: usize,
    tokens: [i64; 4],
    cents: i64,
}

pub(super) fn usage_json(seed: u64, people: &[Person], users: &[ToolUser]) -> Vec<u8> {
    let mut rng = Rng::new(seed, 21);
    let org = uuid(&mut rng);
    let terminal = |rng: &mut Rng| rng.weighted(&TERMINAL_WEIGHTS);
    // Each user's usual terminal.
    let usual: Vec<usize> = users.iter().map(|_| terminal(&mut rng)).collect();
    let mut out = String::new();
    for day in MORE_FIRST..=SNAPSHOT {
        let mut page = String::new();
        let mut records: Vec<(usize, usize)> = Vec::new();
        for (u, user) in users.iter().enumerate() {
            if user.days.binary_search(&day).is_err() {
                continue;
            }
            records.push((u, usual[u]));
            if rng.chance(0.2) {
                let other = terminal(&mut rng);
                if other != usual[u] {
                    records.push((u, other));
                }
            }
        }
        records.sort_by(|a, b| {
            people[users[a.0].person]
                .email
                .cmp(&people[users[b.0].person].email)
                .then(a.1.cmp(&b.1))
        });
        Obj::open(&mut page)
            .arr("data", &records, |o, &(u, t)| {
                record(
                    o,
                    &mut rng,
                    &org,
                    day,
                    &people[users[u].person].email,
                    t,
                    users[u].intensity,
                )
            })
            .bool("has_more", false)
            .raw("next_page", "null")
            .close();
        out.push_str(&page);
        out.push('\n');
    }
    out.into_bytes()
}

fn record<'a>(
    o: Obj<'a>,
    rng: &mut Rng,
    org: &str,
    day: i64,
    email: &str,
    terminal: usize,
    intensity: f64,
) -> Obj<'a> {
    let scale = |rng: &mut Rng, lo: i64, hi: i64| (rng.range(lo, hi) as f64 * intensity) as i64;
    let sessions = scale(rng, 1, 5).max(1);
    let added = scale(rng, 20, 1400);
    let removed = added * rng.range(10, 60) / 100;
    let commits = rng.range(0, 4);
    let prs = rng.range(0, commits.min(2));
    let mut actions = [[0i64; 2]; 4];
    for (k, a) in actions.iter_mut().enumerate() {
        let n = if k == 3 {
            rng.range(0, 1)
        } else {
            scale(rng, 2, 40)
        };
        let rejected = n * rng.range(3, 20) / 100;
        *a = [n - rejected, rejected];
    }
    let mut models = vec![ModelRow::draw(rng, 0, sessions)];
    if rng.chance(0.25) {
        models.push(ModelRow::draw(rng, 1, sessions));
    }
    if rng.chance(0.3) {
        models.push(ModelRow::draw(rng, 2, sessions));
    }
    o.str("date", &iso_z(day * 86_400))
        .obj("actor", |a| {
            a.str("type", "user_actor").str("email_address", email)
        })
        .str("organization_id", org)
        .str("customer_type", "subscription")
        .str("subscription_type", "enterprise")
        .str("terminal_type", TERMINALS[terminal])
        .obj("core_metrics", |c| {
            c.int("num_sessions", sessions)
                .obj("lines_of_code", |l| {
                    l.int("added", added).int("removed", removed)
                })
                .int("commits_by_claude_code", commits)
                .int("pull_requests_by_claude_code", prs)
        })
        .obj("tool_actions", |t| {
            let names = [
                "edit_tool",
                "multi_edit_tool",
                "write_tool",
                "notebook_edit_tool",
            ];
            names.iter().zip(actions).fold(t, |t, (name, [a, r])| {
                t.obj(name, |x| x.int("accepted", a).int("rejected", r))
            })
        })
        .arr("model_breakdown", &models, |m, row| {
            m.str("model", MODELS[row.model].0)
                .obj("tokens", |t| {
                    t.int("input", row.tokens[0])
                        .int("output", row.tokens[1])
                        .int("cache_read", row.tokens[2])
                        .int("cache_creation", row.tokens[3])
                })
                .obj("estimated_cost", |c| {
                    c.str("currency", "USD").int("amount", row.cents)
                })
        })
}

impl ModelRow {
    fn draw(rng: &mut Rng, model: usize, sessions: i64) -> ModelRow {
        let tokens = [
            sessions * rng.range(1_000, 12_000),
            sessions * rng.range(3_000, 20_000),
            sessions * rng.range(30_000, 250_000),
            sessions * rng.range(8_000, 60_000),
        ];
        let price = MODELS[model].1;
        let micro_cents: i64 = tokens.iter().zip(price).map(|(t, p)| t * p).sum();
        ModelRow {
            model,
            tokens,
            cents: (micro_cents + 500_000) / 1_000_000,
        }
    }
}
