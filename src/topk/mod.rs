//! Every article's related list at once, on all cores: what `related --all` and `build` need
//! for archives of 100,000 articles and more.
//!
//! The lists are exactly those of [`Index::related`] with the same options, field by field
//! (positions, scores to the bit, `why`, tie order), for every article. What changes is the
//! cost of each one: no per-query allocation or zeroing of an N-sized score array (each thread
//! keeps its own accumulator), no sort of every touched article (a bounded heap keeps the best
//! few, enough for near-duplicate collapsing to fill the list, with more taken when it cannot).
//!
//! [`crate::build::rank::rank_all`] is the entry point for a build's positions and shards.
//!
//! Native and WASI only (one thread there): the browser ranks one list at a time with
//! [`Index::related`], and threads have no place in the widget's wasm.
//!
//! ```
//! use related_articles::topk::Ranker;
//! use related_articles::{Article, Index, IndexOptions, Query, RelatedOptions};
//! let index = Index::new(vec![
//!     Article::new("a", "Secret diplomacy and alliances", ""),
//!     Article::new("b", "Secret diplomacy in the Cold War", ""),
//!     Article::new("c", "Alliances of the Cold War", ""),
//!     Article::new("d", "Sourdough bread", ""),
//! ], IndexOptions::default()).unwrap();
//! let options = RelatedOptions::default();
//! let ranker = Ranker::every(&index, &options).unwrap();
//! let all = ranker.map(&[0, 1, 2, 3], |p, list| (p, list));
//! for (p, list) in &all {
//!     let id = &index.articles()[*p].id;
//!     assert_eq!(list, &index.related(Query::Id(id), &options).unwrap());
//! }
//! assert!(all[3].1.is_empty());                               // "d" shares no word
//! // Positions in any order, repeated or not in the index (an empty list).
//! let some = Ranker::some(&index, &options).unwrap();
//! let asked = some.map(&[2, 0, 2, 9], |p, list| (p, list.len()));
//! assert_eq!(asked, [(2, 2), (0, 2), (2, 2), (9, 0)]);
//! let bad = RelatedOptions { limit: 101, ..RelatedOptions::default() };
//! let refused = Ranker::every(&index, &bad).err().unwrap_or_default();
//! assert!(refused.contains("limit"), "{refused}");
//! ```

mod engine;
mod pairs;

use rayon::prelude::*;

use crate::index::Index;
use crate::rank::{Related, RelatedOptions};
use engine::{Engine, Scratch};
use pairs::Neighbours;

/// Ranks every article of an index, or some of them, on all cores.
///
/// Build it once per index and options, then ask for any positions with [`Ranker::map`].
pub struct Ranker<'a> {
    engine: Engine<'a>,
    /// Every article's candidates, when found pair by pair up front ([`Ranker::every`]).
    neighbours: Option<Neighbours>,
}

impl<'a> Ranker<'a> {
    /// For every article's list (or most of them): finds every article's candidates up front,
    /// scoring each pair once for both of its articles, on all cores. Fails when an option is
    /// out of range (see [`RelatedOptions::validate`]).
    pub fn every(index: &'a Index, options: &'a RelatedOptions) -> Result<Ranker<'a>, String> {
        options.validate()?;
        let engine = Engine::new(index, options);
        let neighbours = Some(Neighbours::find(&engine));
        Ok(Ranker { engine, neighbours })
    }

    /// For a few lists or one shard of them: each article's list is computed on its own,
    /// when asked for (each costs about twice its share of [`Ranker::every`]).
    pub fn some(index: &'a Index, options: &'a RelatedOptions) -> Result<Ranker<'a>, String> {
        options.validate()?;
        Ok(Ranker {
            engine: Engine::new(index, options),
            neighbours: None,
        })
    }

    /// The list of the article at each of `positions`, passed to `f` with its position, on all
    /// cores; the values `f` returns come back in the order of `positions`. A position that is
    /// not in the index gets an empty list.
    pub fn map<T, F>(&self, positions: &[usize], f: F) -> Vec<T>
    where
        T: Send,
        F: Fn(usize, Vec<Related>) -> T + Sync,
    {
        let n = self.engine.len();
        positions
            .par_iter()
            // Each of rayon's jobs makes one accumulator; at least 64 queries per job keeps
            // their number (and the zeroed memory) small against the work.
            .with_min_len(64)
            .map_init(
                || (Scratch::new(n), Vec::new()),
                |(scratch, candidates), &p| f(p, self.related_at(p, scratch, candidates)),
            )
            .collect()
    }

    fn related_at(
        &self,
        p: usize,
        scratch: &mut Scratch,
        candidates: &mut Vec<(u64, u32)>,
    ) -> Vec<Related> {
        if let Some(neighbours) = &self.neighbours {
            let complete = neighbours.candidates(p, candidates);
            if let Some(list) = self.engine.related_among(p, candidates, complete) {
                return list;
            }
            // Near-duplicates and articles at the query's URL took too many of the candidates:
            // this one list is computed on its own, with more of them.
            return self
                .engine
                .related_from(p, self.engine.wanted().saturating_mul(4), scratch);
        }
        self.engine.related_at(p, scratch)
    }
}
