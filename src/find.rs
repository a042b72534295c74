//! Substring search for the crate's fixed needles, without the standard library's Two-Way, and
//! slicing at the offsets it finds.

use core::slice::SliceIndex;

/// Where `needle` first occurs in `haystack` (a byte offset), as `str::find` gives it.
///
/// The standard library's substring search (Two-Way) is large in wasm (docs/size.md). The needles
/// searched for here are short and fixed (`-->`, `]]>`, `</`, `<!ENTITY`), so checking the rest
/// of the needle at each occurrence of its first byte is as fast and stays linear.
///
/// ```
/// use related_articles::find::find;
/// assert_eq!(find("a --> b", "-->"), Some(2));
/// assert_eq!(find("a ---> b", "-->"), Some(3));
/// assert_eq!(find("a -- > b", "-->"), None);
/// assert_eq!(find("é]]>", "]]>"), Some(2)); // byte offsets, at a char boundary
/// assert_eq!(find("abc", ""), Some(0));
/// assert_eq!(find("", "a"), None);
/// assert_eq!(find("-", "-->"), None);
/// ```
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let Some((first, rest)) = needle.as_bytes().split_first() else {
        return Some(0);
    };
    let bytes = haystack.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes.get(from..)?.iter().position(|b| b == first) {
        let at = from + i;
        if bytes.get(at + 1..at + 1 + rest.len()) == Some(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The text before and after the first `needle` in `haystack`, as `str::split_once` gives it
/// (through [`find`], so without Two-Way): the two parts come from the search itself, so no
/// offset is carried to a later slice.
///
/// ```
/// use related_articles::find::split_once;
/// assert_eq!(split_once("a<![CDATA[x]]>b", "]]>"), Some(("a<![CDATA[x", "b")));
/// assert_eq!(split_once("é-->ü", "-->"), Some(("é", "ü")));
/// assert_eq!(split_once("-->", "-->"), Some(("", "")));
/// assert_eq!(split_once("a -- > b", "-->"), None);
/// ```
pub fn split_once<'a>(haystack: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let (before, from) = haystack.split_at_checked(find(haystack, needle)?)?;
    Some((before, from.strip_prefix(needle)?))
}

/// `s[range]`, for a range the caller found in `s` itself, without the panic of indexing: on a
/// bug that puts an offset off a character boundary or past the end, debug builds (every test,
/// and the fuzzers) stop here with a message, so the bug cannot pass as empty text; release builds
/// give `""`, since a panic in the page's wasm would take the whole module down.
///
/// ```
/// use related_articles::find::part;
/// assert_eq!(part("héllo", 3..), "llo");
/// assert_eq!(part("héllo", ..1), "h");
/// assert_eq!(part("abc", 3..), "");
/// ```
#[inline]
pub fn part<R: SliceIndex<str, Output = str>>(s: &str, range: R) -> &str {
    let part = s.get(range);
    debug_assert!(
        part.is_some(),
        "an offset off a character boundary or past the end of the text"
    );
    part.unwrap_or_default()
}
