//! The engine: pure Rust, no browser, no I/O, no clocks. Bytes in (any `Read`), [`Report`] out.
//!
//! `detect` → `sources::<format>` (hashing identifiers as it parses) → `facts` → `dataset`
//! (merged, de-duplicated) → `metrics` → `report`. It builds and tests natively and runs in the
//! page's Web Worker. A test fails if any file here names a browser or UI crate.

pub mod dataset;
pub mod date;
pub mod detect;
pub mod export;
pub mod facts;
pub mod fast_hash;
pub mod identity;
pub mod ingest;
pub mod intern;
pub mod literal;
pub mod memory_budget;
pub mod metrics;
pub mod query;
pub mod report;
pub mod sample;
pub mod settings;
pub mod snapshot;
pub mod sources;
pub mod split;
pub mod text;
pub mod wire;
pub mod zip;

pub use report::Report;
