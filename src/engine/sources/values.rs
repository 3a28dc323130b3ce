//! Reading the values found in export cells: counts, flags, decimals and dates, leniently where
//! the vendors are inconsistent and with a message a user can act on where they are wrong.

use crate::engine::date::Day;

/// Drops thousands separators (`1,234,567`, `1 234`, `1_000`): a `,` only between groups of
/// exactly three digits, so that a decimal comma (`1,5`) is never read as a thousand.
fn without_separators(text: &str) -> String {
    let integer = text.split('.').next().unwrap_or("");
    let grouped = integer
        .trim_start_matches(['-', '+'])
        .split(',')
        .enumerate()
        .all(|(i, group)| {
            let digits = group.bytes().all(|b| b.is_ascii_digit());
            digits && (1..=3).contains(&group.len()) && (i == 0 || group.len() == 3)
        });
    text.chars()
        .filter(|c| !matches!(c, ' ' | '_') && (*c != ',' || !grouped))
        .collect()
}

/// A whole, non-negative count. Empty → `None`. Accepts `25`, `25.0`, `1,234` and `1 234`.
pub fn count(text: &str) -> Result<Option<u32>, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() || matches!(trimmed, "None" | "null" | "-") {
        return Ok(None);
    }
    // Plain digits (nearly every cell) need no separator removal, so no copy.
    if trimmed.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = trimmed.parse::<u64>() {
            return u32::try_from(n)
                .map(Some)
                .map_err(|_| format!("expected a count, found \"{trimmed}\" (too large)"));
        }
    }
    let compact = without_separators(trimmed);
    if let Ok(n) = compact.parse::<u64>() {
        return u32::try_from(n)
            .map(Some)
            .map_err(|_| format!("expected a count, found \"{trimmed}\" (too large)"));
    }
    match compact.parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => {
            Ok(Some(n as u32))
        }
        Ok(n) if n.is_finite() && n < 0.0 => Err(format!(
            "expected a whole number, found \"{trimmed}\" (negative)"
        )),
        Ok(n) if n > f64::from(u32::MAX) => {
            Err(format!("expected a count, found \"{trimmed}\" (too large)"))
        }
        _ => Err(format!("expected a whole number, found \"{trimmed}\"")),
    }
}

/// A decimal amount (credits, dollars). Empty → `None`.
pub fn decimal(text: &str) -> Result<Option<f64>, String> {
    let trimmed = text.trim().trim_start_matches('$');
    if trimmed.is_empty() || matches!(trimmed, "None" | "null" | "-") {
        return Ok(None);
    }
    let mut compact = without_separators(trimmed);
    // A decimal comma, as European spreadsheets write it (`0,25`): the only reading of one comma
    // that is not a thousands separator.
    if compact.matches(',').count() == 1 && !compact.contains('.') {
        compact = compact.replace(',', ".");
    }
    match compact.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(Some(n)),
        Ok(n) if n.is_infinite() => Err(format!(
            "expected a number, found \"{}\" (too large)",
            text.trim()
        )),
        _ => Err(format!("expected a number, found \"{}\"", text.trim())),
    }
}

/// A yes/no flag: `1`/`0`, `True`/`False`, `yes`/`no`. Empty → `None`.
pub fn flag(text: &str) -> Result<Option<bool>, String> {
    let trimmed = text.trim();
    let is = |words: &[&str]| words.iter().any(|w| trimmed.eq_ignore_ascii_case(w));
    // The usual forms are compared in place; only the others are lower-cased (a copy).
    if is(&["", "none", "null"]) {
        return Ok(None);
    }
    if is(&["1", "true", "yes", "y", "t"]) {
        return Ok(Some(true));
    }
    if is(&["0", "false", "no", "n", "f"]) {
        return Ok(Some(false));
    }
    match trimmed.to_ascii_lowercase().as_str() {
        "" | "none" | "null" => Ok(None),
        "1" | "true" | "yes" | "y" | "t" => Ok(Some(true)),
        "0" | "false" | "no" | "n" | "f" => Ok(Some(false)),
        other => Err(format!("expected 1/0 or True/False, found \"{other}\"")),
    }
}

/// A `YYYY-MM-DD` date (a time part is ignored). Empty → `None`.
pub fn date(text: &str) -> Result<Option<Day>, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() || matches!(trimmed, "None" | "null" | "-") {
        return Ok(None);
    }
    Day::parse(trimmed).map(Some).ok_or_else(|| {
        format!(
            "expected a date like 2025-03-30, found \"{trimmed}\"{}",
            date_advice(trimmed)
        )
    })
}

/// The sum of counts read from one record, saturating at `u64::MAX` (a file can give any
/// count up to it; fuzzing found `a + b + c` overflowing in two parsers).
pub fn sum_counts(counts: &[u64]) -> u64 {
    counts.iter().fold(0, |sum: u64, &n| sum.saturating_add(n))
}

/// A non-negative whole count: a number, a numeric string, or null/absent (zero).
pub fn json_count(value: &serde_json::Value) -> Result<u64, String> {
    match value {
        serde_json::Value::Null => Ok(0),
        serde_json::Value::Number(n) => n
            .as_u64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                    .map(|f| f as u64)
            })
            .ok_or_else(|| format!("expected a whole number, found {n}")),
        serde_json::Value::String(s) => count(s).map(|n| n.map_or(0, u64::from)),
        other => Err(format!("expected a whole number, found {other}")),
    }
}

/// What a spreadsheet did to a date, when that is recognisable. Neither form is read: the day
/// and month of `03/04/2026` cannot be told apart, and a serial number depends on the
/// workbook's date system.
fn date_advice(text: &str) -> String {
    let parts: Vec<&str> = text.split(['/', '.']).collect();
    let numeric = |p: &&str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() == 3 && parts.iter().all(numeric) {
        let (a, b) = (
            parts[0].parse::<u32>().unwrap_or(0),
            parts[1].parse::<u32>().unwrap_or(0),
        );
        if parts[2].len() == 4 && (1..=12).contains(&a) && (1..=12).contains(&b) && a != b {
            return format!(
                ", whose day and month cannot be told apart ({a} {} or {b} {}); save the column as YYYY-MM-DD and add the file again",
                MONTHS[(b - 1) as usize],
                MONTHS[(a - 1) as usize]
            );
        }
        return ", a date in a spreadsheet's local format; save the column as YYYY-MM-DD and add the file again".into();
    }
    if let Ok(serial) = text.parse::<i32>() {
        if (20_000..=80_000).contains(&serial) {
            // Excel's 1900 date system counts days from 1899-12-30 (25 569 days before 1970).
            let day = Day(serial - 25_569);
            return format!(
                ", a spreadsheet serial number ({day} in Excel's usual date system); format the column as a date, YYYY-MM-DD, and add the file again"
            );
        }
    }
    String::new()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_accept_the_forms_exports_use() {
        assert_eq!(count("25"), Ok(Some(25)));
        assert_eq!(count(" 25.0 "), Ok(Some(25)));
        assert_eq!(count("1,234"), Ok(Some(1234)));
        assert_eq!(count(""), Ok(None));
        assert_eq!(
            count("n/a"),
            Err("expected a whole number, found \"n/a\"".to_string())
        );
        assert_eq!(
            count("-3"),
            Err("expected a whole number, found \"-3\" (negative)".into())
        );
        assert!(count("99999999999999999999").is_err());
        assert!(count("1e400").is_err());
        assert!(count("NaN").is_err());
    }

    #[test]
    fn flags_and_decimals() {
        assert_eq!(flag("True"), Ok(Some(true)));
        assert_eq!(flag("0"), Ok(Some(false)));
        assert_eq!(flag(""), Ok(None));
        assert!(flag("maybe").is_err());
        assert_eq!(decimal("$0.12"), Ok(Some(0.12)));
        assert_eq!(decimal("1,250.5"), Ok(Some(1250.5)));
        assert!(decimal("NaN").is_err());
    }

    #[test]
    fn a_comma_is_a_thousands_separator_only_between_groups_of_three() {
        assert_eq!(count("1,234,567"), Ok(Some(1_234_567)));
        assert_eq!(
            count("1,5"),
            Err("expected a whole number, found \"1,5\"".into())
        );
        assert_eq!(
            count("12,34"),
            Err("expected a whole number, found \"12,34\"".into())
        );
        // One comma that cannot be a separator is a decimal comma (a `;` file from Excel).
        assert_eq!(decimal("0,25"), Ok(Some(0.25)));
        assert_eq!(decimal("-1 250,5"), Ok(Some(-1250.5)));
        assert_eq!(decimal("1,250.5"), Ok(Some(1250.5)));
        assert_eq!(
            decimal("1e400"),
            Err("expected a number, found \"1e400\" (too large)".into())
        );
    }

    #[test]
    fn spreadsheet_dates_are_refused_with_advice() {
        assert_eq!(
            date("03/04/2026"),
            Err("expected a date like 2025-03-30, found \"03/04/2026\", whose day and month cannot be told apart (3 April or 4 March); save the column as YYYY-MM-DD and add the file again".into())
        );
        // 14 cannot be a month, but the date is still refused: one rule for every local format.
        assert_eq!(
            date("14.09.2020"),
            Err("expected a date like 2025-03-30, found \"14.09.2020\", a date in a spreadsheet's local format; save the column as YYYY-MM-DD and add the file again".into())
        );
        // 45000 days after 1899-12-30: 45000 − 25569 = 19431 days after 1970-01-01 = 2023-03-15.
        assert_eq!(
            date("45000"),
            Err("expected a date like 2025-03-30, found \"45000\", a spreadsheet serial number (2023-03-15 in Excel's usual date system); format the column as a date, YYYY-MM-DD, and add the file again".into())
        );
        assert_eq!(
            date("n/a"),
            Err("expected a date like 2025-03-30, found \"n/a\"".into())
        );
    }
}
