//! What every fuzz target runs: one format's parser on arbitrary bytes, exactly as `ingest`
//! would hand them over (the same UTF-8 decoding, the same context), minus detection. The
//! `ingest` target runs detection and the whole pipeline to a Report instead.
//!
//! A parser must never panic, hang or allocate without bound on any input: it returns its
//! facts and diagnostics, or an error that says what is wrong.

use std::io::{Cursor, Read};
use uptake::engine::dataset::Dataset;
use uptake::engine::identity::OrgKey;
use uptake::engine::ingest::{ingest, IngestOptions};
use uptake::engine::settings::Settings;
use uptake::engine::sources::registry::{ParseContext, FORMATS};
use uptake::engine::text::Utf8Reader;

fn key() -> OrgKey {
    OrgKey::from_bytes([7u8; 32])
}

/// Parses `data` as the format named `name` (a DESIGN.md id such as `chatgpt.users_csv`). The
/// first byte chooses the CSV delimiter, as detection would have found it, and whether a
/// snapshot from another key and a period given by the analyst are accepted.
pub fn parse_as(name: &str, data: &[u8]) {
    let Some(spec) = FORMATS.iter().find(|f| f.name == name) else {
        panic!("no format named {name}: the fuzz target is out of date");
    };
    let (choice, data) = data.split_first().unwrap_or((&0, &[]));
    let delimiter = [b',', b';', b'\t', b'|'][usize::from(*choice) % 4];
    let head = &data[..data.len().min(64 * 1024)];
    let mut stream = Utf8Reader::new(Cursor::new(data), head);
    let key = key();
    let context = ParseContext {
        key: &key,
        delimiter,
        json: !spec.csv,
        mapping: None,
        foreign_snapshot_ok: choice & 0x80 != 0,
        // Half the inputs are read as if the analyst had given a period (dateless files).
        period: uptake::engine::date::Day::from_ymd(2026, 10, 1)
            .filter(|_| choice & 0x40 != 0)
            .map(|first| uptake::engine::date::DaySpan::new(first, first.plus(30))),
        // And half as if read on 2026-10-15, so rows after it are skipped.
        today: uptake::engine::date::Day::from_ymd(2026, 10, 15).filter(|_| choice & 0x20 != 0),
    };
    let _ = (spec.parse)(&mut stream as &mut dyn Read, &context);
}

/// Detection, parsing, the dataset and the Report, end to end. The Report is built only for
/// inputs that were read: most mutations are refused by detection, and a Report of one refused
/// file (the same every time) cost most of an iteration.
pub fn pipeline(data: &[u8]) {
    let key = key();
    let options = IngestOptions::new(&key);
    let outcome = ingest(Cursor::new(data), &options);
    let read = outcome.is_ok();
    let mut dataset = Dataset::default();
    dataset.add(1, "fuzz", data.len() as u64, outcome);
    if read {
        let _ = uptake::engine::metrics::build_report(&dataset, &Settings::default(), "fuzz");
    }
}
