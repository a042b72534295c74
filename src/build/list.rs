//! List files: `lists/<file name>.json`, one per lookup key (two when two keys share a hash),
//! holding the related items of the article with that key.
//!
//! Nothing in a list changes unless the list itself does: no scores (every new article nudges
//! every score), no build id, fields in a fixed order, compact JSON. That is what lets a rebuild
//! rewrite only the files whose lists changed.

use std::borrow::Cow;

use serde::Serialize;
use url::{Position, Url};

use super::UNTITLED_SUMMARY_CHARS;
use crate::feed::shorten;
use crate::site::escape::html_safe_json;
use crate::{Article, Related};

/// One related article as a list file (and the page's HTML) shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListItem<'a> {
    /// The link: a path (`/posts/b/`) when the item is on the same site (scheme, host, port)
    /// as the article the list is for, to resolve against the page's URL; else the absolute URL.
    /// A site page with no URL (the site's URL unknown) is linked by its path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Cow<'a, str>>,
    /// The article's id, only when it has no URL to link to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    /// The title (empty when the article has only a summary).
    pub title: &'a str,
    /// The summary, shortened at a word boundary: only when the item has no title, or the
    /// build asks for summaries ([`BuildOptions::summary_chars`](super::BuildOptions)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Cow<'a, str>>,
    /// The category, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<&'a str>,
    /// The calendar day, `YYYY-MM-DD` (the date's first ten characters: the publisher's day).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    /// The image URL, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<&'a str>,
    /// Up to three shared words, as the related article writes them.
    pub why: &'a [String],
}

impl<'a> ListItem<'a> {
    /// The item for `related`, an article of `articles`, in the list of the article at
    /// `for_url` (`None` when that article has no URL). `keys` are the articles' lookup keys: an
    /// article without a URL whose key is a site path (a page of a site whose URL is unknown)
    /// is linked by that path.
    ///
    /// ```
    /// use related_articles::build::list::ListItem;
    /// use related_articles::{Article, Related};
    /// let mut b = Article::new("b", "Cats nap", "Long naps in the sun, every single afternoon");
    /// b.url = Some("https://example.com/b/".into());
    /// b.date = Some("2025-07-19T08:00:00Z".into());
    /// let related = Related { position: 0, score: 0.5, terms: vec!["Cats".into()] };
    /// let b = [b];
    /// let keys = ["/b/".to_string()];
    /// let item = ListItem::new(&b, &keys, &related, Some("https://example.com/a/"), 24).unwrap();
    /// assert_eq!(item.url.as_deref(), Some("/b/"));
    /// assert_eq!(item.summary.as_deref(), Some("Long naps in the sun…"));
    /// assert_eq!(item.date, Some("2025-07-19"));
    /// let c = [item_article()];
    /// let elsewhere = ListItem::new(&c, &keys, &related, Some("https://other.example/a"), 0).unwrap();
    /// assert_eq!(elsewhere.url.as_deref(), Some("https://example.com/c"));
    /// assert_eq!(elsewhere.summary, None); // summary_chars 0: no summaries
    /// let d = [Article::new("d", "", "Only a summary")];
    /// let (id_key, path_key) = (["id:d".to_string()], ["/posts/d/".to_string()]);
    /// let untitled = ListItem::new(&d, &id_key, &related, None, 0).unwrap();
    /// assert_eq!((untitled.summary.as_deref(), untitled.id), (Some("Only a summary"), Some("d")));
    /// let page = ListItem::new(&d, &path_key, &related, None, 0).unwrap();
    /// assert_eq!((page.url.as_deref(), page.id), (Some("/posts/d/"), None));
    /// # fn item_article() -> Article { let mut c = Article::new("c", "C", "s"); c.url = Some("https://example.com/c".into()); c }
    /// ```
    pub fn new(
        articles: &'a [Article],
        keys: &'a [String],
        related: &'a Related,
        for_url: Option<&str>,
        summary_chars: usize,
    ) -> Option<ListItem<'a>> {
        let a = articles.get(related.position)?;
        let chars = match a.title.is_empty() {
            true => summary_chars.max(UNTITLED_SUMMARY_CHARS),
            false => summary_chars,
        };
        let summary = match (chars, a.summary.as_str()) {
            (0, _) | (_, "") => None,
            (n, s) => Some(match s.chars().nth(n) {
                None => Cow::Borrowed(s),
                Some(_) => Cow::Owned(shorten(s, n)),
            }),
        };
        let url = match a.url.as_deref() {
            Some(u) => Some(site_relative(u, for_url)),
            None => keys
                .get(related.position)
                .filter(|k| k.starts_with('/') && !k.starts_with("//"))
                .map(|k| Cow::Borrowed(k.as_str())),
        };
        Some(ListItem {
            id: url.is_none().then_some(a.id.as_str()),
            url,
            title: &a.title,
            summary,
            category: a.category.as_deref(),
            date: a.date.as_deref().map(|d| d.get(..10).unwrap_or(d)),
            image: a.image.as_deref(),
            why: &related.terms,
        })
    }
}

/// `url` as a path when it has the same origin as `base`, else as it is. A path that starts
/// with `//` (`https://example.com//evil.example/`) stays absolute: written alone it would be a
/// protocol-relative link to another host.
fn site_relative<'u>(url: &'u str, base: Option<&str>) -> Cow<'u, str> {
    let same_site = |u: &Url| {
        base.and_then(|b| Url::parse(b).ok())
            .is_some_and(|b| b.origin() == u.origin())
    };
    match Url::parse(url) {
        Ok(u) if same_site(&u) && !u.path().starts_with("//") => {
            Cow::Owned(u[Position::BeforePath..].to_owned())
        }
        _ => Cow::Borrowed(url),
    }
}

/// One article's list in a list file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry<'a> {
    /// The article's lookup key ([`lookup_key`](super::key::lookup_key)).
    pub key: &'a str,
    /// Its related articles, best first.
    pub items: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
struct ListFile<'e, 'a> {
    v: u8,
    entries: &'e [Entry<'a>],
}

/// The bytes of a list file: `{"v":1,"entries":[…]}`, entries as given (sorted by key), with
/// `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX` escapes
/// ([`html_safe_json`](crate::site::escape::html_safe_json)): no tag in it, even served as HTML.
///
/// ```
/// use related_articles::build::list::{file_bytes, Entry};
/// let bytes = file_bytes(&[Entry { key: "/a/", items: vec![] }]).unwrap();
/// assert_eq!(bytes, br#"{"v":1,"entries":[{"key":"/a/","items":[]}]}"#);
/// let bytes = file_bytes(&[Entry { key: "/</script>&/", items: vec![] }]).unwrap();
/// assert_eq!(bytes, br#"{"v":1,"entries":[{"key":"/\u003c/script\u003e\u0026/","items":[]}]}"#);
/// ```
pub fn file_bytes(entries: &[Entry]) -> Result<Vec<u8>, String> {
    let json = serde_json::to_string(&ListFile { v: 1, entries }).map_err(|e| e.to_string())?;
    Ok(html_safe_json(&json).into_bytes())
}

#[cfg(test)]
mod tests {
    use super::site_relative;

    #[test]
    fn a_link_on_the_same_site_is_a_path_unless_the_path_would_name_a_host() {
        let base = Some("https://example.com/a/");
        assert_eq!(site_relative("https://example.com/b/?q#f", base), "/b/?q#f");
        assert_eq!(
            site_relative("https://example.com//evil.example/x", base),
            "https://example.com//evil.example/x"
        );
        assert_eq!(
            site_relative("https://other.example/b/", base),
            "https://other.example/b/"
        );
        assert_eq!(
            site_relative("https://example.com/b/", None),
            "https://example.com/b/"
        );
    }
}
