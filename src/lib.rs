//! # Uptake: the architecture map
//!
//! Uptake turns the native usage exports of AI tools into adoption dashboards, entirely inside
//! the browser. One crate, three parts, one direction of flow:
//!
//! ```text
//!  File ──► worker (src/worker) ──► engine (src/engine) ──► Report ──► page (src/ui)
//!           reads 8 MiB slices      detect → sources/<format>         aggregate,   renders figures,
//!           with FileReaderSync     (hash ids as parsed) → facts →    pseudonymous charts, tables
//!                                   dataset → metrics → report
//! ```
//!
//! ## Code map
//!
//! - [`engine`]: pure Rust, no browser, no I/O, no clock; builds and tests natively.
//!   - `detect`: recognises a file by its header or keys, never its name.
//!   - `text`: byte-order marks, UTF-16 and Windows-1252 into UTF-8.
//!   - `sources/<vendor_format>.rs`: one parser per native export (`chatgpt_users_csv`,
//!     `hris`), plus `csv_table` (columns by name) and `values` (lenient cell readers).
//!   - `identity`: the org key, HMAC-SHA256 pseudonyms, key files and passphrases.
//!   - `facts`: canonical fact tables (`PeriodActivity`, `PersonRecord`), merged and
//!     de-duplicated by `dataset`.
//!   - `metrics/`: people linking (`people`), weeks (`weeks`), adoption per person and week
//!     (`adoption`), departments with the group-size floor (`departments`, `privacy`), and the
//!     definition of every figure (`definitions`).
//!   - `report`: the `Report`, the one serialisable boundary to the page.
//!   - `sample/`: the deterministic sample organisation, as native export files.
//! - [`worker`]: the page ↔ worker messages (`Request`, `Reply`), the worker's event loop
//!   (`runtime`) and the `File` reader (`file_reader`).
//! - [`ui`]: the Leptos app: `state` (session, settings, view), `worker_client`, `key` (the
//!   org key in the browser), `components/` (drop zone, file list, mapper, cards, chart canvas)
//!   and `dashboards/<name>/{mod.rs, model.rs, chart.rs}`.
//! - `src/main.rs` mounts the app; `src/bin/worker.rs` starts the worker loop. Nothing else.
//!
//! ## Invariants
//!
//! - The engine names no browser or UI crate and does no I/O (`tests/engine_purity.rs`).
//! - No raw identifier or message text reaches a fact table, the Report, the DOM or storage:
//!   parsers hash identifiers where they read them (`tests/privacy.rs`, the browser tests).
//! - The UI never parses and never computes a metric; it renders the `Report`.
//! - Every breakdown by an HR attribute obeys the minimum group size (`metrics::privacy`).
//! - No network request after load: the page's Content-Security-Policy forbids other origins
//!   and the browser tests watch every request, the worker's included.

pub mod engine;
pub mod ui;
pub mod worker;
