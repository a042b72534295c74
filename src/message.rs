//! Messages for people (rejections, warnings, errors) put together without `core::fmt`.
//!
//! `format!` links Rust's formatting machinery (the `Formatter`, padding, integer printing) and
//! builds an argument table at every call site, a cost in the wasm (docs/size.md) for
//! messages that only ever join text and whole numbers. [`cat!`](crate::cat) joins pieces,
//! [`decimal`], [`padded`] and [`hex16`] print numbers.

/// Joins string pieces (anything that is `AsRef<str>`) into a `String`.
///
/// ```
/// use related_articles::{cat, message::decimal};
/// let id = "a1";
/// assert_eq!(cat!("duplicate id \"", id, "\" at position ", decimal(7)), "duplicate id \"a1\" at position 7");
/// assert_eq!(cat!("only"), "only");
/// ```
#[macro_export]
macro_rules! cat {
    ($($part:expr),+ $(,)?) => {
        $crate::message::join(&[$(::core::convert::AsRef::<str>::as_ref(&$part)),+], "")
    };
}

/// `parts` with `separator` between them.
///
/// By hand rather than `[&str]::concat` or `join`: their shared routine is generic over the
/// separator and unrolled for short ones, far more wasm than this loop (docs/size.md).
///
/// ```
/// use related_articles::message::join;
/// assert_eq!(join(&["limit", "minScore", "exclude"], ", "), "limit, minScore, exclude");
/// assert_eq!(join(&["a"], ", "), "a");
/// assert_eq!(join(&[], ", "), "");
/// ```
pub fn join(parts: &[&str], separator: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(part);
    }
    out
}

/// A whole number in decimal, with a minus sign when negative.
///
/// ```
/// use related_articles::message::decimal;
/// assert_eq!(decimal(0), "0");
/// assert_eq!(decimal(-42), "-42");
/// assert_eq!(decimal(i64::MIN), "-9223372036854775808");
/// assert_eq!(decimal(i64::from(u32::MAX)), "4294967295");
/// ```
pub fn decimal(n: i64) -> String {
    padded(n, 1)
}

/// A whole number in decimal, zero-padded to at least `width` digits (dates: `2025-07-09`).
///
/// ```
/// use related_articles::message::padded;
/// assert_eq!(padded(7, 2), "07");
/// assert_eq!(padded(2025, 4), "2025");
/// assert_eq!(padded(12345, 4), "12345");
/// assert_eq!(padded(-5, 3), "-005");
/// ```
pub fn padded(n: i64, width: usize) -> String {
    let mut digits: Vec<u8> = Vec::new();
    let mut rest = n.unsigned_abs();
    while rest > 0 || digits.len() < width.max(1) {
        digits.push(b'0' + (rest % 10) as u8);
        rest /= 10;
    }
    if n < 0 {
        digits.push(b'-');
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// Sixteen lower-case hex digits, zero-padded.
///
/// ```
/// use related_articles::message::hex16;
/// assert_eq!(hex16(0xcbf2_9ce4_8422_2325), "cbf29ce484222325");
/// assert_eq!(hex16(255), "00000000000000ff");
/// ```
pub fn hex16(n: u64) -> String {
    let mut hex = String::with_capacity(16);
    for nibble in (0..16).rev() {
        let digit = (n >> (nibble * 4)) & 0xf;
        hex.push(char::from_digit(digit as u32, 16).unwrap_or('0'));
    }
    hex
}
