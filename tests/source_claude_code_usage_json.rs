//! The Claude Code Analytics API parser (FORMATS.md §5a): one person-day from the records of
//! each terminal, breakdowns by terminal and model, cents as dollars, API keys left out.

mod common;

use common::{day, key, read, report};
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{DailyActivity, Facts, Measures, Tool};
use uptake::engine::identity::IdKind;
use uptake::engine::settings::Settings;

const FILE: &str = "claude/code_usage.json";

/// (sessions, lines added, lines removed, commits, PRs, accepted, accepted + rejected)
type Code = (u64, u64, u64, u64, u64, u64, u64);
/// (input incl. cache, cache read, output, has tokens, cost in cents)
type Tokens = (u64, u64, u64, bool, i64);

fn code(m: &Measures) -> Code {
    (
        m.sessions,
        m.lines_added,
        m.lines_deleted,
        m.commits,
        m.pull_requests,
        m.acceptances,
        m.suggestions,
    )
}

fn tokens(m: &Measures) -> Tokens {
    (
        m.input_tokens,
        m.cached_input_tokens,
        m.output_tokens,
        m.has_tokens,
        (m.cost_usd * 100.0).round() as i64,
    )
}

/// The breakdown row of `facts` whose surface or model is `label`.
fn slice<'f>(facts: &'f Facts, label: &str) -> &'f DailyActivity {
    let sym = facts.strings.get(label).expect("label interned");
    facts
        .daily
        .iter()
        .find(|r| r.breakdown.surface == Some(sym) || r.breakdown.model == Some(sym))
        .expect("a breakdown row")
}

#[test]
fn terminals_sum_into_person_days_with_terminal_and_model_rows() {
    let ingested = read(FILE);
    assert_eq!(ingested.format, FormatId::ClaudeCodeUsageJson);
    let d = &ingested.parsed.diagnostics;
    // 8 records on two pages: Alice ×2 terminals, Bob, Carol; an API key, a record naming
    // nobody, a bad date; Alice's vscode record again (a duplicate).
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (4, 3, 1)
    );
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 5, column \"actor.type\": an API key (api_actor), not a person: left out",
            "line 6, column \"actor.email_address\": no email_address: the record names nobody",
            "line 7, column \"date\": expected a date like 2025-09-01T00:00:00Z, found \"yesterday\"",
        ]
    );
    // The API key's 500 cents.
    assert_eq!(
        d.notes,
        vec!["1 record of API keys (api_actor), not people, was left out (estimated cost $5.00)."]
    );
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2025-09-01"), day("2025-09-02")))
    );
    let facts = &ingested.parsed.facts;
    assert!(facts.daily.iter().all(|r| r.tool == Tool::Claude));
    let totals: Vec<&DailyActivity> = facts
        .daily
        .iter()
        .filter(|r| r.breakdown.is_total())
        .collect();
    assert_eq!(totals.len(), 3);
    // Alice, 2025-09-01, vscode + iTerm.app: sessions 5 + 2 = 7; lines 1543 + 100 = 1643
    // added, 892 + 10 = 902 removed; commits 12 + 1 = 13; PRs 2; accepted 45 + 12 + 8 + 3 + 5
    // = 73, rejected 5 + 2 + 1 + 0 + 1 = 9, so 82 decisions.
    // Tokens: input (100000 + 10000 + 5000) + 2000 + (20000 + 0 + 1000) = 138000, cache read
    // 10000, output 35000 + 1000 + 5000 = 41000; cost 1025 + 150 + 210 = 1385 cents.
    assert_eq!(totals[0].day, day("2025-09-01"));
    assert_eq!(code(&totals[0].measures), (7, 1643, 902, 13, 2, 73, 82));
    assert_eq!(
        tokens(&totals[0].measures),
        (138_000, 10_000, 41_000, true, 1385)
    );
    assert!(totals[0].active);
    // Bob: sessions "3" as a string; no model breakdown, so no token data.
    assert_eq!(code(&totals[1].measures), (3, 40, 4, 0, 0, 0, 0));
    assert_eq!(tokens(&totals[1].measures), (0, 0, 0, false, 0));
    // Carol, 2025-09-02 (second page): 2 rejected edits; 3 cents.
    assert_eq!(totals[2].day, day("2025-09-02"));
    assert_eq!(code(&totals[2].measures), (1, 0, 0, 0, 0, 0, 2));
    assert_eq!(tokens(&totals[2].measures), (1000, 0, 200, true, 3));

    // Alice's terminals: vscode 1025 + 150 = 1175 cents, input 115000 + 2000 = 117000;
    // iTerm.app 210 cents, input 21000.
    let alice_vscode = facts
        .daily
        .iter()
        .find(|r| r.day == day("2025-09-01") && r.breakdown.surface == facts.strings.get("vscode"))
        .expect("Alice on vscode");
    assert_eq!(code(&alice_vscode.measures), (5, 1543, 892, 12, 2, 68, 76));
    assert_eq!(
        tokens(&alice_vscode.measures),
        (117_000, 10_000, 36_000, true, 1175)
    );
    assert_eq!(
        tokens(&slice(facts, "iTerm.app").measures),
        (21_000, 0, 5000, true, 210)
    );
    // Alice's models: Sonnet over both terminals 115000 + 21000 = 136000 input, 35000 + 5000
    // output, 1025 + 210 = 1235 cents; Opus 2000 / 1000 / 150.
    assert_eq!(
        tokens(&slice(facts, "claude-sonnet-4-5-20250929").measures),
        (136_000, 10_000, 40_000, true, 1235)
    );
    assert_eq!(
        tokens(&slice(facts, "claude-opus-4-1-20250805").measures),
        (2000, 0, 1000, true, 150)
    );
    assert_eq!(
        facts.identities.pseudonym(totals[0].identity),
        key().pseudonym(IdKind::Email, "alice.ng@example.com")
    );
    // Alice, Bob, Carol (nobody for the API key or the bad records).
    assert_eq!(facts.identities.len(), 3);

    let debug = format!("{facts:?}").to_lowercase();
    let report = serde_json::to_string(&report(&[FILE], &Settings::default()))
        .expect("report serialises")
        .to_lowercase();
    for raw in [
        "alice.ng@example.com",
        "bob.ruiz",
        "carol.odu",
        "dan.wu",
        "ci-pipeline-key",
    ] {
        assert!(!debug.contains(raw), "{raw} is in the facts");
        assert!(!report.contains(raw), "{raw} is in the Report");
    }
}
