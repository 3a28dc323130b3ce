//! Timing: when people use AI, as an hour-of-day × weekday grid of user-authored messages
//! (UTC), over the 28 days ending with the headline week.
//!
//! Only message-level sources carry an hour (ChatGPT messages and Codex prompts from the
//! compliance log). Daily sources (Copilot, Codex usage, ChatGPT analytics) give a weekday
//! profile of active person-days only, and the hourly grid says what it needs.
//!
//! Beside the grid, each tool with timestamped actions gets its own row ([`ToolTiming`]):
//! ChatGPT messages and Codex prompts (compliance log), Cursor requests (usage events) and
//! Gemini actions (audit activities), each with its peak day, peak hour and weekend share over
//! the same 28 days. The headline figures stay those of messages.

use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{Better, Definition, Unit};
use super::depth::NEEDS;
use crate::engine::date::{Day, DaySpan, WeekStart};
use crate::engine::facts::{Role, Tool};
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};

pub const PEAK_WEEKDAY: Definition = Definition {
    id: "peak_weekday",
    label: "Peak day",
    unit: Unit::Number,
    formula: "The weekday (1 = Monday … 7 = Sunday, UTC) with the most messages written by users in the 28 days ending with the headline week; from daily sources only, the weekday with the most active person-days.",
    sources: "chatgpt.compliance_logs_jsonl: created_at, author.role; CODEX_LOG prompts; else daily usage exports",
    needs: "chatgpt.compliance_logs_jsonl or a daily usage export",
    better: Better::Neither,
};

pub const PEAK_HOUR: Definition = Definition {
    id: "peak_hour_utc",
    label: "Peak hour (UTC)",
    unit: Unit::Number,
    formula: "The hour of day (0–23, UTC) with the most messages written by users in the 28 days ending with the headline week. Daily exports (Copilot, Codex usage) have no hours.",
    sources: "chatgpt.compliance_logs_jsonl: created_at, author.role; CODEX_LOG prompts",
    needs: "chatgpt.compliance_logs_jsonl",
    better: Better::Neither,
};

pub const WEEKEND_SHARE: Definition = Definition {
    id: "weekend_share",
    label: "Weekend share",
    unit: Unit::Rate,
    formula: "User-authored messages sent on Saturday or Sunday (UTC) / all, in the 28 days ending with the headline week; from daily sources only, active person-days instead of messages.",
    sources: "chatgpt.compliance_logs_jsonl: created_at; else daily usage exports",
    needs: "chatgpt.compliance_logs_jsonl or a daily usage export",
    better: Better::Neither,
};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TimingView {
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
    /// The 28 days ending with the headline week.
    pub window: Option<DaySpan>,
    /// What the grid counts: `messages` (message-level sources) or `active person-days`
    /// (daily sources, weekday only); empty when nothing was loaded.
    pub counts: String,
    /// Weekday labels in week order (the week start first).
    pub weekdays: Vec<String>,
    /// `cells[weekday][hour]`: messages, weekdays in `weekdays` order. Empty without hours.
    pub cells: Vec<Vec<u64>>,
    /// Per weekday (in `weekdays` order): messages or active person-days.
    pub weekday_totals: Vec<u64>,
    /// Per hour 0–23: messages. Empty without hours.
    pub hour_totals: Vec<u64>,
    pub total: u64,
    /// When the hourly grid cannot be drawn: the export that would enable it.
    pub needs: Option<String>,
    /// Per tool with timestamped actions in the window: when its actions happen.
    #[serde(default)]
    pub by_tool: Vec<ToolTiming>,
}

/// One tool's actions by weekday and hour (UTC) over the timing window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolTiming {
    pub tool: Tool,
    pub label: String,
    /// What is counted: `messages`, `prompts`, `requests` or `actions`.
    pub counts: String,
    pub total: u64,
    /// Monday-first weekday number, 1 = Monday … 7 = Sunday.
    pub peak_weekday: Option<u32>,
    /// 0–23, UTC.
    pub peak_hour: Option<u32>,
    pub weekend_share: Option<f64>,
    /// Per hour 0–23.
    pub hour_totals: Vec<u64>,
}

/// Weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Monday-first weekday numbers (0 = Monday) in week order.
pub fn week_order(start: WeekStart) -> [u32; 7] {
    match start {
        WeekStart::Monday => [0, 1, 2, 3, 4, 5, 6],
        WeekStart::Sunday => [6, 0, 1, 2, 3, 4, 5],
    }
}

/// Messages per Monday-first weekday and hour in `window`.
fn message_grid(ctx: &Ctx, window: DaySpan) -> [[u64; 24]; 7] {
    let mut grid = [[0u64; 24]; 7];
    for e in ctx.facts.events.iter().filter(|e| e.role == Role::User) {
        let day = Day::from_unix_seconds(e.at);
        if window.contains(day) {
            let hour = (e.at.rem_euclid(86_400) / 3_600) as usize;
            grid[day.weekday_from_monday() as usize][hour.min(23)] += 1;
        }
    }
    grid
}

/// Active person-days per Monday-first weekday in `window`, from daily total rows.
fn daily_weekdays(ctx: &Ctx, window: DaySpan) -> [u64; 7] {
    let mut seen = std::collections::HashSet::new();
    let mut days = [0u64; 7];
    for r in &ctx.facts.daily {
        if r.breakdown.is_total()
            && window.contains(r.day)
            && (r.active || r.measures.any_activity())
            && seen.insert((ctx.people.person(r.identity), r.tool, r.day))
        {
            days[r.day.weekday_from_monday() as usize] += 1;
        }
    }
    days
}

pub fn build(ctx: &Ctx) -> TimingView {
    let mut view = messages_view(ctx);
    if let Some(window) = view.window {
        view.by_tool = by_tool(ctx, window);
    }
    view
}

/// What each tool's actions are called in the by-tool table.
fn counted(tool: Tool) -> &'static str {
    match tool {
        Tool::Chatgpt => "messages",
        Tool::Codex => "prompts",
        Tool::Cursor => "requests",
        _ => "actions",
    }
}

/// Per tool: actions per Monday-first weekday and hour in `window`, from user-authored
/// messages and prompts (events) and hourly counts (Cursor usage events, Gemini audit).
fn by_tool(ctx: &Ctx, window: DaySpan) -> Vec<ToolTiming> {
    let mut grids: Vec<(Tool, [[u64; 24]; 7])> = Vec::new();
    let mut add = |tool: Tool, day: Day, hour: usize, n: u64| {
        let at = match grids.iter().position(|(t, _)| *t == tool) {
            Some(i) => i,
            None => {
                grids.push((tool, [[0; 24]; 7]));
                grids.len() - 1
            }
        };
        grids[at].1[day.weekday_from_monday() as usize][hour.min(23)] += n;
    };
    for e in ctx.facts.events.iter().filter(|e| e.role == Role::User) {
        let day = Day::from_unix_seconds(e.at);
        if window.contains(day) {
            add(e.tool, day, (e.at.rem_euclid(86_400) / 3_600) as usize, 1);
        }
    }
    for r in ctx.facts.hourly.iter().filter(|r| window.contains(r.day)) {
        add(r.tool, r.day, usize::from(r.hour), u64::from(r.count));
    }
    grids.sort_by_key(|(tool, _)| super::activity::TOOLS.iter().position(|t| t == tool));
    grids
        .into_iter()
        .map(|(tool, grid)| {
            let by_weekday: [u64; 7] = std::array::from_fn(|d| grid[d].iter().sum());
            let hour_totals: Vec<u64> = (0..24).map(|h| grid.iter().map(|r| r[h]).sum()).collect();
            let total: u64 = by_weekday.iter().sum();
            ToolTiming {
                tool,
                label: tool.label().to_string(),
                counts: counted(tool).to_string(),
                total,
                peak_weekday: peak(&by_weekday).map(|d| d as u32 + 1),
                peak_hour: peak(&hour_totals).map(|h| h as u32),
                weekend_share: ratio((by_weekday[5] + by_weekday[6]) as f64, total as f64),
                hour_totals,
            }
        })
        .collect()
}

/// The messages' grid and figures (or, from daily sources, the weekday profile).
fn messages_view(ctx: &Ctx) -> TimingView {
    let order = week_order(ctx.plan.week_start);
    let weekdays: Vec<String> = order
        .iter()
        .map(|&d| WEEKDAYS[d as usize].to_string())
        .collect();
    let Some(window) = ctx.headline.map(Ctx::month_of) else {
        let needs = ctx
            .plan
            .problem
            .clone()
            .unwrap_or_else(|| NEEDS.to_string());
        return TimingView {
            figures: figures(None, None, None, Some(needs.clone())),
            weekdays,
            needs: Some(needs),
            ..TimingView::default()
        };
    };
    let grid = message_grid(ctx, window);
    let total: u64 = grid.iter().flatten().sum();
    if total > 0 {
        let cells: Vec<Vec<u64>> = order.iter().map(|&d| grid[d as usize].to_vec()).collect();
        let by_weekday: [u64; 7] = std::array::from_fn(|d| grid[d].iter().sum());
        let hour_totals: Vec<u64> = (0..24).map(|h| grid.iter().map(|r| r[h]).sum()).collect();
        let peak_day = peak(&by_weekday);
        let peak_hour = peak(&hour_totals);
        let weekend = ratio((by_weekday[5] + by_weekday[6]) as f64, total as f64);
        let action = action(peak_day, peak_hour, weekend, &grid);
        return TimingView {
            figures: figures(
                peak_day.map(|d| f64::from(d as u32 + 1)),
                peak_hour.map(|h| h as f64),
                weekend,
                None,
            ),
            action,
            window: Some(window),
            counts: "messages".into(),
            weekdays,
            weekday_totals: order.iter().map(|&d| by_weekday[d as usize]).collect(),
            cells,
            hour_totals,
            total,
            needs: None,
            by_tool: Vec::new(),
        };
    }
    let needs_hourly = format!(
        "{NEEDS} covering {} – {} for hours of the day (daily exports such as Copilot and Codex usage have no hours)",
        window.first, window.last
    );
    let days = daily_weekdays(ctx, window);
    let total: u64 = days.iter().sum();
    if total == 0 {
        return TimingView {
            figures: figures(None, None, None, Some(needs_hourly.clone())),
            window: Some(window),
            weekdays,
            needs: Some(needs_hourly),
            ..TimingView::default()
        };
    }
    let peak_day = peak(&days);
    let weekend = ratio((days[5] + days[6]) as f64, total as f64);
    TimingView {
        figures: figures(
            peak_day.map(|d| f64::from(d as u32 + 1)),
            None,
            weekend,
            Some(needs_hourly.clone()),
        ),
        action: peak_day.map(|d| {
            format!(
                "Most active person-days fall on {} ({:.0} % of the week): schedule training and office hours then; load the ChatGPT compliance log to see the hours of the day.",
                WEEKDAYS[d],
                days[d] as f64 / total as f64 * 100.0
            )
        }),
        window: Some(window),
        counts: "active person-days".into(),
        weekdays,
        weekday_totals: order.iter().map(|&d| days[d as usize]).collect(),
        total,
        needs: Some(needs_hourly),
        ..TimingView::default()
    }
}

fn figures(
    peak_day: Option<f64>,
    peak_hour: Option<f64>,
    weekend: Option<f64>,
    needs: Option<String>,
) -> Vec<Figure> {
    vec![
        Figure::of(&PEAK_WEEKDAY, peak_day, None, needs.clone()),
        Figure::of(&PEAK_HOUR, peak_hour, None, needs.clone()),
        Figure::of(&WEEKEND_SHARE, weekend, None, needs),
    ]
}

/// Index of the largest value (the first on ties); `None` when all are zero.
fn peak(values: &[u64]) -> Option<usize> {
    let max = *values.iter().max()?;
    (max > 0).then(|| values.iter().position(|&v| v == max))?
}

fn action(
    peak_day: Option<usize>,
    peak_hour: Option<usize>,
    weekend: Option<f64>,
    grid: &[[u64; 24]; 7],
) -> Option<String> {
    let total: u64 = grid.iter().flatten().sum();
    let weekend = weekend.unwrap_or(0.0);
    // Outside 07:00–19:00 UTC on weekdays, plus weekends.
    let late: u64 = grid[..5]
        .iter()
        .map(|r| r[..7].iter().sum::<u64>() + r[19..].iter().sum::<u64>())
        .sum();
    let late_share = late as f64 / total.max(1) as f64;
    if weekend >= 0.15 {
        return Some(format!(
            "{:.0} % of messages are sent at weekends: check with those teams' managers whether AI work is spilling into days off, and whether a weekday slot is missing.",
            weekend * 100.0
        ));
    }
    let (day, hour) = (peak_day?, peak_hour?);
    // The busiest hour of the busiest day.
    let cell = grid[day][hour];
    Some(format!(
        "Use peaks on {} at {hour:02}:00 UTC ({} of {} messages fell in that hour on {}s; {:.0} % of weekday messages come before 07:00 or after 19:00 UTC): schedule AI office hours and the help channel's busiest staffing there.",
        WEEKDAYS[day],
        cell,
        total,
        WEEKDAYS[day],
        late_share * 100.0,
    ))
}
