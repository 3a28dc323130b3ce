//! Date range and department / team / tool filters, applied to every figure by narrowing the
//! facts, and refused when they would isolate fewer people than the minimum group size.
//!
//! tests/fixtures/chatgpt_users_weekly.csv (see overview_metrics.rs) with hris_workday.csv:
//!
//! | person | department  | team     | W4 04-20 (headline)   |
//! |--------|-------------|----------|-----------------------|
//! | ada    | Engineering | Platform | active, 40 messages   |
//! | bo     | Engineering | Platform | seat, idle            |
//! | cy     | Sales       | EMEA     | active, 8 messages    |
//! | dee    | Sales       | EMEA     | seat, never active    |
//! | eve    | Sales       | EMEA     | pending invite        |
//! | fay    | Engineering | Mobile   | active, 2 messages    |
//! | gus    | Finance     | —        | not in the Users CSV  |

mod common;

use common::{dataset, day, value};
use uptake::engine::facts::Tool;
use uptake::engine::metrics::build_report_for;
use uptake::engine::query::{Query, Range};
use uptake::engine::settings::Settings;

const FILES: [&str; 2] = ["chatgpt_users_weekly.csv", "hris_workday.csv"];

fn floor(n: u32) -> Settings {
    Settings {
        min_group_size: n,
        ..Settings::default()
    }
}

fn report(query: Query, settings: &Settings) -> uptake::engine::Report {
    build_report_for(&dataset(&FILES), settings, &query, "test")
}

#[test]
fn a_department_filter_recounts_every_figure_for_that_department() {
    let q = Query {
        department: Some("Engineering".into()),
        ..Query::default()
    };
    let r = report(q.clone(), &floor(3));
    assert_eq!(r.filters.refused, None);
    assert_eq!(r.filters.query, q);
    // Engineering seats in W4: ada, bo, fay = 3; active: ada, fay = 2.
    assert_eq!(value(&r, "seats"), Some(3.0));
    assert_eq!(value(&r, "weekly_active_users"), Some(2.0));
    // (40 + 2) messages / 2 active people = 21.
    assert_eq!(value(&r, "messages_per_active_user_week"), Some(21.0));
    // The model splits follow their rows into the narrowed facts: ada's {'gpt-4o': 30,
    // 'o3': 10} and fay's {'gpt-4o': 2}, so o3 (advanced) is 10 of 42 messages with a model
    // (cy's 8 gpt-4o messages are Sales').
    assert_eq!(value(&r, "advanced_model_share"), Some(10.0 / 42.0));
    // The options list every department; Finance (1 person) is too small to pick alone.
    let finance = r.filters.departments.iter().find(|d| d.name == "Finance");
    assert_eq!(finance.map(|d| d.selectable), Some(false));
    // The file list is never filtered.
    assert_eq!(r.sources.len(), 2);
}

#[test]
fn a_filter_isolating_fewer_people_than_the_floor_is_refused() {
    // Finance is gus alone: under a floor of 2, refused, and everyone is shown instead.
    let q = Query {
        department: Some("Finance".into()),
        ..Query::default()
    };
    let r = report(q, &floor(2));
    assert!(r
        .filters
        .refused
        .as_deref()
        .unwrap_or("")
        .contains("minimum group size of 2"));
    assert_eq!(value(&r, "seats"), Some(5.0));
    // Engineering has 3 people: refused under a floor of 5 too.
    let q = Query {
        department: Some("Engineering".into()),
        ..Query::default()
    };
    assert!(report(q, &floor(5)).filters.refused.is_some());
}

#[test]
fn a_team_filter_uses_the_hris_team() {
    // Platform: ada and bo. Seats 2, active 1 (ada, 40 messages).
    let q = Query {
        team: Some("Platform".into()),
        ..Query::default()
    };
    let r = report(q, &floor(2));
    assert_eq!(r.filters.refused, None);
    assert_eq!(value(&r, "seats"), Some(2.0));
    assert_eq!(value(&r, "weekly_active_users"), Some(1.0));
    assert_eq!(value(&r, "messages_per_active_user_week"), Some(40.0));
}

#[test]
fn a_date_range_keeps_the_weeks_inside_it() {
    // The data runs 2025-03-30 … 2025-04-26. The last 2 weeks are 04-13 … 04-26: W3 and W4.
    let r = report(
        Query {
            range: Range::LastWeeks(2),
            ..Query::default()
        },
        &Settings::default(),
    );
    assert_eq!(r.weekly.len(), 2);
    assert_eq!(r.headline_week.map(|w| w.first), Some(day("2025-04-20")));
    // Monthly figures need the 28 days before the headline: not inside the range.
    assert_eq!(value(&r, "monthly_active_users"), None);
    // An explicit range ending with W2 makes W2 the headline week (ada, cy active).
    let r = report(
        Query {
            range: Range::Between(day("2025-03-30"), day("2025-04-12")),
            ..Query::default()
        },
        &Settings::default(),
    );
    assert_eq!(r.headline_week.map(|w| w.first), Some(day("2025-04-06")));
    assert_eq!(value(&r, "weekly_active_users"), Some(2.0));
    assert_eq!(
        r.filters.applied_span.map(|s| (s.first, s.last)),
        Some((day("2025-03-30"), day("2025-04-12")))
    );
}

#[test]
fn a_tool_filter_keeps_only_that_tool() {
    // Only ChatGPT rows are loaded: filtering to Copilot leaves no week to report.
    let r = report(
        Query {
            tool: Some(Tool::Copilot),
            ..Query::default()
        },
        &Settings::default(),
    );
    assert_eq!(r.headline_week, None);
    assert_eq!(value(&r, "weekly_active_users"), None);
    let r = report(
        Query {
            tool: Some(Tool::Chatgpt),
            ..Query::default()
        },
        &Settings::default(),
    );
    assert_eq!(value(&r, "weekly_active_users"), Some(3.0));
}
