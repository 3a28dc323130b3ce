//! The page ↔ worker protocol: the only serialisation boundary between the UI and the engine.
//!
//! Messages travel as JSON text in `postMessage`, with the `File` itself (when there is one)
//! alongside: `{request: "<json>", file: File}`. The worker holds the dataset; the page holds
//! only the latest [`Report`], which is aggregate and pseudonymous.

pub mod crypto;
pub mod file_reader;
mod helper;
pub mod parts;
pub mod pool;
mod pool_events;
pub mod runtime;
pub mod snapshots;

use crate::engine::date::DaySpan;
use crate::engine::query::Query;
use crate::engine::settings::Settings;
use crate::engine::sources::mapping::ColumnMapping;
use crate::engine::Report;
use serde::{Deserialize, Serialize};

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Use this org key (64 hex digits) from now on; files already loaded are read again.
    SetKey {
        key_hex: String,
    },
    /// Read the `File` sent alongside. `embedded`: the snapshot a standalone report carries,
    /// accepted whatever org key it was made under.
    Load {
        file_id: u32,
        file_name: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        embedded: bool,
    },
    /// Open a passphrase-protected snapshot that was loaded (see `engine::snapshot::sealed`).
    Unlock {
        file_id: u32,
        passphrase: String,
    },
    /// Save everything loaded as an `uptake.snapshot` (posted back as `{download, file}`),
    /// sealed when a passphrase is given. `saved_on` is today's date, from the page's clock.
    SaveSnapshot {
        passphrase: Option<String>,
        saved_on: Option<String>,
        /// Post it back as `{report_snapshot, base64}` (for a standalone report) instead of a
        /// download.
        #[serde(default)]
        for_report: bool,
    },
    /// Read a loaded file again as the mapping's format, with the columns the analyst chose
    /// (remembered for the file: a new org key reads it again with them).
    Remap {
        file_id: u32,
        mapping: ColumnMapping,
    },
    /// Read a loaded file again as covering this period (a file without dates).
    SetPeriod {
        file_id: u32,
        period: DaySpan,
    },
    Remove {
        file_id: u32,
    },
    /// Generate the sample organisation in the worker and read its files, numbered from
    /// `first_file_id` in the order of `SAMPLE_FILE_NAMES`.
    LoadSample {
        first_file_id: u32,
    },
    /// Generate one sample file and send it back to be saved (posted as `{download, file}`).
    SampleFile {
        name: String,
    },
    Clear,
    SetSettings {
        settings: Settings,
    },
    /// To a parse worker: read the `File` sent alongside with this key and send back its
    /// outcome (see `pool`).
    Parse {
        file_id: u32,
        generation: u32,
        file_name: String,
        key_hex: String,
        mapping: Option<ColumnMapping>,
        #[serde(default)]
        embedded: bool,
        #[serde(default)]
        period: Option<DaySpan>,
        /// Read only this part of the file (`engine::split`).
        #[serde(default)]
        part: Option<crate::engine::split::PartRange>,
    },
    /// To a parse worker: join the parts of a file read in parts (`parts`), sent alongside
    /// encoded, in order, and send back the file's outcome (see `parts`).
    Join {
        file_id: u32,
        generation: u32,
        prefix_lines: u64,
        scans: Vec<crate::engine::split::PartScan>,
    },
    /// Compute the Report for this date range and these filters from now on.
    SetQuery {
        query: Query,
    },
}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// The worker's wasm is running and listening: messages sent before this would be lost,
    /// so the page holds them until it arrives.
    Started,
    /// The worker is running and holds a key.
    Ready { key_fingerprint: String },
    /// A file is being read.
    Progress {
        file_id: u32,
        bytes_read: u64,
        total_bytes: u64,
    },
    /// The report after every change; `files_read` are the files whose read ended since the
    /// last Report (a Report waits while other files are still being read).
    Report {
        report: Box<Report>,
        #[serde(default)]
        files_read: Vec<u32>,
    },
    /// Something the page should show that is not about one file.
    Problem { message: String },
    /// The wasm memory of the dataset worker and the largest of any parse worker so far, in
    /// bytes (a wasm memory only grows, so its size is its peak); sent after every Report and
    /// shown on the page's root element for benchmarks.
    Memory {
        worker_bytes: u64,
        parse_worker_peak_bytes: u64,
        /// How long each step since the last Report took (reading, encoding, decoding and
        /// merging each file; building and posting the Report), for the benchmarks.
        #[serde(default)]
        timings: Vec<Timing>,
    },
}

/// Today's date where the page is (the browser's local date; a worker keeps the page's clock
/// and time zone), for `IngestOptions::today` and the period asker: the engine has no clock.
pub fn today() -> Option<crate::engine::date::Day> {
    let now = js_sys::Date::new_0();
    crate::engine::date::Day::from_ymd(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
}

/// One step of the work behind a Report and how long it took (worker clocks; the engine has
/// none).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timing {
    pub what: String,
    pub ms: f64,
}

impl Timing {
    pub fn of(what: String, ms: f64) -> Timing {
        Timing { what, ms }
    }
}

/// The size of this wasm instance's memory in bytes (0 outside wasm).
pub fn wasm_memory_bytes() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0) as u64 * 65_536
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

impl Request {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Reply {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_as_tagged_json() {
        let request = Request::Load {
            file_id: 3,
            file_name: "users.csv".into(),
            embedded: false,
        };
        let json = request.to_json();
        assert_eq!(
            json,
            r#"{"kind":"load","file_id":3,"file_name":"users.csv"}"#
        );
        assert_eq!(serde_json::from_str::<Request>(&json).ok(), Some(request));
        // A mapping chosen in the mapper names its format and its columns by field id.
        let mut mapping = ColumnMapping::new(crate::engine::detect::FormatId::ClaudeCodeCsv);
        mapping.set("Email", Some(0));
        mapping.set("Lines", Some(1));
        let remap = Request::Remap {
            file_id: 2,
            mapping,
        };
        assert_eq!(
            remap.to_json(),
            r#"{"kind":"remap","file_id":2,"mapping":{"format":"claude.code_csv","columns":[["Email",0],["Lines",1]]}}"#
        );
        assert_eq!(
            serde_json::from_str::<Request>(&remap.to_json()).ok(),
            Some(remap)
        );
        let reply = Reply::Progress {
            file_id: 3,
            bytes_read: 10,
            total_bytes: 20,
        };
        assert_eq!(
            serde_json::from_str::<Reply>(&reply.to_json()).ok(),
            Some(reply)
        );
    }
}
