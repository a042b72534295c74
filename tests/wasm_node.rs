//! wasm-bindgen tests of the JS boundary, in Node: `wasm-pack test --node`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "wasm/cases.rs"]
mod cases;
