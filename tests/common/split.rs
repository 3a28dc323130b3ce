//! Reading a file in parts as the parse workers do (`engine::split`), for the tests that check
//! the parts join into exactly what one read of the whole file gives.

use super::key;
use std::io::{Cursor, Read};
use uptake::engine::dataset::LoadedFile;
use uptake::engine::date::Day;
use uptake::engine::detect::{detect, Detection};
use uptake::engine::ingest::{ingest, IngestOptions};
use uptake::engine::split::{self, Grain, Part, PartScan, Scan};
use uptake::engine::wire;

/// The header a part after the first gets in front, and its line breaks.
fn prefix(bytes: &[u8], grain: Grain) -> (usize, u64) {
    match grain {
        Grain::CsvRows => split::prefix(bytes).expect("a header line"),
        Grain::JsonValues => (0, 0),
    }
}

/// Reads `bytes` whole, `today` on the page's clock.
pub fn read_whole(bytes: &[u8], today: Option<Day>) -> LoadedFile {
    let key = key();
    let options = IngestOptions::new(&key).with_today(today);
    LoadedFile::new(0, "file", bytes.len() as u64, ingest(bytes, &options))
}

/// Reads `bytes` cut at `cuts` (ascending) as the parse workers do: each part is its bytes (a
/// CSV's header prepended to every part after the first), scanned as it is read and read as a
/// part; then joins the parts, from their encoded form and decoded (which must agree).
pub fn read_in_parts(
    bytes: &[u8],
    cuts: &[usize],
    grain: Grain,
    today: Option<Day>,
) -> Option<LoadedFile> {
    let (prefix_len, prefix_lines) = prefix(bytes, grain);
    let head = &bytes[..prefix_len];
    let key = key();
    let Detection::Known { format, .. } = detect(bytes) else {
        panic!("a known format");
    };
    let options = IngestOptions::new(&key)
        .with_today(today)
        .as_part_of(Some(format));
    let mut bounds = vec![0];
    bounds.extend_from_slice(cuts);
    bounds.push(bytes.len());
    let parts: Vec<Part> = bounds
        .windows(2)
        .enumerate()
        .map(|(k, range)| {
            let mut scan = Scan::of(grain, Cursor::new(&bytes[range[0]..range[1]]));
            let head: &[u8] = if k == 0 { &[] } else { head };
            let mut all = Vec::new();
            Cursor::new(head)
                .chain(&mut scan)
                .read_to_end(&mut all)
                .expect("in memory");
            let outcome = ingest(&all[..], &options);
            Part {
                file: LoadedFile::part(0, "file", bytes.len() as u64, outcome),
                scan: scan.result(),
            }
        })
        .collect();
    let encoded_parts: Vec<(Vec<u8>, PartScan)> =
        parts.iter().map(|p| (encoded(&p.file), p.scan)).collect();
    let from_encoded = split::join_encoded(&encoded_parts, prefix_lines);
    let joined = split::join(parts, prefix_lines);
    assert_eq!(
        from_encoded.as_ref().map(encoded),
        joined.as_ref().map(encoded),
        "joined from encoded parts"
    );
    joined
}

pub fn encoded(file: &LoadedFile) -> Vec<u8> {
    wire::to_bytes(file).expect("encodes")
}

/// Every place a part can start: a CSV's line starts after its header; for NDJSON the line
/// starts with only white space between a `}` before and a `{` after (as `split::cut` finds).
pub fn cut_points(bytes: &[u8], grain: Grain) -> Vec<usize> {
    let (prefix_len, _) = prefix(bytes, grain);
    let between_values = |i: usize| {
        let before = bytes[..i].iter().rev().find(|b| !b.is_ascii_whitespace());
        let after = bytes[i..].iter().find(|b| !b.is_ascii_whitespace());
        before == Some(&b'}') && after == Some(&b'{')
    };
    (prefix_len + 1..bytes.len())
        .filter(|&i| bytes[i - 1] == b'\n')
        .filter(|&i| grain == Grain::CsvRows || between_values(i))
        .collect()
}

/// Every cut into two parts, and every cut into three, gives the whole read.
pub fn assert_every_split_reads_as_whole(
    name: &str,
    bytes: &[u8],
    grain: Grain,
    today: Option<Day>,
) {
    let whole = encoded(&read_whole(bytes, today));
    let points = cut_points(bytes, grain);
    assert!(!points.is_empty(), "{name} has places to cut");
    for (i, &a) in points.iter().enumerate() {
        let two = read_in_parts(bytes, &[a], grain, today)
            .unwrap_or_else(|| panic!("{name}: the parts cut at byte {a} do not join"));
        assert!(encoded(&two) == whole, "{name} cut at byte {a}");
        for &b in &points[i + 1..] {
            let three = read_in_parts(bytes, &[a, b], grain, today)
                .unwrap_or_else(|| panic!("{name}: the parts cut at {a} and {b} do not join"));
            assert!(encoded(&three) == whole, "{name} cut at bytes {a} and {b}");
        }
    }
}
