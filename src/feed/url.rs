//! Relative references, resolved the RFC 3986 way (section 5.2).
//!
//! Feeds are full of relative links (`<link>/2025/07/post</link>`, `xml:base="../"`) and the widget
//! may only show absolute http(s) ones. The `url` crate would resolve them too, but it brings
//! IDNA tables that cost more wasm than the whole feed parser, and feeds need none of it: hosts
//! are kept as written.

use crate::find::part;

/// Resolves `reference` against `base` (RFC 3986 section 5.2, with dot segments removed), or
/// returns `None` when `base` is not absolute (has no scheme) and `reference` is relative.
///
/// An absolute `reference` is returned as it is (trimmed), whatever its scheme: whether it is
/// acceptable (http or https) is for the caller to decide.
///
/// ```
/// use related_articles::feed::resolve_url;
/// let base = "https://example.com/blog/2025/post.html?x=1#top";
/// assert_eq!(resolve_url(base, "other.html").as_deref(), Some("https://example.com/blog/2025/other.html"));
/// assert_eq!(resolve_url(base, "../../about").as_deref(), Some("https://example.com/about"));
/// assert_eq!(resolve_url(base, "/a/./b/../c").as_deref(), Some("https://example.com/a/c"));
/// assert_eq!(resolve_url(base, "//cdn.example.net/i.png").as_deref(), Some("https://cdn.example.net/i.png"));
/// assert_eq!(resolve_url(base, "?page=2").as_deref(), Some("https://example.com/blog/2025/post.html?page=2"));
/// assert_eq!(resolve_url(base, "#c3").as_deref(), Some("https://example.com/blog/2025/post.html?x=1#c3"));
/// assert_eq!(resolve_url(base, "").as_deref(), Some("https://example.com/blog/2025/post.html?x=1"));
/// assert_eq!(resolve_url(base, " HTTP://Other.example/ ").as_deref(), Some("HTTP://Other.example/"));
/// assert_eq!(resolve_url("https://example.com", "a").as_deref(), Some("https://example.com/a"));
/// assert_eq!(resolve_url("https://example.com/a/b", "../../../../x").as_deref(), Some("https://example.com/x"));
/// assert_eq!(resolve_url("/relative/base", "x"), None);
/// ```
pub fn resolve_url(base: &str, reference: &str) -> Option<String> {
    let reference = reference.trim();
    if scheme_len(reference).is_some() {
        return Some(reference.to_owned());
    }
    let base = base.trim();
    let scheme_end = scheme_len(base)?;
    let (scheme, base_rest) = base.split_at(scheme_end + 1); // "https:" and "//host/path?q#f"
    let base_rest = base_rest
        .get(..base_rest.find('#').unwrap_or(base_rest.len()))
        .unwrap_or("");
    let (base_authority, base_path_query) = match base_rest.strip_prefix("//") {
        Some(r) => {
            let end = r.find(['/', '?']).unwrap_or(r.len());
            (Some(part(r, ..end)), part(r, end..))
        }
        None => (None, base_rest),
    };
    let (base_path, base_query) = match base_path_query.find('?') {
        Some(q) => (part(base_path_query, ..q), base_path_query.get(q..)),
        None => (base_path_query, None),
    };

    let mut out = String::with_capacity(base.len() + reference.len());
    out.push_str(scheme);
    if let Some(r) = reference.strip_prefix("//") {
        out.push_str("//");
        let end = r.find(['/', '?', '#']).unwrap_or(r.len());
        out.push_str(part(r, ..end));
        let rest = part(r, end..);
        let (path, tail) = split_path(rest);
        out.push_str(&remove_dot_segments(path));
        out.push_str(tail);
        return Some(out);
    }
    if let Some(authority) = base_authority {
        out.push_str("//");
        out.push_str(authority);
    }
    let (ref_path, ref_tail) = split_path(reference);
    if ref_path.is_empty() {
        out.push_str(base_path);
        if ref_tail.starts_with('?') {
            out.push_str(ref_tail);
        } else {
            out.push_str(base_query.unwrap_or(""));
            out.push_str(ref_tail);
        }
        return Some(out);
    }
    let merged = if ref_path.starts_with('/') {
        remove_dot_segments(ref_path)
    } else if base_authority.is_some() && base_path.is_empty() {
        remove_dot_segments(&crate::cat!("/", ref_path))
    } else {
        // Bytes, as in `truncate`: `rfind('/')` would link memrchr for two calls.
        let dir = base_path
            .bytes()
            .rposition(|b| b == b'/')
            .map_or("", |i| part(base_path, ..=i));
        remove_dot_segments(&crate::cat!(dir, ref_path))
    };
    out.push_str(&merged);
    out.push_str(ref_tail);
    Some(out)
}

/// Length of the scheme (`https` in `https://…`) when `s` starts with one.
fn scheme_len(s: &str) -> Option<usize> {
    let colon = s.find(':')?;
    let scheme = s.as_bytes().get(..colon)?;
    let first_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic);
    (first_ok
        && scheme
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.')))
    .then_some(colon)
}

/// Splits a relative reference into its path and the `?query#fragment` tail.
fn split_path(s: &str) -> (&str, &str) {
    let end = s.find(['?', '#']).unwrap_or(s.len());
    (part(s, ..end), part(s, end..))
}

/// RFC 3986 section 5.2.4, on whole segments: `.` is dropped, `..` removes the segment before it
/// (never climbing above the root).
fn remove_dot_segments(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut out = String::with_capacity(path.len());
    if absolute {
        out.push('/');
    }
    // Where each kept segment starts in `out` (with the `/` before it): `..` truncates to it.
    // Built in place rather than collected into segments and joined.
    let mut starts: Vec<usize> = Vec::new();
    let mut trailing_slash;
    let mut rest = if absolute { part(path, 1..) } else { path };
    loop {
        let end = rest.find('/');
        let last = end.is_none();
        match part(rest, ..end.unwrap_or(rest.len())) {
            "." => trailing_slash = last,
            ".." => {
                if let Some(start) = starts.pop() {
                    out.truncate(start);
                }
                trailing_slash = last;
            }
            segment => {
                starts.push(out.len());
                if starts.len() > 1 {
                    out.push('/');
                }
                out.push_str(segment);
                trailing_slash = false;
            }
        }
        match end {
            Some(e) => rest = part(rest, e + 1..),
            None => break,
        }
    }
    if trailing_slash && !out.ends_with('/') {
        out.push('/');
    }
    out
}
