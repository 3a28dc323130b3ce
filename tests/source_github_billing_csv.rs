//! The GitHub billing usage CSV parser, one fixture per header variant and quirk (FORMATS.md
//! §3e).

mod common;

use common::{fixture, key, read};
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Facts, Tool};
use uptake::engine::identity::IdKind;
use uptake::engine::text::Encoding;

use common::day;

/// Every non-empty value of the named columns of a fixture (a byte-order mark is passed over).
fn raw_values(name: &str, columns: &[&str]) -> Vec<String> {
    common::csv_values(name, columns)
}

/// No raw username is kept in the facts.
fn assert_nothing_raw(name: &str, facts: &Facts) {
    let debug = format!("{facts:?}").to_lowercase();
    for raw in raw_values(name, &["username"]) {
        assert!(!debug.contains(&raw), "{raw} from {name} is in the facts");
    }
}

/// Sums of money in binary floating point, compared to the cent's millionth.
fn assert_close(found: f64, expected: f64) {
    assert!((found - expected).abs() < 1e-9, "{found} ≠ {expected}");
}

#[test]
fn ai_credit_report_with_a_byte_order_mark() {
    let bytes = fixture("github_billing_aic.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF\"date\""));
    let ingested = read("github_billing_aic.csv");
    assert_eq!(ingested.format, FormatId::GithubBillingUsageCsv);
    let d = &ingested.parsed.diagnostics;
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (4, 0, 0)
    );
    assert_eq!(ingested.encoding, Encoding::Utf8Bom);
    assert_eq!(
        d.notes,
        vec!["Read as UTF-8 with byte-order mark.".to_string()]
    );
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2026-05-04"), day("2026-05-05")))
    );
    let facts = &ingested.parsed.facts;
    assert!(facts.charges.iter().all(|c| c.tool == Some(Tool::Copilot)));
    let s = |sym| facts.strings.resolve(sym);
    let first = &facts.charges[0];
    assert_eq!(
        (
            first.product.map(s),
            first.sku.map(s),
            first.model.map(s),
            first.unit.map(s),
            first.organization.map(s),
            first.cost_centre.map(s),
        ),
        (
            Some("copilot"),
            Some("copilot_premium_request"),
            Some("Claude Sonnet 4.6"),
            Some("requests"),
            Some("acme-corp"),
            Some("Platform"),
        )
    );
    let skus: Vec<&str> = facts.charges.iter().filter_map(|c| c.sku.map(s)).collect();
    assert_eq!(
        skus,
        vec![
            "copilot_premium_request",
            "copilot_premium_request",
            "coding_agent_premium_request",
            "spark_premium_request"
        ]
    );
    // An empty cost_center_name is no cost centre.
    assert_eq!(facts.charges[2].cost_centre, None);
    // Quantity 3 + 1.5 + 2 + 4 = 10.5 requests; aic_quantity the same 10.5 credits.
    // Gross 0.12 + 0.06 + 0.08 + 0.16 = 0.42; net 0 + 0.06 + 0 + 0.16 = 0.22.
    let sum = |f: fn(&uptake::engine::facts::UsageCharge) -> f64| {
        facts.charges.iter().map(f).sum::<f64>()
    };
    assert_close(sum(|c| c.quantity), 10.5);
    assert_close(sum(|c| c.credits), 10.5);
    assert_close(sum(|c| c.gross_usd), 0.42);
    assert_close(sum(|c| c.net_usd), 0.22);
    // "Octo-Ada" and "octo-ada" are one GitHub login: 3 people.
    assert_eq!(facts.charges[0].identity, facts.charges[1].identity);
    let ada = facts.charges[0].identity.expect("identity");
    assert_eq!(
        facts.identities.pseudonym(ada),
        key().pseudonym(IdKind::GithubLogin, "octo-ada")
    );
    assert_eq!(facts.identities.len(), 3);
    assert_nothing_raw("github_billing_aic.csv", facts);
}

#[test]
fn token_report_columns_are_not_credits() {
    let ingested = read("github_billing_tokens.csv");
    assert_eq!(ingested.format, FormatId::GithubBillingUsageCsv);
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 2);
    let facts = &ingested.parsed.facts;
    // No aic_quantity: no credits. Quantity 2 + 10 = 12; net 0 + 0.4 = 0.4.
    assert!(facts.charges.iter().all(|c| c.credits == 0.0));
    assert_close(facts.charges.iter().map(|c| c.quantity).sum(), 12.0);
    assert_close(facts.charges.iter().map(|c| c.net_usd).sum(), 0.4);
    // Token counts have no place in a charge and are dropped.
    assert!(!format!("{facts:?}").contains("800000"));
    assert_nothing_raw("github_billing_tokens.csv", facts);
}

#[test]
fn repository_column_is_dropped_and_cost_centre_found_after_it() {
    let ingested = read("github_billing_repository.csv");
    assert_eq!(ingested.format, FormatId::GithubBillingUsageCsv);
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 2);
    let facts = &ingested.parsed.facts;
    let s = |sym| facts.strings.resolve(sym);
    let centres: Vec<Option<&str>> = facts.charges.iter().map(|c| c.cost_centre.map(s)).collect();
    assert_eq!(centres, vec![Some("Platform"), Some("Research")]);
    assert!(!format!("{facts:?}").contains("secret-roadmap"));
    assert_nothing_raw("github_billing_repository.csv", facts);
}

#[test]
fn other_products_are_noted_and_rows_without_a_user_kept() {
    let ingested = read("github_billing_other_products.csv");
    let d = &ingested.parsed.diagnostics;
    // actions_linux and packages_storage are not Copilot; copilot_business (seats) and the
    // premium request without a username are.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (2, 0, 0)
    );
    assert_eq!(
        d.notes,
        vec![
            "2 rows are for other GitHub products (not Copilot) and were not read.".to_string(),
            "1 row names no username: it counts in the totals but belongs to nobody.".to_string(),
        ]
    );
    let facts = &ingested.parsed.facts;
    assert!(facts.charges[0].identity.is_some());
    assert_eq!(facts.charges[1].identity, None);
    // Net: 19 (seat) + 0.2 (requests) = 19.2.
    assert_close(facts.charges.iter().map(|c| c.net_usd).sum(), 19.2);
    assert_nothing_raw("github_billing_other_products.csv", facts);
}

#[test]
fn bad_rows_are_skipped_with_line_column_and_reason() {
    let ingested = read("github_billing_bad_rows.csv");
    assert_eq!(ingested.format, FormatId::GithubBillingUsageCsv);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (1, 4));
    let messages: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        vec![
            "line 3, column \"date\": expected a date like 2025-03-30, found nothing",
            "line 4, column \"date\": expected a date like 2025-03-30, found \"04/01/2026\", whose day and month cannot be told apart (4 January or 1 April); save the column as YYYY-MM-DD and add the file again",
            "line 5, column \"quantity\": expected a number, found \"three\"",
            "line 6, column \"net_amount\": expected a number, found \"$x\"",
        ]
    );
    assert_nothing_raw("github_billing_bad_rows.csv", &ingested.parsed.facts);
}
