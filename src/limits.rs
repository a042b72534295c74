//! The limits every entry point holds to, so that no input can take unbounded time or memory:
//! past one, a field is cut or dropped and a record left out, each with a warning or a rejection
//! that names the limit, and everything else is kept. `docs/widget.md` has them as one table.
//!
//! A feed's own limits (its size, the XML's nesting and entities) live with the reader, in
//! [`crate::feed`]; records read from JS are never nested (a value that is not text is dropped).

/// Bytes (UTF-8) of one text field of a record: 64 KiB, far above any real title or summary.
///
/// A longer title, summary, category or tag is cut at the last character that fits; a longer id,
/// URL, date, language or image is dropped, since cut it would name something else. The wasm
/// boundary copies at most this many UTF-16 units (plus one) of a JS string, so a 100 MB field
/// costs the page no more than a 64 KiB one.
pub const FIELD_BYTES: usize = 64 * 1024;

/// What the warnings say of a field past [`FIELD_BYTES`], cut, dropped, or an id replaced:
/// literals, since the wasm has no formatting machinery; a test holds them to the limit.
pub(crate) const FIELD_CUT: &str = "over the limit of 65536 bytes: cut there";
pub(crate) const FIELD_DROPPED: &str = "over the limit of 65536 bytes: dropped";
pub(crate) const FIELD_ID: &str = "is over the limit of 65536 bytes";

/// Tags kept per record: 100; later ones are dropped with one warning (its text names the
/// number: a test holds the two together).
pub const TAGS: usize = 100;

/// What one index takes in: records beyond either limit are left out, with one rejection that
/// names the first and last of them and the limit.
///
/// ```
/// use related_articles::limits::Limits;
/// assert_eq!(Limits::PAGE.records, 100_000);
/// assert_eq!(Limits::PAGE.text_bytes, 64 << 20);
/// assert!(Limits::NATIVE.records > Limits::PAGE.records);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Records read, valid or not.
    pub records: usize,
    /// Bytes of text (title, summary, category and tags, once reduced to plain text) kept in all.
    pub text_bytes: usize,
}

impl Limits {
    /// In a page or in Node (`createIndex`, the widget): 100,000 records and 64 MiB of text,
    /// which an index holds in under 1 GiB of wasm memory. The default.
    pub const PAGE: Limits = Limits {
        records: 100_000,
        text_bytes: 64 << 20,
    };

    /// The native CLI and `build --site`: as many records as positions can count (2³² − 1) and
    /// all the text the machine's memory holds.
    pub const NATIVE: Limits = Limits {
        records: u32::MAX as usize,
        text_bytes: usize::MAX,
    };
}

/// Cuts `s` to at most `max` bytes, at the last character boundary that fits; whether it was
/// longer.
///
/// ```
/// use related_articles::limits::cut;
/// let mut s = String::from("aé"); // 'é' is two bytes
/// assert!(cut(&mut s, 2));
/// assert_eq!(s, "a");
/// let mut s = String::from("abc");
/// assert!(!cut(&mut s, 3));
/// assert_eq!(s, "abc");
/// let mut s = String::from("é");
/// assert!(cut(&mut s, 0));
/// assert_eq!(s, "");
/// ```
pub fn cut(s: &mut String, max: usize) -> bool {
    if s.len() <= max {
        return false;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_messages_name_the_limit_in_force() {
        for message in [FIELD_CUT, FIELD_DROPPED, FIELD_ID] {
            assert!(
                message.contains(&format!(" {FIELD_BYTES} bytes")),
                "{message}"
            );
        }
    }
}
