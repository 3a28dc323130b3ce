#![no_main]
//! `copilot.entity_report_json` on arbitrary bytes (see `uptake_fuzz::parse_as`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| uptake_fuzz::parse_as("copilot.entity_report_json", data));
