//! Archive builds: every article's related list, written as small static files beside the
//! widget, so a page finds its list with one request and no wasm (`docs/archive.md`).
//!
//! Native only: this is the code that knows about files. The steps, one module each:
//! [`input`] reads records (JSON Lines, JSON arrays, feeds, WordPress exports) into a
//! [`Corpus`](input::Corpus), [`site`] reads a built site's pages into one, [`rank`] ranks
//! every article, [`list`] turns a ranking into list files named by [`key`], [`write`] puts
//! files on disk only when their bytes change, [`widget`] copies the widget's files, and
//! [`manifest`] records the build and joins shards.
//!
//! ```
//! use related_articles::build::{self, input::Corpus, BuildOptions};
//! use related_articles::Article;
//!
//! let mut corpus = Corpus::default();
//! let file = corpus.add_input("posts.jsonl", b"(the file's bytes)");
//! for (i, (id, title)) in [("a", "Cats purr"), ("b", "Cats nap"), ("c", "Dogs bark")].iter().enumerate() {
//!     let mut article = Article::new(*id, *title, "");
//!     article.url = Some(format!("https://example.com/{id}/"));
//!     corpus.offer(article, file, i + 1);
//! }
//! let out = tempfile::tempdir().unwrap();
//! let widget = tempfile::tempdir().unwrap();
//! std::fs::write(widget.path().join("related-articles.js"), r#"const A="__RELATED_ARTICLES_ARCHIVE__";"#).unwrap();
//!
//! let done = build::build(corpus, &BuildOptions::default(), out.path(), widget.path()).unwrap();
//! assert_eq!((done.lists.written, done.lists.unchanged), (3, 0));
//! let list = std::fs::read_to_string(out.path().join("lists").join(format!("{}.json", build::key::file_name("/a/")))).unwrap();
//! assert_eq!(list, r#"{"v":1,"entries":[{"key":"/a/","items":[{"url":"/b/","title":"Cats nap","why":["Cats"]}]}]}"#);
//! assert!(out.path().join("manifest.json").exists());
//! ```

pub mod input;
pub mod key;
pub mod list;
pub mod manifest;
pub mod rank;
pub mod run;
pub mod site;
pub mod widget;
pub mod write;

pub use run::{build, Built};

use crate::message::decimal;
use crate::rank::MAX_LIMIT;

/// The name of the output directory `build --site` writes inside the site.
pub const SITE_OUTPUT: &str = "related-articles";

/// How a build ranks and writes. [`BuildOptions::validate`] checks the ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildOptions {
    /// Items per list. Default `5`, range `0..=100`.
    pub limit: usize,
    /// Collapse near-duplicates, as the widget does. Default `true`.
    pub diversify: bool,
    /// Items with a title carry their summary cut to this many characters at a word boundary.
    /// Default `0`: none, as the list written into a page's HTML shows titles, categories and
    /// dates only (which keeps each file small). An item without a title always carries its
    /// summary, its link's text, cut to at least [`UNTITLED_SUMMARY_CHARS`]. Range `0..=500`.
    pub summary_chars: usize,
    /// Which slice of the articles this run writes lists for. Default: all of them.
    pub shard: Shard,
}

/// How long the summary of an item without a title is at least (it is the link's text).
pub const UNTITLED_SUMMARY_CHARS: usize = 100;

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            limit: 5,
            diversify: true,
            summary_chars: 0,
            shard: Shard::WHOLE,
        }
    }
}

impl BuildOptions {
    /// Checks every option against its documented range.
    ///
    /// ```
    /// use related_articles::build::BuildOptions;
    /// assert!(BuildOptions::default().validate().is_ok());
    /// let e = BuildOptions { limit: 101, ..Default::default() }.validate().unwrap_err();
    /// assert_eq!(e, "--limit must be between 0 and 100, got 101");
    /// assert!(BuildOptions { summary_chars: 501, ..Default::default() }.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), String> {
        let range = |name: &str, value: usize, max: usize| {
            if value > max {
                return Err(crate::cat!(
                    name,
                    " must be between 0 and ",
                    decimal(max as i64),
                    ", got ",
                    decimal(value as i64)
                ));
            }
            Ok(())
        };
        range("--limit", self.limit, MAX_LIMIT)?;
        range(
            "--summary",
            self.summary_chars,
            crate::feed::SUMMARY_FROM_CONTENT_CHARS,
        )
    }
}

/// One slice of a build's articles: shard `index` of `count` writes the lists of the articles
/// at positions `p` with `p % count == index` (every shard reads the whole corpus for its
/// statistics, so the lists are the same as a single build's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, `0..count`.
    pub index: usize,
    /// How many slices, at least 1.
    pub count: usize,
}

impl Shard {
    /// The whole build in one run.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// Reads `i/n` (`0/2`, `1/2`), as `--shard` takes it.
    ///
    /// ```
    /// use related_articles::build::Shard;
    /// assert_eq!(Shard::parse("1/3"), Ok(Shard { index: 1, count: 3 }));
    /// assert_eq!(Shard::parse(" 0/1 "), Ok(Shard::WHOLE));
    /// assert!(Shard::parse("3/3").unwrap_err().contains("0 to 2"));
    /// assert!(Shard::parse("0/0").is_err());
    /// assert!(Shard::parse("1").is_err());
    /// assert!(Shard::parse("a/b").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Shard, String> {
        let bad = || crate::cat!("--shard: expected i/n (such as 0/2), got \"", text, "\"");
        let (i, n) = text.trim().split_once('/').ok_or_else(bad)?;
        let index: usize = i.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if count == 0 {
            return Err("--shard: the number of shards must be at least 1".into());
        }
        if index >= count {
            return Err(crate::cat!(
                "--shard: with ",
                decimal(count as i64),
                " shards, i runs from 0 to ",
                decimal(count as i64 - 1),
                ", got ",
                decimal(index as i64)
            ));
        }
        Ok(Shard { index, count })
    }

    /// Whether the article at `position` is in this slice.
    pub fn holds(&self, position: usize) -> bool {
        position % self.count == self.index
    }

    /// `i/n`.
    pub fn label(&self) -> String {
        crate::cat!(decimal(self.index as i64), "/", decimal(self.count as i64))
    }
}
