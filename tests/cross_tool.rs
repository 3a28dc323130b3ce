//! Several tools at once: a ChatGPT Users CSV, compliance logs, Codex usage, Copilot usage and
//! seats, and an HRIS that links each person's email to their GitHub login
//! (tests/fixtures/multi/). Headline week: Sunday 2025-04-20 … Saturday 2025-04-26.
//!
//! | person     | ChatGPT                         | Codex                      | Copilot                          |
//! |------------|---------------------------------|----------------------------|----------------------------------|
//! | ada        | 10 messages (CSV) + 1 event     | —                          | ada-gh: 5 prompts 04-21, seat    |
//! | bo         | idle                            | 4 turns 04-22 (API)        | —                                |
//! | cy         | 5 messages + 1 event            | —                          | —                                |
//! | dee        | idle                            | CODEX_LOG prompt 04-23     | Dee-GH seat, last active 03-01   |
//! | eve        | —                               | —                          | EVE-GH: 2 prompts 04-24          |
//! | fay        | 3 messages                      | —                          | —                                |
//! | contractor | —                               | —                          | contractor-gh (not in HRIS) 04-22|
//!
//! Active in the week: ChatGPT {ada, cy, fay} = 3; Codex {bo, dee} = 2; Copilot {ada, eve,
//! contractor} = 3 (dee's seat was last used in March). Any tool: ada, bo, cy, dee, eve, fay,
//! contractor = 7; on two tools: ada only = 1 (the other 6 on one tool).

mod common;

use common::value;
use uptake::engine::facts::Tool;
use uptake::engine::settings::Settings;

const WITH_HRIS: [&str; 6] = [
    "multi/users.csv",
    "multi/compliance.jsonl",
    "multi/codex.json",
    "multi/copilot.ndjson",
    "multi/seats.json",
    "multi/hris.csv",
];

#[test]
fn every_file_is_recognised() {
    let report = common::report(&WITH_HRIS, &Settings::default());
    let formats: Vec<(&str, &str)> = report
        .sources
        .iter()
        .map(|s| (s.file_name.as_str(), s.format_id()))
        .collect();
    assert_eq!(
        formats,
        vec![
            ("multi/users.csv", "chatgpt.users_csv"),
            ("multi/compliance.jsonl", "chatgpt.compliance_logs_jsonl"),
            ("multi/codex.json", "codex.usage_json"),
            ("multi/copilot.ndjson", "copilot.usage_ndjson"),
            ("multi/seats.json", "copilot.seats_json"),
            ("multi/hris.csv", "hris"),
        ]
    );
    for source in &report.sources {
        assert_eq!(
            source.diagnostics.rows_skipped, 0,
            "{}: {:?}",
            source.file_name, source.diagnostics.skipped
        );
    }
}

#[test]
fn people_across_tools_are_counted_once_through_the_hris() {
    let report = common::report(&WITH_HRIS, &Settings::default());
    assert_eq!(
        report.headline_week.map(|w| w.first.to_string()).as_deref(),
        Some("2025-04-20")
    );
    assert_eq!(value(&report, "ai_active_users_any_tool"), Some(7.0));
    assert_eq!(value(&report, "multi_tool_users"), Some(1.0));
    assert_eq!(value(&report, "weekly_active_users"), Some(3.0));
    assert_eq!(value(&report, "codex_weekly_active_users"), Some(2.0));
    assert_eq!(value(&report, "copilot_weekly_active_users"), Some(3.0));
    let split: Vec<(Tool, u32)> = report
        .cross_tool
        .tools
        .iter()
        .map(|t| (t.tool, t.active_people))
        .collect();
    assert_eq!(
        split,
        vec![(Tool::Chatgpt, 3), (Tool::Codex, 2), (Tool::Copilot, 3)]
    );
    assert_eq!(
        (
            report.cross_tool.one_tool,
            report.cross_tool.two_tools,
            report.cross_tool.three_or_more
        ),
        (6, 1, 0)
    );
    // Codex credits: bo's 1.5 (the CODEX_LOG event carries none) over 2 Codex-active people.
    assert_eq!(value(&report, "codex_credits_per_active_user"), Some(0.75));
    // Copilot acceptances / suggestions: (4 + 3 + 1) / (10 + 6 + 4) = 8 / 20.
    assert_eq!(value(&report, "copilot_acceptance_rate"), Some(0.4));
}

#[test]
fn without_the_hris_a_github_login_is_a_different_person() {
    let without: Vec<&str> = WITH_HRIS
        .iter()
        .copied()
        .filter(|f| !f.ends_with("hris.csv"))
        .collect();
    let report = common::report(&without, &Settings::default());
    // ada@example.com and ada-gh are two people now: 8 active, none on two tools.
    assert_eq!(value(&report, "ai_active_users_any_tool"), Some(8.0));
    assert_eq!(value(&report, "multi_tool_users"), Some(0.0));
}
