//! The headline week's figures for tools other than ChatGPT's Users export: cross-tool
//! activity, Codex and Copilot weekly actives, Codex credits, Copilot acceptance.

use super::activity::{bit, cross_tool, CrossTool};
use super::adoption::ratio;
use super::context::Ctx;
use crate::engine::date::DaySpan;
use crate::engine::facts::Tool;

/// One week's cross-tool figures.
pub struct WeekTools {
    complete: bool,
    pub cross_tool: CrossTool,
    codex_active: Option<u32>,
    copilot_active: Option<u32>,
    codex_credits: f64,
    copilot_acceptance: Option<f64>,
}

/// `present` are the tools with data covering `week`; `complete` is false when some tool loaded
/// has no data for this week (its cross-tool totals would then not compare).
pub fn week_tools(ctx: &Ctx, week: DaySpan, present: &[Tool], complete: bool) -> WeekTools {
    let masks = ctx.active_tools(week);
    let active_on = |tool: Tool| {
        present
            .contains(&tool)
            .then(|| masks.iter().filter(|m| *m & bit(tool) != 0).count() as u32)
    };
    let codex_credits = ctx
        .daily_in(week)
        .filter(|r| r.tool == Tool::Codex && r.breakdown.is_total())
        .map(|r| r.measures.credits)
        .sum();
    WeekTools {
        complete,
        cross_tool: cross_tool(&masks, present),
        codex_active: active_on(Tool::Codex),
        copilot_active: active_on(Tool::Copilot),
        codex_credits,
        copilot_acceptance: copilot_acceptance(ctx, week),
    }
}

impl WeekTools {
    /// `Some(value)` for the figures this module computes, `None` for the others.
    pub fn figure(&self, id: &str) -> Option<Option<f64>> {
        let any = self.cross_tool.any_tool;
        Some(match id {
            "ai_active_users_any_tool" => {
                (self.complete && !self.cross_tool.tools.is_empty()).then_some(any as f64)
            }
            "multi_tool_users" => (self.complete && self.cross_tool.tools.len() >= 2)
                .then_some((self.cross_tool.two_tools + self.cross_tool.three_or_more) as f64),
            "codex_weekly_active_users" => self.codex_active.map(f64::from),
            "codex_credits_per_active_user" => self
                .codex_active
                .and_then(|active| ratio(self.codex_credits, f64::from(active))),
            "copilot_weekly_active_users" => self.copilot_active.map(f64::from),
            "copilot_acceptance_rate" => self.copilot_acceptance,
            _ => return None,
        })
    }
}

/// Σ acceptances / Σ suggestions over the week: from user rows when loaded, else from the
/// organisation rows (usage reports or legacy metrics), never a mean of daily rates.
pub fn copilot_acceptance(ctx: &Ctx, week: DaySpan) -> Option<f64> {
    let facts = ctx.facts;
    let (mut accepted, mut suggested) = (0u64, 0u64);
    for row in ctx
        .daily_in(week)
        .filter(|r| r.tool == Tool::Copilot && r.breakdown.is_total())
    {
        accepted = accepted.saturating_add(row.measures.acceptances);
        suggested = suggested.saturating_add(row.measures.suggestions);
    }
    // Organisation rows: the current usage reports, else the legacy metrics (never both, which
    // would count the same suggestions twice).
    for kind in ["usage", "legacy_metrics"] {
        if suggested > 0 {
            break;
        }
        let Some(kind) = facts.strings.get(kind) else {
            continue;
        };
        for row in ctx
            .org_daily_in(week)
            .filter(|r| r.tool == Tool::Copilot && r.kind == kind && r.breakdown.is_total())
        {
            accepted = accepted.saturating_add(row.measures.acceptances);
            suggested = suggested.saturating_add(row.measures.suggestions);
        }
    }
    ratio(accepted as f64, suggested as f64)
}
