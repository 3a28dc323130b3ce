//! Claude Enterprise: the Enterprise Analytics API (user activity, usage and cost reports,
//! FORMATS.md §5b) and the claude.ai spend report CSV (§5c), and the period the page asks for
//! when a file holds no dates (the spend report, an activity page, a Gemini usage report).

mod common;

use common::{day, fixture, key, read, read_bytes, read_for};
use uptake::engine::dataset::Dataset;
use uptake::engine::date::DaySpan;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Measures, Tool};
use uptake::engine::identity::IdKind;

const USERS: &str = "claude/enterprise_users.json";
const USAGE: &str = "claude/enterprise_usage.json";
const COST: &str = "claude/enterprise_cost.json";
const SPEND: &str = "claude/spend_report.csv";

fn span(first: &str, last: &str) -> Option<DaySpan> {
    Some(DaySpan::new(day(first), day(last)))
}

#[test]
fn an_activity_page_without_dates_asks_for_its_day() {
    let error = read_bytes(&fixture(USERS)).expect_err("no date");
    assert_eq!(error.format, Some(FormatId::ClaudeEnterpriseAnalyticsJson));
    // 5 records, none dated (the API returns the day asked for, not in the records).
    assert_eq!(
        error.error.message,
        "These 5 Claude Enterprise user-activity records carry no date: the API returns the day asked for, not in the records."
    );
    let request = error.error.period_request.expect("a period request");
    assert_eq!((request.fixed_days, request.max_days), (Some(1), Some(1)));
}

#[test]
fn user_activity_sums_every_product_into_one_claude_day() {
    let ingested = read_for(USERS, span("2026-11-30", "2026-11-30")).expect("read");
    let d = &ingested.parsed.diagnostics;
    // Ana, Ben, Cara, the id-only record; Finn's message_count is -3.
    assert_eq!((d.rows_accepted, d.rows_skipped), (4, 1));
    assert_eq!(
        d.skipped[0].to_string(),
        "line 13, column \"message_count\": expected a whole number, found -3"
    );
    assert_eq!(d.coverage, span("2026-11-30", "2026-11-30"));
    let facts = &ingested.parsed.facts;
    let totals: Vec<&Measures> = facts
        .daily
        .iter()
        .filter(|r| r.breakdown.is_total())
        .map(|r| &r.measures)
        .collect();
    assert_eq!(totals.len(), 4);
    assert!(facts
        .daily
        .iter()
        .all(|r| r.tool == Tool::Claude && r.day == day("2026-11-30")));
    // Ana: messages 14 (chat) + 5 (Excel) + 0 (Word) = 19; sessions 3 conversations + 4 Claude
    // Code sessions + 1 Excel session = 8; edits accepted 9 + 3 = 12 of 9+1 + 3+2 = 15.
    let ana = totals[0];
    assert_eq!(
        (
            ana.interactions,
            ana.sessions,
            ana.acceptances,
            ana.suggestions
        ),
        (19, 8, 12, 15)
    );
    assert_eq!(
        (
            ana.lines_added,
            ana.lines_deleted,
            ana.commits,
            ana.pull_requests
        ),
        (120, 30, 2, 1)
    );
    assert_eq!(
        ana.used,
        Measures::USED_CHAT | Measures::USED_CLI | Measures::USED_AGENT
    );
    // Ben: 2 messages in 1 conversation; Cara: listed, nothing done; the id-only record: 1.
    let rest: Vec<(u64, u64)> = totals[1..]
        .iter()
        .map(|m| (m.interactions, m.sessions))
        .collect();
    assert_eq!(rest, vec![(2, 1), (0, 0), (1, 1)]);
    let active: Vec<bool> = facts
        .daily
        .iter()
        .filter(|r| r.breakdown.is_total())
        .map(|r| r.active)
        .collect();
    assert_eq!(active, vec![true, true, false, true]);
    // Ana's products with activity (Word had none), then Ben's and the id-only record's chat.
    let surfaces: Vec<&str> = facts
        .daily
        .iter()
        .filter_map(|r| r.breakdown.surface)
        .map(|s| facts.strings.resolve(s))
        .collect();
    assert_eq!(
        surfaces,
        vec![
            "claude.ai",
            "Claude Code",
            "Office: Excel",
            "claude.ai",
            "claude.ai"
        ]
    );
    // Four emails linked to their user ids, and one person known only by id.
    let kinds = |kind: IdKind| {
        (0..facts.identities.len() as u32)
            .filter(|&i| facts.identities.kind(uptake::engine::facts::IdentityId(i)) == kind)
            .count()
    };
    assert_eq!((kinds(IdKind::Email), kinds(IdKind::AnthropicUser)), (4, 5));
    assert_eq!(facts.links.len(), 4);
}

#[test]
fn the_usage_report_gives_tokens_per_model_and_never_a_day_total() {
    let ingested = read(USAGE);
    assert_eq!(ingested.format, FormatId::ClaudeEnterpriseAnalyticsJson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (2, 1));
    assert_eq!(
        d.skipped[0].to_string(),
        "line 4, column \"ending_at\": a bucket of 30 days (2026-11-01 to 2026-11-30); request the report with one-day buckets"
    );
    let facts = &ingested.parsed.facts;
    assert!(facts.daily.iter().all(|r| !r.breakdown.is_total()));
    let rows: Vec<(&str, &str, u64, u64, u64, u64)> = facts
        .daily
        .iter()
        .map(|r| {
            let m = &r.measures;
            (
                facts.strings.resolve(r.breakdown.surface.unwrap()),
                facts.strings.resolve(r.breakdown.model.unwrap()),
                m.interactions,
                m.input_tokens,
                m.cached_input_tokens,
                m.output_tokens,
            )
        })
        .collect();
    // Ana: input 1000 uncached + 200 + 100 cache creation + 5000 cache read = 6300.
    assert_eq!(
        rows,
        vec![
            ("claude_code", "claude-opus-4-1", 12, 6300, 5000, 800),
            ("chat", "claude-sonnet-4-5", 4, 300, 0, 150),
        ]
    );
}

#[test]
fn the_cost_report_is_in_cents() {
    let ingested = read(COST);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (2, 1));
    assert!(d.notes.iter().any(|n| n.contains("not in USD")));
    let facts = &ingested.parsed.facts;
    let charges: Vec<(f64, f64, f64)> = facts
        .charges
        .iter()
        .map(|c| {
            assert_eq!(
                (c.tool, c.day, c.period),
                (Some(Tool::Claude), Some(day("2026-11-30")), None)
            );
            (c.quantity, c.net_usd, c.gross_usd)
        })
        .collect();
    // "1250.5" cents = $12.505 net, "1400" = $14.00 list; the deleted account's 99.5 = $0.995.
    assert_eq!(charges, vec![(12.0, 12.505, 14.0), (3.0, 0.995, 0.995)]);
}

#[test]
fn a_spend_report_asks_for_its_period_and_offers_the_days_in_its_name() {
    let error = read_bytes(&fixture(SPEND)).expect_err("no period");
    assert_eq!(error.format, Some(FormatId::ClaudeSpendCsv));
    let request = error
        .error
        .period_request
        .clone()
        .expect("a period request");
    assert_eq!((request.fixed_days, request.max_days), (None, Some(90)));
    // The page shows the request with the days found in the file name as the answer.
    let bytes = fixture(SPEND);
    let mut dataset = Dataset::default();
    let name = "claude-spend-report-2026-10-01-2026-10-31.csv";
    dataset.add(0, name, bytes.len() as u64, read_bytes(&bytes));
    let asked = dataset.sources()[0].period_request.clone().expect("asked");
    assert_eq!(asked.suggested, span("2026-10-01", "2026-10-31"));
    // A period longer than the console exports (2026-01-01 to 2026-10-31 is 304 days).
    let error = read_for(SPEND, span("2026-01-01", "2026-10-31")).expect_err("too long");
    assert!(error.error.message.contains("is not 1 to 90 days long"));
}

#[test]
fn spend_rows_are_charges_over_the_period_given() {
    let ingested = read_for(SPEND, span("2026-10-01", "2026-10-31")).expect("read");
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (3, 2));
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 5, column \"user_email\": no email: the row names nobody",
            "line 6, column \"total_requests\": expected a whole number, found \"many\"",
        ]
    );
    assert_eq!(d.coverage, span("2026-10-01", "2026-10-31"));
    // Net 12.40 + 31.10 + 0.00 = 43.50.
    assert!(d.notes[0].contains("$43.50 net"), "{:?}", d.notes);
    let facts = &ingested.parsed.facts;
    let charges: Vec<(f64, f64, f64)> = facts
        .charges
        .iter()
        .map(|c| {
            assert_eq!(c.period, span("2026-10-01", "2026-10-31"));
            assert_eq!(c.day, Some(day("2026-10-31")));
            assert_eq!(c.activity_day(), None);
            (c.quantity, c.net_usd, c.gross_usd)
        })
        .collect();
    assert_eq!(
        charges,
        vec![
            (120.0, 12.40, 14.00),
            (40.0, 31.10, 31.10),
            (15.0, 0.0, 1.20)
        ]
    );
    // Ana's two rows are one person: her email, linked to her account id.
    assert_eq!(facts.charges[0].identity, facts.charges[1].identity);
    assert_eq!(facts.links.len(), 2);
}

#[test]
fn a_gemini_report_without_a_date_is_read_for_the_download_day_given() {
    let error = read_bytes(&fixture("gemini/usage_report.csv")).expect_err("no date");
    let request = error
        .error
        .period_request
        .clone()
        .expect("a period request");
    assert_eq!(request.fixed_days, Some(28));
    // 28 days ending 2025-03-28: 2025-03-28 − 27 = 2025-03-01.
    let period = request.period(day("2025-03-28"), day("2025-03-28"));
    assert_eq!(period, span("2025-03-01", "2025-03-28"));
    let ingested = read_for("gemini/usage_report.csv", period).expect("read");
    assert_eq!(ingested.parsed.diagnostics.coverage, period);
    assert!(ingested
        .parsed
        .facts
        .periods
        .iter()
        .all(|r| Some(r.period) == period && r.tool == Tool::Gemini));
    let _ = key();
}

/// A token count beyond any real one (1e30, read as the largest count) makes the row's input
/// total the largest count rather than stopping the read (the fuzzer found the overflow:
/// tests/fixtures/fuzz/claude_enterprise_analytics_json/).
#[test]
fn token_counts_too_large_to_add_saturate() {
    let text = String::from_utf8(fixture(USAGE)).expect("UTF-8").replacen(
        "\"cache_read_input_tokens\":5000",
        "\"cache_read_input_tokens\":1e30",
        1,
    );
    assert!(
        text.contains("1e30"),
        "the fixture's cache read count was replaced"
    );
    let ingested = read_bytes(text.as_bytes()).expect("read");
    let input: Vec<u64> = ingested
        .parsed
        .facts
        .daily
        .iter()
        .map(|r| r.measures.input_tokens)
        .collect();
    // Ana: 1000 + 300 + u64::MAX saturates; Ben: 300, as before.
    assert_eq!(input, vec![u64::MAX, 300]);
}
