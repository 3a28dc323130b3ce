//! Monthly budgets: each department's usage cost against its budget, with the group-size
//! floor, and the alert thresholds a used share has reached.

use super::usage::{charge_cost, measured_cost, Kind};
use super::ALERTS;
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::Tool;
use crate::engine::metrics::context::Ctx;
use serde::{Deserialize, Serialize};

/// One department's usage cost this month against its budget. Usage, people and shares are
/// `None` when the group is suppressed (under the minimum group size, or protecting one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentBudgetRow {
    pub department: String,
    pub suppressed: bool,
    /// People with attributable usage this month (the group size).
    pub people: Option<u32>,
    pub used: Option<f64>,
    pub projected: Option<f64>,
    pub budget: Option<f64>,
    pub remaining: Option<f64>,
    pub used_share: Option<f64>,
    pub projected_share: Option<f64>,
    pub alerts: Vec<u32>,
}

/// One tool's monthly budget.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BudgetRow {
    pub tool: Tool,
    pub tool_label: String,
    /// Usage cost so far this month.
    pub used: f64,
    /// Linear projection: used / days elapsed × days in the month.
    pub projected: f64,
    /// `None` when no budget is set for the tool.
    pub budget: Option<f64>,
    pub remaining: Option<f64>,
    pub used_share: Option<f64>,
    pub projected_share: Option<f64>,
    /// Thresholds of [`ALERTS`] that `used_share` has reached.
    pub alerts: Vec<u32>,
}

/// Usage cost in `window` per person (index = `PersonId.0`), from the same kind of fact per
/// tool as [`rows`], and what names no person (organisation rows).
pub(super) fn person_costs(ctx: &Ctx, window: DaySpan) -> (Vec<f64>, f64) {
    let f = ctx.facts;
    let price = ctx.settings.credit_price_usd;
    let mut costs = vec![0.0; ctx.people.count()];
    let mut unattributed = 0.0;
    let mut charge = |identity: Option<crate::engine::facts::IdentityId>, usd: f64| match identity {
        Some(id) => costs[ctx.people.person(id).0 as usize] += usd,
        None => unattributed += usd,
    };
    for &(tool, kind) in ctx.usage_kinds() {
        match kind {
            Kind::Charges => {
                for c in f
                    .charges
                    .iter()
                    .filter(|c| c.tool == Some(tool) && c.day.is_some_and(|d| window.contains(d)))
                {
                    charge(c.identity, charge_cost(c, price).1);
                }
            }
            Kind::Daily => {
                for r in ctx
                    .daily_in(window)
                    .filter(|r| r.tool == tool && r.breakdown.is_total())
                {
                    let m = &r.measures;
                    charge(
                        Some(r.identity),
                        measured_cost(m.credits, m.cost_usd, price),
                    );
                }
            }
            Kind::Org => {
                for r in ctx
                    .org_daily_in(window)
                    .filter(|r| r.tool == tool && r.breakdown.is_total())
                {
                    let m = &r.measures;
                    charge(None, measured_cost(m.credits, m.cost_usd, price));
                }
            }
            Kind::Periods => {
                for r in f
                    .periods
                    .iter()
                    .filter(|r| r.tool == tool && window.covers(r.period))
                {
                    charge(Some(r.identity), r.credits.unwrap_or(0.0) * price);
                }
            }
        }
    }
    (costs, unattributed)
}

/// Departments' usage this month against their budgets (settings). Group size: people with
/// attributable usage this month; smaller groups are hidden with complementary suppression.
pub(super) fn department_budgets(
    ctx: &Ctx,
    month: DaySpan,
    project: impl Fn(f64) -> f64,
) -> (Vec<DepartmentBudgetRow>, f64) {
    let (costs, unattributed) = person_costs(ctx, month);
    let mut groups: std::collections::BTreeMap<String, (u32, f64)> = Default::default();
    for (person, usd) in costs.iter().enumerate() {
        if *usd > 0.0 {
            let g = groups
                .entry(
                    ctx.department(crate::engine::metrics::people::PersonId(person as u32))
                        .to_string(),
                )
                .or_default();
            g.0 += 1;
            g.1 += usd;
        }
    }
    let mut groups: Vec<(String, (u32, f64))> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1 .1.total_cmp(&a.1 .1).then(a.0.cmp(&b.0)));
    let sizes: Vec<u32> = groups.iter().map(|g| g.1 .0).collect();
    let hidden = ctx.suppressed(&sizes);
    let mut rows: Vec<DepartmentBudgetRow> = groups
        .into_iter()
        .zip(hidden)
        .map(|((department, (people, used)), suppressed)| {
            let budget = ctx.settings.department_budget(&department);
            let shown = (!suppressed).then_some(used);
            budget_row(
                department,
                suppressed,
                Some(people),
                shown,
                budget,
                &project,
            )
        })
        .collect();
    // Budgets set for departments with no usage this month: nothing used, nothing revealed.
    for b in ctx
        .settings
        .department_budgets
        .iter()
        .filter(|b| b.monthly_usd > 0.0)
    {
        if !rows.iter().any(|r| r.department == b.department) {
            rows.push(budget_row(
                b.department.clone(),
                false,
                Some(0),
                Some(0.0),
                Some(b.monthly_usd),
                &project,
            ));
        }
    }
    (rows, unattributed)
}

fn budget_row(
    department: String,
    suppressed: bool,
    people: Option<u32>,
    used: Option<f64>,
    budget: Option<f64>,
    project: &impl Fn(f64) -> f64,
) -> DepartmentBudgetRow {
    let used_share = used.zip(budget).map(|(u, b)| u / b);
    let projected = used.map(project);
    DepartmentBudgetRow {
        department,
        suppressed,
        people: if suppressed { None } else { people },
        used,
        projected,
        budget,
        remaining: used.zip(budget).map(|(u, b)| b - u),
        used_share,
        projected_share: projected.zip(budget).map(|(p, b)| p / b),
        alerts: alerts(used_share),
    }
}

/// The thresholds of [`ALERTS`] a used share has reached.
pub(super) fn alerts(used_share: Option<f64>) -> Vec<u32> {
    ALERTS
        .into_iter()
        .filter(|a| used_share.is_some_and(|s| s * 100.0 >= f64::from(*a) - 1e-9))
        .collect()
}

pub(super) fn days_in_month(day: Day) -> u32 {
    let (y, m, _) = day.ymd();
    let next = if m == 12 {
        Day::from_ymd(y + 1, 1, 1)
    } else {
        Day::from_ymd(y, m + 1, 1)
    };
    next.map_or(30, |n| (n.0 - day.month_start().0) as u32)
}
