//! Building an index one record at a time: each validated, duplicates of an id or a URL
//! rejected with the position of the first, then the whole set weighed by [`Index`].

use super::{Index, IndexOptions};
use crate::article::{Article, Markup, RawArticle, Rejected, Warning};
use crate::feed::Feed;
use crate::limits::Limits;
use crate::map::{Map, Seeded};
use crate::message::decimal;

/// Collects records one at a time, validating each, then builds an [`Index`].
///
/// ```
/// use related_articles::{Article, IndexBuilder, IndexOptions, Loose, RawArticle};
/// let mut b = IndexBuilder::new(IndexOptions::default()).unwrap();
/// b.add(Article::new("a", "Cats purr", ""));
/// b.add_raw(RawArticle::default());                  // nothing in it: rejected, position 1
/// b.reject(Some("x".into()), "not an object".into()); // a record that could not be decoded
/// b.add(Article::new("a", "Same id again", ""));       // duplicate id: rejected
/// let with_url = |id: &str| Article { url: Some("https://e.example/p?a,b".into()), ..Article::new(id, "T", "") };
/// b.add(with_url("b"));
/// b.add(with_url("c"));                                // another id, the same page: rejected
/// let index = b.build().unwrap();
/// assert_eq!(index.len(), 2);
/// let positions: Vec<_> = index.rejected().iter().map(|r| r.position).collect();
/// assert_eq!(positions, [1, 2, 3, 5]);
/// assert_eq!(index.rejected()[2].reason, "duplicate id \"a\": first used at position 0");
/// assert_eq!(index.rejected()[3].reason, "duplicate URL \"https://e.example/p?a,b\": first used at position 4");
/// ```
#[derive(Debug)]
pub struct IndexBuilder {
    options: IndexOptions,
    articles: Vec<Article>,
    /// Input position of each id, and of each URL, already taken.
    positions: Map,
    url_positions: Map,
    hasher: Seeded,
    rejected: Vec<Rejected>,
    warnings: Vec<Warning>,
    next_position: usize,
    limits: Limits,
    /// Bytes of text the articles kept hold, against [`Limits::text_bytes`].
    text_bytes: usize,
    /// The first record left out for a limit, the limit and its unit: every later record is
    /// left out too.
    over: Option<(usize, usize, &'static str)>,
}

impl IndexBuilder {
    /// Starts an index; fails when an option is out of range. Its hash maps are seeded from
    /// std's random keys (use [`with_seed`](Self::with_seed) where std has no randomness).
    pub fn new(options: IndexOptions) -> Result<Self, String> {
        Self::with_seed(options, Seeded::random_seed())
    }

    /// [`new`](Self::new), with the seed of the index's hash maps given: it should be random
    /// (hash flooding needs predictable hashes); results are the same whatever it is.
    pub fn with_seed(options: IndexOptions, seed: u64) -> Result<Self, String> {
        options.validate()?;
        let hasher = Seeded::new(seed);
        Ok(IndexBuilder {
            options,
            articles: Vec::new(),
            positions: Map::with_hasher(hasher.clone()),
            url_positions: Map::with_hasher(hasher.clone()),
            hasher,
            rejected: Vec::new(),
            warnings: Vec::new(),
            next_position: 0,
            limits: Limits::PAGE,
            text_bytes: 0,
            over: None,
        })
    }

    /// The same builder with other [`Limits`] than [`Limits::PAGE`] (the native CLI and the
    /// archive build take [`Limits::NATIVE`]).
    ///
    /// ```
    /// use related_articles::{Article, IndexBuilder, IndexOptions};
    /// use related_articles::limits::Limits;
    /// let limits = Limits { records: 2, text_bytes: 1 << 20 };
    /// let mut b = IndexBuilder::new(IndexOptions::default()).unwrap().with_limits(limits);
    /// for id in ["a", "b", "c", "d"] {
    ///     b.add(Article::new(id, "Cats purr", ""));
    /// }
    /// let index = b.build().unwrap();
    /// assert_eq!(index.len(), 2);
    /// assert_eq!(index.rejected().len(), 1);
    /// assert_eq!(index.rejected()[0].position, 2);
    /// assert_eq!(
    ///     index.rejected()[0].reason,
    ///     "records 2 to 3 left out: over the index's limit of 2 records"
    /// );
    /// ```
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Whether the next record is past a limit (and so left out, unread): once one is, every
    /// later one is, so the index holds a prefix of the input.
    fn past_limit(&mut self, text_bytes: usize) -> bool {
        let position = self.next_position;
        if self.over.is_none() {
            if position >= self.limits.records {
                self.over = Some((position, self.limits.records, "records"));
            } else if self.text_bytes.saturating_add(text_bytes) > self.limits.text_bytes {
                self.over = Some((position, self.limits.text_bytes, "bytes of text"));
            }
        }
        if self.over.is_some() {
            self.next_position += 1;
        }
        self.over.is_some()
    }

    /// Validates and adds the next record; a bad one is recorded in [`Index::rejected`].
    pub fn add_raw(&mut self, raw: RawArticle) {
        if self.past_limit(0) {
            return;
        }
        let position = self.next_position;
        let markup = if self.options.html {
            Markup::Html
        } else {
            Markup::Text
        };
        match raw.validate_as(position, markup) {
            Ok((article, warnings)) => {
                self.warnings.extend(warnings);
                self.add(article);
            }
            Err(rejected) => {
                self.rejected.push(rejected);
                self.next_position += 1;
            }
        }
    }

    /// Adds the next record, already validated. A second record with an id or a URL already
    /// seen is rejected: ids and URLs are how pages and `exclude`/`pin` name articles, so each
    /// names one; and two records of one URL would be two links to the same page.
    pub fn add(&mut self, article: Article) {
        let mut text_bytes = article.title.len() + article.summary.len();
        text_bytes += article.category.as_ref().map_or(0, String::len);
        for tag in &article.tags {
            text_bytes += tag.len();
        }
        if self.past_limit(text_bytes) {
            return;
        }
        let position = self.next_position;
        self.next_position += 1;
        let taken = match self.positions.get(article.id.as_str()) {
            Some(first) => Some(("duplicate id \"", article.id.as_str(), *first)),
            None => article.url.as_deref().and_then(|url| {
                let first = self.url_positions.get(url)?;
                Some(("duplicate URL \"", url, *first))
            }),
        };
        if let Some((what, name, first)) = taken {
            let first = decimal(i64::from(first));
            let reason = crate::cat!(what, name, "\": first used at position ", first);
            self.rejected.push(Rejected {
                position,
                reason,
                id: Some(article.id),
            });
            return;
        }
        self.text_bytes += text_bytes;
        self.positions.insert(article.id.clone(), position as u32);
        if let Some(url) = &article.url {
            self.url_positions.insert(url.clone(), position as u32);
        }
        self.articles.push(article);
    }

    /// Adds a parsed feed's entries in document order: its articles (plain text already, so
    /// `html: false` suits them), its rejected entries and the warnings about their dropped
    /// fields. This is how the CLI and the widget index a feed, with no copy of each article
    /// through JSON or JS in between.
    ///
    /// ```
    /// use related_articles::feed::{Feed, Format};
    /// use related_articles::{Article, IndexBuilder, IndexOptions, Rejected, Warning};
    /// let bad_date = Warning { position: 2, id: "b".into(), field: "date", reason: "not a date".into() };
    /// let untitled = Rejected { position: 1, id: None, reason: "no title and no summary".into() };
    /// let feed = Feed {
    ///     format: Format::Rss2,
    ///     encoding: "utf-8".into(),
    ///     lang: None,
    ///     entries: vec![
    ///         Ok((Article::new("a", "Cats purr", ""), vec![])),
    ///         Err(untitled),
    ///         Ok((Article::new("b", "Dogs bark", ""), vec![bad_date])),
    ///         Ok((Article::new("a", "The first id again", ""), vec![])),
    ///     ],
    ///     lines: vec![2, 3, 4, 5],
    ///     truncated: false,
    /// };
    /// let mut b = IndexBuilder::new(IndexOptions { html: false, ..IndexOptions::default() }).unwrap();
    /// b.add_feed(feed);
    /// let index = b.build().unwrap();
    /// assert_eq!(index.len(), 2);
    /// let rejected: Vec<_> = index.rejected().iter().map(|r| (r.position, r.reason.as_str())).collect();
    /// assert_eq!(rejected, [(1, "no title and no summary"), (3, "duplicate id \"a\": first used at position 0")]);
    /// assert_eq!((index.warnings()[0].position, index.warnings()[0].field), (2, "date"));
    /// ```
    pub fn add_feed(&mut self, feed: Feed) {
        for entry in feed.entries {
            match entry {
                Ok((article, warnings)) => {
                    self.add(article);
                    self.warnings.extend(warnings);
                }
                Err(rejected) => self.reject(rejected.id, rejected.reason),
            }
        }
    }

    /// Records that the next record could not be read at all (not an object, wrong types).
    pub fn reject(&mut self, id: Option<String>, reason: String) {
        if self.past_limit(0) {
            return;
        }
        self.rejected.push(Rejected {
            position: self.next_position,
            id,
            reason,
        });
        self.next_position += 1;
    }

    /// Records a warning about a field dropped before the record reached the builder (a feed
    /// entry's unparseable date, say), so one list tells a publisher everything.
    pub fn warn(&mut self, warning: Warning) {
        self.warnings.push(warning);
    }

    /// How many records have been seen, valid or not.
    pub fn seen(&self) -> usize {
        self.next_position
    }

    /// Builds the index. Fails only when no record was valid, saying why the first ones failed.
    pub fn build(self) -> Result<Index, String> {
        if self.articles.is_empty() {
            let mut reason = crate::cat!(
                "no valid article among ",
                decimal(self.next_position as i64),
                " record(s)"
            );
            for r in self.rejected.iter().take(3) {
                let position = decimal(r.position as i64);
                reason.push_str(&crate::cat!("; position ", position, ": ", r.reason));
            }
            return Err(reason);
        }
        Ok(self.finish())
    }

    /// Builds the index, even an empty one: for a caller that reports the rejections itself (a
    /// feed whose every entry was rejected is still a feed that was read).
    ///
    /// ```
    /// use related_articles::{IndexBuilder, IndexOptions, RawArticle};
    /// let mut b = IndexBuilder::new(IndexOptions::default()).unwrap();
    /// b.add_raw(RawArticle::default());
    /// let index = b.finish();
    /// assert_eq!((index.len(), index.rejected().len()), (0, 1));
    /// ```
    pub fn finish(mut self) -> Index {
        if let Some((first, limit, what)) = self.over {
            let reason = crate::cat!(
                "records ",
                decimal(first as i64),
                " to ",
                decimal(self.next_position as i64 - 1),
                " left out: over the index's limit of ",
                decimal(limit as i64),
                " ",
                what
            );
            self.rejected.push(Rejected {
                position: first,
                id: None,
                reason,
            });
        }
        Index::from_parts(
            self.articles,
            self.options,
            self.hasher,
            self.rejected,
            self.warnings,
        )
    }
}
