//! What the Credits & budget view shows, from the Report alone: the month's figures, one
//! budget row per tool (with its alerts), a used / projected / budget chart, and credits and
//! cost by model and by surface.

use crate::engine::metrics::credits::{BudgetRow, DepartmentBudgetRow, UsageRow};
use crate::engine::metrics::definitions::Unit;
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Series, Style};

#[derive(Clone, Debug, PartialEq)]
pub struct CreditsModel {
    pub period: String,
    pub figures: Vec<Figure>,
    pub action: Option<String>,
    pub needs: Option<String>,
    pub budgets: Vec<BudgetRow>,
    pub department_budgets: Vec<DepartmentBudgetRow>,
    pub unattributed_usd: f64,
    /// True when no tool with usage has a budget (the view then links to Settings).
    pub no_budget: bool,
    pub by_model: Vec<UsageRow>,
    pub by_surface: Vec<UsageRow>,
    pub credit_price: f64,
    pub chart: ChartSpec,
    pub chart_summary: String,
}

pub fn model(report: &Report) -> CreditsModel {
    let c = &report.credits;
    let period = match c.month {
        Some(m) => format!(
            "Month to date: {} to {} (day {} of {})",
            m.first, m.last, c.days_elapsed, c.days_in_month
        ),
        None => "No usage data yet".to_string(),
    };
    let (chart, chart_summary) = budget_chart(&c.budgets);
    CreditsModel {
        period,
        figures: c.figures.clone(),
        action: c.action.clone(),
        needs: c.needs.clone(),
        no_budget: !c.budgets.is_empty() && c.budgets.iter().all(|b| b.budget.is_none()),
        budgets: c.budgets.clone(),
        department_budgets: c.department_budgets.clone(),
        unattributed_usd: c.unattributed_usd,
        by_model: c.by_model.clone(),
        by_surface: c.by_surface.clone(),
        credit_price: c.credit_price_usd,
        chart,
        chart_summary,
    }
}

/// Per tool: used so far, projected month end, and the budget (dashed, a gap when unset).
fn budget_chart(rows: &[BudgetRow]) -> (ChartSpec, String) {
    let labels: Vec<String> = rows.iter().map(|b| b.tool_label.clone()).collect();
    let series = vec![
        Series::new(
            "Used so far",
            rows.iter().map(|b| Some(b.used)).collect(),
            0,
        ),
        Series::new(
            "Projected month end",
            rows.iter().map(|b| Some(b.projected)).collect(),
            1,
        ),
        Series::new("Budget", rows.iter().map(|b| b.budget).collect(), 7),
    ];
    let summary = rows
        .iter()
        .map(|b| {
            format!(
                "{}: {} used, {} projected{}",
                b.tool_label,
                crate::ui::format::value(Some(b.used), Unit::Usd),
                crate::ui::format::value(Some(b.projected), Unit::Usd),
                b.budget
                    .map(|v| format!(", budget {}", crate::ui::format::value(Some(v), Unit::Usd)))
                    .unwrap_or_else(|| ", no budget".into())
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    (
        ChartSpec::Categories(Categories {
            style: Style::GroupedBars,
            x_labels: labels,
            x_names: Vec::new(),
            series,
            unit: Unit::Usd,
            y_max: None,
            y_title: "US dollars this month".into(),
        }),
        format!("Grouped bar chart of usage cost by tool. {summary}."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::facts::Tool;

    #[test]
    fn budget_chart_leaves_a_gap_where_no_budget_is_set() {
        let row = |tool: Tool, budget: Option<f64>| BudgetRow {
            tool,
            tool_label: tool.label().into(),
            used: 10.0,
            projected: 20.0,
            budget,
            remaining: budget.map(|b| b - 10.0),
            used_share: budget.map(|b| 10.0 / b),
            projected_share: budget.map(|b| 20.0 / b),
            alerts: Vec::new(),
        };
        let (chart, summary) =
            budget_chart(&[row(Tool::Codex, Some(50.0)), row(Tool::Copilot, None)]);
        let ChartSpec::Categories(c) = chart else {
            panic!("categories")
        };
        assert_eq!(c.series[2].values, vec![Some(50.0), None]);
        assert!(summary.contains("GitHub Copilot: $10.00 used, $20.00 projected, no budget"));
    }
}
