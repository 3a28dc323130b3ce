//! What each Copilot seat holder did on each day of the last 4 weeks: counts per feature,
//! language and model, CLI sessions, code review and coding agent use, and the premium
//! requests billed for it. The usage NDJSON, the seats file and the billing CSV are all
//! written from these days.

pub(super) use super::copilot_profile::{Profile, CLI, CLI_VERSIONS, FEATURES, IDES, MODELS};
use super::copilot_profile::{AGENT, CODE_REVIEW, CODING_AGENT, COMPLETION, COMPLETION_MODEL};
use super::date::{weekday, SNAPSHOT};
use super::people::Person;
use super::rng::Rng;
use super::tools::{CopilotKind, Tools, RECENT_FIRST};

/// Interactions, generations, acceptances, LoC suggested to add / delete, added, deleted.
pub(super) type Counts = [i64; 7];

pub(super) struct FeatureDay {
    pub feature: usize,
    /// Index into `IDES` (`None` for the CLI).
    pub ide: Option<usize>,
    pub model: usize,
    pub counts: Counts,
    /// (language, counts) partitioning `counts` (interactions excluded).
    pub languages: Vec<(&'static str, Counts)>,
}

pub(super) struct Premium {
    pub sku: &'static str,
    pub model: &'static str,
    /// Tenths of a premium request.
    pub quantity: i64,
    /// Hundredths of an AI credit.
    pub aic: i64,
}

pub(super) struct CopilotDay {
    /// Index into `Tools::copilot`.
    pub user: usize,
    pub day: i64,
    /// Unix seconds of the day's last activity.
    pub last: i64,
    pub features: Vec<FeatureDay>,
    /// Sessions, requests, prompts, output tokens, prompt tokens.
    pub cli: Option<[i64; 5]>,
    pub review_active: bool,
    pub review_passive: bool,
    pub coding_agent: bool,
    pub premium: Vec<Premium>,
}

/// Every active user-day of the last 4 weeks, by user then day.
pub(super) fn copilot_days(
    seed: u64,
    people: &[Person],
    tools: &Tools,
    profiles: &[Profile],
) -> Vec<CopilotDay> {
    let mut rng = Rng::new(seed, 10);
    let mut out = Vec::new();
    for (u, (seat, p)) in tools.copilot.iter().zip(profiles).enumerate() {
        if seat.kind != CopilotKind::Active {
            continue;
        }
        let mut days: Vec<CopilotDay> = Vec::new();
        for day in RECENT_FIRST..=SNAPSHOT {
            let weekend = matches!(weekday(day), 0 | 6);
            let chance = if weekend { 0.06 } else { p.habit };
            if day <= seat.created || !tools.works(people, seat.person, day) || !rng.chance(chance)
            {
                continue;
            }
            days.push(one_day(&mut rng, p, u, day));
        }
        // An active seat was used at least once in the window.
        if days.is_empty() {
            let first = (seat.created + 1).max(RECENT_FIRST);
            let last = (tools.away.get(seat.person).copied().unwrap_or(i64::MAX) - 1).min(SNAPSHOT);
            if first <= last {
                let day = rng.range(first, last);
                days.push(one_day(&mut rng, p, u, day));
            }
        }
        out.extend(days);
    }
    out
}

fn one_day(rng: &mut Rng, p: &Profile, user: usize, day: i64) -> CopilotDay {
    let mut used: Vec<usize> = (0..FEATURES.len())
        .filter(|&f| rng.chance(p.features[f]))
        .collect();
    if used.is_empty() {
        used.push(
            (0..FEATURES.len())
                .find(|&f| p.features[f] > 0.0)
                .unwrap_or(COMPLETION),
        );
    }
    let scale = |rng: &mut Rng, lo: i64, hi: i64| {
        ((rng.range(lo, hi) as f64 * p.intensity + 0.5) as i64).max(1)
    };
    let mut features = Vec::new();
    let mut cli = None;
    for f in used {
        let mut c: Counts = [0; 7];
        match f {
            COMPLETION => {
                c[1] = scale(rng, 15, 160);
                c[2] = (c[1] as f64 * p.accept * rng.between(0.8, 1.2)) as i64;
                c[3] = c[1] * rng.range(1, 4);
                c[5] = c[2] * rng.range(1, 4);
            }
            CLI => {
                c[0] = scale(rng, 1, 12);
                c[1] = c[0] * rng.range(1, 2);
                c[2] = c[1];
                c[5] = c[2] * rng.range(5, 30);
                c[6] = c[5] / rng.range(5, 12);
                let requests = c[0] * rng.range(3, 10);
                let prompt_tokens = requests * rng.range(20_000, 130_000);
                cli = Some([
                    rng.range(1, 3),
                    requests,
                    c[0],
                    requests * rng.range(300, 900),
                    prompt_tokens,
                ]);
            }
            _ => {
                let (lo, hi, per) = if f == AGENT {
                    (1, 6, rng.range(2, 6))
                } else {
                    (1, 6, 1)
                };
                c[0] = scale(rng, lo, hi);
                c[1] = c[0] * per;
                c[2] = (c[1] as f64 * rng.between(0.4, 0.95)) as i64;
                let loc = if f == AGENT {
                    rng.range(8, 35)
                } else {
                    rng.range(2, 12)
                };
                c[3] = c[1] * (loc + 2);
                c[4] = c[1] * rng.range(0, 6);
                c[5] = c[2] * loc;
                c[6] = c[2] * rng.range(0, 5);
            }
        }
        let model = if f == COMPLETION {
            COMPLETION_MODEL
        } else if rng.chance(0.7) {
            p.models[0]
        } else {
            p.models[1]
        };
        let ide = (f != CLI).then(|| match p.second_ide {
            Some(second) if rng.chance(0.25) => second,
            _ => p.ide,
        });
        features.push(FeatureDay {
            feature: f,
            ide,
            model,
            counts: c,
            languages: split_languages(rng, p.languages, &c),
        });
    }
    let review_active = p.reviewer && rng.chance(0.2);
    let review_passive = p.reviewer && rng.chance(0.3);
    let coding_agent = p.agent_user && rng.chance(0.25);
    let mut premium: Vec<Premium> = Vec::new();
    for fd in features.iter().filter(|fd| fd.feature != COMPLETION) {
        let (_, name, mult) = MODELS[fd.model.min(MODELS.len() - 1)];
        if mult == 0 {
            continue;
        }
        let quantity = fd.counts[0] * mult;
        // AI credits per premium request, in hundredths.
        let aic_per = if mult >= 30 {
            rng.range(800, 1_600)
        } else {
            rng.range(400, 1_400)
        };
        match premium.iter_mut().find(|x| x.model == name) {
            Some(x) => {
                x.quantity += quantity;
                x.aic += quantity * aic_per / 10;
            }
            None => premium.push(Premium {
                sku: "copilot_premium_request",
                model: name,
                quantity,
                aic: quantity * aic_per / 10,
            }),
        }
    }
    for (on, (sku, model), lo, hi) in [
        (review_active, CODE_REVIEW, 300, 900),
        (coding_agent, CODING_AGENT, 1_500, 4_000),
    ] {
        if on {
            let n = rng.range(1, 3);
            premium.push(Premium {
                sku,
                model,
                quantity: 10 * n,
                aic: n * rng.range(lo, hi),
            });
        }
    }
    CopilotDay {
        user,
        day,
        last: day * 86_400 + rng.range(27_000, 68_000),
        features,
        cli,
        review_active,
        review_passive,
        coding_agent,
        premium,
    }
}

/// The counts of one feature spread over one or two of the user's languages.
fn split_languages(
    rng: &mut Rng,
    langs: &'static [&'static str],
    c: &Counts,
) -> Vec<(&'static str, Counts)> {
    let first = langs
        .get(if rng.chance(0.75) {
            0
        } else {
            rng.index(langs.len())
        })
        .copied()
        .unwrap_or("unknown");
    let second = langs
        .get(rng.index(langs.len()))
        .copied()
        .filter(|&l| l != first && rng.chance(0.4));
    let Some(second) = second else {
        return vec![(first, [0, c[1], c[2], c[3], c[4], c[5], c[6]])];
    };
    let share = rng.between(0.55, 0.9);
    let mut a: Counts = [0; 7];
    let mut b: Counts = [0; 7];
    for k in 1..7 {
        a[k] = (c[k] as f64 * share) as i64;
        b[k] = c[k] - a[k];
    }
    // Acceptances never exceed generations within a language.
    if a[2] > a[1] {
        b[2] += a[2] - a[1];
        a[2] = a[1];
    }
    if b[2] > b[1] {
        a[2] += b[2] - b[1];
        b[2] = b[1];
    }
    vec![(first, a), (second, b)]
}
