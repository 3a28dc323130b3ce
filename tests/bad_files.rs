//! Hostile and broken input (issue 7): every file of `tests/fixtures/bad/`, and the large or
//! re-encoded ones built here, with the exact message it gets and what survives of it.
//!
//! The page shows a file's row as its name, then `error` in bold and `hint` (or, for a file
//! that was read, its counts and "Skipped line …" / notes under "details"), so messages never
//! repeat the file name and every one names the place, what was found and what to do.

mod common;

use common::{fixture, key, read_bytes};
use std::io::Read;
use uptake::engine::dataset::{Dataset, TEAMS_WITHOUT_USAGE};
use uptake::engine::detect::FormatId;
use uptake::engine::ingest::{ingest, IngestError, IngestOptions, Ingested};
use uptake::engine::text::Encoding;

fn bad(name: &str) -> Vec<u8> {
    fixture(&format!("bad/{name}"))
}

/// The message and hint of a file that cannot be read.
fn refused(bytes: &[u8]) -> (Option<FormatId>, String, String) {
    match read_bytes(bytes) {
        Ok(ingested) => panic!("read as {:?}", ingested.format),
        Err(IngestError { format, error }) => (format, error.message, error.hint),
    }
}

fn read_ok(bytes: &[u8]) -> Ingested {
    read_bytes(bytes).unwrap_or_else(|e| panic!("refused: {:?}", e.error))
}

/// Accepted, skipped and duplicate rows.
fn counts(ingested: &Ingested) -> (u64, u64, u64) {
    let d = &ingested.parsed.diagnostics;
    (d.rows_accepted, d.rows_skipped, d.rows_duplicate)
}

/// The skipped rows as the page lists them (after "Skipped ").
fn skipped(ingested: &Ingested) -> Vec<String> {
    let d = &ingested.parsed.diagnostics;
    d.skipped.iter().map(ToString::to_string).collect()
}

fn notes(ingested: &Ingested) -> Vec<&str> {
    let d = &ingested.parsed.diagnostics;
    d.notes.iter().map(String::as_str).collect()
}

const EMPTY: (&str, &str) = (
    "The file is empty.",
    "Download the export again; a complete file has a header row and data.",
);

#[test]
fn empty_and_blank_files() {
    for name in ["empty.csv", "blank.csv"] {
        let (format, message, hint) = refused(&bad(name));
        assert_eq!(
            (format, message.as_str(), hint.as_str()),
            (None, EMPTY.0, EMPTY.1)
        );
    }
}

#[test]
fn images_and_documents_are_named() {
    let generic = "Add the CSV or JSON export as downloaded from the vendor's console.";
    assert_eq!(
        refused(&bad("image.png")),
        (
            None,
            "This is a PNG image, not a usage export.".into(),
            generic.into()
        )
    );
    assert_eq!(
        refused(&bad("report.pdf")),
        (
            None,
            "This is a PDF document, not a usage export.".into(),
            generic.into()
        )
    );
}

#[test]
fn a_zip_says_what_it_holds() {
    // export.zip holds users.csv then conversations.json (deflated, sizes in the local headers).
    assert_eq!(
        refused(&bad("export.zip")),
        (
            None,
            "This is a zip archive holding users.csv and conversations.json, not a usage export."
                .into(),
            "Unzip it and add the files inside.".into()
        )
    );
    // A workbook is a zip whose members live under xl/.
    let mut xlsx = Vec::new();
    for name in ["[Content_Types].xml", "xl/workbook.xml"] {
        xlsx.extend_from_slice(&zip_entry(name, b"<x/>"));
    }
    assert_eq!(
        refused(&xlsx).1,
        "This is an Excel workbook (.xlsx), not a usage export."
    );
    // Six members: five named, the rest counted. A streamed entry (flag bit 3) ends the list.
    let mut many = Vec::new();
    for i in 1..=6 {
        many.extend_from_slice(&zip_entry(&format!("f{i}.csv"), b"a\n"));
    }
    assert_eq!(
        refused(&many).1,
        "This is a zip archive holding f1.csv, f2.csv, f3.csv, f4.csv, f5.csv and 1 more files, not a usage export."
    );
    let mut streamed = zip_entry("users.csv", b"");
    streamed[6] = 0x08;
    streamed.extend_from_slice(b"garbage");
    assert_eq!(
        refused(&streamed).1,
        "This is a zip archive holding users.csv, not a usage export."
    );
    // A cut header never reads past the head.
    assert_eq!(
        refused(b"PK\x03\x04\x14\x00").1,
        "This is a zip archive, not a usage export."
    );
}

/// A stored (uncompressed) zip entry: local header, name, data.
fn zip_entry(name: &str, data: &[u8]) -> Vec<u8> {
    let mut out = b"PK\x03\x04".to_vec();
    out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&(name.len() as u16).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(data);
    out
}

#[test]
fn header_only_is_read_and_says_it_holds_nobody() {
    let ingested = read_ok(&bad("users_header_only.csv"));
    assert_eq!(ingested.format, FormatId::ChatgptUsersCsv);
    assert_eq!(counts(&ingested), (0, 0, 0));
    assert_eq!(
        notes(&ingested),
        vec!["No rows were found after the header: the export covers nobody. Export a period that has activity, or check that the download finished."]
    );
    // The same for a JSON export with no records.
    // A JSON export with no records cannot even be recognised: it says so.
    for empty in [
        &br#"{"object":"page","data":[],"has_more":false}"#[..],
        b"[]",
        b"[\n]\n",
    ] {
        assert_eq!(
            refused(empty),
            (
                None,
                "The file holds no records: its JSON list is empty, so it covers nobody and its format cannot be told.".into(),
                "Export a period that has activity (an API page with \"data\": [] is empty), then add it again.".into()
            )
        );
    }
}

#[test]
fn truncated_csv_keeps_complete_rows_and_says_where_it_was_cut() {
    // Header (8 columns), ada, bo, then "Weekly,2026-03-01,2026-03-07,cy@exa" with no line end:
    // 4 of 8 fields on line 4.
    let ingested = read_ok(&bad("users_truncated.csv"));
    assert_eq!(counts(&ingested), (2, 1, 0));
    assert_eq!(
        skipped(&ingested),
        vec!["line 4: the file ends in the middle of this row (4 of 8 fields): the download may have been cut short; download the export again"]
    );
    // Cut inside a quoted value: the same.
    let text = String::from_utf8(bad("users_truncated.csv")).expect("utf-8");
    let cut = text.replace("cy@exa", "cy@example.com,\"[\"\"Sal");
    let ingested = read_ok(cut.as_bytes());
    assert_eq!(
        skipped(&ingested),
        vec!["line 4: the file ends in the middle of this row (5 of 8 fields): the download may have been cut short; download the export again"]
    );
}

#[test]
fn truncated_json_and_ndjson_keep_complete_records() {
    // A page of three complete records, the fourth cut on line 6.
    let ingested = read_ok(&fixture("codex_usage_truncated.json"));
    assert_eq!(counts(&ingested), (3, 1, 0));
    assert_eq!(
        notes(&ingested)[0],
        "line 6: the file ends in the middle of a JSON record (3 complete records were read). The download may have been cut short: download the export again."
    );
    // NDJSON: alice's line is whole, bob's is cut after "tot".
    let ingested = read_ok(&bad("codex_usage_truncated.ndjson"));
    assert_eq!(ingested.format, FormatId::CodexUsageJson);
    assert_eq!(counts(&ingested), (1, 1, 0));
    assert_eq!(
        notes(&ingested)[0],
        "line 2: the file ends in the middle of a JSON record (1 complete record was read). The download may have been cut short: download the export again."
    );
}

#[test]
fn ragged_rows_are_skipped_not_shifted() {
    // Line 2 ada: whole. Line 3 bo: `Sales, Marketing` unquoted → 9 fields. Line 4 cy: 4
    // fields. Line 5 cy again with two empty trailing fields: read (empty extras are harmless).
    let ingested = read_ok(&bad("users_ragged.csv"));
    assert_eq!(counts(&ingested), (2, 2, 0));
    assert_eq!(
        skipped(&ingested),
        vec![
            "line 3: 9 fields where the header has 8: a value holds an unquoted \",\"; quote it (or save the file again as CSV) and add it again",
            "line 4: 4 fields where the header has 8: the row is cut short; export the file again",
        ]
    );
}

#[test]
fn duplicate_header_names_are_noted_and_the_first_is_read() {
    // email at columns 4 and 6, messages at 5 and 7: ada (25) is read, bo (99) ignored.
    let ingested = read_ok(&bad("users_duplicate_headers.csv"));
    assert_eq!(counts(&ingested), (1, 0, 0));
    assert_eq!(ingested.parsed.facts.periods[0].messages, 25);
    assert_eq!(
        notes(&ingested),
        vec![
            "line 1: column \"email\" appears twice (columns 4 and 6): only column 4 was read.",
            "line 1: column \"messages\" appears twice (columns 5 and 7): only column 5 was read.",
        ]
    );
}

/// The Users rows every re-save below carries: two people, one with an accented department.
const RESAVED: &str = "cadence,period_start,period_end,email,department,user_status,is_active,messages\r\n\
Weekly,2026-03-01,2026-03-07,zoë@example.com,\"[\"\"Recherche & Développement\"\"]\",enabled,1,25\r\n\
Weekly,2026-03-01,2026-03-07,bo@example.com,\"[\"\"Sales\"\"]\",enabled,0,0\r\n";

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'é' => 0xE9,
            'ë' => 0xEB,
            c if c.is_ascii() => c as u8,
            other => panic!("not in the test's table: {other}"),
        })
        .collect()
}

#[test]
fn excel_resaves_read_the_same_rows() {
    let semicolons = RESAVED.replace(',', ";");
    let tabs = RESAVED.replace(',', "\t");
    let cases: Vec<(&str, Vec<u8>, Encoding, Option<&str>)> = vec![
        ("utf-8", RESAVED.as_bytes().to_vec(), Encoding::Utf8, None),
        (
            "utf-8 bom ;",
            [b"\xEF\xBB\xBF".as_slice(), semicolons.as_bytes()].concat(),
            Encoding::Utf8Bom,
            Some("Read as UTF-8 with byte-order mark."),
        ),
        ("utf-16 le tab", utf16(&tabs, true), Encoding::Utf16Le, Some("Read as UTF-16 LE.")),
        ("utf-16 be", utf16(RESAVED, false), Encoding::Utf16Be, Some("Read as UTF-16 BE.")),
        (
            "windows-1252 ;",
            windows_1252(&semicolons),
            Encoding::Utf8,
            Some("line 2: the text is not UTF-8, so it was read as Windows-1252 (as Excel saves \"CSV\"). If names look wrong, save the file as \"CSV UTF-8\" and add it again."),
        ),
    ];
    let reference = read_ok(RESAVED.as_bytes());
    for (label, bytes, encoding, note) in cases {
        let ingested = read_ok(&bytes);
        assert_eq!(
            (ingested.format, ingested.encoding, counts(&ingested)),
            (FormatId::ChatgptUsersCsv, encoding, (2, 0, 0)),
            "{label}"
        );
        let facts = &ingested.parsed.facts;
        let department = facts.periods[0]
            .department
            .map(|d| facts.strings.resolve(d));
        assert_eq!(department, Some("Recherche & Développement"), "{label}");
        // The same person (zoë's hashed email) whatever the encoding.
        assert_eq!(
            facts.identities.pseudonym(facts.periods[0].identity),
            reference
                .parsed
                .facts
                .identities
                .pseudonym(reference.parsed.facts.periods[0].identity),
            "{label}"
        );
        assert_eq!(notes(&ingested).first().copied(), note, "{label}");
    }
}

#[test]
fn spreadsheet_dates_are_refused_with_what_they_would_be() {
    // Line 2: 03/01/2026 (1 March or 3 January); line 3: 46082, the serial of 2026-03-01
    // (days since 1899-12-30: 25 569 to 1970-01-01, plus 56 × 365 + 14 leap days + 59 =
    // 20 513 to 2026-03-01); line 4 is ISO and read.
    let ingested = read_ok(&bad("users_dates_slashes.csv"));
    assert_eq!(counts(&ingested), (1, 2, 0));
    assert_eq!(
        skipped(&ingested),
        vec![
            "line 2, column \"period_start\": expected a date like 2025-03-30, found \"03/01/2026\", whose day and month cannot be told apart (3 January or 1 March); save the column as YYYY-MM-DD and add the file again",
            "line 3, column \"period_start\": expected a date like 2025-03-30, found \"46082\", a spreadsheet serial number (2026-03-01 in Excel's usual date system); format the column as a date, YYYY-MM-DD, and add the file again",
        ]
    );
}

#[test]
fn numbers_thousands_negatives_overflow_and_nan() {
    // a1 "1,234" → 1 234 messages, credits 0.5; a7 "1,5" is a decimal comma, not a count.
    // Seven rows, a1 read, six skipped; the page lists the first five.
    let ingested = read_ok(&bad("users_numbers.csv"));
    assert_eq!(counts(&ingested), (1, 6, 0));
    let facts = &ingested.parsed.facts;
    assert_eq!(
        (facts.periods[0].messages, facts.periods[0].credits),
        (1234, Some(0.5))
    );
    assert_eq!(
        skipped(&ingested),
        vec![
            "line 3, column \"messages\": expected a whole number, found \"-3\" (negative)",
            "line 4, column \"messages\": expected a count, found \"1e400\" (too large)",
            "line 5, column \"messages\": expected a count, found \"99999999999999999999\" (too large)",
            "line 6, column \"messages\": expected a whole number, found \"NaN\"",
            "line 7, column \"credits_used\": expected a number, found \"NaN\"",
        ]
    );
    // The sixth: a7 "1,5" messages.
    assert_eq!(
        uptake::engine::sources::values::count("1,5"),
        Err("expected a whole number, found \"1,5\"".to_string())
    );
}

#[test]
fn dates_before_any_of_these_tools_are_flagged() {
    // ada 2026, bo 2014 (flagged), cy 2099 (read: no today was given, see below).
    let ingested = read_ok(&bad("users_dates_out_of_range.csv"));
    assert_eq!(counts(&ingested), (3, 0, 0));
    assert_eq!(
        notes(&ingested),
        vec!["Rows dated as early as 2014-03-02 were read, before any of these tools existed (2015): check the dates in the file (a spreadsheet re-save can change them)."]
    );
}

/// Reads a file as the page does on `today` (the worker passes the page's date).
fn read_on(bytes: &[u8], today: &str) -> Ingested {
    let key = key();
    let options = IngestOptions::new(&key).with_today(Some(common::day(today)));
    ingest(bytes, &options).unwrap_or_else(|e| panic!("refused: {:?}", e.error))
}

#[test]
fn csv_rows_dated_after_today_are_skipped_and_said() {
    // Read on Sunday 2026-12-06 (rows up to 2026-12-07 are read: a day's grace for time zones).
    // Line 2 (week to 28 Nov) and line 3 (to 5 Dec) are read; line 4 (6–12 Dec, a week still
    // running) and line 5 (a year ahead) are skipped: 2 read, 2 skipped.
    let ingested = read_on(&bad("users_future.csv"), "2026-12-06");
    assert_eq!(counts(&ingested), (2, 2, 0));
    assert_eq!(
        notes(&ingested),
        vec!["2 rows are dated after today, 2026-12-06 (the first on line 4: 2026-12-12), and were skipped: a day that has not come yet, or a period still running, would otherwise become the headline week. Check the export's dates (a spreadsheet re-save can change them), or export it again once the period has ended."]
    );
    let d = &ingested.parsed.diagnostics;
    assert_eq!(
        d.coverage
            .map(|c| (c.first.to_string(), c.last.to_string())),
        Some(("2026-11-22".into(), "2026-12-05".into()))
    );
    assert!(d.skipped.is_empty(), "counted in the note, not listed");
    // Without a date from the page, nothing is checked: all 4 are read.
    assert_eq!(counts(&read_ok(&bad("users_future.csv"))), (4, 0, 0));
    // The 2099 row of the out-of-range file is skipped the same way when today is known.
    let ingested = read_on(&bad("users_dates_out_of_range.csv"), "2026-12-06");
    assert_eq!(counts(&ingested), (2, 1, 0));
    assert_eq!(
        notes(&ingested)[0],
        "1 row is dated after today, 2026-12-06 (line 4: 2099-03-07), and was skipped: a day that has not come yet, or a period still running, would otherwise become the headline week. Check the export's dates (a spreadsheet re-save can change them), or export it again once the period has ended."
    );
}

#[test]
fn json_events_dated_after_today_are_skipped_and_said() {
    // Read on 2026-12-06: line 1 (5 Dec) is read, line 2 (7 Dec 23:30 UTC, within the day's
    // grace: it is already 7 Dec in UTC+1 late on the 6th) is read; line 3 (8 Dec 00:00:01)
    // and line 4 (2036) are skipped: 2 read, 2 skipped.
    let ingested = read_on(&bad("compliance_logs_future.jsonl"), "2026-12-06");
    assert_eq!(ingested.format, FormatId::ChatgptComplianceLogsJsonl);
    assert_eq!(counts(&ingested), (2, 2, 0));
    assert_eq!(ingested.parsed.facts.events.len(), 2);
    assert_eq!(
        notes(&ingested),
        vec!["2 rows are dated after today, 2026-12-06 (the first on line 3: 2026-12-08), and were skipped: a day that has not come yet, or a period still running, would otherwise become the headline week. Check the export's dates (a spreadsheet re-save can change them), or export it again once the period has ended."]
    );
    // A day later, the 8 Dec event is within the grace too; 2036 is still skipped.
    assert_eq!(
        counts(&read_on(&bad("compliance_logs_future.jsonl"), "2026-12-07")),
        (3, 1, 0)
    );
}

/// `prefix`, then `len` bytes of `fill` with no line break, then `suffix`, never materialised.
fn long_line(prefix: &str, fill: u8, len: u64, suffix: &str) -> impl Read {
    std::io::Cursor::new(prefix.as_bytes().to_vec())
        .chain(std::io::repeat(fill).take(len))
        .chain(std::io::Cursor::new(suffix.as_bytes().to_vec()))
}

fn ingest_stream(reader: impl Read) -> Result<Ingested, IngestError> {
    let key = key();
    ingest(reader, &IngestOptions::new(&key))
}

const HUNDRED_MB: u64 = 100 << 20;

#[test]
fn a_100_mb_csv_line_stops_reading_after_one_mebibyte() {
    // Header, ada on line 2, then line 3 is 100 MiB of "x" and a good row after it. csv would
    // buffer the whole line: LfReader refuses it after 1 MiB, and reading stops there.
    let header = "cadence,period_start,period_end,email,messages,user_status\n";
    let ada = "Weekly,2026-03-01,2026-03-07,ada@example.com,3,enabled\n";
    let after = "\nWeekly,2026-03-01,2026-03-07,bo@example.com,4,enabled\n";
    let ingested = ingest_stream(long_line(
        &format!("{header}{ada}"),
        b'x',
        HUNDRED_MB,
        after,
    ))
    .unwrap_or_else(|e| panic!("{:?}", e.error));
    assert_eq!(counts(&ingested), (1, 1, 0));
    assert_eq!(
        skipped(&ingested),
        vec!["line 3: a line longer than 1 MiB without a line break, which no CSV export writes; the rest of the file was not read"]
    );
}

#[test]
fn a_100_mb_json_record_stops_reading_after_64_mb() {
    // One whole NDJSON record, then one whose string never ends for 100 MiB.
    let alice = "{\"object\":\"workspace.codex.usage.result\",\"start_time\":1780272000,\"end_time\":1780358400,\"user_id\":\"user-alice1\",\"totals\":{\"threads\":5,\"turns\":12}}\n";
    let ingested = ingest_stream(long_line(
        &format!("{alice}{{\"user_id\":\""),
        b'x',
        HUNDRED_MB,
        "\"}\n",
    ))
    .unwrap_or_else(|e| panic!("{:?}", e.error));
    assert_eq!(counts(&ingested), (1, 1, 0));
    assert_eq!(
        notes(&ingested)[0],
        "line 2: one JSON record is larger than 64 MB, so reading stopped there (1 complete record was read). Export the data again as NDJSON or in smaller pages."
    );
}

#[test]
fn a_100_mb_line_with_no_header_is_refused_from_its_head() {
    // Detection only ever looks at the first 64 KiB: no format, and nothing else is read.
    let (format, message, _) = match ingest_stream(long_line("", b'a', HUNDRED_MB, "\n")) {
        Ok(i) => panic!("read as {:?}", i.format),
        Err(e) => (e.format, e.error.message, e.error.hint),
    };
    assert_eq!(format, None);
    assert!(
        message.starts_with("Not a supported export. Closest: "),
        "{message}"
    );
}

#[test]
fn user_teams_without_the_users_file_says_so() {
    let mut dataset = Dataset::default();
    let teams = bad("user_teams_only.ndjson");
    dataset.add(1, "teams.ndjson", teams.len() as u64, read_bytes(&teams));
    let note_of = |dataset: &Dataset| {
        dataset.sources()[0]
            .diagnostics
            .notes
            .iter()
            .any(|n| n == TEAMS_WITHOUT_USAGE)
    };
    assert_eq!(dataset.sources()[0].diagnostics.rows_accepted, 2);
    assert!(note_of(&dataset));
    assert_eq!(
        TEAMS_WITHOUT_USAGE,
        "No GitHub Copilot usage metrics users file (NDJSON) is loaded: these teams join to nobody's usage until you add the 1-day users report of the same days."
    );
    // Adding the users report removes the note.
    let users = fixture("copilot_usage_users.ndjson");
    dataset.add(2, "users.ndjson", users.len() as u64, read_bytes(&users));
    assert!(!note_of(&dataset));
}

#[test]
fn the_same_file_twice_counts_once_and_says_so() {
    // chatgpt_users_weekly.csv has 22 rows; added twice, the second copy's 22 are duplicates.
    let bytes = fixture("chatgpt_users_weekly.csv");
    let mut dataset = Dataset::default();
    for id in [1, 2] {
        dataset.add(id, "users.csv", bytes.len() as u64, read_bytes(&bytes));
    }
    let sources = dataset.sources();
    let rows = |i: usize| {
        let d = &sources[i].diagnostics;
        (d.rows_accepted, d.rows_duplicate)
    };
    assert_eq!((rows(0), rows(1)), ((22, 0), (22, 22)));
    assert!(sources[1].diagnostics.notes.contains(
        &"22 rows were already loaded from another file (same person and period) and count once."
            .to_string()
    ));
    assert_eq!(dataset.facts().periods.len(), 22);
}

#[test]
fn a_lookalike_names_the_closest_format_and_what_it_lacks() {
    // period_start and email are two of the Users export's five signature columns.
    assert_eq!(
        refused(&bad("lookalike_users.csv")),
        (
            None,
            "Not a supported export. Closest: ChatGPT workspace Users export (CSV) (chatgpt.users_csv), but \"messages\", \"user_status\", \"gpt_messages\" are missing.".into(),
            "Check that this is the file as downloaded from the vendor's console (see the list of supported exports).".into()
        )
    );
}

/// Every committed bad file, for the test that loads them beside good ones.
const BAD_FILES: &[&str] = &[
    "empty.csv",
    "blank.csv",
    "image.png",
    "report.pdf",
    "export.zip",
    "users_header_only.csv",
    "users_truncated.csv",
    "users_ragged.csv",
    "users_duplicate_headers.csv",
    "users_dates_slashes.csv",
    "users_numbers.csv",
    "users_dates_out_of_range.csv",
    "users_future.csv",
    "compliance_logs_future.jsonl",
    "codex_usage_truncated.ndjson",
    "user_teams_only.ndjson",
    "lookalike_users.csv",
];

#[test]
fn no_bad_file_panics_in_any_prefix() {
    // Every cut of every bad file (and of a few good ones) is read or refused, never a panic.
    let mut files: Vec<Vec<u8>> = BAD_FILES.iter().map(|n| bad(n)).collect();
    files.push(fixture("chatgpt_users_bom_semicolon.csv"));
    files.push(fixture("copilot_user_teams.ndjson"));
    for bytes in files {
        for cut in 0..=bytes.len() {
            let _ = read_bytes(&bytes[..cut]);
        }
    }
}

/// Good exports of four tools and a roster.
const GOOD_FILES: &[&str] = &[
    "chatgpt_users_weekly.csv",
    "hris_workday.csv",
    "copilot_usage_users.ndjson",
    "codex_user.csv",
    "copilot_seats_org.json",
];

/// Good files get ids 0…; each extra file comes after, in the given order, with a larger id.
fn loaded(extra: &[(&str, Vec<u8>)], bad_first: bool) -> Dataset {
    let mut dataset = Dataset::default();
    let base = if bad_first { extra.len() as u32 } else { 0 };
    let after = if bad_first {
        0
    } else {
        GOOD_FILES.len() as u32
    };
    for (i, name) in GOOD_FILES.iter().enumerate() {
        let bytes = fixture(name);
        dataset.add(
            base + i as u32,
            name,
            bytes.len() as u64,
            read_bytes(&bytes),
        );
    }
    for (i, (name, bytes)) in extra.iter().enumerate() {
        dataset.add(
            after + i as u32,
            name,
            bytes.len() as u64,
            read_bytes(bytes),
        );
    }
    dataset
}

fn headline(dataset: &Dataset) -> Vec<(String, Option<f64>)> {
    let report = uptake::engine::metrics::build_report(
        dataset,
        &uptake::engine::settings::Settings::default(),
        &key().fingerprint(),
    );
    let mut out: Vec<(String, Option<f64>)> = report
        .figures
        .iter()
        .map(|f| (f.id.clone(), f.value))
        .collect();
    for week in &report.weekly {
        out.push((
            format!("wau {}", week.week.first),
            Some(f64::from(week.weekly_active_users)),
        ));
    }
    out
}

/// What the page shows of the good files, whatever their ids.
fn good_summaries(dataset: &Dataset) -> Vec<String> {
    dataset
        .sources()
        .into_iter()
        .filter(|s| GOOD_FILES.contains(&s.file_name.as_str()))
        .map(|s| format!("{} {:?} {:?}", s.file_name, s.state, s.diagnostics))
        .collect()
}

#[test]
fn good_files_survive_every_bad_file_beside_them() {
    let alone = loaded(&[], false);
    let figures_alone = headline(&alone);
    assert!(figures_alone.iter().filter(|f| f.1.is_some()).count() > 10);
    // Files that give no facts (refused, or a header only) leave every figure as it was,
    // loaded before or after the good files.
    let mut xlsx = zip_entry("xl/workbook.xml", b"<x/>");
    xlsx.extend_from_slice(&zip_entry("xl/sheet1.xml", b"<x/>"));
    let nothing: Vec<(&str, Vec<u8>)> = [
        "empty.csv",
        "blank.csv",
        "image.png",
        "report.pdf",
        "export.zip",
        "users_header_only.csv",
        "lookalike_users.csv",
    ]
    .iter()
    .map(|n| (*n, bad(n)))
    .chain([
        ("book.xlsx", xlsx),
        ("cut.json", b"[{\"user_id\":".to_vec()),
        ("garbage.bin", (0..=255u8).cycle().take(5000).collect()),
    ])
    .collect();
    for bad_first in [false, true] {
        let with = loaded(&nothing, bad_first);
        assert_eq!(headline(&with), figures_alone, "bad first: {bad_first}");
        assert_eq!(good_summaries(&with), good_summaries(&alone));
        assert_eq!(with.sources().len(), GOOD_FILES.len() + nothing.len());
    }
    // Every bad file at once, the partly readable ones included: the good files are read
    // exactly as alone (their rows, skips, duplicates and notes), whatever the others hold.
    let every: Vec<(&str, Vec<u8>)> = BAD_FILES.iter().map(|n| (*n, bad(n))).collect();
    let with = loaded(&every, false);
    assert_eq!(good_summaries(&with), good_summaries(&alone));
    let refused = with
        .sources()
        .iter()
        .filter(|s| s.state == uptake::engine::dataset::SourceState::Error)
        .count();
    // empty, blank, png, pdf, zip, lookalike.
    assert_eq!(refused, 6);
}

#[test]
fn no_fixture_panics_when_cut_or_corrupted() {
    // Every top-level fixture, cut at 24 places and with 24 single bytes changed (positions
    // and values from a xorshift64 seeded by the file's length): read or refused, never a
    // panic.
    let dir = common::fixture_path("");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .filter_map(|e| e.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    assert!(names.len() > 40, "{}", names.len());
    let hostile = [0u8, b'"', b'\n', b'{', b']', b',', b';', 0xFF, 0xE9, b'\\'];
    for name in names {
        let bytes = fixture(&name);
        if bytes.is_empty() {
            continue;
        }
        let mut state = bytes.len() as u64 | 1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..24 {
            let cut = (next() % bytes.len() as u64) as usize;
            let _ = read_bytes(&bytes[..cut]);
            let mut changed = bytes.clone();
            let at = (next() % bytes.len() as u64) as usize;
            changed[at] = hostile[(next() % hostile.len() as u64) as usize];
            let _ = read_bytes(&changed);
        }
    }
}

#[test]
fn the_same_copilot_usage_file_twice_counts_its_records_once() {
    // copilot_usage_users.ndjson has 5 person-day records, each with breakdown rows (by IDE,
    // feature, language, model). Added twice, the second copy's 5 records are duplicates: 5,
    // not 5 plus every breakdown row.
    let bytes = fixture("copilot_usage_users.ndjson");
    let mut dataset = Dataset::default();
    for id in [1, 2] {
        dataset.add(id, "users.ndjson", bytes.len() as u64, read_bytes(&bytes));
    }
    let sources = dataset.sources();
    let d = &sources[1].diagnostics;
    assert_eq!((d.rows_accepted, d.rows_duplicate), (5, 5));
    assert!(d.notes.contains(
        &"5 rows were already loaded from another file (same person and period) and count once."
            .to_string()
    ));
    let breakdowns = dataset
        .facts()
        .daily
        .iter()
        .filter(|r| !r.breakdown.is_total())
        .count();
    assert!(
        breakdowns > 5,
        "the fixture has breakdown rows: {breakdowns}"
    );
}
