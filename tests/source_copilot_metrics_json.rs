//! The legacy Copilot Metrics API and usage API parser (FORMATS.md §3a): day totals that are
//! sums of their breakdowns, chat and pull-request rows, and no repository name kept.

mod common;

use common::{read, read_bytes};
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Facts, OrgDaily};

use common::day;

fn totals(facts: &Facts) -> Vec<&OrgDaily> {
    facts
        .org_daily
        .iter()
        .filter(|r| r.breakdown.is_total())
        .collect()
}

/// A breakdown row's labels as `surface/model/feature/language` (`-` when unset).
fn labels(facts: &Facts, row: &OrgDaily) -> String {
    let b = row.breakdown;
    [b.surface, b.model, b.feature, b.language]
        .iter()
        .map(|s| s.map_or("-", |s| facts.strings.resolve(s)))
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn metrics_api_day_totals_are_the_sums_of_their_breakdowns() {
    let ingested = read("copilot_metrics_legacy.json");
    assert_eq!(ingested.format, FormatId::CopilotMetricsJson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (2, 0, 0)
    );
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2024-06-24"), day("2024-06-25")))
    );
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    let facts = &ingested.parsed.facts;
    assert!(facts
        .org_daily
        .iter()
        .all(|r| facts.strings.resolve(r.kind) == "legacy_metrics" && r.scope.is_none()));
    // Day 1: total + 4 completion rows + 2 IDE chat + 1 github.com chat + 2 PR-summary
    // models = 10; day 2: total + 1 completion row = 2.
    assert_eq!(facts.org_daily.len(), 12);
    let totals = totals(facts);
    let first = totals[0];
    assert_eq!((first.daily_active, first.engaged), (Some(24), Some(20)));
    let m = first.measures;
    // Suggestions 249 + 496 + 112 + 132 = 989; acceptances 123 + 253 + 56 + 67 = 499;
    // lines suggested 225 + 520 + 143 + 154 = 1042; lines accepted 135 + 270 + 61 + 72 = 538.
    assert_eq!(
        (
            m.suggestions,
            m.acceptances,
            m.lines_suggested,
            m.lines_accepted
        ),
        (989, 499, 1042, 538)
    );
    // Chats 45 + 10 (IDE) + 38 (github.com) = 93; insertions 12 + 11 = 23; PR summaries
    // 6 + 10 = 16. Chat never adds acceptances.
    assert_eq!(
        (m.interactions, m.comments_engaged, m.pull_requests),
        (93, 23, 16)
    );
    let completion_rows: Vec<&OrgDaily> = facts
        .org_daily
        .iter()
        .filter(|r| r.day == day("2024-06-24") && r.measures.suggestions > 0)
        .filter(|r| !r.breakdown.is_total())
        .collect();
    assert_eq!(
        completion_rows
            .iter()
            .map(|r| r.measures.acceptances)
            .sum::<u64>(),
        m.acceptances
    );
    let python = completion_rows[0];
    assert_eq!(
        labels(facts, python),
        "vscode/default/code_completion/python"
    );
    assert_eq!((python.engaged, python.daily_active), (Some(6), None));
    let all: Vec<String> = facts.org_daily.iter().map(|r| labels(facts, r)).collect();
    assert_eq!(
        all[5..10],
        [
            "vscode/default/chat/-",
            "vscode/a-custom-model/chat/-",
            "github.com/default/chat/-",
            "github.com/default/pull_request_summary/-",
            "github.com/a-custom-model/pull_request_summary/-",
        ]
    );
    assert_eq!(facts.org_daily[5].measures.comments_engaged, 12);
    // Repository names are never stored.
    let debug = format!("{facts:?}");
    assert!(!debug.contains("secret-merger-plans") && !debug.contains("payroll-service"));
}

#[test]
fn acceptance_rate_over_days_is_a_ratio_of_sums() {
    let ingested = read("copilot_metrics_legacy.json");
    let totals = totals(&ingested.parsed.facts);
    // (499 + 40) / (989 + 100) = 539 / 1089 ≈ 0.495; the mean of the daily rates
    // (0.505 and 0.4) would be about 0.452.
    let accepted: u64 = totals.iter().map(|r| r.measures.acceptances).sum();
    let suggested: u64 = totals.iter().map(|r| r.measures.suggestions).sum();
    assert_eq!((accepted, suggested), (539, 1089));
    assert_eq!(
        (totals[1].daily_active, totals[1].engaged),
        (Some(20), Some(18))
    );
}

#[test]
fn usage_api_days_and_language_editor_breakdown() {
    let ingested = read("copilot_usage_legacy.json");
    assert_eq!(ingested.format, FormatId::CopilotMetricsJson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (2, 0));
    assert_eq!(
        d.notes,
        vec!["Read as the retired Copilot usage API (total_suggestions_count…): its breakdown is per language and editor, without models or chat."]
    );
    let facts = &ingested.parsed.facts;
    // Day 1: total + python/vscode + ruby/jetbrains; day 2: total + python/vscode.
    assert_eq!(facts.org_daily.len(), 5);
    let totals = totals(facts);
    let m = totals[0].measures;
    assert_eq!(
        (
            m.suggestions,
            m.acceptances,
            m.lines_suggested,
            m.lines_accepted
        ),
        (1000, 800, 1800, 1200)
    );
    assert_eq!((m.interactions, m.comments_engaged), (200, 32));
    assert_eq!(totals[0].daily_active, Some(10));
    let ruby = &facts.org_daily[2];
    assert_eq!(labels(facts, ruby), "jetbrains/-/code_completion/ruby");
    assert_eq!(
        (ruby.measures.suggestions, ruby.daily_active, ruby.engaged),
        (700, Some(2), None)
    );
    // (800 + 150) / (1000 + 500) = 950 / 1500.
    let accepted: u64 = totals.iter().map(|r| r.measures.acceptances).sum();
    let suggested: u64 = totals.iter().map(|r| r.measures.suggestions).sum();
    assert_eq!((accepted, suggested), (950, 1500));
}

#[test]
fn a_repeated_day_counts_once_and_a_day_without_date_is_skipped() {
    let text = r#"[
        {"date":"2024-06-24","total_active_users":3,"total_engaged_users":2,"copilot_ide_code_completions":{"editors":[]}},
        {"date":"2024-06-24","total_active_users":3,"total_engaged_users":2,"copilot_ide_code_completions":{"editors":[]}},
        {"date":"June 25","total_active_users":1,"total_engaged_users":1}
    ]"#;
    let ingested = read_bytes(text.as_bytes()).expect("readable");
    let d = &ingested.parsed.diagnostics;
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (1, 1, 1)
    );
    assert_eq!(
        d.skipped[0].to_string(),
        "line 4, column \"date\": expected a date like 2026-04-25, found \"June 25\""
    );
    assert_eq!(
        d.notes,
        vec!["Days already loaded were counted once. These files do not name their organisation or team, so the files of two organisations for the same days cannot both be loaded."]
    );
}
