//! Gemini for Workspace: active people, active person-days and use by app (Gmail, Docs,
//! Sheets, Slides, Drive, Meet, Gemini app…) from the audit activities, the usage report's
//! 28-day totals, by department (floor applied), and a trend of active people.
//!
//! The audit activities give person-day rows with one breakdown row per app (`app_name`);
//! the usage report gives one 28-day period per person (overall usage, active days, active or
//! not), kept at its own grain, with its per-app counts (`PeriodApp`) in a table of their own.
//! From the latest report: active days per active person over its window, and how many people
//! were active on 0, 1, 2–5, 6–10 and 11 or more of its days.

use super::activity::bit;
use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{Definition, Unit};
use super::tool_view::{
    columns, covers, department_rows, department_table, label_rows, number, TableRow, ToolTable,
    ToolTrend, ToolView, TrendLine,
};
use crate::engine::date::DaySpan;
use crate::engine::facts::Tool;
use crate::engine::report::Figure;
use std::collections::{BTreeMap, HashSet};

pub const NEEDS: &str = "needs gemini.audit_json (Google Admin SDK Reports API: activities of gemini_in_workspace_apps) or gemini.usage_csv (Admin console → Generative AI → Gemini usage reports → download, with a Report date column)";

use super::tool_view::higher_is_better as def;

pub const DEFINITIONS: [Definition; 6] = [
    def("gemini_active_users", "Gemini active people", Unit::People,
        "Distinct people active on Gemini in the headline week: an active audit event that week, or a usage-report period inside it with use.",
        "gemini.audit_json: actor.email, id.time, event_category; gemini.usage_csv: Overall usage, Active days",
        "gemini.audit_json"),
    def("gemini_active_days", "Active person-days", Unit::Number,
        "Σ over people of the days in the headline week with at least one active Gemini event.",
        "gemini.audit_json: actor.email, id.time", "gemini.audit_json"),
    def("gemini_active_days_per_user", "Active days per active person", Unit::Number,
        "Active person-days in the headline week / people with an active audit event that week.",
        "gemini.audit_json: actor.email, id.time", "gemini.audit_json"),
    def("gemini_events", "Gemini actions", Unit::Number,
        "Σ active Gemini audit events in the headline week, all apps.",
        "gemini.audit_json: events[] with event_category active", "gemini.audit_json"),
    def("gemini_report_active_users", "Active in the latest usage report", Unit::People,
        "People with use (Overall usage or Active days above zero) in the latest 28-day usage report window loaded.",
        "gemini.usage_csv: Email, Overall usage, Active days, Report date", "gemini.usage_csv"),
    def("gemini_report_active_days_per_user", "Active days per active person, latest usage report", Unit::Number,
        "Σ Active days / people with at least one active day, in the latest usage report's window (28 days): how many of its days an active person used Gemini. A person on two rows of the window counts once, with the larger count.",
        "gemini.usage_csv: Email, Active days, Report date", "gemini.usage_csv with its Active days column"),
];

/// The active-day buckets of the latest usage report: (label, fewest days, most days).
pub const ACTIVE_DAY_BUCKETS: [(&str, u32, u32); 5] = [
    ("No active day", 0, 0),
    ("1 day", 1, 1),
    ("2–5 days", 2, 5),
    ("6–10 days", 6, 10),
    ("11 days or more", 11, u32::MAX),
];

/// Audit person-day totals in `window`: per person (active days, events).
fn audit_days(ctx: &Ctx, window: DaySpan) -> Vec<Option<(u64, u64)>> {
    let mut out: Vec<Option<(u64, u64)>> = vec![None; ctx.people.count()];
    let mut seen = HashSet::new();
    for row in ctx.facts.daily.iter().filter(|r| {
        r.tool == Tool::Gemini && r.breakdown.is_total() && r.active && window.contains(r.day)
    }) {
        let p = ctx.people.person(row.identity).0 as usize;
        let slot = out[p].get_or_insert((0, 0));
        if seen.insert((p, row.day)) {
            slot.0 += 1;
        }
        slot.1 += row.measures.interactions;
    }
    out
}

/// What an `app_name` reads as on the page (`gmail` → Gmail); others keep their own words.
pub fn app_label(app: &str) -> String {
    match app.trim().to_ascii_lowercase().as_str() {
        "gmail" => "Gmail",
        "docs" => "Docs",
        "sheets" => "Sheets",
        "slides" => "Slides",
        "drive" => "Drive",
        "meet" => "Meet",
        "chat" => "Chat",
        "gemini_app" | "gemini" => "Gemini app",
        _ => return app.trim().to_string(),
    }
    .to_string()
}

struct Week {
    active: u32,
    audit: Option<(u32, u64, u64)>,
}

fn week(ctx: &Ctx, window: Option<DaySpan>, has_audit: bool) -> Option<Week> {
    let window = window.filter(|w| covers(ctx, Tool::Gemini, *w))?;
    let active = ctx
        .active_tools(window)
        .iter()
        .filter(|m| *m & bit(Tool::Gemini) != 0)
        .count() as u32;
    let audit = has_audit.then(|| {
        audit_days(ctx, window)
            .into_iter()
            .flatten()
            .fold((0, 0, 0), |t, (days, events)| {
                (t.0 + 1, t.1 + days, t.2 + events)
            })
    });
    Some(Week { active, audit })
}

pub fn build(ctx: &Ctx) -> ToolView {
    let facts = ctx.facts;
    let has_audit = facts.daily.iter().any(|r| r.tool == Tool::Gemini);
    let reports: Vec<_> = facts
        .periods
        .iter()
        .filter(|p| p.tool == Tool::Gemini)
        .collect();
    if !has_audit && reports.is_empty() {
        return ToolView::needing(ctx, NEEDS);
    }
    let mut view = ToolView {
        min_group_size: ctx.settings.floor(),
        ..ToolView::default()
    };
    let (now, before) = (
        week(ctx, ctx.headline, has_audit),
        week(ctx, ctx.comparison, has_audit),
    );
    // The latest usage report window and its active people.
    let latest = reports
        .iter()
        .map(|p| p.period)
        .max_by_key(|p| (p.last, p.first));
    let report_active = latest.map(|span| {
        let mut people = HashSet::new();
        for p in reports
            .iter()
            .filter(|p| p.period == span && p.has_activity())
        {
            people.insert(ctx.people.person(p.identity));
        }
        people.len() as f64
    });
    let value = |i: usize, w: &Option<Week>| -> Option<f64> {
        let w = w.as_ref()?;
        let a = w.audit;
        match i {
            0 => Some(f64::from(w.active)),
            1 => a.map(|a| a.1 as f64),
            2 => a.and_then(|a| ratio(a.1 as f64, f64::from(a.0))),
            3 => a.map(|a| a.2 as f64),
            _ => None,
        }
    };
    let no_week = || {
        ctx.plan
            .problem
            .clone()
            .unwrap_or_else(|| "needs a complete week of data covered by the Gemini files".into())
    };
    let report_days = latest.map(|span| report_active_days(ctx, &reports, span));
    let days_per_active = report_days.as_ref().and_then(|days| {
        let active: Vec<u32> = days.iter().copied().filter(|d| *d > 0).collect();
        ratio(
            active.iter().map(|d| f64::from(*d)).sum(),
            active.len() as f64,
        )
    });
    view.figures = DEFINITIONS
        .iter()
        .enumerate()
        .map(|(i, d)| match i {
            4 => Figure::of(d, report_active, None, None),
            5 => {
                let needs = days_per_active
                    .is_none()
                    .then(|| format!("needs {}", d.needs));
                Figure::of(d, days_per_active, None, needs)
            }
            _ => {
                let needs = if now.is_none() { Some(no_week()) } else { None };
                Figure::of(d, value(i, &now), value(i, &before), needs)
            }
        })
        .collect();

    if let Some(week) = ctx.headline.filter(|w| covers(ctx, Tool::Gemini, *w)) {
        // By app (audit breakdown rows).
        let mut apps: BTreeMap<String, (Vec<bool>, f64)> = BTreeMap::new();
        for row in facts.daily.iter().filter(|r| {
            r.tool == Tool::Gemini && week.contains(r.day) && r.breakdown.surface.is_some()
        }) {
            let Some(app) = row.breakdown.surface else {
                continue;
            };
            let entry = apps
                .entry(app_label(facts.strings.resolve(app)))
                .or_insert_with(|| (vec![false; ctx.people.count()], 0.0));
            entry.0[ctx.people.person(row.identity).0 as usize] = true;
            entry.1 += row.measures.interactions as f64;
        }
        if has_audit {
            let count = |seen: &[bool]| seen.iter().filter(|s| **s).count() as u32;
            view.tables.push(ToolTable {
                id: "gemini-by-app".into(),
                title: "Use by app".into(),
                note: "People with an active Gemini event in each app in the headline week, and the events. A person who used two apps is counted in both rows.".into(),
                dimension: "App".into(),
                columns: columns(&[("People", Unit::People), ("Actions", Unit::Number)]),
                rows: label_rows(
                    apps.into_iter()
                        .map(|(a, (seen, n))| (a, (count(&seen), vec![n])))
                        .collect(),
                ),
            });
            let per_person: Vec<Option<Vec<f64>>> = audit_days(ctx, week)
                .into_iter()
                .map(|d| d.map(|(days, events)| vec![days as f64, events as f64]))
                .collect();
            view.tables.push(department_table(
                ctx,
                "gemini-by-department",
                "People with an active Gemini event in the headline week and their totals.",
                &[
                    ("People", Unit::People),
                    ("Active days", Unit::Number),
                    ("Actions", Unit::Number),
                    ("Active days per person", Unit::Number),
                ],
                department_rows(ctx, &per_person, &[0]),
            ));
        }
    }

    // The latest usage report's own per-app counts (its 28-day window, not the week).
    if let Some(span) = latest {
        let mut apps: BTreeMap<String, (Vec<bool>, f64)> = BTreeMap::new();
        for row in facts
            .period_apps
            .iter()
            .filter(|r| r.tool == Tool::Gemini && r.period == span)
        {
            let entry = apps
                .entry(facts.strings.resolve(row.app).to_string())
                .or_insert_with(|| (vec![false; ctx.people.count()], 0.0));
            entry.0[ctx.people.person(row.identity).0 as usize] = true;
            entry.1 += f64::from(row.count);
        }
        let count = |seen: &[bool]| seen.iter().filter(|s| **s).count() as u32;
        view.tables.push(ToolTable {
            id: "gemini-report-by-app".into(),
            title: "Use by app, latest usage report".into(),
            note: format!(
                "People with use in each app and the report's counts, over its own window ({} to {}). A person who used two apps is counted in both rows.",
                span.first, span.last
            ),
            dimension: "App".into(),
            columns: columns(&[("People", Unit::People), ("Uses", Unit::Number)]),
            rows: label_rows(
                apps.into_iter()
                    .map(|(a, (seen, n))| (a, (count(&seen), vec![n])))
                    .collect(),
            ),
        });
        if let Some(days) = report_days.filter(|d| !d.is_empty()) {
            view.tables.push(active_days_table(span, &days));
        }
    }

    let buckets = ctx.trend();
    let points: Vec<Option<Week>> = buckets
        .iter()
        .map(|b| week(ctx, Some(*b), has_audit))
        .collect();
    view.trend = ToolTrend {
        title: "Active people".into(),
        definition: "Per bucket: distinct people active on Gemini (an active audit event, or a usage-report period inside the bucket with use), recounted in every bucket.".into(),
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

/// Per person in the latest usage report's window whose row gives `Active days`: their count
/// (the larger when one person has two rows of the window).
fn report_active_days(
    ctx: &Ctx,
    reports: &[&crate::engine::facts::PeriodActivity],
    span: DaySpan,
) -> Vec<u32> {
    let mut days: BTreeMap<u32, u32> = BTreeMap::new();
    for row in reports.iter().filter(|r| r.period == span) {
        if let Some(n) = row.active_days {
            let slot = days.entry(ctx.people.person(row.identity).0).or_default();
            *slot = (*slot).max(n);
        }
    }
    days.into_values().collect()
}

/// People of the latest report by how many of its days they used Gemini.
fn active_days_table(span: DaySpan, days: &[u32]) -> ToolTable {
    let people = days.len() as f64;
    ToolTable {
        id: "gemini-report-active-days".into(),
        title: "Active days, latest usage report".into(),
        note: format!(
            "People in the report by the days they used Gemini in its window ({} to {}, {} days), from its Active days column; the share is of the {} people it lists.",
            span.first,
            span.last,
            span.days(),
            days.len()
        ),
        dimension: "Days with use".into(),
        columns: columns(&[("People", Unit::People), ("Share", Unit::Rate)]),
        rows: ACTIVE_DAY_BUCKETS
            .iter()
            .map(|(label, low, high)| {
                let n = days.iter().filter(|d| (*low..=*high).contains(*d)).count() as f64;
                TableRow {
                    label: label.to_string(),
                    suppressed: false,
                    values: vec![Some(n), ratio(n, people)],
                }
            })
            .collect(),
    }
}

/// One next step: the app most use goes through, else load the audit activities.
fn action(view: &ToolView) -> Option<String> {
    let apps = view.table("gemini-by-app");
    if let Some(top) = apps.and_then(|t| t.rows.first()) {
        let people = top.values[0].unwrap_or(0.0);
        return Some(format!(
            "{} is where most people use Gemini ({} people this week): collect two prompts that work there and share them with the teams that have not started.",
            top.label,
            number(people)
        ));
    }
    view.figure("gemini_report_active_users").map(|n| {
        format!(
            "{} people used Gemini in the latest usage report: load the Reports API audit activities to see which apps they use, week by week.",
            number(n)
        )
    })
}
