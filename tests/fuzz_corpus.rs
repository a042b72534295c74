//! Replays every committed fuzz input (`fuzz/corpus/<target>/`, the minimized corpora, and
//! `fuzz/regressions/<target>/`, the inputs that once crashed, hung or ran out of memory) through
//! the same harnesses the `cargo fuzz` targets run (`fuzz/src/lib.rs`), so plain `cargo test`
//! checks them without libFuzzer or nightly. See docs/fuzzing.md.

// Native only: it reads files, and the harnesses reach `build` and `site`, which the wasm lacks.
#![cfg(not(target_arch = "wasm32"))]
// A test fails by panicking; the harness asserts the library's promises the same way.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod harness;

/// A harness: one input's bytes in, a panic out when the library broke a promise.
type Harness = fn(&[u8]);

/// Each target's harness, by the name of its directories.
const TARGETS: [(&str, Harness); 5] = [
    ("text", harness::text),
    ("records", harness::records),
    ("feed", harness::feed),
    ("rank", harness::rank),
    ("site", harness::site),
];

/// Runs `run` on every file of `dir` (none when it does not exist); returns how many.
fn replay(dir: &Path, run: Harness) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in &files {
        let bytes = fs::read(file).unwrap();
        let started = Instant::now();
        // A panic names the file: the harness's own message says what broke.
        eprintln!("replaying {}", file.display());
        run(&bytes);
        // libFuzzer's smoke runs time out at 10 s an input; a debug build is slower, so this only
        // catches an input that hangs outright (a fix that no longer bounds it).
        let took = started.elapsed();
        assert!(
            took < Duration::from_secs(60),
            "{} took {took:?}",
            file.display()
        );
    }
    files.len()
}

#[test]
fn every_committed_fuzz_input_replays_without_a_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    for (target, run) in TARGETS {
        let corpus = replay(&root.join("corpus").join(target), run);
        let crashes = replay(&root.join("regressions").join(target), run);
        // The corpus is committed for every target: an empty directory means a lost corpus, and
        // a test that replays nothing cannot fail.
        assert!(corpus > 0, "fuzz/corpus/{target} is empty or missing");
        eprintln!("{target}: {corpus} corpus files, {crashes} regressions");
    }
}
