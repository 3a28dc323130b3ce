//! Axis arithmetic and tick labels: a "nice" top for the value axis, compact tick text
//! (12k, 3.4M, 40 %, $1.2k), and which category labels fit. Pure, tested natively.

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

/// Width of one character of a 12 px sans-serif label, in CSS pixels (an average: digits and
/// lower case).
pub const LABEL_CHAR_PX: f64 = 7.0;
/// Space kept between two neighbouring labels, in CSS pixels.
const LABEL_GAP_PX: f64 = 10.0;

/// Label every `step`-th category, counted back from the last (always labelled), with the
/// smallest step at which no two shown labels overlap, each centred on a slot `slot_px` CSS
/// pixels wide. Widths come from each label's own length, so a short label next to a long one
/// does not cost the long one's room.
pub fn fitting_label_step(labels: &[String], slot_px: f64) -> usize {
    let width = |l: &String| l.chars().count() as f64 * LABEL_CHAR_PX;
    let n = labels.len();
    (1..n.max(2))
        .find(|&step| {
            let shown: Vec<&String> = labels.iter().rev().step_by(step).collect();
            shown
                .windows(2)
                .all(|w| (width(w[0]) + width(w[1])) / 2.0 + LABEL_GAP_PX <= step as f64 * slot_px)
        })
        .unwrap_or(n.max(1))
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

    fn labels(of: &[&str]) -> Vec<String> {
        of.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn category_labels_fit_by_their_own_widths() {
        let departments = labels(&[
            "Engineering",
            "Sales",
            "Customer Support",
            "Marketing",
            "People",
            "Finance",
            "Operations",
            "Legal",
        ]);
        // Slots of 114 px: the widest neighbours, Customer Support (16 × 7 = 112) and
        // Marketing (63), need (112 + 63) / 2 + 10 = 97.5 ≤ 114: every label shows.
        assert_eq!(fitting_label_step(&departments, 114.0), 1);
        // Slots of 60 px (a phone): 97.5 > 60, but every other label (counted back from
        // Legal: Legal, Finance, Marketing, Sales) needs at most (63 + 49) / 2 + 10 = 66 ≤ 120.
        assert_eq!(fitting_label_step(&departments, 60.0), 2);
        // One label always fits; nothing to label gives 1.
        assert_eq!(fitting_label_step(&labels(&["Engineering"]), 5.0), 1);
        assert_eq!(fitting_label_step(&[], 5.0), 1);
        // Slots so narrow that no two labels fit: only the last one is shown.
        assert_eq!(
            fitting_label_step(&labels(&["aaaa", "bbbb", "cccc"]), 1.0),
            3
        );
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
