#![no_main]
//! Detection, every parser, the dataset and the Report on arbitrary bytes.
libfuzzer_sys::fuzz_target!(|data: &[u8]| uptake_fuzz::pipeline(data));
