//! Usage by tool, model and surface in a window: which kind of fact carries each tool's usage
//! (so nothing is counted twice) and its cost, billed or credits × credit price.

use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::Tool;
use crate::engine::metrics::activity::bit;
use crate::engine::metrics::context::Ctx;
use serde::{Deserialize, Serialize};

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
    crate::engine::metrics::activity::TOOLS
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
pub(super) fn last_usage_day(ctx: &Ctx) -> Option<Day> {
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
pub(super) fn charge_cost(c: &crate::engine::facts::UsageCharge, price: f64) -> (bool, f64) {
    let billed = c.gross_usd != 0.0 || c.net_usd != 0.0;
    (billed, if billed { c.net_usd } else { c.credits * price })
}

/// A usage row's cost: its native money when above zero, else credits × the credit price.
pub(super) fn measured_cost(credits: f64, usd: f64, price: f64) -> f64 {
    if usd > 0.0 {
        usd
    } else {
        credits * price
    }
}

#[derive(Clone, Copy)]
pub(super) enum By {
    Model,
    Surface,
}

/// Usage by tool and model in `window` (rows of one tool add up to its usage there).
pub fn usage_rows(ctx: &Ctx, window: DaySpan) -> Vec<UsageRow> {
    rows(ctx, window, By::Model)
}

pub(super) fn rows(ctx: &Ctx, window: DaySpan, by: By) -> Vec<UsageRow> {
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
