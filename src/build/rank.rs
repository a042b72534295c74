//! Every article's list at once, on all cores: the all-lists engine ([`crate::topk`]) for a
//! build's positions.

use crate::topk::Ranker;
use crate::{Index, Related, RelatedOptions};

/// The related lists of the articles at `positions`, in that order: the same lists
/// [`Index::related`] gives for each article's id (a position that is not in the index gets an
/// empty list). Each list is computed on its own, so a few positions cost a few lists.
///
/// Every list is empty when an option is out of range: callers validate options first.
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
/// let bad = RelatedOptions { limit: 101, ..RelatedOptions::default() };
/// assert_eq!(rank_positions(&index, &bad, &[1]), [(1, vec![])]);
/// ```
pub fn rank_positions(
    index: &Index,
    options: &RelatedOptions,
    positions: &[usize],
) -> Vec<(usize, Vec<Related>)> {
    rank(Ranker::some(index, options), positions)
}

/// The lists of every article, or of one shard's slice: `shard = Some((i, n))` takes the
/// positions `p` with `p % n == i`, in order (none when `n` is 0 or `i` is not below `n`).
/// The same lists as [`rank_positions`] gives for those positions; the whole index (no shard,
/// or one shard of one) scores each pair once for both of its articles, in about half the
/// time of asking article by article (see [`Ranker::every`]).
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
/// assert_eq!(rank_all(&index, &options, Some((0, 1))), rank_all(&index, &options, None));
/// assert!(rank_all(&index, &options, Some((0, 0))).is_empty()); // no slices: nothing to rank
/// assert!(rank_all(&index, &options, Some((2, 2))).is_empty()); // no such slice
/// ```
pub fn rank_all(
    index: &Index,
    options: &RelatedOptions,
    shard: Option<(usize, usize)>,
) -> Vec<(usize, Vec<Related>)> {
    let (i, n) = shard.unwrap_or((0, 1));
    if n == 0 || i >= n {
        return Vec::new();
    }
    let positions: Vec<usize> = (i..index.len()).step_by(n).collect();
    // One slice of several: each of its lists on its own costs less than every pair.
    let ranker = if n == 1 {
        Ranker::every(index, options)
    } else {
        Ranker::some(index, options)
    };
    rank(ranker, &positions)
}

/// How a build ranks: the lists of its shard ([`rank_all`]) and of a few more positions
/// ([`rank_positions`]). Builds take [`ENGINE`]; a test swaps in `Index::related` article by
/// article to show that the files written are the same.
#[derive(Clone, Copy)]
pub(crate) struct Ranking {
    pub(crate) all: fn(&Index, &RelatedOptions, Option<(usize, usize)>) -> Lists,
    pub(crate) positions: fn(&Index, &RelatedOptions, &[usize]) -> Lists,
}

/// Lists by position, as [`rank_all`] and [`rank_positions`] return them.
pub(crate) type Lists = Vec<(usize, Vec<Related>)>;

/// The all-lists engine: what every build ranks with.
pub(crate) const ENGINE: Ranking = Ranking {
    all: rank_all,
    positions: rank_positions,
};

fn rank(ranker: Result<Ranker<'_>, String>, positions: &[usize]) -> Vec<(usize, Vec<Related>)> {
    match ranker {
        Ok(ranker) => ranker.map(positions, |p, list| (p, list)),
        Err(_) => positions.iter().map(|&p| (p, Vec::new())).collect(),
    }
}
