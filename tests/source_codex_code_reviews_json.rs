//! The Codex Analytics API code review pages (FORMATS.md §2b): workspace days, no person.

mod common;

use common::read;
use uptake::engine::date::Day;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Facts, OrgDaily, Tool};

use common::day;

/// (day, priority label or "", comments) of every row.
fn comments(facts: &Facts) -> Vec<(Day, &str, u64)> {
    let feature = |r: &OrgDaily| r.breakdown.feature.map_or("", |f| facts.strings.resolve(f));
    facts
        .org_daily
        .iter()
        .map(|r| (r.day, feature(r), r.measures.comments))
        .collect()
}

#[test]
fn review_days_with_priority_rows_a_duplicate_and_rows_that_do_not_fit() {
    let ingested = read("codex_code_reviews.json");
    assert_eq!(ingested.format, FormatId::CodexCodeReviewsJson);
    let d = &ingested.parsed.diagnostics;
    // Lines 2 and 3 are used; line 5 repeats line 2; line 4's reviews are "n/a"; line 6 is a
    // usage row.
    assert_eq!(
        (d.rows_accepted, d.rows_duplicate, d.rows_skipped),
        (2, 1, 2)
    );
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 4, column \"pull_request_reviews\": expected a number, found \"n/a\"",
            "line 6, column \"pull_request_reviews\": no pull_request_reviews or comments: not a \
             code review row",
        ]
    );
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2026-06-01"), day("2026-06-02")))
    );
    let facts = &ingested.parsed.facts;
    // 2026-06-02 has p0 = 0 (a row: zero is a fact) and p2 = null (no row).
    assert_eq!(
        comments(facts),
        vec![
            (day("2026-06-01"), "", 31),
            (day("2026-06-01"), "p0", 1),
            (day("2026-06-01"), "p1", 9),
            (day("2026-06-01"), "p2", 21),
            (day("2026-06-02"), "", 4),
            (day("2026-06-02"), "p0", 0),
            (day("2026-06-02"), "p1", 1),
        ]
    );
    let reviews: u64 = facts.org_daily.iter().map(|r| r.measures.reviews).sum();
    // 14 + 6 = 20 reviews, only on the day totals.
    assert_eq!(reviews, 20);
    assert!(facts.org_daily.iter().all(|r| r.tool == Tool::Codex
        && r.scope.is_none()
        && facts.strings.resolve(r.kind) == "code_reviews"));
    assert!(facts.daily.is_empty() && facts.identities.is_empty());
}

#[test]
fn responses_engaged_from_the_field_from_replied_plus_reacted_or_unknown() {
    let ingested = read("codex_code_review_responses.json");
    assert_eq!(ingested.format, FormatId::CodexCodeReviewResponsesJson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (3, 0));
    assert_eq!(
        d.notes,
        vec![
            "Comments engaged were read from comment_response_details.engaged.",
            "Some rows have no comment_response_details.engaged: for those, comments engaged = \
             replied + reacted (a comment both replied to and reacted to counts twice).",
            "Some rows have no comment_response_details: their comments engaged are unknown and \
             were counted as 0.",
        ]
    );
    let facts = &ingested.parsed.facts;
    // 2026-06-01: engaged 11; 2026-06-02: replied 2 + reacted 3 = 5; 2026-06-03: none given.
    let engaged: Vec<(u64, u64, u64)> = facts
        .org_daily
        .iter()
        .map(|r| {
            (
                r.measures.reviews,
                r.measures.comments,
                r.measures.comments_engaged,
            )
        })
        .collect();
    assert_eq!(engaged, vec![(10, 20, 11), (4, 6, 5), (1, 1, 0)]);
    assert!(facts
        .org_daily
        .iter()
        .all(|r| facts.strings.resolve(r.kind) == "code_review_responses"));
}
