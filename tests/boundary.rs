//! Only the wasm boundary knows about JS: no source file outside `src/wasm/` names `js_sys`,
//! `web_sys` or `wasm_bindgen` (in code or in comments), so `feed/`, `article`, `index` and the
//! rest stay plain Rust on every target, and what the boundary needs of them goes through a
//! trait (`JsonValue`, `feed::Platform`) it implements.
#![allow(clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

const JS_CRATES: [&str; 3] = ["js_sys", "web_sys", "wasm_bindgen"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The places in `text` that name a JS crate, as `line: text`.
fn js_names(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if JS_CRATES.iter().any(|name| line.contains(name)) {
            found.push(format!("{}: {}", i + 1, line.trim()));
        }
    }
    found
}

#[test]
fn only_src_wasm_names_the_js_crates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let boundary = src.join("wasm");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let (inside, outside): (Vec<_>, Vec<_>) = files.iter().partition(|f| f.starts_with(&boundary));
    assert!(
        outside.len() > 30,
        "the walk found too few files: {outside:?}"
    );
    let mut offences = Vec::new();
    for file in &outside {
        let text = fs::read_to_string(file).expect("a source file");
        for place in js_names(&text) {
            offences.push(format!("{}:{place}", file.display()));
        }
    }
    assert!(
        offences.is_empty(),
        "only src/wasm/ may name js_sys, web_sys or wasm_bindgen; found:\n{}",
        offences.join("\n")
    );
    // The check can fail: the boundary itself names them.
    let named: usize = inside
        .iter()
        .map(|f| js_names(&fs::read_to_string(f).expect("a source file")).len())
        .sum();
    assert!(
        named > 0,
        "src/wasm/ names no JS crate: is the walk looking elsewhere?"
    );
}

#[test]
fn the_check_sees_every_spelling() {
    assert_eq!(js_names("use js_sys::Array;").len(), 1);
    assert_eq!(js_names("#[wasm_bindgen]\nfn f() {}").len(), 1);
    assert_eq!(js_names("let d = web_sys::TextDecoder::new();").len(), 1);
    assert!(js_names("// wasm-bindgen, in prose, is fine").is_empty());
}
