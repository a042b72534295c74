//! Our English stemmer (`text::stem`) against two oracles. Snowball's own English vocabulary and
//! expected stems (`tests/snowball/`, vendored: see its README) must come out exactly, from ours
//! and from rust-stemmers 1.2 (Snowball's generated code, the crate ours replaced). Against that
//! crate, ours must also give the same stem for every word of the vendored feeds, of the
//! evaluation datasets when they are beside the repository (`../shared/datasets`), and of
//! generated words that stress the rules' edges (y as a consonant, apostrophes, R1 and R2, short
//! syllables, letters outside ASCII).

// A test indexes what it built: a wrong offset fails it, which is what a test is for.
#![allow(clippy::indexing_slicing, clippy::string_slice)]
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use related_articles::text::stem::english;
use related_articles::text::tokenize::words;
use rust_stemmers::{Algorithm, Stemmer};

fn ours(word: &str) -> String {
    let mut s = word.to_owned();
    english(&mut s);
    s
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every word of `text`, lower-cased as the analyzer does before stemming.
fn add_words(text: &str, into: &mut BTreeSet<String>) {
    for w in words(text) {
        into.insert(w.text.to_lowercase().replace('\u{2019}', "'"));
    }
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Fails with the first 20 words whose stems differ between ours and rust-stemmers.
fn assert_same_stems(vocabulary: &BTreeSet<String>) {
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

#[test]
fn snowball_vocabulary_gives_snowballs_expected_stems() {
    let dir = root().join("tests/snowball");
    let vocabulary = read(&dir.join("voc.txt"));
    let expected = read(&dir.join("output.txt"));
    let (vocabulary, expected): (Vec<_>, Vec<_>) =
        (vocabulary.lines().collect(), expected.lines().collect());
    assert_eq!(
        vocabulary.len(),
        expected.len(),
        "voc.txt and output.txt pair line for line"
    );
    assert!(vocabulary.len() > 20_000, "{} words", vocabulary.len());

    let snowball = Stemmer::create(Algorithm::English);
    let mut differ = Vec::new();
    for (word, want) in vocabulary.iter().zip(&expected) {
        let (got, crate_got) = (ours(word), snowball.stem(word));
        if got != *want || crate_got != *want {
            differ.push(format!(
                "{word}: {got} (rust-stemmers: {crate_got}, expected: {want})"
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} words differ: {:?}",
        differ.len(),
        vocabulary.len(),
        &differ[..differ.len().min(20)]
    );
}

#[test]
fn same_stems_as_rust_stemmers_on_the_vendored_feeds() {
    let mut vocabulary = BTreeSet::new();
    let mut feeds = Vec::new();
    files_under(&root().join("tests/feedparser"), &mut feeds);
    for path in feeds {
        add_words(
            &String::from_utf8_lossy(&std::fs::read(path).unwrap()),
            &mut vocabulary,
        );
    }
    assert!(vocabulary.len() > 3_000, "{} words", vocabulary.len());
    assert_same_stems(&vocabulary);
}

/// The evaluation datasets' files this test reads.
const DATASET_FILES: [&str; 3] = [
    "huffpost/articles.jsonl",
    "uci-news-stories/articles.jsonl",
    "stsb/pairs.tsv",
];

/// Where the evaluation datasets are: `$DATASETS`, or `../shared/datasets` beside the repository.
/// `None` only when that default directory does not exist at all and `DATASETS_REQUIRED` is
/// unset (a clone on its own); a `$DATASETS` that does not exist, a datasets directory missing a
/// file, or `DATASETS_REQUIRED=1` (CI) without the datasets is a failure, never a skip.
fn datasets() -> Option<PathBuf> {
    let (dir, named) = match std::env::var_os("DATASETS") {
        Some(dir) => (PathBuf::from(dir), true),
        None => (root().join("../shared/datasets"), false),
    };
    if !dir.exists() {
        let required = std::env::var_os("DATASETS_REQUIRED").is_some_and(|v| v == "1");
        assert!(
            !named && !required,
            "{} not found (DATASETS names it or DATASETS_REQUIRED=1 asks for it)",
            dir.display()
        );
        return None;
    }
    for file in DATASET_FILES {
        let path = dir.join(file);
        assert!(
            path.is_file(),
            "{} missing: the datasets directory is incomplete (needs {})",
            path.display(),
            DATASET_FILES.join(", ")
        );
    }
    Some(dir)
}

#[test]
fn same_stems_as_rust_stemmers_on_the_evaluation_datasets() {
    let Some(dir) = datasets() else {
        // Straight to stderr, not eprintln!: the test harness would swallow the line of a passing test.
        writeln!(
            std::io::stderr(),
            "skipped: ../shared/datasets not found (tests/stem.rs: the stemmer's check on the evaluation datasets' words; CI has them)"
        )
        .unwrap();
        return;
    };
    let mut vocabulary = BTreeSet::new();
    for file in DATASET_FILES {
        add_words(&read(&dir.join(file)), &mut vocabulary);
    }
    assert!(vocabulary.len() > 50_000, "{} words", vocabulary.len());
    assert_same_stems(&vocabulary);
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
