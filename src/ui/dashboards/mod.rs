//! One folder per dashboard: `model.rs` (pure: Report → what the view shows, tested natively),
//! `chart.rs` (draws a model with plotters), `mod.rs` (the component wiring signals to both).

pub mod claude_code;
pub mod codex;
pub mod copilot;
pub mod credits;
pub mod cross_tool;
pub mod cursor;
pub mod data;
pub mod departments;
pub mod gemini;
pub mod history;
pub mod licences;
pub mod m365_copilot;
pub mod models;
pub mod my_usage;
pub mod overview;
pub mod people;
pub mod power_users;
pub mod prompts;
pub mod report;
pub mod sessions;
pub mod settings;
pub mod timing;
pub mod tokens;
pub mod tool_view;

use crate::engine::date::DaySpan;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn month(m: u32) -> &'static str {
    MONTHS[(m as usize).clamp(1, 12) - 1]
}

/// Whether a span is one whole calendar month.
fn is_month(span: DaySpan) -> bool {
    let (_, _, d1) = span.first.ymd();
    d1 == 1 && span.last.plus(1).ymd().2 == 1 && span.days() >= 28
}

/// A trend bucket's full name, from its shape: "8–14 Nov 2026" for a week ("29 Jun – 5 Jul
/// 2026" across months), "8 Nov 2026" for a day, "Nov 2026" for a calendar month.
pub fn week_label(week: DaySpan) -> String {
    let (y1, m1, d1) = week.first.ymd();
    let (y2, m2, d2) = week.last.ymd();
    if week.days() == 1 {
        format!("{d1} {} {y1}", month(m1))
    } else if is_month(week) {
        format!("{} {y1}", month(m1))
    } else if (y1, m1) == (y2, m2) {
        format!("{d1}–{d2} {} {y2}", month(m2))
    } else if y1 == y2 {
        format!("{d1} {} – {d2} {} {y2}", month(m1), month(m2))
    } else {
        format!("{d1} {} {y1} – {d2} {} {y2}", month(m1), month(m2))
    }
}

/// A trend bucket's axis label: "8 Nov" for a week or a day (its first day), "Nov 26" for a
/// calendar month.
pub fn short_day(week: DaySpan) -> String {
    let (y, m, d) = week.first.ymd();
    if is_month(week) {
        format!("{} {:02}", month(m), y.rem_euclid(100))
    } else {
        format!("{d} {}", month(m))
    }
}

/// "in the week of 8–14 Nov 2026", "on 8 Nov 2026", "in Nov 2026": a bucket in a sentence.
pub fn in_bucket(span: DaySpan) -> String {
    if span.days() == 1 {
        format!("on {}", week_label(span))
    } else if is_month(span) {
        format!("in {}", week_label(span))
    } else {
        format!("in the week of {}", week_label(span))
    }
}

/// "day", "week" or "month", from a bucket's shape.
pub fn bucket_word(span: DaySpan) -> &'static str {
    if span.days() == 1 {
        "day"
    } else if is_month(span) {
        "month"
    } else {
        "week"
    }
}

/// How a view's trend is cut: its title words and the note when the grain differs from the
/// page's (empty when not).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrendLabels {
    /// "day by day", "week by week", "month by month".
    pub every: String,
    /// "day", "week", "month".
    pub unit: String,
    pub note: String,
}

impl TrendLabels {
    /// For trends from daily rows and events (`rows` = false) or from the Users export's rows.
    pub fn of(report: &crate::engine::Report, rows: bool) -> TrendLabels {
        let b = if rows {
            &report.trend.rows
        } else {
            &report.trend.daily
        };
        let unit = b.grain.id();
        TrendLabels {
            every: format!("{unit} by {unit}"),
            unit: unit.to_string(),
            note: b.note.clone().unwrap_or_default(),
        }
    }
}

/// A dashboard in the printed report: its id, whether the Report has anything for it (a view
/// nothing loaded can fill is left out rather than printed as an empty page), and its body.
pub struct Printed {
    pub id: &'static str,
    pub has_data: fn(&crate::engine::Report) -> bool,
    pub body: fn() -> leptos::prelude::AnyView,
}

/// The dashboards of the printed report, in reading order (People, Data and Settings stay on
/// screen).
pub fn printed() -> Vec<Printed> {
    use leptos::prelude::*;
    fn any<V: IntoView + 'static>(v: V) -> AnyView {
        v.into_any()
    }
    vec![
        Printed {
            id: "overview",
            has_data: |_| true,
            body: || any(view! { <overview::Overview /> }),
        },
        Printed {
            id: "history",
            has_data: |r| !r.history.months.is_empty() || !r.history.first_use.is_empty(),
            body: || any(view! { <history::HistoryView /> }),
        },
        Printed {
            id: "departments",
            has_data: |r| r.department_usage.needs.is_none(),
            body: || any(view! { <departments::DepartmentsView /> }),
        },
        Printed {
            id: "cross-tool",
            has_data: |r| r.overlap.needs.is_none(),
            body: || any(view! { <cross_tool::CrossToolView /> }),
        },
        Printed {
            id: "sessions",
            has_data: |r| r.depth.needs.is_none(),
            body: || any(view! { <sessions::SessionsView /> }),
        },
        Printed {
            id: "prompts",
            has_data: |r| r.prompts.needs.is_none(),
            body: || any(view! { <prompts::PromptsView /> }),
        },
        Printed {
            id: "models",
            has_data: |r| r.models.needs.is_none(),
            body: || any(view! { <models::ModelsView /> }),
        },
        Printed {
            id: "timing",
            has_data: |r| r.timing.needs.is_none(),
            body: || any(view! { <timing::TimingView /> }),
        },
        Printed {
            id: "power-users",
            has_data: |r| r.concentration.needs.is_none(),
            body: || any(view! { <power_users::PowerUsersView /> }),
        },
        Printed {
            id: "licences",
            has_data: |r| r.licences.needs.is_none(),
            body: || any(view! { <licences::LicencesView /> }),
        },
        Printed {
            id: "tokens",
            has_data: |r| r.tokens.needs.is_none(),
            body: || any(view! { <tokens::TokensView /> }),
        },
        Printed {
            id: "credits",
            has_data: |r| r.credits.needs.is_none(),
            body: || any(view! { <credits::CreditsView /> }),
        },
        Printed {
            id: "codex",
            has_data: |r| r.codex.needs.is_none(),
            body: || any(view! { <codex::CodexView /> }),
        },
        Printed {
            id: "copilot",
            has_data: |r| r.copilot.needs.is_none(),
            body: || any(view! { <copilot::CopilotView /> }),
        },
        Printed {
            id: "claude-code",
            has_data: |r| r.claude_code.needs.is_none(),
            body: || any(view! { <claude_code::ClaudeCodeView /> }),
        },
        Printed {
            id: "cursor",
            has_data: |r| r.cursor.needs.is_none(),
            body: || any(view! { <cursor::CursorView /> }),
        },
        Printed {
            id: "m365-copilot",
            has_data: |r| r.m365_copilot.needs.is_none(),
            body: || any(view! { <m365_copilot::M365CopilotView /> }),
        },
        Printed {
            id: "gemini",
            has_data: |r| r.gemini.needs.is_none(),
            body: || any(view! { <gemini::GeminiView /> }),
        },
    ]
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
        let day = DaySpan::new(d("2026-11-08"), d("2026-11-08"));
        assert_eq!(week_label(day), "8 Nov 2026");
        assert_eq!(short_day(day), "8 Nov");
        let month = DaySpan::new(d("2026-02-01"), d("2026-02-28"));
        assert_eq!(week_label(month), "Feb 2026");
        assert_eq!(short_day(month), "Feb 26");
        // A four-week span starting on the 1st is not a month.
        let weeks = DaySpan::new(d("2026-03-01"), d("2026-03-28"));
        assert_eq!(week_label(weeks), "1–28 Mar 2026");
        assert_eq!(in_bucket(day), "on 8 Nov 2026");
        assert_eq!(in_bucket(month), "in Feb 2026");
        assert_eq!(in_bucket(weeks), "in the week of 1–28 Mar 2026");
        assert_eq!(bucket_word(month), "month");
    }
}
