#![no_main]
//! `copilot.usage_ndjson` on arbitrary bytes (see `uptake_fuzz::parse_as`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| uptake_fuzz::parse_as("copilot.usage_ndjson", data));
