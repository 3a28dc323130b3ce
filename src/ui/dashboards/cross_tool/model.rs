//! What the Cross-tool view shows, from the Report alone (pure, tested natively): figures, people
//! per tool and per overlap, pairs, the tool split by department as grouped bars, and dual
//! coding-assistant holders.

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::overlap::{CrossToolView, DepartmentSplit};
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Series, Style};
use crate::ui::dashboards::codex::model::{comparison, period};

#[derive(Clone, Debug, PartialEq)]
pub struct CrossToolModel {
    pub period: String,
    pub comparison: String,
    pub figures: Vec<Figure>,
    pub view: CrossToolView,
    /// Tool labels, in the order of each department's shares.
    pub tool_labels: Vec<String>,
    pub departments: Vec<DepartmentSplit>,
    pub split_chart: ChartSpec,
    pub split_summary: String,
    pub department_note: String,
}

pub fn model(report: &Report) -> CrossToolModel {
    let v = &report.overlap;
    let tool_labels: Vec<String> = v.tools.iter().map(|t| t.label.clone()).collect();
    let shown: Vec<&DepartmentSplit> = v.departments.iter().filter(|d| !d.suppressed).collect();
    let split_chart = ChartSpec::Categories(Categories {
        style: Style::GroupedBars,
        x_labels: shown.iter().map(|d| d.department.clone()).collect(),
        x_names: Vec::new(),
        series: tool_labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                Series::new(
                    label.clone(),
                    shown
                        .iter()
                        .map(|d| d.shares.get(i).copied().flatten())
                        .collect(),
                    i,
                )
            })
            .collect(),
        unit: Unit::Rate,
        y_max: Some(1.0),
        y_title: "Share of the department's AI-active people".into(),
    });
    let split_summary = format!(
        "Grouped bars: for each of {} departments shown, the share of its AI-active people on each of {}.",
        shown.len(),
        tool_labels.join(", ")
    );
    let hidden = v.departments.len() - shown.len();
    CrossToolModel {
        period: period(report),
        comparison: comparison(report),
        figures: v.figures.clone(),
        view: v.clone(),
        tool_labels,
        departments: v.departments.clone(),
        split_chart,
        split_summary,
        department_note: format!(
            "Group size: the department's people active on at least one tool this week. Groups under {} are hidden{}.",
            v.min_group_size,
            if hidden > 0 { format!(" ({hidden} hidden, the next-smallest included so totals cannot reveal them)") } else { String::new() }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::facts::Tool;
    use crate::engine::metrics::overlap::ToolActive;

    #[test]
    fn suppressed_departments_stay_out_of_the_chart() {
        let mut report = crate::engine::metrics::build_report(
            &crate::engine::dataset::Dataset::default(),
            &crate::engine::settings::Settings::default(),
            "",
        );
        let tool = |t: Tool, n| ToolActive {
            tool: t,
            label: t.label().into(),
            active_people: n,
            only_this_tool: 0,
        };
        report.overlap = CrossToolView {
            tools: vec![tool(Tool::Codex, 5), tool(Tool::Copilot, 3)],
            departments: vec![
                DepartmentSplit {
                    department: "Engineering".into(),
                    suppressed: false,
                    active_people: Some(4),
                    shares: vec![Some(0.75), Some(0.75)],
                    multi_tool: Some(2),
                },
                DepartmentSplit {
                    department: "Legal".into(),
                    suppressed: true,
                    active_people: None,
                    shares: vec![None, None],
                    multi_tool: None,
                },
            ],
            min_group_size: 5,
            ..CrossToolView::default()
        };
        let m = model(&report);
        let ChartSpec::Categories(c) = &m.split_chart else {
            panic!("categories")
        };
        assert_eq!(c.x_labels, vec!["Engineering"]);
        assert_eq!(c.series.len(), 2);
        assert_eq!(c.series[1].name, "GitHub Copilot");
        assert!(m.department_note.contains("(1 hidden"));
    }
}
