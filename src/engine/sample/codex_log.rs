//! The compliance log's `CODEX_LOG` events: one `PROMPT_SENT` per CLI or VS Code turn of a
//! sampled member's Codex days in the last 4 weeks, in sessions (one per thread) of turns a
//! few minutes apart, with the day's models and per-turn token usage.

use super::chat_sessions::window;
use super::codex::{CLI, CLIENTS, IDE, MODELS as CODEX_MODELS};
use super::compliance::Inputs;
use super::compliance_json::{codex_line, CodexPrompt, Envelope};
use super::json::uuid;
use super::rng::Rng;
use super::text::codex_prompt;
use super::tools::RECENT_FIRST;

/// One `PROMPT_SENT` per CLI / VS Code turn of the member's Codex days in the window.
pub(super) fn codex_events(
    rng: &mut Rng,
    inp: &Inputs,
    env: &Envelope,
    person: usize,
    lines: &mut Vec<(i64, String)>,
) {
    let location = inp.people.get(person).map_or("London", |p| p.location);
    for d in inp.codex.iter().filter(|d| d.day >= RECENT_FIRST) {
        if inp
            .tools
            .codex
            .get(d.user)
            .is_none_or(|u| u.person != person)
        {
            continue;
        }
        let mut pool: Vec<usize> = Vec::new();
        for m in &d.models {
            pool.extend(std::iter::repeat_n(m.model, m.turns as usize));
        }
        rng.shuffle(&mut pool);
        for c in d
            .clients
            .iter()
            .filter(|c| c.client == CLI || c.client == IDE)
        {
            let threads = c.threads.max(1);
            for t in 0..threads {
                let turns = c.turns / threads + u32::from(t < c.turns % threads);
                let session = uuid(rng);
                let (from, to) = window(location, 30_600, 64_800);
                let mut at = d.day * 86_400 + rng.range(from, to);
                for _ in 0..turns {
                    let m = pool.pop().unwrap_or(0);
                    let per_turn = d.models.iter().find(|x| x.model == m).and_then(|x| {
                        let t = x.tokens?;
                        let n = i64::from(x.turns.max(1));
                        Some([t[0] / n, t[1] / n, t[2] / n])
                    });
                    let [uncached, cached, output] = per_turn.unwrap_or([9_000, 50_000, 2_500]);
                    let j = |rng: &mut Rng, x: i64| (x as f64 * rng.between(0.5, 1.5)) as i64;
                    let (uncached, cached, output) =
                        (j(rng, uncached), j(rng, cached), j(rng, output));
                    let p = CodexPrompt {
                        micros: at * 1_000_000 + rng.range(0, 999_999),
                        client: CLIENTS[c.client],
                        session: &session,
                        text: codex_prompt(rng),
                        status: ["completed", "interrupted", "failed"]
                            [rng.weighted(&[96.0, 3.0, 1.0])],
                        model: CODEX_MODELS.get(m).map_or("gpt-5.4", |x| x.0),
                        effort: d.effort,
                        tokens: [uncached + cached, output, cached, output / rng.range(2, 5)],
                    };
                    lines.push((p.micros, codex_line(rng, env, &p)));
                    at += rng.range(60, 900);
                }
            }
        }
    }
}
