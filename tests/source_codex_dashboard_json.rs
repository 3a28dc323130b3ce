//! The Codex analytics dashboard's JSON downloads (FORMATS.md §2c), one fixture per shape.

mod common;

use common::{key, read};
use uptake::engine::date::Day;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Facts, IdentityId, Tool};
use uptake::engine::identity::IdKind;

use common::day;

fn identity(facts: &Facts, kind: IdKind, raw: &str) -> IdentityId {
    let pseudonym = key().pseudonym(kind, raw);
    (0..facts.identities.len() as u32)
        .map(IdentityId)
        .find(|&id| facts.identities.pseudonym(id) == pseudonym)
        .unwrap_or_else(|| panic!("{raw} was not hashed"))
}

fn assert_private(facts: &Facts, raw: &[&str]) {
    let text = format!("{facts:?}").to_lowercase();
    for value in raw {
        assert!(!text.contains(value), "{value} is in the facts");
    }
}

#[test]
fn per_user_sessions_messages_credits_and_surfaces() {
    let ingested = read("codex_dashboard_users.json");
    assert_eq!(ingested.format, FormatId::CodexDashboardJson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!(
        (d.rows_accepted, d.rows_duplicate, d.rows_skipped),
        (3, 0, 3)
    );
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 5, column \"date\": expected a date like 2026-06-01, found \"06/03/2026\"",
            "line 6, column \"user_id\": no user_id or email: the row names nobody",
            "line 7, column \"n_user_messages_cli\": expected a number, found \"two\"",
        ]
    );
    assert_eq!(
        d.notes,
        vec![
            "The clients[] of per-user rows were not read: surfaces come from the \
              n_new_sessions_<surface>, n_user_messages_<surface> and credit_<surface> fields."
        ]
    );
    let facts = &ingested.parsed.facts;
    let fay = identity(facts, IdKind::OpenaiUser, "user-fay06");
    let gus = identity(facts, IdKind::Email, "gus@example.com");
    let gus_user = identity(facts, IdKind::OpenaiUser, "user-gus07");
    assert_eq!(facts.links, vec![(gus.min(gus_user), gus.max(gus_user))]);
    let totals: Vec<_> = facts
        .daily
        .iter()
        .filter(|r| r.breakdown.is_total())
        .collect();
    assert_eq!(
        totals
            .iter()
            .map(|r| (r.identity, r.day, r.active))
            .collect::<Vec<_>>(),
        vec![
            (fay, day("2026-06-01"), true),
            (gus, day("2026-06-01"), true),
            (fay, day("2026-06-02"), false),
        ]
    );
    assert!(facts.daily.iter().all(|r| r.tool == Tool::Codex));
    // Fay: 3 sessions, 10 messages (interactions and turns), 5.5 credits, input 2000 + 500.
    let m = totals[0].measures;
    assert_eq!(
        (m.sessions, m.interactions, m.turns, m.credits),
        (3, 10, 10, 5.5)
    );
    assert_eq!(
        (
            m.has_tokens,
            m.input_tokens,
            m.cached_input_tokens,
            m.output_tokens
        ),
        (true, 2500, 500, 700)
    );
    assert!(!totals[1].measures.has_tokens);
    // Surfaces with a non-zero counter (exec and web are all zero), then the model row.
    let parts: Vec<(&str, u64, u64, f64)> = facts
        .daily
        .iter()
        .filter(|r| !r.breakdown.is_total())
        .map(|r| {
            let label = r.breakdown.surface.or(r.breakdown.model).expect("a label");
            let m = r.measures;
            (
                facts.strings.resolve(label),
                m.sessions,
                m.interactions,
                m.credits,
            )
        })
        .collect();
    assert_eq!(
        parts,
        vec![
            ("cli", 2, 6, 3.0),
            ("vscode", 1, 4, 2.5),
            ("gpt-5.4", 0, 0, 5.5),
            ("github_code_review", 1, 2, 0.5),
        ]
    );
    assert_private(facts, &["user-fay06", "user-gus07", "gus@example.com"]);
}

#[test]
fn workspace_usage_counts_with_daily_active_users() {
    let ingested = read("codex_dashboard_workspace.json");
    assert_eq!(ingested.format, FormatId::CodexDashboardJson);
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 2);
    let facts = &ingested.parsed.facts;
    assert!(facts.daily.is_empty());
    let rows: Vec<(Day, Option<&str>, Option<u32>, f64)> = facts
        .org_daily
        .iter()
        .map(|r| {
            let label = r.breakdown.surface.or(r.breakdown.model);
            let label = label.map(|l| facts.strings.resolve(l));
            (r.day, label, r.daily_active, r.measures.credits)
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (day("2026-06-01"), None, Some(12), 60.0),
            (day("2026-06-01"), Some("CODEX_CLI"), Some(8), 45.0),
            (day("2026-06-01"), Some("CODEX_WEB"), Some(5), 15.0),
            (day("2026-06-01"), Some("gpt-5.4"), None, 50.0),
            (day("2026-06-01"), Some("other"), None, 10.0),
            (day("2026-06-02"), None, Some(9), 22.5),
        ]
    );
    // Input 80000 + 30000 = 110000; threads → sessions, turns → turns.
    let m = facts.org_daily[0].measures;
    assert_eq!(
        (m.input_tokens, m.output_tokens, m.sessions, m.turns),
        (110_000, 12_000, 40, 95)
    );
    assert!(facts
        .org_daily
        .iter()
        .all(|r| r.tool == Tool::Codex && facts.strings.resolve(r.kind) == "usage"));
}

#[test]
fn code_review_metrics_and_the_api_rows_for_the_same_day_count_once() {
    let ingested = read("codex_dashboard_reviews.json");
    assert_eq!(ingested.format, FormatId::CodexDashboardJson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (2, 1));
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec!["line 4: no \"totals\", \"n_new_sessions_total\" or \"n_reviews\": not a Codex dashboard row"]
    );
    let facts = &ingested.parsed.facts;
    // 2026-06-01: total + p0, p1, p2; 2026-06-04: total only.
    assert_eq!(facts.org_daily.len(), 5);
    let m = facts.org_daily[0].measures;
    assert_eq!((m.reviews, m.comments), (14, 31));
    assert!(facts
        .org_daily
        .iter()
        .all(|r| facts.strings.resolve(r.kind) == "code_reviews"));
    // The API page has the same 2026-06-01 (14 reviews, p0 1, p1 9, p2 21): merging the two
    // files keeps those 4 rows once.
    let mut merged = read("codex_code_reviews.json").parsed.facts;
    let stats = merged.merge(&ingested.parsed.facts);
    assert_eq!((stats.added, stats.duplicates), (1, 4));
}
