//! Fuzz target `records`: see [`related_articles_fuzz::records`] and docs/fuzzing.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| related_articles_fuzz::records(data));
