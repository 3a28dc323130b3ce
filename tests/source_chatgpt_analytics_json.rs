//! The ChatGPT and Codex Analytics API usage pages (FORMATS.md §1d, §2a), one fixture per quirk.

mod common;

use common::{fixture, key, read, read_bytes};
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{DailyActivity, Facts, IdentityId, Tool};
use uptake::engine::identity::IdKind;

use common::day;

/// The identity a raw identifier was hashed into.
fn identity(facts: &Facts, kind: IdKind, raw: &str) -> IdentityId {
    let pseudonym = key().pseudonym(kind, raw);
    (0..facts.identities.len() as u32)
        .map(IdentityId)
        .find(|&id| facts.identities.pseudonym(id) == pseudonym)
        .unwrap_or_else(|| panic!("{raw} was not hashed"))
}

fn totals(facts: &Facts) -> Vec<&DailyActivity> {
    facts
        .daily
        .iter()
        .filter(|r| r.breakdown.is_total())
        .collect()
}

/// (surface or model label, credits) of every breakdown row.
fn labels(facts: &Facts) -> Vec<(&str, f64)> {
    let label = |r: &DailyActivity| r.breakdown.surface.or(r.breakdown.model).expect("a label");
    facts
        .daily
        .iter()
        .filter(|r| !r.breakdown.is_total())
        .map(|r| (facts.strings.resolve(label(r)), r.measures.credits))
        .collect()
}

fn assert_private(facts: &Facts, raw: &[&str]) {
    let text = format!("{facts:?}").to_lowercase();
    for value in raw {
        assert!(!text.contains(value), "{value} is in the facts");
    }
}

#[test]
fn two_concatenated_pages_person_days_workspace_row_and_duplicates() {
    let ingested = read("chatgpt_analytics_usage.json");
    assert_eq!(ingested.format, FormatId::ChatgptAnalyticsUsageJson);
    let d = &ingested.parsed.diagnostics;
    // 7 rows over two pages: lines 2, 3, 6, 8 and 10 are used; line 7 repeats Ada's
    // 2026-06-01 (line 2); line 9 has an actor naming nobody.
    assert_eq!(
        (d.rows_accepted, d.rows_duplicate, d.rows_skipped),
        (5, 1, 1)
    );
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec!["line 9, column \"user_id\": no user_id, actor.user_id or actor.email: the row names nobody"]
    );
    // Line 10 runs from 1780444800 to 1780617600: 172800 seconds. The last page has
    // has_more false, so no note about further pages.
    assert_eq!(
        d.notes,
        vec![
            "1 row does not span exactly one UTC day (start_time not at midnight UTC, or \
              end_time − start_time ≠ 86400 seconds; first at line 10): each was counted on the \
              UTC day of its start_time."
        ]
    );
    // 1780272000 / 86400 = 20605 = 2026-06-01; line 10 starts 2026-06-03.
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2026-06-01"), day("2026-06-03")))
    );
    let facts = &ingested.parsed.facts;
    let ada = identity(facts, IdKind::Email, "ada@example.com");
    let bo = identity(facts, IdKind::OpenaiUser, "user-bo002");
    let rows = totals(facts);
    assert_eq!(
        rows.iter().map(|r| (r.identity, r.day)).collect::<Vec<_>>(),
        vec![
            (ada, day("2026-06-01")),
            (bo, day("2026-06-01")),
            (ada, day("2026-06-02")),
            (bo, day("2026-06-03")),
        ]
    );
    assert!(rows.iter().all(|r| r.tool == Tool::Chatgpt && r.active));
    // Ada, 2026-06-01: input 1100 uncached + 220 cached = 1320; cost_usd null stays 0 and the
    // estimate 0.16 is not read.
    let m = rows[0].measures;
    assert_eq!(
        (m.input_tokens, m.cached_input_tokens, m.output_tokens),
        (1320, 220, 55)
    );
    assert_eq!((m.has_tokens, m.credits, m.cost_usd), (true, 4.0, 0.0));
    // Bo: every token field null → no token data; cost_usd 1.25 (not + 9.99 estimated).
    let m = rows[1].measures;
    assert_eq!(
        (m.has_tokens, m.input_tokens, m.credits, m.cost_usd),
        (false, 0, 2.5, 1.25)
    );
    // Credits: 4 + 2.5 + 1 + 0.5 = 8.
    assert_eq!(rows.iter().map(|r| r.measures.credits).sum::<f64>(), 8.0);
    assert_eq!(labels(facts), vec![("gpt-5", 2.0), ("o3", 0.5)]);
    // Line 8 (user_id and actor null) is the workspace's day.
    assert_eq!(facts.org_daily.len(), 1);
    let org = &facts.org_daily[0];
    assert_eq!(
        (
            org.tool,
            org.day,
            org.scope,
            facts.strings.resolve(org.kind)
        ),
        (Tool::Chatgpt, day("2026-06-01"), None, "usage")
    );
    assert_eq!((org.measures.credits, org.measures.cost_usd), (6.5, 1.25));
    // "Ada@Example.com" and "ada@example.com" are one email, linked to user-ada01.
    let ada_user = identity(facts, IdKind::OpenaiUser, "user-ada01");
    assert_eq!(facts.identities.len(), 3);
    assert_eq!(facts.links, vec![(ada.min(ada_user), ada.max(ada_user))]);
    assert_private(facts, &["ada@example.com", "user-ada01", "user-bo002"]);
}

#[test]
fn pages_dropped_as_separate_files_give_the_same_facts() {
    let text = String::from_utf8(fixture("chatgpt_analytics_usage.json")).expect("utf-8");
    let (first, second) = text.split_at(text.find("\n]}\n").expect("two pages") + 4);
    let mut facts = read_bytes(first.as_bytes()).expect("page 1").parsed.facts;
    let page_two = read_bytes(second.as_bytes()).expect("page 2");
    // Page 2 alone: 5 rows; Ada's 2026-06-01 is new to it (page 1 is another file), the row
    // naming nobody is skipped: 4 used.
    let d = &page_two.parsed.diagnostics;
    assert_eq!(
        (d.rows_accepted, d.rows_duplicate, d.rows_skipped),
        (4, 0, 1)
    );
    let stats = facts.merge(&page_two.parsed.facts);
    // Merged: Ada's 2026-06-01 counted once.
    assert_eq!(stats.duplicates, 1);
    let whole = read("chatgpt_analytics_usage.json").parsed.facts;
    assert_eq!(
        (facts.daily.len(), facts.org_daily.len()),
        (whole.daily.len(), 1)
    );
    let credits = |f: &Facts| totals(f).iter().map(|r| r.measures.credits).sum::<f64>();
    assert_eq!(credits(&facts), credits(&whole));
}

#[test]
fn codex_page_totals_clients_models_and_code_attribution() {
    let ingested = read("codex_usage_page.json");
    assert_eq!(ingested.format, FormatId::CodexUsageJson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!(
        (d.rows_accepted, d.rows_duplicate, d.rows_skipped),
        (3, 0, 0)
    );
    assert_eq!(
        d.notes,
        vec![
            "The last page in this file says \"has_more\": true, so the API holds more rows: \
              fetch the next pages (next_page) and add them too."
        ]
    );
    let facts = &ingested.parsed.facts;
    let rows = totals(facts);
    assert!(rows.iter().all(|r| r.tool == Tool::Codex));
    // Alice: threads → sessions, turns → turns and interactions; input 1000 + 250 = 1250.
    let m = rows[0].measures;
    assert_eq!(
        (m.sessions, m.turns, m.interactions, m.credits),
        (5, 12, 12, 12.5)
    );
    assert_eq!((m.input_tokens, m.output_tokens), (1250, 400));
    // lines_of_code.added/removed and commits.with_codex_contribution.
    assert_eq!((m.lines_added, m.lines_deleted, m.commits), (123, 45, 12));
    // Carl: the other spelling, lines_added / lines_removed, and no commits.
    let m = rows[1].measures;
    assert_eq!((m.lines_added, m.lines_deleted, m.commits), (30, 7, 0));
    // Alice's 2026-06-02: all zero, so present but not active.
    assert_eq!((rows[2].day, rows[2].active), (day("2026-06-02"), false));
    // gpt-5.4 standard (10.0) and fast (2.5) are one model row: 12.5 credits,
    // input (800 + 200) + (200 + 50) = 1250.
    assert_eq!(
        labels(facts),
        vec![
            ("CODEX_WEB", 4.5),
            ("CODEX_CLI", 8.0),
            ("gpt-5.4", 12.5),
            ("CODEX_IDE_VSCODE", 1.0)
        ]
    );
    let model = facts
        .daily
        .iter()
        .find(|r| r.breakdown.model.is_some())
        .expect("model row");
    assert_eq!(model.measures.input_tokens, 1250);
    assert_private(
        facts,
        &[
            "alice@example.com",
            "user-alice1",
            "carl@example.com",
            "user-carl3",
        ],
    );
}

#[test]
fn codex_workspace_rows_become_organisation_days() {
    let ingested = read("codex_usage_workspace.json");
    assert_eq!(ingested.format, FormatId::CodexUsageJson);
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 2);
    let facts = &ingested.parsed.facts;
    assert!(facts.daily.is_empty() && facts.identities.is_empty());
    // 2026-06-01: total + 2 clients + 1 model; 2026-06-02: total only.
    assert_eq!(facts.org_daily.len(), 5);
    let total: Vec<_> = facts
        .org_daily
        .iter()
        .filter(|r| r.breakdown.is_total())
        .collect();
    // Credits 55.5 + 12.0 = 67.5; input 50000 + 20000 = 70000 on the first day.
    assert_eq!(total.iter().map(|r| r.measures.credits).sum::<f64>(), 67.5);
    assert_eq!(
        (total[0].measures.input_tokens, total[0].measures.turns),
        (70_000, 90)
    );
    assert!(!total[1].measures.has_tokens);
    assert!(facts
        .org_daily
        .iter()
        .all(|r| facts.strings.resolve(r.kind) == "usage"));
}

#[test]
fn null_tokens_numbers_as_strings_and_rows_that_do_not_fit() {
    let ingested = read("codex_usage_quirks.json");
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (2, 4));
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 4, column \"totals.credits\": expected a number, found \"lots\"",
            "line 5, column \"clients[0].turns\": expected a whole number, found -2",
            "line 6, column \"start_time\": expected a Unix time in seconds, found 1780444800000",
            "line 7, column \"object\": \"workspace.codex.code_review.result\" is not a usage row \
             (expected \"workspace.usage.result\" or \"workspace.codex.usage.result\")",
        ]
    );
    assert_eq!(
        d.notes,
        vec![
            "code_attribution has keys Uptake does not recognise (loc_added, loc_removed): lines \
              and commits were not read (expected lines_of_code.added/removed, \
              lines_added/lines_removed or commits.with_codex_contribution)."
        ]
    );
    let rows = totals(&ingested.parsed.facts);
    // Line 2: every token null → no token data; credits given as the string "3.5".
    let m = rows[0].measures;
    assert_eq!(
        (m.has_tokens, m.credits, m.cost_usd, m.lines_added),
        (false, 3.5, 0.75, 0)
    );
    // Line 3: only cached_text_input_tokens (300) → token data, input 0 + 300.
    let m = rows[1].measures;
    assert_eq!(
        (
            m.has_tokens,
            m.input_tokens,
            m.cached_input_tokens,
            m.output_tokens
        ),
        (true, 300, 300, 0)
    );
    assert_private(&ingested.parsed.facts, &["user-dee04"]);
}

#[test]
fn unknown_client_ids_are_kept_and_named() {
    let ingested = read("codex_usage_unknown_client.json");
    assert_eq!(
        ingested.parsed.diagnostics.notes,
        vec![
            "A clients[] entry has no client_id: it was left out of the breakdown.",
            "Unrecognised Codex client id \"HOLODECK_VR\": its usage is kept under that id.",
        ]
    );
    let facts = &ingested.parsed.facts;
    assert_eq!(
        labels(facts),
        vec![
            ("CODEX_CLI", 1.0),
            ("HOLODECK_VR", 4.0),
            ("CODEX_UNKNOWN_DEFAULT", 1.0)
        ]
    );
    assert_private(facts, &["hal@example.com", "user-hal08"]);
}

#[test]
fn truncated_page_keeps_complete_rows_and_says_so() {
    let ingested = read("codex_usage_truncated.json");
    assert_eq!(ingested.format, FormatId::CodexUsageJson);
    let d = &ingested.parsed.diagnostics;
    // Lines 2, 3 and 5 are whole; line 6 is cut inside the actor's user_id.
    assert_eq!((d.rows_accepted, d.rows_skipped), (3, 1));
    assert_eq!(
        d.notes,
        vec![
            "line 6: the file ends in the middle of a JSON record (3 complete records were read). \
             The download may have been cut short: download the export again.",
            "The last page in this file says \"has_more\": true, so the API holds more rows: \
             fetch the next pages (next_page) and add them too.",
        ]
    );
    // Credits 1.5 + 2.5 + 0.5 = 4.5.
    let facts = &ingested.parsed.facts;
    assert_eq!(
        totals(facts)
            .iter()
            .map(|r| r.measures.credits)
            .sum::<f64>(),
        4.5
    );
    assert_private(facts, &["eve@example.com", "user-eve05", "user-ev"]);
}
