//! Metrics: pure functions from facts and settings to the [`Report`]. Every number is defined
//! once, in [`definitions`] (METRICS.md), and recounted from person rows for each window.

pub mod activity;
pub mod activity_index;
pub mod activity_series;
pub mod adoption;
pub mod context;
pub mod day_index;
pub mod definitions;
pub mod departments;
pub mod people;
pub mod privacy;
pub mod sessions;
pub mod tool_view;
pub mod tools;
pub mod trend;
pub mod weeks;

// One module per dashboard section of the Report: `build(&Ctx) -> <View>`.
pub mod claude_code;
pub mod codex;
pub mod concentration;
pub mod copilot;
pub mod credits;
pub mod cursor;
pub mod department_usage;
pub mod depth;
pub mod funnel;
pub mod gemini;
pub mod history;
pub mod licences;
pub mod m365_copilot;
pub mod models;
pub mod my_usage;
pub mod overlap;
pub mod people_table;
pub mod prompts;
pub mod timing;
pub mod tokens;

use super::dataset::Dataset;
use super::date::DaySpan;
use super::facts::Facts;
use super::facts::Tool;
use super::query::{narrow, Query};
use super::report::{Figure, Report, WeekPoint, REPORT_VERSION};
use super::settings::Settings;
use adoption::{ratio, WeekTotals};
use definitions::DEFINITIONS;
use people::People;

/// Computes the whole Report from everything loaded, unfiltered.
pub fn build_report(dataset: &Dataset, settings: &Settings, key_fingerprint: &str) -> Report {
    build_report_for(dataset, settings, &Query::default(), key_fingerprint)
}

/// Computes the whole Report for the page's query (date range, department, team, tool): the
/// facts are narrowed first, so every view obeys the same filters.
pub fn build_report_for(
    dataset: &Dataset,
    settings: &Settings,
    query: &Query,
    key_fingerprint: &str,
) -> Report {
    let all = dataset.facts();
    let basis = dataset.basis();
    let (people, basis) = &*basis;
    let (facts, filters) = narrow(all, people, basis, query, settings.floor());
    // Seats, weekly and monthly actives and the seat costs come from the ChatGPT Users export:
    // without one loaded they are unknown, not zero (a filter that leaves nobody's rows gives
    // zero).
    let users_export = all.periods.iter().any(|r| r.tool == Tool::Chatgpt);
    let mut report = report_from_facts(
        &facts,
        people,
        settings,
        query.grain,
        key_fingerprint,
        users_export,
    );
    report.sources = dataset.sources();
    report.filters = filters;
    // A personal export is one person's own data: it feeds My usage alone, whatever the
    // organisation's filters.
    report.my_usage = my_usage::build(dataset.personal(), settings, report.week_start);
    report
}

/// `people` must be resolved from `facts` (or from the facts they were narrowed from: narrowing
/// keeps every identity, link and HRIS record).
fn report_from_facts(
    facts: &Facts,
    people: &People,
    settings: &Settings,
    grain: super::query::Grain,
    key_fingerprint: &str,
    users_export: bool,
) -> Report {
    let plan = weeks::plan(facts, settings);
    let ctx = context::Ctx::new(facts, people, settings, &plan, grain);
    let totals_of = |week: DaySpan| {
        let mut totals = WeekTotals::default();
        for p in ctx.person_weeks(week).iter() {
            totals.add(p);
        }
        totals
    };
    let weekly: Vec<(DaySpan, WeekTotals)> =
        plan.weeks.iter().map(|&w| (w, totals_of(w))).collect();
    let headline = plan.headline();
    let comparison = plan.weeks_before_headline(settings.compare_weeks_back);
    let find = |week: Option<DaySpan>| {
        week.and_then(|w| weekly.iter().find(|(s, _)| *s == w).map(|(_, t)| *t))
    };
    let month_covered = |week: Option<DaySpan>| {
        week.is_some_and(|w| {
            (1..=3).all(|k| plan.weeks.iter().any(|s| s.first == w.first.plus(-7 * k)))
        })
    };
    let now = find(headline);
    let before = find(comparison);
    let present = activity::tools_present(facts);
    // A tool with no data for a week is unknown there, not inactive: cross-tool totals only
    // compare between weeks that every loaded tool covers.
    let tools_in = |week: Option<DaySpan>| {
        week.map(|w| {
            let covering = ctx.tool_spans.covering(w);
            let complete = present.iter().all(|t| covering.contains(t));
            tools::week_tools(&ctx, w, &covering, complete)
        })
    };
    let (tools_now, tools_before) = (tools_in(headline), tools_in(comparison));
    let (now_month, before_month) = (month_covered(headline), month_covered(comparison));

    let figures = DEFINITIONS
        .iter()
        .map(|d| {
            let value_of = |t: Option<WeekTotals>,
                            month: bool,
                            tools: &Option<tools::WeekTools>|
             -> Option<f64> {
                if let Some(value) = tools.as_ref().and_then(|w| w.figure(d.id)) {
                    return value;
                }
                let t = t.filter(|_| users_export)?;
                let seat_cost = t.seats as f64 * settings.seat_price(Tool::Chatgpt);
                match d.id {
                    "seats" => Some(t.seats as f64),
                    "activated_users" => Some(t.activated as f64),
                    "activation_rate" => t.activation_rate(),
                    "weekly_active_users" => Some(t.weekly_active as f64),
                    "monthly_active_users" => month.then_some(t.monthly_active as f64),
                    "stickiness" => month.then(|| t.stickiness()).flatten(),
                    "messages_per_active_user_week" => t.messages_per_active_user(),
                    "advanced_model_share" => t.advanced_model_share(),
                    "unused_seats" => Some(t.unused as f64),
                    "monthly_seat_cost" => Some(seat_cost),
                    "cost_per_active_user" => month
                        .then(|| ratio(seat_cost, t.monthly_active as f64))
                        .flatten(),
                    _ => None,
                }
            };
            let value = value_of(now, now_month, &tools_now);
            Figure {
                id: d.id.to_string(),
                label: d.label.to_string(),
                unit: d.unit,
                better: d.better,
                value,
                previous: value_of(before, before_month, &tools_before),
                definition: d.formula.to_string(),
                sources: d.sources.to_string(),
                needs: value.is_none().then(|| {
                    plan.problem
                        .clone()
                        .unwrap_or_else(|| format!("needs {}", d.needs))
                }),
            }
        })
        .collect();

    let weekly_points = weekly
        .iter()
        .filter(|_| users_export)
        .map(|(week, t)| WeekPoint {
            week: *week,
            seats: t.seats,
            activated_users: t.activated,
            weekly_active_users: t.weekly_active,
            messages: t.messages,
            advanced_model_share: t.advanced_model_share(),
        })
        .collect();
    let departments = match headline {
        Some(week) => departments::table(facts, people, &ctx.person_weeks(week), settings),
        None => departments::empty(settings),
    };
    let mut report = Report {
        version: REPORT_VERSION,
        key_fingerprint: key_fingerprint.to_string(),
        settings: settings.clone(),
        week_start: plan.week_start,
        week_start_reason: plan.week_start_reason.clone(),
        headline_week: headline,
        comparison_week: comparison,
        problem: plan.problem.clone(),
        figures,
        weekly: weekly_points,
        departments,
        cross_tool: tools_now.map(|t| t.cross_tool).unwrap_or_default(),
        sources: Vec::new(),
        filters: Default::default(),
        trend: ctx.trend.clone(),
        activity: activity_series::build(&ctx),
        funnel: funnel::build(&ctx),
        tokens: tokens::build(&ctx),
        depth: depth::build(&ctx),
        prompts: prompts::build(&ctx),
        models: models::build(&ctx),
        department_usage: department_usage::build(&ctx),
        licences: licences::build(&ctx),
        concentration: concentration::build(&ctx),
        codex: codex::build(&ctx),
        copilot: copilot::build(&ctx),
        overlap: overlap::build(&ctx),
        credits: credits::build(&ctx),
        timing: timing::build(&ctx),
        history: history::build(&ctx),
        people_table: people_table::build(&ctx),
        my_usage: Default::default(),
        claude_code: claude_code::build(&ctx),
        cursor: cursor::build(&ctx),
        m365_copilot: m365_copilot::build(&ctx),
        gemini: gemini::build(&ctx),
    };
    fill_headline_from_sections(&mut report);
    report
}

/// A headline figure the adoption rows cannot compute (sessions, prompt length, tokens, power
/// users…) takes its value from the view section that defines it under the same id.
fn fill_headline_from_sections(report: &mut Report) {
    let sections: Vec<Figure> = [
        &report.tokens.figures,
        &report.depth.figures,
        &report.prompts.figures,
        &report.models.figures,
        &report.licences.figures,
        &report.concentration.figures,
        &report.codex.figures,
        &report.copilot.figures,
        &report.credits.figures,
    ]
    .into_iter()
    .flatten()
    .cloned()
    .collect();
    // The licence figures cover every tool with seats in the Licences section (the adoption
    // rows only know ChatGPT's): the section's value wins whenever it has one.
    const SECTION_WINS: [&str; 3] = ["monthly_seat_cost", "unused_seats", "cost_per_active_user"];
    for figure in report
        .figures
        .iter_mut()
        .filter(|f| f.value.is_none() || SECTION_WINS.contains(&f.id.as_str()))
    {
        if let Some(section) = sections
            .iter()
            .find(|s| s.id == figure.id && s.value.is_some())
        {
            *figure = section.clone();
        }
    }
}
