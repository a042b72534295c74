//! Our English stemmer (`text::stem`) against the crate it replaces, rust-stemmers 1.2 (Snowball's
//! generated code): the same stem for every word of the shared datasets and the vendored feeds, and
//! for generated words that stress the rules' edges (y as a consonant, apostrophes, R1 and R2,
//! short syllables, letters outside ASCII).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::Path;

use proptest::prelude::*;
use related_articles::text::stem::english;
use related_articles::text::tokenize::words;
use rust_stemmers::{Algorithm, Stemmer};

fn ours(word: &str) -> String {
    let mut s = word.to_owned();
    english(&mut s);
    s
}

/// Every word of `text`, lower-cased as the analyzer does before stemming.
fn add_words(text: &str, into: &mut BTreeSet<String>) {
    for w in words(text) {
        into.insert(w.text.to_lowercase().replace('\u{2019}', "'"));
    }
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn same_stems_as_rust_stemmers_on_real_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut vocabulary = BTreeSet::new();
    let shared = root.join("../shared/datasets");
    for file in [
        "huffpost/articles.jsonl",
        "uci-news-stories/articles.jsonl",
        "stsb/pairs.tsv",
    ] {
        let path = shared.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (the shared datasets sit beside the repository)",
                path.display()
            )
        });
        add_words(&text, &mut vocabulary);
    }
    let mut feeds = Vec::new();
    files_under(&root.join("tests/feedparser"), &mut feeds);
    for path in feeds {
        add_words(
            &String::from_utf8_lossy(&std::fs::read(path).unwrap()),
            &mut vocabulary,
        );
    }
    assert!(vocabulary.len() > 50_000, "{} words", vocabulary.len());

    let snowball = Stemmer::create(Algorithm::English);
    let differ: Vec<_> = vocabulary
        .iter()
        .filter(|w| ours(w) != snowball.stem(w))
        .map(|w| format!("{w}: {} (Snowball: {})", ours(w), snowball.stem(w)))
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} words differ: {:?}",
        differ.len(),
        vocabulary.len(),
        &differ[..differ.len().min(20)]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// Words built from the letters the rules look at, and a few they treat as consonants.
    #[test]
    fn same_stems_as_rust_stemmers_on_generated_words(word in "'?[aeiouybcdglstnmrwxYhkf'é東]{0,12}(s|ed|ing|ly|ies|ied|sses|eed|li|ogi|ation|ness|ement|ion|e|l|'s)?") {
        let snowball = Stemmer::create(Algorithm::English);
        prop_assert_eq!(ours(&word), snowball.stem(&word).into_owned(), "{}", word);
    }
}
