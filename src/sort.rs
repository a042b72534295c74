//! The crate's one sort: a heapsort of `(key, position)` pairs, and the key that orders scores
//! from highest to lowest.

/// Sorts pairs in ascending order (each pair is distinct: the second half is a position).
///
/// Heapsort rather than the standard library's `sort_unstable`: O(n log n) in the worst case
/// like it, in a small fraction of the pattern-defeating quicksort's wasm (docs/size.md). What
/// is sorted here is short (an article's terms, a query's candidates), so the standard sort's
/// speed would not show (see `npm run bench`).
pub fn heapsort(v: &mut [(u64, u32)]) {
    fn sift_down(v: &mut [(u64, u32)], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && v.get(child) < v.get(child + 1) {
                child += 1;
            }
            if v.get(root) >= v.get(child) {
                return;
            }
            v.swap(root, child);
            root = child;
        }
    }
    let len = v.len();
    for root in (0..len / 2).rev() {
        sift_down(v, root, len);
    }
    for end in (1..len).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// A sort key that orders non-negative scores from highest to lowest: the bit pattern of a
/// non-negative `f32` increases with its value, so its complement decreases.
pub fn descending(score: f32) -> u64 {
    u64::from(!score.max(0.0).to_bits())
}

#[cfg(test)]
mod tests {
    use super::heapsort;

    /// A small deterministic generator (no dev-dependency, so this also runs under wasm-pack).
    fn pseudo_random(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (x >> 33) % modulo
            })
            .collect()
    }

    #[test]
    fn heapsort_sorts_like_the_standard_sort() {
        for (n, modulo) in [(0, 1), (1, 1), (2, 1), (7, 3), (100, 5), (1000, 1 << 40)] {
            let keys = pseudo_random(n as u64 + modulo, n, modulo);
            let mut pairs: Vec<(u64, u32)> = keys
                .iter()
                .enumerate()
                .map(|(i, &k)| (k, i as u32))
                .collect();
            let mut expected = pairs.clone();
            expected.sort_unstable();
            heapsort(&mut pairs);
            assert_eq!(pairs, expected, "n = {n}, keys below {modulo}");
        }
    }
}
