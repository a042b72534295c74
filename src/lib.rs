//! # related-articles
//!
//! The relevance engine of the related-articles widget: it tokenises and weighs article titles
//! and summaries, and ranks an article's neighbours with a reason for each. The same code runs
//! in the reader's browser (compiled to WebAssembly, behind the JS API in `www/`) and natively in
//! the `related-articles` CLI.
//!
//! Data takes one path: records → [`article`] (validation, dates by [`date`]) → [`text`] (words,
//! terms) → [`index`] (weights, postings) → [`rank`] (scores, duplicates, `why`).
//!
//! ```
//! use related_articles::{Article, Index, IndexOptions, Query, RelatedOptions};
//!
//! let index = Index::new(vec![
//!     Article::new("a", "Secret diplomacy and backchannel talks", "How covert diplomacy shaped alliances."),
//!     Article::new("b", "Ceremonial diplomacy", "State visits signal alliances."),
//!     Article::new("c", "Farming reforms", "Markets reshaped rural labour."),
//! ], IndexOptions::default()).unwrap();
//!
//! let related = index.related(Query::Id("a"), &RelatedOptions::default()).unwrap();
//! let first = index.result_item(&related[0]).unwrap();
//! assert_eq!(first.id, "b");
//! assert!(first.score > 0.0 && first.score <= 1.0);
//! assert_eq!(first.why.terms, ["diplomacy", "alliances"]);
//! assert!(related.iter().all(|r| index.articles()[r.position].id != "a")); // never itself
//! ```

#![forbid(unsafe_code)]

// Two wasm builds: the page's (`wasm32-unknown-unknown`, behind wasm-bindgen: no files, no
// threads) and the CLI's (`wasm32-wasip1`, run by Node's WASI for `npx related-articles`), which
// is the native build with files and one thread. So "the browser" is `target_os = "unknown"`,
// not `target_arch = "wasm32"`.

pub mod article;
/// Archive builds (`related-articles build`): native (and WASI) only.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub mod build;
pub mod date;
pub mod feed;
pub mod find;
pub mod index;
pub mod limits;
pub(crate) mod map;
pub mod message;
pub mod rank;
/// Built sites' HTML pages: article metadata in, related lists out (native and WASI only).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub mod site;
pub(crate) mod sort;
pub mod text;
/// Every article's list at once on all cores (native and WASI only; one thread on WASI).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub mod topk;

/// The wasm-bindgen surface behind the JS API (`www/core.js`). Public only so that the
/// wasm-bindgen tests in `tests/` can reach it; JS code uses `createIndex`, never this.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
#[doc(hidden)]
pub mod wasm;

/// The allocator for the wasm build: talc rather than std's dlmalloc, for size and speed (see
/// `Cargo.toml`). Native builds keep the system allocator.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use article::{Article, Loose, RawArticle, Rejected, Tags, Warning};
pub use index::{Index, IndexBuilder, IndexOptions};
pub use rank::{Query, Related, RelatedOptions, ResultItem, Why};
