//! The ChatGPT workspace GPTs CSV parser, one fixture per quirk (FORMATS.md §1b).

mod common;

use common::read;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{AssetKind, Facts, IdentityId};
use uptake::engine::identity::IdKind;

use common::day;

fn raw_values(name: &str, columns: &[&str]) -> Vec<String> {
    common::csv_values(name, columns)
}

/// No raw creator email or public id (nor dropped description or URL) is kept in the facts.
fn assert_nothing_raw(name: &str, facts: &Facts) {
    let debug = format!("{facts:?}").to_lowercase();
    let columns = [
        "gpt_creator_email",
        "gpt_creator_public_id",
        "gpt_description",
        "gpt_url",
    ];
    for raw in raw_values(name, &columns) {
        assert!(!debug.contains(&raw), "{raw} from {name} is in the facts");
    }
}

fn kind_count(facts: &Facts, kind: IdKind) -> usize {
    (0..facts.identities.len() as u32)
        .filter(|&i| facts.identities.kind(IdentityId(i)) == kind)
        .count()
}

#[test]
fn weekly_gpts_with_creators_names_and_a_repeated_row() {
    let ingested = read("chatgpt_gpts.csv");
    assert_eq!(ingested.format, FormatId::ChatgptGptsCsv);
    let d = &ingested.parsed.diagnostics;
    // 6 data rows: the last repeats line 4 (g-abc123, week of 2025-04-06) and counts once.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (5, 0, 1)
    );
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2025-03-30"), day("2025-04-12")))
    );
    let facts = &ingested.parsed.facts;
    assert!(facts.assets.iter().all(|a| a.kind == AssetKind::Gpt));
    let s = |sym| facts.strings.resolve(sym);
    let rows: Vec<(&str, Option<&str>, u64, u64, bool)> = facts
        .assets
        .iter()
        .map(|a| {
            (
                s(a.asset),
                a.name.map(s),
                a.messages,
                a.unique_users,
                a.active,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("g-abc123", Some("Contract Helper"), 42, 7, true),
            ("g-def456", Some("Release Notes"), 0, 0, false),
            ("g-abc123", Some("Contract Helper"), 13, 3, true),
            ("g-ghi789", Some("Onboarding Buddy"), 5, 2, true),
            ("g-jkl000", Some("Legacy Bot"), 0, 0, false),
        ]
    );
    // Messages: 42 + 0 + 13 + 5 + 0 = 60.
    assert_eq!(facts.assets.iter().map(|a| a.messages).sum::<u64>(), 60);
    assert_eq!(facts.assets[0].period.days(), 7);
    // Creators: gpt.ada (twice, once as "GPT.Ada@Example.com") and gpt.bo by email; Cy by public
    // id only; g-jkl000 names nobody. Ada's email is linked to her public id: one link.
    let ada = facts.assets[0].creator.expect("creator");
    assert_eq!(facts.assets[2].creator, Some(ada));
    assert_eq!(facts.identities.kind(ada), IdKind::Email);
    let cy = facts.assets[3].creator.expect("creator");
    assert_eq!(facts.identities.kind(cy), IdKind::OpenaiUser);
    assert_eq!(facts.assets[4].creator, None);
    assert_eq!(
        (
            kind_count(facts, IdKind::Email),
            kind_count(facts, IdKind::OpenaiUser)
        ),
        (2, 2)
    );
    assert_eq!(facts.links.len(), 1);
    assert_nothing_raw("chatgpt_gpts.csv", facts);
    // The description is dropped even where it held a comma inside quotes.
    assert!(!format!("{facts:?}").contains("Answers questions"));
}

#[test]
fn bad_rows_are_skipped_with_line_column_and_reason() {
    let ingested = read("chatgpt_gpts_bad_rows.csv");
    let d = &ingested.parsed.diagnostics;
    // Lines 2 (g-ok1) and 7 (g-ok5) are good; six are not.
    assert_eq!((d.rows_accepted, d.rows_skipped), (2, 6));
    let messages: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        vec![
            "line 3, column \"gpt_id\": no gpt_id: the row names no GPT",
            "line 4, column \"messages_workspace\": expected a whole number, found \"n/a\"",
            "line 5, column \"period_start\": expected a date like 2025-03-30, found \"04/01/2025\", whose day and month cannot be told apart (4 January or 1 April); save the column as YYYY-MM-DD and add the file again",
            "line 6, column \"period_end\": the period ends (2025-04-01) before it starts (2025-04-30)",
            "line 8, column \"is_active\": expected 1/0 or True/False, found \"maybe\"",
        ]
    );
    // Only the first five are described; the sixth (line 9, a Date Range with no end) is counted.
    assert_eq!(d.skipped.len(), 5);
    let facts = &ingested.parsed.facts;
    // g-ok5: Monthly from 2025-05-01 with an empty period_end → 2025-05-01..2025-05-31 (31
    // days); its empty is_active falls back to messages > 0 (4).
    let ok5 = &facts.assets[1];
    assert_eq!(
        (ok5.period.first, ok5.period.last),
        (day("2025-05-01"), day("2025-05-31"))
    );
    assert!(ok5.active);
    assert_nothing_raw("chatgpt_gpts_bad_rows.csv", facts);
}

#[test]
fn a_date_range_without_an_end_is_named() {
    let bytes =
        b"cadence,period_start,period_end,gpt_id,messages_workspace,unique_messagers_workspace\n\
Date Range,2025-04-01,,g-x,1,1\n";
    let ingested = common::read_bytes(bytes).expect("reads");
    assert_eq!(
        ingested.parsed.diagnostics.skipped[0].to_string(),
        "line 2, column \"period_end\": expected a date like 2025-04-05, found nothing"
    );
}
