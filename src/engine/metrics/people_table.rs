//! People: the pseudonymous per-person table (empty in aggregate-only mode). One row per person
//! with a seat or any activity in the 28 days ending with the headline week: their pseudonym,
//! department ("Suppressed" when the department has fewer people in the table than the floor,
//! with complementary suppression), the tools they hold or used, their actions in the headline
//! week and the 28 days, and the monthly cost of their seats.
//!
//! Actions: ChatGPT user messages (weekly Users rows inside the window) + user-initiated
//! interactions (Codex turns, Copilot chat / agent / CLI prompts…) + accepted completions, from
//! the person-day totals.

use super::activity::{bit, TOOLS};
use super::context::Ctx;
use super::people::PersonId;
use crate::engine::date::DaySpan;
use crate::engine::facts::{SeatStatus, Tool};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Rows kept in the Report at most (the busiest people first).
pub const MAX_ROWS: usize = 500;

/// Shown instead of a department under the floor.
pub const SUPPRESSED: &str = "Suppressed";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PeopleView {
    /// True in aggregate-only mode: `rows` is then empty.
    #[serde(default)]
    pub hidden: bool,
    /// Why the table is empty or shortened, when it is.
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub rows: Vec<PersonRow>,
    /// People the table would list without the cap.
    #[serde(default)]
    pub total_people: u32,
    #[serde(default)]
    pub capped: bool,
    #[serde(default)]
    pub min_group_size: u32,
    /// How actions are counted (shown above the table).
    #[serde(default)]
    pub definition: String,
    #[serde(default)]
    pub action: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonRow {
    /// `P-` and 8 hex digits (never a raw identifier).
    pub pseudonym: String,
    pub department: String,
    /// Tools held (seat) or used in the 28 days, by label, in a fixed order.
    pub tools: Vec<String>,
    /// Tools used in the headline week.
    pub active_tools_week: Vec<String>,
    pub actions_week: u64,
    pub actions_28_days: u64,
    /// Σ monthly seat prices of the seats held.
    pub monthly_seat_cost: f64,
}

const DEFINITION: &str = "One row per person with a seat or any activity in the 28 days ending with the headline week. Actions = ChatGPT messages (weekly Users rows) + user-initiated interactions (Codex turns, Copilot prompts…) + accepted completions. Seat cost = Σ monthly seat prices of the seats held (settings).";

/// Per person, their actions in `window`.
fn actions(ctx: &Ctx, window: DaySpan) -> Vec<u64> {
    let mut out = vec![0u64; ctx.people.count()];
    for row in ctx.facts.periods.iter().filter(|r| window.covers(r.period)) {
        out[ctx.people.person(row.identity).0 as usize] += u64::from(row.messages);
    }
    for row in ctx
        .facts
        .daily
        .iter()
        .filter(|r| r.breakdown.is_total() && window.contains(r.day))
    {
        out[ctx.people.person(row.identity).0 as usize] +=
            row.measures.interactions + row.measures.acceptances;
    }
    out
}

fn labels(mask: u8) -> Vec<String> {
    TOOLS
        .into_iter()
        .filter(|t| mask & bit(*t) != 0)
        .map(|t| t.label().to_string())
        .collect()
}

pub fn build(ctx: &Ctx) -> PeopleView {
    let mut view = PeopleView {
        min_group_size: ctx.settings.floor(),
        definition: DEFINITION.into(),
        hidden: ctx.settings.aggregate_only,
        ..PeopleView::default()
    };
    if ctx.settings.aggregate_only {
        view.note = Some(
            "Aggregate-only mode is on (Settings): no per-person table is built, not even with pseudonyms."
                .into(),
        );
        return view;
    }
    let Some(week) = ctx.headline else {
        view.note = Some(
            ctx.plan
                .problem
                .clone()
                .unwrap_or_else(|| "needs a complete week of data".into()),
        );
        return view;
    };
    let facts = ctx.facts;
    let month = Ctx::month_of(week);
    let week_masks = ctx.active_tools(week);
    let month_masks = ctx.active_tools(month);
    // Seats held at the end of the headline week.
    let mut seats = vec![0u8; ctx.people.count()];
    for row in facts.periods.iter().filter(|r| {
        r.status == SeatStatus::Enabled
            && r.period.first <= week.last
            && week.first <= r.period.last
    }) {
        seats[ctx.people.person(row.identity).0 as usize] |= bit(row.tool);
    }
    for seat in &facts.seats {
        if let (Some(identity), Some(tool)) = (seat.identity, seat.tool) {
            if seat.created.is_none_or(|c| c <= week.last) {
                seats[ctx.people.person(identity).0 as usize] |= bit(tool);
            }
        }
    }
    let week_actions = actions(ctx, week);
    let month_actions = actions(ctx, month);
    let listed: Vec<usize> = (0..ctx.people.count())
        .filter(|&p| seats[p] != 0 || month_masks[p] != 0 || month_actions[p] > 0)
        .collect();
    // The floor: departments by people listed.
    let mut sizes: BTreeMap<String, u32> = BTreeMap::new();
    for &p in &listed {
        *sizes
            .entry(ctx.department(PersonId(p as u32)).to_string())
            .or_default() += 1;
    }
    let names: Vec<String> = sizes.keys().cloned().collect();
    let counts: Vec<u32> = sizes.values().copied().collect();
    let hidden: Vec<String> = names
        .into_iter()
        .zip(ctx.suppressed(&counts))
        .filter(|(_, h)| *h)
        .map(|(n, _)| n)
        .collect();
    let mut rows: Vec<(usize, PersonRow)> = listed
        .into_iter()
        .map(|p| {
            let department = ctx.department(PersonId(p as u32));
            let cost: f64 = TOOLS
                .into_iter()
                .filter(|t| seats[p] & bit(*t) != 0)
                .map(|t| seat_price(ctx, t))
                .sum();
            (
                p,
                PersonRow {
                    pseudonym: ctx.people.pseudonym(PersonId(p as u32)).label(),
                    department: if hidden.iter().any(|h| h == department) {
                        SUPPRESSED.to_string()
                    } else {
                        department.to_string()
                    },
                    tools: labels(seats[p] | month_masks[p]),
                    active_tools_week: labels(week_masks[p]),
                    actions_week: week_actions[p],
                    actions_28_days: month_actions[p],
                    monthly_seat_cost: cost,
                },
            )
        })
        .collect();
    rows.sort_by(|a, b| {
        b.1.actions_week
            .cmp(&a.1.actions_week)
            .then(b.1.actions_28_days.cmp(&a.1.actions_28_days))
            // Ties by pseudonym, not by person id: ids follow the order files and rows arrive in.
            .then(a.1.pseudonym.cmp(&b.1.pseudonym))
    });
    view.total_people = rows.len() as u32;
    view.capped = rows.len() > MAX_ROWS;
    if view.capped {
        view.note = Some(format!(
            "Showing the {MAX_ROWS} people with the most actions of {}; the export report holds the same {MAX_ROWS}.",
            view.total_people
        ));
    }
    let idle_cost: (u32, f64) = rows
        .iter()
        .filter(|(_, r)| r.actions_28_days == 0 && r.monthly_seat_cost > 0.0)
        .fold((0, 0.0), |(n, c), (_, r)| (n + 1, c + r.monthly_seat_cost));
    view.rows = rows.into_iter().take(MAX_ROWS).map(|(_, r)| r).collect();
    if idle_cost.0 > 0 {
        view.action = Some(format!(
            "{} people hold seats with no action in 28 days (${:.0} a month between them): sort by seat cost, and ask their managers whether to reclaim or coach.",
            idle_cost.0, idle_cost.1
        ));
    }
    view
}

fn seat_price(ctx: &Ctx, tool: Tool) -> f64 {
    ctx.settings.seat_price(tool)
}
