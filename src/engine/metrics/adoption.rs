//! Seats and adoption for one week, person by person, so that totals and every breakdown are
//! recounted from the same person rows (distinct people, never sums of daily counts).
//!
//! Definitions (METRICS.md): a seat is an enabled seat in the week's snapshot; activated = a
//! seat holder active at least once up to the week's end; weekly active = activity proven inside
//! the week; monthly active = inside the 28 days ending with it; messages are the user-sent
//! messages of the week's weekly rows.

use super::people::People;
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::{Facts, SeatStatus, Tool};
use crate::engine::settings::Settings;

/// One person's figures for one week.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PersonWeek {
    pub seat: bool,
    pub pending: bool,
    pub activated: bool,
    pub weekly_active: bool,
    pub monthly_active: bool,
    /// Seat holder with no activity in the unused window, not a new starter or on leave.
    pub unused: bool,
    pub messages: u64,
    /// Active in a row whose period is exactly this week (the denominator of per-user rates).
    pub active_in_week_rows: bool,
    pub advanced_messages: u64,
    pub model_messages: u64,
}

/// Sums of [`PersonWeek`]s over a group of people.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WeekTotals {
    pub people: u32,
    pub seats: u32,
    pub pending: u32,
    pub activated: u32,
    pub weekly_active: u32,
    pub monthly_active: u32,
    pub unused: u32,
    pub messages: u64,
    pub active_in_week_rows: u32,
    pub advanced_messages: u64,
    pub model_messages: u64,
}

impl WeekTotals {
    pub fn add(&mut self, p: &PersonWeek) {
        self.people += 1;
        self.seats += u32::from(p.seat);
        self.pending += u32::from(p.pending);
        self.activated += u32::from(p.activated);
        self.weekly_active += u32::from(p.weekly_active);
        self.monthly_active += u32::from(p.monthly_active);
        self.unused += u32::from(p.unused);
        self.messages += p.messages;
        self.active_in_week_rows += u32::from(p.active_in_week_rows);
        self.advanced_messages += p.advanced_messages;
        self.model_messages += p.model_messages;
    }

    pub fn merge(&mut self, other: &WeekTotals) {
        self.people += other.people;
        self.seats += other.seats;
        self.pending += other.pending;
        self.activated += other.activated;
        self.weekly_active += other.weekly_active;
        self.monthly_active += other.monthly_active;
        self.unused += other.unused;
        self.messages += other.messages;
        self.active_in_week_rows += other.active_in_week_rows;
        self.advanced_messages += other.advanced_messages;
        self.model_messages += other.model_messages;
    }

    pub fn activation_rate(&self) -> Option<f64> {
        ratio(self.activated as f64, self.seats as f64)
    }
    pub fn stickiness(&self) -> Option<f64> {
        ratio(self.weekly_active as f64, self.monthly_active as f64)
    }
    pub fn messages_per_active_user(&self) -> Option<f64> {
        ratio(self.messages as f64, self.active_in_week_rows as f64)
    }
    pub fn advanced_model_share(&self) -> Option<f64> {
        ratio(self.advanced_messages as f64, self.model_messages as f64)
    }
}

pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator > 0.0).then(|| numerator / denominator)
}

/// Per person, the first day they were seen active (a period's first active day, the period
/// start of an active row, or a native last-active date).
pub fn first_activity(facts: &Facts, people: &People) -> Vec<Option<Day>> {
    let mut first: Vec<Option<Day>> = vec![None; people.count()];
    for row in &facts.periods {
        let seen = row
            .has_activity()
            .then(|| row.first_active_in_period.unwrap_or(row.period.first));
        if let Some(day) = seen {
            let slot = &mut first[people.person(row.identity).0 as usize];
            if slot.is_none_or(|d| day < d) {
                *slot = Some(day);
            }
        }
        if let Some(day) = row.last_active_ever {
            let slot = &mut first[people.person(row.identity).0 as usize];
            if slot.is_none_or(|d| day < d) {
                *slot = Some(day);
            }
        }
    }
    first
}

/// The ChatGPT period rows (the adoption rows), ordered by their first day, so that a week's
/// figures read only the rows that can reach into it.
#[derive(Debug, Default)]
pub struct AdoptionRows {
    /// Indices into `facts.periods`, by period start.
    order: Vec<u32>,
    /// The longest period among them, in days.
    longest: i32,
    /// Per interned string: is it a model of the advanced tier (settings)?
    advanced: Vec<bool>,
}

impl AdoptionRows {
    pub fn of(facts: &Facts, settings: &Settings) -> AdoptionRows {
        let mut order: Vec<u32> = (0..facts.periods.len() as u32)
            .filter(|&i| facts.periods[i as usize].tool == Tool::Chatgpt)
            .collect();
        order.sort_by_key(|&i| facts.periods[i as usize].period.first);
        let longest = order
            .iter()
            .map(|&i| facts.periods[i as usize].period.days())
            .max()
            .unwrap_or(0);
        let advanced = (0..facts.strings.len() as u32)
            .map(|i| settings.is_advanced(facts.strings.resolve(crate::engine::intern::Sym(i))))
            .collect();
        AdoptionRows {
            order,
            longest,
            advanced,
        }
    }

    /// The rows whose period overlaps `first..=last`, by period start.
    pub fn overlapping<'s, 'f: 's>(
        &'s self,
        facts: &'f Facts,
        first: Day,
        last: Day,
    ) -> impl Iterator<Item = &'f crate::engine::facts::PeriodActivity> + 's {
        let earliest = first.plus(-self.longest);
        let start = self
            .order
            .partition_point(|&i| facts.periods[i as usize].period.first < earliest);
        self.order[start..]
            .iter()
            .map(|&i| &facts.periods[i as usize])
            .take_while(move |r| r.period.first <= last)
            .filter(move |r| r.period.last >= first)
    }
}

/// Every person's figures for `week` (a complete week present in the data).
pub fn person_weeks(
    facts: &Facts,
    people: &People,
    first_active: &[Option<Day>],
    settings: &Settings,
    week: DaySpan,
    rows: &AdoptionRows,
) -> Vec<PersonWeek> {
    let mut out = vec![PersonWeek::default(); people.count()];
    let month = DaySpan::new(week.last.plus(-27), week.last);
    let unused_window = DaySpan::new(
        week.last.plus(1 - settings.unused_after_days.max(1) as i32),
        week.last,
    );
    let mut recently_active = vec![false; people.count()];
    let advanced = &rows.advanced;
    for row in rows.overlapping(facts, month.first.min(unused_window.first), week.last) {
        let person = people.person(row.identity).0 as usize;
        let p = &mut out[person];
        if row.period == week {
            match row.status {
                SeatStatus::Enabled => p.seat = true,
                SeatStatus::Pending => p.pending = true,
                SeatStatus::Deactivated => {}
            }
            p.messages += u64::from(row.messages);
            if row.has_activity() {
                p.active_in_week_rows = true;
            }
            for model in facts.models_of(row) {
                p.model_messages += u64::from(model.messages);
                if advanced
                    .get(model.model.0 as usize)
                    .copied()
                    .unwrap_or(false)
                {
                    p.advanced_messages += u64::from(model.messages);
                }
            }
        }
        if row.status != SeatStatus::Pending {
            p.weekly_active |= row.active_in(week);
            p.monthly_active |= row.active_in(month);
            recently_active[person] |= row.active_in(unused_window);
        }
    }
    for (person, p) in out.iter_mut().enumerate() {
        if p.seat {
            p.pending = false;
        }
        p.activated = p.seat && first_active[person].is_some_and(|d| d <= week.last);
        if p.seat && !recently_active[person] {
            let record = people.record(facts, super::people::PersonId(person as u32));
            let new_starter = record
                .and_then(|r| r.hired)
                .is_some_and(|d| unused_window.first <= d);
            let on_leave = record.is_some_and(|r| r.on_leave);
            p.unused = !new_starter && !on_leave;
        }
    }
    out
}
