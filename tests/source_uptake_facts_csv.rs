//! The Uptake facts CSV (README "Uptake facts CSV"): canonical rows for pre-aggregated logs,
//! and the documented DuckDB SQL's output for the compliance-log fixture giving the same
//! figures as the compliance logs themselves.

mod common;

use common::{day, read, report, value};
use uptake::engine::date::DaySpan;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Cadence, Tool};
use uptake::engine::identity::IdKind;
use uptake::engine::settings::Settings;

#[test]
fn rows_become_daily_and_period_facts() {
    let ingested = read("facts/facts.csv");
    assert_eq!(ingested.format, FormatId::UptakeFactsCsv);
    let d = &ingested.parsed.diagnostics;
    // 10 rows: 7 read; no person, tool "bard" skipped; ANA@ again on 11-23 counted once.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (7, 2, 1)
    );
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 9, column \"person\": no person: the row names nobody",
            "line 10, column \"tool\": expected a tool such as chatgpt, codex, copilot, m365_copilot, claude, cursor or gemini, found \"bard\"",
        ]
    );
    assert_eq!(
        d.notes,
        vec!["1 person-day was given only as model or surface rows: each total is the sum of its model rows and of its surface rows, whichever is larger, measure by measure."]
    );
    let facts = &ingested.parsed.facts;
    let totals: Vec<(Tool, &str, u64, u64, bool)> = facts
        .daily
        .iter()
        .filter(|r| r.breakdown.is_total())
        .map(|r| {
            (
                r.tool,
                if r.day == day("2026-11-23") {
                    "23"
                } else {
                    "later"
                },
                r.measures.interactions,
                r.measures.sessions,
                r.active,
            )
        })
        .collect();
    // Given totals in file order, then Ana's Claude day summed from its two rows.
    assert_eq!(
        totals,
        vec![
            (Tool::Chatgpt, "23", 12, 3, true),
            (Tool::Copilot, "later", 4, 0, true),
            (Tool::Cursor, "later", 6, 1, true),
            (Tool::Chatgpt, "later", 0, 0, false),
            (Tool::Claude, "later", 0, 2, true),
        ]
    );
    // Ana's Claude total, measure by measure the larger of the surface row (sessions 2,
    // suggestions 10, acceptances 8, lines 140, commits 1, $1.25) and the model row
    // (sessions 2, tokens 9000 / 4000 cached / 1200, $1.25).
    let claude = facts
        .daily
        .iter()
        .find(|r| r.tool == Tool::Claude && r.breakdown.is_total())
        .expect("total");
    let m = &claude.measures;
    assert_eq!(
        (m.suggestions, m.acceptances, m.lines_added, m.commits),
        (10, 8, 140, 1)
    );
    assert_eq!(
        (m.input_tokens, m.cached_input_tokens, m.output_tokens),
        (9000, 4000, 1200)
    );
    assert!(m.has_tokens && (m.cost_usd - 1.25).abs() < 1e-12);
    // Carl's Gemini row is a 28-day period (not a calendar month: it ends on the 28th).
    let period = &facts.periods[0];
    assert_eq!(
        (
            period.tool,
            period.cadence,
            period.messages,
            period.is_active
        ),
        (Tool::Gemini, Cadence::DateRange, 40, true)
    );
    assert_eq!(
        period.period,
        DaySpan::new(day("2026-11-01"), day("2026-11-28"))
    );
    // E1002 is an employee id; the rest are emails.
    let kinds: Vec<IdKind> = (0..facts.identities.len() as u32)
        .map(|i| facts.identities.kind(uptake::engine::facts::IdentityId(i)))
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == IdKind::EmployeeId).count(),
        1
    );
    assert_eq!(kinds.len(), 5);
}

#[test]
fn the_readme_sql_output_gives_the_compliance_logs_figures() {
    // tests/fixtures/facts/from_compliance_logs.csv is what `scripts/compliance_logs_to_facts.sql`
    // writes for usage/compliance_sessions.jsonl + usage/compliance_codex.jsonl (DuckDB;
    // tests/browser/facts_csv.test.mjs runs the SQL again and compares with this file). With the
    // same weekly Users CSV beside each, every headline figure is the same, except the three
    // that need each message (sessions per person, messages per session, prompt length).
    let settings = Settings::default();
    let users = "usage/users_models.csv";
    let logs = report(
        &[
            users,
            "usage/compliance_sessions.jsonl",
            "usage/compliance_codex.jsonl",
        ],
        &settings,
    );
    let facts = report(&[users, "facts/from_compliance_logs.csv"], &settings);
    assert!(logs.headline_week.is_some());
    assert_eq!(logs.headline_week, facts.headline_week);
    let message_level = [
        "sessions_per_active_user_week",
        "messages_per_session",
        "avg_prompt_chars",
    ];
    for (a, b) in logs.figures.iter().zip(&facts.figures) {
        assert_eq!(a.id, b.id);
        if message_level.contains(&a.id.as_str()) {
            assert!(a.value.is_some() && b.value.is_none(), "{}", a.id);
        } else {
            // `-0.0` and `0.0` (no credits) are the same figure.
            assert_eq!(
                a.value.map(|v| v + 0.0),
                b.value.map(|v| v + 0.0),
                "{}",
                a.id
            );
        }
    }
    assert_eq!(logs.cross_tool, facts.cross_tool);
    // In the facts file, ChatGPT: eng1-5, ops1-3, sales1-2 = 10 people; Codex: eng1 and ops2,
    // both also on ChatGPT, so 2 on two tools.
    assert_eq!(value(&facts, "multi_tool_users"), Some(2.0));
    assert_eq!(value(&facts, "codex_weekly_active_users"), Some(2.0));
}

#[test]
fn counts_near_the_largest_number_are_read_without_overflow() {
    // Found by fuzzing (uptake_facts_csv): 18446744073709551615 messages (u64::MAX) and 5
    // sessions once overflowed while deciding whether the day shows activity (a panic in
    // tests, a wrong "inactive" in the page). Its model and surface rows add up the same way.
    let csv = "person,tool,day,model,surface,messages,sessions\n\
               ann@example.com,chatgpt,2026-06-08,,,18446744073709551615,5\n\
               bo@example.com,chatgpt,2026-06-08,gpt-5,,18446744073709551615,1\n\
               bo@example.com,chatgpt,2026-06-08,o3,,18446744073709551615,1\n";
    let ingested = common::read_bytes(csv.as_bytes()).expect("read");
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 3);
    let daily = &ingested.parsed.facts.daily;
    assert!(daily.iter().all(|d| d.active));
    // bo's total is the sum of the model rows: u64::MAX, saturated.
    assert!(daily
        .iter()
        .any(|d| d.breakdown.model.is_none() && d.measures.sessions == 2));
    assert!(daily.iter().all(|d| d.measures.interactions == u64::MAX));
}

#[test]
fn the_readme_shows_the_sql_that_is_tested() {
    let readme = include_str!("../README.md");
    let sql = include_str!("../scripts/compliance_logs_to_facts.sql");
    assert!(
        readme.contains(sql.trim_end()),
        "README \"Uptake facts CSV\" must show scripts/compliance_logs_to_facts.sql verbatim"
    );
}
