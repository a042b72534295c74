//! The crate's one kind of hash map, string to number (a term, an id or a URL to its position),
//! with a hasher seeded per index.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

use foldhash::fast::{FixedState, FoldHasher};

/// Every hash map of the crate: a string (term, id, URL) to a number.
///
/// foldhash rather than std's SipHash-1-3, for size: SipHash, its 128-bit finish and std's
/// thread-local key cache are larger in the wasm (docs/size.md), and on wasm32-unknown-unknown they protect
/// nothing, since std has no entropy source there and its "random" keys are two addresses, the
/// same on every page load. The protection comes from the seed instead: the caller passes a
/// random one per index ([`IndexBuilder::with_seed`](crate::IndexBuilder::with_seed):
/// `Math.random()` in the wasm, std's random keys natively through
/// [`IndexBuilder::new`](crate::IndexBuilder::new)), so the hashes cannot be predicted from the
/// wasm file. foldhash's fixed state mixes in only this 64-bit seed; like every fast hasher it
/// resists flooding only moderately, which is proportionate for a publisher's own feed.
/// Nothing ranked depends on the seed: maps are only looked up, never iterated for output.
pub type Map = HashMap<String, u32, Seeded>;

/// foldhash's fast hasher, seeded: see [`Map`].
#[derive(Debug, Clone)]
pub struct Seeded(FixedState);

impl Seeded {
    /// The hasher for `seed`.
    pub fn new(seed: u64) -> Seeded {
        Seeded(FixedState::with_seed(seed))
    }

    /// A seed from std's random keys: random natively; on wasm32-unknown-unknown std has no
    /// entropy (see [`Map`]), so the wasm passes its own (`Math.random()`) and never calls this.
    pub fn random_seed() -> u64 {
        std::hash::RandomState::new().build_hasher().finish()
    }
}

impl BuildHasher for Seeded {
    type Hasher = Words;
    fn build_hasher(&self) -> Words {
        Words(self.0.build_hasher())
    }
}

/// Feeds bytes to foldhash as 128-bit blocks (each one folded multiply, as in foldhash's own
/// long-input routine): its byte path has an unrolled routine for long inputs, and its
/// 64-bit-integer path a 128-bit buffer, both large on wasm32 (docs/size.md).
pub struct Words(FoldHasher<'static>);

impl Hasher for Words {
    fn write(&mut self, bytes: &[u8]) {
        let (mut lo, mut hi) = (0u64, 0u64);
        for (i, &byte) in bytes.iter().enumerate() {
            let at = i % 16;
            let shifted = u64::from(byte) << (8 * (at % 8));
            if at < 8 {
                lo |= shifted;
            } else {
                hi |= shifted;
            }
            if at == 15 {
                self.block([lo, hi]);
                (lo, hi) = (0, 0);
            }
        }
        // The last block, partial or empty, carries its length in its top byte, so that "a"
        // and "a\0" differ.
        hi |= ((bytes.len() % 16) as u64) << 56;
        self.block([lo, hi]);
    }

    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }

    fn finish(&self) -> u64 {
        self.0.finish()
    }
}

impl Words {
    fn block(&mut self, [lo, hi]: [u64; 2]) {
        self.0.write_u128(u128::from(hi) << 64 | u128::from(lo));
    }
}

#[cfg(test)]
mod tests {
    use super::Seeded;
    use std::hash::BuildHasher;

    #[test]
    fn words_hasher_tells_lengths_and_bytes_apart() {
        let state = Seeded::new(7);
        let keys = [
            "",
            "a",
            "a\0",
            "\0",
            "abcdefgh",
            "abcdefgh\0",
            "abcdefghi",
            "abcdefgi",
        ];
        let hashes: Vec<u64> = keys.iter().map(|k| state.hash_one(k)).collect();
        for (i, h) in hashes.iter().enumerate() {
            assert!(!hashes[..i].contains(h), "{:?} collides", keys[i]);
        }
        assert_ne!(Seeded::new(8).hash_one("a"), state.hash_one("a"));
    }
}
