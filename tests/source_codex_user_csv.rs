//! The Codex per-user CSV parser, one fixture per quirk (FORMATS.md §2c, CSV variant).

mod common;

use common::{key, read};
use uptake::engine::date::Day;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Facts, IdentityId, Measures, Tool};
use uptake::engine::identity::IdKind;

use common::day;

fn raw_values(name: &str, columns: &[&str]) -> Vec<String> {
    common::csv_values(name, columns)
}

/// No raw email or user id is kept in the facts.
fn assert_nothing_raw(name: &str, facts: &Facts) {
    let debug = format!("{facts:?}").to_lowercase();
    for raw in raw_values(name, &["email", "user_id"]) {
        assert!(!debug.contains(&raw), "{raw} from {name} is in the facts");
    }
}

fn kind_count(facts: &Facts, kind: IdKind) -> usize {
    (0..facts.identities.len() as u32)
        .filter(|&i| facts.identities.kind(IdentityId(i)) == kind)
        .count()
}

/// The measures this format fills: sessions, interactions, input, cached, output, has_tokens.
type Counts = (u64, u64, u64, u64, u64, bool);

fn counts(m: &Measures) -> Counts {
    (
        m.sessions,
        m.interactions,
        m.input_tokens,
        m.cached_input_tokens,
        m.output_tokens,
        m.has_tokens,
    )
}

#[test]
fn daily_rows_with_tokens_sessions_and_messages() {
    let ingested = read("codex_user.csv");
    assert_eq!(ingested.format, FormatId::CodexUserCsv);
    let d = &ingested.parsed.diagnostics;
    // 6 rows: the last repeats Ada's 2026-03-02 and counts once.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (5, 0, 1)
    );
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2026-03-02"), day("2026-03-04")))
    );
    let facts = &ingested.parsed.facts;
    assert!(facts
        .daily
        .iter()
        .all(|r| r.tool == Tool::Codex && r.breakdown.is_total()));
    let rows: Vec<(Day, bool, Counts)> = facts
        .daily
        .iter()
        .map(|r| (r.day, r.active, counts(&r.measures)))
        .collect();
    assert_eq!(
        rows,
        vec![
            // Ada: input 1200 uncached + 300 cached = 1500.
            (day("2026-03-02"), true, (2, 9, 1500, 300, 450, true)),
            // Ada: 800 + 0 = 800.
            (day("2026-03-03"), true, (1, 4, 800, 0, 200, true)),
            // Bo: all zero, given as zeros: tokens known, not active.
            (day("2026-03-02"), false, (0, 0, 0, 0, 0, true)),
            // Cy: 5 000 000 000 + 1 000 = 5 000 001 000, past u32::MAX.
            (
                day("2026-03-03"),
                true,
                (1, 3, 5_000_001_000, 1000, 70, true)
            ),
            // Dee: 100 + 50 = 150.
            (day("2026-03-04"), true, (1, 1, 150, 50, 25, true)),
        ]
    );
    // The row's person is the hashed user_id, linked to the hashed email; Cy has a user_id
    // only and Dee an email only. User ids: Ada, Bo, Cy; emails: Ada, Bo, Dee; links: Ada, Bo.
    let ada = facts.daily[0].identity;
    assert_eq!(
        facts.identities.pseudonym(ada),
        key().pseudonym(IdKind::OpenaiUser, "user-CxAda1")
    );
    assert_eq!(facts.daily[1].identity, ada);
    assert_eq!(
        facts.identities.kind(facts.daily[3].identity),
        IdKind::OpenaiUser
    );
    assert_eq!(
        facts.identities.kind(facts.daily[4].identity),
        IdKind::Email
    );
    assert_eq!(
        (
            kind_count(facts, IdKind::OpenaiUser),
            kind_count(facts, IdKind::Email)
        ),
        (3, 3)
    );
    assert_eq!(facts.links.len(), 2);
    assert_nothing_raw("codex_user.csv", facts);
}

#[test]
fn reordered_extra_columns_and_no_email_or_token_columns() {
    let ingested = read("codex_user_reordered_extra.csv");
    assert_eq!(ingested.format, FormatId::CodexUserCsv);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (2, 0));
    let facts = &ingested.parsed.facts;
    let eve = &facts.daily[0];
    // `2026-03-05T00:00:00Z` is the day 2026-03-05; no token column → no token data.
    assert_eq!(eve.day, day("2026-03-05"));
    assert_eq!(counts(&eve.measures), (2, 7, 0, 0, 0, false));
    assert_eq!(eve.measures.credits, 1.25);
    assert!(eve.active);
    assert!(!facts.daily[1].active);
    assert_eq!((facts.identities.len(), facts.links.len()), (2, 0));
    assert_nothing_raw("codex_user_reordered_extra.csv", facts);
}

#[test]
fn empty_token_cells_are_unknown_not_zero() {
    let facts = read("codex_user_empty_tokens.csv").parsed.facts;
    // Gus: every token cell empty → no token data, active by sessions and messages.
    assert_eq!(counts(&facts.daily[0].measures), (1, 2, 0, 0, 0, false));
    assert!(facts.daily[0].active);
    // Hal: only output tokens (900) → token data; active by tokens alone.
    assert_eq!(counts(&facts.daily[1].measures), (0, 0, 0, 0, 900, true));
    assert!(facts.daily[1].active);
    assert_nothing_raw("codex_user_empty_tokens.csv", &facts);
}

#[test]
fn bad_rows_are_skipped_with_line_column_and_reason() {
    let ingested = read("codex_user_bad_rows.csv");
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (1, 4));
    let messages: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        vec![
            "line 3, column \"user_id\": no user_id or email: the row names nobody",
            "line 4, column \"date\": expected a date like 2025-03-30, found \"03/02/2026\", whose day and month cannot be told apart (3 February or 2 March); save the column as YYYY-MM-DD and add the file again",
            "line 5, column \"uncached_text_input_tokens\": expected a whole number, found \"n/a\"",
            "line 6, column \"n_new_sessions_total\": expected a whole number, found \"-1\" (negative)",
        ]
    );
    assert_nothing_raw("codex_user_bad_rows.csv", &ingested.parsed.facts);
}
