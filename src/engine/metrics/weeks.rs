//! Which weeks the data covers, and the week every headline figure is about.
//!
//! Weeks start on the day in settings, or by default on Sunday when a ChatGPT weekly Users
//! export is loaded (its periods run Sunday to Saturday) and Monday otherwise. The headline
//! week is the last complete week: one the data covers to its last day.

use crate::engine::date::{Day, DaySpan, WeekStart};
use crate::engine::facts::{Cadence, Facts, Tool};
use crate::engine::settings::Settings;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeekPlan {
    pub week_start: WeekStart,
    /// Why that day (shown in the page).
    pub week_start_reason: String,
    /// Complete weeks covered by weekly data, oldest first.
    pub weeks: Vec<DaySpan>,
    /// When no week can be used: what is missing.
    pub problem: Option<String>,
}

impl WeekPlan {
    pub fn headline(&self) -> Option<DaySpan> {
        self.weeks.last().copied()
    }

    /// The week `n` weeks before the headline, if the data covers it.
    pub fn weeks_before_headline(&self, n: u32) -> Option<DaySpan> {
        let headline = self.headline()?;
        let target = headline.first.plus(-7 * n as i32);
        self.weeks.iter().copied().find(|w| w.first == target)
    }
}

pub fn plan(facts: &Facts, settings: &Settings) -> WeekPlan {
    let weekly: Vec<DaySpan> = {
        let mut spans: Vec<DaySpan> = facts
            .periods
            .iter()
            .filter(|r| {
                r.tool == Tool::Chatgpt && r.cadence == Cadence::Weekly && r.period.days() == 7
            })
            .map(|r| r.period)
            .collect();
        spans.sort_by_key(|s| s.first);
        spans.dedup();
        spans
    };
    let daily_weeks = |start: WeekStart| -> Vec<DaySpan> {
        let Some(span) = daily_span(facts) else {
            return Vec::new();
        };
        let mut first = span.first.week_start(start);
        if first < span.first {
            first = first.plus(7);
        }
        let mut weeks = Vec::new();
        while first.plus(6) <= span.last {
            weeks.push(DaySpan::new(first, first.plus(6)));
            first = first.plus(7);
        }
        weeks
    };
    let sunday_weeks = weekly
        .iter()
        .any(|w| w.first.week_start(WeekStart::Sunday) == w.first);
    let (week_start, week_start_reason) = match settings.week_start {
        Some(start) => (start, "set in settings".to_string()),
        None if sunday_weeks => (
            WeekStart::Sunday,
            "Sunday, because the ChatGPT weekly Users export runs Sunday to Saturday".to_string(),
        ),
        None => (
            WeekStart::Monday,
            "Monday (ISO 8601), the default".to_string(),
        ),
    };
    let chatgpt_weeks: Vec<DaySpan> = weekly
        .iter()
        .copied()
        .filter(|w| w.first.week_start(week_start) == w.first)
        .collect();
    // The ChatGPT weekly export decides the weeks when it is loaded (its seats and messages are
    // weekly); otherwise every week the daily sources cover entirely.
    let weeks = if chatgpt_weeks.is_empty() && weekly.is_empty() {
        daily_weeks(week_start)
    } else {
        chatgpt_weeks
    };
    let problem = if weeks.is_empty() {
        Some(if weekly.is_empty() {
            if facts.periods.is_empty() {
                "needs chatgpt.users_csv (weekly) or a daily usage export covering a whole week"
                    .to_string()
            } else {
                "needs a weekly Users export (chatgpt.users_csv with cadence Weekly); monthly and date-range rows cannot be split into weeks".to_string()
            }
        } else {
            "the weekly Users export's weeks run Sunday to Saturday: set the week start to Sunday"
                .to_string()
        })
    } else {
        None
    };
    WeekPlan {
        week_start,
        week_start_reason,
        weeks,
        problem,
    }
}

/// First and last day of the daily sources (person-day rows, message events, organisation rows).
pub fn daily_span(facts: &Facts) -> Option<DaySpan> {
    let days = facts
        .daily
        .iter()
        .map(|r| r.day)
        .chain(facts.org_daily.iter().map(|r| r.day))
        .chain(facts.events.iter().map(|e| Day::from_unix_seconds(e.at)));
    days.fold(None, |span: Option<DaySpan>, day| {
        Some(match span {
            None => DaySpan::new(day, day),
            Some(s) => DaySpan::new(s.first.min(day), s.last.max(day)),
        })
    })
}
