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

use super::activity::bit;
use super::context::Ctx;
use super::definitions::{Better, Definition, Unit};
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::Tool;
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};

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

/// Usage of one tool under one label (a model, or a surface) in the month.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsageRow {
    pub tool: Tool,
    pub tool_label: String,
    pub label: String,
    /// Native quantity (premium requests…), 0 when the source has none.
    pub quantity: f64,
    pub unit: String,
    pub credits: f64,
    /// List value before included allowances, where the export gives money.
    pub gross_usd: f64,
    /// Usage cost: billed money, or credits × credit price.
    pub usd: f64,
    /// How `usd` was obtained: `billed` (native money) or `credits` (× credit price).
    pub basis: String,
    /// Premium-request multiplier of the model (settings), for GitHub premium-request rows.
    #[serde(default)]
    pub multiplier: Option<f64>,
    /// Requests before the multiplier: quantity ÷ multiplier (when the multiplier is above 0).
    #[serde(default)]
    pub requests: Option<f64>,
}

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

/// Which kind of fact carries a tool's usage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Charges,
    Daily,
    Org,
    Periods,
}

/// Which kind of fact carries each tool's usage (the first kind with any usage at all, in the
/// order charges, person-days, organisation days, period rows). One pass over each table; read
/// through `Ctx::usage_kinds`, once per Report.
pub fn usage_kinds(ctx: &Ctx) -> Vec<(Tool, Kind)> {
    let f = ctx.facts;
    let spend = |m: &crate::engine::facts::Measures| m.credits > 0.0 || m.cost_usd > 0.0;
    let (mut charges, mut daily, mut org, mut periods) = (0u8, 0u8, 0u8, 0u8);
    f.charges
        .iter()
        .filter_map(|c| c.tool)
        .for_each(|t| charges |= bit(t));
    f.daily
        .iter()
        .filter(|r| r.breakdown.is_total() && spend(&r.measures))
        .for_each(|r| daily |= bit(r.tool));
    f.org_daily
        .iter()
        .filter(|r| r.breakdown.is_total() && spend(&r.measures))
        .for_each(|r| org |= bit(r.tool));
    f.periods
        .iter()
        .filter(|r| r.credits.is_some_and(|c| c > 0.0))
        .for_each(|r| periods |= bit(r.tool));
    super::activity::TOOLS
        .into_iter()
        .filter_map(|tool| {
            let has = |mask: u8| mask & bit(tool) != 0;
            let kind = if has(charges) {
                Kind::Charges
            } else if has(daily) {
                Kind::Daily
            } else if has(org) {
                Kind::Org
            } else if has(periods) {
                Kind::Periods
            } else {
                return None;
            };
            Some((tool, kind))
        })
        .collect()
}

/// The last day any usage fact is about.
fn last_usage_day(ctx: &Ctx) -> Option<Day> {
    let f = ctx.facts;
    let kinds = ctx.usage_kinds();
    let uses = |tool: Tool, kind: Kind| kinds.contains(&(tool, kind));
    let charges = f
        .charges
        .iter()
        .filter(|c| c.tool.is_some_and(|t| uses(t, Kind::Charges)))
        .filter_map(|c| c.day);
    let daily = f
        .daily
        .iter()
        .filter(|r| uses(r.tool, Kind::Daily))
        .map(|r| r.day);
    let org = f
        .org_daily
        .iter()
        .filter(|r| uses(r.tool, Kind::Org))
        .map(|r| r.day);
    let periods = f
        .periods
        .iter()
        .filter(|r| uses(r.tool, Kind::Periods))
        .map(|r| r.period.last);
    charges.chain(daily).chain(org).chain(periods).max()
}

/// A billing line's cost: its billed net amount when it gives money (`true`), else its
/// credits × the credit price.
fn charge_cost(c: &crate::engine::facts::UsageCharge, price: f64) -> (bool, f64) {
    let billed = c.gross_usd != 0.0 || c.net_usd != 0.0;
    (billed, if billed { c.net_usd } else { c.credits * price })
}

/// A usage row's cost: its native money when above zero, else credits × the credit price.
fn measured_cost(credits: f64, usd: f64, price: f64) -> f64 {
    if usd > 0.0 {
        usd
    } else {
        credits * price
    }
}

#[derive(Clone, Copy)]
enum By {
    Model,
    Surface,
}

/// Usage by tool and model in `window` (rows of one tool add up to its usage there).
pub fn usage_rows(ctx: &Ctx, window: DaySpan) -> Vec<UsageRow> {
    rows(ctx, window, By::Model)
}

fn rows(ctx: &Ctx, window: DaySpan, by: By) -> Vec<UsageRow> {
    let f = ctx.facts;
    let price = ctx.settings.credit_price_usd;
    let label = |s: Option<crate::engine::intern::Sym>| s.map(|s| f.strings.resolve(s).to_string());
    let mut out: Vec<UsageRow> = Vec::new();
    let mut add = |tool: Tool,
                   name: String,
                   unit: String,
                   q: f64,
                   credits: f64,
                   gross: f64,
                   usd: f64,
                   billed: bool| {
        let basis = if billed { "billed" } else { "credits" };
        match out
            .iter_mut()
            .find(|r| r.tool == tool && r.label == name && r.unit == unit && r.basis == basis)
        {
            Some(r) => {
                r.quantity += q;
                r.credits += credits;
                r.gross_usd += gross;
                r.usd += usd;
            }
            None => out.push(UsageRow {
                tool,
                tool_label: tool.label().to_string(),
                label: name,
                quantity: q,
                unit,
                credits,
                gross_usd: gross,
                usd,
                basis: basis.to_string(),
                multiplier: None,
                requests: None,
            }),
        }
    };
    for &(tool, kind) in ctx.usage_kinds() {
        match kind {
            Kind::Charges => {
                for c in f
                    .charges
                    .iter()
                    .filter(|c| c.tool == Some(tool) && c.day.is_some_and(|d| window.contains(d)))
                {
                    let (billed, usd) = charge_cost(c, price);
                    let name = match by {
                        By::Model => label(c.model),
                        By::Surface => label(c.sku).or(label(c.product)),
                    };
                    add(
                        tool,
                        name.unwrap_or_else(|| "(not given)".into()),
                        label(c.unit).unwrap_or_default(),
                        c.quantity,
                        c.credits,
                        c.gross_usd,
                        usd,
                        billed,
                    );
                }
            }
            Kind::Daily | Kind::Org => {
                // (breakdown label or None for the total, credits, cost)
                let mut parts: Vec<(Option<String>, f64, f64)> = Vec::new();
                let mut push = |b: &crate::engine::facts::Breakdown,
                                m: &crate::engine::facts::Measures| {
                    let only = match by {
                        By::Model => {
                            b.surface.is_none() && b.feature.is_none() && b.language.is_none()
                        }
                        By::Surface => {
                            b.model.is_none() && b.feature.is_none() && b.language.is_none()
                        }
                    };
                    let name = match by {
                        By::Model => b.model,
                        By::Surface => b.surface,
                    };
                    if b.is_total() {
                        parts.push((None, m.credits, m.cost_usd));
                    } else if only && name.is_some() {
                        parts.push((label(name), m.credits, m.cost_usd));
                    }
                };
                if kind == Kind::Daily {
                    for r in ctx.daily_in(window).filter(|r| r.tool == tool) {
                        push(&r.breakdown, &r.measures);
                    }
                } else {
                    for r in ctx.org_daily_in(window).filter(|r| r.tool == tool) {
                        push(&r.breakdown, &r.measures);
                    }
                }
                let cost = |credits: f64, usd: f64| measured_cost(credits, usd, price);
                let (total_credits, total_usd) = parts
                    .iter()
                    .filter(|p| p.0.is_none())
                    .fold((0.0, 0.0), |a, p| (a.0 + p.1, a.1 + cost(p.1, p.2)));
                let (mut named_credits, mut named_usd) = (0.0, 0.0);
                for (name, credits, usd) in parts.iter().filter(|p| p.0.is_some()) {
                    if *credits <= 0.0 && *usd <= 0.0 {
                        continue;
                    }
                    named_credits += credits;
                    named_usd += cost(*credits, *usd);
                    let billed = *usd > 0.0;
                    add(
                        tool,
                        name.clone().unwrap_or_default(),
                        "credits".into(),
                        0.0,
                        *credits,
                        0.0,
                        cost(*credits, *usd),
                        billed,
                    );
                }
                let rest_credits = total_credits - named_credits;
                let rest_usd = total_usd - named_usd;
                if rest_credits > 1e-9 || rest_usd > 1e-9 {
                    let name = match by {
                        By::Model => "(not broken down by model)",
                        By::Surface => "(not broken down by surface)",
                    };
                    add(
                        tool,
                        name.into(),
                        "credits".into(),
                        0.0,
                        rest_credits.max(0.0),
                        0.0,
                        rest_usd.max(0.0),
                        false,
                    );
                }
            }
            Kind::Periods => {
                for r in f
                    .periods
                    .iter()
                    .filter(|r| r.tool == tool && window.covers(r.period))
                {
                    let credits = r.credits.unwrap_or(0.0);
                    if credits > 0.0 {
                        add(
                            tool,
                            "(all models)".into(),
                            "credits".into(),
                            0.0,
                            credits,
                            0.0,
                            credits * price,
                            false,
                        );
                    }
                }
            }
        }
    }
    // GitHub premium requests by model: the model's multiplier, and the requests behind them.
    if matches!(by, By::Model) {
        for r in out
            .iter_mut()
            .filter(|r| r.tool == Tool::Copilot && r.unit.contains("request"))
        {
            r.multiplier = ctx.settings.multiplier(&r.label);
            r.requests = r.multiplier.filter(|m| *m > 0.0).map(|m| r.quantity / m);
        }
    }
    out.sort_by(|a, b| {
        b.usd
            .total_cmp(&a.usd)
            .then(b.credits.total_cmp(&a.credits))
            .then(a.label.cmp(&b.label))
    });
    out
}

/// Usage cost in `window` per person (index = `PersonId.0`), from the same kind of fact per
/// tool as [`rows`], and what names no person (organisation rows).
fn person_costs(ctx: &Ctx, window: DaySpan) -> (Vec<f64>, f64) {
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
fn department_budgets(
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
                    ctx.department(super::people::PersonId(person as u32))
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
fn alerts(used_share: Option<f64>) -> Vec<u32> {
    ALERTS
        .into_iter()
        .filter(|a| used_share.is_some_and(|s| s * 100.0 >= f64::from(*a) - 1e-9))
        .collect()
}

fn days_in_month(day: Day) -> u32 {
    let (y, m, _) = day.ymd();
    let next = if m == 12 {
        Day::from_ymd(y + 1, 1, 1)
    } else {
        Day::from_ymd(y, m + 1, 1)
    };
    next.map_or(30, |n| (n.0 - day.month_start().0) as u32)
}

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
