#![no_main]
//! `chatgpt.personal_export_json` on arbitrary bytes (see `uptake_fuzz::parse_as`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| uptake_fuzz::parse_as("chatgpt.personal_export_json", data));
