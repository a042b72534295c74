//! Decoding text: XML references and CDATA, base64 content, and telling HTML from plain text.

use crate::find::find;
use crate::text::html::decode_reference;

/// Decodes XML text: character and entity references (XML's five, the HTML names feeds use,
/// the document's own `<!ENTITY>`s), CDATA sections kept verbatim, comments and processing
/// instructions dropped. A `&` or `<` that starts none of these is kept as text.
pub(super) fn decode_text(raw: &str, entities: &[(String, String)]) -> String {
    if raw.find(['&', '<']).is_none() {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(pos) = rest.find(['&', '<']) {
        out.push_str(rest.get(..pos).unwrap_or(""));
        let tail = rest.get(pos..).unwrap_or("");
        if tail.starts_with('&') {
            let (decoded, used) = decode_reference(tail);
            if let Some(text) = decoded {
                out.push_str(&text);
                rest = tail.get(used..).unwrap_or("");
                continue;
            }
            let custom = entities.iter().find(|(name, _)| {
                tail.get(1..)
                    .and_then(|t| t.strip_prefix(name.as_str()))
                    .is_some_and(|t| t.starts_with(';'))
            });
            match custom {
                Some((name, value)) => {
                    out.push_str(value);
                    rest = tail.get(name.len() + 2..).unwrap_or("");
                }
                None => {
                    out.push('&');
                    rest = tail.get(1..).unwrap_or("");
                }
            }
        } else if let Some(cdata) = tail.strip_prefix("<![CDATA[") {
            let end = find(cdata, "]]>").unwrap_or(cdata.len());
            out.push_str(cdata.get(..end).unwrap_or(""));
            rest = cdata.get(end + 3..).unwrap_or("");
        } else if let Some(comment) = tail.strip_prefix("<!--") {
            rest = find(comment, "-->")
                .and_then(|e| comment.get(e + 3..))
                .unwrap_or("");
        } else if let Some(pi) = tail.strip_prefix("<?") {
            rest = find(pi, "?>").and_then(|e| pi.get(e + 2..)).unwrap_or("");
        } else {
            out.push('<');
            rest = tail.get(1..).unwrap_or("");
        }
    }
    out.push_str(rest);
    out
}

/// Whether plain text looks like HTML: it has an end tag (`</p>`) or a character reference.
/// One pass over the bytes for both (both start with an ASCII byte).
pub(super) fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let rest = b.get(i + 1..).unwrap_or(&[]);
        let (name, close, max) = match c {
            b'<' => match rest.strip_prefix(b"/") {
                Some(name) => (name, b'>', usize::MAX),
                None => continue,
            },
            b'&' => (rest.strip_prefix(b"#").unwrap_or(rest), b';', 32),
            _ => continue,
        };
        let mut len = 0;
        while len < max && name.get(len).is_some_and(u8::is_ascii_alphanumeric) {
            len += 1;
        }
        if len > 0 && name.get(len) == Some(&close) {
            return true;
        }
    }
    false
}

/// Standard base64 (whitespace ignored, padding optional); `None` when it is not base64.
pub(super) fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            c if c.is_ascii_whitespace() => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}
