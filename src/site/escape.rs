//! What text from pages and feeds may become when the build writes it: the one home of the
//! escaping rules for everything `build` writes (a page's list markup, its JSON-LD, the list
//! files and the manifest). `docs/archive.md` ("Escaping") states the same rules.
//!
//! Where lol_html rewrites a page it keeps the page's own bytes; the list markup is new
//! markup, built here from escaped parts and appended whole (lol_html's setters only change
//! what it parsed).
//!
//! ```
//! use related_articles::site::escape::{attribute, html_safe_json, script_json, text};
//! assert_eq!(text("<b>Tom & Jerry</b>"), "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;");
//! assert_eq!(attribute(r#"" onclick='x'"#), "&quot; onclick=&#39;x&#39;");
//! assert_eq!(script_json(r#"{"a":"</script><!--é"}"#), r#"{"a":"\u003c/script\u003e\u003c!--\u00e9"}"#);
//! assert_eq!(html_safe_json("{\"a\":\"<b>é\u{2028}\"}"), r#"{"a":"\u003cb\u003eé\u2028"}"#);
//! ```

use url::Url;

use super::{on_no_host, site_link};

/// `s` without control characters (a NUL or a stray C1 byte is never meant to be seen), line
/// breaks and tabs made spaces.
///
/// ```
/// assert_eq!(related_articles::site::escape::plain("a\0b\u{1b}c\u{85}d\ne"), "abcd e");
/// ```
pub fn plain(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Text for element content: [`plain`], with `&`, `<` and `>` escaped, so no tag, comment or
/// character reference can start in it.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in plain(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for an attribute value in double quotes: [`text`], and both quotes escaped too (the
/// value cannot end its quotes, whichever quotes a later edit puts around it).
pub fn attribute(s: &str) -> String {
    text(s).replace('"', "&quot;").replace('\'', "&#39;")
}

/// JSON for inside a `<script>` element (JSON-LD): every `<`, `>`, `&` and every non-ASCII
/// character as a `\uXXXX` escape (UTF-16 units), so neither `</script`, `<!--` nor `<script`
/// can occur in it, U+2028 and U+2029 are escaped, and it reads the same in any charset the page
/// is in (lol_html writes appended text in the page's charset, with numeric character references
/// for what it cannot encode: inside a script those would stay literal).
///
/// `json` must be serialised JSON: outside strings JSON is ASCII without `<`, `>` or `&`, so
/// every character replaced is inside a string, where the escape means the same character.
pub fn script_json(json: &str) -> String {
    escape_json(json, |c| !c.is_ascii() || matches!(c, '<' | '>' | '&'))
}

/// JSON for a file served beside the pages (list files, the manifest): `<`, `>`, `&`, U+2028 and
/// U+2029 as `\uXXXX` escapes, as Go's `encoding/json` writes by default. The file is never
/// inlined in a page, but a server or a cache that mislabels it as HTML must find no tag in it;
/// other characters stay as they are (the file is UTF-8).
pub fn html_safe_json(json: &str) -> String {
    escape_json(json, |c| {
        matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}')
    })
}

/// `json` with every character `escape` picks as `\uXXXX` escapes.
fn escape_json(json: &str, escape: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if escape(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `url` as a link to write into a page whose URL is `base`: an absolute http(s) URL with a host
/// (normalised by the WHATWG URL parser, as a browser reads it), or a site path (`/posts/b/`)
/// resolved against `base`, which must stay on `base`'s origin. `None` for anything else:
/// `javascript:`, `data:`, `vbscript:` and other schemes in any case and with any spaces, tabs or
/// line breaks a browser ignores, protocol-relative references (`//host`, `/\host`, `\\host`),
/// `http:host` and `https:/host` (which a browser resolves against the page), relative paths,
/// and text with character references (`&#106;avascript:` is no URL: text
/// from pages arrives decoded, so a reference left in it was written as text).
///
/// A site path stays a path when the page's URL is unknown (`base` on the placeholder host).
///
/// ```
/// use related_articles::site::escape::link;
/// use url::Url;
/// let page = Url::parse("https://example.com/posts/a/").unwrap();
/// assert_eq!(link("/posts/b/", &page).as_deref(), Some("https://example.com/posts/b/"));
/// assert_eq!(link("HTTPS://Other.Example/x", &page).as_deref(), Some("https://other.example/x"));
/// for bad in ["javascript:alert(1)", "//evil.example/", "/\t/evil.example/", "&#106;avascript:alert(1)"] {
///     assert_eq!(link(bad, &page), None, "{bad:?}");
/// }
/// ```
pub fn link(url: &str, base: &Url) -> Option<String> {
    let url = url.trim();
    let site_path = url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\");
    // Written out as `http(s)://…`, not merely parsed as such: the parser also reads
    // `http:host` and `https:/host`, which a browser resolves against the page when its scheme
    // is the same.
    let scheme = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let absolute = Some(url)
        .filter(|_| scheme.starts_with("http://") || scheme.starts_with("https://"))
        .and_then(|u| Url::parse(u).ok())
        .filter(|u| u.host_str().is_some() && !on_no_host(u));
    let resolved = match absolute {
        Some(u) => u,
        // The parser drops tabs and line breaks anywhere, so `/\t/host` is `//host`: a path
        // must land on the page's own origin to count as one.
        None if site_path => base
            .join(url)
            .ok()
            .filter(|u| u.origin() == base.origin())?,
        None => return None,
    };
    matches!(resolved.scheme(), "http" | "https").then(|| site_link(&resolved))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{attribute, html_safe_json, link, script_json, text};
    use url::Url;

    #[test]
    fn values_are_escaped_for_their_context() {
        assert_eq!(
            text("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(text("a\0b\u{1b}c\u{85}d\ne"), "abcd e");
        assert_eq!(text("Tom &amp; Jerry"), "Tom &amp;amp; Jerry");
        assert_eq!(
            attribute(r#""><img src=x onerror=alert(1)>"#),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(attribute("' onmouseover='x"), "&#39; onmouseover=&#39;x");
    }

    #[test]
    fn json_keeps_its_meaning_and_loses_every_tag() {
        let value = serde_json::json!({
            "t": "</script><script>alert(1)</script><!-- <SCRIPT \u{2028}\u{2029} & é 😀"
        });
        let json = serde_json::to_string(&value).unwrap();
        for (escaped, ascii) in [(script_json(&json), true), (html_safe_json(&json), false)] {
            assert_eq!(escaped.is_ascii(), ascii, "{escaped}");
            for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
                assert!(!escaped.contains(bad), "{bad:?} in {escaped}");
            }
            let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
            assert_eq!(back, value);
        }
        assert!(html_safe_json(&json).contains("é 😀"));
    }

    #[test]
    fn only_web_links_are_written() {
        let page = Url::parse("https://example.com/posts/a/").unwrap();
        let none = Url::parse("http://site.invalid/").unwrap();
        assert_eq!(
            link("/posts/b/", &page).as_deref(),
            Some("https://example.com/posts/b/")
        );
        assert_eq!(link("/posts/b/", &none).as_deref(), Some("/posts/b/"));
        assert_eq!(
            link("https://other.example/x?y#z", &none).as_deref(),
            Some("https://other.example/x?y#z")
        );
        assert_eq!(
            link(" HTTPS://Other.Example/ ", &page).as_deref(),
            Some("https://other.example/")
        );
        assert_eq!(
            link("https://example.com//evil.example/x", &page).as_deref(),
            Some("https://example.com//evil.example/x"),
            "an empty path segment is still this site's path"
        );
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;&#x61;vascript:alert(1)",
            "jav&#x09;ascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "vbscript:msgbox(1)",
            "livescript:alert(1)",
            "//evil.example/",
            "///evil.example/",
            "/\\evil.example/",
            "\\\\evil.example/",
            "/\t/evil.example/",
            "/\n/evil.example/",
            "http:evil.example",
            "https:/evil.example",
            "relative/path",
            "?q=1",
            "#top",
            "",
            "mailto:a@b.c",
            "ftp://evil.example/",
            "file:///etc/passwd",
        ] {
            assert_eq!(link(bad, &page), None, "{bad:?}");
        }
    }
}
