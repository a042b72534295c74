//! Writing a page's related list into the page itself, inside its `<related-articles>`, so that
//! readers without JavaScript, search engines, RSS readers' full-page views and the first paint
//! see the links; the widget then upgrades that markup in place.
//!
//! What goes in, at the end of the page's first `<related-articles>` (the element's other
//! content is kept; a list an earlier build wrote there is replaced, so a second run gives the
//! same bytes):
//!
//! ```html
//! <section data-related-articles><h2>Related Articles</h2><ul><li><span class="category">Politics</span> <a href="https://example.com/posts/b/">Title</a> <p class="summary">Summary</p> <time datetime="2025-07-19">July 19, 2025</time></li>…</ul></section><script type="application/ld+json" data-related-articles>{"@context":"https://schema.org","@type":"ItemList",…}</script>
//! ```
//!
//! The markup names no build: a page whose list did not change comes out of the next build byte
//! for byte the same, so a rebuild rewrites only the pages whose lists changed.
//!
//! The parts are the widget's (`www/render.js`), with the widget's rules: the heading is the
//! element's `heading` attribute or the translated default; the summary shows under a title (an
//! untitled item's summary is its link text); `<img class="image">` only with `layout="grid"`;
//! `<small class="why">` only with the `why` attribute; the element's `limit` attribute caps the
//! items; items without a usable link are left out, and fewer than two items make no list (the
//! widget shows none). Dates and words are in the element's language ([`locale`](super::locale)).
//!
//! Every value is escaped for where it goes, by the rules of [`escape`](super::escape): element
//! text and attribute values are escaped (`&`, `<`, `>`, quotes) and cleared of control
//! characters; links and images must be absolute http(s) URLs or site paths (`/posts/b/`,
//! resolved against the page's URL when it is known, and staying on its origin); the JSON-LD has
//! every `<`, `>`, `&`, U+2028, U+2029 and non-ASCII character as `\uXXXX`, so neither
//! `</script` nor `<!--` can occur in it, whatever the page's charset.
//!
//! Keep the element out of a `<p>`: HTML closes a paragraph at a `<section>`, which would move
//! the list out of the element.

use std::cell::RefCell;
use std::rc::Rc;

use lol_html::html_content::ContentType;
use lol_html::{element, HtmlRewriter, Settings};
use serde::Serialize;
use url::Url;

use super::escape::{attribute as attr, link, plain, script_json, text};
use super::read::Element;
use super::{decode, locale, Langs, NO_HOST};

/// One related article, as a list shows it. Borrowed: the caller owns the strings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Item<'a> {
    /// The link: an absolute http(s) URL, or a path on the site (`/posts/b/`). An item whose
    /// link is neither (none, `javascript:`, `//host`) is left out.
    pub url: Option<&'a str>,
    /// The title; when empty, the summary is the link's text.
    pub title: &'a str,
    /// The summary, shown under the title.
    pub summary: Option<&'a str>,
    /// The category, shown before the link.
    pub category: Option<&'a str>,
    /// An ISO date or date-time; its calendar day is shown.
    pub date: Option<&'a str>,
    /// An image URL (absolute http(s) or a site path), shown in the grid layout.
    pub image: Option<&'a str>,
    /// The words the item shares with the page, shown with the `why` attribute.
    pub why: &'a [String],
}

/// A page's list, as [`rewrite_page`] writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct List<'a> {
    /// The page's own absolute URL, to resolve site paths against; with `None`, links stay
    /// site paths.
    pub page_url: Option<&'a str>,
    /// The related articles, best first.
    pub items: &'a [Item<'a>],
}

/// The page with `list` written into its first `<related-articles>` element, replacing what an
/// earlier run wrote there; `None` when the page has no such element (leave the file as it is).
/// Everything outside the element comes out byte for byte as it went in.
///
/// Errors only when lol_html cannot parse the page at all.
///
/// ```
/// use related_articles::site::rewrite::{rewrite_page, Item, List};
/// let page = br#"<html lang="de"><body><related-articles limit="2"><p>Kept</p></related-articles></body></html>"#;
/// let items = [
///     Item { url: Some("https://example.com/a"), title: "A", category: Some("Politik"), date: Some("2025-07-19"), ..Item::default() },
///     Item { url: Some("javascript:alert(1)"), title: "Evil", ..Item::default() },
///     Item { url: Some("/b"), title: "", summary: Some("Only a summary"), ..Item::default() },
///     Item { url: Some("/c"), title: "C", ..Item::default() },
/// ];
/// let list = List { page_url: Some("https://example.com/x"), items: &items };
/// let out = String::from_utf8(rewrite_page(page, &list).unwrap().unwrap()).unwrap();
/// assert!(out.starts_with(r#"<html lang="de"><body><related-articles limit="2"><p>Kept</p><section data-related-articles><h2>Ähnliche Artikel</h2><ul>"#));
/// assert!(out.contains(r#"<li><span class="category">Politik</span> <a href="https://example.com/a">A</a> <time datetime="2025-07-19">19. Juli 2025</time></li>"#));
/// assert!(out.contains(r#"<li><a href="https://example.com/b">Only a summary</a></li></ul></section>"#));
/// assert!(!out.contains("javascript") && !out.contains("/c"));
/// assert_eq!(rewrite_page(b"<p>no element</p>", &list).unwrap(), None);
/// ```
pub fn rewrite_page(html: &[u8], list: &List) -> Result<Option<Vec<u8>>, String> {
    let page_url = list
        .page_url
        .and_then(|u| Url::parse(u).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    let base = match page_url {
        Some(url) => url,
        None => Url::parse(&format!("http://{NO_HOST}/"))
            .map_err(|e| format!("no base URL for links: {e}"))?,
    };
    let seen = Rc::new(RefCell::new(false));
    let first = seen.clone();
    let langs = Langs::default();
    let element_langs = langs.clone();
    let mut out = Vec::with_capacity(html.len() + 4096);
    let settings = Settings {
        element_content_handlers: vec![
            langs.handler(),
            element!("related-articles", move |el| {
                if first.replace(true) {
                    return Ok(()); // only the first element gets the list, as it is read
                }
                let element = Element {
                    attributes: el
                        .attributes()
                        .iter()
                        .map(|a| (a.name(), decode(&a.value())))
                        .collect(),
                    lang: element_langs.current(),
                };
                el.append(&markup(&element, list, &base), ContentType::Html);
                Ok(())
            }),
            // An earlier build's list, in any <related-articles>: replaced, never doubled.
            element!("related-articles > section[data-related-articles]", |el| {
                el.remove();
                Ok(())
            }),
            element!("related-articles > script[data-related-articles]", |el| {
                el.remove();
                Ok(())
            }),
        ],
        strict: false,
        adjust_charset_on_meta_tag: true,
        ..Settings::new()
    };
    let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| out.extend_from_slice(chunk));
    let written = rewriter.write(html).and_then(|()| rewriter.end());
    written.map_err(|e| format!("the page could not be rewritten: {e}"))?;
    let has_element = *seen.borrow();
    Ok(has_element.then_some(out))
}

/// An item ready to write: its link and image resolved, its date's day found.
struct Shown<'a> {
    item: &'a Item<'a>,
    href: String,
    image: Option<String>,
}

/// The section and the JSON-LD for `list` in `element`; empty when fewer than two items show.
fn markup(element: &Element, list: &List, base: &Url) -> String {
    let shown: Vec<Shown> = list
        .items
        .iter()
        .filter_map(|item| {
            Some(Shown {
                href: link(item.url?, base)?,
                image: item.image.and_then(|i| link(i, base)),
                item,
            })
        })
        .take(element.limit().unwrap_or(usize::MAX))
        .collect();
    if shown.len() < 2 {
        return String::new();
    }
    let lang = element.lang.as_deref();
    let heading = element
        .attribute("heading")
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| locale::heading(lang));
    let grid = element.attribute("layout") == Some("grid");
    let why = element.attribute("why").is_some();

    let mut html = format!(
        r#"<section data-related-articles><h2>{}</h2><ul>"#,
        text(heading)
    );
    for s in &shown {
        let it = s.item;
        let mut parts: Vec<String> = Vec::new();
        if let (true, Some(src)) = (grid, &s.image) {
            parts.push(format!(
                r#"<img class="image" loading="lazy" decoding="async" alt="" width="320" height="180" src="{}">"#,
                attr(src)
            ));
        }
        if let Some(category) = it.category.filter(|c| !c.is_empty()) {
            parts.push(format!(
                r#"<span class="category">{}</span>"#,
                text(category)
            ));
        }
        let summary = it.summary.filter(|s| !s.is_empty());
        let label = if it.title.is_empty() {
            summary.unwrap_or("")
        } else {
            it.title
        };
        parts.push(format!(
            r#"<a href="{}">{}</a>"#,
            attr(&s.href),
            text(label)
        ));
        if let (false, Some(summary)) = (it.title.is_empty(), summary) {
            parts.push(format!(r#"<p class="summary">{}</p>"#, text(summary)));
        }
        if let Some(date) = it.date {
            if let (Some(day), Some(shown)) = (date.get(..10), locale::long_date(date, lang)) {
                parts.push(format!(
                    r#"<time datetime="{}">{}</time>"#,
                    attr(day),
                    text(&shown)
                ));
            }
        }
        if why && !it.why.is_empty() {
            let words = it.why.join(", ");
            let label = locale::why_label(lang);
            parts.push(format!(
                r#"<small class="why">{}: {}</small>"#,
                text(label),
                text(&words)
            ));
        }
        html.push_str("<li>");
        html.push_str(&parts.join(" "));
        html.push_str("</li>");
    }
    html.push_str("</ul></section>");
    html.push_str(&format!(
        r#"<script type="application/ld+json" data-related-articles>{}</script>"#,
        json_ld(heading, &shown)
    ));
    html
}

#[derive(Serialize)]
struct ItemList<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "itemListElement")]
    items: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    url: &'a str,
    name: String,
}

/// The schema.org `ItemList` of the shown items, safe inside `<script>` in any charset.
fn json_ld(heading: &str, shown: &[Shown]) -> String {
    let list = ItemList {
        context: "https://schema.org",
        kind: "ItemList",
        name: heading,
        items: shown
            .iter()
            .enumerate()
            .map(|(i, s)| ListItem {
                kind: "ListItem",
                position: i + 1,
                url: &s.href,
                name: plain(if s.item.title.is_empty() {
                    s.item.summary.unwrap_or("")
                } else {
                    s.item.title
                }),
            })
            .collect(),
    };
    // Serialising plain strings and numbers cannot fail; an empty object is still valid JSON-LD.
    script_json(&serde_json::to_string(&list).unwrap_or_else(|_| "{}".into()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::{json_ld, Item, Shown};

    #[test]
    fn json_ld_cannot_close_its_script() {
        let item = Item {
            title: "</script><script>alert(1)</script><!-- \u{2028}\u{2029} é 😀",
            ..Item::default()
        };
        let shown = [Shown {
            item: &item,
            href: "https://example.com/?a=1&b=<".into(),
            image: None,
        }];
        let json = json_ld("Related", &shown);
        assert!(json.is_ascii());
        for bad in ["<", ">", "&", "\u{2028}"] {
            assert!(!json.contains(bad), "{bad:?} in {json}");
        }
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["itemListElement"][0]["name"], item.title);
        assert_eq!(
            back["itemListElement"][0]["url"],
            "https://example.com/?a=1&b=<"
        );
    }
}
