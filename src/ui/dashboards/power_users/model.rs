//! What the Power users view shows, from the Report alone: the figures, the Lorenz curve of
//! messages per active person against the line of equality, power users per week, and power
//! users by department.

use crate::engine::metrics::concentration::{PowerDepartment, PowerWeek};
use crate::engine::metrics::definitions::Unit;
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Series, Style};
use crate::ui::dashboards::{short_day, week_label};

#[derive(Clone, Debug, PartialEq)]
pub struct PowerUsersModel {
    pub period: String,
    pub comparison: String,
    pub figures: Vec<Figure>,
    pub action: Option<String>,
    pub needs: Option<String>,
    pub rule: String,
    pub lorenz: ChartSpec,
    pub lorenz_summary: String,
    pub trend: ChartSpec,
    pub trend_summary: String,
    pub departments: Vec<PowerDepartment>,
    pub department_note: String,
    /// Set when the page asks for another grain: power users are defined per week.
    pub trend_note: String,
}

pub fn model(report: &Report) -> PowerUsersModel {
    let c = &report.concentration;
    let s = &report.settings;
    let source = match c.source.as_str() {
        "users_csv" => "messages from the ChatGPT weekly Users export",
        "compliance_logs" => "messages from the compliance logs",
        _ => "no message data",
    };
    let period = match report.headline_week {
        Some(w) => format!("Week of {} · {source}", week_label(w)),
        None => "No complete week yet".to_string(),
    };
    let rule = format!(
        "A power user is in the week's top {:.0} % of senders by messages{}, sent at least {} messages, and used at least {} distinct tools, GPTs or projects in the 28 days ending with the week (Settings).",
        s.power_top_share * 100.0,
        c.top_share_cutoff
            .map(|v| format!(" (this week: {v} or more)"))
            .unwrap_or_default(),
        s.power_min_messages,
        s.power_min_tools
    );
    let (lorenz, lorenz_summary) = lorenz_chart(report);
    let (trend, trend_summary) = trend_chart(&c.weekly);
    PowerUsersModel {
        trend_note: if report.trend.requested == crate::engine::query::Grain::Week {
            String::new()
        } else {
            "shown by week: a power user is defined by a week's messages and tools".to_string()
        },
        period,
        comparison: match report.comparison_week {
            Some(_) => format!("vs {} weeks ago", s.compare_weeks_back),
            None => "(no comparison week)".to_string(),
        },
        figures: c.figures.clone(),
        action: c.action.clone(),
        needs: c.needs.clone(),
        rule,
        lorenz,
        lorenz_summary,
        trend,
        trend_summary,
        departments: c.departments.clone(),
        department_note: format!(
            "Departments with fewer than {} ChatGPT seat holders are hidden, with the next-smallest group when a total would reveal them.",
            c.min_group_size
        ),
    }
}

/// The Lorenz curve over cumulative share of people 0–100 %, with the equality diagonal dashed.
fn lorenz_chart(report: &Report) -> (ChartSpec, String) {
    let points = &report.concentration.lorenz;
    let labels = points
        .iter()
        .map(|p| format!("{:.0} %", p.people_share * 100.0))
        .collect();
    let names = points
        .iter()
        .map(|p| format!("Lightest {:.0} % of active people", p.people_share * 100.0))
        .collect();
    let half = points
        .iter()
        .find(|p| (p.people_share - 0.5).abs() < 1e-9)
        .map(|p| p.message_share);
    let summary = match half {
        Some(h) => format!(
            "Lorenz curve of messages per active person: the lightest half of active people send {} of messages (equality would be 50 %).",
            crate::ui::format::value(Some(h), Unit::Rate)
        ),
        None => "No messages this week.".to_string(),
    };
    (
        ChartSpec::Categories(Categories {
            style: Style::Lines,
            x_labels: labels,
            x_names: names,
            series: vec![
                Series::new(
                    "Share of messages",
                    points.iter().map(|p| Some(p.message_share)).collect(),
                    0,
                ),
                Series::new(
                    "Equality",
                    points.iter().map(|p| Some(p.people_share)).collect(),
                    7,
                )
                .dashed(),
            ],
            unit: Unit::Rate,
            y_max: Some(1.0),
            y_title: "Cumulative share of messages".into(),
        }),
        summary,
    )
}

fn trend_chart(weeks: &[PowerWeek]) -> (ChartSpec, String) {
    let summary = match (weeks.first(), weeks.last()) {
        (Some(a), Some(b)) => format!(
            "Line chart of power users per week over {} weeks, from {} in the week of {} to {} in the week of {}.",
            weeks.len(),
            a.power_users,
            week_label(a.week),
            b.power_users,
            week_label(b.week)
        ),
        _ => "No weekly data.".to_string(),
    };
    (
        ChartSpec::Categories(Categories {
            style: Style::Lines,
            x_labels: weeks.iter().map(|w| short_day(w.week)).collect(),
            x_names: weeks.iter().map(|w| week_label(w.week)).collect(),
            series: vec![Series::new(
                "Power users",
                weeks
                    .iter()
                    .map(|w| Some(f64::from(w.power_users)))
                    .collect(),
                0,
            )],
            unit: Unit::People,
            y_max: None,
            y_title: "Power users".into(),
        }),
        summary,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::metrics::concentration::LorenzPoint;

    #[test]
    fn lorenz_chart_has_a_dashed_equality_line() {
        let mut report = crate::engine::metrics::build_report(
            &crate::engine::dataset::Dataset::default(),
            &crate::engine::settings::Settings::default(),
            "",
        );
        report.concentration.lorenz = (0..=10)
            .map(|i| LorenzPoint {
                people_share: f64::from(i) / 10.0,
                message_share: (f64::from(i) / 10.0).powi(2),
            })
            .collect();
        let (chart, summary) = lorenz_chart(&report);
        let ChartSpec::Categories(c) = chart else {
            panic!("categories")
        };
        assert_eq!(c.x_labels.first().map(String::as_str), Some("0 %"));
        assert_eq!(c.x_labels.last().map(String::as_str), Some("100 %"));
        assert!(c.series[1].dashed);
        assert_eq!(c.series[1].values[5], Some(0.5));
        assert!(summary.contains("send 25 % of messages"));
    }
}
