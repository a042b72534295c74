//! Ranking: scores from the inverted index, exclusions, near-duplicate collapsing, the score
//! floor, and the `why` of each result.
//!
//! A query touches only the postings of its own terms. Scores are cosines in `[0, 1]`; the pair
//! score of two indexed articles is the same whichever of them is asked about.

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::index::{DocTerm, DocVector, Index};
use crate::message::decimal;
use crate::sort::{descending, heapsort};
use crate::text::analyze::primary_subtag;
use crate::text::case::push_lower;

/// What to find related articles for.
#[derive(Debug, Clone, Copy)]
pub enum Query<'a> {
    /// An indexed article, by id or URL.
    Id(&'a str),
    /// Any article: the indexed one with the same id or URL when there is one, else the text of
    /// this article weighed against the index (the page being read need not be in the feed).
    Article(&'a Article),
}

/// Options of one [`Index::related`] call.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct RelatedOptions {
    /// How many results at most. Default `5`, range `0..=100`.
    pub limit: usize,
    /// Results scoring below this are left out. Default `0.0`, range `0.0..=1.0`.
    pub min_score: f32,
    /// Collapse near-duplicates (copies of the query or of a result already chosen).
    /// Default `true`; `false` gives relevance order only.
    pub diversify: bool,
    /// Ids or URLs never to return. Default empty.
    pub exclude: Vec<String>,
}

impl Default for RelatedOptions {
    fn default() -> Self {
        RelatedOptions {
            limit: 5,
            min_score: 0.0,
            diversify: true,
            exclude: Vec::new(),
        }
    }
}

/// The largest `limit` accepted: a related list is a handful of links, not a search result page.
pub const MAX_LIMIT: usize = 100;

/// Two articles whose cosine reaches this are the same story told twice (a syndicated copy, an
/// updated repost): only the first is shown.
pub const DUPLICATE_SCORE: f32 = 0.9;

/// Two titles this similar (normalised Levenshtein, lower-cased) name the same article.
pub const DUPLICATE_TITLE: f64 = 0.9;

impl RelatedOptions {
    /// Checks every option against its documented range.
    ///
    /// ```
    /// use related_articles::RelatedOptions;
    /// assert!(RelatedOptions::default().validate().is_ok());
    /// assert!(RelatedOptions { limit: 101, ..Default::default() }.validate().is_err());
    /// assert!(RelatedOptions { min_score: 1.5, ..Default::default() }.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), String> {
        if self.limit > MAX_LIMIT {
            return Err(crate::cat!(
                "limit must be between 0 and ",
                decimal(MAX_LIMIT as i64),
                ", got ",
                decimal(self.limit as i64)
            ));
        }
        if !(0.0..=1.0).contains(&self.min_score) {
            return Err("minScore must be a number between 0 and 1".into());
        }
        Ok(())
    }
}

/// One related article: its position in [`Index::articles`], its score and why it matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    /// Position of the article in [`Index::articles`].
    pub position: usize,
    /// Cosine similarity in `[0, 1]`.
    pub score: f32,
    /// Up to three shared words, as written in the related article, strongest first.
    pub terms: Vec<String>,
}

impl Related {
    /// The score as results report it, rounded to 4 decimals.
    pub fn rounded_score(&self) -> f64 {
        (f64::from(self.score) * 1e4).round() / 1e4
    }
}

/// A result as it leaves the core (CLI JSON and the JS API alike): the article's public fields,
/// its score rounded to 4 decimals, and `why`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultItem<'a> {
    /// See [`Article::id`].
    pub id: &'a str,
    /// See [`Article::url`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// See [`Article::title`].
    pub title: &'a str,
    /// See [`Article::summary`].
    pub summary: &'a str,
    /// See [`Article::category`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<&'a str>,
    /// See [`Article::date`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    /// See [`Article::image`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<&'a str>,
    /// See [`Related::score`].
    pub score: f64,
    /// Why it is related.
    pub why: Why,
}

/// The reason shown for a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Why {
    /// See [`Related::terms`].
    pub terms: Vec<String>,
}

/// Who asks for a related list, and what that rules out: the article itself (by position, and
/// any article at its URL), excluded articles, other languages, scores under the floor.
pub(crate) struct Asker<'a> {
    own: Option<usize>,
    /// Primary language subtag ("" when none is given: matches every language).
    lang: String,
    title: &'a str,
    url: Option<&'a str>,
    /// Positions of the options' `exclude` ids and URLs that are indexed.
    excluded: Vec<usize>,
    options: &'a RelatedOptions,
}

impl<'a> Asker<'a> {
    fn new(
        index: &Index,
        own: Option<usize>,
        lang: String,
        title: &'a str,
        url: Option<&'a str>,
        options: &'a RelatedOptions,
    ) -> Asker<'a> {
        let mut excluded: Vec<usize> = Vec::new();
        for e in &options.exclude {
            if let Some(p) = index.position(e) {
                excluded.push(p);
            }
        }
        Asker {
            own,
            lang,
            title,
            url,
            excluded,
            options,
        }
    }

    /// Whether article `d`, scoring `s` (clamped to `[0, 1]`), may be in the list.
    pub(crate) fn admits(&self, index: &Index, d: usize, s: f32) -> bool {
        let Some(other) = index.doc(d) else {
            return false;
        };
        s > 0.0
            && s >= self.options.min_score
            && Some(d) != self.own
            && !self.excluded.contains(&d)
            && (self.url.is_none() || other.article.url.as_deref() != self.url)
            && (self.lang.is_empty() || other.lang.is_empty() || other.lang == self.lang)
    }
}

impl Index {
    /// The articles most related to `query`, best first.
    ///
    /// Never returns the query itself (by position, id or URL), an excluded article, or an
    /// article in another language than the query's (when both give one). Fails only when the
    /// query names an id that is not indexed or an option is out of range.
    ///
    /// ```
    /// use related_articles::{Article, Index, IndexOptions, Query, RelatedOptions};
    /// let index = Index::new(vec![
    ///     Article::new("a", "Backchannel diplomacy and secret alliances", ""),
    ///     Article::new("b", "Secret diplomacy in the Cold War", ""),
    ///     Article::new("c", "Sourdough bread at home", ""),
    /// ], IndexOptions::default()).unwrap();
    /// let found = index.related(Query::Id("a"), &RelatedOptions::default()).unwrap();
    /// assert_eq!(found.len(), 1);                         // "c" shares no word with "a"
    /// assert_eq!(index.articles()[found[0].position].id, "b");
    /// assert_eq!(found[0].terms, ["diplomacy", "Secret"]); // as written in "b", never stems
    /// assert!(index.related(Query::Id("zzz"), &RelatedOptions::default()).is_err());
    /// ```
    pub fn related(
        &self,
        query: Query<'_>,
        options: &RelatedOptions,
    ) -> Result<Vec<Related>, String> {
        options.validate()?;
        let own_vector;
        let (asker, vector) = match query {
            Query::Id(id) => {
                let (p, doc) = self.indexed(id)?;
                (self.asker_of(p, doc, options), doc.vector)
            }
            Query::Article(a) => {
                let own = self
                    .position(&a.id)
                    .or_else(|| a.url.as_deref().and_then(|u| self.position(u)));
                let vector = if let Some(doc) = own.and_then(|p| self.doc(p)) {
                    doc.vector
                } else {
                    own_vector = self.vectorise(a);
                    &own_vector
                };
                let lang = a.lang.as_deref().map(primary_subtag).unwrap_or_default();
                let asker = Asker::new(self, own, lang, &a.title, a.url.as_deref(), options);
                (asker, vector)
            }
        };
        if options.limit == 0 {
            return Ok(Vec::new());
        }

        let mut scores = vec![0f32; self.articles.len()];
        let mut touched: Vec<u32> = Vec::new();
        for qt in &vector.terms {
            let Some(postings) = self.postings.get(qt.term as usize) else {
                continue;
            };
            for posting in postings {
                let Some(s) = scores.get_mut(posting.doc as usize) else {
                    continue;
                };
                if *s == 0.0 {
                    touched.push(posting.doc);
                }
                *s += qt.weight * posting.weight;
            }
        }

        // Candidates as sort pairs (score key, position): best first, equal scores in input
        // order (feeds list newest first). The score comes back out of its key (`score_of`).
        // Plain loops rather than iterator chains here and below: each adapter chain is its own
        // generic instance in the wasm.
        let mut candidates: Vec<(u64, u32)> = Vec::new();
        for &doc in &touched {
            let Some(s) = scores.get(doc as usize) else {
                continue;
            };
            let s = s.clamp(0.0, 1.0);
            if asker.admits(self, doc as usize, s) {
                candidates.push((descending(s), doc));
            }
        }
        heapsort(&mut candidates);
        Ok(self.choose(&asker, vector, &candidates))
    }

    /// The [`Asker`] of indexed article `p`; `None` past the end.
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    pub(crate) fn asker_at<'a>(
        &'a self,
        p: usize,
        options: &'a RelatedOptions,
    ) -> Option<Asker<'a>> {
        Some(self.asker_of(p, self.doc(p)?, options))
    }

    /// The [`Asker`] of `doc`, the indexed article at `p`.
    fn asker_of<'a>(&'a self, p: usize, doc: Doc<'a>, options: &'a RelatedOptions) -> Asker<'a> {
        let (title, url) = (doc.article.title.as_str(), doc.article.url.as_deref());
        Asker::new(self, Some(p), doc.lang.to_owned(), title, url, options)
    }

    /// The related list from candidates sorted best first (by [`descending`] score key, then
    /// position), all admitted by `asker`: the first `limit` of them, near-duplicates collapsed
    /// when the options say so, each with its `why`. Shorter than `limit` only when the
    /// candidates ran out: a caller that passed only the best few can tell that it must pass more.
    pub(crate) fn choose(
        &self,
        asker: &Asker<'_>,
        vector: &DocVector,
        candidates: &[(u64, u32)],
    ) -> Vec<Related> {
        let options = asker.options;
        let mut chosen: Vec<(usize, f32, Doc<'_>)> = Vec::with_capacity(options.limit);
        for &(key, doc) in candidates {
            if chosen.len() == options.limit {
                break;
            }
            let (d, s) = (doc as usize, score_of(key));
            let Some(other) = self.doc(d) else {
                continue;
            };
            if options.diversify {
                let copy_of_query = same_title(asker.title, &other.article.title);
                let copy_of_chosen = chosen.iter().any(|(_, _, c)| {
                    same_title(&c.article.title, &other.article.title)
                        || dot(c.vector, other.vector) >= DUPLICATE_SCORE
                });
                if copy_of_query || copy_of_chosen {
                    continue;
                }
            }
            chosen.push((d, s, other));
        }
        let mut related = Vec::with_capacity(chosen.len());
        for (d, score, doc) in chosen {
            related.push(Related {
                position: d,
                score,
                terms: why(vector, doc),
            });
        }
        related
    }

    /// The cosine similarity of two indexed articles, named by id or URL: in `[0, 1]`, the same
    /// in both directions, `1` for an article with itself (when it has any indexed word).
    ///
    /// ```
    /// use related_articles::{Article, Index, IndexOptions};
    /// let index = Index::new(vec![
    ///     Article::new("a", "Secret diplomacy", ""),
    ///     Article::new("b", "Secret talks", ""),
    ///     Article::new("c", "", "the of and"),            // only stop words: no vector
    /// ], IndexOptions::default()).unwrap();
    /// let ab = index.similarity("a", "b").unwrap();
    /// assert!(ab > 0.0 && ab < 1.0);
    /// assert_eq!(ab, index.similarity("b", "a").unwrap());
    /// assert_eq!(index.similarity("a", "c").unwrap(), 0.0);
    /// assert!(index.similarity("a", "nope").is_err());
    /// ```
    pub fn similarity(&self, a: &str, b: &str) -> Result<f32, String> {
        let ((_, a), (_, b)) = (self.indexed(a)?, self.indexed(b)?);
        Ok(dot(a.vector, b.vector).clamp(0.0, 1.0))
    }

    /// [`Index::position`] and what is kept there, or the error that names what was not found.
    fn indexed(&self, id_or_url: &str) -> Result<(usize, Doc<'_>), String> {
        self.position(id_or_url)
            .and_then(|p| Some((p, self.doc(p)?)))
            .ok_or_else(|| crate::cat!("no article with id or URL \"", id_or_url, "\""))
    }

    /// The article at a position of the index, with its vector and language; `None` past the
    /// end (positions come from the index itself, so only a bug would go there).
    fn doc(&self, p: usize) -> Option<Doc<'_>> {
        Some(Doc {
            article: self.articles.get(p)?,
            vector: self.docs.get(p)?,
            lang: self.langs.get(p)?,
        })
    }

    /// A [`Related`] as the public result object; `None` when its position is not one of this
    /// index's (a [`Related`] from another index).
    pub fn result_item(&self, related: &Related) -> Option<ResultItem<'_>> {
        let a = self.articles.get(related.position)?;
        Some(ResultItem {
            id: &a.id,
            url: a.url.as_deref(),
            title: &a.title,
            summary: &a.summary,
            category: a.category.as_deref(),
            date: a.date.as_deref(),
            image: a.image.as_deref(),
            score: related.rounded_score(),
            why: Why {
                terms: related.terms.clone(),
            },
        })
    }
}

/// One indexed article, its vector and its primary language subtag (`""` when none).
#[derive(Clone, Copy)]
struct Doc<'a> {
    article: &'a Article,
    vector: &'a DocVector,
    lang: &'a str,
}
/// Up to three shared words of the query and `doc`, strongest contribution first, as written
/// in `doc`'s article.
fn why(query: &DocVector, doc: Doc<'_>) -> Vec<String> {
    // (contribution key, index in `doc`): ties go to the lower term id, as `doc` is in
    // term-id order.
    let mut shared: Vec<(u64, u32)> = Vec::new();
    merge(query, doc.vector, |q, t, j| {
        shared.push((descending(q.weight * t.weight), j as u32));
    });
    heapsort(&mut shared);
    let mut words: Vec<String> = Vec::with_capacity(3);
    for &(_, j) in &shared {
        let Some(t) = doc.vector.terms.get(j as usize) else {
            continue;
        };
        let field = if t.field == 0 {
            &doc.article.title
        } else {
            &doc.article.summary
        };
        let Some(word) = field.get(t.start as usize..(t.start + t.len) as usize) else {
            continue;
        };
        if !words.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            words.push(word.to_owned());
        }
        if words.len() == 3 {
            break;
        }
    }
    words
}

/// Calls `f` with the terms of `a` and of `b` for each term the two vectors share, and the
/// index of `b`'s, in term-id order.
fn merge(a: &DocVector, b: &DocVector, mut f: impl FnMut(&DocTerm, &DocTerm, usize)) {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.terms.get(i), b.terms.get(j)) {
        match x.term.cmp(&y.term) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(x, y, j);
                i += 1;
                j += 1;
            }
        }
    }
}

/// Dot product of two normalised vectors: their cosine. Summed in term-id order, like the
/// postings walk in [`Index::related`], so both give bit-identical scores.
pub(crate) fn dot(a: &DocVector, b: &DocVector) -> f32 {
    let mut sum = 0.0;
    merge(a, b, |x, y, _| sum += x.weight * y.weight);
    sum
}

/// The score a [`descending`] key was made from (the key of a score in `(0, 1]`).
pub(crate) fn score_of(key: u64) -> f32 {
    f32::from_bits(!(key as u32))
}

/// Whether two titles name the same article: near-identical once lower-cased.
fn same_title(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (mut la, mut lb) = (String::new(), String::new());
    push_lower(a, &mut la);
    push_lower(b, &mut lb);
    // Lengths in characters, as the distance counts them (a CJK character is three bytes), and
    // of the lower-cased texts that are compared: titles whose lengths differ by more than a
    // tenth cannot reach DUPLICATE_TITLE, and skip the quadratic comparison.
    let (na, nb) = (la.chars().count(), lb.chars().count());
    if na.abs_diff(nb) * 10 > na.max(nb) {
        return false;
    }
    strsim::normalized_levenshtein(&la, &lb) >= DUPLICATE_TITLE
}

#[cfg(test)]
mod tests {
    use super::same_title;

    #[test]
    fn near_duplicate_titles_are_measured_in_characters() {
        let title = "Senate passes the budget after a long night"; // 43 characters
        assert!(same_title(
            title,
            "SENATE PASSES THE BUDGET AFTER A LONG NIGHT"
        ));
        // "ht" edited to three characters, in ASCII and in CJK (3 bytes each in UTF-8): the same
        // distance (3 of 44 characters, similarity 0.93), so both are the same title.
        assert!(same_title(
            title,
            "Senate passes the budget after a long nigXYZ"
        ));
        assert!(same_title(
            title,
            "Senate passes the budget after a long nig夜夜夜"
        ));
        // Four characters added, in ASCII and in CJK: the same again (similarity 0.91).
        assert!(same_title(
            title,
            "Senate passes the budget after a long night abc"
        ));
        assert!(same_title(
            title,
            "Senate passes the budget after a long night 今夜的"
        ));
        // Six edits (similarity 0.86) make another title, whatever the script.
        assert!(!same_title(
            title,
            "Senate passes the budget after a long UVWXYZ"
        ));
        assert!(!same_title(
            title,
            "Senate passes the budget after a long 今夜的预算案"
        ));
        assert!(!same_title(title, ""));
        // Whole CJK titles: one character of 14 changed is the same title, four are not.
        let cjk = "参议院通过了年度预算法案决议";
        assert!(same_title(cjk, "参议院通过了年度预算法案决定"));
        assert!(!same_title(cjk, "参议院通过了年度预算某某某某"));
    }
}
