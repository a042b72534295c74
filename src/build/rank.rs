//! Every article's list at once, on all cores.

use rayon::prelude::*;

use crate::{Index, Query, Related, RelatedOptions};

/// The related lists of the articles at `positions` (ascending), in that order: the same lists
/// [`Index::related`] gives for each article's id.
///
/// The one place a build ranks, so a faster engine for all pairs replaces this body alone (it
/// must return the same lists). `Index::related` per article for now, spread over rayon's
/// threads; the order of the output does not depend on the threads.
///
/// ```
/// use related_articles::build::rank::rank_positions;
/// use related_articles::{Article, Index, IndexOptions, RelatedOptions};
/// let index = Index::new(vec![
///     Article::new("a", "Cats purr", ""),
///     Article::new("b", "Cats nap", ""),
///     Article::new("c", "Dogs bark", ""),
/// ], IndexOptions::default()).unwrap();
/// let lists = rank_positions(&index, &RelatedOptions::default(), &[0, 2]);
/// assert_eq!(lists.len(), 2);
/// assert_eq!((lists[0].0, lists[0].1[0].position), (0, 1));
/// assert_eq!((lists[1].0, lists[1].1.len()), (2, 0)); // nothing shares a word with "Dogs bark"
/// ```
pub fn rank_positions(
    index: &Index,
    options: &RelatedOptions,
    positions: &[usize],
) -> Vec<(usize, Vec<Related>)> {
    let articles = index.articles();
    positions
        .par_iter()
        .map(|&p| {
            // An indexed article's own id is always found: `related` can fail only for an
            // unknown id (and an invalid option, which the caller validated).
            let list = articles
                .get(p)
                .and_then(|a| index.related(Query::Id(&a.id), options).ok())
                .unwrap_or_default();
            (p, list)
        })
        .collect()
}

/// The lists of every article, or of one shard's slice: `shard = Some((i, n))` takes the
/// positions `p` with `p % n == i`, in order.
///
/// ```
/// use related_articles::build::rank::rank_all;
/// use related_articles::{Article, Index, IndexOptions, RelatedOptions};
/// let index = Index::new(vec![
///     Article::new("a", "Cats purr", ""),
///     Article::new("b", "Cats nap", ""),
///     Article::new("c", "Cats sleep", ""),
/// ], IndexOptions::default()).unwrap();
/// let options = RelatedOptions::default();
/// let all: Vec<usize> = rank_all(&index, &options, None).iter().map(|l| l.0).collect();
/// assert_eq!(all, [0, 1, 2]);
/// let odd: Vec<usize> = rank_all(&index, &options, Some((1, 2))).iter().map(|l| l.0).collect();
/// assert_eq!(odd, [1]);
/// assert!(rank_all(&index, &options, Some((0, 0))).is_empty()); // no slices: nothing to rank
/// ```
pub fn rank_all(
    index: &Index,
    options: &RelatedOptions,
    shard: Option<(usize, usize)>,
) -> Vec<(usize, Vec<Related>)> {
    let positions: Vec<usize> = match shard {
        None => (0..index.len()).collect(),
        Some((_, 0)) => Vec::new(),
        Some((i, n)) => (0..index.len()).filter(|p| p % n == i).collect(),
    };
    rank_positions(index, options, &positions)
}
