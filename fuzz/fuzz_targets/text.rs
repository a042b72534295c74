//! Fuzz target `text`: see [`related_articles_fuzz::text`] and docs/fuzzing.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| related_articles_fuzz::text(data));
