//! AI-active people across all tools, at the page's grain (Overview): for each hour, day, week or
//! calendar month, the distinct people active on each tool and on any tool, recounted from
//! person rows for that bucket (never a sum of finer buckets).
//!
//! What each grain can use, so no row is spread over time it does not name:
//! - hour: timestamped events only (messages, Codex prompts), the last seven days of them;
//! - day: events, person-day rows, native last-activity dates and dated charges; a weekly or
//!   monthly period row is left out (its tool is named in the note);
//! - week and month: everything, a period row counting where it is active (its active days, or
//!   the whole period inside the bucket; see `PeriodRow::active_in`).

use super::activity::{bit, TOOLS};
use super::context::Ctx;
use super::trend::{days_of, months_of, week_buckets};
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::{Facts, IdentityId, Role, SeatStatus, Tool};
use crate::engine::query::{data_span, Grain};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActivitySeries {
    /// The grain used (coarser than asked when the data cannot be cut finer).
    pub grain: Grain,
    /// Why the grain or the tools differ from what was asked, when they do.
    pub note: Option<String>,
    /// The tools shown, in the order of each point's `by_tool`.
    pub tools: Vec<Tool>,
    /// Oldest first.
    pub points: Vec<ActivityPoint>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActivityPoint {
    /// The day(s) of the bucket (one day at hour grain).
    pub span: DaySpan,
    /// The hour of the day (UTC) at hour grain.
    pub hour: Option<u8>,
    /// Distinct people active on any tool; `None` unless every tool shown covers the bucket.
    pub any_tool: Option<u32>,
    /// Distinct people active on each of `tools`; `None` where that tool's data does not
    /// cover the whole bucket.
    pub by_tool: Vec<Option<u32>>,
}

/// One bucket: the days it spans and, at hour grain, its hour.
#[derive(Clone, Copy)]
struct Bucket {
    span: DaySpan,
    hour: Option<u8>,
}

pub fn build(ctx: &Ctx) -> ActivitySeries {
    let requested = ctx.trend.requested;
    if requested == Grain::Hour {
        if let Some(series) = hourly(ctx) {
            return series;
        }
    }
    // Day-resolved coverage (no period rows), needed to cut by day; computed once.
    let daily = matches!(requested, Grain::Day | Grain::Hour).then(|| coverage(ctx, false, false));
    let (grain, spans, mut note) = match requested {
        Grain::Week => {
            let b = week_buckets(ctx.plan, None);
            (b.grain, b.spans, b.note)
        }
        Grain::Month => match data_span(ctx.facts) {
            Some(span) if !months_of(span).is_empty() => (Grain::Month, months_of(span), None),
            _ => {
                let b = week_buckets(
                    ctx.plan,
                    Some("shown by week: the data covers no whole calendar month".into()),
                );
                (b.grain, b.spans, b.note)
            }
        },
        Grain::Day | Grain::Hour => match daily.as_ref().and_then(|(_, c)| first_to_last(c)) {
            Some(span) => (
                Grain::Day,
                days_of(span),
                (requested == Grain::Hour).then(|| {
                    "shown by day: hours need timestamped events (chatgpt.compliance_logs_jsonl, codex.compliance_logs_jsonl)".to_string()
                }),
            ),
            None => {
                let b = week_buckets(
                    ctx.plan,
                    Some("shown by week: no daily export is loaded, and weekly rows are never split into days".into()),
                );
                (b.grain, b.spans, b.note)
            }
        },
    };
    let buckets: Vec<Bucket> = spans
        .iter()
        .map(|&span| Bucket { span, hour: None })
        .collect();
    // Period rows count at week and month grain (also when day grain fell back to weeks).
    let periods = grain != Grain::Day;
    let (tools, coverage) = match daily {
        Some(daily) if !periods => daily,
        _ => coverage(ctx, periods, false),
    };
    if !periods {
        let left_out: Vec<&str> = TOOLS
            .into_iter()
            .filter(|t| !tools.contains(t) && ctx.facts.periods.iter().any(|r| r.tool == *t))
            .map(|t| t.label())
            .collect();
        if !left_out.is_empty() {
            let text = format!(
                "{} not shown by day: weekly or monthly rows are never split into days",
                left_out.join(", ")
            );
            note = Some(note.map_or(text.clone(), |n| format!("{n}; {text}")));
        }
    }
    series(ctx, grain, note, &buckets, tools, &coverage, periods)
}

/// The hours of the last seven days that have timestamped events.
fn hourly(ctx: &Ctx) -> Option<ActivitySeries> {
    let last = ctx
        .facts
        .events
        .iter()
        .filter(|e| user_initiated(e.role, e.tool))
        .map(|e| Day::from_unix_seconds(e.at))
        .max()?;
    let buckets: Vec<Bucket> = (0..7)
        .rev()
        .flat_map(|back| {
            let day = last.plus(-back);
            (0..24u8).map(move |h| Bucket {
                span: DaySpan::new(day, day),
                hour: Some(h),
            })
        })
        .collect();
    let (tools, coverage) = coverage(ctx, false, true);
    Some(series(
        ctx,
        Grain::Hour,
        Some(format!(
            "the last seven days of timestamped events, {} to {}, hours in UTC",
            last.plus(-6),
            last
        )),
        &buckets,
        tools,
        &coverage,
        false,
    ))
}

/// A message or log event a person started: a user-authored message, or any Codex log event.
pub fn user_initiated(role: Role, tool: Tool) -> bool {
    role == Role::User || tool == Tool::Codex
}

/// Every dated activity fact as (identity, tool, day), for metrics that need each person's
/// days rather than a bucket count (`history`): user-initiated events, person-day total rows
/// with activity, and charges billed to a person on a day; a weekly or monthly period row with
/// activity counts on the last day of its period (it cannot say which day, and never counts
/// before its period has ended). A seat's last-activity date is not included: it is one
/// snapshot's claim about one day, not a record of the days in between.
pub fn active_days(facts: &Facts, mut each: impl FnMut(IdentityId, Tool, Day)) {
    for e in facts
        .events
        .iter()
        .filter(|e| user_initiated(e.role, e.tool))
    {
        each(e.identity, e.tool, Day::from_unix_seconds(e.at));
    }
    for r in facts
        .daily
        .iter()
        .filter(|r| r.breakdown.is_total() && (r.active || r.measures.any_activity()))
    {
        each(r.identity, r.tool, r.day);
    }
    for c in facts.charges.iter().filter(|c| c.quantity > 0.0) {
        if let (Some(identity), Some(tool), Some(day)) = (c.identity, c.tool, c.activity_day()) {
            each(identity, tool, day);
        }
    }
    for r in facts
        .periods
        .iter()
        .filter(|r| r.status != SeatStatus::Pending && r.has_activity())
    {
        each(r.identity, r.tool, r.period.last);
    }
}

/// The first to the last day of the tools' coverage.
fn first_to_last(coverage: &[DaySpan]) -> Option<DaySpan> {
    coverage.iter().fold(None, |acc: Option<DaySpan>, s| {
        Some(match acc {
            None => *s,
            Some(a) => DaySpan::new(a.first.min(s.first), a.last.max(s.last)),
        })
    })
}

/// The tools with data at this resolution, and each one's first-to-last day.
pub fn coverage(ctx: &Ctx, periods: bool, events_only: bool) -> (Vec<Tool>, Vec<DaySpan>) {
    let mut spans: [Option<DaySpan>; 7] = [None; 7];
    let mut widen = |tool: Tool, first: Day, last: Day| {
        let i = TOOLS.iter().position(|t| *t == tool).unwrap_or(0);
        spans[i] = Some(match spans[i] {
            None => DaySpan::new(first, last),
            Some(s) => DaySpan::new(s.first.min(first), s.last.max(last)),
        });
    };
    let f = ctx.facts;
    for e in f.events.iter().filter(|e| user_initiated(e.role, e.tool)) {
        let day = Day::from_unix_seconds(e.at);
        widen(e.tool, day, day);
    }
    if !events_only {
        // A seat's last-activity date marks a person active that day, but says nothing of the
        // other days: it does not make a tool's data reach back (only complete day-by-day
        // sources do).
        f.daily.iter().for_each(|r| widen(r.tool, r.day, r.day));
        for c in &f.charges {
            if let (Some(tool), Some(day)) = (c.tool, c.activity_day()) {
                widen(tool, day, day);
            }
        }
        if periods {
            f.periods
                .iter()
                .for_each(|r| widen(r.tool, r.period.first, r.period.last));
        }
    }
    TOOLS
        .into_iter()
        .zip(spans)
        .filter_map(|(t, s)| s.map(|s| (t, s)))
        .unzip()
}

fn series(
    ctx: &Ctx,
    grain: Grain,
    note: Option<String>,
    buckets: &[Bucket],
    tools: Vec<Tool>,
    coverage: &[DaySpan],
    periods: bool,
) -> ActivitySeries {
    let people = ctx.people.count();
    let mut masks = vec![0u8; buckets.len() * people];
    // Buckets are sorted and disjoint: the ones a day (and hour) falls in, by binary search.
    let find = |day: Day, hour: Option<u8>| -> Option<usize> {
        let i = buckets
            .partition_point(|b| b.span.last < day || (b.span.contains(day) && b.hour < hour));
        buckets
            .get(i)
            .filter(|b| b.span.contains(day) && b.hour == hour)
            .map(|_| i)
    };
    let hourly = grain == Grain::Hour;
    let mut mark = |bucket: usize, identity, tool: Tool| {
        let person = ctx.people.person(identity).0 as usize;
        masks[bucket * people + person] |= bit(tool);
    };
    let f = ctx.facts;
    for e in f.events.iter().filter(|e| user_initiated(e.role, e.tool)) {
        let day = Day::from_unix_seconds(e.at);
        let hour = hourly.then(|| (e.at.rem_euclid(86_400) / 3_600) as u8);
        if let Some(b) = find(day, hour) {
            mark(b, e.identity, e.tool);
        }
    }
    if !hourly {
        for r in f
            .daily
            .iter()
            .filter(|r| r.breakdown.is_total() && (r.active || r.measures.any_activity()))
        {
            if let Some(b) = find(r.day, None) {
                mark(b, r.identity, r.tool);
            }
        }
        for s in &f.seats {
            if let (Some(identity), Some(tool), Some(day)) = (s.identity, s.tool, s.last_activity) {
                if let Some(b) = find(day, None) {
                    mark(b, identity, tool);
                }
            }
        }
        for c in &f.charges {
            if let (Some(identity), Some(tool), Some(day)) = (c.identity, c.tool, c.activity_day())
            {
                if c.quantity > 0.0 {
                    if let Some(b) = find(day, None) {
                        mark(b, identity, tool);
                    }
                }
            }
        }
    }
    if periods {
        for r in f.periods.iter().filter(|r| r.status != SeatStatus::Pending) {
            // The buckets the period reaches into (one or two for a week at month grain).
            let start = buckets.partition_point(|b| b.span.last < r.period.first);
            for (i, b) in buckets.iter().enumerate().skip(start) {
                if b.span.first > r.period.last {
                    break;
                }
                if r.active_in(b.span) {
                    mark(i, r.identity, r.tool);
                }
            }
        }
    }
    let points = buckets
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let row = &masks[i * people..(i + 1) * people];
            // A tool counts in a bucket its data covers entirely: one whose data starts or ends
            // inside it would be undercounted there, so it is a gap.
            let covered: Vec<bool> = coverage.iter().map(|s| s.covers(b.span)).collect();
            let by_tool = tools
                .iter()
                .zip(&covered)
                .map(|(t, on)| on.then(|| row.iter().filter(|m| *m & bit(*t) != 0).count() as u32))
                .collect();
            ActivityPoint {
                span: b.span,
                hour: b.hour,
                any_tool: covered
                    .iter()
                    .all(|c| *c)
                    .then(|| row.iter().filter(|m| **m != 0).count() as u32),
                by_tool,
            }
        })
        .collect();
    ActivitySeries {
        grain,
        note,
        tools,
        points,
    }
}
