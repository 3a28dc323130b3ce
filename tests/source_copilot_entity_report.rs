//! The Copilot usage metrics organisation/enterprise report parser (FORMATS.md §3b): a
//! `day_totals[]` wrapper and NDJSON day lines, giving organisation-level daily rows.

mod common;

use common::{read, read_bytes};
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Facts, OrgDaily};

use common::day;

fn rows<'f>(facts: &'f Facts, kind: &str) -> Vec<&'f OrgDaily> {
    facts
        .org_daily
        .iter()
        .filter(|r| facts.strings.resolve(r.kind) == kind)
        .collect()
}

#[test]
fn day_totals_wrapper_gives_usage_and_pull_request_rows() {
    let ingested = read("copilot_entity_day_totals.json");
    assert_eq!(ingested.format, FormatId::CopilotEntityReportJson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (2, 0, 0)
    );
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2026-04-24"), day("2026-04-25")))
    );
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    let facts = &ingested.parsed.facts;
    // 04-24: total + ide 2 + feature 2 + language×model 1 + cli 1 = 7 usage rows, and the
    // pull-request total + its by_copilot row = 2; 04-25: total + ide 1 = 2. 11 in all.
    assert_eq!(facts.org_daily.len(), 11);
    assert_eq!(rows(facts, "usage").len(), 9);
    // Every row's scope is the wrapper's organisation (the days themselves name none).
    assert!(facts
        .org_daily
        .iter()
        .all(|r| r.scope.map(|s| facts.strings.resolve(s)) == Some("org 100000001")));
    let totals: Vec<&OrgDaily> = rows(facts, "usage")
        .into_iter()
        .filter(|r| r.breakdown.is_total())
        .collect();
    let first = totals[0];
    assert_eq!(
        (
            first.daily_active,
            first.weekly_active,
            first.monthly_active
        ),
        (Some(12), Some(20), Some(31))
    );
    let m = first.measures;
    assert_eq!(
        (m.interactions, m.suggestions, m.acceptances),
        (100, 400, 120)
    );
    assert_eq!(
        (m.lines_suggested, m.lines_added, m.lines_deleted),
        (900, 300, 40)
    );
    // totals_by_cli: 3 sessions, 70 000 prompt and 5 000 output tokens.
    assert_eq!(
        (m.sessions, m.input_tokens, m.output_tokens, m.has_tokens),
        (3, 70_000, 5_000, true)
    );
    // The cli row counts prompts (9) as interactions.
    let cli = facts
        .org_daily
        .iter()
        .find(|r| r.breakdown.surface.map(|s| facts.strings.resolve(s)) == Some("cli"))
        .expect("cli row");
    assert_eq!((cli.measures.interactions, cli.measures.sessions), (9, 3));
    // Pull requests on 04-24: 7 created, 5 reviewed; by Copilot 2 created, 3 reviewed.
    let prs = rows(facts, "pull_requests");
    assert_eq!(prs.len(), 2);
    assert_eq!(
        (prs[0].measures.pull_requests, prs[0].measures.reviews),
        (7, 5)
    );
    assert_eq!(
        prs[1].breakdown.feature.map(|s| facts.strings.resolve(s)),
        Some("by_copilot")
    );
    assert_eq!(
        (prs[1].measures.pull_requests, prs[1].measures.reviews),
        (2, 3)
    );
    // Acceptance over the two days: (120 + 80) / (400 + 200) = 200 / 600 = 1/3, not the mean
    // of 0.3 and 0.4.
    let accepted: u64 = totals.iter().map(|r| r.measures.acceptances).sum();
    let suggested: u64 = totals.iter().map(|r| r.measures.suggestions).sum();
    assert_eq!((accepted, suggested), (200, 600));
    assert_eq!(facts.identities.len(), 0);
}

#[test]
fn ndjson_day_lines_of_an_enterprise_report() {
    let text = concat!(
        r#"{"day":"2026-05-07","enterprise_id":"200001","daily_active_users":3,"weekly_active_users":5,"monthly_active_users":9,"code_generation_activity_count":30,"code_acceptance_activity_count":9,"etl_id":"x"}"#,
        "\n",
        r#"{"day":"2026-05-08","enterprise_id":200001,"daily_active_users":4,"code_generation_activity_count":10,"code_acceptance_activity_count":1}"#,
        "\n",
        r#"{"day":"2026-05-08","enterprise_id":"200001","daily_active_users":4}"#,
        "\n",
        r#"{"day":"2026-05-09","daily_active_users":1}"#,
        "\n",
        r#"{"daily_active_users":1}"#,
        "\n",
    );
    let ingested = read_bytes(text.as_bytes()).expect("readable");
    assert_eq!(ingested.format, FormatId::CopilotEntityReportJson);
    let d = &ingested.parsed.diagnostics;
    // Line 3 repeats 05-08 (the id written as a number or a string is the same scope).
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (3, 1, 1)
    );
    assert_eq!(
        d.skipped[0].to_string(),
        "line 5, column \"day\": expected a date like 2026-04-25, found nothing"
    );
    assert_eq!(
        d.notes,
        vec!["Some days name neither an organisation_id nor an enterprise_id: they are kept without a scope."]
    );
    let facts = &ingested.parsed.facts;
    let scopes: Vec<Option<&str>> = facts
        .org_daily
        .iter()
        .map(|r| r.scope.map(|s| facts.strings.resolve(s)))
        .collect();
    assert_eq!(
        scopes,
        vec![Some("enterprise 200001"), Some("enterprise 200001"), None]
    );
    assert_eq!(facts.org_daily[1].daily_active, Some(4));
    assert_eq!(facts.org_daily[1].weekly_active, None);
}
