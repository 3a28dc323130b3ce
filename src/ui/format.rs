//! How numbers read on the page: people with thousands separators, rates as percentages,
//! money in dollars, changes with a sign. Pure, tested natively.

use crate::engine::metrics::definitions::Unit;

/// A value for a card or a table cell; "—" when there is none.
pub fn value(value: Option<f64>, unit: Unit) -> String {
    let Some(v) = value.filter(|v| v.is_finite()) else {
        return "—".to_string();
    };
    match unit {
        Unit::People => thousands(v.round() as i64),
        Unit::Rate => format!(
            "{} %",
            trim_decimal(v * 100.0, if v.abs() < 0.1 { 1 } else { 0 })
        ),
        Unit::Number => {
            if v.abs() >= 100.0 {
                thousands(v.round() as i64)
            } else if v.abs() < 1.0 {
                // Coefficients and small ratios (a Gini of 0.61) need two decimals.
                trim_decimal(v, 2)
            } else {
                trim_decimal(v, 1)
            }
        }
        Unit::Usd => {
            if v.abs() >= 100.0 {
                format!("${}", thousands(v.round() as i64))
            } else {
                format!("${v:.2}")
            }
        }
    }
}

/// The change from `previous` to `now`: points for rates, a plain difference otherwise.
pub fn delta(now: Option<f64>, previous: Option<f64>, unit: Unit) -> Option<(String, f64)> {
    let (now, previous) = (now?, previous?);
    let change = now - previous;
    let text = match unit {
        Unit::Rate => format!(
            "{}{} pts",
            sign(change),
            trim_decimal((change * 100.0).abs(), 1)
        ),
        Unit::People => format!("{}{}", sign(change), thousands(change.abs().round() as i64)),
        Unit::Number => format!("{}{}", sign(change), trim_decimal(change.abs(), 1)),
        Unit::Usd => format!(
            "{}${}",
            sign(change),
            thousands(change.abs().round() as i64)
        ),
    };
    Some((text, change))
}

/// The raw number for `data-value`: no formatting, `.` as decimal point, empty when absent.
pub fn raw(value: Option<f64>) -> String {
    match value.filter(|v| v.is_finite()) {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", v as i64),
        Some(v) => format!("{v}"),
        None => String::new(),
    }
}

pub fn bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.0} KB", n as f64 / (1u64 << 10) as f64),
        n => format!("{n} B"),
    }
}

pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

fn sign(change: f64) -> &'static str {
    if change > 0.0 {
        "+"
    } else if change < 0.0 {
        "−"
    } else {
        "±"
    }
}

fn trim_decimal(v: f64, places: usize) -> String {
    let text = format!("{v:.places$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_people_would_write_them() {
        assert_eq!(value(Some(1234.0), Unit::People), "1,234");
        assert_eq!(value(Some(0.8), Unit::Rate), "80 %");
        assert_eq!(value(Some(0.055), Unit::Rate), "5.5 %");
        assert_eq!(value(Some(50.0 / 3.0), Unit::Number), "16.7");
        assert_eq!(value(Some(37.5), Unit::Usd), "$37.50");
        assert_eq!(value(Some(9720.0), Unit::Usd), "$9,720");
        assert_eq!(value(None, Unit::People), "—");
    }

    #[test]
    fn deltas_and_raw_values() {
        assert_eq!(
            delta(Some(0.64), Some(0.41), Unit::Rate).map(|d| d.0),
            Some("+23 pts".into())
        );
        assert_eq!(
            delta(Some(200.0), Some(212.0), Unit::People).map(|d| d.0),
            Some("−12".into())
        );
        assert_eq!(delta(Some(1.0), None, Unit::People), None);
        assert_eq!(raw(Some(5.0)), "5");
        assert_eq!(raw(Some(0.8)), "0.8");
        assert_eq!(raw(None), "");
        assert_eq!(bytes(1_572_864), "1.5 MB");
    }
}
