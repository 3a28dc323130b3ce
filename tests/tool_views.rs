//! The per-tool views (Claude Code, Cursor, Microsoft 365 Copilot, Gemini), every figure worked
//! out by hand from `tests/fixtures/tool_views/` (one week, Mon 2025-02-03 … Sun 02-09):
//!
//! | person | dept        | Claude Code          | Cursor daily / events       | M365 last (apps)            | Gemini audit / report |
//! |--------|-------------|----------------------|-----------------------------|-----------------------------|-----------------------|
//! | ann    | Engineering | 02-03 vscode + iTerm | 02-03 / 3 events            | 02-07 (Teams 02-07, Word 02-04) | 02-03 ×2, 02-05 / 12 |
//! | ben    | Engineering | 02-09 vscode         | 02-09                       | 02-05 (Outlook, Chat 02-05) | 02-09 sheets          |
//! | cat    | Engineering |                      | — / 1 event                 | 01-20 (Word 01-20)          | — / 3                 |
//! | dan    | Sales       | 02-03 vscode         | 02-03                       | 02-08 (Excel 02-08, Teams 02-03) | 02-03, 02-09     |
//! | eve    | Sales       | 02-09 vscode         | 02-09                       | never                       | 02-09 (+1 inactive) / 0 |
//!
//! The minimum group size is 2 here (so two departments of two can show); the default 5 hides
//! every department.

mod common;

use common::{dataset, key};
use uptake::engine::metrics::build_report_for;
use uptake::engine::metrics::tool_view::{TableRow, ToolView};
use uptake::engine::query::Query;
use uptake::engine::settings::Settings;
use uptake::engine::Report;

const ALL: &[&str] = &[
    "tool_views/hris.csv",
    "tool_views/claude_code.json",
    "tool_views/cursor_daily.json",
    "tool_views/cursor_events.csv",
    "tool_views/m365.csv",
    "tool_views/gemini_audit.json",
    "tool_views/gemini_usage.csv",
];

fn settings() -> Settings {
    Settings {
        min_group_size: 2,
        ..Settings::default()
    }
}

fn report_of(files: &[&str], department: Option<&str>) -> Report {
    let query = Query {
        department: department.map(str::to_string),
        ..Query::default()
    };
    build_report_for(&dataset(files), &settings(), &query, &key().fingerprint())
}

fn figures(view: &ToolView) -> Vec<(String, Option<f64>)> {
    view.figures
        .iter()
        .map(|f| (f.id.clone(), f.value.map(round)))
        .collect()
}

/// Six decimals, so 15 / 23 compares exactly with its written value.
fn round(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

fn expect(pairs: &[(&str, f64)]) -> Vec<(String, Option<f64>)> {
    pairs
        .iter()
        .map(|(id, v)| (id.to_string(), Some(round(*v))))
        .collect()
}

fn rows(view: &ToolView, table: &str) -> Vec<(String, Vec<Option<f64>>)> {
    view.table(table)
        .unwrap_or_else(|| panic!("no table {table}"))
        .rows
        .iter()
        .map(|r: &TableRow| {
            (
                r.label.clone(),
                r.values.iter().map(|v| v.map(round)).collect(),
            )
        })
        .collect()
}

fn row(label: &str, values: &[f64]) -> (String, Vec<Option<f64>>) {
    (
        label.to_string(),
        values.iter().map(|v| Some(round(*v))).collect(),
    )
}

#[test]
fn claude_code_view_from_the_admin_api_usage() {
    let report = report_of(ALL, None);
    let week = report.headline_week.expect("a headline week");
    assert_eq!(
        (week.first.to_string(), week.last.to_string()),
        ("2025-02-03".to_string(), "2025-02-09".to_string())
    );
    let v = &report.claude_code;
    assert_eq!(v.needs, None);
    assert_eq!(
        figures(v),
        expect(&[
            // ann, ben, dan, eve.
            ("claude_code_weekly_active_users", 4.0),
            // 2 + 1 (ann's two terminals) + 3 + 1 + 1.
            ("claude_code_sessions", 8.0),
            // 100 + 50 + 30 + 0 + 10; removed 20 + 5 + 10 + 0 + 0.
            ("claude_code_lines_added", 190.0),
            ("claude_code_lines_removed", 35.0),
            // 1 + 0 + 2 + 0 + 0; pull requests 0 + 1 + 1 + 0 + 0.
            ("claude_code_commits", 3.0),
            ("claude_code_pull_requests", 2.0),
            // accepted 8 + 2 + 5 + 0 + 0 = 15; decided 10 + 2 + 10 + 0 + 1 = 23.
            ("claude_code_edit_accept_rate", 15.0 / 23.0),
            // (150 + 300 + 250 + 50 + 50) cents = $8.00.
            ("claude_code_cost_usd", 8.0),
            // input (1000 + 200 + 100) + 500 + 2000 + 300 + 100 = 4200; output 500 + 200 +
            // 800 + 100 + 100 = 1700; 4200 + 1700.
            ("claude_code_tokens", 5900.0),
        ])
    );
    // Sonnet: ann, ben, dan, eve; input 1300 + 2000 + 300 + 100, output 500 + 800 + 100 +
    // 100, $1.50 + 2.50 + 0.50 + 0.50. Opus: ann's iTerm record.
    assert_eq!(
        rows(v, "claude-code-by-model"),
        vec![
            row("claude-sonnet-4-5", &[4.0, 3700.0, 1500.0, 5.0]),
            row("claude-opus-4-1", &[1.0, 500.0, 200.0, 3.0]),
        ]
    );
    // vscode: everyone; sessions 2 + 3 + 1 + 1, lines 100 + 30 + 0 + 10, $5.
    assert_eq!(
        rows(v, "claude-code-by-terminal"),
        vec![
            row("vscode", &[4.0, 7.0, 140.0, 5.0]),
            row("iTerm.app", &[1.0, 1.0, 50.0, 3.0]),
        ]
    );
    // Engineering ann + ben: sessions 3 + 3, lines 150 + 30, $4.50 + $2.50 = $7, $3.50 each.
    // Sales dan + eve: 1 + 1, 0 + 10, $0.50 + $0.50 = $1, $0.50 each.
    assert_eq!(
        rows(v, "claude-code-by-department"),
        vec![
            row("Engineering", &[2.0, 6.0, 180.0, 7.0, 3.5]),
            row("Sales", &[2.0, 2.0, 10.0, 1.0, 0.5]),
        ]
    );
    // 15 / 23 = 65 % < 70 %: the accept-rate action.
    assert!(v
        .action
        .as_deref()
        .is_some_and(|a| a.starts_with("Only 65 % of Claude Code's proposed edits")));
    // The weekly trend ends with the headline week: 4 people, 8 sessions.
    let last = |i: usize| v.trend.series[i].values.last().copied().flatten();
    assert_eq!((last(0), last(1)), (Some(4.0), Some(8.0)));
}

#[test]
fn cursor_view_from_daily_usage_and_usage_events() {
    let report = report_of(ALL, None);
    let v = &report.cursor;
    assert_eq!(v.needs, None);
    assert_eq!(
        figures(v),
        expect(&[
            // Daily: ann, ben, dan, eve; events add cat.
            ("cursor_weekly_active_users", 5.0),
            // 10 + 5 + 5 + 0 shown; 4 + 1 + 0 + 0 accepted; 5 / 20.
            ("cursor_tabs_shown", 20.0),
            ("cursor_tabs_accepted", 5.0),
            ("cursor_tab_acceptance_rate", 0.25),
            // 20 + 5 + 0 + 10.
            ("cursor_accepted_lines", 35.0),
            // ann 2 + 3, ben 1 + 2, dan 1, eve 4.
            ("cursor_requests", 13.0),
            // $0.40 + $0.25 (the included rows cost nothing).
            ("cursor_spend_usd", 0.65),
        ])
    );
    // Agent: ann 3 + ben 1; Chat: ann 2 + dan 1; Cmd+K: ben 2; Composer: eve 4.
    assert_eq!(
        rows(v, "cursor-by-kind"),
        vec![
            row("Agent", &[2.0, 4.0]),
            row("Chat", &[2.0, 3.0]),
            row("Cmd+K", &[1.0, 2.0]),
            row("Composer", &[1.0, 4.0]),
        ]
    );
    // claude-4-sonnet: ann's two requests, $0.40; gpt-5: cat's and ann's, $0.25.
    assert_eq!(
        rows(v, "cursor-by-model"),
        vec![
            row("claude-4-sonnet", &[1.0, 2.0, 0.4]),
            row("gpt-5", &[2.0, 2.0, 0.25]),
        ]
    );
    // Engineering (daily) ann + ben: requests 5 + 3, shown 10 + 5, accepted 4 + 1, 8 / 2.
    // Sales dan + eve: 1 + 4, 5 + 0, 0 + 0, 5 / 2.
    assert_eq!(
        rows(v, "cursor-by-department"),
        vec![
            row("Engineering", &[2.0, 8.0, 15.0, 5.0, 4.0]),
            row("Sales", &[2.0, 5.0, 5.0, 0.0, 2.5]),
        ]
    );
    // 25 % is not below 25 %; spend > 0: the spend action.
    assert!(v.action.as_deref().is_some_and(
        |a| a.starts_with("Cursor usage-based requests cost $0.65 this week (5 active people)")
    ));
}

#[test]
fn m365_copilot_view_from_last_activity_dates_per_app() {
    let report = report_of(ALL, None);
    let v = &report.m365_copilot;
    assert_eq!(v.needs, None);
    assert_eq!(
        figures(v),
        expect(&[
            ("m365_copilot_licensed_users", 5.0),
            // Last activity in 02-03 … 02-09: ann 02-07, ben 02-05, dan 02-08 (cat 01-20 and
            // eve never are not).
            ("m365_copilot_active_users", 3.0),
            ("m365_copilot_active_rate", 3.0 / 5.0),
            // eve.
            ("m365_copilot_never_used", 1.0),
            // ann Teams + Word, ben Outlook + Copilot Chat, dan Excel + Teams: 6 / 3.
            ("m365_copilot_apps_per_active_user", 2.0),
        ])
    );
    // Teams: ann, dan; the others one each (cat's Word 01-20 is before the week); shares of 5.
    assert_eq!(
        rows(v, "m365-copilot-by-app"),
        vec![
            row("Teams", &[2.0, 0.4]),
            row("Copilot Chat", &[1.0, 0.2]),
            row("Excel", &[1.0, 0.2]),
            row("Outlook", &[1.0, 0.2]),
            row("Word", &[1.0, 0.2]),
        ]
    );
    // Engineering: ann, ben, cat licensed, ann and ben active; Sales: dan, eve, dan active.
    assert_eq!(
        rows(v, "m365-copilot-by-department"),
        vec![
            row("Engineering", &[3.0, 2.0, 2.0 / 3.0]),
            row("Sales", &[2.0, 1.0, 0.5]),
        ]
    );
    // One snapshot (02-10): the 7 days before it are the headline week.
    assert_eq!(
        rows(v, "m365-copilot-snapshots"),
        vec![row("2025-02-03 – 2025-02-09", &[5.0, 3.0, 0.6])]
    );
    assert!(v
        .action
        .as_deref()
        .is_some_and(|a| a.starts_with("1 of 5 Microsoft 365 Copilot licences were never used")));
}

#[test]
fn gemini_view_from_audit_activities_and_the_usage_report() {
    let report = report_of(ALL, None);
    let v = &report.gemini;
    assert_eq!(v.needs, None);
    assert_eq!(
        figures(v),
        expect(&[
            // Audit: ann, ben, dan, eve; the usage report's period is the week itself, and
            // adds cat (ann already counted; eve's row has no use).
            ("gemini_active_users", 5.0),
            // ann 02-03 + 02-05, ben 02-09, dan 02-03 + 02-09, eve 02-09: 2 + 1 + 2 + 1.
            ("gemini_active_days", 6.0),
            // 6 / 4 audit-active people.
            ("gemini_active_days_per_user", 1.5),
            // ann 2 + 1, ben 1, dan 1 + 1, eve 1 (her inactive event is not use).
            ("gemini_events", 7.0),
            // Usage report: ann (12) and cat (3); eve 0.
            ("gemini_report_active_users", 2.0),
            // Its Active days: ann 5, cat 1 (eve 0 is not active): (5 + 1) / 2.
            ("gemini_report_active_days_per_user", 3.0),
        ])
    );
    // Gmail: ann (2 events), dan, eve; Docs ann; Meet dan; Sheets ben.
    assert_eq!(
        rows(v, "gemini-by-app"),
        vec![
            row("Gmail", &[3.0, 4.0]),
            row("Docs", &[1.0, 1.0]),
            row("Meet", &[1.0, 1.0]),
            row("Sheets", &[1.0, 1.0]),
        ]
    );
    // Engineering ann + ben: days 2 + 1, events 3 + 1; Sales dan + eve: 2 + 1, 2 + 1.
    assert_eq!(
        rows(v, "gemini-by-department"),
        vec![
            row("Engineering", &[2.0, 3.0, 4.0, 1.5]),
            row("Sales", &[2.0, 3.0, 3.0, 1.5]),
        ]
    );
    // The usage report's own Gmail column (02-03 … 02-09): ann 12, cat 3 (eve 0 is no use).
    assert_eq!(
        rows(v, "gemini-report-by-app"),
        vec![row("Gmail", &[2.0, 15.0])]
    );
    // Active days over the report's 7 days (02-03 … 02-09): eve 0, cat 1, ann 5; each a
    // third of the 3 people listed.
    let third = 1.0 / 3.0;
    assert_eq!(
        rows(v, "gemini-report-active-days"),
        vec![
            row("No active day", &[1.0, third]),
            row("1 day", &[1.0, third]),
            row("2–5 days", &[1.0, third]),
            row("6–10 days", &[0.0, 0.0]),
            row("11 days or more", &[0.0, 0.0]),
        ]
    );
    assert_eq!(
        v.table("gemini-report-active-days").map(|t| t.note.as_str()),
        Some("People in the report by the days they used Gemini in its window (2025-02-03 to 2025-02-09, 7 days), from its Active days column; the share is of the 3 people it lists.")
    );
    assert!(v
        .action
        .as_deref()
        .is_some_and(|a| a.starts_with("Gmail is where most people use Gemini (3 people")));
}

#[test]
fn a_department_filter_narrows_every_view() {
    let report = report_of(ALL, Some("Engineering"));
    assert_eq!(report.filters.refused, None);
    // Claude Code, ann + ben: sessions 3 + 3, lines 150 + 30 / 25 + 10, commits 1 + 2, PRs
    // 1 + 1, accepted 10 + 5 of 12 + 10, $4.50 + $2.50, tokens (1300 + 500 + 2000) + (500 +
    // 200 + 800).
    assert_eq!(
        figures(&report.claude_code),
        expect(&[
            ("claude_code_weekly_active_users", 2.0),
            ("claude_code_sessions", 6.0),
            ("claude_code_lines_added", 180.0),
            ("claude_code_lines_removed", 35.0),
            ("claude_code_commits", 3.0),
            ("claude_code_pull_requests", 2.0),
            ("claude_code_edit_accept_rate", 15.0 / 22.0),
            ("claude_code_cost_usd", 7.0),
            ("claude_code_tokens", 5300.0),
        ])
    );
    // Cursor, ann + ben (+ cat's event): tabs 15 / 5, lines 25, requests 8, spend $0.65.
    assert_eq!(
        figures(&report.cursor),
        expect(&[
            ("cursor_weekly_active_users", 3.0),
            ("cursor_tabs_shown", 15.0),
            ("cursor_tabs_accepted", 5.0),
            ("cursor_tab_acceptance_rate", 5.0 / 15.0),
            ("cursor_accepted_lines", 25.0),
            ("cursor_requests", 8.0),
            ("cursor_spend_usd", 0.65),
        ])
    );
    // M365: ann, ben, cat licensed; ann and ben active with two apps each.
    assert_eq!(
        figures(&report.m365_copilot),
        expect(&[
            ("m365_copilot_licensed_users", 3.0),
            ("m365_copilot_active_users", 2.0),
            ("m365_copilot_active_rate", 2.0 / 3.0),
            ("m365_copilot_never_used", 0.0),
            ("m365_copilot_apps_per_active_user", 2.0),
        ])
    );
    // Gemini: audit ann + ben, report adds cat; days 2 + 1, events 3 + 1; report ann, cat.
    assert_eq!(
        figures(&report.gemini),
        expect(&[
            ("gemini_active_users", 3.0),
            ("gemini_active_days", 3.0),
            ("gemini_active_days_per_user", 1.5),
            ("gemini_events", 4.0),
            ("gemini_report_active_users", 2.0),
            // ann 5 and cat 1 active days: (5 + 1) / 2.
            ("gemini_report_active_days_per_user", 3.0),
        ])
    );
    // Eve (Sales, no active day) is filtered out: cat 1 day, ann 5, each half of 2 people.
    assert_eq!(
        rows(&report.gemini, "gemini-report-active-days"),
        vec![
            row("No active day", &[0.0, 0.0]),
            row("1 day", &[1.0, 0.5]),
            row("2–5 days", &[1.0, 0.5]),
            row("6–10 days", &[0.0, 0.0]),
            row("11 days or more", &[0.0, 0.0]),
        ]
    );
    assert_eq!(
        rows(&report.gemini, "gemini-by-app"),
        vec![
            row("Docs", &[1.0, 1.0]),
            row("Gmail", &[1.0, 2.0]),
            row("Sheets", &[1.0, 1.0]),
        ]
    );
}

#[test]
fn the_default_group_size_hides_departments_of_two_and_three() {
    let report = build_report_for(
        &dataset(ALL),
        &Settings::default(),
        &Query::default(),
        &key().fingerprint(),
    );
    for (view, table) in [
        (&report.claude_code, "claude-code-by-department"),
        (&report.cursor, "cursor-by-department"),
        (&report.m365_copilot, "m365-copilot-by-department"),
        (&report.gemini, "gemini-by-department"),
    ] {
        let t = view.table(table).expect("department table");
        assert!(!t.rows.is_empty());
        assert!(
            t.rows
                .iter()
                .all(|r| r.suppressed && r.values.iter().all(Option::is_none)),
            "{table}"
        );
    }
}

#[test]
fn a_view_whose_tool_is_absent_says_what_would_fill_it() {
    let report = report_of(
        &["tool_views/hris.csv", "tool_views/claude_code.json"],
        None,
    );
    assert_eq!(report.claude_code.needs, None);
    for (view, export) in [
        (&report.cursor, "cursor.daily_usage_json"),
        (&report.m365_copilot, "m365.copilot_usage_csv"),
        (&report.gemini, "gemini.audit_json"),
    ] {
        let needs = view.needs.as_deref().expect("needs");
        assert!(
            needs.starts_with("needs ") && needs.contains(export),
            "{needs}"
        );
        assert!(view.figures.is_empty() && view.tables.is_empty());
    }
    let report = report_of(&["tool_views/hris.csv", "tool_views/m365.csv"], None);
    let needs = report.claude_code.needs.as_deref().expect("needs");
    assert!(needs.contains("claude.code_usage_json"), "{needs}");
    assert!(report.claude_code.figures.is_empty());
}

#[test]
fn two_m365_snapshots_give_a_history() {
    let mut files = ALL.to_vec();
    files.push("tool_views/m365_earlier.csv");
    let report = report_of(&files, None);
    let v = &report.m365_copilot;
    // The headline figures still come from the latest snapshot (02-10): the earlier one's
    // last-activity days (01-30, 01-10) are all before the headline week.
    assert_eq!(v.figure("m365_copilot_licensed_users"), Some(5.0));
    assert_eq!(v.figure("m365_copilot_active_users"), Some(3.0));
    // 02-03 snapshot: ann, ben, cat listed; in the 7 days before it (01-27 … 02-02) only
    // ann's 01-30: 1 / 3. Then the 02-10 snapshot as before.
    assert_eq!(
        rows(v, "m365-copilot-snapshots"),
        vec![
            row("2025-01-27 – 2025-02-02", &[3.0, 1.0, 1.0 / 3.0]),
            row("2025-02-03 – 2025-02-09", &[5.0, 3.0, 0.6]),
        ]
    );
    let series: Vec<Vec<Option<f64>>> = v.trend.series.iter().map(|s| s.values.clone()).collect();
    assert_eq!(
        series,
        vec![vec![Some(3.0), Some(5.0)], vec![Some(1.0), Some(3.0)]]
    );
}

#[test]
fn timing_gives_the_hours_of_cursor_requests_and_gemini_actions() {
    let report = report_of(ALL, None);
    let t = &report.timing;
    // 28 days ending with the headline week: 2025-01-13 … 02-09 (every event is inside).
    let by_tool: Vec<_> = t
        .by_tool
        .iter()
        .map(|r| {
            (
                r.label.as_str(),
                r.counts.as_str(),
                r.total,
                r.peak_weekday,
                r.peak_hour,
                r.weekend_share.map(round),
            )
        })
        .collect();
    assert_eq!(
        by_tool,
        vec![
            // Cursor usage events: Tue 02-04 10:00 and 11:00, Thu 02-06 09:00, Sat 02-08 09:00:
            // Tuesday has 2; 09:00 has 2; Saturday 1 of 4.
            ("Cursor", "requests", 4, Some(2), Some(9), Some(0.25)),
            // Gemini active audit events: Mon 09, 10, 11 (ann, ann, dan), Wed 09 (ann), Sun 09,
            // 11, 12 (ben, dan, eve; eve's inactive 13:00 is not use): Monday and Sunday tie
            // at 3, the first (Monday) is the peak; 09:00 has 3; Sunday 3 of 7.
            (
                "Gemini",
                "actions",
                7,
                Some(1),
                Some(9),
                Some(round(3.0 / 7.0))
            ),
        ]
    );
    assert_eq!(t.by_tool[1].hour_totals[9..13], [3, 1, 2, 1]);
    // Engineering only: Cursor ann and cat (all 4 requests); Gemini ann 3 + ben 1: Monday 09
    // and 10, Wednesday 09, Sunday 09: Monday peaks, 09:00 has 3, Sunday 1 of 4.
    let engineering = report_of(ALL, Some("Engineering"));
    let gemini = &engineering.timing.by_tool[1];
    assert_eq!(
        (
            gemini.total,
            gemini.peak_weekday,
            gemini.peak_hour,
            gemini.weekend_share
        ),
        (4, Some(1), Some(9), Some(0.25))
    );
}

#[test]
fn licences_count_the_people_a_gemini_usage_report_lists() {
    let report = report_of(ALL, None);
    let gemini = report
        .licences
        .tools
        .iter()
        .find(|t| t.label == "Gemini")
        .expect("a Gemini row");
    // The usage report lists ann, cat and eve: 3 seats × $20 (the default price). All three
    // used Gemini in the headline week (ann and eve in the audit, cat in the report's window,
    // which is that week): none unused.
    assert_eq!(
        (
            gemini.seats,
            gemini.weekly_active,
            gemini.unused,
            gemini.seat_price,
            gemini.monthly_cost
        ),
        (3, Some(3), 0, 20.0, 60.0)
    );
}
