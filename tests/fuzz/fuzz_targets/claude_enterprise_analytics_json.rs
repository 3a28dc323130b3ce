#![no_main]
//! `claude.enterprise_analytics_json` on arbitrary bytes (see `uptake_fuzz::parse_as`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| uptake_fuzz::parse_as(
    "claude.enterprise_analytics_json",
    data
));
