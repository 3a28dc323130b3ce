//! The Copilot usage metrics user-report parser (FORMATS.md §3b): NDJSON, a JSON array and a
//! 28-day file, bad and repeated lines, and the download-links file that is not data.

mod common;

use common::{fixture, read, read_bytes};
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{DailyActivity, Facts, Measures, Tool};
use uptake::engine::identity::IdKind;

use common::day;

/// The person-day total rows (no breakdown).
fn totals(facts: &Facts) -> Vec<&DailyActivity> {
    facts
        .daily
        .iter()
        .filter(|r| r.breakdown.is_total())
        .collect()
}

fn label(facts: &Facts, sym: Option<uptake::engine::intern::Sym>) -> Option<&str> {
    sym.map(|s| facts.strings.resolve(s))
}

fn assert_no_logins(facts: &Facts, logins: &[&str]) {
    let debug = format!("{facts:?}").to_lowercase();
    for login in logins {
        assert!(!debug.contains(login), "{login} is in the facts");
    }
}

#[test]
fn three_users_over_two_days_with_breakdowns() {
    let ingested = read("copilot_usage_users.ndjson");
    assert_eq!(ingested.format, FormatId::CopilotUsageNdjson);
    let d = &ingested.parsed.diagnostics;
    // 5 lines: hubot 04-25, octocat 04-25 and 04-26, Mona-Lisa 04-25 and 04-26.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (5, 0, 0)
    );
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2026-04-25"), day("2026-04-26")))
    );
    // hubot's line (the FORMATS.md example) is from a 28-day report.
    assert_eq!(
        d.notes,
        vec!["The report is for 2026-04-01 to 2026-04-28, but its rows only cover 2026-04-25 to 2026-04-26: coverage is taken from the rows."]
    );
    let facts = &ingested.parsed.facts;
    // Rows per line, total + breakdown: hubot 1 + feature 1 + language×feature 1 +
    // model×feature 1 + cli 1 = 5; octocat 04-25 1 + ide 1 + feature 2 + language×feature 1 +
    // language×model 1 + model×feature 2 = 8; Mona 04-25 1; octocat 04-26 1 + ide 1 +
    // feature 1 = 3; Mona 04-26 1 + ide 1 + feature 1 + language×feature 1 = 4 → 21.
    assert_eq!(facts.daily.len(), 21);
    assert!(facts.daily.iter().all(|r| r.tool == Tool::Copilot));
    let totals = totals(facts);
    assert_eq!(totals.len(), 5);
    // The example line, read exactly.
    let hubot = totals[0];
    assert_eq!(hubot.day, day("2026-04-25"));
    let m = hubot.measures;
    assert_eq!((m.interactions, m.suggestions, m.acceptances), (24, 25, 24));
    assert_eq!(
        (m.lines_suggested, m.lines_added, m.lines_deleted),
        (0, 435, 29)
    );
    assert_eq!(
        (m.sessions, m.input_tokens, m.output_tokens, m.has_tokens),
        (2, 23_229_028, 121_157, true)
    );
    assert_eq!((m.credits, m.used), (2.5, Measures::USED_CLI));
    assert!(hubot.active);
    // Its cli row: interactions = prompt_count 24, sessions = session_count 2.
    let cli = facts
        .daily
        .iter()
        .find(|r| label(facts, r.breakdown.surface) == Some("cli"))
        .expect("cli row");
    assert_eq!(
        (
            cli.identity,
            cli.measures.interactions,
            cli.measures.sessions
        ),
        (hubot.identity, 24, 2)
    );
    // typescript × copilot_cli: 23 suggested, 23 accepted, 330 lines added.
    let typescript = facts
        .daily
        .iter()
        .find(|r| label(facts, r.breakdown.language) == Some("typescript"))
        .expect("language row");
    assert_eq!(
        label(facts, typescript.breakdown.feature),
        Some("copilot_cli")
    );
    assert_eq!(
        (
            typescript.measures.suggestions,
            typescript.measures.acceptances,
            typescript.measures.lines_added
        ),
        (23, 23, 330)
    );
    // Mona-Lisa's idle day is kept and inactive; octocat's flags: chat, then agent + chat
    // (passive code review is not use).
    assert!(!totals[2].active && totals[2].measures.used == 0);
    assert_eq!(totals[1].measures.used, Measures::USED_CHAT);
    assert_eq!(
        totals[3].measures.used,
        Measures::USED_AGENT | Measures::USED_CHAT
    );
    // Breakdown rows never add into the total: octocat's vscode row repeats the day's total.
    let vscode = facts
        .daily
        .iter()
        .find(|r| label(facts, r.breakdown.surface) == Some("vscode"))
        .expect("ide row");
    assert_eq!(vscode.measures.suggestions, totals[1].measures.suggestions);
    // 3 logins and 3 user ids, each login linked to its id.
    let kinds = |k| {
        (0..facts.identities.len() as u32)
            .filter(|&i| facts.identities.kind(uptake::engine::facts::IdentityId(i)) == k)
            .count()
    };
    assert_eq!(
        (kinds(IdKind::GithubLogin), kinds(IdKind::GithubUserId)),
        (3, 3)
    );
    assert_eq!(facts.links.len(), 3);
    assert_no_logins(facts, &["hubot", "octocat", "mona-lisa"]);
}

#[test]
fn acceptance_rate_is_a_ratio_of_sums_not_a_mean_of_daily_rates() {
    let ingested = read("copilot_usage_users.ndjson");
    let totals = totals(&ingested.parsed.facts);
    // Σ acceptances = 24 + 12 + 0 + 8 + 6 = 50; Σ suggestions = 25 + 40 + 0 + 20 + 15 = 100.
    // 50 / 100 = 0.5, whereas the mean of the person-day rates (0.96, 0.3, 0.4, 0.4) would
    // be 0.515 and the mean of the two daily rates (36/65, 14/35) about 0.477.
    let accepted: u64 = totals.iter().map(|r| r.measures.acceptances).sum();
    let suggested: u64 = totals.iter().map(|r| r.measures.suggestions).sum();
    assert_eq!((accepted, suggested), (50, 100));
    assert_eq!(accepted as f64 / suggested as f64, 0.5);
}

#[test]
fn a_json_array_reads_like_ndjson() {
    let ingested = read("copilot_usage_users_array.json");
    assert_eq!(ingested.format, FormatId::CopilotUsageNdjson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (2, 0));
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    let facts = &ingested.parsed.facts;
    // octocat: total + vscode row (a null totals_by_feature is empty); the-dev: total only.
    assert_eq!(facts.daily.len(), 3);
    let totals = totals(facts);
    // Acceptance: (3 + 8) / (12 + 8) = 11 / 20.
    let accepted: u64 = totals.iter().map(|r| r.measures.acceptances).sum();
    let suggested: u64 = totals.iter().map(|r| r.measures.suggestions).sum();
    assert_eq!((accepted, suggested), (11, 20));
    // the-dev used the cloud agent and has no interaction count.
    assert_eq!(totals[1].measures.used, Measures::USED_CODING_AGENT);
    assert!(totals[1].active);
    assert_no_logins(facts, &["octocat", "the-dev"]);
}

#[test]
fn a_28_day_file_covers_the_span_of_its_days() {
    let ingested = read("copilot_usage_28day.ndjson");
    assert_eq!(ingested.format, FormatId::CopilotUsageNdjson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (4, 0));
    // Rows on 02-04, 02-17 (two) and 03-02, inside the report's 02-04 … 03-03.
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2026-02-04"), day("2026-03-02")))
    );
    assert_eq!(
        d.notes,
        vec!["The report is for 2026-02-04 to 2026-03-03, but its rows only cover 2026-02-04 to 2026-03-02: coverage is taken from the rows."]
    );
    let facts = &ingested.parsed.facts;
    let totals = totals(facts);
    // octocat 10 + 6 suggested, 4 + 3 accepted; hubot none.
    let suggested: u64 = totals.iter().map(|r| r.measures.suggestions).sum();
    let accepted: u64 = totals.iter().map(|r| r.measures.acceptances).sum();
    assert_eq!((suggested, accepted), (16, 7));
    // hubot's CLI day: 1 session, 12 000 prompt and 900 output tokens; its last day used the
    // coding agent.
    let m = totals[2].measures;
    assert_eq!(
        (m.sessions, m.input_tokens, m.output_tokens),
        (1, 12_000, 900)
    );
    assert_eq!(totals[3].measures.used, Measures::USED_CODING_AGENT);
    // Partition keys are not labels.
    assert!(facts.strings.get("etl-0001").is_none());
    assert_no_logins(facts, &["octocat", "hubot"]);
}

#[test]
fn bad_lines_are_skipped_with_a_reason_and_repeated_lines_counted_once() {
    let text = concat!(
        r#"{"day":"2026-04-25","user_login":"ana-dev","user_id":5,"user_initiated_interaction_count":1,"code_generation_activity_count":4,"code_acceptance_activity_count":2}"#,
        "\n",
        r#"{"user_login":"bea-dev","user_id":6,"user_initiated_interaction_count":1}"#,
        "\n",
        r#"{"day":"25/04/2026","user_login":"cy-dev","user_id":7,"user_initiated_interaction_count":1}"#,
        "\n",
        r#"{"day":"2026-04-25","user_initiated_interaction_count":3}"#,
        "\n",
        r#"{"day":"2026-04-25","user_login":"dee-dev","code_generation_activity_count":-3}"#,
        "\n",
        r#"{"day":"2026-04-25","user_login":"ANA-Dev","user_id":5,"user_initiated_interaction_count":1,"code_generation_activity_count":4,"code_acceptance_activity_count":2}"#,
        "\n",
    );
    let ingested = read_bytes(text.as_bytes()).expect("readable");
    let d = &ingested.parsed.diagnostics;
    // Line 1 kept; 2-5 skipped; 6 is line 1 again (logins are case-insensitive).
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (1, 4, 1)
    );
    let reasons: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        reasons,
        vec![
            "line 2, column \"day\": expected a date like 2026-04-25, found nothing",
            "line 3, column \"day\": expected a date like 2026-04-25, found \"25/04/2026\"",
            "line 4, column \"user_login\": no user_login or user_id: the record names nobody",
            "line 5: invalid value: integer `-3`, expected u64",
        ]
    );
    assert_eq!(ingested.parsed.facts.daily.len(), 1);
    assert_no_logins(&ingested.parsed.facts, &["ana-dev", "bea-dev", "dee-dev"]);
}

#[test]
fn a_download_links_file_is_refused_with_what_to_do() {
    let error = read_bytes(&fixture("copilot_download_links.json")).expect_err("not data");
    assert_eq!(error.format, None);
    assert_eq!(
        error.error.message,
        "This is a Copilot usage-metrics link file: it holds download links, not the data."
    );
    assert_eq!(
        error.error.hint,
        "Open each link in \"download_links\" (they expire after a few minutes), save the NDJSON files and add those."
    );
}
