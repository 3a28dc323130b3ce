#![no_main]
//! `claude.spend_csv` on arbitrary bytes (see `uptake_fuzz::parse_as`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| uptake_fuzz::parse_as("claude.spend_csv", data));
