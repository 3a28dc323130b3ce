#![no_main]
//! `cursor.usage_events_csv` on arbitrary bytes (see `uptake_fuzz::parse_as`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| uptake_fuzz::parse_as("cursor.usage_events_csv", data));
