//! Calendar days as plain integers: parsing `YYYY-MM-DD`, weekdays and week starts, all UTC.
//!
//! A [`Day`] counts days since 1970-01-01. No clock is read anywhere: the engine only knows the
//! dates that appear in the data it was given.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A UTC calendar day, as days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Day(pub i32);

/// The day a week starts on (METRICS.md: Sunday with ChatGPT weekly exports, else Monday).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum WeekStart {
    Sunday,
    #[default]
    Monday,
}

impl Day {
    /// Builds a day from a civil date; `None` when the date does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Day(days_from_civil(year, month, day)))
    }

    /// The civil date (year, month, day).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// Parses `YYYY-MM-DD`, also accepting a time part after it (`2025-04-05T00:00:00Z`,
    /// `2025-04-05 10:00`), which is ignored.
    pub fn parse(text: &str) -> Option<Day> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        if bytes.len() > 10 && !matches!(bytes[10], b'T' | b't' | b' ') {
            return None;
        }
        let year = parse_digits(&bytes[0..4])?;
        let month = parse_digits(&bytes[5..7])?;
        let day = parse_digits(&bytes[8..10])?;
        Day::from_ymd(year as i32, month, day)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday_from_monday(self) -> u32 {
        // 1970-01-01 was a Thursday (3 days after Monday).
        (self.0 + 3).rem_euclid(7) as u32
    }

    /// The first day of the week containing `self`.
    pub fn week_start(self, start: WeekStart) -> Day {
        let offset = match start {
            WeekStart::Monday => self.weekday_from_monday(),
            WeekStart::Sunday => (self.weekday_from_monday() + 1) % 7,
        };
        Day(self.0 - offset as i32)
    }

    pub fn plus(self, days: i32) -> Day {
        Day(self.0 + days)
    }

    /// The UTC day of a Unix timestamp in seconds.
    pub fn from_unix_seconds(seconds: i64) -> Day {
        Day(seconds.div_euclid(86_400) as i32)
    }

    /// The Unix timestamp of this day's midnight, UTC.
    pub fn unix_seconds(self) -> i64 {
        i64::from(self.0) * 86_400
    }

    /// First day of this day's month.
    pub fn month_start(self) -> Day {
        let (y, m, _) = self.ymd();
        Day::from_ymd(y, m, 1).unwrap_or(self)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`); the date is
/// not checked (see [`Day::from_ymd`]).
pub const fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number (Howard Hinnant's `civil_from_days`).
pub const fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Parses an ISO 8601 / RFC 3339 timestamp (`2026-05-20T12:47:09.501218Z`,
/// `2026-03-28T06:54:33+02:00`, `2026-05-20 12:47:09`) into Unix seconds, UTC. A date alone
/// is its midnight. No offset means UTC.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    let day = Day::parse(text)?;
    let rest = text.get(10..).unwrap_or("");
    if rest.is_empty() {
        return Some(day.unix_seconds());
    }
    let time = rest.get(1..)?;
    let bytes = time.as_bytes();
    if bytes.len() < 5 || bytes[2] != b':' {
        return None;
    }
    let hour = i64::from(parse_digits(&bytes[0..2])?);
    let minute = i64::from(parse_digits(&bytes[3..5])?);
    let mut pos = 5;
    let mut second = 0;
    if bytes.get(5) == Some(&b':') {
        second = i64::from(parse_digits(bytes.get(6..8)?)?);
        pos = 8;
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
        }
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset = match &time[pos..] {
        "" | "Z" | "z" => 0,
        zone => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let digits: Vec<u8> = zone.bytes().skip(1).filter(u8::is_ascii_digit).collect();
            if digits.len() != 4 {
                return None;
            }
            let h = i64::from(parse_digits(&digits[0..2])?);
            let m = i64::from(parse_digits(&digits[2..4])?);
            sign * (h * 3600 + m * 60)
        }
    };
    Some(day.unix_seconds() + hour * 3600 + minute * 60 + second - offset)
}

fn parse_digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// An inclusive span of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySpan {
    pub first: Day,
    pub last: Day,
}

impl DaySpan {
    pub fn new(first: Day, last: Day) -> DaySpan {
        DaySpan { first, last }
    }
    pub fn contains(&self, day: Day) -> bool {
        self.first <= day && day <= self.last
    }
    /// True when `inner` lies entirely inside `self`.
    pub fn covers(&self, inner: DaySpan) -> bool {
        self.first <= inner.first && inner.last <= self.last
    }
    pub fn days(&self) -> i32 {
        self.last.0 - self.first.0 + 1
    }
    /// The smallest span that covers both.
    pub fn union(self, other: DaySpan) -> DaySpan {
        DaySpan::new(self.first.min(other.first), self.last.max(other.last))
    }
}

/// The calendar days written in a file name (`spend-2026-10-01_2026-10-31.csv`,
/// `gemini_20261130.csv`), in order: `YYYY-MM-DD`, `YYYY_MM_DD` or eight digits `YYYYMMDD`
/// that are a real day between 2015 and 2099. Used only to suggest an answer to the analyst.
pub fn days_in_name(name: &str) -> Vec<Day> {
    let b = name.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let digit = |j: usize| b.get(j).is_some_and(u8::is_ascii_digit);
        let boundary = i == 0 || !b[i - 1].is_ascii_digit();
        let found = if !boundary || !(i..i + 4).all(digit) {
            None
        } else if matches!(b.get(i + 4), Some(b'-' | b'_' | b'.'))
            && b.get(i + 7) == b.get(i + 4)
            && [5, 6, 8, 9].iter().all(|&k| digit(i + k))
            && !digit(i + 10)
        {
            Some((10, [i + 5, i + 8]))
        } else if (i..i + 8).all(digit) && !digit(i + 8) {
            Some((8, [i + 4, i + 6]))
        } else {
            None
        };
        let day = found.and_then(|(len, [m, d])| {
            let num = |at: usize, n: usize| name.get(at..at + n)?.parse::<u32>().ok();
            let year = num(i, 4)? as i32;
            let day = Day::from_ymd(year, num(m, 2)?, num(d, 2)?)?;
            (2015..2100).contains(&year).then_some((len, day))
        });
        match day {
            Some((len, day)) => {
                out.push(day);
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_days_written_in_a_file_name() {
        let d = |y, m, dd| Day::from_ymd(y, m, dd).unwrap();
        assert_eq!(
            days_in_name("claude-spend-2026-10-01_2026-10-31.csv"),
            vec![d(2026, 10, 1), d(2026, 10, 31)]
        );
        assert_eq!(
            days_in_name("gemini_usage_20261130.csv"),
            vec![d(2026, 11, 30)]
        );
        assert_eq!(
            days_in_name("report_2026_11_30 (1).csv"),
            vec![d(2026, 11, 30)]
        );
        // Not days: a 13th month, a year before 2015, nine digits, mixed separators.
        assert!(days_in_name("x-2026-13-01.csv").is_empty());
        assert!(days_in_name("x-1999-01-01.csv").is_empty());
        assert!(days_in_name("id_202611300.csv").is_empty());
        assert!(days_in_name("x-2026-10_01.csv").is_empty());
    }

    #[test]
    fn round_trips_civil_dates() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2000, 2, 29),
            (2025, 3, 30),
            (2026, 11, 14),
            (1969, 12, 31),
        ] {
            let day = Day::from_ymd(y, m, d).expect("valid date");
            assert_eq!(day.ymd(), (y, m, d));
        }
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day::from_ymd(2025, 2, 29), None);
    }

    #[test]
    fn parses_dates_with_and_without_time() {
        assert_eq!(
            Day::parse("2025-03-30").map(|d| d.to_string()).as_deref(),
            Some("2025-03-30")
        );
        assert_eq!(
            Day::parse("2025-09-01T00:00:00Z"),
            Day::from_ymd(2025, 9, 1)
        );
        assert_eq!(Day::parse("2025-13-01"), None);
        assert_eq!(Day::parse("03/04/2026"), None);
        assert_eq!(Day::parse("2025-03-301"), None);
    }

    #[test]
    fn timestamps_with_fractions_and_offsets() {
        // 2026-05-20 is day 20593; 20593 × 86400 = 1 779 235 200.
        assert_eq!(parse_timestamp("2026-05-20T00:00:00Z"), Some(1_779_235_200));
        assert_eq!(
            parse_timestamp("2026-05-20T12:47:09.501218Z"),
            Some(1_779_235_200 + 12 * 3600 + 47 * 60 + 9)
        );
        assert_eq!(
            parse_timestamp("2026-05-20T02:00:00+02:00"),
            Some(1_779_235_200)
        );
        assert_eq!(
            parse_timestamp("2026-05-20 12:00"),
            Some(1_779_235_200 + 12 * 3600)
        );
        assert_eq!(parse_timestamp("2026-05-20"), Some(1_779_235_200));
        assert_eq!(parse_timestamp("yesterday"), None);
        assert_eq!(
            Day::from_unix_seconds(1_779_235_200 + 86_399).to_string(),
            "2026-05-20"
        );
        assert_eq!(Day::from_unix_seconds(-1).to_string(), "1969-12-31");
    }

    #[test]
    fn weeks_start_on_sunday_or_monday() {
        // 2025-03-30 was a Sunday; 2025-04-02 a Wednesday.
        let wednesday = Day::from_ymd(2025, 4, 2).expect("valid");
        assert_eq!(
            wednesday.week_start(WeekStart::Sunday).to_string(),
            "2025-03-30"
        );
        assert_eq!(
            wednesday.week_start(WeekStart::Monday).to_string(),
            "2025-03-31"
        );
        let sunday = Day::from_ymd(2025, 3, 30).expect("valid");
        assert_eq!(sunday.week_start(WeekStart::Sunday), sunday);
        assert_eq!(
            sunday.week_start(WeekStart::Monday).to_string(),
            "2025-03-24"
        );
    }
}
