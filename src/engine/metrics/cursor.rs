//! Cursor: active people, tabs shown and accepted (Σ accepted / Σ shown), accepted lines,
//! requests by kind (Agent, Composer, Chat, Cmd+K, Bugbot, from the daily files' feature rows),
//! top models and spend from the usage events (billed requests), by department (floor
//! applied), and a trend of active people and the tab acceptance rate.

use super::activity::bit;
use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{Better, Definition, Unit};
use super::tool_view::{
    columns, covers, department_rows, department_table, label_rows, number, percent, usd,
    ToolTable, ToolTrend, ToolView, TrendLine,
};
use crate::engine::date::DaySpan;
use crate::engine::facts::{Measures, Tool};
use crate::engine::report::Figure;
use std::collections::BTreeMap;

pub const NEEDS: &str = "needs cursor.daily_usage_json (Cursor Admin API: POST https://api.cursor.com/teams/daily-usage-data with an admin API key), cursor.analytics_csv (Cursor dashboard → Team analytics → export) or cursor.usage_events_csv (dashboard → Usage → Export CSV)";

use super::tool_view::higher_is_better as def;

const DAILY: &str = "cursor.daily_usage_json or cursor.analytics_csv";

pub const DEFINITIONS: [Definition; 7] = [
    def("cursor_weekly_active_users", "Cursor active people", Unit::People,
        "Distinct people active on Cursor in the headline week: the daily files' isActive flag or any request or tab, or a billed request in the usage events.",
        "cursor.daily_usage_json / cursor.analytics_csv: isActive, requests, tabs; cursor.usage_events_csv: User, Date", DAILY),
    def("cursor_tabs_shown", "Tabs shown", Unit::Number,
        "Σ tab completions Cursor showed in the headline week.",
        "cursor.daily_usage_json: totalTabsShown; cursor.analytics_csv: Tabs Shown", DAILY),
    def("cursor_tabs_accepted", "Tabs accepted", Unit::Number,
        "Σ tab completions accepted in the headline week.",
        "cursor.daily_usage_json: totalTabsAccepted; cursor.analytics_csv: Tabs Accepted", DAILY),
    def("cursor_tab_acceptance_rate", "Tab acceptance rate", Unit::Rate,
        "Σ tabs accepted / Σ tabs shown over the headline week (a ratio of sums, never a mean of daily rates).",
        "cursor.daily_usage_json: totalTabsAccepted, totalTabsShown", DAILY),
    def("cursor_accepted_lines", "Accepted lines", Unit::Number,
        "Σ lines added from accepted suggestions (tabs, chat and agent edits) in the headline week.",
        "cursor.daily_usage_json: acceptedLinesAdded; cursor.analytics_csv: Accepted Lines Added", DAILY),
    def("cursor_requests", "Requests", Unit::Number,
        "Σ agent, composer (edit), chat (ask) and Cmd+K requests in the headline week.",
        "cursor.daily_usage_json: agentRequests, composerRequests, chatRequests, cmdkUsages", DAILY),
    Definition {
        better: Better::Neither,
        ..def("cursor_spend_usd", "Cursor spend", Unit::Usd,
        "Σ Cost of the usage events in the headline week (included requests cost nothing; usage-based ones their price).",
        "cursor.usage_events_csv: Cost, Date", "cursor.usage_events_csv")
    },
];

/// Per person: their summed Cursor total row in `window`, when active.
fn person_totals(ctx: &Ctx, window: DaySpan) -> Vec<Option<Measures>> {
    let mut out: Vec<Option<Measures>> = vec![None; ctx.people.count()];
    for row in ctx.facts.daily.iter().filter(|r| {
        r.tool == Tool::Cursor
            && r.breakdown.is_total()
            && window.contains(r.day)
            && (r.active || r.measures.any_activity())
    }) {
        out[ctx.people.person(row.identity).0 as usize]
            .get_or_insert_with(Measures::default)
            .add(&row.measures);
    }
    out
}

/// Per model: who used it, requests and spend.
type ModelUse = BTreeMap<String, (Vec<bool>, f64, f64)>;

/// Cursor charges in `window`: per model, the total spend, and whether there was any.
fn charges(ctx: &Ctx, window: DaySpan) -> (ModelUse, f64, bool) {
    let mut models: ModelUse = BTreeMap::new();
    let (mut spend, mut any) = (0.0, false);
    for c in ctx
        .facts
        .charges
        .iter()
        .filter(|c| c.tool == Some(Tool::Cursor) && c.day.is_some_and(|d| window.contains(d)))
    {
        any = true;
        spend += c.net_usd;
        let name = c.model.map_or("(not given)".to_string(), |m| {
            ctx.facts.strings.resolve(m).to_string()
        });
        let entry = models
            .entry(name)
            .or_insert_with(|| (vec![false; ctx.people.count()], 0.0, 0.0));
        if let Some(identity) = c.identity {
            entry.0[ctx.people.person(identity).0 as usize] = true;
        }
        entry.1 += c.quantity;
        entry.2 += c.net_usd;
    }
    (models, spend, any)
}

struct Week {
    sums: Measures,
    active: u32,
    daily: bool,
    spend: Option<f64>,
}

fn week(ctx: &Ctx, window: Option<DaySpan>) -> Option<Week> {
    let window = window.filter(|w| covers(ctx, Tool::Cursor, *w))?;
    let mut sums = Measures::default();
    let mut daily = false;
    for m in person_totals(ctx, window).into_iter().flatten() {
        sums.add(&m);
        daily = true;
    }
    let has_daily = daily || ctx.facts.daily.iter().any(|r| r.tool == Tool::Cursor);
    let has_events = ctx
        .facts
        .charges
        .iter()
        .any(|c| c.tool == Some(Tool::Cursor));
    let (_, spend, _) = charges(ctx, window);
    let active = ctx
        .active_tools(window)
        .iter()
        .filter(|m| *m & bit(Tool::Cursor) != 0)
        .count() as u32;
    Some(Week {
        sums,
        active,
        daily: has_daily,
        spend: has_events.then_some(spend),
    })
}

fn value(id: &str, w: &Week) -> Option<f64> {
    let m = &w.sums;
    if id == "cursor_weekly_active_users" {
        return Some(f64::from(w.active));
    }
    if id == "cursor_spend_usd" {
        return w.spend;
    }
    if !w.daily {
        return None;
    }
    match id {
        "cursor_tabs_shown" => Some(m.suggestions as f64),
        "cursor_tabs_accepted" => Some(m.acceptances as f64),
        "cursor_tab_acceptance_rate" => ratio(m.acceptances as f64, m.suggestions as f64),
        "cursor_accepted_lines" => Some(m.lines_accepted as f64),
        "cursor_requests" => Some(m.interactions as f64),
        _ => None,
    }
}

pub fn build(ctx: &Ctx) -> ToolView {
    let facts = ctx.facts;
    let has_cursor = facts.daily.iter().any(|r| r.tool == Tool::Cursor)
        || facts.charges.iter().any(|c| c.tool == Some(Tool::Cursor));
    if !has_cursor {
        return ToolView::needing(ctx, NEEDS);
    }
    let (headline, mut view) = match ToolView::for_headline(ctx) {
        Ok(started) => started,
        Err(needing) => return *needing,
    };
    let (now, before) = (week(ctx, Some(headline)), week(ctx, ctx.comparison));
    view.figures = DEFINITIONS
        .iter()
        .map(|d| {
            Figure::of(
                d,
                now.as_ref().and_then(|w| value(d.id, w)),
                before.as_ref().and_then(|w| value(d.id, w)),
                None,
            )
        })
        .collect();

    // Requests by kind (feature rows of the daily files).
    let mut kinds: BTreeMap<String, (Vec<bool>, f64)> = BTreeMap::new();
    for row in facts.daily.iter().filter(|r| {
        r.tool == Tool::Cursor && headline.contains(r.day) && r.breakdown.feature.is_some()
    }) {
        let Some(kind) = row.breakdown.feature else {
            continue;
        };
        let entry = kinds
            .entry(facts.strings.resolve(kind).to_string())
            .or_insert_with(|| (vec![false; ctx.people.count()], 0.0));
        entry.0[ctx.people.person(row.identity).0 as usize] = true;
        entry.1 += row.measures.interactions as f64;
    }
    let count = |seen: &[bool]| seen.iter().filter(|s| **s).count() as u32;
    view.tables.push(ToolTable {
        id: "cursor-by-kind".into(),
        title: "Requests by kind".into(),
        note: "Requests of each kind in the headline week, as the daily files name them (Composer is the analytics export's Edit, Chat its Ask). A person who used two kinds is counted in both rows.".into(),
        dimension: "Kind".into(),
        columns: columns(&[("People", Unit::People), ("Requests", Unit::Number)]),
        rows: label_rows(
            kinds
                .into_iter()
                .map(|(k, (seen, n))| (k, (count(&seen), vec![n])))
                .collect(),
        ),
    });

    // Top models from the usage events.
    let (models, _, any_events) = charges(ctx, headline);
    if any_events || facts.charges.iter().any(|c| c.tool == Some(Tool::Cursor)) {
        let mut rows = label_rows(
            models
                .into_iter()
                .map(|(m, (seen, requests, usd))| (m, (count(&seen), vec![requests, usd])))
                .collect(),
        );
        rows.sort_by(|a, b| {
            let requests = |r: &super::tool_view::TableRow| r.values[1].unwrap_or(0.0);
            requests(b)
                .total_cmp(&requests(a))
                .then(a.label.cmp(&b.label))
        });
        view.tables.push(ToolTable {
            id: "cursor-by-model".into(),
            title: "Top models".into(),
            note: "Requests and their cost per model in the headline week, from the usage events (most requests first).".into(),
            dimension: "Model".into(),
            columns: columns(&[
                ("People", Unit::People),
                ("Requests", Unit::Number),
                ("Spend", Unit::Usd),
            ]),
            rows,
        });
    }

    // By department.
    let per_person: Vec<Option<Vec<f64>>> = person_totals(ctx, headline)
        .into_iter()
        .map(|m| {
            m.map(|m| {
                vec![
                    m.interactions as f64,
                    m.suggestions as f64,
                    m.acceptances as f64,
                ]
            })
        })
        .collect();
    view.tables.push(department_table(
        ctx,
        "cursor-by-department",
        "People active in the daily files in the headline week and their totals.",
        &[
            ("People", Unit::People),
            ("Requests", Unit::Number),
            ("Tabs shown", Unit::Number),
            ("Tabs accepted", Unit::Number),
            ("Requests per person", Unit::Number),
        ],
        department_rows(ctx, &per_person, &[0]),
    ));

    // Trend.
    let buckets = ctx.trend();
    let points: Vec<Option<Week>> = buckets.iter().map(|b| week(ctx, Some(*b))).collect();
    view.trend = ToolTrend {
        title: "Active people".into(),
        definition: "Per bucket: distinct people active on Cursor (daily files' isActive, requests or tabs, or a billed usage event), recounted in every bucket.".into(),
        unit: Unit::People,
        buckets,
        series: vec![TrendLine {
            name: "Active people".into(),
            values: points.iter().map(|p| p.as_ref().map(|p| f64::from(p.active))).collect(),
        }],
    };
    view.action = action(&view);
    view
}

/// One next step: a low tab acceptance rate, else spend per active person.
fn action(view: &ToolView) -> Option<String> {
    let people = view.figure("cursor_weekly_active_users")?;
    if let Some(rate) = view
        .figure("cursor_tab_acceptance_rate")
        .filter(|r| *r < 0.25)
    {
        return Some(format!(
            "Only {} of the tab completions Cursor showed this week were accepted: check the team's Cursor rules and indexing so suggestions fit the codebase.",
            percent(rate)
        ));
    }
    if let Some(spend) = view.figure("cursor_spend_usd").filter(|s| *s > 0.0) {
        return Some(format!(
            "Cursor usage-based requests cost {} this week ({} active people): set a spend limit in the Cursor dashboard before the month closes.",
            usd(spend),
            number(people)
        ));
    }
    (people > 0.0).then(|| format!(
        "{} people used Cursor this week: load the usage events export to see which models they use and what they cost.",
        number(people)
    ))
}
