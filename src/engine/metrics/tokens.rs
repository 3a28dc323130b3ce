//! Token usage by team: input and output tokens per active person per week, their 14-week trend,
//! the output/input ratio, the same by tool and by department (minimum group size applied), and
//! the monthly seat cost allocated to each department.
//!
//! Token sources: person-day total rows with token fields (Codex and ChatGPT analytics API,
//! Codex dashboard, Codex user CSV) and message events with token usage (compliance logs'
//! Codex prompts). Input is uncached + cached (the facts already hold it so). A person-day on a
//! tool is counted from one source only: the daily total row when there is one (the largest,
//! when two exports give the same day), else the sum of that day's events, so loading the usage
//! API and the compliance logs together never counts a prompt twice.

use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{self, Better, Definition, Unit};
use super::people::PersonId;
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::Tool;
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const NEEDS: &str = "needs codex.usage_json or chatgpt.analytics_usage_json (token fields)";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TokensView {
    /// This view's figures (ids shared with the headline keep their meaning).
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
    /// What to load when no token data is loaded.
    #[serde(default)]
    pub needs: Option<String>,
    /// Up to 14 weeks ending with the headline week, oldest first.
    #[serde(default)]
    pub weekly: Vec<TokenWeek>,
    /// Each tool with token data in the headline week.
    #[serde(default)]
    pub tools: Vec<ToolTokens>,
    /// Tokens by department, headline week; group size = people with token data that week.
    #[serde(default)]
    pub departments: Vec<TokenDepartmentRow>,
    /// Monthly seat cost allocated by department; group size = people holding a seat.
    #[serde(default)]
    pub seat_costs: Vec<SeatCostRow>,
    #[serde(default)]
    pub min_group_size: u32,
    /// Departments hidden in `departments` and in `seat_costs`.
    #[serde(default)]
    pub suppressed_departments: u32,
    #[serde(default)]
    pub suppressed_seat_cost_groups: u32,
    /// Σ seats × price over every department (hidden ones included).
    #[serde(default)]
    pub monthly_seat_cost: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenWeek {
    pub week: DaySpan,
    pub input_tokens: u64,
    pub output_tokens: u64,
    /// Active people with token data that week.
    pub people: u32,
    pub input_per_person: Option<f64>,
    pub output_per_person: Option<f64>,
    pub output_input_ratio: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolTokens {
    pub tool: Tool,
    pub label: String,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub people: u32,
    pub input_per_person: Option<f64>,
    pub output_per_person: Option<f64>,
    pub output_input_ratio: Option<f64>,
}

/// One department's tokens in the headline week. When `suppressed`, every figure is `None`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenDepartmentRow {
    pub department: String,
    pub suppressed: bool,
    pub people: Option<u32>,
    pub input_per_person: Option<f64>,
    pub output_per_person: Option<f64>,
    pub output_input_ratio: Option<f64>,
    /// The department's share of all tokens (input + output) of the week.
    pub token_share: Option<f64>,
}

/// One department's seats and their monthly list price (an allocation, not a bill).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SeatCostRow {
    pub department: String,
    pub suppressed: bool,
    /// Seats held (one person with two tools holds two).
    pub seats: Option<u32>,
    /// Σ seats × monthly seat price of each tool (settings).
    pub monthly_cost: Option<f64>,
    /// Active people with token data in the headline week.
    pub token_people: Option<u32>,
}

const SEAT_COST_BY_DEPARTMENT: Definition = Definition {
    id: "department_monthly_seat_cost",
    label: "Monthly seat cost (allocated)",
    unit: Unit::Usd,
    formula: "Seats held by the department's people × the monthly price per seat of each tool (settings): ChatGPT seats from the headline week's Users rows, other tools from their latest seat snapshot. An allocation of list prices, not an invoice; token usage itself is not priced.",
    sources: "chatgpt.users_csv, copilot.seats_json; settings: seat prices",
    needs: "chatgpt.users_csv or copilot.seats_json",
    better: Better::Neither,
};

/// Tokens of one person on one tool.
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    input: u64,
    cached: u64,
    output: u64,
}

impl Sums {
    /// Adds saturating: a file can give token counts near `u64::MAX`.
    fn add(&mut self, o: &Sums) {
        self.input = self.input.saturating_add(o.input);
        self.cached = self.cached.saturating_add(o.cached);
        self.output = self.output.saturating_add(o.output);
    }

    fn all(&self) -> u64 {
        self.input.saturating_add(self.output)
    }
}

/// Per (person, tool): tokens in `window`, one source per person-day (see the module docs).
fn person_tokens(ctx: &Ctx, window: DaySpan) -> BTreeMap<(PersonId, Tool), Sums> {
    let mut daily: BTreeMap<(PersonId, Tool, Day), Sums> = BTreeMap::new();
    for row in ctx.daily_in(window) {
        let m = &row.measures;
        if !row.breakdown.is_total() || !m.has_tokens {
            continue;
        }
        if m.all_tokens() == 0 && !row.active && !m.any_activity() {
            continue;
        }
        let key = (ctx.people.person(row.identity), row.tool, row.day);
        let slot = daily.entry(key).or_default();
        if m.all_tokens() >= slot.all() {
            *slot = Sums {
                input: m.input_tokens,
                cached: m.cached_input_tokens,
                output: m.output_tokens,
            };
        }
    }
    let mut events: BTreeMap<(PersonId, Tool, Day), Sums> = BTreeMap::new();
    for event in ctx.events_in(window) {
        let day = Day::from_unix_seconds(event.at);
        if !event.has_tokens {
            continue;
        }
        let key = (ctx.people.person(event.identity), event.tool, day);
        if daily.contains_key(&key) {
            continue;
        }
        events.entry(key).or_default().add(&Sums {
            input: event.input_tokens,
            cached: event.cached_input_tokens,
            output: event.output_tokens,
        });
    }
    let mut out: BTreeMap<(PersonId, Tool), Sums> = BTreeMap::new();
    for ((person, tool, _), s) in daily.into_iter().chain(events) {
        out.entry((person, tool)).or_default().add(&s);
    }
    out
}

/// Totals of a set of people: tokens and how many people.
#[derive(Clone, Copy, Debug, Default)]
struct Totals {
    input: u64,
    cached: u64,
    output: u64,
    people: u32,
}

impl Totals {
    /// One more person with these tokens.
    fn add(&mut self, s: &Sums) {
        self.input = self.input.saturating_add(s.input);
        self.cached = self.cached.saturating_add(s.cached);
        self.output = self.output.saturating_add(s.output);
        self.people += 1;
    }
    fn per_person(&self) -> (Option<f64>, Option<f64>) {
        (
            ratio(self.input as f64, self.people as f64),
            ratio(self.output as f64, self.people as f64),
        )
    }
    fn output_input_ratio(&self) -> Option<f64> {
        ratio(self.output as f64, self.input as f64)
    }
}

/// Per person: their tokens on every tool together (people with no token data are absent).
fn by_person(tokens: &BTreeMap<(PersonId, Tool), Sums>) -> BTreeMap<PersonId, Sums> {
    let mut out: BTreeMap<PersonId, Sums> = BTreeMap::new();
    for ((person, _), s) in tokens {
        out.entry(*person).or_default().add(s);
    }
    out
}

fn totals(tokens: &BTreeMap<(PersonId, Tool), Sums>) -> Totals {
    let mut all = Totals::default();
    for s in by_person(tokens).values() {
        all.add(s);
    }
    all
}

/// Seats per person at the end of the headline week: one per tool (ChatGPT from the week's
/// Users rows, other tools from their latest seat snapshot), with the tool's monthly price.
fn seats_by_person(ctx: &Ctx, week: DaySpan) -> Vec<Vec<Tool>> {
    let mut seats: Vec<Vec<Tool>> = vec![Vec::new(); ctx.people.count()];
    for (person, p) in ctx.person_weeks(week).iter().enumerate() {
        if p.seat {
            seats[person].push(Tool::Chatgpt);
        }
    }
    let mut tools: Vec<Tool> = ctx
        .facts
        .seats
        .iter()
        .filter_map(|s| s.tool)
        .filter(|t| *t != Tool::Chatgpt)
        .collect();
    tools.sort();
    tools.dedup();
    for tool in tools {
        let of_tool = || ctx.facts.seats.iter().filter(move |s| s.tool == Some(tool));
        let latest = of_tool()
            .filter_map(|s| s.snapshot)
            .filter(|d| *d <= week.last)
            .max()
            .or_else(|| of_tool().filter_map(|s| s.snapshot).min());
        for seat in of_tool().filter(|s| s.snapshot.is_none() || s.snapshot == latest) {
            if let Some(identity) = seat.identity {
                let held = &mut seats[ctx.people.person(identity).0 as usize];
                if !held.contains(&tool) {
                    held.push(tool);
                }
            }
        }
    }
    seats
}

pub fn build(ctx: &Ctx) -> TokensView {
    let mut view = TokensView {
        min_group_size: ctx.settings.floor(),
        ..Default::default()
    };
    let any_tokens = ctx.facts.daily.iter().any(|r| r.measures.has_tokens)
        || ctx.facts.events.iter().any(|e| e.has_tokens);
    let headline = ctx.headline;
    let now = headline.map(|w| person_tokens(ctx, w));
    let before = ctx.comparison.map(|w| person_tokens(ctx, w));
    let now_totals = now.as_ref().map(totals).filter(|t| t.people > 0);
    let before_totals = before.as_ref().map(totals).filter(|t| t.people > 0);
    let needs = if !any_tokens {
        Some(NEEDS.to_string())
    } else if headline.is_none() {
        Some(
            ctx.plan
                .problem
                .clone()
                .unwrap_or_else(|| "needs a complete week of token data".into()),
        )
    } else if now_totals.is_none() {
        Some("no token data in the headline week: needs codex.usage_json or chatgpt.analytics_usage_json covering it".into())
    } else {
        None
    };
    let figure = |id: &str, value: fn(&Totals) -> Option<f64>| {
        definitions::definition(id).map(|d| {
            Figure::of(
                d,
                now_totals.as_ref().and_then(value),
                before_totals.as_ref().and_then(value),
                needs.clone(),
            )
        })
    };
    view.figures = [
        figure("input_tokens_per_active_user_week", |t| t.per_person().0),
        figure("output_tokens_per_active_user_week", |t| t.per_person().1),
        figure("output_input_ratio", Totals::output_input_ratio),
    ]
    .into_iter()
    .flatten()
    .collect();
    view.needs = needs;
    let now_people = now.as_ref().map(by_person).unwrap_or_default();
    if let Some(week) = headline {
        allocate_seat_costs(ctx, &mut view, week, &now_people);
    }
    if !any_tokens {
        view.action = action(&view, &Totals::default());
        return view;
    }
    view.weekly = ctx
        .trend()
        .into_iter()
        .map(|week| {
            let t = totals(&person_tokens(ctx, week));
            let (input_per_person, output_per_person) = t.per_person();
            TokenWeek {
                week,
                input_tokens: t.input,
                output_tokens: t.output,
                people: t.people,
                input_per_person,
                output_per_person,
                output_input_ratio: t.output_input_ratio(),
            }
        })
        .collect();
    let Some(now) = now else {
        return view;
    };
    // By tool.
    let mut per_tool: BTreeMap<Tool, Totals> = BTreeMap::new();
    for ((_, tool), s) in &now {
        per_tool.entry(*tool).or_default().add(s);
    }
    view.tools = per_tool
        .into_iter()
        .map(|(tool, t)| {
            let (input_per_person, output_per_person) = t.per_person();
            ToolTokens {
                tool,
                label: tool.label().to_string(),
                input_tokens: t.input,
                output_tokens: t.output,
                people: t.people,
                input_per_person,
                output_per_person,
                output_input_ratio: t.output_input_ratio(),
            }
        })
        .collect();
    // By department: tokens (group = people with token data that week).
    let people_tokens = now_people;
    let all = totals(&now);
    let mut groups: BTreeMap<String, Totals> = BTreeMap::new();
    for (person, s) in &people_tokens {
        groups
            .entry(ctx.department(*person).to_string())
            .or_default()
            .add(s);
    }
    let mut groups: Vec<(String, Totals)> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.people.cmp(&a.1.people).then(a.0.cmp(&b.0)));
    let hidden = ctx.suppressed(&groups.iter().map(|(_, t)| t.people).collect::<Vec<_>>());
    view.suppressed_departments = hidden.iter().filter(|&&h| h).count() as u32;
    view.departments = groups
        .into_iter()
        .zip(&hidden)
        .map(|((department, t), &suppressed)| {
            if suppressed {
                return TokenDepartmentRow {
                    department,
                    suppressed,
                    ..Default::default()
                };
            }
            let (input_per_person, output_per_person) = t.per_person();
            TokenDepartmentRow {
                department,
                suppressed,
                people: Some(t.people),
                input_per_person,
                output_per_person,
                output_input_ratio: t.output_input_ratio(),
                token_share: ratio(
                    t.input as f64 + t.output as f64,
                    all.input as f64 + all.output as f64,
                ),
            }
        })
        .collect();
    view.action = action(&view, &all);
    view
}

/// The monthly seat cost allocated to each department (group = people holding a seat), with the
/// floor applied: fills `seat_costs`, `suppressed_seat_cost_groups` and `monthly_seat_cost`.
fn allocate_seat_costs(
    ctx: &Ctx,
    view: &mut TokensView,
    week: DaySpan,
    people_tokens: &BTreeMap<PersonId, Sums>,
) {
    let seats = seats_by_person(ctx, week);
    #[derive(Default)]
    struct CostGroup {
        holders: u32,
        seats: u32,
        cost: f64,
        token_people: u32,
    }
    let mut costs: BTreeMap<String, CostGroup> = BTreeMap::new();
    for (person, held) in seats.iter().enumerate().filter(|(_, h)| !h.is_empty()) {
        let person = PersonId(person as u32);
        let g = costs.entry(ctx.department(person).to_string()).or_default();
        g.holders += 1;
        g.seats += held.len() as u32;
        g.cost += held
            .iter()
            .map(|t| ctx.settings.seat_price(*t))
            .sum::<f64>();
        g.token_people += u32::from(people_tokens.contains_key(&person));
    }
    let mut costs: Vec<(String, CostGroup)> = costs.into_iter().collect();
    costs.sort_by(|a, b| b.1.holders.cmp(&a.1.holders).then(a.0.cmp(&b.0)));
    let hidden = ctx.suppressed(&costs.iter().map(|(_, g)| g.holders).collect::<Vec<_>>());
    view.suppressed_seat_cost_groups = hidden.iter().filter(|&&h| h).count() as u32;
    view.monthly_seat_cost = (!costs.is_empty()).then(|| costs.iter().map(|(_, g)| g.cost).sum());
    view.seat_costs = costs
        .into_iter()
        .zip(&hidden)
        .map(|((department, g), &suppressed)| SeatCostRow {
            department,
            suppressed,
            seats: (!suppressed).then_some(g.seats),
            monthly_cost: (!suppressed).then_some(g.cost),
            token_people: (!suppressed).then_some(g.token_people),
        })
        .collect();
}

/// The definition of the allocated seat cost column, for the page.
pub fn seat_cost_definition() -> &'static Definition {
    &SEAT_COST_BY_DEPARTMENT
}

/// One next step from the numbers: a department using far more tokens per person than the
/// organisation; else little cached input (repeated context sent again at full price).
fn action(view: &TokensView, all: &Totals) -> Option<String> {
    let org_output = ratio(all.output as f64, all.people as f64);
    let shown: Vec<&TokenDepartmentRow> =
        view.departments.iter().filter(|r| !r.suppressed).collect();
    if let (Some(org_output), Some((row, output))) = (
        org_output,
        shown
            .iter()
            .filter_map(|r| Some((*r, r.output_per_person?)))
            .max_by(|a, b| a.1.total_cmp(&b.1)),
    ) {
        if shown.len() > 1 && output > org_output * 1.5 {
            return Some(format!(
                "{} uses {} output tokens per active person this week, {:.1}× the organisation's {}: check its budget and whether cheaper models or cached prompts would serve those workloads.",
                row.department,
                whole(output),
                output / org_output,
                whole(org_output)
            ));
        }
    }
    // Two or more tools: the one sending far more context per person.
    let mut tools: Vec<(&ToolTokens, f64)> = view
        .tools
        .iter()
        .filter_map(|t| Some((t, t.input_per_person?)))
        .collect();
    tools.sort_by(|a, b| b.1.total_cmp(&a.1));
    if let [(heavy, h), (light, l), ..] = tools[..] {
        if h > 2.0 * l {
            return Some(format!(
                "{} sends {} input tokens per active person this week, {:.1}× {}'s {}, and only {:.1} % comes back as output: review what context it is given (whole repositories, large files) before renewing its plan.",
                heavy.label,
                whole(h),
                h / l,
                light.label,
                whole(l),
                heavy.output_input_ratio.unwrap_or(0.0) * 100.0
            ));
        }
    }
    let cached = ratio(all.cached as f64, all.input as f64)?;
    (cached < 0.5).then(|| {
        format!(
            "Only {:.0} % of this week's {} input tokens were served from the cache: keep repository instructions (AGENTS.md) stable and continue threads instead of restarting them, so repeated context is billed at the cached rate.",
            cached * 100.0,
            whole(all.input as f64)
        )
    })
}

/// "12,345": a whole number with thousands separators (engine-side, for action text).
fn whole(v: f64) -> String {
    let digits = (v.round() as i64).unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}
