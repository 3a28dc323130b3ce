#![no_main]
//! `github.billing_usage_csv` on arbitrary bytes (see `uptake_fuzz::parse_as`).
libfuzzer_sys::fuzz_target!(|data: &[u8]| uptake_fuzz::parse_as("github.billing_usage_csv", data));
