//! Licences and cost: seats and their monthly cost per tool and department, weekly active seat
//! holders, unused seats (all tools), usage cost in the month and cost per active person.
//!
//! Seats: ChatGPT from the headline week's Users rows (enabled status, see `adoption`); every
//! other tool from its `Seat` facts (Copilot seats API / activity report, M365 licensed users,
//! the people a Gemini usage report lists, the members a Cursor daily file lists, as of its
//! last day), latest snapshot. A seat is unused when its holder
//! shows no activity on that tool in the `settings.unused_after_days` days ending with the
//! headline week (or the snapshot day when no week is known), excluding people hired inside
//! that window or on leave per HRIS, and seats assigned inside it.

use super::activity::bit;
use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{self, Better, Definition, Unit};
use super::people::PersonId;
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::Tool;
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LicencesView {
    /// This view's figures (ids shared with the headline keep their meaning).
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
    /// Seats, weekly active holders, unused seats and cost per tool (tools with seats).
    #[serde(default)]
    pub tools: Vec<ToolSeats>,
    /// Seats per department and tool, each tool's departments under the floor suppressed.
    #[serde(default)]
    pub departments: Vec<DepartmentSeats>,
    /// The minimum group size applied to `departments` (people with a seat on that tool).
    #[serde(default)]
    pub min_group_size: u32,
    /// The last day of the unused-seat window, and its length in days.
    #[serde(default)]
    pub as_of: Option<Day>,
    #[serde(default)]
    pub unused_after_days: u32,
    /// When nothing loaded has seats: the export that would give them.
    #[serde(default)]
    pub needs: Option<String>,
}

/// One tool's seats at the end of the headline week (or its latest seat snapshot).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolSeats {
    pub tool: Tool,
    pub label: String,
    pub seats: u32,
    /// Seat holders active on the tool in the headline week (`None`: no week known).
    pub weekly_active: Option<u32>,
    pub unused: u32,
    /// Monthly list price per seat (settings).
    pub seat_price: f64,
    pub monthly_cost: f64,
    /// What the unused seats cost a month.
    pub unused_cost: f64,
}

/// One department's seats on one tool. Suppressed: every figure `None`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentSeats {
    pub department: String,
    pub tool: Tool,
    pub tool_label: String,
    pub suppressed: bool,
    pub seats: Option<u32>,
    pub weekly_active: Option<u32>,
    pub unused: Option<u32>,
    pub monthly_cost: Option<f64>,
}

pub const SEATS_ALL_TOOLS: Definition = Definition {
    id: "seats_all_tools",
    label: "Seats (all tools)",
    unit: Unit::Number,
    formula: "Σ over tools of people holding a seat: ChatGPT enabled seats in the headline week's Users rows; Copilot and other tools from their latest seat snapshot. One person with two tools holds two seats.",
    sources: "chatgpt.users_csv: user_status; copilot.seats_json / copilot.activity_csv; m365.copilot_usage_csv; gemini.usage_csv (the people it lists); cursor.daily_usage_json / cursor.analytics_csv (the members it lists)",
    needs: "chatgpt.users_csv or copilot.seats_json",
    better: Better::Neither,
};

pub const USAGE_COST_MONTH: Definition = Definition {
    id: "usage_cost_month",
    label: "Usage cost (28 days)",
    unit: Unit::Usd,
    formula: "Billed usage in the 28 days ending with the headline week: native money where the export gives it (GitHub net_amount, Codex cost), else credits × credit price (settings). Never an estimate added to a billed amount.",
    sources: "github.billing_usage_csv: net_amount; chatgpt.credit_usage_csv: usage_credits; codex.usage_json: credits",
    needs: "github.billing_usage_csv, chatgpt.credit_usage_csv or codex.usage_json",
    better: Better::Neither,
};

/// One week's licence totals over every tool.
#[derive(Clone, Debug, Default)]
struct Totals {
    tools: Vec<ToolSeats>,
    /// Per person: tools on which they hold a seat / were weekly active / hold an unused seat.
    seat_mask: Vec<u8>,
    active_mask: Vec<u8>,
    unused_mask: Vec<u8>,
    monthly_active: Option<u32>,
    usage_cost: Option<f64>,
}

impl Totals {
    fn seat_cost(&self) -> f64 {
        self.tools.iter().map(|t| t.monthly_cost).sum()
    }
    fn unused(&self) -> u32 {
        self.tools.iter().map(|t| t.unused).sum()
    }
    fn seats(&self) -> u32 {
        self.tools.iter().map(|t| t.seats).sum()
    }
    fn cost_per_active(&self) -> Option<f64> {
        let active = f64::from(self.monthly_active?);
        ratio(self.seat_cost() + self.usage_cost.unwrap_or(0.0), active)
    }
}

/// Tools whose seats come from `Seat` snapshots (ChatGPT's come from its weekly rows).
fn snapshot_tools(ctx: &Ctx) -> Vec<Tool> {
    let mut tools: Vec<Tool> = ctx
        .facts
        .seats
        .iter()
        .filter_map(|s| s.tool)
        .filter(|t| *t != Tool::Chatgpt)
        .collect();
    tools.sort();
    tools.dedup();
    tools
}

/// True when the 28 days ending with `week` are four weeks of the plan.
fn month_covered(ctx: &Ctx, week: DaySpan) -> bool {
    (1..=3).all(|k| {
        ctx.plan
            .weeks
            .iter()
            .any(|s| s.first == week.first.plus(-7 * k))
    })
}

/// Usage cost (USD) of every tool in `window`: see [`USAGE_COST_MONTH`]. `None` when no usage
/// or billing fact reaches into the window.
pub fn usage_cost(ctx: &Ctx, window: DaySpan) -> Option<f64> {
    let rows = super::credits::usage_rows(ctx, window);
    (!rows.is_empty()).then(|| rows.iter().map(|r| r.usd).sum())
}

fn totals(ctx: &Ctx, week: Option<DaySpan>, end: Day) -> Totals {
    let n = ctx.people.count();
    let days = ctx.settings.unused_after_days.max(1) as i32;
    let window = DaySpan::new(end.plus(1 - days), end);
    let mut t = Totals {
        seat_mask: vec![0; n],
        active_mask: vec![0; n],
        unused_mask: vec![0; n],
        ..Totals::default()
    };
    let excused = |person: usize| {
        let record = ctx.people.record(ctx.facts, PersonId(person as u32));
        record.is_some_and(|r| r.on_leave || r.hired.is_some_and(|d| window.first <= d))
    };
    // ChatGPT: the week's Users rows.
    if let Some(week) = week {
        let rows = ctx.person_weeks(week);
        if rows.iter().any(|p| p.seat) {
            let b = bit(Tool::Chatgpt);
            for (person, p) in rows.iter().enumerate().filter(|(_, p)| p.seat) {
                t.seat_mask[person] |= b;
                if p.weekly_active {
                    t.active_mask[person] |= b;
                }
                if p.unused {
                    t.unused_mask[person] |= b;
                }
            }
        }
    }
    // Other tools: the latest seat snapshot up to `end`.
    let tools = snapshot_tools(ctx);
    if !tools.is_empty() {
        let recent = ctx.active_tools(window);
        let weekly = week.map(|w| ctx.active_tools(w));
        for tool in tools {
            let b = bit(tool);
            let of_tool = || ctx.facts.seats.iter().filter(move |s| s.tool == Some(tool));
            let latest = of_tool().filter_map(|s| s.snapshot).max();
            for seat in of_tool().filter(|s| s.snapshot.is_none() || s.snapshot == latest) {
                let Some(identity) = seat.identity else {
                    continue;
                };
                let person = ctx.people.person(identity).0 as usize;
                t.seat_mask[person] |= b;
                if weekly.as_ref().is_some_and(|m| m[person] & b != 0) {
                    t.active_mask[person] |= b;
                }
                let used = recent[person] & b != 0
                    || seat.last_activity.is_some_and(|d| window.first <= d);
                let new_seat = seat.created.is_some_and(|d| window.first <= d);
                if !used && !new_seat && !excused(person) {
                    t.unused_mask[person] |= b;
                }
            }
        }
    }
    for tool in super::activity::TOOLS {
        let b = bit(tool);
        let count = |mask: &[u8]| mask.iter().filter(|m| *m & b != 0).count() as u32;
        let seats = count(&t.seat_mask);
        if seats == 0 {
            continue;
        }
        let price = ctx.settings.seat_price(tool);
        let unused = count(&t.unused_mask);
        t.tools.push(ToolSeats {
            tool,
            label: tool.label().to_string(),
            seats,
            weekly_active: week.map(|_| count(&t.active_mask)),
            unused,
            seat_price: price,
            monthly_cost: f64::from(seats) * price,
            unused_cost: f64::from(unused) * price,
        });
    }
    if let Some(week) = week.filter(|w| month_covered(ctx, *w)) {
        let month = Ctx::month_of(week);
        let masks = ctx.active_tools(month);
        t.monthly_active = Some(masks.iter().filter(|m| **m != 0).count() as u32);
        t.usage_cost = usage_cost(ctx, month);
    }
    t
}

/// The end of the licence window: the headline week's last day, else the latest seat snapshot.
fn range_end(ctx: &Ctx) -> Option<Day> {
    ctx.headline.map(|w| w.last).or_else(|| {
        ctx.facts
            .seats
            .iter()
            .filter_map(|s| s.snapshot.or(s.last_activity))
            .max()
    })
}

pub fn build(ctx: &Ctx) -> LicencesView {
    let mut view = LicencesView {
        min_group_size: ctx.settings.floor(),
        unused_after_days: ctx.settings.unused_after_days,
        ..LicencesView::default()
    };
    let needs = "needs chatgpt.users_csv (weekly) or copilot.seats_json".to_string();
    let Some(end) = range_end(ctx) else {
        view.needs = Some(needs.clone());
        view.figures = figures(None, None, Some(needs));
        return view;
    };
    let now = totals(ctx, ctx.headline, end);
    // A comparison needs seat history: only weekly rows have it (a seat snapshot has none).
    let before = ctx
        .comparison
        .filter(|_| snapshot_tools(ctx).is_empty())
        .map(|w| totals(ctx, Some(w), w.last));
    view.as_of = Some(end);
    if now.tools.is_empty() {
        view.needs = Some(needs.clone());
    }
    view.departments = departments(ctx, &now);
    view.action = action(ctx, &now, &view.departments);
    view.figures = figures(Some(&now), before.as_ref(), Some(needs));
    view.tools = now.tools;
    view
}

fn figures(now: Option<&Totals>, before: Option<&Totals>, needs: Option<String>) -> Vec<Figure> {
    let has_seats = |t: &&Totals| !t.tools.is_empty();
    let now = now.filter(has_seats);
    let before = before.filter(has_seats);
    let of = |id: &str, f: &dyn Fn(&Totals) -> Option<f64>| {
        let definition = definitions::headline(id);
        Figure::of(
            definition,
            now.and_then(f),
            before.and_then(f),
            needs.clone(),
        )
    };
    let month_needs = Some("needs four weeks of data before the headline week".to_string());
    vec![
        Figure::of(
            &SEATS_ALL_TOOLS,
            now.map(|t| f64::from(t.seats())),
            before.map(|t| f64::from(t.seats())),
            needs.clone(),
        ),
        of("monthly_seat_cost", &|t| Some(t.seat_cost())),
        of("unused_seats", &|t| Some(f64::from(t.unused()))),
        Figure::of(
            definitions::headline("cost_per_active_user"),
            now.and_then(Totals::cost_per_active),
            before.and_then(Totals::cost_per_active),
            if now.is_some() {
                month_needs.clone()
            } else {
                needs.clone()
            },
        ),
        Figure::of(
            &USAGE_COST_MONTH,
            now.and_then(|t| t.usage_cost),
            before.and_then(|t| t.usage_cost),
            if now.is_some_and(|t| t.monthly_active.is_none()) {
                month_needs
            } else {
                None
            },
        ),
    ]
}

/// Seats per department and tool. Group size = people with a seat on that tool in that
/// department; each tool's departments are suppressed separately (with complementary
/// suppression), so a tool's total minus its shown departments never reveals a small group.
fn departments(ctx: &Ctx, t: &Totals) -> Vec<DepartmentSeats> {
    let mut out = Vec::new();
    for tool in &t.tools {
        let b = bit(tool.tool);
        let mut groups: BTreeMap<&str, (u32, u32, u32)> = BTreeMap::new();
        for person in (0..t.seat_mask.len()).filter(|&p| t.seat_mask[p] & b != 0) {
            let g = groups
                .entry(ctx.department(PersonId(person as u32)))
                .or_default();
            g.0 += 1;
            g.1 += u32::from(t.active_mask[person] & b != 0);
            g.2 += u32::from(t.unused_mask[person] & b != 0);
        }
        let mut groups: Vec<(&str, (u32, u32, u32))> = groups.into_iter().collect();
        groups.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        let sizes: Vec<u32> = groups.iter().map(|g| g.1 .0).collect();
        let hidden = ctx.suppressed(&sizes);
        for ((department, (seats, active, unused)), suppressed) in groups.into_iter().zip(hidden) {
            let show = |v: u32| (!suppressed).then_some(v);
            out.push(DepartmentSeats {
                department: department.to_string(),
                tool: tool.tool,
                tool_label: tool.label.clone(),
                suppressed,
                seats: show(seats),
                weekly_active: if tool.weekly_active.is_some() {
                    show(active)
                } else {
                    None
                },
                unused: show(unused),
                monthly_cost: (!suppressed).then(|| f64::from(seats) * tool.seat_price),
            });
        }
    }
    out
}

/// "$1,234": whole US dollars with thousands separators.
pub(super) fn usd(v: f64) -> String {
    let whole = v.round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    format!("${out}")
}

/// The one next step: reclaim the most expensive pile of unused seats, else the shown
/// department with the lowest weekly active share of its seats, else nothing.
fn action(ctx: &Ctx, t: &Totals, departments: &[DepartmentSeats]) -> Option<String> {
    let days = ctx.settings.unused_after_days;
    if let Some(tool) = t.tools.iter().filter(|t| t.unused > 0).max_by(|a, b| {
        a.unused_cost
            .total_cmp(&b.unused_cost)
            .then(a.unused.cmp(&b.unused))
    }) {
        let share = f64::from(tool.unused) / f64::from(tool.seats.max(1));
        let others: u32 = t.unused() - tool.unused;
        let more = if others > 0 {
            format!(" ({others} more unused on other tools)")
        } else {
            String::new()
        };
        return Some(format!(
            "Reclaim {} unused {} seats ({}/month, {:.0} % of its {} seats): no activity in {} days, not new starters or on leave{}. Reassign them or drop them at renewal.",
            tool.unused,
            tool.label,
            usd(tool.unused_cost),
            share * 100.0,
            tool.seats,
            days,
            more
        ));
    }
    let lagging = departments
        .iter()
        .filter(|d| !d.suppressed)
        .filter_map(|d| {
            let seats = d.seats?;
            let share = f64::from(d.weekly_active?) / f64::from(seats.max(1));
            Some((d, seats, share))
        })
        .min_by(|a, b| a.2.total_cmp(&b.2))?;
    let (d, seats, share) = lagging;
    (share < 0.5).then(|| {
        format!(
            "{} holds {} {} seats ({}/month) with only {:.0} % weekly active: run a use-case session there before adding seats.",
            d.department,
            seats,
            d.tool_label,
            usd(d.monthly_cost.unwrap_or(0.0)),
            share * 100.0
        )
    })
}
