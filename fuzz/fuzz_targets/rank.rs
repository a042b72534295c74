//! Fuzz target `rank`: see [`related_articles_fuzz::rank`] and docs/fuzzing.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| related_articles_fuzz::rank(data));
