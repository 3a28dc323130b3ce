//! A Copilot usage NDJSON or a compliance JSONL read in parts by several parse workers
//! (`engine::split`, cut between a `}` and a `{` that end and start lines) gives exactly what
//! one read of the whole file gives, including what is said of the file as a whole: event types
//! not used, a report's stated period, rows dated after today (`sources::tallies`,
//! `ingest::settle`).

mod common;

use common::split::{assert_every_split_reads_as_whole, cut_points, read_in_parts, read_whole};
use common::{day, fixture};
use uptake::engine::split::{self, Grain};

fn bad(name: &str) -> Vec<u8> {
    fixture(&format!("bad/{name}"))
}

/// `bytes` with its first line added again at the end.
fn first_line_repeated(bytes: &[u8]) -> Vec<u8> {
    let end = bytes.iter().position(|&b| b == b'\n').expect("a line") + 1;
    let mut out = bytes.to_vec();
    out.extend_from_slice(&bytes[..end]);
    out
}

#[test]
fn every_ndjson_fixture_read_in_parts_reads_as_whole() {
    for name in [
        "copilot_usage_users.ndjson",
        "copilot_usage_28day.ndjson",
        "compliance_logs.jsonl",
        "compliance_logs_crlf_truncated.jsonl",
    ] {
        let bytes = fixture(name);
        assert_every_split_reads_as_whole(name, &bytes, Grain::JsonValues, None);
        let repeated = first_line_repeated(&bytes);
        assert_every_split_reads_as_whole(name, &repeated, Grain::JsonValues, None);
    }
    // Rows after today in several parts: one note, with the count of all of them.
    let future = bad("compliance_logs_future.jsonl");
    assert_every_split_reads_as_whole(
        "future",
        &future,
        Grain::JsonValues,
        Some(day("2026-12-06")),
    );
}

#[test]
fn unused_event_types_are_counted_over_every_part() {
    // compliance_logs.jsonl has AUTH_LOG events on lines 4 and 10; cut after line 5, one is in
    // each part: the joined file says 2 (1 + 1), once.
    let bytes = fixture("compliance_logs.jsonl");
    let cut = cut_points(&bytes, Grain::JsonValues)[4];
    assert_eq!(bytes[..cut].iter().filter(|&&b| b == b'\n').count(), 5);
    let joined = read_in_parts(&bytes, &[cut], Grain::JsonValues, None).expect("joins");
    let notes = &joined.summary().diagnostics.notes;
    let auth: Vec<&String> = notes.iter().filter(|n| n.contains("AUTH_LOG")).collect();
    assert_eq!(
        auth,
        vec!["2 AUTH_LOG events were not used: they say nothing about usage."]
    );
}

#[test]
fn a_record_repeated_in_a_later_part_is_one_duplicate_with_its_breakdowns() {
    // copilot_usage_users.ndjson's first line (a person-day with breakdown rows by IDE,
    // feature, language and model) again as line 6: cut before it, the later part's copy and
    // all its breakdown rows are already loaded, and count as 1 duplicate row, as in one read.
    let bytes = first_line_repeated(&fixture("copilot_usage_users.ndjson"));
    let whole = read_whole(&bytes, None);
    let d = &whole.summary().diagnostics;
    assert_eq!((d.rows_accepted, d.rows_duplicate), (5, 1));
    let last = *cut_points(&bytes, Grain::JsonValues).last().expect("cuts");
    let joined = read_in_parts(&bytes, &[last], Grain::JsonValues, None).expect("joins");
    let d = &joined.summary().diagnostics;
    assert_eq!((d.rows_accepted, d.rows_duplicate), (5, 1));
}

#[test]
fn a_28_day_report_says_its_period_once_from_every_part() {
    // Each line says the report is for 02-04 … 03-03; the rows cover 02-04 … 03-02. Cut after
    // line 1, part 1 covers only 02-04, which alone would say otherwise: the note is written
    // after the join, from all the rows.
    let bytes = fixture("copilot_usage_28day.ndjson");
    let first = cut_points(&bytes, Grain::JsonValues)[0];
    let joined = read_in_parts(&bytes, &[first], Grain::JsonValues, None).expect("joins");
    let notes = &joined.summary().diagnostics.notes;
    assert_eq!(
        notes[0],
        "The report is for 2026-02-04 to 2026-03-03, but its rows only cover 2026-02-04 to 2026-03-02: coverage is taken from the rows."
    );
    // The other note is the days without rows (24 of 2026-02-04 … 03-02), also of the whole.
    assert_eq!(notes, &read_whole(&bytes, None).summary().diagnostics.notes);
    assert_eq!(notes.len(), 2);
}

#[test]
fn a_users_csv_with_rows_after_today_in_every_part_says_so_once() {
    // users_future.csv read on 2026-12-06: lines 4 and 5 are after today. Cut before line 5,
    // each part has one; the joined file says "2 rows …, the first on line 4", as one read.
    let bytes = bad("users_future.csv");
    let today = Some(day("2026-12-06"));
    assert_every_split_reads_as_whole("users_future.csv", &bytes, Grain::CsvRows, today);
    let cuts = cut_points(&bytes, Grain::CsvRows);
    let joined = read_in_parts(&bytes, &[cuts[2]], Grain::CsvRows, today).expect("joins");
    let notes = &joined.summary().diagnostics.notes;
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].starts_with("2 rows are dated after today, 2026-12-06 (the first on line 4"));
}

#[test]
fn pretty_printed_values_one_after_another_are_cut_between_values() {
    // Two records, each spread over several lines: the only place to cut is between them
    // (line 6 starts the second); inside a record a line never has a `}` before and a `{` after.
    let text = concat!(
        "{\n  \"day\": \"2026-04-25\",\n  \"user_login\": \"ana-dev\",\n",
        "  \"user_initiated_interaction_count\": 1\n}\n",
        "{\n  \"day\": \"2026-04-25\",\n  \"user_login\": \"bea-dev\",\n",
        "  \"user_initiated_interaction_count\": 2\n}\n",
    );
    let bytes = text.as_bytes();
    let second = text.find("}\n{").expect("two values") + 2;
    assert_eq!(cut_points(bytes, Grain::JsonValues), vec![second]);
    assert_eq!(split::cut(Grain::JsonValues, bytes), Some(second));
    assert_every_split_reads_as_whole("pretty", bytes, Grain::JsonValues, None);
    // One array, or one object wrapping the records: its values are separated by commas, so
    // there is no place to cut and the file is read whole.
    let array = b"[\n{\"day\": \"2026-04-25\"},\n{\"day\": \"2026-04-26\"}\n]\n";
    assert_eq!(split::cut(Grain::JsonValues, array), None);
    let wrapped = b"{\"data\": [\n{\"a\": {\"b\": 1}\n}\n,\n{\"c\": 2}\n]}\n";
    assert_eq!(split::cut(Grain::JsonValues, wrapped), None);
    // A window that starts inside a line: its first line break follows the `}`.
    assert_eq!(split::cut(Grain::JsonValues, b"\": 1}\n{\"d"), Some(6));
    assert_eq!(
        split::cut(Grain::JsonValues, b"\n{\"d\": 1}"),
        None,
        "no `}}` before it"
    );
    // Blank lines between two values: the first line start after the `}`. A window of 200 000
    // line breaks is one pass (a rescan per line would take minutes).
    assert_eq!(split::cut(Grain::JsonValues, b"}\n\n  \n{"), Some(2));
    let mut blank = b"}".to_vec();
    blank.extend(std::iter::repeat_n(b'\n', 200_000));
    assert_eq!(split::cut(Grain::JsonValues, &blank), None);
    blank.push(b'{');
    assert_eq!(split::cut(Grain::JsonValues, &blank), Some(2));
}

#[test]
fn ndjson_is_planned_in_parts_and_a_json_array_is_not() {
    let mb = 1024 * 1024;
    // Copilot usage NDJSON, 100 MB in 4: no header, so the file is cut at quarters.
    let ndjson = fixture("copilot_usage_users.ndjson");
    let plan = split::plan(&ndjson, 100 * mb, 4).expect("a plan");
    assert_eq!(
        (plan.grain, plan.prefix_len, plan.prefix_lines),
        (Grain::JsonValues, 0, 0)
    );
    assert_eq!(plan.nominal_cuts, vec![25 * mb, 50 * mb, 75 * mb]);
    let compliance = fixture("compliance_logs.jsonl");
    assert_eq!(
        split::plan(&compliance, 100 * mb, 2).map(|p| p.grain),
        Some(Grain::JsonValues)
    );
    // The same records in a JSON array: read whole.
    assert_eq!(
        split::plan(&fixture("copilot_usage_users_array.json"), 100 * mb, 4),
        None
    );
    // A format whose parser looks at the whole file (Copilot seats): read whole.
    assert_eq!(
        split::plan(&fixture("copilot_seats_org.json"), 100 * mb, 4),
        None
    );
}
