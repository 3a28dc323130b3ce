//! Shared helpers for the engine's integration tests.
#![allow(dead_code)]

pub mod split;

use std::path::PathBuf;
use uptake::engine::dataset::Dataset;
use uptake::engine::identity::OrgKey;
use uptake::engine::ingest::{ingest, IngestError, IngestOptions, Ingested};
use uptake::engine::metrics::build_report;
use uptake::engine::settings::Settings;
use uptake::engine::Report;

pub fn key() -> OrgKey {
    OrgKey::from_bytes([42; 32])
}

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

pub fn read_bytes(bytes: &[u8]) -> Result<Ingested, IngestError> {
    let key = key();
    ingest(bytes, &IngestOptions::new(&key))
}

pub fn read(name: &str) -> Ingested {
    read_bytes(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {:?}", e.error))
}

/// Loads fixtures into one dataset, as the page does.
pub fn dataset(names: &[&str]) -> Dataset {
    let mut dataset = Dataset::default();
    for (i, name) in names.iter().enumerate() {
        let bytes = fixture(name);
        dataset.add(i as u32, name, bytes.len() as u64, read_bytes(&bytes));
    }
    dataset
}

pub fn report(names: &[&str], settings: &Settings) -> Report {
    build_report(&dataset(names), settings, &key().fingerprint())
}

pub fn value(report: &Report, id: &str) -> Option<f64> {
    report
        .figure(id)
        .unwrap_or_else(|| panic!("no figure {id}"))
        .value
}

/// A tool's row in Licences' "Seats by tool": (seats, unused, monthly cost).
pub fn seats_of(report: &Report, tool: uptake::engine::facts::Tool) -> (u32, u32, f64) {
    let row = report
        .licences
        .tools
        .iter()
        .find(|t| t.tool == tool)
        .unwrap_or_else(|| panic!("{tool:?} in Seats by tool"));
    (row.seats, row.unused, row.monthly_cost)
}

pub fn day(text: &str) -> uptake::engine::date::Day {
    uptake::engine::date::Day::parse(text).expect("valid date")
}

/// Every non-empty value (lower-cased) of the named columns of a CSV fixture.
pub fn csv_values(name: &str, columns: &[&str]) -> Vec<String> {
    let bytes = fixture(name);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().expect("header").clone();
    let wanted: Vec<usize> = columns
        .iter()
        .filter_map(|c| header.iter().position(|h| h == *c))
        .collect();
    let mut found = Vec::new();
    for record in reader.records() {
        let record = record.expect("fixture row");
        for &i in &wanted {
            let value = record.get(i).unwrap_or("").trim();
            if !value.is_empty() {
                found.push(value.to_lowercase());
            }
        }
    }
    assert!(!found.is_empty(), "{name}: no values in {columns:?}");
    found
}

/// Reads a fixture as the page does once the analyst has given the period a dateless file
/// covers.
pub fn read_for(
    name: &str,
    period: Option<uptake::engine::date::DaySpan>,
) -> Result<Ingested, IngestError> {
    let key = key();
    ingest(
        fixture(name).as_slice(),
        &IngestOptions::new(&key).with_period(period),
    )
}
