//! The index: vocabulary, corpus statistics, one weighted vector per article and the inverted
//! index from terms to the articles that hold them.
//!
//! Weights are sublinear TF-IDF, `(1 + ln tf) · √(ln((1 + N) / (1 + df)) + 1)`, L2-normalised
//! so that a dot product is a cosine (the comment on `idf` below explains the square root).
//! The corpus statistics come from the article set itself: a publisher's feed is its own
//! background corpus, so a word every article uses weighs little. The smoothed IDF keeps words
//! shared by every article of a two-article feed above zero.

use std::collections::hash_map::Entry;

use crate::article::{Article, Rejected, Warning};
use crate::map::{Map, Seeded};
use crate::sort::heapsort;
use crate::text::analyze::{is_english, primary_subtag, Analyzer};

mod builder;
pub use builder::IndexBuilder;

/// How the index is built. Every field has a default; [`IndexOptions::validate`] checks ranges.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct IndexOptions {
    /// Whether text fields hold HTML (`true`, the default: reduced to text) or text that is
    /// already plain (`false`: only whitespace is collapsed), such as `parseFeed`'s articles.
    pub html: bool,
    /// How much a word in the title counts against one in the summary.
    /// Default `1.5`, range `0.0..=10.0`; `0` ignores titles that have a summary beside them.
    pub title_weight: f32,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            html: true,
            title_weight: 1.5,
        }
    }
}

impl IndexOptions {
    /// Checks every option against its documented range.
    ///
    /// ```
    /// use related_articles::IndexOptions;
    /// assert!(IndexOptions::default().validate().is_ok());
    /// let bad = IndexOptions { title_weight: -1.0, ..Default::default() };
    /// assert!(bad.validate().unwrap_err().contains("titleWeight"));
    /// assert!(IndexOptions { title_weight: f32::NAN, ..Default::default() }.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=10.0).contains(&self.title_weight) {
            // The value is not echoed: printing a float links Rust's float formatter into the wasm.
            return Err("titleWeight must be a number between 0 and 10".into());
        }
        Ok(())
    }
}

/// One weighted term of an article's vector, with the word it was first seen as.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct DocTerm {
    pub term: u32,
    pub weight: f32,
    /// Where the word is: 0 title, 1 summary; byte offset and length in that field.
    pub field: u8,
    pub start: u32,
    pub len: u32,
}

/// An article's vector, its terms sorted by term id (which makes pair scores exactly symmetric:
/// both directions sum the same products in the same order).
#[derive(Debug, Clone, Default)]
pub(crate) struct DocVector {
    pub terms: Vec<DocTerm>,
}

/// An entry of a term's postings list.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Posting {
    pub doc: u32,
    pub weight: f32,
}

/// A searchable set of articles. Build it with [`IndexBuilder`] or [`Index::new`]; query it with
/// [`Index::related`](crate::Index::related) and [`Index::similarity`](crate::Index::similarity).
#[derive(Debug)]
pub struct Index {
    pub(crate) articles: Vec<Article>,
    pub(crate) docs: Vec<DocVector>,
    pub(crate) postings: Vec<Vec<Posting>>,
    pub(crate) vocab: Map,
    /// Document frequency per term id.
    pub(crate) df: Vec<u32>,
    /// Primary language subtag per article ("" when none is given).
    pub(crate) langs: Vec<String>,
    pub(crate) by_id: Map,
    pub(crate) by_url: Map,
    pub(crate) options: IndexOptions,
    hasher: Seeded,
    rejected: Vec<Rejected>,
    warnings: Vec<Warning>,
}

impl Index {
    /// Indexes validated articles. Duplicate ids are rejected as in [`IndexBuilder::add`].
    ///
    /// ```
    /// use related_articles::{Article, Index, IndexOptions};
    /// let index = Index::new(vec![Article::new("a", "t", "")], IndexOptions::default()).unwrap();
    /// assert_eq!(index.len(), 1);
    /// assert!(Index::new(vec![], IndexOptions::default()).is_err());
    /// ```
    pub fn new(articles: Vec<Article>, options: IndexOptions) -> Result<Index, String> {
        let mut builder = IndexBuilder::new(options)?;
        for article in articles {
            builder.add(article);
        }
        builder.build()
    }

    fn from_parts(
        articles: Vec<Article>,
        options: IndexOptions,
        hasher: Seeded,
        rejected: Vec<Rejected>,
        warnings: Vec<Warning>,
    ) -> Index {
        let mut vocab = Map::with_hasher(hasher.clone());
        let mut df: Vec<u32> = Vec::new();
        let mut docs: Vec<DocVector> = Vec::with_capacity(articles.len());
        let mut analyzers = AnalyzerCache::default();
        for article in &articles {
            let analyzer = analyzers.get(article.lang.as_deref(), &hasher);
            let mut row = doc_terms(article, &options, analyzer, &hasher, &mut |key| {
                let next = vocab.len() as u32;
                let id = *vocab.entry(key).or_insert(next);
                // A new word's id is the next one: its count is the next.
                match df.get_mut(id as usize) {
                    Some(count) => *count += 1,
                    None => df.push(1),
                }
                Some(id)
            });
            sort_by_term(&mut row);
            docs.push(DocVector { terms: row });
        }

        // Plain loops rather than `map`/`collect` chains: each chain is its own generic
        // instance in the wasm.
        let n = articles.len() as f32;
        let mut idfs: Vec<f32> = Vec::with_capacity(df.len());
        let mut postings: Vec<Vec<Posting>> = Vec::with_capacity(df.len());
        for &d in &df {
            idfs.push(idf(n, d as f32));
            postings.push(Vec::with_capacity(d as usize));
        }
        for (doc, vector) in docs.iter_mut().enumerate() {
            // Every term id is below `df.len()`: ids are handed out as `df` grows.
            for t in &mut vector.terms {
                t.weight *= idfs.get(t.term as usize).copied().unwrap_or(0.0);
            }
            normalise(&mut vector.terms);
            for t in &vector.terms {
                let Some(list) = postings.get_mut(t.term as usize) else {
                    continue;
                };
                list.push(Posting {
                    doc: doc as u32,
                    weight: t.weight,
                });
            }
        }

        let mut langs = Vec::with_capacity(articles.len());
        // Ids and URLs are unique: the builder rejected duplicates.
        let mut by_id = Map::with_hasher(hasher.clone());
        let mut by_url = Map::with_hasher(hasher.clone());
        for (i, a) in articles.iter().enumerate() {
            langs.push(a.lang.as_deref().map(primary_subtag).unwrap_or_default());
            by_id.insert(a.id.clone(), i as u32);
            if let Some(url) = &a.url {
                by_url.insert(url.clone(), i as u32);
            }
        }
        Index {
            articles,
            docs,
            postings,
            vocab,
            df,
            langs,
            by_id,
            by_url,
            options,
            hasher,
            rejected,
            warnings,
        }
    }

    /// The number of articles indexed.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// Whether the index holds no article (never true of one [`IndexBuilder::build`] made).
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The indexed articles, in input order (rejected records left out).
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Records that were skipped, in input order, each with its position and reason.
    pub fn rejected(&self) -> &[Rejected] {
        &self.rejected
    }

    /// Fields that were dropped from records that were kept (a malformed date or URL).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The position of the article with this id, or with this URL. Surrounding whitespace is
    /// ignored, as it is in the ids and URLs of records.
    ///
    /// ```
    /// use related_articles::{Article, Index, IndexOptions};
    /// let a = Article { url: Some("https://e.example/a".into()), ..Article::new("12345", "T", "") };
    /// let index = Index::new(vec![a], IndexOptions::default()).unwrap();
    /// assert_eq!(index.position("12345"), Some(0));
    /// assert_eq!(index.position(" https://e.example/a\n"), Some(0));
    /// assert_eq!(index.position("1234"), None);
    /// ```
    pub fn position(&self, id_or_url: &str) -> Option<usize> {
        let id_or_url = id_or_url.trim();
        self.by_id
            .get(id_or_url)
            .or_else(|| self.by_url.get(id_or_url))
            .map(|&i| i as usize)
    }

    /// Weighs a text that is not in the index against the index's statistics, as a query.
    pub(crate) fn vectorise(&self, article: &Article) -> DocVector {
        let analyzer = Analyzer::with_hasher(article.lang.as_deref(), self.hasher.clone());
        let n = self.articles.len() as f32;
        // A word no indexed article holds cannot match; it only lengthens the vector (u32::MAX,
        // weighed with df 0 and dropped after normalising).
        let mut terms = doc_terms(
            article,
            &self.options,
            &analyzer,
            &self.hasher,
            &mut |key| self.vocab.get(key.as_str()).copied(),
        );
        for t in &mut terms {
            let df = self.df.get(t.term as usize).map_or(0.0, |&d| d as f32);
            t.weight *= idf(n, df);
        }
        normalise(&mut terms);
        sort_by_term(&mut terms);
        DocVector { terms }
    }
}

/// Sorts a vector's terms by term id, leaving out words the index does not know (`u32::MAX`,
/// kept until then only for their share of the norm).
///
/// Every sort in the crate is a [`heapsort`](crate::sort::heapsort) of `(u64, u32)` pairs so that the wasm holds one
/// sort routine instead of one per element type (each monomorphised `sort_unstable_by` is
/// another copy; docs/size.md); here the pairs are (term id, index).
fn sort_by_term(terms: &mut Vec<DocTerm>) {
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(terms.len());
    for (i, t) in terms.iter().enumerate() {
        if t.term != u32::MAX {
            keys.push((u64::from(t.term), i as u32));
        }
    }
    heapsort(&mut keys);
    let unsorted = std::mem::take(terms);
    terms.reserve_exact(keys.len());
    for &(_, i) in &keys {
        terms.extend(unsorted.get(i as usize).copied());
    }
}

/// The IDF factor of each vector: the square root of the smoothed IDF, positive for every df ≤ N.
///
/// A pair score multiplies two vectors, so plain TF-IDF on both sides counts each shared word's
/// IDF twice (idf²), and a name shared by two articles by chance outweighs the topic words they
/// share with fifty. With √idf on each side the pair score weighs each shared word by its IDF
/// once, as a query–document TF-IDF score does. Measured (scripts/eval.mjs): HuffPost P@5
/// 0.521 → 0.530 (title weight 1.5 in both), UCI P@5 0.827 → 0.842, STS-B Spearman 0.709 → 0.708.
fn idf(n: f32, df: f32) -> f32 {
    (((1.0 + n) / (1.0 + df)).ln() + 1.0).sqrt()
}

/// An article's terms as vector entries: the term id from `id_of` (`u32::MAX` for a word it
/// does not know), asked once per distinct term in order of first appearance, and the sublinear
/// term frequency `1 + ln tf`, to be multiplied by the IDF. One routine for indexing and for
/// queries, so the wasm holds one copy.
///
/// The span kept for `why` is the term's first appearance in the summary, else in the title:
/// summaries are written in sentence case, titles often in Title Case.
fn doc_terms(
    article: &Article,
    options: &IndexOptions,
    analyzer: &Analyzer,
    hasher: &Seeded,
    id_of: &mut dyn FnMut(String) -> Option<u32>,
) -> Vec<DocTerm> {
    // Term → slot in `out`; the same map type as the index's own, so the wasm holds one hash map.
    let mut slots = Map::with_hasher(hasher.clone());
    // `weight` holds the weighted count until the end.
    let mut out: Vec<DocTerm> = Vec::new();
    // When there is no summary the title is all there is: weighting it changes nothing.
    let title_weight = if article.summary.is_empty() {
        1.0
    } else {
        options.title_weight
    };
    for (field, text, w) in [
        (1u8, &article.summary, 1.0),
        (0u8, &article.title, title_weight),
    ] {
        if w == 0.0 {
            continue;
        }
        for term in analyzer.terms(text) {
            let slot = match slots.entry(term.key) {
                Entry::Occupied(e) => *e.get() as usize,
                Entry::Vacant(e) => {
                    // The key is copied: the map keeps one, `id_of` takes the other.
                    let key = e.key().clone();
                    e.insert(out.len() as u32);
                    out.push(DocTerm {
                        term: id_of(key).unwrap_or(u32::MAX),
                        weight: 0.0,
                        field,
                        start: term.start as u32,
                        len: term.len as u32,
                    });
                    out.len() - 1
                }
            };
            if let Some(t) = out.get_mut(slot) {
                t.weight += w;
            }
        }
    }
    // tf below 1 (a title weight under 1) would make 1 + ln(tf) fall below 1, even below 0.
    for t in out.iter_mut() {
        t.weight = 1.0 + t.weight.max(1.0).ln();
    }
    out
}

fn normalise(terms: &mut [DocTerm]) {
    let norm = terms
        .iter()
        .map(|t| t.weight * t.weight)
        .sum::<f32>()
        .sqrt();
    if norm > 0.0 {
        for t in terms.iter_mut() {
            t.weight /= norm;
        }
    }
}

/// English is by far the most common language: one analyzer (and its cache of stems) serves
/// every English article, not one per article.
#[derive(Default)]
struct AnalyzerCache {
    english: Option<Analyzer>,
    plain: Option<Analyzer>,
}

impl AnalyzerCache {
    fn get(&mut self, lang: Option<&str>, hasher: &Seeded) -> &Analyzer {
        let slot = if is_english(lang) {
            &mut self.english
        } else {
            &mut self.plain
        };
        slot.get_or_insert_with(|| Analyzer::with_hasher(lang, hasher.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::{sort_by_term, DocTerm, IndexBuilder, IndexOptions};
    use crate::{Article, Query, RelatedOptions};

    #[test]
    #[allow(clippy::unwrap_used)]
    fn results_do_not_depend_on_the_seed() {
        let words = [
            "war", "peace", "trade", "talks", "secret", "alliance", "farm", "bread",
        ];
        let articles: Vec<Article> = (0..40)
            .map(|i| {
                let text: Vec<&str> = (0..4).map(|k| words[(i * 3 + k * k) % 8]).collect();
                Article::new(format!("a{i}"), text[..2].join(" "), text.join(" "))
            })
            .collect();
        let lists = |seed: u64| {
            let mut b = IndexBuilder::with_seed(IndexOptions::default(), seed).unwrap();
            articles.iter().for_each(|a| b.add(a.clone()));
            let index = b.build().unwrap();
            let options = RelatedOptions {
                limit: 10,
                ..Default::default()
            };
            (0..40)
                .map(|i| {
                    index
                        .related(Query::Id(&format!("a{i}")), &options)
                        .unwrap()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(lists(1), lists(u64::MAX));
    }

    #[test]
    fn sort_by_term_sorts_and_drops_unknown_words() {
        let term = |term, start| DocTerm {
            term,
            weight: 0.5,
            field: 1,
            start,
            len: 3,
        };
        let mut terms = vec![term(7, 0), term(u32::MAX, 4), term(2, 8), term(5, 12)];
        sort_by_term(&mut terms);
        assert_eq!(terms, [term(2, 8), term(5, 12), term(7, 0)]);
    }
}
