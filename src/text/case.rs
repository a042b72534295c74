//! Lower-casing for matching, without the standard library's Unicode case tables.
//!
//! `char::to_lowercase` links large tables into the wasm (docs/size.md), paid on every page view.
//! Words are lower-cased only to be compared, never shown, so the simple one-to-one mappings of
//! the scripts news is written in (Latin, Greek, Cyrillic, Armenian, fullwidth forms) serve:
//! they are ranges with a fixed offset or alternating upper/lower pairs. Scripts without case
//! pass through unchanged.

/// The lower-case form of `c` for matching.
///
/// ```
/// use related_articles::text::case::lower;
/// assert_eq!(lower('A'), 'a');
/// assert_eq!(lower('É'), 'é');
/// assert_eq!(lower('Ł'), 'ł');
/// assert_eq!(lower('Ÿ'), 'ÿ');
/// assert_eq!(lower('Σ'), 'σ');
/// assert_eq!(lower('ς'), 'σ');   // final sigma matches sigma
/// assert_eq!(lower('Ж'), 'ж');
/// assert_eq!(lower('Ё'), 'ё');
/// assert_eq!(lower('Ա'), 'ա');
/// assert_eq!(lower('Ạ'), 'ạ');
/// assert_eq!(lower('Ａ'), 'ａ');
/// assert_eq!(lower('İ'), 'i');
/// for c in ['a', '7', '×', '東', 'ש', 'ß', '🎉'] {
///     assert_eq!(lower(c), c);
/// }
/// ```
pub fn lower(c: char) -> char {
    let cp = c as u32;
    let mapped = match cp {
        0x41..=0x5a => cp + 32,
        0x80..=0xff if (0xc0..=0xde).contains(&cp) && cp != 0xd7 => cp + 32,
        0x130 => 'i' as u32,
        0x100..=0x137 | 0x14a..=0x177 if cp % 2 == 0 => cp + 1,
        0x139..=0x148 | 0x179..=0x17e if cp % 2 == 1 => cp + 1,
        0x178 => 0xff,
        0x386 => 0x3ac,
        0x388..=0x38a => cp + 37,
        0x38c => 0x3cc,
        0x38e..=0x38f => cp + 63,
        0x391..=0x3a1 | 0x3a3..=0x3ab => cp + 32,
        0x3c2 => 0x3c3,
        0x400..=0x40f => cp + 80,
        0x410..=0x42f => cp + 32,
        0x460..=0x481 | 0x48a..=0x4bf | 0x4d0..=0x52f if cp % 2 == 0 => cp + 1,
        0x531..=0x556 => cp + 48,
        0x1e00..=0x1e95 | 0x1ea0..=0x1eff if cp % 2 == 0 => cp + 1,
        0xff21..=0xff3a => cp + 32,
        _ => cp,
    };
    char::from_u32(mapped).unwrap_or(c)
}

/// `s` lower-cased with [`lower`], appended to `out`.
///
/// ```
/// let mut out = String::new();
/// related_articles::text::case::push_lower("Ünïcode ÀÉÎ", &mut out);
/// assert_eq!(out, "ünïcode àéî");
/// ```
pub fn push_lower(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        out.extend(s.chars().map(lower));
    }
}
