//! Time from seat to first use, per tool: for each person whose seat on a tool was assigned
//! inside that tool's activity data, the days from the assignment to their first activity on
//! the tool (see the parent module for every rule and choice).

use super::super::activity::TOOLS;
use super::super::activity_series::{active_days, coverage};
use super::super::context::Ctx;
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::Tool;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The distribution's buckets, by days from seat to first use (upper bounds included).
pub const BUCKETS: [(&str, i32); 5] = [
    ("Same day", 0),
    ("1–7 days", 7),
    ("8–30 days", 30),
    ("31–90 days", 90),
    ("Over 90 days", i32::MAX),
];
pub const NEVER_USED: &str = "Never used";

/// One tool's seats and how long their holders took to first use them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolFirstUse {
    pub tool: Tool,
    pub label: String,
    /// The first and last day of the tool's activity data.
    pub data: DaySpan,
    /// People with a seat on the tool assigned inside `data`.
    pub seated: u32,
    /// Of them, people with any activity on the tool in the data.
    pub used: u32,
    /// Days from seat to first use: the median and 75th percentile of the people who used it
    /// (nearest rank), `None` when nobody did.
    pub median_days: Option<u32>,
    pub p75_days: Option<u32>,
    /// Same day, 1–7, 8–30, 31–90, over 90 days, never used: people in each, summing to
    /// `seated`.
    pub buckets: Vec<DayBucket>,
    /// Seated, no activity on the tool in the data.
    pub never_used: u32,
    /// Never used, and assigned at least `unused_after_days` (setting) before `data` ends.
    pub never_used_after_window: u32,
    /// First activity before the seat's assignment date (counted as 0 days).
    pub used_before_seat: u32,
    /// Seats assigned before `data` begins or after it ends: their first use cannot be known,
    /// so they are left out of every figure above.
    pub outside_data: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayBucket {
    pub label: String,
    pub people: u32,
}

impl ToolFirstUse {
    /// An empty row for `tool`, whose activity data spans `data`.
    fn new(tool: Tool, data: DaySpan) -> ToolFirstUse {
        ToolFirstUse {
            tool,
            label: tool.label().to_string(),
            data,
            seated: 0,
            used: 0,
            median_days: None,
            p75_days: None,
            buckets: BUCKETS
                .iter()
                .map(|(label, _)| *label)
                .chain([NEVER_USED])
                .map(|label| DayBucket {
                    label: label.to_string(),
                    people: 0,
                })
                .collect(),
            never_used: 0,
            never_used_after_window: 0,
            used_before_seat: 0,
            outside_data: 0,
        }
    }
}

/// The value at nearest rank `⌈p × n⌉` (1-based) of `sorted`: an observed value, never an
/// interpolation, the way `concentration` cuts its top 10 % at `⌈10 % × senders⌉`. The median
/// is `p = 0.5` (the lower middle value of an even count).
pub fn nearest_rank(sorted: &[u32], p: f64) -> Option<u32> {
    let n = sorted.len();
    let rank = ((p * n as f64).ceil() as usize).clamp(1, n.max(1));
    sorted.get(rank - 1).copied()
}

/// Which of [`BUCKETS`] `days` (≥ 0) falls in.
fn bucket_of(days: i32) -> usize {
    BUCKETS
        .iter()
        .position(|(_, upper)| days <= *upper)
        .unwrap_or(BUCKETS.len() - 1)
}

fn tool_index(tool: Tool) -> usize {
    TOOLS.iter().position(|t| *t == tool).unwrap_or(0)
}

/// Per tool with dated seats and activity data, the seat-to-first-use table; and, pooled over
/// those tools, every used seat's days, sorted. Tools with dated seats but no activity data
/// are returned apart (nothing can be said of their first use).
pub fn build(ctx: &Ctx) -> (Vec<ToolFirstUse>, Vec<u32>, Vec<Tool>) {
    // Per person and tool: the earliest assignment date of any of their seats.
    let mut seats: BTreeMap<(u32, Tool), Day> = BTreeMap::new();
    for s in &ctx.facts.seats {
        if let (Some(identity), Some(tool), Some(created)) = (s.identity, s.tool, s.created) {
            let person = ctx.people.person(identity).0;
            let day = seats.entry((person, tool)).or_insert(created);
            *day = (*day).min(created);
        }
    }
    if seats.is_empty() {
        return (Vec::new(), Vec::new(), Vec::new());
    }
    let mut first: Vec<[Option<Day>; TOOLS.len()]> = vec![[None; TOOLS.len()]; ctx.people.count()];
    active_days(ctx.facts, |identity, tool, day| {
        if let Some(row) = first.get_mut(ctx.people.person(identity).0 as usize) {
            let slot = &mut row[tool_index(tool)];
            *slot = Some(slot.map_or(day, |d| d.min(day)));
        }
    });
    let (tools, spans) = coverage(ctx, true, false);
    let window = i32::try_from(ctx.settings.unused_after_days).unwrap_or(i32::MAX);
    let mut out: Vec<ToolFirstUse> = Vec::new();
    let mut days_of: Vec<Vec<u32>> = Vec::new();
    let mut without_data: Vec<Tool> = Vec::new();
    for ((person, tool), created) in seats {
        let Some(data) = tools.iter().position(|t| *t == tool).map(|i| spans[i]) else {
            if !without_data.contains(&tool) {
                without_data.push(tool);
            }
            continue;
        };
        let i = match out.iter().position(|t| t.tool == tool) {
            Some(i) => i,
            None => {
                out.push(ToolFirstUse::new(tool, data));
                days_of.push(Vec::new());
                out.len() - 1
            }
        };
        let row = &mut out[i];
        if !data.contains(created) {
            row.outside_data += 1;
            continue;
        }
        row.seated += 1;
        let first_use = first.get(person as usize).and_then(|r| r[tool_index(tool)]);
        match first_use {
            Some(day) => {
                row.used += 1;
                row.used_before_seat += u32::from(day < created);
                let days = (day.0 - created.0).max(0);
                row.buckets[bucket_of(days)].people += 1;
                days_of[i].push(days.unsigned_abs());
            }
            None => {
                row.never_used += 1;
                row.buckets[BUCKETS.len()].people += 1;
                row.never_used_after_window += u32::from(data.last.0 - created.0 >= window);
            }
        }
    }
    let mut pooled = Vec::new();
    for (row, days) in out.iter_mut().zip(&mut days_of) {
        days.sort_unstable();
        row.median_days = nearest_rank(days, 0.5);
        row.p75_days = nearest_rank(days, 0.75);
        pooled.extend_from_slice(days);
    }
    pooled.sort_unstable();
    out.sort_by_key(|t| t.tool);
    (out, pooled, without_data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_is_an_observed_value() {
        let days = [0, 0, 4, 22, 71, 119];
        // Median: rank ⌈0.5 × 6⌉ = 3 → 4 (the lower middle, not (4 + 22) / 2).
        assert_eq!(nearest_rank(&days, 0.5), Some(4));
        // 75th percentile: rank ⌈0.75 × 6⌉ = ⌈4.5⌉ = 5 → 71.
        assert_eq!(nearest_rank(&days, 0.75), Some(71));
        // Odd count: rank ⌈0.5 × 5⌉ = 3, the middle value.
        assert_eq!(nearest_rank(&[1, 2, 3, 4, 5], 0.5), Some(3));
        assert_eq!(nearest_rank(&[9], 0.75), Some(9));
        assert_eq!(nearest_rank(&[], 0.5), None);
    }

    #[test]
    fn buckets_include_their_upper_bound() {
        let of = |days| BUCKETS[bucket_of(days)].0;
        assert_eq!(of(0), "Same day");
        assert_eq!((of(1), of(7)), ("1–7 days", "1–7 days"));
        assert_eq!((of(8), of(30)), ("8–30 days", "8–30 days"));
        assert_eq!((of(31), of(90)), ("31–90 days", "31–90 days"));
        assert_eq!(of(91), "Over 90 days");
    }
}
