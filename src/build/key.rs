//! Lookup keys: how an archive names an article, and which list file holds its list.
//!
//! The widget computes the same two things in JS from the page it is on, so both rules are
//! small and exact: the key is the URL's path and query as the WHATWG URL parser gives them
//! (`new URL(u).pathname + new URL(u).search` in a browser; the `url` crate here), and the file
//! name is the key's 64-bit FNV-1a hash in hex. `tests/fixtures/archive/lookup-keys.json` holds
//! cases both sides are tested against.

use url::Url;

use crate::article::{fnv1a, FNV1A_START};
use crate::message::hex16;

/// The lookup key of an article: its URL's path and query, without scheme, host or fragment,
/// a final `index.html` removed (`/posts/a/index.html` is `/posts/a/`), percent-encoded as a
/// browser's URL parser does; a site-relative path (`/posts/a/`) is taken as such. An article
/// with no URL is `id:` and its id.
///
/// ```
/// use related_articles::build::key::lookup_key;
/// assert_eq!(lookup_key(Some("https://example.com/posts/a/index.html?p=2#top"), "x"), "/posts/a/?p=2");
/// assert_eq!(lookup_key(Some("https://example.com"), "x"), "/");
/// assert_eq!(lookup_key(Some("https://example.com/a?"), "x"), "/a"); // an empty query is none
/// assert_eq!(lookup_key(Some("https://example.com/café/../b c"), "x"), "/b%20c");
/// assert_eq!(lookup_key(Some("/posts/a/index.html"), "x"), "/posts/a/");
/// assert_eq!(lookup_key(Some("https://example.com/not-index.html"), "x"), "/not-index.html");
/// assert_eq!(lookup_key(None, "hp3-00001"), "id:hp3-00001");
/// assert_eq!(lookup_key(Some("mailto:a@example.com"), "m"), "id:m"); // not a web page
/// ```
pub fn lookup_key(url: Option<&str>, id: &str) -> String {
    match url.and_then(url_key) {
        Some(key) => key,
        None => crate::cat!("id:", id),
    }
}

/// The path-and-query key of an http(s) URL or a site-relative path; `None` for anything else.
fn url_key(url: &str) -> Option<String> {
    let url = url.trim();
    let parsed = if url.starts_with('/') && !url.starts_with("//") {
        // Any base will do: only the path and query are kept.
        Url::parse("http://site.invalid/").ok()?.join(url).ok()?
    } else {
        Url::parse(url).ok()?
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let path = parsed.path();
    let path = match path.strip_suffix("index.html") {
        Some(dir) if dir.ends_with('/') => dir,
        _ => path,
    };
    Some(match parsed.query() {
        Some(query) if !query.is_empty() => crate::cat!(path, "?", query),
        _ => path.to_owned(),
    })
}

/// The list file's name (without `.json`) for a lookup key: the 64-bit FNV-1a hash of its UTF-8
/// bytes, 16 lower-case hex digits.
///
/// ```
/// use related_articles::build::key::file_name;
/// assert_eq!(file_name(""), "cbf29ce484222325");
/// assert_eq!(file_name("/posts/a/"), file_name("/posts/a/"));
/// assert_ne!(file_name("/posts/a/"), file_name("/posts/b/"));
/// assert_eq!(file_name("id:x").len(), 16);
/// ```
pub fn file_name(key: &str) -> String {
    hex16(fnv1a(FNV1A_START, key.as_bytes()))
}
