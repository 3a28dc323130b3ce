//! The claude.ai Claude Code analytics table export (FORMATS.md §5d): undocumented headers,
//! recognised by what their names say, and no date: read for the month the analyst gives.

mod common;

use common::{day, fixture, read_bytes, read_for};
use uptake::engine::date::DaySpan;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Cadence, Tool};

const FILE: &str = "claude/code_analytics.csv";

fn november() -> Option<DaySpan> {
    Some(DaySpan::new(day("2026-11-01"), day("2026-11-30")))
}

#[test]
fn it_asks_for_its_month() {
    let error = read_bytes(&fixture(FILE)).expect_err("no month");
    assert_eq!(error.format, Some(FormatId::ClaudeCodeCsv));
    let request = error.error.period_request.expect("a period request");
    assert_eq!((request.fixed_days, request.max_days), (None, Some(31)));
    // Two months at once is more than the export covers (61 days).
    let error = read_for(
        FILE,
        Some(DaySpan::new(day("2026-10-01"), day("2026-11-30"))),
    )
    .expect_err("too long");
    assert!(error.error.period_request.is_some());
}

#[test]
fn members_with_lines_are_active_over_the_month() {
    let ingested = read_for(FILE, november()).expect("read");
    let d = &ingested.parsed.diagnostics;
    // 5 rows: Ana, Ben (0 lines), Dev read; a row without email and "lots" of lines skipped.
    assert_eq!((d.rows_accepted, d.rows_skipped), (3, 2));
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 4, column \"Email\": no email: the row names nobody",
            "line 5, column \"Lines of code accepted\": expected a whole number, found \"lots\"",
        ]
    );
    // 1240 + 0 + 87 = 1327 lines.
    assert!(
        d.notes[0].starts_with("Read \"Email\" as the member and \"Lines of code accepted\" as lines of code: 1327 lines over 2026-11-01 to 2026-11-30"),
        "{:?}",
        d.notes
    );
    let rows: Vec<(Tool, Cadence, bool)> = ingested
        .parsed
        .facts
        .periods
        .iter()
        .map(|r| {
            assert_eq!(Some(r.period), november());
            (r.tool, r.cadence, r.is_active)
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (Tool::Claude, Cadence::DateRange, true),
            (Tool::Claude, Cadence::DateRange, false),
            (Tool::Claude, Cadence::DateRange, true),
        ]
    );
}

#[test]
fn a_table_without_an_email_or_lines_column_is_not_this_export() {
    // A roster with a department is still an HRIS file; a lines column without an email is
    // not recognised at all.
    let roster = b"Email,Department,Lines managed\nana@example.com,Engineering,3\n";
    assert_eq!(
        read_bytes(roster).map(|i| i.format).ok(),
        Some(FormatId::Hris)
    );
    let no_email = b"Member,Lines of code\nAna,12\n";
    assert!(read_bytes(no_email).is_err());
}
