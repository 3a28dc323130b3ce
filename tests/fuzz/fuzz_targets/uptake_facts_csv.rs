#![no_main]
//! `uptake.facts_csv` on arbitrary bytes (see `uptake_fuzz::parse_as`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| uptake_fuzz::parse_as("uptake.facts_csv", data));
