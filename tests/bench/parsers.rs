//! Parser throughput through the real `ingest` path (detect, decode, parse, hash): bytes,
//! rows, seconds and MB/s (median of a few runs) per native format. `cargo bench --bench
//! parsers`; the table also goes to target/bench/native.md.

#[path = "support.rs"]
mod support;

use support::{median, megabytes, read, seconds, Table, FILES, RUNS};

fn main() {
    let mut table = Table::new("parsers", &["file", "MB", "rows", "s", "MB/s"]);
    let mut origin = String::new();
    for (label, name, write) in FILES {
        let (bytes, from) = support::input(name, write);
        origin = from;
        let (time, ingested) = median(|| read(&bytes));
        let d = &ingested.parsed.diagnostics;
        let rows = d.rows_accepted + d.rows_skipped + d.rows_duplicate;
        let rate = bytes.len() as f64 / 1e6 / time.as_secs_f64();
        table.row(&[
            label,
            &megabytes(bytes.len()),
            &rows.to_string(),
            &seconds(time),
            &format!("{rate:.0}"),
        ]);
    }
    table.note(&format!(
        "Inputs: {origin}. Median of {RUNS} runs, native release build, one thread."
    ));
    table.save();
}
