//! One article's list, computed with per-thread buffers and a bounded candidate heap.

use std::collections::BinaryHeap;

use crate::index::Index;
use crate::rank::{score_of, Related, RelatedOptions};
use crate::sort::descending;

/// What every query of a [`Ranker`](super::Ranker) shares.
pub(crate) struct Engine<'a> {
    index: &'a Index,
    options: &'a RelatedOptions,
    /// How many candidates a query keeps at first: the limit, and with near-duplicate
    /// collapsing a margin so that skipped copies rarely leave the list short.
    wanted: usize,
}

/// One thread's reusable buffers: nothing a query needs is allocated per query except its
/// result (and, rarely, a larger candidate heap).
pub(crate) struct Scratch {
    /// Each article's score so far; back to all zeros after every query.
    scores: Vec<f32>,
    /// The articles whose score left zero, in the order they did.
    touched: Vec<u32>,
    /// The best candidates so far as (score key, position): the worst on top.
    heap: BinaryHeap<(u64, u32)>,
    candidates: Vec<(u64, u32)>,
}

impl Scratch {
    pub(crate) fn new(len: usize) -> Scratch {
        Scratch {
            scores: vec![0.0; len],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
            candidates: Vec::new(),
        }
    }

    /// The articles touched by the last walk, each with its score (clamped to `[0, 1]`).
    pub(crate) fn touched(&self) -> impl Iterator<Item = (u32, f32)> + '_ {
        self.touched.iter().map(|&d| {
            let s = self.scores.get(d as usize).copied().unwrap_or(0.0);
            (d, s.clamp(0.0, 1.0))
        })
    }

    /// Back to all zeros, nothing touched.
    pub(crate) fn reset(&mut self) {
        for &doc in &self.touched {
            if let Some(s) = self.scores.get_mut(doc as usize) {
                *s = 0.0;
            }
        }
        self.touched.clear();
    }
}

impl<'a> Engine<'a> {
    pub(crate) fn new(index: &'a Index, options: &'a RelatedOptions) -> Engine<'a> {
        let wanted = if options.diversify {
            2 * options.limit + 3
        } else {
            options.limit
        };
        Engine {
            index,
            options,
            wanted,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    pub(crate) fn index(&self) -> &'a Index {
        self.index
    }

    pub(crate) fn options(&self) -> &'a RelatedOptions {
        self.options
    }

    /// How many candidates a query keeps at first.
    pub(crate) fn wanted(&self) -> usize {
        self.wanted
    }

    /// The list of article `p` from candidates found beforehand (sorted best first, not yet
    /// filtered by `Asker::admits`), or `None` when they were not enough: some were left out
    /// (`complete` is false) and the list came out short.
    pub(crate) fn related_among(
        &self,
        p: usize,
        candidates: &mut Vec<(u64, u32)>,
        complete: bool,
    ) -> Option<Vec<Related>> {
        let index = self.index;
        let vector = index.docs.get(p)?;
        if self.options.limit == 0 {
            return Some(Vec::new());
        }
        let asker = index.asker_at(p, self.options)?;
        candidates.retain(|&(key, d)| asker.admits(index, d as usize, score_of(key)));
        let list = index.choose(&asker, vector, candidates);
        (complete || list.len() == self.options.limit).then_some(list)
    }

    /// The list of the article at position `p`: what `Index::related` returns for it.
    pub(crate) fn related_at(&self, p: usize, scratch: &mut Scratch) -> Vec<Related> {
        self.related_from(p, self.wanted, scratch)
    }

    /// [`related_at`](Self::related_at), keeping `wanted` candidates at first.
    pub(crate) fn related_from(
        &self,
        p: usize,
        mut wanted: usize,
        scratch: &mut Scratch,
    ) -> Vec<Related> {
        let index = self.index;
        let Some(vector) = index.docs.get(p) else {
            return Vec::new();
        };
        if self.options.limit == 0 {
            return Vec::new();
        }
        let Some(asker) = index.asker_at(p, self.options) else {
            return Vec::new();
        };
        self.walk(p, None, scratch);
        let Scratch {
            scores,
            touched,
            heap,
            candidates,
        } = scratch;
        let list = loop {
            // The best `wanted` admitted candidates, by the key `Index::related` sorts on.
            heap.clear();
            for &doc in touched.iter() {
                let s = scores.get(doc as usize).map_or(0.0, |s| s.clamp(0.0, 1.0));
                let key = (descending(s), doc);
                let full = heap.len() >= wanted;
                if full && heap.peek().is_some_and(|worst| key >= *worst) {
                    continue;
                }
                if asker.admits(index, doc as usize, s) {
                    if full {
                        heap.pop();
                    }
                    heap.push(key);
                }
            }
            candidates.clear();
            candidates.extend(heap.drain());
            candidates.sort_unstable();
            let list = index.choose(&asker, vector, candidates);
            // Short because copies were skipped, with candidates left over: take more.
            if list.len() == self.options.limit || candidates.len() < wanted {
                break list;
            }
            wanted = wanted.saturating_mul(4);
        };
        scratch.reset();
        list
    }

    /// Adds the score of article `p` with every article that shares a word with it (only
    /// those after position `after`, when given) into `scratch`, listing them in `touched`.
    ///
    /// The postings walk of `Index::related`, term by term in term-id order: the same sums in
    /// the same order, so the same scores to the bit (and the same as article `d` gets for `p`:
    /// both sum the products of their shared terms in term-id order).
    pub(crate) fn walk(&self, p: usize, after: Option<usize>, scratch: &mut Scratch) {
        let index = self.index;
        let Some(vector) = index.docs.get(p) else {
            return;
        };
        let Scratch {
            scores, touched, ..
        } = scratch;
        for qt in &vector.terms {
            let Some(list) = index.postings.get(qt.term as usize) else {
                continue;
            };
            // Postings are in position order.
            let start = after.map_or(0, |a| list.partition_point(|x| x.doc as usize <= a));
            let list = list.get(start..).unwrap_or_default();
            // Every posting is written to the end of `touched`, which grows only when the score
            // was zero: no hard-to-predict branch in the hottest loop.
            let mut end = touched.len();
            touched.resize(end + list.len(), 0);
            for posting in list {
                if let (Some(s), Some(slot)) =
                    (scores.get_mut(posting.doc as usize), touched.get_mut(end))
                {
                    *slot = posting.doc;
                    end += usize::from(*s == 0.0);
                    *s += qt.weight * posting.weight;
                }
            }
            touched.truncate(end);
        }
    }
}
