//! The Codex Analytics API files (FORMATS.md §2a, §2b):
//!
//! * `codex-usage.json`: per-user daily `workspace.codex.usage.result` rows, in pages of
//!   [`PAGE_ROWS`] (`{"object":"page","data":[…],"has_more":…,"next_page":…}`), the pages
//!   concatenated one per line as a client that follows `next_page` would save them;
//! * `codex-code-reviews.json`: one page of daily workspace code review totals, whose
//!   reviews include every `CODEX_GITHUB` turn of the usage rows plus automatic reviews.

use super::codex::{CodexDay, CLIENTS, GITHUB, MODELS};
use super::date::{weekday, SNAPSHOT};
use super::json::Obj;
use super::people::Person;
use super::rng::{Rng, ALNUM};
use super::seats::Seat;
use super::tools::{Tools, CODEX_FIRST};

/// Rows per usage page.
pub(super) const PAGE_ROWS: usize = 500;

/// Usage rows ordered by day, then email.
pub(super) fn usage_json(
    seed: u64,
    people: &[Person],
    seats: &[Seat],
    tools: &Tools,
    days: &[CodexDay],
) -> Vec<u8> {
    let mut rng = Rng::new(seed, 7);
    let email = |d: &CodexDay| {
        tools
            .codex
            .get(d.user)
            .and_then(|u| people.get(u.person))
            .map_or("", |p| p.email.as_str())
    };
    let mut order: Vec<&CodexDay> = days.iter().collect();
    order.sort_by(|a, b| a.day.cmp(&b.day).then_with(|| email(a).cmp(email(b))));
    let pages: Vec<&[&CodexDay]> = order.chunks(PAGE_ROWS).collect();
    let mut out = String::with_capacity(days.len() * 900);
    for (k, page) in pages.iter().enumerate() {
        let last = k + 1 == pages.len();
        let cursor = format!("cursor_{}", rng.string_of(ALNUM, 24));
        Obj::open(&mut out)
            .str("object", "page")
            .arr("data", page, |o, d| {
                let user = tools.codex.get(d.user);
                let id = user
                    .and_then(|u| seats.get(u.seat))
                    .map_or("", |s| s.public_id.as_str());
                usage_row(o, d, id, email(d))
            })
            .bool("has_more", !last)
            .opt_str("next_page", (!last).then_some(cursor.as_str()))
            .close();
        out.push('\n');
    }
    out.into_bytes()
}

fn tokens<'b>(o: Obj<'b>, t: Option<[i64; 3]>) -> Obj<'b> {
    let total = t.map(|t| t[0] + t[1] + t[2]);
    o.opt_int("uncached_text_input_tokens", t.map(|t| t[0]))
        .opt_int("cached_text_input_tokens", t.map(|t| t[1]))
        .opt_int("text_output_tokens", t.map(|t| t[2]))
        .opt_int("text_total_tokens", total)
}

fn usage_row<'b>(o: Obj<'b>, d: &CodexDay, user_id: &str, email: &str) -> Obj<'b> {
    let threads: u32 = d.clients.iter().map(|c| c.threads).sum();
    let turns: u32 = d.clients.iter().map(|c| c.turns).sum();
    let credits: i64 = d.clients.iter().map(|c| c.credits).sum();
    let o = o
        .str("object", "workspace.codex.usage.result")
        .int("start_time", d.day * 86_400)
        .int("end_time", (d.day + 1) * 86_400)
        .str("user_id", user_id)
        .obj("actor", |a| {
            a.str("type", "ACCOUNT_USER")
                .str("user_id", user_id)
                .str("email", email)
        })
        .obj("totals", |t| {
            let t = t
                .int("threads", i64::from(threads))
                .int("turns", i64::from(turns))
                .dec("credits", credits, 2);
            tokens(t, d.tokens())
        })
        .arr("clients", &d.clients, |c, x| {
            c.str(
                "client_id",
                CLIENTS
                    .get(x.client)
                    .copied()
                    .unwrap_or("CODEX_UNKNOWN_DEFAULT"),
            )
            .int("threads", i64::from(x.threads))
            .int("turns", i64::from(x.turns))
            .dec("credits", x.credits, 2)
        })
        .arr("models", &d.models, |m, x| {
            let m = m
                .str("model", MODELS.get(x.model).map_or("other", |m| m.0))
                .opt_str("speed", x.speed)
                .dec("credits", x.credits, 2);
            tokens(m, x.tokens)
        });
    match &d.attribution {
        None => o.raw("code_attribution", "null"),
        Some(a) => o.obj("code_attribution", |c| {
            c.obj("lines_of_code", |l| {
                l.int("added", a.added)
                    .int("removed", a.removed)
                    .int("committed", a.committed)
                    .int("committed_percentage", a.committed_percentage)
            })
            .obj("commits", |k| {
                k.int("with_codex_contribution", a.commits).dec(
                    "with_codex_contribution_percentage",
                    a.commits_percentage,
                    1,
                )
            })
        }),
    }
}

/// One review-totals row per UTC day of the last 8 weeks.
pub(super) fn code_reviews_json(seed: u64, days: &[CodexDay]) -> Vec<u8> {
    let mut rng = Rng::new(seed, 8);
    let n = (SNAPSHOT - CODEX_FIRST + 1) as usize;
    let mut requested = vec![0i64; n];
    for d in days {
        if let Some(r) = requested.get_mut((d.day - CODEX_FIRST) as usize) {
            *r += i64::from(d.turns(GITHUB));
        }
    }
    let rows: Vec<(i64, [i64; 5])> = (0..n)
        .map(|k| {
            let day = CODEX_FIRST + k as i64;
            let ramp = 0.8 + 0.4 * k as f64 / n as f64;
            let automatic = if matches!(weekday(day), 0 | 6) {
                rng.range(0, 2)
            } else {
                (rng.range(4, 14) as f64 * ramp) as i64
            };
            let reviews = requested[k] + automatic;
            let mut p = [0i64; 3];
            for _ in 0..reviews {
                for _ in 0..rng.weighted(&[25.0, 30.0, 25.0, 12.0, 8.0]) {
                    p[rng.weighted(&[5.0, 30.0, 65.0])] += 1;
                }
            }
            (day, [reviews, p[0] + p[1] + p[2], p[0], p[1], p[2]])
        })
        .collect();
    let mut out = String::with_capacity(n * 200);
    Obj::open(&mut out)
        .str("object", "page")
        .arr("data", &rows, |o, (day, r)| {
            o.str("object", "workspace.codex.code_reviews.result")
                .int("start_time", day * 86_400)
                .int("end_time", (day + 1) * 86_400)
                .int("pull_request_reviews", r[0])
                .int("comments", r[1])
                .obj("comment_details", |c| {
                    c.int("p0", r[2]).int("p1", r[3]).int("p2", r[4])
                })
        })
        .bool("has_more", false)
        .raw("next_page", "null")
        .close();
    out.push('\n');
    out.into_bytes()
}
