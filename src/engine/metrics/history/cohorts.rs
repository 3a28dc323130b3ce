//! Cohort progression month over month: for each calendar month the activity data covers
//! entirely, the people active in it or in the month before, as new, retained, reactivated or
//! lapsed (see the parent module for every rule and choice).

use super::super::activity_series::{active_days, coverage};
use super::super::context::Ctx;
use super::super::trend::{month_name, month_of, whole_months};
use crate::engine::date::{Day, DaySpan};
use serde::{Deserialize, Serialize};

/// Where one person stands in a month, against the month before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cohort {
    /// Active in the month, never active in any earlier month of the data.
    New,
    /// Active in the month and in the month before.
    Retained,
    /// Active in the month, not in the month before, but in some month before that.
    Reactivated,
    /// Active in the month before, not in the month.
    Lapsed,
}

/// A person's cohort in a month from whether they were active in it, in the month before it,
/// and in any month before that; `None` when active in neither the month nor the month before.
pub fn classify(in_month: bool, in_previous: bool, before_previous: bool) -> Option<Cohort> {
    match (in_month, in_previous, before_previous) {
        (true, true, _) => Some(Cohort::Retained),
        (true, false, true) => Some(Cohort::Reactivated),
        (true, false, false) => Some(Cohort::New),
        (false, true, _) => Some(Cohort::Lapsed),
        (false, false, _) => None,
    }
}

/// One covered month: distinct people (after linking, across every tool) by cohort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortMonth {
    /// The calendar month (first to last day).
    pub month: DaySpan,
    /// "Mar 2026".
    pub label: String,
    /// People active in the month: `new + retained + reactivated`.
    pub active: u32,
    pub new: u32,
    pub retained: u32,
    pub reactivated: u32,
    pub lapsed: u32,
    /// `retained / active in the month before`; `None` when the month before is not covered
    /// entirely or nobody was active in it.
    pub retention_rate: Option<f64>,
    /// Whether the data covers the month before entirely. When it does not (the first covered
    /// month), the cohorts are counted against the part of it the data holds.
    pub previous_covered: bool,
}

impl CohortMonth {
    fn new(month: DaySpan, previous_covered: bool) -> CohortMonth {
        CohortMonth {
            month,
            label: month_name(month),
            active: 0,
            new: 0,
            retained: 0,
            reactivated: 0,
            lapsed: 0,
            retention_rate: None,
            previous_covered,
        }
    }

    pub fn add(&mut self, cohort: Cohort) {
        match cohort {
            Cohort::New => self.new += 1,
            Cohort::Retained => self.retained += 1,
            Cohort::Reactivated => self.reactivated += 1,
            Cohort::Lapsed => self.lapsed += 1,
        }
        self.active = self.new + self.retained + self.reactivated;
    }
}

/// The days every tool with activity data covers (the latest first day to the earliest last
/// day): a month one tool's data does not reach would undercount that tool's people.
pub fn covered_span(ctx: &Ctx) -> Option<DaySpan> {
    let (_, spans) = coverage(ctx, true, false);
    let first = spans.iter().map(|s| s.first).max()?;
    let last = spans.iter().map(|s| s.last).min()?;
    (first <= last).then(|| DaySpan::new(first, last))
}

/// Per person (index = `PersonId.0`): the first day of every month they were active in, sorted.
fn active_months(ctx: &Ctx) -> Vec<Vec<Day>> {
    let mut months: Vec<Vec<Day>> = vec![Vec::new(); ctx.people.count()];
    active_days(ctx.facts, |identity, _, day| {
        if let Some(list) = months.get_mut(ctx.people.person(identity).0 as usize) {
            let month = day.month_start();
            if list.last() != Some(&month) {
                list.push(month);
            }
        }
    });
    for list in &mut months {
        list.sort_unstable();
        list.dedup();
    }
    months
}

/// Every month `span` covers entirely, oldest first, with its cohorts.
pub fn months(ctx: &Ctx, span: DaySpan) -> Vec<CohortMonth> {
    let covered = whole_months(span);
    if covered.is_empty() {
        return Vec::new();
    }
    let people = active_months(ctx);
    covered
        .iter()
        .map(|&month| {
            let previous = month_of(month.first.plus(-1));
            let mut row = CohortMonth::new(month, span.covers(previous));
            for list in &people {
                let in_month = list.binary_search(&month.first).is_ok();
                let in_previous = list.binary_search(&previous.first).is_ok();
                let before_previous = list.first().is_some_and(|m| *m < previous.first);
                if let Some(cohort) = classify(in_month, in_previous, before_previous) {
                    row.add(cohort);
                }
            }
            // Everyone active in the month before was retained or lapsed.
            let previous_active = row.retained + row.lapsed;
            row.retention_rate = (row.previous_covered && previous_active > 0)
                .then(|| f64::from(row.retained) / f64::from(previous_active));
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_combination_of_the_three_months() {
        use Cohort::*;
        // (in the month, in the month before, in any month before that) → cohort.
        let cases = [
            ((true, true, true), Some(Retained)),
            ((true, true, false), Some(Retained)),
            ((true, false, true), Some(Reactivated)),
            ((true, false, false), Some(New)),
            ((false, true, true), Some(Lapsed)),
            ((false, true, false), Some(Lapsed)),
            // Active only long ago, or never: not part of the month at all.
            ((false, false, true), None),
            ((false, false, false), None),
        ];
        for ((m, p, b), expected) in cases {
            assert_eq!(classify(m, p, b), expected, "({m}, {p}, {b})");
        }
    }

    #[test]
    fn active_counts_the_three_cohorts_of_the_month() {
        let month = DaySpan::new(Day(0), Day(30));
        let mut row = CohortMonth::new(month, true);
        for cohort in [
            Cohort::New,
            Cohort::Retained,
            Cohort::Retained,
            Cohort::Reactivated,
            Cohort::Lapsed,
        ] {
            row.add(cohort);
        }
        // 1 new + 2 retained + 1 reactivated = 4; the lapsed person is not active.
        assert_eq!(
            (
                row.active,
                row.new,
                row.retained,
                row.reactivated,
                row.lapsed
            ),
            (4, 1, 2, 1, 1)
        );
    }
}
