//! Microsoft 365 Copilot: licensed and active people, active people by app (Teams, Word,
//! Excel, PowerPoint, Outlook, OneNote, Loop, Copilot Chat…), by department (floor applied),
//! and the history of the snapshots loaded.
//!
//! The usage report has no counts, only each licensed person's last-activity day overall and
//! per app, as of its refresh date. Active in a window = a last-activity day inside it. A
//! later day hides an earlier use, so per-app counts of a window that ends before the refresh
//! are a lower bound (the snapshot taken just after the window is exact).

use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{Better, Definition, Unit};
use super::people::PersonId;
use super::tool_view::{
    columns, covers, department_table, number, percent, TableRow, ToolTable, ToolTrend, ToolView,
    TrendLine,
};
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::{Seat, Tool};
use crate::engine::report::Figure;
use std::collections::BTreeMap;

pub const NEEDS: &str = "needs m365.copilot_usage_csv: the Microsoft 365 Copilot usage user detail (Microsoft 365 admin center → Reports → Usage → Microsoft 365 Copilot → Copilot → export, or Graph getMicrosoft365CopilotUsageUserDetail)";

const fn def(
    id: &'static str,
    label: &'static str,
    unit: Unit,
    formula: &'static str,
    better: Better,
) -> Definition {
    Definition {
        id,
        label,
        unit,
        formula,
        sources: "m365.copilot_usage_csv: User Principal Name, Report Refresh Date, Last Activity Date, … Copilot Last Activity Date",
        needs: "m365.copilot_usage_csv",
        better,
    }
}

pub const DEFINITIONS: [Definition; 5] = [
    def("m365_copilot_licensed_users", "Licensed people", Unit::People,
        "People listed in the latest usage snapshot (the report lists licensed users only).",
        Better::Neither),
    def("m365_copilot_active_users", "Active people", Unit::People,
        "Distinct people whose last Copilot activity day (overall) falls in the headline week.",
        Better::Higher),
    def("m365_copilot_active_rate", "Active share of licences", Unit::Rate,
        "Active people in the headline week / licensed people of the latest snapshot.",
        Better::Higher),
    def("m365_copilot_never_used", "Licences never used", Unit::People,
        "Licensed people of the latest snapshot with no Copilot activity date at all.",
        Better::Lower),
    def("m365_copilot_apps_per_active_user", "Apps per active person", Unit::Number,
        "Σ over active people of the apps whose last-activity day falls in the headline week / active people.",
        Better::Higher),
];

fn m365_seats<'a>(ctx: &Ctx<'a>) -> impl Iterator<Item = &'a Seat> {
    ctx.facts
        .seats
        .iter()
        .filter(|s| s.tool == Some(Tool::M365Copilot) && s.identity.is_some())
}

fn person(ctx: &Ctx, seat: &Seat) -> usize {
    seat.identity.map_or(0, |i| ctx.people.person(i).0 as usize)
}

/// Per person: active in `window` (overall last-activity day inside it), and which apps.
fn activity(ctx: &Ctx, window: DaySpan) -> (Vec<bool>, BTreeMap<String, Vec<bool>>) {
    let n = ctx.people.count();
    let mut active = vec![false; n];
    let mut apps: BTreeMap<String, Vec<bool>> = BTreeMap::new();
    for seat in m365_seats(ctx) {
        let p = person(ctx, seat);
        if seat.last_activity.is_some_and(|d| window.contains(d)) {
            active[p] = true;
        }
        for (app, day) in &seat.apps {
            let used = apps
                .entry(ctx.facts.strings.resolve(*app).to_string())
                .or_insert_with(|| vec![false; n]);
            if window.contains(*day) {
                used[p] = true;
            }
        }
    }
    (active, apps)
}

/// Per person: licensed in the snapshot of `day`, and never used (no activity date).
fn licensed(ctx: &Ctx, day: Day) -> (Vec<bool>, Vec<bool>) {
    let n = ctx.people.count();
    let (mut held, mut never) = (vec![false; n], vec![false; n]);
    for seat in m365_seats(ctx).filter(|s| s.snapshot == Some(day)) {
        let p = person(ctx, seat);
        held[p] = true;
        never[p] = seat.last_activity.is_none();
    }
    (held, never)
}

fn count(v: &[bool]) -> u32 {
    v.iter().filter(|b| **b).count() as u32
}

fn snapshots(ctx: &Ctx) -> Vec<Day> {
    let mut days: Vec<Day> = m365_seats(ctx).filter_map(|s| s.snapshot).collect();
    days.sort_unstable();
    days.dedup();
    days
}

pub fn build(ctx: &Ctx) -> ToolView {
    let days = snapshots(ctx);
    let Some(&latest) = days.last() else {
        return ToolView::needing(ctx, NEEDS);
    };
    let mut view = ToolView {
        min_group_size: ctx.settings.floor(),
        ..ToolView::default()
    };
    let (held, never) = licensed(ctx, latest);
    let licensed_now = count(&held);
    let figures_of = |window: Option<DaySpan>| -> Option<[Option<f64>; 5]> {
        let window = window.filter(|w| covers(ctx, Tool::M365Copilot, *w))?;
        let (active, apps) = activity(ctx, window);
        let people = count(&active);
        let app_uses: u32 = apps.values().map(|v| count(v)).sum();
        Some([
            Some(f64::from(licensed_now)),
            Some(f64::from(people)),
            ratio(f64::from(people), f64::from(licensed_now)),
            Some(f64::from(count(&never))),
            ratio(f64::from(app_uses), f64::from(people)),
        ])
    };
    let (now, before) = (figures_of(ctx.headline), figures_of(ctx.comparison));
    let needs = Some(match ctx.headline {
        Some(_) => format!(
            "the latest snapshot (refreshed {latest}) does not reach the headline week: load the report refreshed just after it"
        ),
        None => ctx
            .plan
            .problem
            .clone()
            .unwrap_or_else(|| "needs a complete week of data".into()),
    });
    view.figures = DEFINITIONS
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let v = |f: Option<[Option<f64>; 5]>| f.and_then(|f| f[i]);
            // Licences are known from the latest snapshot alone (no earlier one to compare).
            let (value, previous) = match i {
                0 => (Some(f64::from(licensed_now)), None),
                3 => (Some(f64::from(count(&never))), None),
                _ => (v(now), v(before)),
            };
            Figure::of(d, value, previous, needs.clone())
        })
        .collect();

    // By app, in the headline week.
    if let Some(week) = ctx.headline.filter(|w| covers(ctx, Tool::M365Copilot, *w)) {
        let (active, apps) = activity(ctx, week);
        let mut rows: Vec<TableRow> = apps
            .into_iter()
            .map(|(app, used)| {
                let people = count(&used);
                TableRow {
                    label: app,
                    suppressed: false,
                    values: vec![
                        Some(f64::from(people)),
                        ratio(f64::from(people), f64::from(licensed_now)),
                    ],
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            b.values[0]
                .unwrap_or(0.0)
                .total_cmp(&a.values[0].unwrap_or(0.0))
                .then(a.label.cmp(&b.label))
        });
        view.tables.push(ToolTable {
            id: "m365-copilot-by-app".into(),
            title: "Active people by app".into(),
            note: "People whose last Copilot activity in the app falls in the headline week (a later use hides an earlier one, so this is a lower bound), and their share of licensed people. A person who used two apps is counted in both rows.".into(),
            dimension: "App".into(),
            columns: columns(&[("Active people", Unit::People), ("Share of licensed", Unit::Rate)]),
            rows,
        });

        // By department: licensed holders of the latest snapshot, and how many were active.
        let mut groups: BTreeMap<String, (u32, u32)> = BTreeMap::new();
        for (p, holds) in held.iter().enumerate() {
            if *holds {
                let g = groups
                    .entry(ctx.department(PersonId(p as u32)).to_string())
                    .or_default();
                g.0 += 1;
                g.1 += u32::from(active[p]);
            }
        }
        let mut groups: Vec<(String, (u32, u32))> = groups.into_iter().collect();
        groups.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
        let sizes: Vec<u32> = groups.iter().map(|g| g.1 .0).collect();
        let hidden = ctx.suppressed(&sizes);
        let rows = groups
            .into_iter()
            .zip(hidden)
            .map(|((label, (seats, act)), suppressed)| TableRow {
                label,
                suppressed,
                values: if suppressed {
                    vec![None; 3]
                } else {
                    vec![
                        Some(f64::from(seats)),
                        Some(f64::from(act)),
                        ratio(f64::from(act), f64::from(seats)),
                    ]
                },
            })
            .collect();
        view.tables.push(department_table(
            ctx,
            "m365-copilot-by-department",
            "Licensed people of the latest snapshot and how many were active in the headline week.",
            &[
                ("Licensed", Unit::People),
                ("Active", Unit::People),
                ("Active share", Unit::Rate),
            ],
            rows,
        ));
    }

    // History: one point per snapshot, active in the 7 days before its refresh date.
    let points: Vec<(DaySpan, u32, u32)> = days
        .iter()
        .map(|&day| {
            let window = DaySpan::new(day.plus(-7), day.plus(-1));
            let (held, _) = licensed(ctx, day);
            (window, count(&held), count(&activity(ctx, window).0))
        })
        .collect();
    view.tables.push(ToolTable {
        id: "m365-copilot-snapshots".into(),
        title: "Snapshots loaded".into(),
        note: "Each usage report is a snapshot on its refresh date: the people it lists, and those with a last activity in the 7 days before that date. Load one report a week to build the history.".into(),
        dimension: "Week before the refresh".into(),
        columns: columns(&[("Licensed", Unit::People), ("Active", Unit::People), ("Active share", Unit::Rate)]),
        rows: points
            .iter()
            .map(|(w, seats, act)| TableRow {
                label: format!("{} – {}", w.first, w.last),
                suppressed: false,
                values: vec![
                    Some(f64::from(*seats)),
                    Some(f64::from(*act)),
                    ratio(f64::from(*act), f64::from(*seats)),
                ],
            })
            .collect(),
    });
    view.trend = ToolTrend {
        title: "Licensed and active people, snapshot by snapshot".into(),
        definition: "Per usage report loaded: the licensed people it lists, and those whose last Copilot activity falls in the 7 days before its refresh date. Source: m365.copilot_usage_csv Report Refresh Date, Last Activity Date.".into(),
        unit: Unit::People,
        buckets: points.iter().map(|p| p.0).collect(),
        series: vec![
            TrendLine {
                name: "Licensed".into(),
                values: points.iter().map(|p| Some(f64::from(p.1))).collect(),
            },
            TrendLine {
                name: "Active".into(),
                values: points.iter().map(|p| Some(f64::from(p.2))).collect(),
            },
        ],
    };
    view.action = action(&view);
    view
}

/// One next step: licences never used, else the least used app among the big four.
fn action(view: &ToolView) -> Option<String> {
    let licensed = view.figure("m365_copilot_licensed_users")?;
    let never = view.figure("m365_copilot_never_used").unwrap_or(0.0);
    if never > 0.0 {
        return Some(format!(
            "{} of {} Microsoft 365 Copilot licences were never used: offer those people a 30-minute Copilot session, then reassign the licences still unused a month later.",
            number(never),
            number(licensed)
        ));
    }
    let rate = view.figure("m365_copilot_active_rate")?;
    Some(format!(
        "{} of licensed people used Microsoft 365 Copilot in the headline week: share one worked example from the app most of them use with the others.",
        percent(rate)
    ))
}
