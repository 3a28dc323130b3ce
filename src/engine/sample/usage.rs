//! How each seat holder uses ChatGPT (their profile), and what they did in one active week:
//! messages, active days, models, GPTs, tools and projects.

use super::date::{weekday, WEEKS};
use super::org::{ADVANCED_MODELS, DEPTS, GPT_COUNT, STANDARD_MODELS, TOOLS, TOOL_WEIGHTS};
use super::rng::{Rng, HEX};
use super::seats::Seat;

/// How a seat holder uses ChatGPT in an active week.
pub(super) struct Profile {
    /// Baseline messages in an active week.
    pub messages: f64,
    /// Personal offset on the share of messages sent to advanced models.
    pub advanced: f64,
    /// Indices into the workspace's GPTs, favourite first.
    pub gpts: Vec<usize>,
    pub gpt_share: f64,
    /// Indices into `TOOLS`, favourite first.
    pub tools: Vec<usize>,
    pub tool_share: f64,
    pub projects: Vec<String>,
    pub project_share: f64,
    /// Chance of creating a project in an active week.
    pub creates: f64,
}

pub(super) fn profile(rng: &mut Rng, dept: usize, habit: f64) -> Profile {
    let d = DEPTS.get(dept);
    let intensity = d.map_or(1.0, |d| d.intensity);
    let gpt_bias = d.map_or(0.0, |d| d.gpt_bias);
    // Tiers: power users (75+ messages a week, several tools and GPTs), regulars, and the
    // light majority (1-20 a week). Keener members are likelier to be heavy users.
    let t = 0.5 * habit + 0.5 * rng.f64();
    // (messages lo, hi), tools, gpts, projects, chance of creating a project.
    let (lo, hi, tools, gpts, projects, creates) = if t > 0.84 {
        let scale = 0.5 + 0.5 * intensity;
        (
            80.0 * scale,
            190.0 * scale,
            rng.range(3, 5),
            rng.range(1, 3),
            rng.range(1, 3),
            0.2,
        )
    } else if t > 0.68 {
        (
            20.0 * intensity,
            45.0 * intensity,
            rng.range(1, 3),
            rng.range(0, 2),
            rng.range(0, 2),
            0.08,
        )
    } else {
        (
            intensity,
            13.0 * intensity,
            rng.range(0, 2),
            rng.range(0, 1),
            i64::from(rng.chance(0.3)),
            0.03,
        )
    };
    let mut tool_ids: Vec<usize> = Vec::new();
    while (tool_ids.len() as i64) < tools && tool_ids.len() < TOOLS.len() {
        let t = rng.weighted(TOOL_WEIGHTS);
        if !tool_ids.contains(&t) {
            tool_ids.push(t);
        }
    }
    // GPTs: mostly those of the member's own department (GPT g belongs to g % 8).
    let mut gpt_ids: Vec<usize> = Vec::new();
    for _ in 0..gpts {
        let g = if rng.chance(0.7) {
            dept + DEPTS.len() * rng.index(GPT_COUNT / DEPTS.len())
        } else {
            rng.index(GPT_COUNT)
        };
        if !gpt_ids.contains(&g) {
            gpt_ids.push(g);
        }
    }
    Profile {
        messages: rng.between(lo, hi),
        advanced: rng.between(-0.1, 0.12),
        gpts: gpt_ids,
        gpt_share: (rng.between(0.08, 0.35) + gpt_bias).clamp(0.02, 0.8),
        tools: tool_ids,
        tool_share: rng.between(0.05, 0.35),
        projects: (0..projects)
            .map(|_| format!("g-p-{}", rng.string_of(HEX, 32)))
            .collect(),
        project_share: rng.between(0.05, 0.3),
        creates,
    }
}

/// One active member-week.
pub(super) struct WeekUsage {
    pub messages: u32,
    pub first_day: i64,
    pub last_day: i64,
    /// (model, messages), most used first; sums to `messages`.
    pub models: Vec<(&'static str, u32)>,
    /// (index into the workspace GPTs, messages).
    pub gpts: Vec<(usize, u32)>,
    /// (index into `TOOLS`, messages).
    pub tools: Vec<(usize, u32)>,
    /// (index into the member's projects, messages).
    pub projects: Vec<(usize, u32)>,
    pub projects_created: u32,
}

/// Draws one active week of `seat` (the caller checked it can be active then).
pub(super) fn week_usage(rng: &mut Rng, seat: &Seat, week: usize) -> WeekUsage {
    let r = week as f64 / (WEEKS - 1) as f64;
    let p = &seat.profile;
    let growth = 0.8 + 0.4 * r;
    let messages = ((p.messages * growth * rng.between(0.55, 1.45) + 0.5) as u32).max(1);
    let (lo, hi) = seat.usable_days(week);
    let first_day = pick_day(rng, lo, hi);
    let spread = 0.25 + 0.6 * (f64::from(messages) / 40.0).min(1.0);
    let last_day = if messages > 1 && rng.chance(spread) {
        pick_day(rng, first_day, hi)
    } else {
        first_day
    };

    // Advanced (reasoning) models take a growing share: ~15 % in the first week, ~40 % last.
    let dept_adv = DEPTS.get(seat.dept).map_or(0.0, |d| d.advanced);
    let advanced = (0.11 + 0.25 * r + dept_adv + p.advanced).clamp(0.02, 0.9);
    let standard_w = [0.45 - 0.3 * r, 0.15, 0.40 + 0.3 * r];
    let advanced_w = [0.55 + 0.35 * r, 0.45 - 0.35 * r];
    let mut standard = [0u32; 3];
    let mut adv = [0u32; 2];
    for _ in 0..messages {
        if rng.chance(advanced) {
            if let Some(c) = adv.get_mut(rng.weighted(&advanced_w)) {
                *c += 1;
            }
        } else if let Some(c) = standard.get_mut(rng.weighted(&standard_w)) {
            *c += 1;
        }
    }
    let mut models: Vec<(&'static str, u32)> = STANDARD_MODELS
        .iter()
        .zip(standard)
        .chain(ADVANCED_MODELS.iter().zip(adv))
        .filter(|(_, n)| *n > 0)
        .map(|(m, n)| (*m, n))
        .collect();
    models.sort_by_key(|&(_, n)| std::cmp::Reverse(n));

    let gpts = split(rng, messages, p.gpt_share, &p.gpts);
    let tools = split(rng, messages, p.tool_share, &p.tools);
    let project_ids: Vec<usize> = (0..p.projects.len()).collect();
    let projects = split(rng, messages, p.project_share, &project_ids);
    let projects_created = if rng.chance(p.creates) {
        1 + u32::from(rng.chance(0.15))
    } else {
        0
    };
    WeekUsage {
        messages,
        first_day,
        last_day,
        models,
        gpts,
        tools,
        projects,
        projects_created,
    }
}

/// A day in [lo, hi], mostly a weekday.
fn pick_day(rng: &mut Rng, lo: i64, hi: i64) -> i64 {
    if hi <= lo {
        return lo;
    }
    let weights: Vec<f64> = (lo..=hi)
        .map(|d| {
            if (1..=5).contains(&weekday(d)) {
                1.0
            } else {
                0.12
            }
        })
        .collect();
    lo + rng.weighted(&weights) as i64
}

/// Some of `messages` (about `share` of them) spread over the favourites in `items`.
fn split(rng: &mut Rng, messages: u32, share: f64, items: &[usize]) -> Vec<(usize, u32)> {
    if items.is_empty() {
        return Vec::new();
    }
    let n = ((f64::from(messages) * share * rng.between(0.4, 1.6) + 0.5) as u32).min(messages);
    if n == 0 {
        return Vec::new();
    }
    let used: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(k, _)| *k == 0 || rng.chance(0.6))
        .map(|(_, &x)| x)
        .collect();
    let weights: Vec<f64> = (0..used.len()).map(|k| 1.0 / (k as f64 + 1.0)).collect();
    let mut counts = vec![0u32; used.len()];
    for _ in 0..n {
        if let Some(c) = counts.get_mut(rng.weighted(&weights)) {
            *c += 1;
        }
    }
    let mut out: Vec<(usize, u32)> = used
        .into_iter()
        .zip(counts)
        .filter(|(_, c)| *c > 0)
        .collect();
    out.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    out
}

/// A Python-repr dict as the export writes it: `{'gpt-5': 20, 'o3': 5}`.
pub(super) fn py_dict<'a>(entries: impl IntoIterator<Item = (&'a str, u32)>) -> String {
    let body: Vec<String> = entries
        .into_iter()
        .map(|(k, v)| format!("'{k}': {v}"))
        .collect();
    format!("{{{}}}", body.join(", "))
}
