#![no_main]
//! `chatgpt.compliance_conversations_json` on arbitrary bytes (see `uptake_fuzz::parse_as`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| uptake_fuzz::parse_as("chatgpt.compliance_conversations_json", data));
