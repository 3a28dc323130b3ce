//! One CSV read in parts by several parse workers (`engine::split`) gives exactly what one read
//! of the whole file gives: the same facts, counts, skipped rows, notes and line numbers, for
//! every place the file can be cut. A file whose quoting makes a cut unsafe is read whole.

mod common;

use common::fixture;
use common::split as split_common;
use std::io::{Cursor, Read};
use uptake::engine::dataset::LoadedFile;
use uptake::engine::split::{self, Grain, PartScan, Scan};

fn read_in_parts(bytes: &[u8], cuts: &[usize]) -> Option<LoadedFile> {
    split_common::read_in_parts(bytes, cuts, Grain::CsvRows, None)
}

fn read_whole(bytes: &[u8]) -> LoadedFile {
    split_common::read_whole(bytes, None)
}

fn line_starts(bytes: &[u8]) -> Vec<usize> {
    split_common::cut_points(bytes, Grain::CsvRows)
}

fn assert_every_split_reads_as_whole(name: &str, bytes: &[u8]) {
    split_common::assert_every_split_reads_as_whole(name, bytes, Grain::CsvRows, None);
}

#[test]
fn every_users_fixture_read_in_parts_reads_as_whole() {
    for name in [
        "chatgpt_users_weekly.csv",
        "chatgpt_users_monthly.csv",
        "chatgpt_users_no_cadence.csv",
        "chatgpt_users_bad_rows.csv",
        "chatgpt_users_bom_semicolon.csv",
    ] {
        assert_every_split_reads_as_whole(name, &fixture(name));
    }
}

/// Lines 1–7 of a file with blank lines before its header, a row repeated across the cut, a
/// note that names a line, a skipped row and CRLF line ends.
const AWKWARD: &str = "\r\n\
cadence,period_start,period_end,email,user_status,is_active,messages,model_to_messages\r\n\
Weekly,2025-04-20,2025-04-26,ada@example.com,enabled,1,40,\"{'gpt-4o': 40}\"\r\n\
Weekly,2025-04-20,2025-04-26,bo@example.com,on leave,1,5,\r\n\
Weekly,2025-04-20,2025-04-26,cy@example.com,enabled,1,n/a,\r\n\
Weekly,2025-04-20,2025-04-26,fay@example.com,enabled,1,2,{'gpt-4o': lots}\r\n\
Weekly,2025-04-20,2025-04-26,ada@example.com,enabled,1,40,\"{'gpt-4o': 40}\"\r\n";

#[test]
fn duplicates_skips_and_line_notes_across_cuts_read_as_whole() {
    let bytes = AWKWARD.as_bytes();
    let whole = read_whole(bytes);
    let d = &whole.summary().diagnostics;
    // Ada, Bo, Fay accepted (3); Cy skipped on line 5 (messages "n/a"); Ada again on line 7
    // is a duplicate; Fay's model split is unreadable (a note on line 6, the row kept).
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (3, 1, 1)
    );
    assert_eq!(d.skipped[0].line, 5);
    assert!(
        d.notes.iter().any(|n| n.starts_with("line 6, ")),
        "{:?}",
        d.notes
    );
    assert_every_split_reads_as_whole("AWKWARD", bytes);
}

#[test]
fn a_quoted_line_break_or_lone_carriage_return_means_a_whole_read() {
    let header = "period_start,period_end,email,user_status,messages,department\n";
    let quoted = format!(
        "{header}2025-04-20,2025-04-26,ada@example.com,enabled,4,\"Research\n& Development\"\n\
         2025-04-20,2025-04-26,bo@example.com,enabled,5,Sales\n\
         2025-04-20,2025-04-26,cy@example.com,enabled,6,Sales\n"
    );
    // The cut after line 3 ("& Development") is safe by chance, but part 1 holds a line with
    // one quote: the quoting is not line by line, so no cut is trusted.
    for cut in line_starts(quoted.as_bytes()) {
        assert!(read_in_parts(quoted.as_bytes(), &[cut]).is_none(), "{cut}");
    }
    let lone_cr = format!(
        "{header}2025-04-20,2025-04-26,ada@example.com,enabled,4,Sales\r\
         2025-04-20,2025-04-26,bo@example.com,enabled,5,Sales\n\
         2025-04-20,2025-04-26,cy@example.com,enabled,6,Sales\n"
    );
    for cut in line_starts(lone_cr.as_bytes()) {
        assert!(read_in_parts(lone_cr.as_bytes(), &[cut]).is_none(), "{cut}");
    }
}

#[test]
fn the_scan_counts_lines_and_sees_quotes_across_reads() {
    // Read one byte at a time: a quote pair and a CRLF split across reads.
    let text = b"a,\"b\"\r\nc,d\n\"e\nf\"\n";
    let mut scan = Scan::new(Cursor::new(&text[..]));
    let mut byte = [0u8; 1];
    while scan.read(&mut byte).expect("in memory") == 1 {}
    // 4 line breaks; line 3 has one quote ("e), so the part is not clean.
    assert_eq!(
        scan.result(),
        PartScan {
            lines: 4,
            clean: false
        }
    );
    let mut scan = Scan::new(Cursor::new(&text[..11]));
    std::io::copy(&mut scan, &mut std::io::sink()).expect("in memory");
    // "a,"b"\r\n" and "c,d\n": 2 line breaks, every line balanced.
    assert_eq!(
        scan.result(),
        PartScan {
            lines: 2,
            clean: true
        }
    );
}

#[test]
fn only_large_utf8_users_csvs_are_planned_in_parts() {
    let head = fixture("chatgpt_users_weekly.csv");
    let (prefix_len, prefix_lines) = split::prefix(&head).expect("a header line");
    assert_eq!(prefix_lines, 1);
    let mb = 1024 * 1024;
    // 100 MB in 4 parts: the body after the header is cut at quarters.
    let plan = split::plan(&head, 100 * mb, 4).expect("a plan");
    let body = 100 * mb - prefix_len as u64;
    assert_eq!(plan.prefix_len, prefix_len as u64);
    assert_eq!(
        plan.nominal_cuts,
        vec![
            prefix_len as u64 + body / 4,
            prefix_len as u64 + body / 2,
            prefix_len as u64 + body * 3 / 4
        ]
    );
    // 40 MB: at most 2 parts of at least 16 MB.
    assert_eq!(
        split::plan(&head, 40 * mb, 4).map(|p| p.nominal_cuts.len()),
        Some(1)
    );
    // Under 32 MB: whole.
    assert_eq!(split::plan(&head, 31 * mb, 4), None);
    // Not a format read row by row (an HRIS roster), or UTF-16: whole.
    assert_eq!(split::plan(&fixture("hris_workday.csv"), 100 * mb, 4), None);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(head.iter().flat_map(|&b| [b, 0]))
        .collect();
    assert_eq!(split::plan(&utf16, 100 * mb, 4), None);
    // Cuts moved to line starts make the parts; out of order, or at the very end, they do not.
    let parts = split::ranges(&plan, 100 * mb, &[30 * mb, 50 * mb, 80 * mb]).expect("ordered");
    let bounds: Vec<(u32, u64, u64)> = parts.iter().map(|p| (p.index, p.start, p.end)).collect();
    assert_eq!(
        bounds,
        vec![
            (0, 0, 30 * mb),
            (1, 30 * mb, 50 * mb),
            (2, 50 * mb, 80 * mb),
            (3, 80 * mb, 100 * mb)
        ]
    );
    assert!(parts
        .iter()
        .all(|p| p.count == 4 && p.prefix_len == plan.prefix_len));
    assert_eq!(
        split::ranges(&plan, 100 * mb, &[50 * mb, 30 * mb, 80 * mb]),
        None
    );
    assert_eq!(
        split::ranges(&plan, 100 * mb, &[30 * mb, 50 * mb, 100 * mb]),
        None
    );
    assert_eq!(split::ranges(&plan, 100 * mb, &[30 * mb, 50 * mb]), None);
    // A line start: just after the first line break of a window.
    assert_eq!(split::line_start(b"tail of a row\nnext"), Some(14));
    assert_eq!(split::line_start(b"no break"), None);
}
