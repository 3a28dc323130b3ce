//! Claude Code: weekly active people, sessions, lines added and removed, commits and pull
//! requests by Claude Code, the edit-tool accept rate (Σ accepted / Σ (accepted + rejected)),
//! cost and tokens by model, by terminal and by department (floor applied), and a trend.
//!
//! Rows: Claude person-day rows of `claude.code_usage_json` (the parser marks each active one
//! with `Measures::USED_CLI`, so claude.ai rows of the same tool are never counted here). The
//! total row carries every figure; terminal rows (surface) and model rows (tokens, cost) are
//! breakdowns that never add into it.

use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{Better, Definition, Unit};
use super::tool_view::{
    columns, covers, department_rows, department_table, label_rows, number, percent, usd,
    ToolTable, ToolTrend, ToolView, TrendLine,
};
use crate::engine::date::DaySpan;
use crate::engine::facts::{DailyActivity, Measures, Tool};
use crate::engine::report::Figure;
use std::collections::BTreeMap;

pub const NEEDS: &str = "needs claude.code_usage_json: the Claude Code Analytics Admin API (GET /v1/organizations/usage_report/claude_code with an Admin API key, pages saved as returned)";

const fn def(
    id: &'static str,
    label: &'static str,
    unit: Unit,
    formula: &'static str,
    sources: &'static str,
) -> Definition {
    Definition {
        id,
        label,
        unit,
        formula,
        sources,
        needs: "claude.code_usage_json",
        better: Better::Higher,
    }
}

pub const DEFINITIONS: [Definition; 9] = [
    def("claude_code_weekly_active_users", "Claude Code active people", Unit::People,
        "Distinct people with a Claude Code record with any session, line, decision, token or cost in the headline week.",
        "claude.code_usage_json: actor.email_address, core_metrics, tool_actions, model_breakdown"),
    def("claude_code_sessions", "Sessions", Unit::Number,
        "Σ sessions over the headline week, all terminals.",
        "claude.code_usage_json: core_metrics.num_sessions"),
    def("claude_code_lines_added", "Lines added", Unit::Number,
        "Σ lines of code Claude Code added in the headline week.",
        "claude.code_usage_json: core_metrics.lines_of_code.added"),
    def("claude_code_lines_removed", "Lines removed", Unit::Number,
        "Σ lines of code Claude Code removed in the headline week.",
        "claude.code_usage_json: core_metrics.lines_of_code.removed"),
    def("claude_code_commits", "Commits by Claude Code", Unit::Number,
        "Σ commits made by Claude Code in the headline week.",
        "claude.code_usage_json: core_metrics.commits_by_claude_code"),
    def("claude_code_pull_requests", "Pull requests by Claude Code", Unit::Number,
        "Σ pull requests opened by Claude Code in the headline week.",
        "claude.code_usage_json: core_metrics.pull_requests_by_claude_code"),
    def("claude_code_edit_accept_rate", "Edit accept rate", Unit::Rate,
        "Σ accepted / Σ (accepted + rejected) edit-tool decisions over the headline week (edit, multi-edit, write and notebook tools; a ratio of sums).",
        "claude.code_usage_json: tool_actions.*.accepted, tool_actions.*.rejected"),
    Definition {
        better: Better::Neither,
        ..def("claude_code_cost_usd", "Claude Code cost", Unit::Usd,
        "Σ estimated cost over the headline week, all models (the API's integer cents / 100).",
        "claude.code_usage_json: model_breakdown.estimated_cost.amount")
    },
    Definition {
        better: Better::Neither,
        ..def("claude_code_tokens", "Tokens", Unit::Number,
        "Σ input (uncached + cache read + cache creation) + output tokens over the headline week, all models.",
        "claude.code_usage_json: model_breakdown.tokens")
    },
];

/// A Claude Code row: Claude, marked by its parser.
pub fn is_claude_code(row: &DailyActivity) -> bool {
    row.tool == Tool::Claude && row.measures.used & Measures::USED_CLI != 0
}

/// Per person (index = person), their summed total row in `window`, when active.
fn person_totals(ctx: &Ctx, window: DaySpan) -> Vec<Option<Measures>> {
    let mut out: Vec<Option<Measures>> = vec![None; ctx.people.count()];
    for row in ctx.facts.daily.iter().filter(|r| {
        is_claude_code(r) && r.breakdown.is_total() && r.active && window.contains(r.day)
    }) {
        out[ctx.people.person(row.identity).0 as usize]
            .get_or_insert_with(Measures::default)
            .add(&row.measures);
    }
    out
}

/// The week's totals and active people (`None` when Claude Code does not cover it).
fn totals(ctx: &Ctx, window: Option<DaySpan>) -> Option<(Measures, u32)> {
    let window = window.filter(|w| covers(ctx, Tool::Claude, *w))?;
    let mut sum = Measures::default();
    let mut people = 0;
    for m in person_totals(ctx, window).into_iter().flatten() {
        sum.add(&m);
        people += 1;
    }
    Some((sum, people))
}

fn value(id: &str, (m, people): (Measures, u32)) -> Option<f64> {
    Some(match id {
        "claude_code_weekly_active_users" => f64::from(people),
        "claude_code_sessions" => m.sessions as f64,
        "claude_code_lines_added" => m.lines_added as f64,
        "claude_code_lines_removed" => m.lines_deleted as f64,
        "claude_code_commits" => m.commits as f64,
        "claude_code_pull_requests" => m.pull_requests as f64,
        "claude_code_edit_accept_rate" => return ratio(m.acceptances as f64, m.suggestions as f64),
        "claude_code_cost_usd" => m.cost_usd,
        "claude_code_tokens" => m.all_tokens() as f64,
        _ => return None,
    })
}

/// Per breakdown label (model or terminal): active people and summed measures in `window`.
fn breakdown(
    ctx: &Ctx,
    window: DaySpan,
    label: impl Fn(&DailyActivity) -> Option<String>,
) -> BTreeMap<String, (Vec<bool>, Measures)> {
    let mut out: BTreeMap<String, (Vec<bool>, Measures)> = BTreeMap::new();
    for row in ctx
        .facts
        .daily
        .iter()
        .filter(|r| is_claude_code(r) && window.contains(r.day))
    {
        let Some(name) = label(row) else { continue };
        let entry = out
            .entry(name)
            .or_insert_with(|| (vec![false; ctx.people.count()], Measures::default()));
        entry.0[ctx.people.person(row.identity).0 as usize] = true;
        entry.1.add(&row.measures);
    }
    out
}

fn people(seen: &[bool]) -> u32 {
    seen.iter().filter(|s| **s).count() as u32
}

pub fn build(ctx: &Ctx) -> ToolView {
    let facts = ctx.facts;
    if !facts.daily.iter().any(is_claude_code) {
        return ToolView::needing(ctx, NEEDS);
    }
    let (week, mut view) = match ToolView::for_headline(ctx) {
        Ok(started) => started,
        Err(needing) => return *needing,
    };
    let (now, before) = (totals(ctx, Some(week)), totals(ctx, ctx.comparison));
    view.figures = DEFINITIONS
        .iter()
        .map(|d| {
            Figure::of(
                d,
                now.and_then(|t| value(d.id, t)),
                before.and_then(|t| value(d.id, t)),
                None,
            )
        })
        .collect();

    // Cost and tokens by model.
    let by_model = breakdown(ctx, week, |r| {
        r.breakdown
            .model
            .map(|m| facts.strings.resolve(m).to_string())
    });
    let models = by_model
        .into_iter()
        .map(|(name, (seen, m))| {
            let sums = vec![m.input_tokens as f64, m.output_tokens as f64, m.cost_usd];
            (name, (people(&seen), sums))
        })
        .collect();
    view.tables.push(ToolTable {
        id: "claude-code-by-model".into(),
        title: "Cost and tokens by model".into(),
        note: "Input counts uncached, cache-read and cache-creation tokens. A person who used two models is counted in both rows.".into(),
        dimension: "Model".into(),
        columns: columns(&[
            ("People", Unit::People),
            ("Input tokens", Unit::Number),
            ("Output tokens", Unit::Number),
            ("Cost", Unit::Usd),
        ]),
        rows: label_rows(models),
    });

    // By terminal.
    let by_terminal = breakdown(ctx, week, |r| {
        r.breakdown
            .surface
            .map(|s| facts.strings.resolve(s).to_string())
    });
    let terminals = by_terminal
        .into_iter()
        .map(|(name, (seen, m))| {
            let sums = vec![m.sessions as f64, m.lines_added as f64, m.cost_usd];
            (name, (people(&seen), sums))
        })
        .collect();
    view.tables.push(ToolTable {
        id: "claude-code-by-terminal".into(),
        title: "By terminal".into(),
        note: "The terminal each record names (vscode, iTerm.app, tmux…). A person who used two terminals is counted in both rows.".into(),
        dimension: "Terminal".into(),
        columns: columns(&[
            ("People", Unit::People),
            ("Sessions", Unit::Number),
            ("Lines added", Unit::Number),
            ("Cost", Unit::Usd),
        ]),
        rows: label_rows(terminals),
    });

    // By department, floor applied.
    let per_person: Vec<Option<Vec<f64>>> = person_totals(ctx, week)
        .into_iter()
        .map(|m| m.map(|m| vec![m.sessions as f64, m.lines_added as f64, m.cost_usd]))
        .collect();
    view.tables.push(department_table(
        ctx,
        "claude-code-by-department",
        "Claude Code active people in the headline week and their totals.",
        &[
            ("People", Unit::People),
            ("Sessions", Unit::Number),
            ("Lines added", Unit::Number),
            ("Cost", Unit::Usd),
            ("Cost per person", Unit::Usd),
        ],
        department_rows(ctx, &per_person, &[2]),
    ));

    // Trend: active people and sessions per bucket.
    let buckets = ctx.trend();
    let points: Vec<Option<(Measures, u32)>> =
        buckets.iter().map(|b| totals(ctx, Some(*b))).collect();
    view.trend = ToolTrend {
        title: "Active people and sessions".into(),
        definition: "Per bucket: distinct people with Claude Code activity, and Σ sessions; recounted from person-day rows in every bucket. Source: claude.code_usage_json core_metrics.num_sessions.".into(),
        unit: Unit::Number,
        buckets,
        series: vec![
            TrendLine {
                name: "Active people".into(),
                values: points.iter().map(|p| p.map(|p| f64::from(p.1))).collect(),
            },
            TrendLine {
                name: "Sessions".into(),
                values: points.iter().map(|p| p.map(|p| p.0.sessions as f64)).collect(),
            },
        ],
    };
    view.action = action(&view);
    view
}

/// One next step: a low edit accept rate, else sessions without commits, else the cost per
/// active person.
fn action(view: &ToolView) -> Option<String> {
    let people = view.figure("claude_code_weekly_active_users")?;
    if people == 0.0 {
        return Some("Nobody used Claude Code in the headline week: check that the Admin API export covers it, then pair the first users with a team that has not tried it.".into());
    }
    if let Some(rate) = view
        .figure("claude_code_edit_accept_rate")
        .filter(|r| *r < 0.7)
    {
        return Some(format!(
            "Only {} of Claude Code's proposed edits were accepted this week: share a CLAUDE.md with the project's conventions so its first proposals fit.",
            percent(rate)
        ));
    }
    let sessions = view.figure("claude_code_sessions").unwrap_or(0.0);
    let commits = view.figure("claude_code_commits").unwrap_or(0.0);
    if sessions >= 5.0 && commits == 0.0 {
        return Some(format!(
            "{} Claude Code sessions this week led to no commit by Claude Code: show the team how to let it commit and open the pull request.",
            number(sessions)
        ));
    }
    let cost = view.figure("claude_code_cost_usd")?;
    Some(format!(
        "Claude Code cost {} this week for {} active people ({} each): use that figure when you set next month's budget.",
        usd(cost),
        number(people),
        usd(cost / people)
    ))
}
