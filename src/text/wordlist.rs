//! Fixed word lists (stop words, entity names, inline HTML elements) packed into one string.
//!
//! A `[&str; N]` table costs 8 bytes of pointer and length per word in the wasm's data, bytes
//! that gzip barely compresses and every page view pays for; a `match` on strings costs a
//! comparison in code per arm. One space-separated string, sorted so that it can be searched in
//! O(log n) without an index, costs only its letters.

use crate::find::part;

/// Looks `key` up in `list`: entries separated by single spaces, sorted by their bytes, each
/// either `key` or `key=value` (keys hold neither a space nor `=`). Returns the entry's value, or
/// `""` for an entry without one; `None` when `key` is not listed.
///
/// ```
/// use related_articles::text::wordlist::lookup;
/// const LIST: &str = "amp=& and gt=> lt=< the";
/// assert_eq!(lookup(LIST, "and"), Some(""));
/// assert_eq!(lookup(LIST, "amp"), Some("&"));
/// assert_eq!(lookup(LIST, "the"), Some(""));     // the last entry
/// assert_eq!(lookup(LIST, "am"), None);          // a prefix of an entry is not the entry
/// assert_eq!(lookup(LIST, "ampx"), None);
/// assert_eq!(lookup(LIST, ""), None);
/// assert_eq!(lookup(LIST, "and gt"), None);      // never spans two entries
/// assert_eq!(lookup("", "a"), None);
/// assert_eq!(lookup("a", "a"), Some(""));
/// ```
pub fn lookup<'a>(list: &'a str, key: &str) -> Option<&'a str> {
    let bytes = list.as_bytes();
    // Binary search over byte positions: find the entry around the midpoint, compare its key.
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes
            .get(lo..mid)?
            .iter()
            .rposition(|&b| b == b' ')
            .map_or(lo, |i| lo + i + 1);
        let end = bytes
            .get(mid..)?
            .iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |i| mid + i);
        // Entries are delimited by ASCII spaces, so `start..end` is on char boundaries.
        let entry = list.get(start..end)?;
        let (name, value) = key_value(entry);
        match name.as_bytes().cmp(key.as_bytes()) {
            std::cmp::Ordering::Equal => return Some(value),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

/// An entry's key and value (`""` when it has none). A byte loop, not `split_once`: lookups run
/// once per word of every article indexed, and the standard searcher costs more to set up than
/// these few bytes take to scan.
pub(crate) fn key_value(entry: &str) -> (&str, &str) {
    match entry.bytes().position(|b| b == b'=') {
        Some(i) => (entry.get(..i).unwrap_or(entry), part(entry, i + 1..)),
        None => (entry, ""),
    }
}

/// The entries of `list` (space-separated) with their keys and values, in order.
pub(crate) fn entries(list: &str) -> impl Iterator<Item = (&str, &str)> {
    // By hand rather than `split(' ')`, for the reason given at `key_value`.
    let mut rest = Some(list);
    std::iter::from_fn(move || {
        let s = rest?;
        let (entry, next) = match s.bytes().position(|b| b == b' ') {
            Some(i) => (s.get(..i)?, s.get(i + 1..)),
            None => (s, None),
        };
        rest = next;
        Some(key_value(entry))
    })
}

/// The entries of `list` whose keys are out of order or repeated, for tests of each list.
///
/// ```
/// use related_articles::text::wordlist::misordered;
/// assert!(misordered("a b c=1 d").is_empty());
/// assert_eq!(misordered("a c b b"), ["b", "b"]);
/// assert_eq!(misordered("a  b"), [""]);          // a double space is an empty entry
/// ```
pub fn misordered(list: &str) -> Vec<&str> {
    let mut bad = Vec::new();
    let mut prev: Option<&str> = None;
    for (key, _) in entries(list) {
        if key.is_empty() || prev.is_some_and(|p| p.as_bytes() >= key.as_bytes()) {
            bad.push(key);
        }
        prev = Some(key);
    }
    bad
}
