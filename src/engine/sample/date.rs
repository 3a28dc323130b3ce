//! Civil (proleptic Gregorian) dates as days since 1970-01-01, and the sample's calendar.
//! No clock is read: the sample organisation lives at a fixed point in time.

/// Days since 1970-01-01 of a year/month/day (Howard Hinnant's `days_from_civil`).
pub(super) const fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i64;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Year, month, day of a day number (Howard Hinnant's `civil_from_days`).
pub(super) const fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m as u32, d as u32)
}

/// Day of the week: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
pub(super) const fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// `YYYY-MM-DD`.
pub(super) fn ymd(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
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
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
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
