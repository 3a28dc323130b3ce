//! The claude.ai Claude Code analytics table export (FORMATS.md §5d): undocumented headers,
//! recognised by what their names say or chosen in the column mapper, and no date: read for
//! the month the analyst gives.

mod common;

use common::{day, fixture, key, read_bytes, read_for};
use uptake::engine::date::DaySpan;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Cadence, Tool};
use uptake::engine::ingest::{ingest, IngestError, IngestOptions, Ingested};
use uptake::engine::sources::mapping::{ColumnMapping, MappingField, MappingForm};

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

const MEMBERS: &str = "claude/code_analytics_members.csv";

/// Reads a fixture as the page does after the mapper (and the period asker) answered.
fn read_mapped(
    name: &str,
    mapping: &ColumnMapping,
    period: Option<DaySpan>,
) -> Result<Ingested, IngestError> {
    let key = key();
    ingest(
        fixture(name).as_slice(),
        &IngestOptions::new(&key)
            .with_mapping(Some(mapping))
            .with_period(period),
    )
}

fn claude_mapping(email: usize, lines: Option<usize>) -> ColumnMapping {
    let mut mapping = ColumnMapping::new(FormatId::ClaudeCodeCsv);
    mapping.set("Email", Some(email));
    mapping.set("Lines", lines);
    mapping
}

#[test]
fn a_table_whose_email_column_is_not_named_asks_for_its_columns() {
    // `Member,Lines accepted,Sessions` with addresses under "Member": a short table with a
    // lines column and a column of email addresses is this export, its columns to be chosen.
    let error = read_bytes(&fixture(MEMBERS)).expect_err("needs a mapping");
    assert_eq!(error.format, Some(FormatId::ClaudeCodeCsv));
    assert_eq!(
        error.error.message,
        "This Claude Code analytics export's member email and lines-of-code columns were not both recognised among: Member, Lines accepted, Sessions."
    );
    assert_eq!(
        error.error.hint,
        "Choose which column holds what below (or read the file as another kind), then apply."
    );
    let request = error.error.mapping_request.expect("a mapping request");
    assert_eq!(request.headers, ["Member", "Lines accepted", "Sessions"]);
    // "Read as:" the detected format first, then the roster.
    let formats: Vec<FormatId> = request.forms.iter().map(|f| f.format).collect();
    assert_eq!(formats, [FormatId::ClaudeCodeCsv, FormatId::Hris]);
    let field = |id: &str, label: &str, required| MappingField {
        id: id.into(),
        label: label.into(),
        required,
    };
    assert_eq!(
        request.forms[0],
        MappingForm {
            format: FormatId::ClaudeCodeCsv,
            label: "Claude Code analytics table".into(),
            instruction: "Which column holds each member's email address, and which their lines of code (accepted, or added)?".into(),
            fields: vec![
                field("Email", "Member's email", true),
                field("Lines", "Lines of code", true),
            ],
            one_of: Vec::new(),
            // "Member" holds the addresses (4 of 4 rows); "Lines accepted" is named for lines.
            guess: claude_mapping(0, Some(1)),
        }
    );
    let roster = &request.forms[1];
    assert_eq!(
        (roster.label.as_str(), roster.instruction.as_str()),
        (
            "HRIS roster",
            "Which column holds what? Pick at least a work email, employee id or GitHub login."
        )
    );
    assert_eq!(roster.fields.len(), 13);
    assert_eq!(roster.fields[0], field("Email", "Work email", false));
    assert_eq!(roster.fields[4], field("Department", "Department", false));
    assert_eq!(roster.one_of, ["Email", "EmployeeId", "GithubLogin"]);
    assert_eq!(roster.guess.columns, [("Email".to_string(), 0)]);
    // The guess is complete for the table (both columns), and for the roster (an email).
    assert!(request.forms[0].complete(&request.forms[0].guess));
    assert!(roster.complete(&roster.guess));
    assert!(!request.forms[0].complete(&claude_mapping(0, None)));
}

#[test]
fn the_table_is_read_with_the_chosen_columns_for_the_month_given() {
    let mapping = claude_mapping(0, Some(1));
    // Mapped but no month yet: the period asker comes next.
    let error = read_mapped(MEMBERS, &mapping, None).expect_err("needs its month");
    assert_eq!(error.format, Some(FormatId::ClaudeCodeCsv));
    assert!(error.error.period_request.is_some());
    assert!(error.error.mapping_request.is_none());

    let ingested = read_mapped(MEMBERS, &mapping, november()).expect("read");
    assert_eq!(ingested.format, FormatId::ClaudeCodeCsv);
    let d = &ingested.parsed.diagnostics;
    // Ana, Ben, Cleo and Dev: 4 rows, none skipped.
    assert_eq!((d.rows_accepted, d.rows_skipped), (4, 0));
    // 1240 + 0 + 310 + 87 = 1637 lines.
    assert_eq!(
        d.notes[0],
        "Read \"Member\" as the member and \"Lines accepted\" as lines of code: 1637 lines over 2026-11-01 to 2026-11-30, the period you gave. Lines over a month have no day, so they are counted here, not in the Claude Code view; the people with lines count as active over the period."
    );
    // Ben has 0 lines: 3 of the 4 members are active over November.
    let active: Vec<bool> = ingested
        .parsed
        .facts
        .periods
        .iter()
        .map(|r| {
            assert_eq!((r.tool, Some(r.period)), (Tool::Claude, november()));
            r.is_active
        })
        .collect();
    assert_eq!(active, [true, false, true, true]);
}

#[test]
fn an_incomplete_mapping_asks_again_with_the_columns_chosen() {
    let chosen = claude_mapping(2, None);
    let error = read_mapped(MEMBERS, &chosen, november()).expect_err("no lines column");
    let request = error.error.mapping_request.expect("asked again");
    assert_eq!(request.forms[0].guess, chosen);
    // A column past the end of the header is no column.
    let error = read_mapped(MEMBERS, &claude_mapping(0, Some(9)), november()).expect_err("none");
    assert!(error.error.mapping_request.is_some());
}

#[test]
fn read_as_a_roster_the_same_table_is_an_hris_file() {
    // The analyst says "Read as: HRIS roster", Member as the work email.
    let mut mapping = ColumnMapping::new(FormatId::Hris);
    mapping.set("Email", Some(0));
    let ingested = read_mapped(MEMBERS, &mapping, None).expect("read as a roster");
    assert_eq!(ingested.format, FormatId::Hris);
    assert_eq!(ingested.parsed.facts.people.len(), 4);
    assert!(ingested.parsed.facts.periods.is_empty());
}
