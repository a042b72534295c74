//! `parseFeed` in wasm in a real browser: tests/wasm_feed.rs's cases, where decoding goes through
//! the browser's own `TextDecoder` (the one a reader's browser uses on a publisher's feed) and JSON
//! through its `JSON.parse`. Run by `wasm-pack test --headless --chrome`, `--firefox` and
//! `--safari` (WebKitGTK: see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm_feed.rs"]
mod feed;
