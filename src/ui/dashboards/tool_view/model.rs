//! What a per-tool view (Claude Code, Cursor, Microsoft 365 Copilot, Gemini) shows, from its
//! Report section alone (pure, tested natively): the period, the figures, the trend as a
//! chart, and the tables.

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::tool_view::{ToolTable, ToolView};
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Series, Style};
use crate::ui::dashboards::codex::model::{comparison, first_with_data, period};
use crate::ui::dashboards::{short_day, week_label, TrendLabels};
use crate::ui::format;

#[derive(Clone, Debug, PartialEq)]
pub struct ToolModel {
    pub period: String,
    pub comparison: String,
    pub figures: Vec<Figure>,
    pub action: Option<String>,
    pub needs: Option<String>,
    pub trend_title: String,
    pub trend_definition: String,
    pub trend: ChartSpec,
    pub trend_summary: String,
    pub trend_note: String,
    pub tables: Vec<ToolTable>,
}

/// `snapshots`: the trend is one point per snapshot (its own cadence, not the page's grain).
pub fn model(report: &Report, view: &ToolView, snapshots: bool) -> ToolModel {
    let t = &view.trend;
    let values: Vec<Vec<Option<f64>>> = t.series.iter().map(|s| s.values.clone()).collect();
    let start = first_with_data(&values, t.buckets.len());
    let buckets = &t.buckets[start..];
    let trend = ChartSpec::Categories(Categories {
        style: Style::Lines,
        x_labels: buckets.iter().map(|b| short_day(*b)).collect(),
        x_names: buckets.iter().map(|b| week_label(*b)).collect(),
        series: t
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| Series::new(s.name.clone(), s.values[start..].to_vec(), i))
            .collect(),
        unit: t.unit,
        y_max: None,
        y_title: match t.unit {
            Unit::People => "People".into(),
            Unit::Usd => "US dollars".into(),
            _ => "Count".into(),
        },
    });
    let trend_summary = match (buckets.first(), buckets.last(), t.series.first()) {
        (Some(a), Some(b), Some(s)) => format!(
            "Lines of {} over {} points, from {} ({}) to {} ({}).",
            t.series
                .iter()
                .map(|s| s.name.to_lowercase())
                .collect::<Vec<_>>()
                .join(" and "),
            buckets.len(),
            week_label(*a),
            format::value(s.values.get(start).copied().flatten(), t.unit),
            week_label(*b),
            format::value(s.values.last().copied().flatten(), t.unit),
        ),
        _ => "No data to chart for this selection.".into(),
    };
    let labels = TrendLabels::of(report, false);
    ToolModel {
        period: period(report),
        comparison: comparison(report),
        figures: view.figures.clone(),
        action: view.action.clone(),
        needs: view.needs.clone(),
        trend_title: if snapshots {
            t.title.clone()
        } else {
            format!("{}, {}", t.title, labels.every)
        },
        trend_definition: t.definition.clone(),
        trend,
        trend_summary,
        trend_note: if snapshots {
            String::new()
        } else {
            labels.note
        },
        tables: view.tables.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::{Day, DaySpan};
    use crate::engine::metrics::tool_view::{ToolTrend, TrendLine};

    #[test]
    fn the_trend_starts_at_the_first_bucket_with_data() {
        let report = crate::engine::metrics::build_report(
            &crate::engine::dataset::Dataset::default(),
            &crate::engine::settings::Settings::default(),
            "",
        );
        let week = |s: &str| {
            let d = Day::parse(s).expect("date");
            DaySpan::new(d, d.plus(6))
        };
        let view = ToolView {
            trend: ToolTrend {
                title: "Active people".into(),
                buckets: vec![week("2025-01-27"), week("2025-02-03")],
                series: vec![TrendLine {
                    name: "Active people".into(),
                    values: vec![None, Some(4.0)],
                }],
                ..ToolTrend::default()
            },
            ..ToolView::default()
        };
        let m = model(&report, &view, false);
        let ChartSpec::Categories(c) = &m.trend else {
            panic!("categories")
        };
        assert_eq!(c.x_labels, vec!["3 Feb"]);
        assert_eq!(m.trend_title, "Active people, week by week");
        assert!(
            m.trend_summary.contains("from 3–9 Feb 2025 (4)"),
            "{}",
            m.trend_summary
        );
    }
}
