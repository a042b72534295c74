//! HTML to plain text, one rule everywhere: tags removed, the content of `script` and `style`
//! dropped, character references decoded, whitespace collapsed.
//!
//! This is not a sanitiser (nothing here is ever rendered as markup: the widget sets text only);
//! it is how feed HTML becomes the words we index and the text we show.

use std::borrow::Cow;

use crate::find::part;
use crate::find::{find, split_once};

/// Reduces an HTML fragment to plain text.
///
/// A `<` that cannot open a tag (`a < b`) is kept as text; an unterminated tag is dropped to the
/// end; any tag but an inline one (`<b>`, `<a>`, `<span>`, …) becomes a space so words on either
/// side of a `<br>`, `</p>` or `<img>` stay apart, while `un<b>believ</b>able` stays one word.
///
/// ```
/// use related_articles::text::html::html_to_text;
/// assert_eq!(html_to_text("<p>Tom &amp; Jerry</p><p>return&nbsp;&#8212;&#x2014;</p>"), "Tom & Jerry return \u{2014}\u{2014}");
/// assert_eq!(html_to_text("a < b and c>d"), "a < b and c>d");
/// assert_eq!(html_to_text("x<script>alert('<p>')</script>y<style>p{}</style>z"), "xyz");
/// assert_eq!(html_to_text("one<br>two</p><p>three<img src=x>four"), "one two three four");
/// assert_eq!(html_to_text("un<b>believ</b>able <a href='/x'>link</a>s"), "unbelievable links");
/// assert_eq!(html_to_text("  spaced \n\t out  "), "spaced out");
/// assert_eq!(html_to_text("&unknown; &amp"), "&unknown; &");
/// assert_eq!(html_to_text("<!-- note --><![CDATA[kept]]>"), "kept");
/// assert_eq!(html_to_text(""), "");
/// assert_eq!(html_to_text("&#150;"), "\u{2013}"); // Windows-1252 code points, as browsers map them
/// assert_eq!(html_to_text("&#x000000041;&#0000000066"), "AB"); // every digit counts
/// assert_eq!(html_to_text("&#99999999999; &#0; &#xD800;"), "\u{fffd} \u{fffd} \u{fffd}");
/// assert_eq!(html_to_text("&#; &#x;"), "&#; &#x;"); // no digits: no reference
/// assert_eq!(html_to_text("don\u{92}t"), "don\u{2019}t"); // and the same, already decoded as Latin-1
/// assert_eq!(html_to_text("the debate\u{85}"), "the debate\u{2026}"); // U+0085 is whitespace, but read first
/// assert_eq!(html_to_text("<p>the debate\u{85}</p>"), "the debate\u{2026}");
/// // Each construct goes on with the text after it, multi-byte text around it included.
/// assert_eq!(html_to_text("é<![CDATA[x < y]]>ü &amp; <b>ö</b>&#233;<script>é</script>ü"), "éx < yü & öéü");
/// assert_eq!(html_to_text("é<![CDATA[ü"), "éü"); // unterminated: runs to the end
/// ```
pub fn html_to_text(input: &str) -> String {
    // Fast path: most titles hold neither tags nor references.
    if !input.contains(['<', '&']) {
        return collapse_whitespace(&c1_as_windows_1252(input));
    }
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    // Each rest below is what its own match left (a prefix stripped, a text split at its
    // terminator), or an offset of ASCII bytes from `scan_tag`. Were one ever not a char
    // boundary, the rest is kept as text, not lost.
    while let Some((text, tail)) = rest
        .find(['<', '&'])
        .and_then(|at| rest.split_at_checked(at))
    {
        out.push_str(text);
        if let Some(after_amp) = tail.strip_prefix('&') {
            rest = match decode_reference(tail) {
                Some((text, after)) => {
                    out.push_str(&text);
                    after
                }
                None => {
                    out.push('&');
                    after_amp
                }
            };
            continue;
        }
        let (used, skip_to, breaks) = scan_tag(tail);
        if used == 0 {
            out.push('<');
            rest = tail.strip_prefix('<').unwrap_or(tail);
            continue;
        }
        if let Some(cdata) = tail.strip_prefix("<![CDATA[") {
            // An unterminated section runs to the end.
            let (kept, after) = split_once(cdata, "]]>").unwrap_or((cdata, ""));
            out.push_str(kept);
            rest = after;
            continue;
        }
        if breaks {
            out.push(' ');
        }
        debug_assert!(tail.is_char_boundary(used), "{used} in {tail:?}");
        let Some(after) = tail.get(used..) else {
            rest = tail;
            break;
        };
        rest = match skip_to {
            Some(name) => skip_raw_text(after, name),
            None => after,
        };
    }
    out.push_str(rest);
    collapse_whitespace(&c1_as_windows_1252(&out))
}

/// C1 control characters (U+0080–U+009F) never mean themselves in text: they are Windows-1252
/// punctuation decoded as Latin-1 somewhere upstream. Read them as browsers read `&#146;`.
/// Before whitespace is collapsed: U+0085 (NEL, Windows-1252's `…`) is whitespace to Rust, and
/// Node's `TextDecoder` (20.18.3 and later) decodes windows-1252 as Latin-1, so the package in
/// Node would lose a feed's ellipsis that the CLI and browsers keep.
fn c1_as_windows_1252(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
        return Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| {
            if ('\u{80}'..='\u{9f}').contains(&c) {
                numeric_char(c as u32)
            } else {
                c
            }
        })
        .collect()
}

/// Looks at a `<` and returns how many bytes the tag, comment or declaration takes (0 when the
/// `<` opens none), for `script`/`style` the element whose raw content must be skipped, and
/// whether the tag separates words (any tag but an inline one, a comment or a declaration).
fn scan_tag(tail: &str) -> (usize, Option<&'static str>, bool) {
    let b = tail.as_bytes();
    match b.get(1) {
        Some(b'!') => {
            if let Some(comment) = tail.strip_prefix("<!--") {
                let end = find(comment, "-->").map_or(tail.len(), |e| e + 7);
                (end, None, false)
            } else if tail.starts_with("<![CDATA[") {
                (tail.len(), None, false) // handled by the caller
            } else {
                (tail.find('>').map_or(tail.len(), |e| e + 1), None, false)
            }
        }
        Some(b'?') => (tail.find('>').map_or(tail.len(), |e| e + 1), None, false),
        Some(c)
            if c.is_ascii_alphabetic()
                || (*c == b'/' && b.get(2).is_some_and(u8::is_ascii_alphabetic)) =>
        {
            let end = tag_end(tail);
            let name_start = if *c == b'/' { 2 } else { 1 };
            let name: String = tail
                .get(name_start..)
                .unwrap_or_default()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_lowercase())
                .collect();
            let raw = match (name.as_str(), *c == b'/') {
                ("script", false) => Some("script"),
                ("style", false) => Some("style"),
                _ => None,
            };
            let breaks = raw.is_none() && super::wordlist::lookup(INLINE, &name).is_none();
            (end, raw, breaks)
        }
        _ => (0, None, false),
    }
}

/// Elements that do not separate the words around them when rendered, sorted for
/// [`lookup`](super::wordlist::lookup).
const INLINE: &str =
    "a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span \
    strike strong sub sup u var";

/// End of a tag, honouring quoted attribute values (`<a title="x > y">`).
fn tag_end(tail: &str) -> usize {
    let mut quote: Option<u8> = None;
    for (i, &c) in tail.as_bytes().iter().enumerate().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"') | (None, b'\'') => quote = Some(c),
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    tail.len()
}

/// Skips the raw content of `script`/`style` up to and including its end tag. Searches for `</`
/// and compares the name in place: lower-casing the rest of the input at every `<script>` would
/// make a feed with many of them quadratic.
fn skip_raw_text<'a>(rest: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(i) = rest.get(from..).and_then(|r| find(r, "</")) {
        let at = from + i;
        let candidate = rest.as_bytes().get(at + 2..at + 2 + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
            let after = part(rest, at..);
            return part(after, tag_end(after)..);
        }
        from = at + 2;
    }
    ""
}

/// Decodes the character reference at the start of `tail`: its text and what follows it, or
/// `None` when `tail` does not start with one (its `&` is text).
pub(crate) fn decode_reference(tail: &str) -> Option<(String, &str)> {
    let body = tail.strip_prefix('&')?;
    if let Some(num) = body.strip_prefix('#') {
        let (radix, digits) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (16, h),
            None => (10, num),
        };
        // Every digit counts, as in browsers; an overflowing value saturates to one that
        // `numeric_char` turns into U+FFFD.
        let mut value = 0u32;
        let mut len = 0;
        for digit in digits.chars().map_while(|c| c.to_digit(radix)) {
            value = value.saturating_mul(radix).saturating_add(digit);
            len += 1;
        }
        if len == 0 {
            return None;
        }
        // The digits are ASCII: `len` bytes.
        let (_, after) = digits.split_at_checked(len)?;
        let after = after.strip_prefix(';').unwrap_or(after);
        return Some((numeric_char(value).to_string(), after));
    }
    let len = body
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .count()
        .min(32);
    // Longest known name first: "&notin;" is ¬in without a semicolon only in legacy HTML; keep it simple.
    // The name is ASCII alphanumerics: `len` bytes.
    let (name, after) = body.split_at_checked(len)?;
    let ch = named_entity(name)?;
    Some((ch.to_string(), after.strip_prefix(';').unwrap_or(after)))
}

/// A numeric reference's character, as browsers decode it: Windows-1252 for 0x80–0x9F,
/// U+FFFD for zero, surrogates and values beyond Unicode.
fn numeric_char(value: u32) -> char {
    if let Some(&c) = value
        .checked_sub(0x80)
        .and_then(|i| WINDOWS_1252_C1.get(i as usize))
    {
        return c;
    }
    match value {
        0 => '\u{fffd}',
        v => char::from_u32(v).unwrap_or('\u{fffd}'),
    }
}

/// How browsers read 0x80–0x9F, the C1 range that Windows-1252 fills with punctuation.
pub(crate) const WINDOWS_1252_C1: [char; 32] = [
    '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}', '\u{8f}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}', '\u{178}',
];

/// The named references feeds actually use: XML's five, Latin-1, and common typography.
/// The full HTML5 table (2,231 names) would cost more wasm than every other part of the text
/// pipeline together; names outside this list are kept as written.
fn named_entity(name: &str) -> Option<char> {
    super::wordlist::lookup(ENTITIES, name)?.chars().next()
}

/// `name=character`, sorted by name for [`lookup`](super::wordlist::lookup): 142 names.
const ENTITIES: &str =
    "AElig=Æ AMP=& Aacute=Á Acirc=Â Agrave=À Aring=Å Atilde=Ã Auml=Ä Ccedil=Ç Dagger=‡ ETH=Ð \
    Eacute=É Ecirc=Ê Egrave=È Euml=Ë GT=> Iacute=Í Icirc=Î Igrave=Ì Iuml=Ï LT=< Ntilde=Ñ \
    OElig=Œ Oacute=Ó Ocirc=Ô Ograve=Ò Oslash=Ø Otilde=Õ Ouml=Ö Prime=″ QUOT=\" Scaron=Š \
    THORN=Þ Uacute=Ú Ucirc=Û Ugrave=Ù Uuml=Ü Yacute=Ý Yuml=Ÿ aacute=á acirc=â acute=´ \
    aelig=æ agrave=à amp=& apos=' aring=å atilde=ã auml=ä bdquo=„ brvbar=¦ bull=• ccedil=ç \
    cedil=¸ cent=¢ circ=ˆ copy=© curren=¤ dagger=† deg=° divide=÷ eacute=é ecirc=ê egrave=è \
    emsp=\u{2003} ensp=\u{2002} eth=ð euml=ë euro=€ fnof=ƒ frac12=½ frac14=¼ frac34=¾ gt=> \
    hellip=… iacute=í icirc=î iexcl=¡ igrave=ì iquest=¿ iuml=ï laquo=« larr=← ldquo=“ \
    lrm=\u{200e} lsaquo=‹ lsquo=‘ lt=< macr=¯ mdash=— micro=µ middot=· minus=− nbsp=\u{a0} \
    ndash=– not=¬ ntilde=ñ oacute=ó ocirc=ô oelig=œ ograve=ò ordf=ª ordm=º oslash=ø otilde=õ \
    ouml=ö para=¶ permil=‰ plusmn=± pound=£ prime=′ quot=\" raquo=» rarr=→ rdquo=” reg=® \
    rlm=\u{200f} rsaquo=› rsquo=’ sbquo=‚ scaron=š sect=§ shy=\u{ad} sup1=¹ sup2=² sup3=³ \
    szlig=ß thinsp=\u{2009} thorn=þ tilde=˜ times=× trade=™ uacute=ú ucirc=û ugrave=ù uml=¨ \
    uuml=ü yacute=ý yen=¥ yuml=ÿ zwj=\u{200d} zwnj=\u{200c}";

/// Collapses every run of whitespace (including no-break spaces) to one space and trims the ends.
///
/// ```
/// use related_articles::text::html::collapse_whitespace;
/// assert_eq!(collapse_whitespace(" a\u{a0}\u{a0}b\n"), "a b");
/// assert_eq!(collapse_whitespace("   "), "");
/// ```
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::named_entity;

    #[test]
    fn latin1_names_map_to_their_code_points() {
        assert_eq!(named_entity("nbsp"), Some('\u{a0}'));
        assert_eq!(named_entity("frac34"), Some('¾'));
        assert_eq!(named_entity("eacute"), Some('é'));
        assert_eq!(named_entity("Eacute"), Some('É'));
        assert_eq!(named_entity("yuml"), Some('ÿ'));
        assert_eq!(named_entity("rsquo"), Some('\u{2019}'));
        assert_eq!(named_entity("apos"), Some('\''));
        assert_eq!(named_entity("hellip"), Some('…'));
        assert_eq!(named_entity("tilde"), Some('\u{2dc}'));
        assert_eq!(named_entity("AMP"), Some('&'));
        assert_eq!(named_entity(""), None);
        assert_eq!(named_entity("nbs"), None);
        assert_eq!(named_entity("nbsp iexcl"), None);
    }

    #[test]
    fn tables_are_sorted_and_cover_latin1() {
        use super::super::wordlist::misordered;
        assert_eq!(misordered(super::ENTITIES), Vec::<&str>::new());
        assert_eq!(misordered(super::INLINE), Vec::<&str>::new());
        let mut values = Vec::new();
        for (name, value) in super::super::wordlist::entries(super::ENTITIES) {
            let mut chars = value.chars();
            let (c, rest) = (chars.next(), chars.next());
            assert!(
                c.is_some() && rest.is_none(),
                "{name}={value}: name=one character"
            );
            assert_eq!(named_entity(name), c);
            values.extend(c);
        }
        for c in '\u{a0}'..='\u{ff}' {
            assert!(values.contains(&c), "Latin-1 {c} has its entity name");
        }
    }
}
