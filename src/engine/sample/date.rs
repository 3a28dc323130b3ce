//! Civil (proleptic Gregorian) dates as days since 1970-01-01, and the sample's calendar.
//! No clock is read: the sample organisation lives at a fixed point in time.

use crate::engine::date::{days_from_civil as days, Day};

/// Days since 1970-01-01 of a year/month/day (the engine's calendar, in the sample's `i64`).
pub(super) const fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    days(year as i32, month, day) as i64
}

/// Day of the week: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
pub(super) const fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// `YYYY-MM-DD`.
pub(super) fn ymd(day: i64) -> String {
    Day(day as i32).to_string()
}

/// Number of weekly periods in the Users export.
pub(super) const WEEKS: usize = 20;
/// First day (a Sunday) of the first weekly period.
pub(super) const FIRST_PERIOD: i64 = days_from_civil(2026, 6, 28);
/// The snapshot day: end of the last period and the HRIS report date (a Saturday).
pub(super) const SNAPSHOT: i64 = days_from_civil(2026, 11, 14);

/// First day (Sunday) of period `week` (0-based).
pub(super) const fn period_start(week: usize) -> i64 {
    FIRST_PERIOD + 7 * week as i64
}

/// Last day (Saturday) of period `week`, inclusive.
pub(super) const fn period_end(week: usize) -> i64 {
    period_start(week) + 6
}

/// Index of the period holding `day`; negative before the first, ≥ `WEEKS` after the last.
pub(super) const fn week_of(day: i64) -> i64 {
    (day - FIRST_PERIOD).div_euclid(7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_weekdays() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for d in -800_000..800_000 {
            if d % 97 != 0 {
                continue;
            }
            let (y, m, dd) = crate::engine::date::civil_from_days(d as i32);
            assert_eq!(days_from_civil(i64::from(y), m, dd), d);
        }
        assert_eq!(ymd(days_from_civil(2024, 2, 29)), "2024-02-29");
        assert_eq!(weekday(FIRST_PERIOD), 0, "2026-06-28 is a Sunday");
        assert_eq!(weekday(SNAPSHOT), 6, "2026-11-14 is a Saturday");
        assert_eq!(period_end(WEEKS - 1), SNAPSHOT);
        assert_eq!(ymd(period_start(WEEKS - 1)), "2026-11-08");
        assert_eq!(week_of(FIRST_PERIOD - 1), -1);
        assert_eq!(week_of(SNAPSHOT), WEEKS as i64 - 1);
    }
}
