#![no_main]
//! `gemini.audit_json` on arbitrary bytes (see `uptake_fuzz::parse_as`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| uptake_fuzz::parse_as("gemini.audit_json", data));
