//! The adoption funnel (METRICS.md), across every tool, for the people with access:
//! access (a seat on any tool at the headline week) → first use (active at least once up to its
//! end) → repeat use (active in ≥ 2 of the last 4 weeks) → deep use (a power user in any of
//! the last 4 weeks). Each stage is a subset of the one before, so the bars only narrow.

use super::context::Ctx;
use crate::engine::date::{Day, DaySpan};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FunnelView {
    /// Access, first use, repeat use, deep use, in that order (empty when there is no seat
    /// data or no headline week).
    pub stages: Vec<FunnelStage>,
    /// When there are no stages: what would enable them.
    pub needs: Option<String>,
    pub action: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelStage {
    /// `access`, `first_use`, `repeat_use`, `deep_use`.
    pub id: String,
    pub label: String,
    pub definition: String,
    /// `None` when the stage cannot be computed from what was loaded.
    pub people: Option<u32>,
    /// Share of the access stage.
    pub share_of_access: Option<f64>,
    pub needs: Option<String>,
}

/// Per person: held a seat (enabled ChatGPT seat in the week's rows, or any seat row of another
/// tool whose snapshot is not after the week).
pub fn seat_holders(ctx: &Ctx, week: DaySpan) -> Vec<bool> {
    let mut seat: Vec<bool> = ctx.person_weeks(week).iter().map(|p| p.seat).collect();
    for s in &ctx.facts.seats {
        if let Some(identity) = s.identity {
            if s.snapshot.is_none_or(|d| d >= week.first)
                && s.created.is_none_or(|d| d <= week.last)
            {
                seat[ctx.people.person(identity).0 as usize] = true;
            }
        }
    }
    seat
}

pub fn build(ctx: &Ctx) -> FunnelView {
    let Some(week) = ctx.headline else {
        return FunnelView {
            needs: Some(
                ctx.plan
                    .problem
                    .clone()
                    .unwrap_or_else(|| "needs a complete week of data".into()),
            ),
            ..Default::default()
        };
    };
    let access = seat_holders(ctx, week);
    let holders = access.iter().filter(|&&a| a).count() as u32;
    if holders == 0 {
        return FunnelView {
            needs: Some(
                "needs seat data: chatgpt.users_csv (user_status) or copilot.seats_json".into(),
            ),
            ..Default::default()
        };
    }
    let start = ctx
        .facts
        .periods
        .iter()
        .map(|r| r.period.first)
        .chain(ctx.facts.daily.iter().map(|r| r.day))
        .chain(
            ctx.facts
                .events
                .iter()
                .map(|e| Day::from_unix_seconds(e.at)),
        )
        .min()
        .unwrap_or(week.first)
        .min(week.first);
    let ever = ctx.active_tools(DaySpan::new(start, week.last));
    let first_use: Vec<bool> = (0..access.len())
        .map(|p| access[p] && (ever[p] != 0 || ctx.first_active[p].is_some_and(|d| d <= week.last)))
        .collect();
    let last_four: Vec<DaySpan> = (0..4)
        .rev()
        .map(|k| DaySpan::new(week.first.plus(-7 * k), week.last.plus(-7 * k)))
        .collect();
    let mut weeks_active = vec![0u32; access.len()];
    for w in &last_four {
        for (p, mask) in ctx.active_tools(*w).iter().enumerate() {
            weeks_active[p] += u32::from(*mask != 0);
        }
    }
    let repeat: Vec<bool> = (0..access.len())
        .map(|p| first_use[p] && weeks_active[p] >= 2)
        .collect();
    let power = super::concentration::power_users_in_weeks(ctx, &last_four);
    let deep: Option<Vec<bool>> = power.map(|power| {
        (0..access.len())
            .map(|p| repeat[p] && power.get(p).copied().unwrap_or(false))
            .collect()
    });
    let count = |v: &[bool]| v.iter().filter(|&&b| b).count() as u32;
    let share = |n: u32| Some(f64::from(n) / f64::from(holders));
    let stage =
        |id: &str, label: &str, definition: &str, people: Option<u32>, needs: Option<&str>| {
            FunnelStage {
                id: id.into(),
                label: label.into(),
                definition: definition.into(),
                people,
                share_of_access: people.and_then(share),
                needs: people.is_none().then(|| needs.unwrap_or("").to_string()),
            }
        };
    let (first_n, repeat_n) = (count(&first_use), count(&repeat));
    let deep_n = deep.as_deref().map(count);
    let stages = vec![
        stage("access", "Access", "People holding a seat on any tool in the headline week.", Some(holders), None),
        stage("first_use", "First use", "Of them, people active at least once up to the end of the headline week.", Some(first_n), None),
        stage("repeat_use", "Repeat use", "Of them, people active in at least 2 of the last 4 weeks.", Some(repeat_n), None),
        stage(
            "deep_use",
            "Deep use",
            "Of them, people who were power users in any of the last 4 weeks.",
            deep_n,
            Some("needs chatgpt.users_csv (weekly) or chatgpt.compliance_logs_jsonl (messages per person)"),
        ),
    ];
    let never = holders - first_n;
    let lapsed = first_n - repeat_n;
    let action = if never * 5 >= holders {
        Some(format!(
            "{never} of {holders} seat holders ({:.0} %) have never used an AI tool: reach them with an onboarding session, or reclaim the seats before renewal.",
            100.0 * f64::from(never) / f64::from(holders)
        ))
    } else if lapsed * 4 >= first_n.max(1) {
        Some(format!(
            "{lapsed} people tried AI but were active in fewer than 2 of the last 4 weeks: share use cases from their own teams to turn first use into a habit."
        ))
    } else {
        deep_n.filter(|&d| d * 10 < repeat_n).map(|d| {
            format!(
                "{repeat_n} people use AI every other week but only {d} are power users: pair regular users with a power user in their team to deepen use."
            )
        })
    };
    FunnelView {
        stages,
        needs: None,
        action,
    }
}
