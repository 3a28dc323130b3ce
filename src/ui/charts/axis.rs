//! Axis arithmetic and tick labels: a "nice" top for the value axis, and compact tick text
//! (12k, 3.4M, 40 %, $1.2k). Pure, tested natively.

use crate::engine::metrics::definitions::Unit;

/// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `max` (1 when there is nothing).
pub fn nice_top(max: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&v| v >= max * 0.999_999)
        .unwrap_or(10.0 * magnitude)
}

/// A tick label in `unit`, compact for large numbers.
pub fn tick(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Rate => format!("{} %", trim(v * 100.0)),
        Unit::Usd => format!("${}", compact(v)),
        Unit::People | Unit::Number => compact(v),
    }
}

/// 950, 1.2k, 12k, 3.4M, 1.1B.
pub fn compact(v: f64) -> String {
    let a = v.abs();
    let (value, suffix) = if a >= 1e9 {
        (v / 1e9, "B")
    } else if a >= 1e6 {
        (v / 1e6, "M")
    } else if a >= 1e4 {
        (v / 1e3, "k")
    } else if a >= 1e3 {
        return crate::ui::format::thousands(v.round() as i64);
    } else {
        return trim(v);
    };
    format!("{}{suffix}", trim(value))
}

/// At most one decimal, none when whole.
fn trim(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_tops() {
        assert_eq!(nice_top(0.0), 1.0);
        assert_eq!(nice_top(7.0), 10.0);
        assert_eq!(nice_top(180.0), 200.0);
        assert_eq!(nice_top(230.0), 250.0);
        assert_eq!(nice_top(0.42), 0.5);
        assert_eq!(nice_top(1000.0), 1000.0);
    }

    #[test]
    fn ticks() {
        assert_eq!(tick(0.25, Unit::Rate), "25 %");
        assert_eq!(tick(1500.0, Unit::Number), "1,500");
        assert_eq!(tick(25_000.0, Unit::Number), "25k");
        assert_eq!(tick(3_400_000.0, Unit::Number), "3.4M");
        assert_eq!(tick(2.5, Unit::Number), "2.5");
        assert_eq!(tick(1200.0, Unit::Usd), "$1,200");
    }
}
