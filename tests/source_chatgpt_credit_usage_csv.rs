//! The ChatGPT credit usage CSV parser, one fixture per quirk (FORMATS.md §1h).

mod common;

use common::{key, read};
use uptake::engine::date::Day;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Facts, IdentityId, Tool};
use uptake::engine::identity::IdKind;

use common::day;

fn raw_values(name: &str, columns: &[&str]) -> Vec<String> {
    common::csv_values(name, columns)
}

/// No raw email, user id or name is kept in the facts.
fn assert_nothing_raw(name: &str, facts: &Facts) {
    let debug = format!("{facts:?}").to_lowercase();
    for raw in raw_values(name, &["email", "account_user_id", "public_id", "name"]) {
        assert!(!debug.contains(&raw), "{raw} from {name} is in the facts");
    }
}

fn kind_count(facts: &Facts, kind: IdKind) -> usize {
    (0..facts.identities.len() as u32)
        .filter(|&i| facts.identities.kind(IdentityId(i)) == kind)
        .count()
}

/// Day, SKU (usage_type), credits, quantity, unit.
type ChargeRow<'a> = (Day, Option<&'a str>, f64, f64, Option<&'a str>);

#[test]
fn credit_rows_with_linked_ids_an_unattributed_row_and_a_repeat() {
    let ingested = read("chatgpt_credit_usage.csv");
    assert_eq!(ingested.format, FormatId::ChatgptCreditUsageCsv);
    let d = &ingested.parsed.diagnostics;
    // 6 rows: the last repeats line 2 and counts once.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (5, 0, 1)
    );
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2026-02-01"), day("2026-02-03")))
    );
    assert_eq!(
        d.notes,
        vec![
            "1 row names no email, public_id or account_user_id: it counts in the totals but \
             belongs to nobody."
                .to_string()
        ]
    );
    let facts = &ingested.parsed.facts;
    let s = |sym| facts.strings.resolve(sym);
    let rows: Vec<ChargeRow<'_>> = facts
        .charges
        .iter()
        .map(|c| {
            let day = c.day.expect("day");
            (day, c.sku.map(s), c.credits, c.quantity, c.unit.map(s))
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                day("2026-02-01"),
                Some("chat.completion.5.pro"),
                12.5,
                5.0,
                Some("messages")
            ),
            (
                day("2026-02-01"),
                Some("image.generation"),
                4.0,
                2.0,
                Some("images")
            ),
            (
                day("2026-02-02"),
                Some("chat.completion.5.pro"),
                2.5,
                1.0,
                Some("messages")
            ),
            (
                day("2026-02-03"),
                Some("chat.completion.5.pro"),
                7.25,
                3.0,
                Some("messages")
            ),
            (
                day("2026-02-03"),
                Some("chat.completion.5.pro"),
                1.0,
                1.0,
                Some("messages")
            ),
        ]
    );
    // Credits: 12.5 + 4 + 2.5 + 7.25 + 1 = 27.25 (all exact in binary).
    assert_eq!(facts.charges.iter().map(|c| c.credits).sum::<f64>(), 27.25);
    assert!(facts.charges.iter().all(|c| c.tool == Some(Tool::Chatgpt)));
    assert!(facts
        .charges
        .iter()
        .all(|c| c.net_usd == 0.0 && c.product.is_none()));
    // The email is the person; Ada and Bo each have a public id and an account user id linked
    // to it (4 links). Cy's row has only a public id, the fifth row nobody.
    let ada = facts.charges[0].identity.expect("identity");
    assert_eq!(
        facts.identities.pseudonym(ada),
        key().pseudonym(IdKind::Email, "credit.ada@example.com")
    );
    let cy = facts.charges[3].identity.expect("identity");
    assert_eq!(
        facts.identities.pseudonym(cy),
        key().pseudonym(IdKind::OpenaiUser, "user-CrCy3")
    );
    assert_eq!(facts.charges[4].identity, None);
    // Emails: ada, bo; OpenAI user ids: user-CrAda1, ua-0001, user-CrBo2, ua-0002, user-CrCy3.
    assert_eq!(
        (
            kind_count(facts, IdKind::Email),
            kind_count(facts, IdKind::OpenaiUser)
        ),
        (2, 5)
    );
    assert_eq!(facts.links.len(), 4);
    assert_nothing_raw("chatgpt_credit_usage.csv", facts);
}

#[test]
fn bad_rows_are_skipped_with_line_column_and_reason() {
    // Also: reordered columns, and no account_user_id, public_id or name at all.
    let ingested = read("chatgpt_credit_usage_bad_rows.csv");
    assert_eq!(ingested.format, FormatId::ChatgptCreditUsageCsv);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (1, 4));
    let messages: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        vec![
            "line 3, column \"date_partition\": expected a date like 2025-03-30, found nothing",
            "line 4, column \"date_partition\": expected a date like 2025-03-30, found \"02/01/2026\", whose day and month cannot be told apart (2 January or 1 February); save the column as YYYY-MM-DD and add the file again",
            "line 5, column \"usage_credits\": expected a number, found \"lots\"",
            "line 6, column \"usage_quantity\": expected a number, found \"some\"",
        ]
    );
    let facts = &ingested.parsed.facts;
    assert_eq!(facts.charges[0].credits, 1.5);
    assert_nothing_raw("chatgpt_credit_usage_bad_rows.csv", facts);
}
