//! What the Model mix view shows, from the Report alone (pure, tested natively): the
//! advanced-model figures, each model's weekly share as stacked bars (top models and "Other"),
//! the advanced share per week, and the tier table.

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::models::ModelTierRow;
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Series, Style, PALETTE};
use crate::ui::dashboards::{bucket_word, in_bucket, short_day, week_label, TrendLabels};
use crate::ui::format;

#[derive(Clone, Debug, PartialEq)]
pub struct ModelsModel {
    pub period: String,
    pub comparison: String,
    pub figures: Vec<Figure>,
    pub action: Option<String>,
    pub needs: Option<String>,
    /// What the shares count, for the page.
    pub basis_note: String,
    pub chart: Option<ChartSpec>,
    pub chart_summary: String,
    pub tiers: Vec<ModelTierRow>,
    /// The advanced tier's prefixes, as set in settings.
    pub prefixes: String,
    pub trend: TrendLabels,
}

pub fn model(report: &Report) -> ModelsModel {
    let m = &report.models;
    let weeks_back = report.settings.compare_weeks_back;
    // The last palette colour (grey) is kept for "Other".
    let colour = |i: usize, name: &str| {
        if name == crate::engine::metrics::models::OTHER {
            PALETTE.len() - 1
        } else {
            i % (PALETTE.len() - 1)
        }
    };
    let series: Vec<Series> = m
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = if s.advanced {
                format!("{} (advanced)", s.model)
            } else {
                s.model.clone()
            };
            Series::new(name, s.shares.clone(), colour(i, &s.model))
        })
        .collect();
    let spec = ChartSpec::Categories(Categories {
        style: Style::StackedBars,
        x_labels: m.weeks.iter().map(|w| short_day(*w)).collect(),
        x_names: m.weeks.iter().map(|w| week_label(*w)).collect(),
        series,
        unit: Unit::Rate,
        y_max: Some(1.0),
        y_title: format!(
            "Share of the {}",
            m.weeks.first().map_or("week", |w| bucket_word(*w))
        ),
    });
    let last_advanced = m
        .advanced_weekly
        .iter()
        .zip(&m.weeks)
        .rev()
        .find_map(|(v, w)| Some(((*v)?, w)));
    let chart_summary = match (m.weeks.first(), last_advanced) {
        (Some(first), Some((share, last))) => {
            let unit = bucket_word(*first);
            format!(
            "Stacked bars of each model's share of the {unit}'s {} over {} {unit}s from {}; {} the advanced tier took {}.",
            if m.basis.starts_with("messages") { "messages" } else { "answers" },
            m.weeks.len(),
            week_label(*first),
            in_bucket(*last),
            format::value(Some(share), Unit::Rate)
        )
        }
        _ => "No model data.".to_string(),
    };
    ModelsModel {
        trend: TrendLabels::of(report, m.basis.starts_with("messages")),
        period: report.headline_week.map_or_else(
            || "No complete week yet".to_string(),
            |w| format!("Week of {}", week_label(w)),
        ),
        comparison: match report.comparison_week {
            Some(_) => format!("vs {weeks_back} weeks ago"),
            None => format!("(no data {weeks_back} weeks earlier)"),
        },
        figures: m.figures.clone(),
        action: m.action.clone(),
        needs: m.needs.clone(),
        basis_note: if m.basis.is_empty() {
            String::new()
        } else {
            format!("Shares of {}.", m.basis)
        },
        chart: (!spec.is_empty()).then_some(spec),
        chart_summary,
        tiers: m.tiers.clone(),
        prefixes: m.advanced_prefixes.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::{Day, DaySpan};
    use crate::engine::metrics::models::{ModelMixView, ModelSeries};

    fn report_with(models: ModelMixView) -> Report {
        let mut report = crate::engine::metrics::build_report(
            &crate::engine::dataset::Dataset::default(),
            &crate::engine::settings::Settings::default(),
            "",
        );
        report.models = models;
        report
    }

    #[test]
    fn stacked_shares_name_advanced_models_and_keep_grey_for_other() {
        let d = Day::parse("2026-06-07").expect("date");
        let m = model(&report_with(ModelMixView {
            basis: "messages by model (Users CSV)".into(),
            weeks: vec![DaySpan::new(d, d.plus(6))],
            series: vec![
                ModelSeries {
                    model: "gpt-4o".into(),
                    advanced: false,
                    shares: vec![Some(0.625)],
                },
                ModelSeries {
                    model: "o3".into(),
                    advanced: true,
                    shares: vec![Some(0.25)],
                },
                ModelSeries {
                    model: "Other".into(),
                    advanced: false,
                    shares: vec![Some(0.125)],
                },
            ],
            advanced_weekly: vec![Some(0.3125)],
            ..Default::default()
        }));
        let Some(ChartSpec::Categories(c)) = &m.chart else {
            panic!("a chart");
        };
        assert_eq!(c.style, Style::StackedBars);
        let names: Vec<(&str, usize)> = c
            .series
            .iter()
            .map(|s| (s.name.as_str(), s.colour))
            .collect();
        assert_eq!(
            names,
            vec![("gpt-4o", 0), ("o3 (advanced)", 1), ("Other", 7)]
        );
        assert_eq!(
            m.chart_summary,
            "Stacked bars of each model's share of the week's messages over 1 weeks from 7–13 Jun 2026; in the week of 7–13 Jun 2026 the advanced tier took 31 %."
        );
        assert_eq!(m.basis_note, "Shares of messages by model (Users CSV).");
    }

    #[test]
    fn nothing_loaded_says_so() {
        let m = model(&report_with(ModelMixView::default()));
        assert!(m.chart.is_none());
        assert_eq!(m.chart_summary, "No model data.");
    }
}
