//! GitHub Copilot: active and engaged people, acceptance by count and by lines (Σ / Σ over the
//! week, never a mean of daily rates), the same by IDE, language, model and feature, CLI use,
//! and seats never used or idle for the unused-seat window.
//!
//! Engaged (this view's choice, shown in its definition): a Copilot-active person who in the
//! headline week was active on at least two distinct days, or went beyond completions at least
//! once (a chat, agent or CLI prompt, or the chat / agent / CLI / coding-agent flags).

use super::activity::bit;
use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{self, Better, Definition, Unit};
use super::people::PersonId;
use super::tools::{copilot_acceptance, week_tools};
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::{Breakdown, Measures, Tool};
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CopilotView {
    /// This view's figures (ids shared with the headline keep their meaning).
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
    /// When no Copilot data is loaded: the export that fills the view.
    #[serde(default)]
    pub needs: Option<String>,
    /// Acceptance by IDE, language, model and feature in the headline week.
    #[serde(default)]
    pub breakdowns: Vec<BreakdownTable>,
    /// Active people, engaged people and acceptance per week (up to 14 weeks).
    #[serde(default)]
    pub trend: Vec<CopilotWeek>,
    /// Seat assignments by state, at the end of the headline week.
    #[serde(default)]
    pub seats: SeatStates,
}

/// One dimension's rows ("IDE", "Language", "Model", "Feature").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BreakdownTable {
    pub dimension: String,
    pub rows: Vec<BreakdownRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BreakdownRow {
    pub label: String,
    /// Distinct people with a row for it in the week (`None` from organisation-level rows).
    pub active_people: Option<u32>,
    pub interactions: u64,
    pub suggestions: u64,
    pub acceptances: u64,
    pub acceptance_rate: Option<f64>,
    pub lines_suggested: u64,
    pub lines_accepted: u64,
    pub lines_acceptance_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CopilotWeek {
    pub week: DaySpan,
    pub active_people: Option<u32>,
    pub engaged_people: Option<u32>,
    pub acceptance_rate: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SeatStates {
    pub seats: u32,
    /// Seats used inside the unused-seat window.
    pub recently_used: u32,
    /// Last activity before the window.
    pub idle: u32,
    /// No activity ever recorded.
    pub never_used: u32,
    /// Assigned inside the window, on leave, or hired inside it: not counted as waste yet.
    pub excused: u32,
    /// (idle + never used) × the Copilot seat price.
    pub monthly_cost_of_unused: f64,
}

const ENGAGED: Definition = Definition {
    id: "copilot_engaged_users",
    label: "Engaged Copilot users",
    unit: Unit::People,
    formula: "Copilot-active people who in the headline week were active on ≥ 2 distinct days, or went beyond completions at least once (a chat, agent or CLI prompt, or used chat, agent, CLI or the coding agent).",
    sources: "copilot.usage_ndjson: day, user_initiated_interaction_count, used_chat, used_agent, used_cli, used_copilot_coding_agent",
    needs: "copilot.usage_ndjson",
    better: Better::Higher,
};

const ENGAGED_SHARE: Definition = Definition {
    id: "copilot_engaged_share",
    label: "Engaged share of active",
    unit: Unit::Rate,
    formula: "engaged Copilot users / Copilot-active people with usage rows, headline week.",
    sources: "copilot.usage_ndjson",
    needs: "copilot.usage_ndjson",
    better: Better::Higher,
};

const LINES_RATE: Definition = Definition {
    id: "copilot_acceptance_rate_lines",
    label: "Acceptance rate (lines)",
    unit: Unit::Rate,
    formula: "Σ lines accepted / Σ lines suggested over the headline week (cumulative). Lines accepted = loc_added_sum in the usage reports, total_code_lines_accepted in the legacy metrics; lines suggested = loc_suggested_to_add_sum / total_code_lines_suggested.",
    sources: "copilot.usage_ndjson, copilot.entity_report_json, copilot.metrics_json",
    needs: "copilot.usage_ndjson",
    better: Better::Higher,
};

const CLI_USERS: Definition = Definition {
    id: "copilot_cli_users",
    label: "Copilot CLI users",
    unit: Unit::People,
    formula:
        "People who used the Copilot CLI in the headline week (a totals_by_cli row or used_cli).",
    sources: "copilot.usage_ndjson: totals_by_cli, used_cli",
    needs: "copilot.usage_ndjson",
    better: Better::Higher,
};

const CLI_PROMPTS: Definition = Definition {
    id: "copilot_cli_prompts",
    label: "CLI prompts",
    unit: Unit::Number,
    formula: "Prompts sent in the Copilot CLI in the headline week (totals_by_cli.prompt_count).",
    sources: "copilot.usage_ndjson: totals_by_cli.prompt_count",
    needs: "copilot.usage_ndjson",
    better: Better::Higher,
};

const SEATS: Definition = Definition {
    id: "copilot_seats",
    label: "Copilot seats",
    unit: Unit::People,
    formula: "People with a Copilot seat assignment in the latest seat snapshot.",
    sources: "copilot.seats_json, copilot.activity_csv",
    needs: "copilot.seats_json",
    better: Better::Neither,
};

const NEVER_USED: Definition = Definition {
    id: "copilot_seats_never_used",
    label: "Seats never used",
    unit: Unit::People,
    formula: "Copilot seats with no last activity at all, assigned before the unused-seat window (30 days, setting), holder not on leave or newly hired per HRIS.",
    sources: "copilot.seats_json: created_at, last_activity_at; hris",
    needs: "copilot.seats_json",
    better: Better::Lower,
};

const IDLE: Definition = Definition {
    id: "copilot_seats_idle",
    label: "Seats idle 30 days",
    unit: Unit::People,
    formula: "Copilot seats whose last activity is before the unused-seat window (30 days, setting) ending with the headline week, holder not on leave or newly hired per HRIS.",
    sources: "copilot.seats_json: last_activity_at; hris",
    needs: "copilot.seats_json",
    better: Better::Lower,
};

/// Lines accepted of a row: the legacy field when given, else lines added (usage reports).
fn lines_accepted(m: &Measures) -> u64 {
    if m.lines_accepted > 0 {
        m.lines_accepted
    } else {
        m.lines_added
    }
}

const BEYOND_COMPLETIONS: u8 =
    Measures::USED_CHAT | Measures::USED_AGENT | Measures::USED_CLI | Measures::USED_CODING_AGENT;

/// Per person: (active days in the week, went beyond completions), from person-day totals.
fn engagement(ctx: &Ctx, week: DaySpan) -> Vec<(u32, bool)> {
    let mut days: Vec<Vec<Day>> = vec![Vec::new(); ctx.people.count()];
    let mut beyond = vec![false; ctx.people.count()];
    for row in ctx
        .daily_in(week)
        .filter(|r| r.tool == Tool::Copilot && (r.active || r.measures.any_activity()))
    {
        let p = ctx.people.person(row.identity).0 as usize;
        let m = &row.measures;
        if row.breakdown.is_total() {
            if !days[p].contains(&row.day) {
                days[p].push(row.day);
            }
            beyond[p] |= m.interactions > 0 || m.used & BEYOND_COMPLETIONS != 0;
        } else if is_cli(ctx, &row.breakdown) {
            beyond[p] = true;
        }
    }
    days.iter()
        .zip(beyond)
        .map(|(d, b)| (d.len() as u32, b))
        .collect()
}

fn is_cli(ctx: &Ctx, b: &Breakdown) -> bool {
    b.surface
        .is_some_and(|s| ctx.facts.strings.resolve(s).eq_ignore_ascii_case("cli"))
        && b.model.is_none()
        && b.feature.is_none()
        && b.language.is_none()
}

/// (people with usage rows, engaged people) in `week`.
fn engaged_counts(ctx: &Ctx, week: DaySpan) -> (u32, u32) {
    let e = engagement(ctx, week);
    let with_rows = e.iter().filter(|(d, _)| *d > 0).count() as u32;
    let engaged = e.iter().filter(|(d, b)| *d >= 2 || (*d > 0 && *b)).count() as u32;
    (with_rows, engaged)
}

#[derive(Default)]
struct Acc {
    people: Vec<PersonId>,
    measures: Measures,
    person_level: bool,
}

/// Which dimension a breakdown row belongs to (each array once, so nothing counts twice).
fn dimension(ctx: &Ctx, b: &Breakdown) -> Option<(usize, String)> {
    let name = |s| ctx.facts.strings.resolve(s).to_string();
    match (b.surface, b.language, b.model, b.feature) {
        (Some(s), None, None, None)
            if !ctx.facts.strings.resolve(s).eq_ignore_ascii_case("cli") =>
        {
            Some((0, name(s)))
        }
        (None, Some(l), None, Some(_)) => Some((1, name(l))),
        (None, None, Some(m), Some(_)) => Some((2, name(m))),
        (None, None, None, Some(f)) => Some((3, name(f))),
        _ => None,
    }
}

const DIMENSIONS: [&str; 4] = ["IDE", "Language", "Model", "Feature"];

fn breakdowns(ctx: &Ctx, week: DaySpan) -> Vec<BreakdownTable> {
    let mut acc: Vec<BTreeMap<String, Acc>> = (0..4).map(|_| BTreeMap::new()).collect();
    for row in ctx
        .daily_in(week)
        .filter(|r| r.tool == Tool::Copilot && !r.breakdown.is_total())
    {
        if let Some((d, label)) = dimension(ctx, &row.breakdown) {
            let a = acc[d].entry(label).or_default();
            a.measures.add(&row.measures);
            a.person_level = true;
            // Counted once each when the table is made (sorted, deduplicated).
            a.people.push(ctx.people.person(row.identity));
        }
    }
    // Organisation rows (usage reports, else legacy metrics) when no person rows exist.
    if acc.iter().all(BTreeMap::is_empty) {
        for kind in ["usage", "legacy_metrics"] {
            let Some(kind) = ctx.facts.strings.get(kind) else {
                continue;
            };
            for row in ctx
                .org_daily_in(week)
                .filter(|r| r.tool == Tool::Copilot && r.kind == kind && !r.breakdown.is_total())
            {
                if let Some((d, label)) = dimension(ctx, &row.breakdown) {
                    acc[d].entry(label).or_default().measures.add(&row.measures);
                }
            }
            if !acc.iter().all(BTreeMap::is_empty) {
                break;
            }
        }
    }
    acc.into_iter()
        .zip(DIMENSIONS)
        .filter(|(rows, _)| !rows.is_empty())
        .map(|(rows, dimension)| {
            let mut rows: Vec<BreakdownRow> = rows
                .into_iter()
                .map(|(label, mut a)| {
                    a.people.sort_unstable();
                    a.people.dedup();
                    let m = a.measures;
                    let accepted_lines = lines_accepted(&m);
                    BreakdownRow {
                        label,
                        active_people: a.person_level.then_some(a.people.len() as u32),
                        interactions: m.interactions,
                        suggestions: m.suggestions,
                        acceptances: m.acceptances,
                        acceptance_rate: ratio(m.acceptances as f64, m.suggestions as f64),
                        lines_suggested: m.lines_suggested,
                        lines_accepted: accepted_lines,
                        lines_acceptance_rate: ratio(
                            accepted_lines as f64,
                            m.lines_suggested as f64,
                        ),
                    }
                })
                .collect();
            rows.sort_by(|a, b| {
                b.suggestions
                    .cmp(&a.suggestions)
                    .then(b.interactions.cmp(&a.interactions))
                    .then(a.label.cmp(&b.label))
            });
            BreakdownTable {
                dimension: dimension.to_string(),
                rows,
            }
        })
        .collect()
}

/// Σ lines accepted / Σ lines suggested in `week` (person totals, else organisation rows).
fn lines_rate(ctx: &Ctx, week: DaySpan) -> Option<f64> {
    let (mut accepted, mut suggested) = (0u64, 0u64);
    for row in ctx
        .daily_in(week)
        .filter(|r| r.tool == Tool::Copilot && r.breakdown.is_total())
    {
        accepted = accepted.saturating_add(lines_accepted(&row.measures));
        suggested = suggested.saturating_add(row.measures.lines_suggested);
    }
    for kind in ["usage", "legacy_metrics"] {
        if suggested > 0 {
            break;
        }
        let Some(kind) = ctx.facts.strings.get(kind) else {
            continue;
        };
        for row in ctx
            .org_daily_in(week)
            .filter(|r| r.tool == Tool::Copilot && r.kind == kind && r.breakdown.is_total())
        {
            accepted = accepted.saturating_add(lines_accepted(&row.measures));
            suggested = suggested.saturating_add(row.measures.lines_suggested);
        }
    }
    ratio(accepted as f64, suggested as f64)
}

/// (CLI people, CLI prompts) in `week`; `None` when no Copilot usage rows cover it.
fn cli(ctx: &Ctx, week: DaySpan) -> (u32, u64) {
    let mut people = vec![false; ctx.people.count()];
    let mut prompts = 0u64;
    for row in ctx.daily_in(week).filter(|r| r.tool == Tool::Copilot) {
        let p = ctx.people.person(row.identity).0 as usize;
        if row.breakdown.is_total() && row.measures.used & Measures::USED_CLI != 0 {
            people[p] = true;
        } else if is_cli(ctx, &row.breakdown) {
            people[p] = true;
            prompts = prompts.saturating_add(row.measures.interactions);
        }
    }
    (people.iter().filter(|p| **p).count() as u32, prompts)
}

/// Copilot seats at the end of `week`: the latest snapshot per person.
fn seat_states(ctx: &Ctx, week: DaySpan) -> Option<SeatStates> {
    let mut latest: BTreeMap<PersonId, &crate::engine::facts::Seat> = BTreeMap::new();
    for seat in ctx
        .facts
        .seats
        .iter()
        .filter(|s| s.tool == Some(Tool::Copilot))
    {
        let Some(identity) = seat.identity else {
            continue;
        };
        if seat.created.is_some_and(|c| c > week.last) {
            continue;
        }
        let person = ctx.people.person(identity);
        let slot = latest.entry(person).or_insert(seat);
        if seat.snapshot > slot.snapshot {
            *slot = seat;
        }
    }
    if latest.is_empty() {
        return None;
    }
    let days = ctx.settings.unused_after_days.max(1) as i32;
    let window = DaySpan::new(week.last.plus(1 - days), week.last);
    let mut out = SeatStates::default();
    for (person, seat) in latest {
        out.seats += 1;
        let used_recently = seat.last_activity.is_some_and(|d| d >= window.first);
        if used_recently {
            out.recently_used += 1;
            continue;
        }
        let record = ctx.people.record(ctx.facts, person);
        let excused = seat.created.is_some_and(|c| c >= window.first)
            || record.is_some_and(|r| r.on_leave || r.hired.is_some_and(|h| h >= window.first));
        if excused {
            out.excused += 1;
        } else if seat.last_activity.is_some() {
            out.idle += 1;
        } else {
            out.never_used += 1;
        }
    }
    out.monthly_cost_of_unused =
        f64::from(out.idle + out.never_used) * ctx.settings.seat_price(Tool::Copilot);
    Some(out)
}

pub fn build(ctx: &Ctx) -> CopilotView {
    let facts = ctx.facts;
    let has_copilot = facts.daily.iter().any(|r| r.tool == Tool::Copilot)
        || facts.org_daily.iter().any(|r| r.tool == Tool::Copilot)
        || facts.seats.iter().any(|s| s.tool == Some(Tool::Copilot));
    let mut view = CopilotView::default();
    if !has_copilot {
        view.needs = Some(
            "needs copilot.usage_ndjson (Copilot usage metrics, users) and copilot.seats_json"
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
    let covered = |w: DaySpan| ctx.tool_spans.covering(w).contains(&Tool::Copilot);
    let has_rows = |w: DaySpan| ctx.daily_in(w).any(|r| r.tool == Tool::Copilot);
    let shared = |id: &str| {
        let figure = |w: Option<DaySpan>| {
            let w = w?;
            week_tools(ctx, w, &ctx.tool_spans.covering(w), true)
                .figure(id)
                .flatten()
        };
        let d = definitions::headline(id);
        Figure::of(d, figure(Some(week)), figure(ctx.comparison), None)
    };
    let engaged = |w: Option<DaySpan>| w.filter(|w| has_rows(*w)).map(|w| engaged_counts(ctx, w));
    let (engaged_now, engaged_before) = (engaged(Some(week)), engaged(ctx.comparison));
    let usage_needs = || Some("needs copilot.usage_ndjson".to_string());
    let lines = |w: Option<DaySpan>| w.and_then(|w| lines_rate(ctx, w));
    let cli_of = |w: Option<DaySpan>| w.filter(|w| has_rows(*w)).map(|w| cli(ctx, w));
    let (cli_now, cli_before) = (cli_of(Some(week)), cli_of(ctx.comparison));
    let seats_now = seat_states(ctx, week);
    view.seats = seats_now.clone().unwrap_or_default();
    let seat_needs = || Some("needs copilot.seats_json".to_string());
    let seat_figure = |d: &Definition, f: fn(&SeatStates) -> u32| {
        Figure::of(
            d,
            seats_now.as_ref().map(|s| f64::from(f(s))),
            None,
            seat_needs(),
        )
    };
    view.figures = vec![
        shared("copilot_weekly_active_users"),
        Figure::of(
            &ENGAGED,
            engaged_now.map(|e| f64::from(e.1)),
            engaged_before.map(|e| f64::from(e.1)),
            usage_needs(),
        ),
        Figure::of(
            &ENGAGED_SHARE,
            engaged_now.and_then(|e| ratio(f64::from(e.1), f64::from(e.0))),
            engaged_before.and_then(|e| ratio(f64::from(e.1), f64::from(e.0))),
            usage_needs(),
        ),
        shared("copilot_acceptance_rate"),
        Figure::of(
            &LINES_RATE,
            lines(Some(week)),
            lines(ctx.comparison),
            usage_needs(),
        ),
        Figure::of(
            &CLI_USERS,
            cli_now.map(|c| f64::from(c.0)),
            cli_before.map(|c| f64::from(c.0)),
            usage_needs(),
        ),
        Figure::of(
            &CLI_PROMPTS,
            cli_now.map(|c| c.1 as f64),
            cli_before.map(|c| c.1 as f64),
            usage_needs(),
        ),
        seat_figure(&SEATS, |s| s.seats),
        seat_figure(&NEVER_USED, |s| s.never_used),
        seat_figure(&IDLE, |s| s.idle),
    ];
    view.breakdowns = breakdowns(ctx, week);
    view.trend = ctx
        .trend()
        .into_iter()
        .map(|w| {
            let on = covered(w);
            let active = on.then(|| {
                ctx.active_tools(w)
                    .iter()
                    .filter(|m| *m & bit(Tool::Copilot) != 0)
                    .count() as u32
            });
            CopilotWeek {
                week: w,
                active_people: active,
                // Engaged is defined on a week's active days: not drawn at another grain.
                engaged_people: (ctx.trend.daily.grain == crate::engine::query::Grain::Week)
                    .then(|| engaged(Some(w)).map(|e| e.1))
                    .flatten(),
                acceptance_rate: on.then(|| copilot_acceptance(ctx, w)).flatten(),
            }
        })
        .collect();
    if has_copilot {
        view.action = action(&view, ctx);
    }
    view
}

fn percent(v: f64) -> String {
    if v < 0.1 {
        format!("{:.1} %", v * 100.0)
    } else {
        format!("{:.0} %", v * 100.0)
    }
}

/// One next step: reclaim unused seats when they are ≥ 10 % of seats, else lift the IDE or
/// language with the lowest acceptance, else move completion-only users to chat and agents.
fn action(view: &CopilotView, ctx: &Ctx) -> Option<String> {
    let value = |id: &str| {
        view.figures
            .iter()
            .find(|f| f.id == id)
            .and_then(|f| f.value)
    };
    let s = &view.seats;
    let unused = s.idle + s.never_used;
    if s.seats > 0 && f64::from(unused) / f64::from(s.seats) >= 0.1 {
        return Some(format!(
            "{} of {} Copilot seats were never used and {} have been idle for {} days (about ${:.0} a month): reclaim them, or reassign them to developers already using Codex or ChatGPT for code.",
            s.never_used,
            s.seats,
            s.idle,
            ctx.settings.unused_after_days,
            s.monthly_cost_of_unused
        ));
    }
    let overall = value("copilot_acceptance_rate");
    if let Some(overall) = overall {
        let low = view
            .breakdowns
            .iter()
            .filter(|t| t.dimension == "IDE" || t.dimension == "Language")
            .flat_map(|t| t.rows.iter().map(move |r| (t.dimension.as_str(), r)))
            .filter(|(_, r)| r.suggestions >= 20 && r.label != "unknown")
            .filter_map(|(d, r)| Some((d, r, r.acceptance_rate?)))
            .min_by(|a, b| a.2.total_cmp(&b.2));
        if let Some((dimension, row, rate)) = low.filter(|l| l.2 < overall * 0.6) {
            return Some(format!(
                "Suggestions in {} ({}) are accepted {} of the time against {} overall: check the extension version and the content exclusions there, and pair those developers with a high-acceptance team.",
                row.label,
                dimension.to_lowercase(),
                percent(rate),
                percent(overall)
            ));
        }
    }
    let active = value("copilot_weekly_active_users")?;
    let engaged = value("copilot_engaged_users")?;
    let share = value("copilot_engaged_share")?;
    if share < 0.6 {
        return Some(format!(
            "Only {} of {} Copilot-active people went beyond completions or used it on 2+ days ({}): run a chat and agent-mode demo for the completion-only users.",
            engaged,
            active,
            percent(share)
        ));
    }
    Some(format!(
        "{} of {} active Copilot users are engaged ({}): seats are well used; offer the CLI to the rest ({} CLI users this week).",
        engaged,
        active,
        percent(share),
        value("copilot_cli_users").unwrap_or(0.0)
    ))
}
