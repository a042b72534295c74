//! Decoding text: XML references and CDATA, base64 content, and telling HTML from plain text.

use crate::find::split_once;
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
    // Each branch's rest is what its own match left (a prefix stripped, a text split at its
    // terminator), so no offset is carried from one search to another slice.
    while let Some((text, tail)) = rest
        .find(['&', '<'])
        .and_then(|at| rest.split_at_checked(at))
    {
        out.push_str(text);
        if let Some(after_amp) = tail.strip_prefix('&') {
            let custom = || {
                entities.iter().find_map(|(name, value)| {
                    let after = after_amp.strip_prefix(name.as_str())?.strip_prefix(';')?;
                    Some((value.clone(), after))
                })
            };
            rest = match decode_reference(tail).or_else(custom) {
                Some((text, after)) => {
                    out.push_str(&text);
                    after
                }
                None => {
                    out.push('&');
                    after_amp
                }
            };
        } else if let Some(after_lt) = tail.strip_prefix('<') {
            rest = if let Some(cdata) = after_lt.strip_prefix("![CDATA[") {
                // An unterminated section runs to the end.
                let (kept, after) = split_once(cdata, "]]>").unwrap_or((cdata, ""));
                out.push_str(kept);
                after
            } else if let Some(comment) = after_lt.strip_prefix("!--") {
                split_once(comment, "-->").map_or("", |(_, after)| after)
            } else if let Some(pi) = after_lt.strip_prefix('?') {
                split_once(pi, "?>").map_or("", |(_, after)| after)
            } else {
                out.push('<');
                after_lt
            };
        } else {
            // Not reached: `find` stopped at one of the two. The rest stays text.
            rest = tail;
            break;
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

#[cfg(test)]
mod tests {
    use super::decode_text;

    /// Each way out of a markup construct gives the text after it, whatever comes before it
    /// (multi-byte text included): none of them can turn into empty text.
    #[test]
    fn each_construct_goes_on_with_the_text_after_it() {
        let entities = [("me".to_owned(), "Ünïcode".to_owned())];
        let cases = [
            ("é &amp; ü", "é & ü"),                           // a reference, then text
            ("é&#233;ü&#xE9", "éé\u{fc}é"),                   // numeric, with and without `;`
            ("é &me; ü", "é Ünïcode ü"),                      // the document's own entity
            ("é &nope; ü", "é &nope; ü"),                     // no entity: the `&` is text
            ("é<![CDATA[<b>&amp;</b>]]>ü", "é<b>&amp;</b>ü"), // CDATA verbatim
            ("é<![CDATA[<b>", "é<b>"),                        // unterminated CDATA runs to the end
            ("é<!-- x -->ü", "éü"),                           // a comment dropped
            ("é<!-- x", "é"),                                 // unterminated comment: the rest goes
            ("é<?pi x?>ü", "éü"),                             // a processing instruction dropped
            ("é < ü", "é < ü"),                               // a `<` that starts nothing is text
        ];
        for (raw, text) in cases {
            assert_eq!(decode_text(raw, &entities), text, "{raw:?}");
        }
    }
}
