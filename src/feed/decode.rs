//! Bytes to text: which encoding a feed is in, and decoding it.
//!
//! The decision is shared code, so the widget and the CLI read a feed the same way; only the
//! decoding call comes from the [`Platform`]: natively `encoding_rs`, in the browser its own
//! `TextDecoder`, because `encoding_rs`'s tables would cost many times the wasm budget of the
//! whole feed parser. Both implement the WHATWG Encoding Standard, so labels mean the same on
//! both (every `iso-8859-1`, `latin1` or `us-ascii` label is windows-1252, as in browsers). UTF-8
//! is checked here, and UTF-32, which WHATWG does not cover, is decoded here.
//!
//! Precedence, as in RFC 7303 and browsers: a byte order mark, then the HTTP `charset`, then the
//! XML declaration's `encoding` (or the UTF-16/32 byte pattern of `<?xml`), then UTF-8. RFC 3023's
//! rule that `text/xml` without a charset means US-ASCII is obsolete and not followed. Bytes
//! that are not valid UTF-8 where UTF-8 was only assumed or declared (not given by a BOM) are read
//! as windows-1252: that is what such feeds are, in practice.

use super::Platform;
use crate::find::find;

/// A feed's text and the encoding it was read with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    /// The WHATWG name of the encoding used, lower-case (`utf-8`, `windows-1252`, `shift_jis`).
    pub encoding: String,
}

/// Decodes a feed's bytes, following its BOM, the `Content-Type` header's charset, its XML
/// declaration, in that order (see the module docs). Never fails: an unknown or unsupported
/// charset falls back to UTF-8, then windows-1252.
///
/// ```
/// use related_articles::feed::decode;
/// // windows-1252 bytes in a feed declared ISO-8859-1 decode as browsers decode them.
/// let d = decode(b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\x93q\x94 \xe9</a>", None);
/// assert_eq!((d.text.as_str(), d.encoding.as_str()), ("<?xml version='1.0' encoding='ISO-8859-1'?><a>\u{201c}q\u{201d} \u{e9}</a>", "windows-1252"));
/// // The HTTP charset beats the declaration; a BOM beats both.
/// assert_eq!(decode(b"<?xml encoding='utf-8'?>\xe9", Some("text/xml; charset=\"latin1\"")).encoding, "windows-1252");
/// assert_eq!(decode(b"\xef\xbb\xbf<a>\xc3\xa9</a>", Some("text/xml; charset=latin1")).text, "<a>\u{e9}</a>");
/// // UTF-16 with a BOM, and without one (the `<?` pattern).
/// assert_eq!(decode(b"\xff\xfe<\0a\0>\0", None).text, "<a>");
/// assert_eq!(decode(b"\0<\0?\0x\0m\0l\0?\0>", None).encoding, "utf-16be");
/// // Declared UTF-8 that is not: windows-1252, as feeds that do this mean.
/// assert_eq!(decode(b"<a>don\x92t</a>", None).text, "<a>don\u{2019}t</a>");
/// ```
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    decode_on(&super::Native, bytes, content_type)
}

/// [`decode`], with the decoders of `platform`.
pub fn decode_on<P: Platform>(platform: &P, bytes: &[u8], content_type: Option<&str>) -> Decoded {
    let (label, rest, from_bom) = match bom(bytes) {
        Some((label, len)) => (
            Some(label.to_owned()),
            bytes.get(len..).unwrap_or(&[]),
            true,
        ),
        None => (
            content_type
                .and_then(charset_param)
                .or_else(|| sniff_xml(bytes)),
            bytes,
            false,
        ),
    };
    let name = label.and_then(|l| {
        let l = l.trim().to_ascii_lowercase();
        if l.starts_with("utf-32") {
            Some(l)
        } else {
            platform.encoding_name(&l)
        }
    });
    let (text, encoding) = match name.as_deref() {
        None | Some("utf-8") => utf8_or_1252(platform, rest, from_bom),
        Some("utf-32be") => (utf32(rest, true), name.unwrap_or_default()),
        Some(n) if n.starts_with("utf-32") => (utf32(rest, false), name.unwrap_or_default()),
        Some(n) => (platform.decode(n, rest), name.unwrap_or_default()),
    };
    // A byte order mark that survived decoding (one the encoding was not told by) is dropped
    // here, once for every encoding.
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    Decoded { text, encoding }
}

/// The encoding a byte order mark announces, and the BOM's length.
fn bom(b: &[u8]) -> Option<(&'static str, usize)> {
    match b {
        [0xef, 0xbb, 0xbf, ..] => Some(("utf-8", 3)),
        [0xff, 0xfe, 0, 0, ..] => Some(("utf-32le", 4)),
        [0, 0, 0xfe, 0xff, ..] => Some(("utf-32be", 4)),
        [0xfe, 0xff, ..] => Some(("utf-16be", 2)),
        [0xff, 0xfe, ..] => Some(("utf-16le", 2)),
        _ => None,
    }
}

/// The `charset` parameter of a media type (`text/xml; charset="utf-8"`).
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(['"', '\'']).trim();
        (!value.is_empty()).then(|| value.to_owned())
    })
}

/// The encoding from the document itself: UTF-16/32 by the byte pattern of its first
/// characters, else the XML declaration's `encoding` pseudo-attribute.
fn sniff_xml(b: &[u8]) -> Option<String> {
    let label = match b {
        [a, 0, 0, 0, ..] if *a != 0 => "utf-32le",
        [0, 0, 0, a, ..] if *a != 0 => "utf-32be",
        [a, 0, ..] if *a != 0 => "utf-16le",
        [0, a, ..] if *a != 0 => "utf-16be",
        _ => {
            let head = b.get(..b.len().min(512)).unwrap_or(b);
            let end = head.windows(2).position(|w| w == b"?>")?;
            let decl = std::str::from_utf8(head.get(..end)?).ok()?;
            let decl = decl.trim_start().strip_prefix("<?xml")?;
            let value = decl
                .get(find(decl, "encoding")? + 8..)?
                .trim_start()
                .strip_prefix('=')?
                .trim_start();
            let quote @ (b'"' | b'\'') = *value.as_bytes().first()? else {
                return None;
            };
            let value = value.get(1..)?;
            let label = value.get(..value.find(char::from(quote))?)?;
            let label = label.trim().to_ascii_lowercase();
            // A document that could be read as ASCII up to here is not UTF-16, whatever it says.
            return Some(if label.starts_with("utf-16") {
                "utf-8".to_owned()
            } else {
                label
            });
        }
    };
    Some(label.to_owned())
}

/// UTF-8, or windows-1252 when the bytes are not UTF-8 and no BOM said they were.
fn utf8_or_1252<P: Platform>(platform: &P, bytes: &[u8], from_bom: bool) -> (String, String) {
    let (text, encoding) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), "utf-8"),
        Err(_) if !from_bom => (platform.decode("windows-1252", bytes), "windows-1252"),
        Err(_) => (platform.decode("utf-8", bytes), "utf-8"), // with U+FFFD for what is not UTF-8
    };
    (text, encoding.to_owned())
}

/// UTF-32, which no WHATWG decoder reads (and feeds almost never use), by hand.
fn utf32(bytes: &[u8], big_endian: bool) -> String {
    // A plain loop: smaller in wasm than a mapped-iterator instance collected into a String.
    let mut out = String::with_capacity(bytes.len() / 4);
    for p in bytes.chunks_exact(4) {
        if let &[a, b, c, d] = p {
            let v = if big_endian {
                u32::from_be_bytes([a, b, c, d])
            } else {
                u32::from_le_bytes([a, b, c, d])
            };
            out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
        }
    }
    out
}
