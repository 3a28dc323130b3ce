//! The metrics path on a large dataset: loading the four benchmark files into a `Dataset`,
//! building the Report, and a filter change (a department) on the same data. `cargo bench
//! --bench metrics`; the table also goes to target/bench/native.md.

#[path = "support.rs"]
mod support;

use support::{key, median, megabytes, millis, read, Table, FILES, RUNS};
use uptake::engine::dataset::Dataset;
use uptake::engine::metrics::build_report_for;
use uptake::engine::query::Query;
use uptake::engine::settings::Settings;

fn main() {
    let mut dataset = Dataset::default();
    let mut total = 0;
    let mut origin = String::new();
    let mut loads = Vec::new();
    // `UPTAKE_BENCH_ONLY=users,hris` loads only the files whose names hold one of the words.
    let only = std::env::var("UPTAKE_BENCH_ONLY").unwrap_or_default();
    let wanted = |name: &str| only.is_empty() || only.split(',').any(|w| name.contains(w));
    for (i, (_, name, write)) in FILES.iter().enumerate().filter(|(_, f)| wanted(f.1)) {
        let (bytes, from) = support::input(name, *write);
        origin = from;
        total += bytes.len();
        let ingested = read(&bytes);
        drop(bytes);
        let start = std::time::Instant::now();
        dataset.add(i as u32, name, 0, Ok(ingested));
        loads.push(start.elapsed());
    }
    let settings = Settings::default();
    let fingerprint = key().fingerprint();
    let mut table = Table::new("metrics", &["step", "ms"]);
    let merge: std::time::Duration = loads.iter().sum();
    table.row(&["merge the files into the dataset", &millis(merge)]);
    let (time, report) =
        median(|| build_report_for(&dataset, &settings, &Query::default(), &fingerprint));
    table.row(&["Report, no filter", &millis(time)]);
    let department = report
        .filters
        .departments
        .iter()
        .find(|d| d.selectable)
        .map(|d| d.name.clone());
    let query = Query {
        department: department.clone(),
        ..Query::default()
    };
    let (time, filtered) = median(|| build_report_for(&dataset, &settings, &query, &fingerprint));
    assert!(filtered.filters.refused.is_none(), "the filter was refused");
    table.row(&[
        &format!(
            "Report, department = {}",
            department.as_deref().unwrap_or("none")
        ),
        &millis(time),
    ]);
    let json = serde_json::to_string(&report).map_or(0, |j| j.len());
    table.row(&[
        "Report as JSON (what the page receives), KB",
        &(json / 1000).to_string(),
    ]);
    let facts = dataset.facts();
    table.note(&format!(
        "Inputs: {origin}{}, {} MB in all; {} period rows, {} daily rows, {} events, {} people \
         records. Median of {RUNS} runs, native release build, one thread.",
        if only.is_empty() {
            String::new()
        } else {
            format!(" (only {only})")
        },
        megabytes(total),
        facts.periods.len(),
        facts.daily.len(),
        facts.events.len(),
        facts.people.len()
    ));
    table.save();
}
