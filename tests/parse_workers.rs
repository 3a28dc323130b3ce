//! Files parsed in separate workers and merged: each file's outcome travels as bytes
//! (`engine::wire`) and is merged in file order whatever order it arrives in. The Report must
//! be exactly the one of reading every file in one place.

mod common;

use common::{dataset, key, read_bytes};
use uptake::engine::dataset::{Dataset, LoadedFile};
use uptake::engine::metrics::build_report;
use uptake::engine::settings::Settings;
use uptake::engine::wire;

/// Every fixture the multi-file test uses: Users CSV, compliance logs, Codex, Copilot usage,
/// seats and HRIS.
const FILES: [&str; 6] = [
    "multi/users.csv",
    "multi/compliance.jsonl",
    "multi/codex.json",
    "multi/copilot.ndjson",
    "multi/seats.json",
    "multi/hris.csv",
];

fn parsed_elsewhere(id: u32, name: &str) -> Vec<u8> {
    let bytes = common::fixture(name);
    let file = LoadedFile::new(id, name, bytes.len() as u64, read_bytes(&bytes));
    wire::to_bytes(&file).expect("encodes")
}

#[test]
fn files_merged_from_workers_in_any_order_give_the_same_report() {
    let settings = Settings::default();
    let fingerprint = key().fingerprint();
    let expected = build_report(&dataset(&FILES), &settings, &fingerprint);
    assert!(expected.figures.iter().any(|f| f.value.is_some()));

    // Arrivals in reverse order: the merge still follows file ids.
    let mut merged = Dataset::default();
    for (i, name) in FILES.iter().enumerate().rev() {
        let bytes = parsed_elsewhere(i as u32, name);
        let file: LoadedFile = wire::from_bytes(&bytes).expect("decodes");
        merged.insert(file);
    }
    let got = build_report(&merged, &settings, &fingerprint);
    assert_eq!(got, expected);
}

#[test]
fn a_damaged_message_is_an_error_not_a_panic() {
    let bytes = parsed_elsewhere(0, FILES[1]);
    for cut in [0, 1, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
        assert!(wire::from_bytes::<LoadedFile>(&bytes[..cut]).is_err());
    }
    // Flipping bytes never panics (it may decode to other facts or fail).
    for i in (0..bytes.len()).step_by(97) {
        let mut bad = bytes.clone();
        bad[i] ^= 0xA5;
        let _ = wire::from_bytes::<LoadedFile>(&bad);
    }
}

#[test]
fn the_encoding_is_compact() {
    // The compliance fixture's facts encode to less than the JSON of the same facts.
    let bytes = common::fixture(FILES[1]);
    let file = LoadedFile::new(0, FILES[1], bytes.len() as u64, read_bytes(&bytes));
    let binary = wire::to_bytes(&file).unwrap().len();
    let json = serde_json::to_vec(&file).unwrap().len();
    println!("compliance fixture: binary {binary} B, JSON {json} B");
    assert!(binary * 2 < json, "binary {binary} B vs JSON {json} B");
}
