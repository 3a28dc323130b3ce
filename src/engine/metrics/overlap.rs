//! Cross-tool: people active on each tool, overlaps (one, two, three or more tools, and each
//! pair), the tool split by department (share of the department's active people on each tool,
//! floor applied), and people holding seats on two coding assistants.
//!
//! Group size for the department split: the department's people active on at least one tool
//! in the headline week (the denominator of its shares). A coding-assistant "seat": a seat
//! assignment (Copilot, Cursor, Claude…), or for Codex, which has no seat export, Codex
//! activity in the 28 days ending with the headline week.

use super::activity::{bit, cross_tool, tools_present, TOOLS};
use super::adoption::ratio;
use super::context::Ctx;
use super::definitions;
use super::people::PersonId;
use super::tools::week_tools;
use crate::engine::date::DaySpan;
use crate::engine::facts::Tool;
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CrossToolView {
    /// `ai_active_users_any_tool` and `multi_tool_users` (the headline's ids and values).
    #[serde(default)]
    pub figures: Vec<Figure>,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub needs: Option<String>,
    /// Tools with data, in a fixed order, with their active people in the headline week.
    #[serde(default)]
    pub tools: Vec<ToolActive>,
    #[serde(default)]
    pub any_tool: u32,
    #[serde(default)]
    pub one_tool: u32,
    #[serde(default)]
    pub two_tools: u32,
    #[serde(default)]
    pub three_or_more: u32,
    /// People active on both tools of each pair, headline week.
    #[serde(default)]
    pub pairs: Vec<ToolPair>,
    /// Per department, the share of its active people on each tool (order of `tools`).
    #[serde(default)]
    pub departments: Vec<DepartmentSplit>,
    #[serde(default)]
    pub min_group_size: u32,
    /// People holding two or more coding assistants.
    #[serde(default)]
    pub dual_coding: DualCoding,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolActive {
    pub tool: Tool,
    pub label: String,
    pub active_people: u32,
    /// People active on this tool and no other.
    pub only_this_tool: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolPair {
    pub first: String,
    pub second: String,
    pub people: u32,
}

/// A department's people active on any tool, on each tool, and on two tools or more.
type DepartmentCounts = (u32, Vec<u32>, u32);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentSplit {
    pub department: String,
    pub suppressed: bool,
    /// People active on at least one tool (the group size); `None` when suppressed.
    pub active_people: Option<u32>,
    /// Share of those people active on each tool, in the order of the view's `tools`.
    pub shares: Vec<Option<f64>>,
    /// Of those people, the ones active on two tools or more; `None` when suppressed.
    #[serde(default)]
    pub multi_tool: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DualCoding {
    /// People holding two or more coding assistants.
    pub people: u32,
    /// Of them, people active on two or more coding assistants in the headline week.
    pub active_on_two: u32,
    /// Per combination ("GitHub Copilot + Codex"): people holding exactly those.
    pub combinations: Vec<Combination>,
    /// What the view counts as holding a tool (shown with the figure).
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Combination {
    pub tools: String,
    pub people: u32,
    /// Monthly seat cost of the seats these people hold (tools with a seat price).
    pub monthly_seat_cost: f64,
}

/// Coding assistants, in display order.
pub const CODING_TOOLS: [Tool; 4] = [Tool::Copilot, Tool::Codex, Tool::Cursor, Tool::Claude];

/// Per person, a bit mask of the coding assistants they hold at the end of `week`: a seat
/// assignment, or (tools without seats: Codex) activity in the 28 days ending with it.
pub fn coding_holdings(ctx: &Ctx, week: DaySpan) -> Vec<u8> {
    let facts = ctx.facts;
    let mut held = vec![0u8; ctx.people.count()];
    for seat in &facts.seats {
        if let (Some(identity), Some(tool)) = (seat.identity, seat.tool) {
            if CODING_TOOLS.contains(&tool) && seat.created.is_none_or(|c| c <= week.last) {
                held[ctx.people.person(identity).0 as usize] |= bit(tool);
            }
        }
    }
    let seated: Vec<Tool> = CODING_TOOLS
        .into_iter()
        .filter(|t| facts.seats.iter().any(|s| s.tool == Some(*t)))
        .collect();
    let month = super::context::Ctx::month_of(week);
    for (person, mask) in ctx.active_tools(month).iter().enumerate() {
        for tool in CODING_TOOLS.iter().filter(|t| !seated.contains(t)) {
            if mask & bit(*tool) != 0 {
                held[person] |= bit(*tool);
            }
        }
    }
    held
}

fn coding_mask() -> u8 {
    CODING_TOOLS.iter().fold(0, |m, t| m | bit(*t))
}

pub fn build(ctx: &Ctx) -> CrossToolView {
    let facts = ctx.facts;
    let present = tools_present(facts);
    let mut view = CrossToolView {
        min_group_size: ctx.settings.floor(),
        ..CrossToolView::default()
    };
    if present.len() < 2 {
        view.needs = Some(
            "needs usage exports of two tools (e.g. chatgpt.users_csv and copilot.usage_ndjson), and hris to link identities"
                .into(),
        );
    }
    let Some(week) = ctx.headline else {
        view.needs = Some(
            ctx.plan
                .problem
                .clone()
                .unwrap_or_else(|| "needs a complete week of data".into()),
        );
        return view;
    };
    // The same week figures as the headline (tools.rs): totals only between weeks every loaded
    // tool covers.
    let tools_in = |w: Option<DaySpan>| {
        w.map(|w| {
            let covering = ctx.tool_spans.covering(w);
            let complete = present.iter().all(|t| covering.contains(t));
            week_tools(ctx, w, &covering, complete)
        })
    };
    let (now, before) = (tools_in(Some(week)), tools_in(ctx.comparison));
    view.figures = ["ai_active_users_any_tool", "multi_tool_users"]
        .into_iter()
        .filter_map(|id| {
            let d = definitions::definition(id)?;
            let of = |t: &Option<super::tools::WeekTools>| {
                t.as_ref().and_then(|t| t.figure(id).flatten())
            };
            Some(Figure::of(d, of(&now), of(&before), None))
        })
        .collect();

    let covering = ctx.tool_spans.covering(week);
    let masks = ctx.active_tools(week);
    let counted = cross_tool(&masks, &covering);
    view.any_tool = counted.any_tool;
    view.one_tool = counted.one_tool;
    view.two_tools = counted.two_tools;
    view.three_or_more = counted.three_or_more;
    view.tools = counted
        .tools
        .iter()
        .map(|t| ToolActive {
            tool: t.tool,
            label: t.label.clone(),
            active_people: t.active_people,
            only_this_tool: masks.iter().filter(|m| **m == bit(t.tool)).count() as u32,
        })
        .collect();
    for (i, a) in covering.iter().enumerate() {
        for b in &covering[i + 1..] {
            let both = bit(*a) | bit(*b);
            view.pairs.push(ToolPair {
                first: a.label().into(),
                second: b.label().into(),
                people: masks.iter().filter(|m| *m & both == both).count() as u32,
            });
        }
    }
    view.pairs.sort_by_key(|p| std::cmp::Reverse(p.people));

    // Departments: share of the department's active people on each tool.
    let mut groups: BTreeMap<String, DepartmentCounts> = BTreeMap::new();
    for (person, mask) in masks.iter().enumerate().filter(|(_, m)| **m != 0) {
        let g = groups
            .entry(ctx.department(PersonId(person as u32)).to_string())
            .or_insert_with(|| (0, vec![0; covering.len()], 0));
        g.0 += 1;
        g.2 += u32::from(mask.count_ones() >= 2);
        for (i, tool) in covering.iter().enumerate() {
            g.1[i] += u32::from(mask & bit(*tool) != 0);
        }
    }
    let mut groups: Vec<(String, DepartmentCounts)> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    let hidden = ctx.suppressed(&groups.iter().map(|g| g.1 .0).collect::<Vec<_>>());
    view.departments = groups
        .into_iter()
        .zip(hidden)
        .map(
            |((department, (people, per_tool, multi)), suppressed)| DepartmentSplit {
                department,
                suppressed,
                active_people: (!suppressed).then_some(people),
                multi_tool: (!suppressed).then_some(multi),
                shares: per_tool
                    .iter()
                    .map(|n| {
                        if suppressed {
                            None
                        } else {
                            ratio(f64::from(*n), f64::from(people))
                        }
                    })
                    .collect(),
            },
        )
        .collect();

    // Two coding assistants.
    let held = coding_holdings(ctx, week);
    let coding = coding_mask();
    let mut combinations: BTreeMap<u8, u32> = BTreeMap::new();
    for (person, h) in held.iter().enumerate() {
        if h.count_ones() >= 2 {
            view.dual_coding.people += 1;
            *combinations.entry(*h).or_default() += 1;
            if (masks[person] & coding).count_ones() >= 2 {
                view.dual_coding.active_on_two += 1;
            }
        }
    }
    let mut combinations: Vec<Combination> = combinations
        .into_iter()
        .map(|(mask, people)| {
            let tools: Vec<Tool> = TOOLS.into_iter().filter(|t| mask & bit(*t) != 0).collect();
            Combination {
                tools: tools
                    .iter()
                    .map(|t| t.label())
                    .collect::<Vec<_>>()
                    .join(" + "),
                people,
                monthly_seat_cost: f64::from(people)
                    * tools
                        .iter()
                        .map(|t| ctx.settings.seat_price(*t))
                        .sum::<f64>(),
            }
        })
        .collect();
    combinations.sort_by(|a, b| b.people.cmp(&a.people).then(a.tools.cmp(&b.tools)));
    view.dual_coding.combinations = combinations;
    view.dual_coding.note = "Holding a coding assistant: a seat assignment (Copilot, Cursor, Claude), or for Codex, which has no seat export, Codex use in the 28 days ending with the headline week.".into();
    if present.len() >= 2 {
        view.action = action(&view);
    }
    view
}

fn percent(v: f64) -> String {
    format!("{:.0} %", v * 100.0)
}

/// One next step: consolidate dual coding assistants used one at a time, else bring the
/// department least on the second tool up, else widen the most-used tool.
fn action(view: &CrossToolView) -> Option<String> {
    let d = &view.dual_coding;
    if d.people > 0 && d.people > d.active_on_two {
        let idle = d.people - d.active_on_two;
        let top = d.combinations.first()?;
        let held = if top.people == d.people {
            format!(
                "{} people hold both {}",
                d.people,
                top.tools.replace(" + ", " and ")
            )
        } else {
            format!(
                "{} people hold two coding assistants ({} of them {})",
                d.people, top.people, top.tools
            )
        };
        return Some(format!(
            "{held}, and {idle} of them did not use both this week: ask those {idle} to pick one and release the other seat before renewal."
        ));
    }
    let shown: Vec<&DepartmentSplit> = view.departments.iter().filter(|r| !r.suppressed).collect();
    let (index, widest) = view
        .tools
        .iter()
        .enumerate()
        .max_by_key(|(_, t)| t.active_people)?;
    let _ = index;
    if view.any_tool == 0 {
        return None;
    }
    if shown.len() >= 2 {
        for (i, tool) in view.tools.iter().enumerate() {
            let rates: Vec<(&str, f64)> = shown
                .iter()
                .filter_map(|r| Some((r.department.as_str(), r.shares.get(i).copied().flatten()?)))
                .collect();
            let best = rates.iter().map(|r| r.1).fold(0.0, f64::max);
            if let Some(low) = rates.iter().min_by(|a, b| a.1.total_cmp(&b.1)) {
                if best >= 0.3 && low.1 < best / 3.0 {
                    return Some(format!(
                        "{} of {}'s AI-active people use {} against up to {} elsewhere: offer {} to that department, starting with its people already active on another tool.",
                        percent(low.1),
                        low.0,
                        tool.label,
                        percent(best),
                        tool.label
                    ));
                }
            }
        }
    }
    let share = f64::from(view.two_tools + view.three_or_more) / f64::from(view.any_tool);
    Some(format!(
        "{} of {} AI-active people ({}) use two or more tools; {} reaches {} of them: keep it as the default and put the others' renewals against their own active users.",
        view.two_tools + view.three_or_more,
        view.any_tool,
        percent(share),
        widest.label,
        widest.active_people
    ))
}
