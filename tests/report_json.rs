//! The Report as "Export report (JSON)" writes it: it reads back to the same Report, and its
//! top-level fields are exactly those the README's "The Report (JSON)" table documents (so a
//! renamed or new field fails here until the table says so).

use uptake::engine::dataset::Dataset;
use uptake::engine::identity::OrgKey;
use uptake::engine::ingest::{ingest, IngestOptions};
use uptake::engine::metrics::build_report;
use uptake::engine::sample::{sample_organisation, SAMPLE_SEED};
use uptake::engine::settings::Settings;
use uptake::engine::Report;

fn sample_report() -> Report {
    let key = OrgKey::from_bytes([3u8; 32]);
    let options = IngestOptions::new(&key);
    let mut dataset = Dataset::default();
    for (id, file) in sample_organisation(SAMPLE_SEED).into_iter().enumerate() {
        let size = file.bytes.len() as u64;
        let outcome = ingest(file.bytes.as_slice(), &options);
        dataset.add(id as u32 + 1, &file.name, size, outcome);
    }
    build_report(&dataset, &Settings::default(), &key.fingerprint())
}

/// The field names in the first column of the README's Report table.
fn documented_fields() -> Vec<String> {
    let readme = include_str!("../README.md");
    let section = readme
        .split("## The Report (JSON)")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README has a \"The Report (JSON)\" section");
    let mut fields = Vec::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let first = line.split('|').nth(1).unwrap_or_default();
        for name in first.split('`').skip(1).step_by(2) {
            fields.push(name.trim_end_matches("[]").to_string());
        }
    }
    fields
}

/// Equal JSON values, numbers within a relative 1e-12 (serde_json reads a float back to the
/// nearest double or the one beside it).
fn same(a: &serde_json::Value, b: &serde_json::Value, at: &str) {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            assert!((x - y).abs() <= 1e-12 * x.abs().max(1.0), "{at}: {x} ≠ {y}");
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{at}: lengths");
            for (i, (x, y)) in x.iter().zip(y).enumerate() {
                same(x, y, &format!("{at}[{i}]"));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            assert_eq!(
                x.keys().collect::<Vec<_>>(),
                y.keys().collect::<Vec<_>>(),
                "{at}: fields"
            );
            for (k, v) in x {
                same(v, &y[k], &format!("{at}.{k}"));
            }
        }
        _ => assert_eq!(a, b, "{at}"),
    }
}

#[test]
fn the_report_reads_back_from_its_json() {
    let report = sample_report();
    let json = serde_json::to_value(&report).expect("the Report serialises");
    let text = serde_json::to_string(&report).expect("as text");
    let back: Report = serde_json::from_str(&text).expect("and reads back");
    // Every field, every row, every number comes back (floats to the last bit or the next).
    same(
        &serde_json::to_value(&back).expect("again"),
        &json,
        "report",
    );
    assert_eq!(back.figures.len(), report.figures.len());
    assert_eq!(back.sources, report.sources);
}

#[test]
fn every_top_level_field_is_documented_in_the_readme() {
    let value = serde_json::to_value(sample_report()).expect("the Report serialises");
    let mut actual: Vec<String> = value
        .as_object()
        .expect("the Report is a JSON object")
        .keys()
        .cloned()
        .collect();
    let mut documented = documented_fields();
    actual.sort();
    documented.sort();
    documented.dedup();
    assert_eq!(actual, documented);
}
