//! One folder per dashboard: `model.rs` (pure: Report → what the view shows, tested natively),
//! `chart.rs` (draws a model with plotters), `mod.rs` (the component wiring signals to both).

pub mod codex;
pub mod copilot;
pub mod credits;
pub mod cross_tool;
pub mod data;
pub mod departments;
pub mod licences;
pub mod models;
pub mod overview;
pub mod people;
pub mod power_users;
pub mod prompts;
pub mod sessions;
pub mod settings;
pub mod timing;
pub mod tokens;

use crate::engine::date::DaySpan;

/// "8–14 Nov 2026", or "29 Jun – 5 Jul 2026" across months.
pub fn week_label(week: DaySpan) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y1, m1, d1) = week.first.ymd();
    let (y2, m2, d2) = week.last.ymd();
    let month = |m: u32| MONTHS[(m as usize).clamp(1, 12) - 1];
    if (y1, m1) == (y2, m2) {
        format!("{d1}–{d2} {} {y2}", month(m2))
    } else if y1 == y2 {
        format!("{d1} {} – {d2} {} {y2}", month(m1), month(m2))
    } else {
        format!("{d1} {} {y1} – {d2} {} {y2}", month(m1), month(m2))
    }
}

/// "8 Nov": a short axis label for a week's first day.
pub fn short_day(week: DaySpan) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (_, m, d) = week.first.ymd();
    format!("{d} {}", MONTHS[(m as usize).clamp(1, 12) - 1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::Day;

    #[test]
    fn week_labels() {
        let d = |s| Day::parse(s).expect("date");
        assert_eq!(
            week_label(DaySpan::new(d("2026-11-08"), d("2026-11-14"))),
            "8–14 Nov 2026"
        );
        assert_eq!(
            week_label(DaySpan::new(d("2026-06-28"), d("2026-07-04"))),
            "28 Jun – 4 Jul 2026"
        );
        assert_eq!(
            week_label(DaySpan::new(d("2025-12-28"), d("2026-01-03"))),
            "28 Dec 2025 – 3 Jan 2026"
        );
        assert_eq!(
            short_day(DaySpan::new(d("2026-11-08"), d("2026-11-14"))),
            "8 Nov"
        );
    }
}
