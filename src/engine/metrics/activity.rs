//! The tools, as bits of a mask, and what the cross-tool figures (`ai_active_users_any_tool`,
//! `multi_tool_users`, per-tool weekly actives) count from the masks of who was active on which
//! tool in a window (`activity_index` makes them: period rows with an active day or an active
//! period inside the window, person-day rows, user messages and events, a seat's native
//! last-activity date, billed usage). Also which tools have data, and over which days.

use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::{Facts, Tool};
use serde::{Deserialize, Serialize};

/// Every tool, in a fixed order (the bit of a tool in a mask is its index here).
pub const TOOLS: [Tool; 7] = [
    Tool::Chatgpt,
    Tool::Codex,
    Tool::Copilot,
    Tool::M365Copilot,
    Tool::Claude,
    Tool::Cursor,
    Tool::Gemini,
];

pub fn bit(tool: Tool) -> u8 {
    1 << TOOLS.iter().position(|t| *t == tool).unwrap_or(0)
}

/// People active on each tool, and how many tools each active person used.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CrossTool {
    /// Tools with data, and their active people in the window.
    pub tools: Vec<ToolCount>,
    pub any_tool: u32,
    pub one_tool: u32,
    pub two_tools: u32,
    pub three_or_more: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolCount {
    pub tool: Tool,
    pub label: String,
    pub active_people: u32,
}

/// Counts a window's masks; `present` are the tools any loaded file has data for.
pub fn cross_tool(masks: &[u8], present: &[Tool]) -> CrossTool {
    let mut out = CrossTool::default();
    for tool in present {
        let active = masks.iter().filter(|m| *m & bit(*tool) != 0).count() as u32;
        out.tools.push(ToolCount {
            tool: *tool,
            label: tool.label().to_string(),
            active_people: active,
        });
    }
    for m in masks.iter().filter(|m| **m != 0) {
        out.any_tool += 1;
        match m.count_ones() {
            1 => out.one_tool += 1,
            2 => out.two_tools += 1,
            _ => out.three_or_more += 1,
        }
    }
    out
}

/// The tools any fact is about.
pub fn tools_present(facts: &Facts) -> Vec<Tool> {
    let mut mask = 0u8;
    facts.periods.iter().for_each(|r| mask |= bit(r.tool));
    facts.daily.iter().for_each(|r| mask |= bit(r.tool));
    facts.events.iter().for_each(|e| mask |= bit(e.tool));
    facts
        .seats
        .iter()
        .filter_map(|s| s.tool)
        .for_each(|t| mask |= bit(t));
    facts
        .charges
        .iter()
        .filter_map(|c| c.tool)
        .for_each(|t| mask |= bit(t));
    facts.org_daily.iter().for_each(|r| mask |= bit(r.tool));
    TOOLS.into_iter().filter(|t| mask & bit(*t) != 0).collect()
}

/// How many days before its snapshot a seat report's last-activity days stand for the tool.
pub const SNAPSHOT_REACH_DAYS: i32 = 7;

/// Each tool's first and last day of data, read once (every fact is scanned) so that
/// [`ToolSpans::covering`] is cheap for every bucket of a trend.
#[derive(Clone, Debug, Default)]
pub struct ToolSpans(Vec<(Tool, Day, Day)>);

impl ToolSpans {
    pub fn of(facts: &Facts) -> ToolSpans {
        let mut spans: Vec<(Tool, Day, Day)> = Vec::new();
        let mut widen =
            |tool: Tool, first: Day, last: Day| match spans.iter_mut().find(|s| s.0 == tool) {
                Some(s) => {
                    s.1 = s.1.min(first);
                    s.2 = s.2.max(last);
                }
                None => spans.push((tool, first, last)),
            };
        facts
            .periods
            .iter()
            .for_each(|r| widen(r.tool, r.period.first, r.period.last));
        facts.daily.iter().for_each(|r| widen(r.tool, r.day, r.day));
        facts
            .org_daily
            .iter()
            .for_each(|r| widen(r.tool, r.day, r.day));
        facts.events.iter().for_each(|e| {
            let day = Day::from_unix_seconds(e.at);
            widen(e.tool, day, day)
        });
        for charge in &facts.charges {
            if let (Some(tool), Some(day)) = (charge.tool, charge.activity_day()) {
                widen(tool, day, day);
            }
        }
        // A dated seat snapshot (Copilot activity report, Microsoft 365 Copilot usage) knows
        // each holder's last activity: whoever was active in the week before it has a
        // last-activity day there, so it covers that week. Earlier weeks only have a lower
        // bound, and stay unknown.
        for seat in &facts.seats {
            if let (Some(tool), Some(day)) = (seat.tool, seat.snapshot) {
                widen(tool, day.plus(-SNAPSHOT_REACH_DAYS), day);
            }
        }
        ToolSpans(spans)
    }

    /// The tools whose data reaches into `window` (their first-to-last day span overlaps it;
    /// daily exports leave out days nobody was active, so a sparse week still counts): a tool
    /// whose data starts after the window, or ends before it, is unknown there, not inactive.
    pub fn covering(&self, window: DaySpan) -> Vec<Tool> {
        TOOLS
            .into_iter()
            .filter(|t| {
                self.0
                    .iter()
                    .any(|s| s.0 == *t && s.1 <= window.last && window.first <= s.2)
            })
            .collect()
    }
}
