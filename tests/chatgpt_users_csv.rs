//! The ChatGPT workspace Users CSV parser, one fixture per quirk (FORMATS.md §1a).

mod common;

use common::{fixture, read, read_bytes};
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Cadence, SeatStatus};
use uptake::engine::identity::IdKind;

use common::day;

#[test]
fn weekly_export_rows_pending_idle_and_model_maps() {
    let ingested = read("chatgpt_users_weekly.csv");
    assert_eq!(ingested.format, FormatId::ChatgptUsersCsv);
    let d = &ingested.parsed.diagnostics;
    // 22 data rows: 5 + 5 + 6 + 6 over four weeks; none skipped, none repeated.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (22, 0, 0)
    );
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2025-03-30"), day("2025-04-26")))
    );
    let facts = &ingested.parsed.facts;
    assert!(facts
        .periods
        .iter()
        .all(|r| r.cadence == Cadence::Weekly && r.period.days() == 7));
    // Eve is pending in every week (4 rows); nobody else is.
    assert_eq!(
        facts
            .periods
            .iter()
            .filter(|r| r.status == SeatStatus::Pending)
            .count(),
        4
    );
    // Messages: W1 25+10, W2 30+4, W3 6+12, W4 40+8+2 → 137.
    assert_eq!(facts.periods.iter().map(|r| r.messages).sum::<u32>(), 137);
    // Ada's first week: Python-repr map {'gpt-4o': 20, 'o3': 5}; Bo's: JSON {"gpt-4o": 10}.
    let first = &facts.periods[0];
    let models: Vec<(&str, u32)> = facts
        .models_of(first)
        .iter()
        .map(|m| (facts.strings.resolve(m.model), m.messages))
        .collect();
    assert_eq!(models, vec![("gpt-4o", 20), ("o3", 5)]);
    assert_eq!(
        facts
            .models_of(&facts.periods[1])
            .iter()
            .map(|m| m.messages)
            .sum::<u32>(),
        10
    );
    // The `department` JSON-array string `["Engineering"]` is read as "Engineering".
    assert_eq!(
        first.department.map(|d| facts.strings.resolve(d)),
        Some("Engineering")
    );
    // `is_active` True/1/0 and the period's active days.
    assert!(first.is_active && facts.periods[1].is_active && !facts.periods[2].is_active);
    assert_eq!(first.first_active_in_period, Some(day("2025-04-02")));
    // 6 emails and 5 public ids (Eve has none) are hashed; each public id is linked to its email.
    let kinds = |k| {
        (0..facts.identities.len() as u32)
            .filter(|&i| facts.identities.kind(uptake::engine::facts::IdentityId(i)) == k)
            .count()
    };
    assert_eq!((kinds(IdKind::Email), kinds(IdKind::OpenaiUser)), (6, 5));
    assert_eq!(facts.links.len(), 5);
}

#[test]
fn missing_cadence_reordered_and_extra_columns() {
    let ingested = read("chatgpt_users_no_cadence.csv");
    let facts = &ingested.parsed.facts;
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 2);
    // 2025-04-20..26 is 7 days → Weekly; 2025-04-01..30 is a whole month → Monthly.
    assert_eq!(facts.periods[0].cadence, Cadence::Weekly);
    assert_eq!(facts.periods[1].cadence, Cadence::Monthly);
    assert_eq!(facts.periods[0].credits, Some(12.5));
    assert_eq!(facts.periods[1].credits, None);
    assert!(ingested
        .parsed
        .diagnostics
        .notes
        .iter()
        .any(|n| n.contains("No \"cadence\" column")));
}

#[test]
fn monthly_and_date_range_cadences() {
    let facts = read("chatgpt_users_monthly.csv").parsed.facts;
    assert_eq!(facts.periods[0].cadence, Cadence::Monthly);
    assert_eq!(facts.periods[1].cadence, Cadence::DateRange);
    assert_eq!(facts.periods[1].period.days(), 15);
}

#[test]
fn bad_rows_are_skipped_with_line_column_and_reason() {
    let ingested = read("chatgpt_users_bad_rows.csv");
    let d = &ingested.parsed.diagnostics;
    // Rows on lines 2 (ada) and 7 (fay: kept without its model split) are good.
    assert_eq!((d.rows_accepted, d.rows_skipped), (2, 4));
    let messages: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        vec![
            "line 3, column \"messages\": expected a whole number, found \"n/a\"",
            "line 4, column \"period_start\": expected a date like 2025-03-30, found \"04/20/2025\", a date in a spreadsheet's local format; save the column as YYYY-MM-DD and add the file again",
            "line 5, column \"email\": no email or public_id: the row names nobody",
            "line 6, column \"is_active\": expected 1/0 or True/False, found \"maybe\"",
        ]
    );
    assert!(d
        .notes
        .iter()
        .any(|n| n.starts_with("line 7, column \"model_to_messages\"")));
}

#[test]
fn bom_semicolons_and_crlf() {
    let ingested = read("chatgpt_users_bom_semicolon.csv");
    assert_eq!(ingested.format, FormatId::ChatgptUsersCsv);
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 2);
    let facts = &ingested.parsed.facts;
    assert_eq!(facts.periods.iter().map(|r| r.messages).sum::<u32>(), 48);
    assert_eq!(facts.models_of(&facts.periods[0]).len(), 2);
}

#[test]
fn utf16_excel_unicode_text_reads_like_utf8() {
    // Excel's "Unicode text": UTF-16 LE with a BOM, tab-delimited.
    let source = fixture("chatgpt_users_weekly.csv");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&source[..]);
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .from_writer(Vec::new());
    for record in reader.records() {
        writer
            .write_record(&record.expect("fixture row"))
            .expect("in memory");
    }
    let text = String::from_utf8(writer.into_inner().expect("in memory")).expect("utf-8");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let ingested = read_bytes(&bytes).expect("reads");
    assert_eq!(ingested.format, FormatId::ChatgptUsersCsv);
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 22);
    assert_eq!(
        ingested.parsed.diagnostics.notes,
        vec!["Read as UTF-16 LE.".to_string()]
    );
    let facts = &ingested.parsed.facts;
    assert_eq!(facts.models_of(&facts.periods[0]).len(), 2);
}
