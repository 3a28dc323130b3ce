//! What the History view shows, from the Report alone: people by cohort month over month (new,
//! retained, reactivated; lapsed and retention in the table) and time from seat to first use.

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::history::{CohortMonth, ToolFirstUse};
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Series, Style};

#[derive(Clone, Debug, PartialEq)]
pub struct HistoryModel {
    pub period: String,
    pub figures: Vec<Figure>,
    pub action: Option<String>,
    pub needs: Option<String>,
    pub months: Vec<CohortMonth>,
    pub cohort_chart: Option<ChartSpec>,
    pub first_use: Vec<ToolFirstUse>,
    pub first_use_chart: Option<ChartSpec>,
    pub first_use_needs: Option<String>,
    pub unused_after_days: u32,
}

fn series(name: &str, colour: usize, values: Vec<Option<f64>>) -> Series {
    Series {
        name: name.into(),
        values,
        dashed: false,
        colour,
    }
}

pub fn model(report: &Report) -> HistoryModel {
    let h = &report.history;
    let period = match (h.months.first(), h.months.last()) {
        (Some(first), Some(last)) if h.months.len() > 1 => format!(
            "{} whole months: {} to {}",
            h.months.len(),
            first.label,
            last.label
        ),
        (Some(only), _) => format!("One whole month: {}", only.label),
        _ => "No whole calendar month covered yet".into(),
    };
    let cohort_chart = (h.months.len() > 1).then(|| {
        let count =
            |f: fn(&CohortMonth) -> u32| h.months.iter().map(|m| Some(f64::from(f(m)))).collect();
        ChartSpec::Categories(Categories {
            style: Style::StackedBars,
            x_labels: h.months.iter().map(|m| m.label.clone()).collect(),
            x_names: Vec::new(),
            series: vec![
                series("Retained", 0, count(|m| m.retained)),
                series("Reactivated", 1, count(|m| m.reactivated)),
                series("New", 2, count(|m| m.new)),
            ],
            unit: Unit::People,
            y_max: None,
            y_title: "AI-active people".into(),
        })
    });
    let first_use_chart = (!h.first_use.is_empty()).then(|| {
        let labels: Vec<String> = h.first_use[0]
            .buckets
            .iter()
            .map(|b| b.label.clone())
            .collect();
        ChartSpec::Categories(Categories {
            style: Style::GroupedBars,
            x_labels: labels.clone(),
            x_names: Vec::new(),
            series: h
                .first_use
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let values = labels
                        .iter()
                        .map(|l| {
                            t.buckets
                                .iter()
                                .find(|b| &b.label == l)
                                .map(|b| f64::from(b.people))
                        })
                        .collect();
                    series(&t.label, i, values)
                })
                .collect(),
            unit: Unit::People,
            y_max: None,
            y_title: "People with a seat".into(),
        })
    });
    HistoryModel {
        period,
        figures: h.figures.clone(),
        action: h.action.clone(),
        needs: h.needs.clone(),
        months: h.months.clone(),
        cohort_chart,
        first_use: h.first_use.clone(),
        first_use_chart,
        first_use_needs: h.first_use_needs.clone(),
        unused_after_days: h.unused_after_days,
    }
}
