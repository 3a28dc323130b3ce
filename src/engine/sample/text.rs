//! Message text for the compliance log, drawn from [`super::phrases`]: keyword prompts
//! (under 50 characters), medium requests (50-200) and long context-rich prompts (over 200);
//! first messages of a conversation lean long, follow-ups short.

use super::phrases::{
    Topic, CODEX_PROMPTS, DETAILS, MEDIUM_FOLLOW_UPS, OPENERS, REPLY_BODIES, REPLY_CLOSERS,
    REPLY_OPENERS, SHORT_FOLLOW_UPS, TAILS,
};
use super::rng::Rng;

fn pick(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    rng.pick(items).copied().unwrap_or("")
}

/// `Can you` + task + `?`, or `Please` + task + `.`, plus a tail.
fn request(rng: &mut Rng, task: &str) -> String {
    let opener = pick(rng, OPENERS);
    let mark = if opener.ends_with("you ") { "?" } else { "." };
    format!("{opener}{task}{mark}{}", pick(rng, TAILS))
}

/// A user message about `topic`; `first` in its conversation or a follow-up.
pub(super) fn prompt(rng: &mut Rng, topic: &Topic, first: bool) -> String {
    let (_, short, task, context) = *topic;
    let weights: &[f64] = if first {
        &[25.0, 45.0, 30.0]
    } else {
        &[50.0, 40.0, 10.0]
    };
    match (rng.weighted(weights), first) {
        (0, true) => short.to_string(),
        (0, false) => pick(rng, SHORT_FOLLOW_UPS).to_string(),
        (1, true) => request(rng, task),
        (1, false) => pick(rng, MEDIUM_FOLLOW_UPS).to_string(),
        (_, true) => format!("{context} {} {}", pick(rng, DETAILS), request(rng, task)),
        (_, false) => format!(
            "One more thing: {context} {} {}",
            pick(rng, DETAILS),
            pick(rng, MEDIUM_FOLLOW_UPS)
        ),
    }
}

/// An assistant reply: an opener, one or two body paragraphs, maybe a closing offer.
pub(super) fn reply(rng: &mut Rng) -> String {
    let mut out = pick(rng, REPLY_OPENERS).to_string();
    let first = rng.index(REPLY_BODIES.len());
    out.push_str("\n\n");
    out.push_str(REPLY_BODIES.get(first).copied().unwrap_or(""));
    if rng.chance(0.4) {
        let second = (first + 1 + rng.index(REPLY_BODIES.len() - 1)) % REPLY_BODIES.len();
        out.push_str("\n\n");
        out.push_str(REPLY_BODIES.get(second).copied().unwrap_or(""));
    }
    let closer = pick(rng, REPLY_CLOSERS);
    if !closer.is_empty() {
        out.push_str("\n\n");
        out.push_str(closer);
    }
    out
}

/// A prompt sent to Codex.
pub(super) fn codex_prompt(rng: &mut Rng) -> String {
    pick(rng, CODEX_PROMPTS).to_string()
}

#[cfg(test)]
mod tests {
    use super::super::phrases::TOPICS;
    use super::*;

    #[test]
    fn prompt_lengths_fall_in_their_buckets() {
        for topics in TOPICS {
            for t in topics {
                assert!(t.1.len() < 50, "short {:?}", t.1);
                assert!(t.2.len() >= 45 && t.2.len() <= 120, "task {:?}", t.2);
                for o in OPENERS {
                    for tail in TAILS {
                        let m = format!("{o}{}?{tail}", t.2);
                        assert!((50..=200).contains(&m.len()), "medium {m:?}");
                    }
                }
                assert!(t.3.len() + DETAILS.iter().map(|d| d.len()).min().unwrap_or(0) > 160);
            }
        }
        for s in SHORT_FOLLOW_UPS {
            assert!(s.len() < 50, "{s}");
        }
        for m in MEDIUM_FOLLOW_UPS {
            assert!((50..=200).contains(&m.len()), "{m}");
        }
        let mut rng = Rng::new(3, 3);
        let (mut short, mut medium, mut long) = (0, 0, 0);
        for k in 0..600 {
            let p = prompt(&mut rng, &TOPICS[k % 8][0], k % 3 == 0);
            match p.chars().count() {
                0..50 => short += 1,
                50..=200 => medium += 1,
                _ => long += 1,
            }
            assert!(!reply(&mut rng).is_empty());
        }
        assert!(
            short > 100 && medium > 100 && long > 40,
            "{short} {medium} {long}"
        );
    }
}
