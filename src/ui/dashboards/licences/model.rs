//! What the Licences & cost view shows, from the Report alone: the figures, seat prices, the
//! per-tool seat table, the per-department table and a chart of monthly seat cost by
//! department and tool (suppressed groups are gaps, never zeros).

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::licences::{DepartmentSeats, ToolSeats};
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Series, Style};
use crate::ui::dashboards::week_label;

#[derive(Clone, Debug, PartialEq)]
pub struct LicencesModel {
    pub period: String,
    pub comparison: String,
    pub figures: Vec<Figure>,
    pub action: Option<String>,
    pub needs: Option<String>,
    pub tools: Vec<ToolSeats>,
    /// (tool label, monthly price) for every tool in settings.
    pub prices: Vec<(String, f64)>,
    pub departments: Vec<DepartmentSeats>,
    pub department_note: String,
    pub chart: ChartSpec,
    pub chart_summary: String,
}

pub fn model(report: &Report) -> LicencesModel {
    let l = &report.licences;
    let period = match (report.headline_week, l.as_of) {
        (Some(week), _) => format!(
            "Seats at the end of the week of {}; unused = no activity in the {} days up to its last day",
            week_label(week),
            l.unused_after_days
        ),
        (None, Some(day)) => format!("Seat snapshot of {day}"),
        _ => "No seat data yet".to_string(),
    };
    let comparison = match report.comparison_week {
        Some(_) => format!("vs {} weeks ago", report.settings.compare_weeks_back),
        None => "(no comparison week)".to_string(),
    };
    let prices = report
        .settings
        .seat_prices
        .iter()
        .map(|p| (p.tool.label().to_string(), p.monthly_usd))
        .collect();
    let (chart, chart_summary) = cost_chart(&l.departments, &l.tools);
    LicencesModel {
        period,
        comparison,
        figures: l.figures.clone(),
        action: l.action.clone(),
        needs: l.needs.clone(),
        tools: l.tools.clone(),
        prices,
        departments: l.departments.clone(),
        department_note: format!(
            "Each tool's departments are shown only with at least {} seat holders on that tool; the next-smallest group is hidden too when a total would reveal a small one.",
            l.min_group_size
        ),
        chart,
        chart_summary,
    }
}

/// Monthly seat cost by department (categories), one stacked series per tool.
fn cost_chart(rows: &[DepartmentSeats], tools: &[ToolSeats]) -> (ChartSpec, String) {
    let mut departments: Vec<String> = Vec::new();
    for r in rows {
        if !departments.contains(&r.department) {
            departments.push(r.department.clone());
        }
    }
    let series: Vec<Series> = tools
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let values = departments
                .iter()
                .map(|d| {
                    rows.iter()
                        .find(|r| r.tool == t.tool && &r.department == d)
                        .and_then(|r| r.monthly_cost)
                })
                .collect();
            Series::new(t.label.clone(), values, i)
        })
        .collect();
    let shown = rows.iter().filter(|r| !r.suppressed).count();
    let summary = format!(
        "Stacked bar chart of monthly seat cost by department and tool, {} departments; {} department-tool groups hidden by the minimum group size.",
        departments.len(),
        rows.len() - shown
    );
    (
        ChartSpec::Categories(Categories {
            style: Style::StackedBars,
            x_labels: departments,
            x_names: Vec::new(),
            series,
            unit: Unit::Usd,
            y_max: None,
            y_title: "Monthly seat cost".into(),
        }),
        summary,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::facts::Tool;

    fn row(department: &str, tool: Tool, cost: Option<f64>) -> DepartmentSeats {
        DepartmentSeats {
            department: department.into(),
            tool,
            tool_label: tool.label().into(),
            suppressed: cost.is_none(),
            seats: cost.map(|c| (c / 10.0) as u32),
            weekly_active: None,
            unused: None,
            monthly_cost: cost,
        }
    }

    fn tool(tool: Tool) -> ToolSeats {
        ToolSeats {
            tool,
            label: tool.label().into(),
            seats: 1,
            weekly_active: None,
            unused: 0,
            seat_price: 10.0,
            monthly_cost: 10.0,
            unused_cost: 0.0,
        }
    }

    #[test]
    fn suppressed_groups_are_gaps_in_the_cost_chart() {
        let rows = [
            row("Sales", Tool::Chatgpt, Some(300.0)),
            row("Legal", Tool::Chatgpt, None),
            row("Sales", Tool::Copilot, Some(50.0)),
        ];
        let (chart, summary) = cost_chart(&rows, &[tool(Tool::Chatgpt), tool(Tool::Copilot)]);
        let ChartSpec::Categories(c) = chart else {
            panic!("categories")
        };
        assert_eq!(c.x_labels, vec!["Sales", "Legal"]);
        assert_eq!(c.series[0].values, vec![Some(300.0), None]);
        // Copilot has no Legal row at all: a gap too.
        assert_eq!(c.series[1].values, vec![Some(50.0), None]);
        assert!(summary.contains("1 department-tool groups hidden"));
    }

    #[test]
    fn an_empty_report_says_there_are_no_seats() {
        let empty = crate::engine::metrics::build_report(
            &crate::engine::dataset::Dataset::default(),
            &crate::engine::settings::Settings::default(),
            "",
        );
        let m = model(&empty);
        assert_eq!(m.period, "No seat data yet");
        assert!(m.chart.is_empty());
    }
}
