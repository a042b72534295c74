//! One article's list, computed with per-thread buffers and a bounded candidate heap.

use std::collections::BinaryHeap;

use crate::index::{descending, Index};
use crate::rank::{Related, RelatedOptions};

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

    /// The list of the article at position `p`: what `Index::related` returns for it.
    pub(crate) fn related_at(&self, p: usize, scratch: &mut Scratch) -> Vec<Related> {
        let index = self.index;
        let Some(vector) = index.docs.get(p) else {
            return Vec::new();
        };
        if self.options.limit == 0 {
            return Vec::new();
        }
        let asker = index.asker_at(p, self.options);

        // The postings walk of `Index::related`, term by term in term-id order: the same sums
        // in the same order, so the same scores to the bit.
        let Scratch {
            scores,
            touched,
            heap,
            candidates,
        } = scratch;
        for qt in &vector.terms {
            let Some(list) = index.postings.get(qt.term as usize) else {
                continue;
            };
            for posting in list {
                if let Some(s) = scores.get_mut(posting.doc as usize) {
                    if *s == 0.0 {
                        touched.push(posting.doc);
                    }
                    *s += qt.weight * posting.weight;
                }
            }
        }

        let mut wanted = self.wanted;
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

        for &doc in touched.iter() {
            if let Some(s) = scores.get_mut(doc as usize) {
                *s = 0.0;
            }
        }
        touched.clear();
        list
    }
}
