//! What the Tokens view shows, from the Report alone (pure, tested natively): the token figures,
//! the 14-week trend as two line charts, the split by tool and by department, and the seat cost
//! allocated to each department.

use crate::engine::date::DaySpan;
use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::tokens::{SeatCostRow, TokenDepartmentRow, ToolTokens};
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Series, Style};
use crate::ui::dashboards::{bucket_word, in_bucket, short_day, week_label, TrendLabels};
use crate::ui::format;

#[derive(Clone, Debug, PartialEq)]
pub struct TokensModel {
    pub period: String,
    pub comparison: String,
    pub figures: Vec<Figure>,
    pub action: Option<String>,
    pub needs: Option<String>,
    /// Input and output tokens per active person, week by week (`None`: no token data).
    pub input_chart: Option<ChartSpec>,
    pub output_chart: Option<ChartSpec>,
    pub input_summary: String,
    pub output_summary: String,
    /// Shown when more than one tool reports tokens.
    pub tools: Vec<ToolTokens>,
    pub departments: Vec<TokenDepartmentRow>,
    pub department_note: String,
    pub seat_costs: Vec<SeatCostRow>,
    pub seat_cost_note: String,
    pub seat_cost_definition: String,
    pub trend: TrendLabels,
}

pub fn model(report: &Report) -> TokensModel {
    let t = &report.tokens;
    let weeks_back = report.settings.compare_weeks_back;
    let spans: Vec<DaySpan> = t.weekly.iter().map(|w| w.week).collect();
    let x_labels: Vec<String> = t.weekly.iter().map(|w| short_day(w.week)).collect();
    let x_names: Vec<String> = t.weekly.iter().map(|w| week_label(w.week)).collect();
    let input: Vec<Option<f64>> = t.weekly.iter().map(|w| w.input_per_person).collect();
    let output: Vec<Option<f64>> = t.weekly.iter().map(|w| w.output_per_person).collect();
    let chart = |name: &str, values: Vec<Option<f64>>, colour: usize| {
        let spec = ChartSpec::Categories(Categories {
            style: Style::Lines,
            x_labels: x_labels.clone(),
            x_names: x_names.clone(),
            series: vec![Series::new(name, values, colour)],
            unit: Unit::Number,
            y_max: None,
            y_title: "Tokens per active person".into(),
        });
        (!spec.is_empty()).then_some(spec)
    };
    let hidden = t.suppressed_departments;
    let floor = t.min_group_size;
    TokensModel {
        trend: TrendLabels::of(report, false),
        period: report.headline_week.map_or_else(
            || "No complete week yet".to_string(),
            |w| format!("Week of {} · input counts cached tokens too", week_label(w)),
        ),
        comparison: match report.comparison_week {
            Some(_) => format!("vs {weeks_back} weeks ago"),
            None => format!("(no data {weeks_back} weeks earlier)"),
        },
        figures: t.figures.clone(),
        action: t.action.clone(),
        needs: t.needs.clone(),
        input_summary: summary("Input tokens per active person", &input, &spans),
        output_summary: summary("Output tokens per active person", &output, &spans),
        input_chart: chart("Input tokens per person", input, 0),
        output_chart: chart("Output tokens per person", output, 1),
        tools: if t.tools.len() > 1 {
            t.tools.clone()
        } else {
            Vec::new()
        },
        departments: t.departments.clone(),
        department_note: format!(
            "Group size: people with token data in the week (the token-reporting tools have no seats of their own). Groups under {floor} are hidden{}.",
            if hidden > 0 {
                format!(", with the next-smallest group too so totals cannot reveal them ({hidden} hidden)")
            } else {
                String::new()
            }
        ),
        seat_costs: t.seat_costs.clone(),
        seat_cost_note: format!(
            "An allocation, not an invoice: each department's seats × the list price per seat in settings{}. Groups under {floor} seat holders are hidden{}.",
            t.monthly_seat_cost
                .map(|c| format!(" (all departments together: {} a month)", format::value(Some(c), Unit::Usd)))
                .unwrap_or_default(),
            if t.suppressed_seat_cost_groups > 0 {
                format!(" ({} hidden)", t.suppressed_seat_cost_groups)
            } else {
                String::new()
            }
        ),
        seat_cost_definition: crate::engine::metrics::tokens::seat_cost_definition()
            .formula
            .to_string(),
    }
}

/// "Input tokens per active person over 14 weeks, from 1,500 (1–7 Jun 2026) to 1,370 (…)."
fn summary(what: &str, values: &[Option<f64>], spans: &[DaySpan]) -> String {
    let points: Vec<(f64, DaySpan)> = values
        .iter()
        .zip(spans)
        .filter_map(|(v, n)| Some(((*v)?, *n)))
        .collect();
    match (points.first(), points.last()) {
        (Some(first), Some(last)) => format!(
            "Line chart of {} over {} {}s, from {} {} to {} {}.",
            what.to_lowercase(),
            values.len(),
            bucket_word(first.1),
            format::value(Some(first.0), Unit::Number),
            in_bucket(first.1),
            format::value(Some(last.0), Unit::Number),
            in_bucket(last.1)
        ),
        _ => format!("No {} data.", what.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::{Day, DaySpan};
    use crate::engine::metrics::tokens::{TokenWeek, TokensView};

    fn report_with(tokens: TokensView) -> Report {
        let mut report = crate::engine::metrics::build_report(
            &crate::engine::dataset::Dataset::default(),
            &crate::engine::settings::Settings::default(),
            "",
        );
        report.tokens = tokens;
        report
    }

    fn week(first: &str) -> DaySpan {
        let d = Day::parse(first).expect("date");
        DaySpan::new(d, d.plus(6))
    }

    #[test]
    fn trend_charts_keep_gaps_and_summaries_name_the_ends() {
        let point = |w: &str, input: Option<f64>, output: Option<f64>| TokenWeek {
            week: week(w),
            input_tokens: 0,
            output_tokens: 0,
            people: 0,
            input_per_person: input,
            output_per_person: output,
            output_input_ratio: None,
        };
        let m = model(&report_with(TokensView {
            weekly: vec![
                point("2026-06-01", None, None),
                point("2026-06-08", Some(1500.0), Some(375.0)),
                point("2026-06-15", Some(1370.0), Some(325.0)),
            ],
            ..Default::default()
        }));
        let Some(ChartSpec::Categories(c)) = m.input_chart else {
            panic!("an input chart");
        };
        assert_eq!(c.x_labels, vec!["1 Jun", "8 Jun", "15 Jun"]);
        assert_eq!(c.series[0].values, vec![None, Some(1500.0), Some(1370.0)]);
        assert_eq!(
            m.input_summary,
            "Line chart of input tokens per active person over 3 weeks, from 1,500 in the week of 8–14 Jun 2026 to 1,370 in the week of 15–21 Jun 2026."
        );
    }

    #[test]
    fn no_token_data_means_no_chart() {
        let m = model(&report_with(TokensView {
            needs: Some("needs codex.usage_json".into()),
            ..Default::default()
        }));
        assert!(m.input_chart.is_none() && m.output_chart.is_none());
        assert_eq!(m.input_summary, "No input tokens per active person data.");
        assert_eq!(m.needs.as_deref(), Some("needs codex.usage_json"));
    }
}
