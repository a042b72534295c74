//! Bytes to text: which encoding a feed is in, and decoding it.
//!
//! The decision is shared code, so the widget and the CLI read a feed the same way; only the
//! decoding of legacy multi-byte charsets (Shift_JIS, EUC-KR, KOI8-R, …) differs per target:
//! natively `encoding_rs`, in the browser its own `TextDecoder`, because `encoding_rs`'s tables
//! would cost many times the wasm budget of the whole feed parser. UTF-8, UTF-16, UTF-32 and
//! windows-1252 (which WHATWG makes of every `iso-8859-1`, `latin1` and `us-ascii` label) are
//! decoded here, identically on both.
//!
//! Precedence, as in RFC 7303 and browsers: a byte order mark, then the HTTP `charset`, then the
//! XML declaration's `encoding` (or the UTF-16/32 byte pattern of `<?xml`), then UTF-8. RFC 3023's
//! rule that `text/xml` without a charset means US-ASCII is obsolete and not followed. Bytes
//! that are not valid UTF-8 where UTF-8 was only assumed or declared (not given by a BOM) are read
//! as windows-1252: that is what such feeds are, in practice.

use crate::text::html::WINDOWS_1252_C1;

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
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    if let Some((label, len)) = bom(bytes) {
        let rest = bytes.get(len..).unwrap_or(&[]);
        return decode_known(label, rest, true).unwrap_or_else(|| utf8_or_1252(rest, true));
    }
    let http = content_type.and_then(charset_param);
    let label = http.or_else(|| sniff_xml(bytes));
    if let Some(label) = label {
        if let Some(d) = decode_known(&label, bytes, false) {
            return d;
        }
        if let Some(d) = decode_legacy(&label, bytes) {
            return d;
        }
    }
    utf8_or_1252(bytes, false)
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
            let head = String::from_utf8_lossy(head);
            let decl = head.trim_start().strip_prefix("<?xml")?;
            let decl = decl.get(..decl.find("?>")?)?;
            let at = decl.find("encoding")?;
            let value = decl
                .get(at + 8..)?
                .trim_start()
                .strip_prefix('=')?
                .trim_start();
            let quote = value.chars().next().filter(|q| *q == '"' || *q == '\'')?;
            let value = value.get(1..)?;
            let label = value.get(..value.find(quote)?)?.trim().to_ascii_lowercase();
            // A document that could be read as ASCII up to here is not UTF-16, whatever it says.
            return Some(
                if label.starts_with("utf-16") || label.starts_with("utf-32") {
                    "utf-8".to_owned()
                } else {
                    label
                },
            );
        }
    };
    Some(label.to_owned())
}

/// Decodes the encodings handled here (UTF-8/16/32, windows-1252 and its aliases); `None` for
/// any other label.
fn decode_known(label: &str, bytes: &[u8], from_bom: bool) -> Option<Decoded> {
    let label = label.trim().to_ascii_lowercase();
    let text = match label.as_str() {
        "utf-8" | "utf8" | "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8"
        | "x-unicode20utf8" => {
            return Some(utf8_or_1252(bytes, from_bom));
        }
        "utf-16" | "utf-16le" | "unicode" | "ucs-2" | "csunicode" | "iso-10646-ucs-2"
        | "unicodefeff" => {
            return Some(utf16(bytes, false));
        }
        "utf-16be" | "unicodefffe" => return Some(utf16(bytes, true)),
        "utf-32" | "utf-32le" => return Some(utf32(bytes, false)),
        "utf-32be" => return Some(utf32(bytes, true)),
        "windows-1252" | "cp1252" | "x-cp1252" | "iso-8859-1" | "iso8859-1" | "iso88591"
        | "iso_8859-1" | "iso_8859-1:1987" | "iso-ir-100" | "latin1" | "l1" | "csisolatin1"
        | "ibm819" | "cp819" | "us-ascii" | "ascii" | "ansi_x3.4-1968" => windows_1252(bytes),
        _ => return None,
    };
    Some(Decoded {
        text,
        encoding: "windows-1252".into(),
    })
}

fn utf8_or_1252(bytes: &[u8], from_bom: bool) -> Decoded {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) if !from_bom => {
            return Decoded {
                text: strip_bom(windows_1252(bytes)),
                encoding: "windows-1252".into(),
            };
        }
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    };
    Decoded {
        text: strip_bom(text),
        encoding: "utf-8".into(),
    }
}

fn strip_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// windows-1252 as WHATWG defines it: bytes 0x80–0x9F are its punctuation, the rest Latin-1.
fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => WINDOWS_1252_C1
                .get(usize::from(b - 0x80))
                .copied()
                .unwrap_or('\u{fffd}'),
            _ => char::from(b),
        })
        .collect()
}

fn utf16(bytes: &[u8], big_endian: bool) -> Decoded {
    let units = bytes.chunks_exact(2).map(|p| match p {
        [a, b] if big_endian => u16::from_be_bytes([*a, *b]),
        [a, b] => u16::from_le_bytes([*a, *b]),
        _ => 0xfffd,
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{fffd}'))
        .collect();
    Decoded {
        text: strip_bom(text),
        encoding: if big_endian { "utf-16be" } else { "utf-16le" }.into(),
    }
}

fn utf32(bytes: &[u8], big_endian: bool) -> Decoded {
    let text: String = bytes
        .chunks_exact(4)
        .map(|p| {
            let v = match p {
                [a, b, c, d] if big_endian => u32::from_be_bytes([*a, *b, *c, *d]),
                [a, b, c, d] => u32::from_le_bytes([*a, *b, *c, *d]),
                _ => 0xfffd,
            };
            char::from_u32(v).unwrap_or('\u{fffd}')
        })
        .collect();
    Decoded {
        text: strip_bom(text),
        encoding: if big_endian { "utf-32be" } else { "utf-32le" }.into(),
    }
}

/// Any other WHATWG encoding (`shift_jis`, `euc-kr`, `koi8-r`, `iso-8859-2`, …), natively.
#[cfg(not(target_arch = "wasm32"))]
fn decode_legacy(label: &str, bytes: &[u8]) -> Option<Decoded> {
    let encoding = encoding_rs::Encoding::for_label_no_replacement(label.trim().as_bytes())?;
    let (text, _had_errors) = encoding.decode_without_bom_handling(bytes);
    Some(Decoded {
        text: strip_bom(text.into_owned()),
        encoding: encoding.name().to_ascii_lowercase(),
    })
}

/// Any other WHATWG encoding, in the browser: its own `TextDecoder` (which refuses unknown and
/// "replacement" labels, as `encoding_rs` does natively).
#[cfg(target_arch = "wasm32")]
fn decode_legacy(label: &str, bytes: &[u8]) -> Option<Decoded> {
    let decoder = web_sys::TextDecoder::new_with_label(label.trim()).ok()?;
    let text = decoder.decode_with_u8_array(bytes).ok()?;
    Some(Decoded {
        text: strip_bom(text),
        encoding: decoder.encoding(),
    })
}
