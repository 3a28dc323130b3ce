//! Who was active on which tool, when: every fact that proves activity, read once per Report
//! into marks sorted by day, so that "who was active in this window" (asked for every week,
//! month and trend bucket of every view) reads only the marks inside the window instead of
//! every fact again.
//!
//! A mark is what [`super::activity`] counts as activity (METRICS.md "Active on a tool"): a day
//! (a period's first or last active day, an active person-day row, a user-initiated message, a
//! seat's last-activity date, a billed line), or a whole period that a window must cover (an
//! active weekly or monthly row with no active day given).

use super::people::People;
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::{Facts, Role, SeatStatus, Tool};

use super::activity::bit;

/// One proof of activity: `person` was active on `tools` on `first` (a day: `last == first`),
/// or over the whole of `first..=last` (a window counts it only when it covers the span).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Mark {
    first: Day,
    last: Day,
    person: u32,
    tools: u8,
}

/// Every activity mark of a Report's facts, sorted by first day.
#[derive(Debug, Default)]
pub struct ActivityIndex {
    marks: Vec<Mark>,
    people: usize,
}

impl ActivityIndex {
    pub fn of(facts: &Facts, people: &People) -> ActivityIndex {
        let mut marks = Vec::new();
        let mut day = |identity, tool: Tool, day: Day| {
            marks.push(Mark {
                first: day,
                last: day,
                person: people.person(identity).0,
                tools: bit(tool),
            });
        };
        for row in facts
            .periods
            .iter()
            .filter(|r| r.status != SeatStatus::Pending)
        {
            if let Some(first) = row.first_active_in_period {
                day(row.identity, row.tool, first);
            }
            if let Some(last) = row
                .last_active_in_period
                .filter(|d| Some(*d) != row.first_active_in_period)
            {
                day(row.identity, row.tool, last);
            }
        }
        for row in &facts.daily {
            if row.breakdown.is_total() && (row.active || row.measures.any_activity()) {
                day(row.identity, row.tool, row.day);
            }
        }
        for event in &facts.events {
            if event.role == Role::User || event.tool == Tool::Codex {
                day(event.identity, event.tool, Day::from_unix_seconds(event.at));
            }
        }
        for seat in &facts.seats {
            if let (Some(identity), Some(tool), Some(last)) =
                (seat.identity, seat.tool, seat.last_activity)
            {
                day(identity, tool, last);
            }
        }
        for charge in &facts.charges {
            if let (Some(identity), Some(tool), Some(on)) =
                (charge.identity, charge.tool, charge.activity_day())
            {
                if charge.quantity > 0.0 {
                    day(identity, tool, on);
                }
            }
        }
        // An active row whose days are not given proves activity over its whole period.
        for row in facts
            .periods
            .iter()
            .filter(|r| r.status != SeatStatus::Pending)
        {
            if row.is_active || row.messages > 0 {
                marks.push(Mark {
                    first: row.period.first,
                    last: row.period.last,
                    person: people.person(row.identity).0,
                    tools: bit(row.tool),
                });
            }
        }
        marks.sort_unstable();
        // The same person on the same day (or span) once, with every tool of theirs.
        marks.dedup_by(|next, kept| {
            let same = (next.first, next.last, next.person) == (kept.first, kept.last, kept.person);
            if same {
                kept.tools |= next.tools;
            }
            same
        });
        marks.shrink_to_fit();
        ActivityIndex {
            marks,
            people: people.count(),
        }
    }

    /// Per person, a bit mask of the tools they were active on inside `window` (the bits of
    /// [`super::activity::TOOLS`]).
    pub fn active_tools(&self, window: DaySpan) -> Vec<u8> {
        let mut mask = vec![0u8; self.people];
        let start = self.marks.partition_point(|m| m.first < window.first);
        for m in self.marks[start..]
            .iter()
            .take_while(|m| m.first <= window.last)
        {
            if m.last <= window.last {
                mask[m.person as usize] |= m.tools;
            }
        }
        mask
    }

    /// How many marks are kept (for benchmarks' memory notes).
    pub fn len(&self) -> usize {
        self.marks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dataset::Dataset;
    use crate::engine::identity::OrgKey;
    use crate::engine::ingest::{ingest, IngestOptions};
    use crate::engine::sample::{sample_organisation, SAMPLE_SEED};

    /// The definition, fact by fact (what every view counted before the index): the index must
    /// give exactly this for every window.
    fn scan(facts: &Facts, people: &People, window: DaySpan) -> Vec<u8> {
        let mut mask = vec![0u8; people.count()];
        let mut mark = |identity, tool| mask[people.person(identity).0 as usize] |= bit(tool);
        for row in &facts.periods {
            if row.status != SeatStatus::Pending && row.active_in(window) {
                mark(row.identity, row.tool);
            }
        }
        for row in &facts.daily {
            if row.breakdown.is_total()
                && window.contains(row.day)
                && (row.active || row.measures.any_activity())
            {
                mark(row.identity, row.tool);
            }
        }
        for event in &facts.events {
            let user_initiated = event.role == Role::User || event.tool == Tool::Codex;
            if user_initiated && window.contains(Day::from_unix_seconds(event.at)) {
                mark(event.identity, event.tool);
            }
        }
        for seat in &facts.seats {
            if let (Some(identity), Some(tool), Some(day)) =
                (seat.identity, seat.tool, seat.last_activity)
            {
                if window.contains(day) {
                    mark(identity, tool);
                }
            }
        }
        for charge in &facts.charges {
            if let (Some(identity), Some(tool), Some(day)) =
                (charge.identity, charge.tool, charge.activity_day())
            {
                if window.contains(day) && charge.quantity > 0.0 {
                    mark(identity, tool);
                }
            }
        }
        mask
    }

    #[test]
    fn the_index_gives_what_a_scan_of_every_fact_gives_for_every_window() {
        let key = OrgKey::from_bytes([7; 32]);
        let mut dataset = Dataset::default();
        for (i, file) in sample_organisation(SAMPLE_SEED).iter().enumerate() {
            let outcome = ingest(&file.bytes[..], &IngestOptions::new(&key));
            dataset.add(i as u32, &file.name, file.bytes.len() as u64, outcome);
        }
        let facts = dataset.facts();
        let people = People::resolve(facts);
        let index = ActivityIndex::of(facts, &people);
        let span = crate::engine::query::data_span(facts).expect("the sample has data");
        let mut windows = 0;
        // Every day, week, 4 weeks and 28 days starting anywhere in the data, and all of it.
        for start in span.first.0 - 7..=span.last.0 {
            for length in [1, 7, 28, 31] {
                let window = DaySpan::new(Day(start), Day(start + length - 1));
                assert_eq!(index.active_tools(window), scan(facts, &people, window));
                windows += 1;
            }
        }
        assert_eq!(index.active_tools(span), scan(facts, &people, span));
        assert!(windows > 400, "{windows} windows");
        assert!(index.len() > 1000, "{} marks", index.len());
    }
}
