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

/// A file from a parse worker keeps its bytes and gives its facts up to the merged ones (moved,
/// not copied); removing a file merges the others again from their bytes. Every step must give
/// the Report of files read in one place, duplicates counted alike.
#[test]
fn files_kept_encoded_give_the_reports_of_files_kept_decoded() {
    let settings = Settings::default();
    let fingerprint = key().fingerprint();
    // The Users CSV twice: the second copy's rows are all duplicates of the first.
    let names = [FILES[0], FILES[1], FILES[5], FILES[0]];
    let mut encoded = Dataset::default();
    for (i, name) in names.iter().enumerate() {
        let file = LoadedFile::from_wire(parsed_elsewhere(i as u32, name)).expect("decodes");
        encoded.insert(file);
    }
    let expected = build_report(&dataset(&names), &settings, &fingerprint);
    assert_eq!(build_report(&encoded, &settings, &fingerprint), expected);
    let duplicates = |r: &uptake::engine::Report| {
        r.sources
            .iter()
            .map(|s| s.diagnostics.rows_duplicate)
            .collect::<Vec<_>>()
    };
    assert!(
        duplicates(&expected)[3] > 0,
        "the second copy counts duplicates"
    );

    // Remove the first file (whose facts were moved): the rest merge again from their bytes,
    // and the second copy of the Users CSV is no longer a duplicate.
    encoded.remove(0);
    let expected = build_report(&dataset(&names[1..]), &settings, &fingerprint);
    let got = build_report(&encoded, &settings, &fingerprint);
    assert_eq!(duplicates(&got), duplicates(&expected));
    assert_eq!(got.figures, expected.figures);
    assert_eq!(got.departments, expected.departments);

    // Read again (same id): merged again, in file order.
    encoded.insert(LoadedFile::from_wire(parsed_elsewhere(0, names[0])).expect("decodes"));
    let expected = build_report(&dataset(&names), &settings, &fingerprint);
    assert_eq!(build_report(&encoded, &settings, &fingerprint), expected);
}

/// Moving a file's facts into empty facts builds the same facts, keys included, as copying
/// them: the next file merged finds the same duplicates.
#[test]
fn a_moved_merge_is_a_copying_merge() {
    use uptake::engine::facts::Facts;
    for name in FILES {
        let facts = || common::read(name).parsed.facts;
        let mut copied = Facts::default();
        let mut moved = Facts::default();
        let copy_stats = copied.merge(&facts());
        let move_stats = moved.merge_owned(facts());
        assert_eq!(move_stats, copy_stats, "{name}");
        assert_eq!(
            wire::to_bytes(&moved).unwrap(),
            wire::to_bytes(&copied).unwrap(),
            "{name}"
        );
        // The same file again: every row is a duplicate in both, but HRIS records, which are
        // added as they come (`People` picks one per person).
        let again = (copied.merge(&facts()), moved.merge(&facts()));
        assert_eq!(again.0, again.1, "{name}");
        assert_eq!(again.0.added, facts().people.len(), "{name}: {again:?}");
    }
}
