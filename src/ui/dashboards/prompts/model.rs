//! What the Prompt quality view shows, from the Report alone: the figures, the weekly average
//! prompt length, and the short / medium / long mix by department (hidden groups left out of
//! the chart and marked in the table).

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::prompts::PromptDepartment;
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Series, Style};
use crate::ui::dashboards::{bucket_word, in_bucket, short_day, week_label, TrendLabels};

#[derive(Clone, Debug, PartialEq)]
pub struct PromptsModel {
    pub period: String,
    pub comparison: String,
    pub figures: Vec<Figure>,
    pub action: Option<String>,
    pub needs: Option<String>,
    pub trend_chart: ChartSpec,
    pub trend_summary: String,
    pub mix_chart: ChartSpec,
    pub mix_summary: String,
    /// "Over 20 Apr – 17 May 2026. Groups with fewer than 5 seat holders are hidden…"
    pub mix_note: String,
    pub departments: Vec<PromptDepartment>,
    pub trend: TrendLabels,
}

pub fn model(report: &Report) -> PromptsModel {
    let p = &report.prompts;
    let trend_values: Vec<Option<f64>> = p.weeks.iter().map(|w| w.avg_chars).collect();
    let names: Vec<String> = p.weeks.iter().map(|w| week_label(w.week)).collect();
    let trend_summary = match (
        p.weeks.iter().find(|w| w.avg_chars.is_some()),
        p.weeks.iter().rev().find(|w| w.avg_chars.is_some()),
    ) {
        (Some(a), Some(b)) => format!(
            "Line chart of the average prompt length by {}: {:.0} characters {} to {:.0} {}.",
            bucket_word(a.week),
            a.avg_chars.unwrap_or(0.0),
            in_bucket(a.week),
            b.avg_chars.unwrap_or(0.0),
            in_bucket(b.week)
        ),
        _ => "No prompt lengths to chart.".to_string(),
    };
    let trend_chart = ChartSpec::Categories(Categories {
        style: Style::Lines,
        x_labels: p.weeks.iter().map(|w| short_day(w.week)).collect(),
        x_names: names,
        series: vec![Series::new("Average prompt length", trend_values, 0)],
        unit: Unit::Number,
        y_max: None,
        y_title: "Characters".to_string(),
    });
    // The mix: the whole organisation first, then every department shown.
    let mut labels = Vec::new();
    let mut shares: [Vec<Option<f64>>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    if let Some(all) = p.overall.filter(|o| o.prompts > 0) {
        labels.push("All".to_string());
        shares[0].push(all.short_share());
        shares[1].push(all.medium_share());
        shares[2].push(all.long_share());
    }
    for d in p.departments.iter().filter(|d| !d.suppressed) {
        labels.push(d.department.clone());
        shares[0].push(d.short_share);
        shares[1].push(d.medium_share);
        shares[2].push(d.long_share);
    }
    let [short, medium, long] = shares;
    let mix_chart = ChartSpec::Categories(Categories {
        style: Style::StackedBars,
        x_labels: labels.clone(),
        x_names: Vec::new(),
        series: vec![
            Series::new("Under 50 characters", short, 5),
            Series::new("50–200", medium, 4),
            Series::new("Over 200 (context-rich)", long, 2),
        ],
        unit: Unit::Rate,
        y_max: Some(1.0),
        y_title: "Share of prompts".to_string(),
    });
    let hidden = p.departments.iter().filter(|d| d.suppressed).count();
    let basis = match p.group_basis.as_str() {
        "seats" => "ChatGPT seat holders",
        _ => "people who sent a prompt (no seat data loaded)",
    };
    let mix_note = match p.window {
        Some(w) => format!(
            "Prompts sent {} – {} (the 28 days ending with the headline week). Departments with fewer than {} {basis} are hidden{}.",
            w.first,
            w.last,
            p.min_group_size,
            if hidden > 0 {
                format!(
                    ", with the next-smallest hidden too so totals cannot reveal them ({hidden} hidden)"
                )
            } else {
                String::new()
            }
        ),
        None => String::new(),
    };
    let weeks_back = report.settings.compare_weeks_back;
    PromptsModel {
        trend: TrendLabels::of(report, false),
        period: report.headline_week.map_or_else(
            || "No complete week yet".to_string(),
            |w| format!("Week of {} · ChatGPT prompts, length only (the text is never kept)", week_label(w)),
        ),
        comparison: match report.comparison_week {
            Some(_) => format!("vs {weeks_back} weeks ago"),
            None => format!("(no data {weeks_back} weeks earlier)"),
        },
        figures: p.figures.clone(),
        action: p.action.clone(),
        needs: p.needs.clone(),
        trend_chart,
        trend_summary,
        mix_summary: format!(
            "Stacked bars of the share of prompts under 50, 50 to 200 and over 200 characters for {}.",
            labels.join(", ")
        ),
        mix_chart,
        mix_note,
        departments: p.departments.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::settings::Settings;
    use crate::ui::dashboards::sessions::model::depth_fixture_report;

    #[test]
    fn the_mix_leaves_hidden_departments_out() {
        let settings = Settings {
            min_group_size: 2,
            ..Settings::default()
        };
        let m = model(&depth_fixture_report(&settings));
        let ChartSpec::Categories(c) = &m.mix_chart else {
            panic!("stacked bars")
        };
        // Sales and Legal are hidden (see tests/depth_metrics.rs): only All and Engineering.
        assert_eq!(c.x_labels, vec!["All", "Engineering"]);
        // Engineering: 4 short, 6 medium, 3 long of 13.
        assert_eq!(c.series[0].values[1], Some(4.0 / 13.0));
        assert_eq!(c.series[2].values[1], Some(3.0 / 13.0));
        assert!(m
            .mix_note
            .starts_with("Prompts sent 2026-04-20 – 2026-05-17"));
        assert!(m.mix_note.contains("(2 hidden)"));
        let ChartSpec::Categories(t) = &m.trend_chart else {
            panic!("lines")
        };
        assert_eq!(t.series[0].values, vec![Some(82.5), Some(129.6)]);
        assert!(m
            .trend_summary
            .contains("82 characters in the week of 4–10 May 2026"));
    }
}
