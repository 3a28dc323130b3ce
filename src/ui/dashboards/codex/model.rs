//! What the Codex view shows, from the Report alone (pure, tested natively): its figures, the
//! surface table, the stacked credit trend by surface, credits by department and the ranking.

use crate::engine::metrics::codex::{DepartmentCredits, RankRow, SurfaceRow};
use crate::engine::metrics::definitions::Unit;
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Series, Style};
use crate::ui::dashboards::{bucket_word, in_bucket, short_day, week_label, TrendLabels};
use crate::ui::format;

#[derive(Clone, Debug, PartialEq)]
pub struct CodexModel {
    pub period: String,
    pub comparison: String,
    pub figures: Vec<Figure>,
    pub action: Option<String>,
    pub needs: Option<String>,
    pub reviews_needs: Option<String>,
    pub surfaces: Vec<SurfaceRow>,
    pub trend: ChartSpec,
    pub trend_summary: String,
    pub trend_labels: TrendLabels,
    pub departments: Vec<DepartmentCredits>,
    pub teams: Vec<DepartmentCredits>,
    pub department_note: String,
    pub ranking: Vec<RankRow>,
    /// Why the ranking is not shown, when it is not.
    pub ranking_note: Option<String>,
}

/// "Week of 8–14 Nov 2026", or what is missing.
pub fn period(report: &Report) -> String {
    report
        .headline_week
        .map(|w| format!("Week of {}", week_label(w)))
        .unwrap_or_else(|| "No complete week yet".into())
}

/// "vs 14 weeks ago", or why there is no comparison.
pub fn comparison(report: &Report) -> String {
    let back = report.settings.compare_weeks_back;
    match report.comparison_week {
        Some(_) => format!("vs {back} weeks ago"),
        None => format!("(no data {back} weeks earlier)"),
    }
}

/// Index of the first week where any series has a value (leading weeks with no data dropped).
pub fn first_with_data(series: &[Vec<Option<f64>>], weeks: usize) -> usize {
    (0..weeks)
        .find(|&i| series.iter().any(|s| s.get(i).copied().flatten().is_some()))
        .unwrap_or(weeks)
}

pub fn model(report: &Report) -> CodexModel {
    let c = &report.codex;
    let values: Vec<Vec<Option<f64>>> = c.trend.series.iter().map(|s| s.credits.clone()).collect();
    let start = first_with_data(&values, c.trend.weeks.len());
    let weeks = &c.trend.weeks[start..];
    let trend = ChartSpec::Categories(Categories {
        style: Style::StackedBars,
        x_labels: weeks.iter().map(|w| short_day(*w)).collect(),
        x_names: weeks.iter().map(|w| week_label(*w)).collect(),
        series: c
            .trend
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| Series::new(s.surface.clone(), s.credits[start..].to_vec(), i))
            .collect(),
        unit: Unit::Number,
        y_max: None,
        y_title: "Codex credits".into(),
    });
    let totals: Vec<f64> = (0..weeks.len())
        .map(|i| {
            c.trend
                .series
                .iter()
                .filter_map(|s| s.credits[start + i])
                .sum()
        })
        .collect();
    let trend_summary = match (weeks.first(), weeks.last(), totals.first(), totals.last()) {
        (Some(a), Some(b), Some(x), Some(y)) => format!(
            "Stacked bars of Codex credits per {unit} by surface over {} {unit}s: {} credits {} and {} {}.",
            weeks.len(),
            format::value(Some(*x), Unit::Number),
            in_bucket(*a),
            format::value(Some(*y), Unit::Number),
            in_bucket(*b),
            unit = bucket_word(*a)
        ),
        _ => "No Codex credits in the period.".into(),
    };
    let hidden = c.departments.iter().filter(|d| d.suppressed).count();
    let department_note = format!(
        "Group size: people active on Codex in the week (Codex has no seat export). Departments with fewer than {} are hidden{}.",
        c.min_group_size,
        if hidden > 0 {
            format!(", with the next-smallest hidden too so totals cannot reveal them ({hidden} hidden)")
        } else {
            String::new()
        }
    );
    CodexModel {
        period: period(report),
        comparison: comparison(report),
        figures: c.figures.clone(),
        action: c.action.clone(),
        needs: c.needs.clone(),
        reviews_needs: c.reviews_needs.clone(),
        surfaces: c.surfaces.clone(),
        trend,
        trend_summary,
        trend_labels: TrendLabels::of(report, false),
        departments: c.departments.clone(),
        teams: c.teams.clone(),
        department_note,
        ranking: c.ranking.clone(),
        ranking_note: c
            .ranking_hidden
            .then(|| "The ranking is hidden: aggregate-only mode is on (Settings).".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::{Day, DaySpan};
    use crate::engine::metrics::codex::{CodexView, CreditTrend, TrendSeries};

    fn week(first: &str) -> DaySpan {
        let d = Day::parse(first).expect("date");
        DaySpan::new(d, d.plus(6))
    }

    #[test]
    fn the_trend_drops_leading_weeks_without_data_and_stacks_surfaces() {
        let mut report = crate::engine::metrics::build_report(
            &crate::engine::dataset::Dataset::default(),
            &crate::engine::settings::Settings::default(),
            "",
        );
        report.codex = CodexView {
            trend: CreditTrend {
                weeks: vec![week("2025-04-07"), week("2025-04-14"), week("2025-04-21")],
                series: vec![
                    TrendSeries {
                        surface: "CLI".into(),
                        credits: vec![None, Some(1.5), Some(3.0)],
                    },
                    TrendSeries {
                        surface: "IDE".into(),
                        credits: vec![None, Some(0.0), Some(3.0)],
                    },
                ],
            },
            ranking_hidden: true,
            ..CodexView::default()
        };
        let m = model(&report);
        let ChartSpec::Categories(c) = &m.trend else {
            panic!("categories")
        };
        assert_eq!(c.style, Style::StackedBars);
        assert_eq!(c.x_labels, vec!["14 Apr", "21 Apr"]);
        assert_eq!(c.series[1].values, vec![Some(0.0), Some(3.0)]);
        assert!(
            m.trend_summary.contains(
                "1.5 credits in the week of 14–20 Apr 2025 and 6 in the week of 21–27 Apr 2025"
            ),
            "{}",
            m.trend_summary
        );
        assert!(m.ranking_note.is_some());
    }
}
