//! Fuzz target `feed`: see [`related_articles_fuzz::feed`] and docs/fuzzing.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| related_articles_fuzz::feed(data));
