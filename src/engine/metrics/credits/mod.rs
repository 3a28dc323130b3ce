//! Credits and budget: credits and usage cost by model and by surface (SKU, client) per tool,
//! over the calendar month of the last usage day; each tool's monthly budget used, remaining
//! and projected to month end (linear on days elapsed), with alerts at 75 %, 90 % and 100 %;
//! the same per department (usage attributed through each person's department, with the
//! group-size floor); GitHub premium requests by model with the model's multiplier.
//!
//! Usage cost (METRICS.md): native money where the export gives it (GitHub billing
//! `net_amount`, what is billed after the included requests; a Codex or analytics `cost`),
//! else credits × `settings.credit_price_usd`. A tool's usage comes from one kind of fact only,
//! in this order, so nothing is counted twice: billing lines (`UsageCharge`), person-day rows,
//! organisation rows, ChatGPT Users rows with credits.

use super::context::Ctx;
use super::definitions::{Better, Definition, Unit};
use crate::engine::date::DaySpan;
use crate::engine::facts::Tool;
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};

mod budget;
mod usage;

use budget::{alerts, days_in_month, department_budgets};
pub use budget::{BudgetRow, DepartmentBudgetRow};
use usage::{last_usage_day, rows, By};
pub use usage::{usage_kinds, usage_rows, Kind, UsageRow};

/// Budget shares that raise an alert.
pub const ALERTS: [u32; 3] = [75, 90, 100];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CreditsView {
    /// This view's figures (ids shared with the headline keep their meaning).
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
    /// The month the figures are about: its first day to the last day with usage data.
    #[serde(default)]
    pub month: Option<DaySpan>,
    #[serde(default)]
    pub days_elapsed: u32,
    #[serde(default)]
    pub days_in_month: u32,
    /// Credits and cost by tool and model, largest cost first.
    #[serde(default)]
    pub by_model: Vec<UsageRow>,
    /// Credits and cost by tool and surface (SKU, product or client).
    #[serde(default)]
    pub by_surface: Vec<UsageRow>,
    /// One row per tool with usage or a budget.
    #[serde(default)]
    pub budgets: Vec<BudgetRow>,
    /// One row per department with attributable usage or a budget.
    #[serde(default)]
    pub department_budgets: Vec<DepartmentBudgetRow>,
    /// Usage cost this month that names no person (organisation rows), so no department.
    #[serde(default)]
    pub unattributed_usd: f64,
    /// US dollars per credit used where an export gives credits but no money.
    #[serde(default)]
    pub credit_price_usd: f64,
    /// When nothing loaded has usage: the export that would give it.
    #[serde(default)]
    pub needs: Option<String>,
}

pub const USAGE_COST_MTD: Definition = Definition {
    id: "usage_cost_month_to_date",
    label: "Usage cost this month",
    unit: Unit::Usd,
    formula: "Usage cost from the first of the month to the last day with usage data: billed money where the export gives it (GitHub net_amount, after included requests), else credits × credit price (settings). Never an estimate added to a billed amount.",
    sources: "github.billing_usage_csv: net_amount, aic_quantity; chatgpt.credit_usage_csv: usage_credits; codex.usage_json: credits",
    needs: "github.billing_usage_csv, chatgpt.credit_usage_csv or codex.usage_json",
    better: Better::Neither,
};

pub const CREDITS_MTD: Definition = Definition {
    id: "credits_month_to_date",
    label: "Credits this month",
    unit: Unit::Number,
    formula: "Σ credits (GitHub AI credits, ChatGPT and Codex credits) from the first of the month to the last day with usage data.",
    sources: "github.billing_usage_csv: aic_quantity; chatgpt.credit_usage_csv: usage_credits; codex.usage_json: credits",
    needs: "github.billing_usage_csv, chatgpt.credit_usage_csv or codex.usage_json",
    better: Better::Neither,
};

pub const PROJECTED_MONTH_END: Definition = Definition {
    id: "projected_month_end_cost",
    label: "Projected month-end cost",
    unit: Unit::Usd,
    formula: "Usage cost this month / days elapsed (first of the month to the last data day) × days in the month: a straight line, no seasonality.",
    sources: "as usage cost this month",
    needs: "github.billing_usage_csv, chatgpt.credit_usage_csv or codex.usage_json",
    better: Better::Neither,
};

pub const BUDGET_USED: Definition = Definition {
    id: "budget_used_share",
    label: "Budget used",
    unit: Unit::Rate,
    formula: "Usage cost this month of the tools with a budget / the sum of their monthly budgets (settings). Alerts at 75 %, 90 % and 100 %.",
    sources: "usage cost; settings: budgets",
    needs: "a monthly budget in Settings",
    better: Better::Lower,
};

pub fn build(ctx: &Ctx) -> CreditsView {
    let needs =
        "needs github.billing_usage_csv, chatgpt.credit_usage_csv or codex.usage_json".to_string();
    let mut view = CreditsView {
        credit_price_usd: ctx.settings.credit_price_usd,
        ..CreditsView::default()
    };
    let Some(last) = last_usage_day(ctx) else {
        view.needs = Some(needs.clone());
        view.figures = [
            &USAGE_COST_MTD,
            &CREDITS_MTD,
            &PROJECTED_MONTH_END,
            &BUDGET_USED,
        ]
        .into_iter()
        .map(|d| Figure::of(d, None, None, Some(needs.clone())))
        .collect();
        return view;
    };
    let month = DaySpan::new(last.month_start(), last);
    let elapsed = month.days() as u32;
    let total_days = days_in_month(last);
    view.month = Some(month);
    view.days_elapsed = elapsed;
    view.days_in_month = total_days;
    view.by_model = rows(ctx, month, By::Model);
    view.by_surface = rows(ctx, month, By::Surface);
    let project = |used: f64| used / f64::from(elapsed.max(1)) * f64::from(total_days);
    let mut tools: Vec<Tool> = view.by_model.iter().map(|r| r.tool).collect();
    tools.extend(
        ctx.settings
            .budgets
            .iter()
            .filter(|b| b.monthly_usd > 0.0)
            .map(|b| b.tool),
    );
    tools.sort();
    tools.dedup();
    for tool in tools {
        let used: f64 = view
            .by_model
            .iter()
            .filter(|r| r.tool == tool)
            .map(|r| r.usd)
            .sum();
        let budget = ctx.settings.budget(tool);
        let projected = project(used);
        let used_share = budget.map(|b| used / b);
        view.budgets.push(BudgetRow {
            tool,
            tool_label: tool.label().to_string(),
            used,
            projected,
            budget,
            remaining: budget.map(|b| b - used),
            used_share,
            projected_share: budget.map(|b| projected / b),
            alerts: alerts(used_share),
        });
    }
    let (departments, unattributed) = department_budgets(ctx, month, project);
    view.department_budgets = departments;
    view.unattributed_usd = unattributed;
    let used: f64 = view.budgets.iter().map(|b| b.used).sum();
    let credits: f64 = view.by_model.iter().map(|r| r.credits).sum();
    let budgeted: Vec<&BudgetRow> = view.budgets.iter().filter(|b| b.budget.is_some()).collect();
    let budget_total: f64 = budgeted.iter().filter_map(|b| b.budget).sum();
    let budget_used: f64 = budgeted.iter().map(|b| b.used).sum();
    view.figures = vec![
        Figure::of(&USAGE_COST_MTD, Some(used), None, None),
        Figure::of(&CREDITS_MTD, Some(credits), None, None),
        Figure::of(&PROJECTED_MONTH_END, Some(project(used)), None, None),
        Figure::of(
            &BUDGET_USED,
            (budget_total > 0.0).then(|| budget_used / budget_total),
            None,
            Some("no monthly budget set: add one in Settings".to_string()),
        ),
    ];
    view.action = action(&view);
    view
}

fn usd(v: f64) -> String {
    if v.abs() < 100.0 {
        return format!("${v:.2}");
    }
    let digits = (v.round() as i64).unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    format!("${out}")
}

/// The one next step: the budget most at risk, else the tool to set a budget for (naming its
/// costliest model).
fn action(view: &CreditsView) -> Option<String> {
    let day = view.days_elapsed;
    let days = view.days_in_month;
    let risk = view
        .budgets
        .iter()
        .filter_map(|b| Some((b, b.projected_share?)))
        .filter(|(_, s)| *s >= 0.75)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let top_model = |tool: Tool| {
        let total: f64 = view
            .by_model
            .iter()
            .filter(|r| r.tool == tool)
            .map(|r| r.usd)
            .sum();
        view.by_model
            .iter()
            .find(|r| r.tool == tool && r.usd > 0.0)
            .map(|r| (r.label.clone(), r.usd / total.max(f64::MIN_POSITIVE)))
    };
    if let Some((b, share)) = risk {
        let model = top_model(b.tool)
            .map(|(m, s)| format!(" {m} is {:.0} % of it:", s * 100.0))
            .unwrap_or_default();
        let verb = if share >= 1.0 {
            "will overrun"
        } else {
            "is close to"
        };
        return Some(format!(
            "{} has used {} ({:.0} %) of its {} budget by day {day} of {days} and {verb} it at {} projected ({:.0} %).{model} restrict premium models or raise the budget before month end.",
            b.tool_label,
            usd(b.used),
            b.used_share.unwrap_or(0.0) * 100.0,
            usd(b.budget.unwrap_or(0.0)),
            usd(b.projected),
            share * 100.0,
        ));
    }
    let department_risk = view
        .department_budgets
        .iter()
        .filter_map(|b| Some((b, b.projected_share?)))
        .filter(|(_, s)| *s >= 0.75)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((b, share)) = department_risk {
        let verb = if share >= 1.0 {
            "will overrun"
        } else {
            "is close to"
        };
        return Some(format!(
            "{} has used {} ({:.0} %) of its {} AI budget by day {day} of {days} and {verb} it at {} projected ({:.0} %): agree with its lead which premium models and agents to keep before month end.",
            b.department,
            usd(b.used.unwrap_or(0.0)),
            b.used_share.unwrap_or(0.0) * 100.0,
            usd(b.budget.unwrap_or(0.0)),
            usd(b.projected.unwrap_or(0.0)),
            share * 100.0,
        ));
    }
    let unbudgeted = view
        .budgets
        .iter()
        .filter(|b| b.budget.is_none() && b.used > 0.0)
        .max_by(|a, b| a.projected.total_cmp(&b.projected));
    if let Some(b) = unbudgeted {
        let model = top_model(b.tool)
            .map(|(m, s)| format!(" ({m} is {:.0} % of it)", s * 100.0))
            .unwrap_or_default();
        return Some(format!(
            "{} usage is {} by day {day} of {days}{model}, heading for {} this month with no budget: set a monthly budget of about {} in Settings to get alerts at 75 %, 90 % and 100 %.",
            b.tool_label,
            usd(b.used),
            usd(b.projected),
            usd((b.projected * 1.2 / 50.0).ceil() * 50.0),
        ));
    }
    None
}
