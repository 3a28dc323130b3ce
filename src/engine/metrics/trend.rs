//! The buckets every trend is cut into at the page's grain (day, week or calendar month; hour
//! for the activity series), and, when a source is coarser than the grain, the grain it keeps
//! and why (METRICS.md: "a weekly or monthly row is never spread over days").
//!
//! Two kinds of trend: those built from daily rows and timestamped events (sessions, prompts,
//! tokens, Codex, Copilot…), which can be cut by day, week or month; and those built from the
//! ChatGPT Users export's rows (model mix from `model_to_messages`), which keep the export's
//! cadence: weekly rows by week, monthly rows by month.

use super::weeks::{daily_span, WeekPlan};
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::{Facts, Tool};
use crate::engine::query::Grain;
use serde::{Deserialize, Serialize};

/// Points in a trend at week grain (METRICS.md: "14-week trend").
pub const WEEKS: usize = 14;
/// Points at day grain: the 14 weeks, by day.
pub const DAYS: usize = WEEKS * 7;
/// Points at month grain.
pub const MONTHS: usize = 12;

/// The buckets of one kind of trend.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Buckets {
    /// The grain actually used (coarser than asked when the data cannot be cut finer).
    pub grain: Grain,
    /// Oldest first.
    pub spans: Vec<DaySpan>,
    /// Why the grain differs from the one asked for, or what a partial first bucket holds.
    pub note: Option<String>,
}

/// The grain asked for, and the buckets of each kind of trend.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TrendPlan {
    pub requested: Grain,
    /// Trends from daily rows and events.
    pub daily: Buckets,
    /// Trends from the ChatGPT Users export's period rows.
    pub rows: Buckets,
}

pub fn plan(facts: &Facts, weeks: &WeekPlan, requested: Grain) -> TrendPlan {
    TrendPlan {
        requested,
        daily: daily_buckets(facts, weeks, requested),
        rows: row_buckets(facts, weeks, requested),
    }
}

/// The last `WEEKS` complete weeks of the week plan.
pub fn week_buckets(weeks: &WeekPlan, note: Option<String>) -> Buckets {
    let all = &weeks.weeks;
    Buckets {
        grain: Grain::Week,
        spans: all[all.len().saturating_sub(WEEKS)..].to_vec(),
        note: note.or_else(|| weeks.problem.clone()),
    }
}

/// Every day of the last `DAYS` days of `span`.
pub fn days_of(span: DaySpan) -> Vec<DaySpan> {
    let first = span.first.max(span.last.plus(1 - DAYS as i32));
    (first.0..=span.last.0)
        .map(|d| DaySpan::new(Day(d), Day(d)))
        .collect()
}

/// The calendar month containing `day`.
pub fn month_of(day: Day) -> DaySpan {
    let first = day.month_start();
    let next = first.plus(31).month_start();
    DaySpan::new(first, next.plus(-1))
}

/// Every calendar month that `span` covers entirely, oldest first: a month the data starts or
/// ends inside would be undercounted, so it is left out.
pub fn whole_months(span: DaySpan) -> Vec<DaySpan> {
    let mut months = Vec::new();
    let mut month = month_of(span.first);
    while month.last <= span.last {
        if span.covers(month) {
            months.push(month);
        }
        month = month_of(month.last.plus(1));
    }
    months
}

/// The last `MONTHS` calendar months that `span` covers entirely (see [`whole_months`]).
pub fn months_of(span: DaySpan) -> Vec<DaySpan> {
    let months = whole_months(span);
    months[months.len().saturating_sub(MONTHS)..].to_vec()
}

/// "Aug 2026".
pub fn month_name(month: DaySpan) -> String {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m, _) = month.first.ymd();
    format!("{} {y}", NAMES[(m as usize).clamp(1, 12) - 1])
}

fn daily_buckets(facts: &Facts, weeks: &WeekPlan, requested: Grain) -> Buckets {
    let Some(span) = daily_span(facts) else {
        return week_buckets(
            weeks,
            (requested != Grain::Week).then(|| {
                format!(
                    "shown by week: no daily export is loaded, and weekly rows are never split {}",
                    if requested == Grain::Month {
                        "across months"
                    } else {
                        "into days"
                    }
                )
            }),
        );
    };
    match requested {
        Grain::Week => week_buckets(weeks, None),
        Grain::Day => Buckets {
            grain: Grain::Day,
            spans: days_of(span),
            note: None,
        },
        Grain::Hour => Buckets {
            grain: Grain::Day,
            spans: days_of(span),
            note: Some(
                "shown by day: hours are on the Overview's activity chart and in Timing".into(),
            ),
        },
        Grain::Month => {
            let months = months_of(span);
            if months.is_empty() {
                week_buckets(
                    weeks,
                    Some(format!(
                        "shown by week: the daily data ({} to {}) covers no whole calendar month",
                        span.first, span.last
                    )),
                )
            } else {
                Buckets {
                    note: None,
                    grain: Grain::Month,
                    spans: months,
                }
            }
        }
    }
}

fn row_buckets(facts: &Facts, weeks: &WeekPlan, requested: Grain) -> Buckets {
    let users_rows = facts.periods.iter().any(|r| r.tool == Tool::Chatgpt);
    match requested {
        Grain::Week => week_buckets(weeks, None),
        Grain::Month => {
            let mut months: Vec<DaySpan> = facts
                .periods
                .iter()
                .filter(|r| r.tool == Tool::Chatgpt && r.period == month_of(r.period.first))
                .map(|r| r.period)
                .collect();
            months.sort_by_key(|m| m.first);
            months.dedup();
            if months.is_empty() {
                week_buckets(
                    weeks,
                    users_rows.then(|| {
                        "shown by week: months need chatgpt.users_csv exported monthly (weekly rows are never split across months)".to_string()
                    }),
                )
            } else {
                Buckets {
                    grain: Grain::Month,
                    spans: months[months.len().saturating_sub(MONTHS)..].to_vec(),
                    note: None,
                }
            }
        }
        Grain::Day | Grain::Hour => week_buckets(
            weeks,
            users_rows.then(|| {
                "shown by week: the ChatGPT Users export has one row per person and week, never split into days".to_string()
            }),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Day {
        Day::parse(text).expect("date")
    }

    #[test]
    fn months_are_the_calendar_months_the_data_covers_entirely() {
        // Data 17 Aug – 21 Nov 2026: August starts before the data and November ends after it;
        // September and October are covered from their first day to their last.
        let months = months_of(DaySpan::new(d("2026-08-17"), d("2026-11-21")));
        assert_eq!(
            months,
            vec![
                DaySpan::new(d("2026-09-01"), d("2026-09-30")),
                DaySpan::new(d("2026-10-01"), d("2026-10-31")),
            ]
        );
        assert_eq!(month_name(months[0]), "Sep 2026");
        // February of a leap year, and December into January.
        assert_eq!(
            month_of(d("2028-02-10")),
            DaySpan::new(d("2028-02-01"), d("2028-02-29"))
        );
        assert_eq!(
            months_of(DaySpan::new(d("2025-12-01"), d("2026-01-31"))).len(),
            2
        );
        assert!(months_of(DaySpan::new(d("2026-02-02"), d("2026-03-30"))).is_empty());
    }

    #[test]
    fn days_are_the_last_fourteen_weeks() {
        let days = days_of(DaySpan::new(d("2026-01-01"), d("2026-11-21")));
        assert_eq!(days.len(), 98);
        assert_eq!(days[97], DaySpan::new(d("2026-11-21"), d("2026-11-21")));
        // 21 Nov − 97 days: −21 → 31 Oct, −31 → 30 Sep (52), −30 → 31 Aug (82), −15 → 16 Aug (97).
        assert_eq!(days[0].first, d("2026-08-16"));
        assert_eq!(
            days_of(DaySpan::new(d("2026-11-20"), d("2026-11-21"))).len(),
            2
        );
    }
}
