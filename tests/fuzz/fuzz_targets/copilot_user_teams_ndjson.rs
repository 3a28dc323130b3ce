#![no_main]
//! `copilot.user_teams_ndjson` on arbitrary bytes (see `uptake_fuzz::parse_as`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| uptake_fuzz::parse_as("copilot.user_teams_ndjson", data));
