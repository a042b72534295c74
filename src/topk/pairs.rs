//! Every pair's score once, for both of its articles: the candidates of every article at half
//! the cost of asking article by article.
//!
//! The score of a pair is the same to the bit from either side (see [`Engine::walk`]), so
//! article `p` walks only the postings of the articles after it and offers each score it finds
//! to both heaps: its own and the other article's. Each article's heap keeps its best `wanted`
//! candidates by the key `Index::related` sorts on; which thread offers what first does not
//! matter, as the best `wanted` of a set are the same in any order.

use std::collections::{BinaryHeap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use rayon::prelude::*;

use super::engine::{Engine, Scratch};
use crate::sort::descending;

/// Each article's best candidates, found pair by pair.
pub(crate) struct Neighbours {
    /// Per article, a max-heap of (score key, position) pairs: the worst candidate on top.
    heaps: Vec<Mutex<BinaryHeap<(u64, u32)>>>,
    /// Per article, the score key a candidate must not exceed to enter its heap: the worst key
    /// once the heap is full, `u64::MAX` until then. It only falls, so a stale read costs a
    /// lock, never a candidate.
    bars: Vec<AtomicU64>,
    wanted: usize,
}

impl Neighbours {
    /// Walks every article's postings after its own position, on all cores.
    pub(crate) fn find(engine: &Engine<'_>) -> Neighbours {
        let n = engine.len();
        let wanted = engine.wanted();
        let neighbours = Neighbours {
            heaps: (0..n).map(|_| Mutex::new(BinaryHeap::new())).collect(),
            bars: (0..n).map(|_| AtomicU64::new(u64::MAX)).collect(),
            wanted,
        };
        if wanted == 0 {
            return neighbours;
        }
        let filter = Prefilter::new(engine);
        (0..n)
            .into_par_iter()
            // Early articles walk almost every posting, late ones almost none: small jobs let
            // rayon's work stealing even out the cores.
            .with_min_len(16)
            .for_each_init(
                || (Scratch::new(n), BinaryHeap::new()),
                |(scratch, own), p| {
                    engine.walk(p, Some(p), scratch);
                    own.clear();
                    // The key a candidate must beat to enter `own`, kept here for the fast test.
                    let mut own_bar = (u64::MAX, u32::MAX);
                    for (d, s) in scratch.touched() {
                        // The cheap tests first: most pairs score too low for either heap.
                        let key = descending(s);
                        let to_other = neighbours.below_bar(d as usize, key);
                        let to_own = (key, d) < own_bar;
                        if !(to_other || to_own) || !filter.pair(p, d as usize, s) {
                            continue;
                        }
                        if to_other && filter.may_list(p) {
                            neighbours.offer(d as usize, (key, p as u32));
                        }
                        if to_own
                            && filter.may_list(d as usize)
                            && push_bounded(own, (key, d), wanted)
                            && own.len() == wanted
                        {
                            own_bar = own.peek().copied().unwrap_or(own_bar);
                        }
                    }
                    for &key in own.iter() {
                        neighbours.offer(p, key);
                    }
                    scratch.reset();
                },
            );
        neighbours
    }

    /// Whether a candidate with score key `key` may enter article `p`'s heap.
    fn below_bar(&self, p: usize, key: u64) -> bool {
        self.bars
            .get(p)
            .is_some_and(|bar| key <= bar.load(Ordering::Relaxed))
    }

    fn heap(&self, p: usize) -> Option<MutexGuard<'_, BinaryHeap<(u64, u32)>>> {
        // A poisoned lock means a thread panicked while holding it, which no code here does; the
        // heap is whole either way (every change is one push or pop).
        let lock = self.heaps.get(p)?;
        Some(lock.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Offers candidate `key` to article `p`'s heap.
    fn offer(&self, p: usize, key: (u64, u32)) {
        let Some(bar) = self.bars.get(p) else {
            return;
        };
        if !self.below_bar(p, key.0) {
            return;
        }
        if let Some(mut heap) = self.heap(p) {
            if push_bounded(&mut heap, key, self.wanted) && heap.len() == self.wanted {
                if let Some(worst) = heap.peek() {
                    bar.store(worst.0, Ordering::Relaxed);
                }
            }
        }
    }

    /// Article `p`'s candidates, best first, and whether they are all it has (its heap never
    /// had to drop one).
    pub(crate) fn candidates(&self, p: usize, out: &mut Vec<(u64, u32)>) -> bool {
        out.clear();
        if let Some(heap) = self.heap(p) {
            out.extend(heap.iter().copied());
        }
        out.sort_unstable();
        out.len() < self.wanted
    }
}

/// Pushes `key` into a heap that keeps the `wanted` smallest keys; whether it went in.
fn push_bounded(heap: &mut BinaryHeap<(u64, u32)>, key: (u64, u32), wanted: usize) -> bool {
    if heap.len() < wanted {
        heap.push(key);
        return true;
    }
    match heap.peek() {
        Some(&worst) if key < worst => {
            heap.pop();
            heap.push(key);
            true
        }
        _ => false,
    }
}

/// The cheap part of `Asker::admits`, applied to a pair before it reaches either heap, so
/// that articles which could never be in a list (excluded, in another language) do not fill
/// heaps. Only ever stricter where `admits` is: the final lists are still filtered by
/// `admits` itself, and whatever else it rules out (an article at the same URL) just leaves a
/// candidate fewer, which a short list makes up for by asking again (see `Ranker`).
struct Prefilter {
    /// Per article, its primary language as a number (0 when it gives none).
    langs: Vec<u32>,
    excluded: Vec<bool>,
    min_score: f32,
}

impl Prefilter {
    fn new(engine: &Engine<'_>) -> Prefilter {
        let index = engine.index();
        let mut ids: HashMap<&str, u32> = HashMap::new();
        ids.insert("", 0);
        let mut langs = Vec::with_capacity(index.len());
        for lang in &index.langs {
            let next = ids.len() as u32;
            langs.push(*ids.entry(lang.as_str()).or_insert(next));
        }
        let mut excluded = vec![false; index.len()];
        for e in &engine.options().exclude {
            if let Some(slot) = index.position(e).and_then(|p| excluded.get_mut(p)) {
                *slot = true;
            }
        }
        Prefilter {
            langs,
            excluded,
            min_score: engine.options().min_score,
        }
    }

    /// Whether articles `p` and `d`, scoring `s`, may be in each other's lists (as far as
    /// the score and languages tell: the rule is the same from both sides).
    fn pair(&self, p: usize, d: usize, s: f32) -> bool {
        let lang = |i: usize| self.langs.get(i).copied().unwrap_or(0);
        let (a, b) = (lang(p), lang(d));
        s > 0.0 && s >= self.min_score && p != d && (a == 0 || b == 0 || a == b)
    }

    /// Whether article `i` may be in another's list: not excluded (it keeps a list of its own).
    fn may_list(&self, i: usize) -> bool {
        !self.excluded.get(i).copied().unwrap_or(true)
    }
}
