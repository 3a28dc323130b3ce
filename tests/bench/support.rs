//! What the native benchmarks share: the input files (read from `target/bench/data` when the
//! `generate` binary wrote them, else generated in memory), timing by the median of a few
//! runs, and the results table (stdout and a section of `target/bench/native.md`).
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::{Duration, Instant};
use uptake::engine::identity::OrgKey;
use uptake::engine::ingest::{ingest, IngestOptions, Ingested};
use uptake::engine::sample::scaled::{self, Scale};

/// Runs of each measurement; the median is reported.
pub const RUNS: usize = 3;

pub fn key() -> OrgKey {
    OrgKey::from_bytes([42; 32])
}

fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench")
}

/// The scale used when no generated files are found: `UPTAKE_BENCH_PEOPLE` (20 000) ×
/// `UPTAKE_BENCH_WEEKS` (52).
pub fn scale() -> Scale {
    let number = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    Scale::new(
        number("UPTAKE_BENCH_PEOPLE", 20_000),
        number("UPTAKE_BENCH_WEEKS", 52),
    )
}

type Writer = fn(&Scale, &mut Vec<u8>) -> std::io::Result<u64>;

/// The benchmarked files: (label, file name, generator).
pub const FILES: [(&str, &str, Writer); 4] = [
    (
        "ChatGPT Users CSV",
        "chatgpt-users-weekly.csv",
        scaled::users_csv,
    ),
    ("HRIS CSV", "hris.csv", scaled::hris_csv),
    (
        "Compliance Logs JSONL",
        "chatgpt-compliance-logs.jsonl",
        scaled::compliance_jsonl,
    ),
    (
        "Copilot usage NDJSON",
        "copilot-usage-users.ndjson",
        scaled::copilot_ndjson,
    ),
];

/// One input file's bytes, and where they came from.
pub fn input(name: &str, write: Writer) -> (Vec<u8>, String) {
    let path = bench_dir().join("data").join(name);
    if let Ok(bytes) = std::fs::read(&path) {
        return (bytes, "target/bench/data".into());
    }
    let scale = scale();
    let mut bytes = Vec::new();
    write(&scale, &mut bytes).expect("writing to memory");
    let origin = format!("generated, {} people × {} weeks", scale.people, scale.weeks);
    (bytes, origin)
}

/// Reads one file through the engine's front door, as the worker does.
pub fn read(bytes: &[u8]) -> Ingested {
    let key = key();
    let options = IngestOptions::new(&key);
    match ingest(bytes, &options) {
        Ok(ingested) => ingested,
        Err(e) => panic!("benchmark input not readable: {}", e.error.message),
    }
}

/// Times `run` `RUNS` times and returns the median and the last result (dropped untimed).
pub fn median<T>(mut run: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        drop(last.take());
        let start = Instant::now();
        let value = run();
        times.push(start.elapsed());
        last = Some(value);
    }
    times.sort();
    (times[RUNS / 2], last.expect("at least one run"))
}

/// A results table: printed, and written as the `## {section}` of target/bench/native.md
/// (the other sections are kept).
pub struct Table {
    section: String,
    lines: Vec<String>,
}

impl Table {
    pub fn new(section: &str, header: &[&str]) -> Table {
        let mut table = Table {
            section: section.to_string(),
            lines: Vec::new(),
        };
        table.row(header);
        table.row(&header.iter().map(|_| "---").collect::<Vec<_>>());
        table
    }

    pub fn row(&mut self, cells: &[&str]) {
        let line = format!("| {} |", cells.join(" | "));
        println!("{line}");
        self.lines.push(line);
    }

    pub fn note(&mut self, text: &str) {
        println!("{text}");
        self.lines.push(String::new());
        self.lines.push(text.to_string());
    }

    pub fn save(self) {
        let path = bench_dir().join("native.md");
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        let mut sections: Vec<(String, String)> = Vec::new();
        for part in old.split("\n## ").filter(|p| !p.trim().is_empty()) {
            let part = part.trim_start_matches("## ");
            let (title, body) = part.split_once('\n').unwrap_or((part, ""));
            if title != self.section {
                sections.push((title.to_string(), body.trim_end().to_string()));
            }
        }
        sections.push((self.section, self.lines.join("\n")));
        sections.sort();
        let text: String = sections
            .iter()
            .map(|(title, body)| format!("## {title}\n\n{}\n\n", body.trim_start()))
            .collect();
        let _ = std::fs::create_dir_all(bench_dir());
        match std::fs::write(&path, text) {
            Ok(()) => println!("\nwritten to {}", path.display()),
            Err(e) => eprintln!("{}: {e}", path.display()),
        }
    }
}

pub fn seconds(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64())
}

pub fn millis(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

pub fn megabytes(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / 1e6)
}
