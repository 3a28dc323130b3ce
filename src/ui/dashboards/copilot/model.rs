//! What the Copilot view shows, from the Report alone (pure, tested natively): figures, the
//! seat states, acceptance by IDE / language / model / feature, and the weekly trends.

use crate::engine::metrics::copilot::{BreakdownTable, SeatStates};
use crate::engine::metrics::definitions::Unit;
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Series, Style};
use crate::ui::dashboards::codex::model::{comparison, first_with_data, period};
use crate::ui::dashboards::{bucket_word, short_day, week_label, TrendLabels};

/// Figures in the top row (people and acceptance); the rest go with seats and CLI.
pub const TOP: [&str; 5] = [
    "copilot_weekly_active_users",
    "copilot_engaged_users",
    "copilot_engaged_share",
    "copilot_acceptance_rate",
    "copilot_acceptance_rate_lines",
];

#[derive(Clone, Debug, PartialEq)]
pub struct CopilotModel {
    pub period: String,
    pub comparison: String,
    pub top: Vec<Figure>,
    pub seats_and_cli: Vec<Figure>,
    pub action: Option<String>,
    pub needs: Option<String>,
    pub seats: SeatStates,
    pub seat_price: f64,
    pub unused_days: u32,
    pub breakdowns: Vec<BreakdownTable>,
    pub people_trend: ChartSpec,
    pub acceptance_trend: ChartSpec,
    pub trend_summary: String,
    pub trend_labels: TrendLabels,
}

pub fn model(report: &Report) -> CopilotModel {
    let c = &report.copilot;
    let (top, rest): (Vec<Figure>, Vec<Figure>) = c
        .figures
        .iter()
        .cloned()
        .partition(|f| TOP.contains(&f.id.as_str()));
    let active: Vec<Option<f64>> = c
        .trend
        .iter()
        .map(|w| w.active_people.map(f64::from))
        .collect();
    let engaged: Vec<Option<f64>> = c
        .trend
        .iter()
        .map(|w| w.engaged_people.map(f64::from))
        .collect();
    let acceptance: Vec<Option<f64>> = c.trend.iter().map(|w| w.acceptance_rate).collect();
    let start = first_with_data(&[active.clone(), acceptance.clone()], c.trend.len());
    let weeks: Vec<_> = c.trend[start..].iter().map(|w| w.week).collect();
    let categories = |series: Vec<Series>, unit: Unit, y_max: Option<f64>, title: &str| {
        ChartSpec::Categories(Categories {
            style: Style::Lines,
            x_labels: weeks.iter().map(|w| short_day(*w)).collect(),
            x_names: weeks.iter().map(|w| week_label(*w)).collect(),
            series,
            unit,
            y_max,
            y_title: title.into(),
        })
    };
    let mut people_series = vec![Series::new("Active people", active[start..].to_vec(), 0)];
    // Engaged is defined on a week's active days: drawn only when the trend is weekly.
    if engaged.iter().any(Option::is_some) {
        people_series.push(Series::new("Engaged people", engaged[start..].to_vec(), 2));
    }
    let people_trend = categories(people_series, Unit::People, None, "People");
    let acceptance_trend = categories(
        vec![Series::new(
            "Acceptance rate (Σ accepted / Σ suggested)",
            acceptance[start..].to_vec(),
            1,
        )],
        Unit::Rate,
        Some(1.0),
        "Acceptance rate",
    );
    let last = c.trend.last();
    let unit = weeks.first().map_or("week", |w| bucket_word(*w));
    let trend_summary = match (weeks.len(), last.and_then(|w| w.active_people), last.and_then(|w| w.engaged_people)) {
        (n, Some(a), Some(e)) if n > 0 => format!(
            "Lines of Copilot active and engaged people over {n} {unit}s, ending with {a} active and {e} engaged."
        ),
        (n, Some(a), None) if n > 0 => format!(
            "Line of Copilot active people over {n} {unit}s, ending with {a} active."
        ),
        _ => "No Copilot activity in the period.".into(),
    };
    CopilotModel {
        period: period(report),
        comparison: comparison(report),
        top,
        seats_and_cli: rest,
        action: c.action.clone(),
        needs: c.needs.clone(),
        seats: c.seats.clone(),
        seat_price: report
            .settings
            .seat_price(crate::engine::facts::Tool::Copilot),
        unused_days: report.settings.unused_after_days,
        breakdowns: c.breakdowns.clone(),
        people_trend,
        acceptance_trend,
        trend_summary,
        trend_labels: TrendLabels::of(report, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::{Day, DaySpan};
    use crate::engine::metrics::copilot::{CopilotView, CopilotWeek};

    #[test]
    fn figures_split_and_trend_skips_weeks_without_copilot() {
        let mut report = crate::engine::metrics::build_report(
            &crate::engine::dataset::Dataset::default(),
            &crate::engine::settings::Settings::default(),
            "",
        );
        let d = Day::parse("2025-04-14").expect("date");
        let week = |k: i32| DaySpan::new(d.plus(7 * k), d.plus(7 * k + 6));
        report.copilot = CopilotView {
            trend: vec![
                CopilotWeek {
                    week: week(0),
                    active_people: None,
                    engaged_people: None,
                    acceptance_rate: None,
                },
                CopilotWeek {
                    week: week(1),
                    active_people: Some(3),
                    engaged_people: Some(2),
                    acceptance_rate: Some(0.35),
                },
            ],
            ..CopilotView::default()
        };
        let m = model(&report);
        let ChartSpec::Categories(c) = &m.acceptance_trend else {
            panic!("categories")
        };
        assert_eq!(c.x_labels, vec!["21 Apr"]);
        assert_eq!(c.series[0].values, vec![Some(0.35)]);
        assert_eq!(m.trend_summary, "Lines of Copilot active and engaged people over 1 weeks, ending with 3 active and 2 engaged.");
        assert_eq!(m.seat_price, 19.0);
    }
}
