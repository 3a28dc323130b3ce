//! Reading the values found in export cells: counts, flags, decimals and dates, leniently where
//! the vendors are inconsistent and with a message a user can act on where they are wrong.

use crate::engine::date::Day;

/// A whole, non-negative count. Empty → `None`. Accepts `25`, `25.0`, `1,234` and `1 234`.
pub fn count(text: &str) -> Result<Option<u32>, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() || matches!(trimmed, "None" | "null" | "-") {
        return Ok(None);
    }
    let compact: String = trimmed
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .collect();
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
        _ => Err(format!("expected a whole number, found \"{trimmed}\"")),
    }
}

/// A decimal amount (credits, dollars). Empty → `None`.
pub fn decimal(text: &str) -> Result<Option<f64>, String> {
    let trimmed = text.trim().trim_start_matches('$');
    if trimmed.is_empty() || matches!(trimmed, "None" | "null" | "-") {
        return Ok(None);
    }
    let compact: String = trimmed
        .chars()
        .filter(|c| !matches!(c, ',' | ' '))
        .collect();
    match compact.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(Some(n)),
        _ => Err(format!("expected a number, found \"{}\"", text.trim())),
    }
}

/// A yes/no flag: `1`/`0`, `True`/`False`, `yes`/`no`. Empty → `None`.
pub fn flag(text: &str) -> Result<Option<bool>, String> {
    match text.trim().to_ascii_lowercase().as_str() {
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
    Day::parse(trimmed)
        .map(Some)
        .ok_or_else(|| format!("expected a date like 2025-03-30, found \"{trimmed}\""))
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
}
