#![no_main]
//! `cursor.daily_usage_json` on arbitrary bytes (see `uptake_fuzz::parse_as`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| uptake_fuzz::parse_as("cursor.daily_usage_json", data));
