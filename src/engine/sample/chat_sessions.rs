//! How a member's week of ChatGPT messages becomes sessions for the compliance log: runs
//! of 1-12 messages (heavier users run longer) split by GPT, project and plain chat, laid
//! out on a day in local working hours with at least 31 minutes between sessions.

use super::rng::Rng;
use super::usage::WeekUsage;

/// Smallest gap between two sessions of a day, in seconds.
const MIN_GAP: i64 = 1_860;
/// The longest working day sessions are spread over (7:00-23:00), in seconds.
const LONG_DAY: i64 = 57_600;

/// Session sizes, split by GPT, project and plain chat: (size, gpt, project).
pub(super) fn sessions(rng: &mut Rng, u: &WeekUsage) -> Vec<(u32, Option<usize>, Option<usize>)> {
    // Messages per active day: a member who sends 40+ in a day works in long sessions.
    let per_day = i64::from(u.messages) / (u.last_day - u.first_day + 1).max(1);
    let weights: &[f64] = if per_day > 40 {
        &[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 6.0]
    } else if u.messages > 80 || per_day > 16 {
        &[
            6.0, 7.0, 8.0, 9.0, 10.0, 10.0, 10.0, 9.0, 9.0, 8.0, 7.0, 7.0,
        ]
    } else {
        &[
            22.0, 18.0, 14.0, 11.0, 9.0, 7.0, 5.0, 4.0, 3.0, 3.0, 2.0, 2.0,
        ]
    };
    let mut left = u.messages;
    let mut buckets: Vec<(u32, Option<usize>, Option<usize>)> = Vec::new();
    for &(g, n) in &u.gpts {
        let n = n.min(left);
        left -= n;
        buckets.push((n, Some(g), None));
    }
    for &(p, n) in &u.projects {
        let n = n.min(left);
        left -= n;
        buckets.push((n, None, Some(p)));
    }
    buckets.push((left, None, None));
    let mut out = Vec::new();
    for (mut n, g, p) in buckets {
        while n > 0 {
            let size = (rng.weighted(weights) as u32 + 1).min(n);
            n -= size;
            out.push((size, g, p));
        }
    }
    if out.len() == 1 && out[0].0 >= 2 {
        let half = out[0].0 / 2;
        out[0].0 -= half;
        out.push((half, out[0].1, out[0].2));
    }
    rng.shuffle(&mut out);
    out
}

/// (user message, reply) offsets in seconds from each session's start, for sessions of
/// `sizes` messages on one day; paced faster when they would not fit in a long working day.
pub(super) fn paces(rng: &mut Rng, sizes: &[u32]) -> Vec<Vec<(i64, i64)>> {
    let mut paces: Vec<Vec<(i64, i64)>> = sizes
        .iter()
        .map(|&n| {
            let mut t = 0;
            (0..n)
                .map(|_| {
                    let user = t;
                    let answer = user + rng.range(4, 90);
                    t = answer + rng.range(40, 360);
                    (user, answer)
                })
                .collect()
        })
        .collect();
    let gaps = MIN_GAP * (sizes.len() as i64 - 1).max(0);
    let total: i64 = paces.iter().map(|p| p.last().map_or(0, |x| x.1)).sum();
    if total + gaps > LONG_DAY && total > 0 {
        let room = if gaps < LONG_DAY { LONG_DAY } else { 86_000 } - gaps;
        let f = (room as f64 / total as f64).clamp(0.05, 1.0);
        for p in &mut paces {
            for (user, answer) in p.iter_mut() {
                *user = (*user as f64 * f) as i64;
                *answer = ((*answer as f64 * f) as i64).max(*user + 2);
            }
        }
    }
    paces
}

/// UTC offset in hours of an office in November.
pub(super) fn utc_offset(location: &str) -> i64 {
    match location {
        "Berlin" => 1,
        "New York" => -5,
        _ => 0,
    }
}

/// A local time window `[from, to)` in seconds as UTC seconds of the same day.
pub(super) fn window(location: &str, from: i64, to: i64) -> (i64, i64) {
    let off = utc_offset(location) * 3_600;
    ((from - off).clamp(0, 86_000), (to - off).clamp(0, 86_399))
}

/// Start times (UTC seconds of the day) of sessions lasting `durations`, 31+ minutes apart.
pub(super) fn schedule(rng: &mut Rng, location: &str, durations: &[i64]) -> Vec<i64> {
    let n = durations.len() as i64;
    let need = durations.iter().sum::<i64>() + MIN_GAP * (n - 1).max(0);
    // Working hours if they fit, else a long day, else the whole UTC day; some lone
    // sessions in the evening.
    let mut windows = vec![
        window(location, 28_800, 66_600),
        window(location, 25_200, 82_800),
        (0, 86_399),
    ];
    if n == 1 && rng.chance(0.08) {
        windows.insert(0, window(location, 68_400, 79_200));
    }
    let (from, to) = windows
        .iter()
        .copied()
        .find(|(a, b)| b - a >= need)
        .unwrap_or((0, 86_399));
    let slack = (to - from - need).max(0) as f64;
    let weights: Vec<f64> = (0..=n).map(|_| rng.between(0.2, 1.0)).collect();
    let total: f64 = weights.iter().sum();
    let mut t = from + (slack * weights[0] / total) as i64;
    let mut starts = Vec::with_capacity(durations.len());
    for (k, d) in durations.iter().enumerate() {
        starts.push(t);
        t += d + MIN_GAP + (slack * weights[k + 1] / total) as i64;
    }
    starts
}
