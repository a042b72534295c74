//! Built sites: reading a generated HTML page as an article, and writing its related list into it.
//!
//! Native only (the code that knows about HTML files); both directions stream the page through
//! [`lol_html`], the parser and rewriter Pagefind uses, so a page is never held as a tree.
//!
//! - [`read::read_page`]: one page's bytes and its path in the site → a [`read::Page`]: an
//!   article (validated through [`RawArticle::validate_as`](crate::RawArticle::validate_as), like
//!   every other input) with what a build needs besides (its link, its `<related-articles>`
//!   element), or a [`read::Skip`] with its reason. The metadata rules are the widget's
//!   (`www/page.js`), written down in [`meta`].
//! - [`rewrite::rewrite_page`]: a page and its list → the page with the list written inside its
//!   `<related-articles>` element as plain HTML and JSON-LD, replacing an earlier build's, or
//!   `None` when the page has no such element.
//! - [`locale`]: the heading, labels and dates in the page's language, as the widget writes them.
//! - [`escape`]: what text from pages and feeds may become where the build writes it (element
//!   text, attribute values, JSON in a `<script>`, JSON files, links): the one home of those rules.
//!
//! ```
//! use related_articles::site::read::{read_page, Page};
//! use related_articles::site::rewrite::{rewrite_page, Item, List};
//!
//! let html = br#"<!doctype html><html lang="en"><head>
//! <title>Cats | My blog</title><meta property="og:type" content="article">
//! <meta property="og:title" content="Cats purr"><meta property="article:section" content="Pets">
//! </head><body><h1>Cats purr</h1><related-articles></related-articles></body></html>"#;
//! let Page::Article(page) = read_page(html, "posts/cats/index.html", Some("https://blog.example/")).unwrap() else {
//!     panic!("an article")
//! };
//! assert_eq!(page.article.title, "Cats purr");
//! assert_eq!(page.article.url.as_deref(), Some("https://blog.example/posts/cats/"));
//! assert_eq!(page.article.category.as_deref(), Some("Pets"));
//! assert!(page.element.is_some());
//!
//! let why = ["purr".to_string()];
//! let items = [
//!     Item { url: Some("/posts/kittens/"), title: "Kittens <3", why: &why, ..Item::default() },
//!     Item { url: Some("/posts/lions/"), title: "Lions", date: Some("2025-07-19"), ..Item::default() },
//! ];
//! let list = List { page_url: page.article.url.as_deref(), items: &items };
//! let out = rewrite_page(html, &list).unwrap().unwrap();
//! let out = String::from_utf8(out).unwrap();
//! assert!(out.contains(r#"<a href="https://blog.example/posts/kittens/">Kittens &lt;3</a>"#));
//! assert!(out.contains(r#"<time datetime="2025-07-19">July 19, 2025</time>"#));
//! assert_eq!(rewrite_page(out.as_bytes(), &list).unwrap().unwrap(), out.as_bytes()); // idempotent
//! ```

pub mod escape;
pub mod locale;
pub mod meta;
pub mod read;
pub mod rewrite;

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use lol_html::{element, ElementContentHandlers, EndTagHandler, Selector};
use url::Url;

use crate::text::html::decode_reference;

/// The host given to pages of a site whose public URL is unknown: relative references are
/// resolved against it, and any URL on it is then written back as a site-relative path.
/// (`.invalid` is reserved: it can never be a real site.)
const NO_HOST: &str = "site.invalid";

/// Whether a URL is one of this site's only because the site's URL is unknown.
fn on_no_host(url: &Url) -> bool {
    url.host_str() == Some(NO_HOST)
}

/// A URL as a link: as it is, or its path, query and fragment when it is on [`NO_HOST`].
fn site_link(url: &Url) -> String {
    if on_no_host(url) {
        url[url::Position::BeforePath..].to_owned()
    } else {
        url.to_string()
    }
}

/// The `lang` attributes open at the current point of a page being streamed: a stack, pushed at
/// each element with a `lang` and cut back at its end tag (lol_html also runs the end-tag
/// handlers of elements an ancestor's end tag closes). Shared by reading and rewriting so both
/// see the same language at a `<related-articles>`.
#[derive(Debug, Clone, Default)]
struct Langs(Rc<RefCell<Vec<String>>>);

impl Langs {
    /// The handler that keeps the stack; register it before any handler that asks
    /// [`Langs::current`], since lol_html runs an element's handlers in registration order.
    fn handler<'h>(&self) -> (Cow<'h, Selector>, ElementContentHandlers<'h>) {
        let stack = self.0.clone();
        element!("[lang]", move |el| {
            let lang = el
                .get_attribute("lang")
                .map(|l| decode(&l))
                .unwrap_or_default();
            // A void element (`<img lang>`) has no end tag to cut the stack back: it never opens.
            if let Some(handlers) = el.end_tag_handlers() {
                let depth = stack.borrow().len();
                let on_end = stack.clone();
                let cut: EndTagHandler<'static> = Box::new(move |_| {
                    on_end.borrow_mut().truncate(depth);
                    Ok(())
                });
                handlers.push(cut);
                stack.borrow_mut().push(lang);
            }
            Ok(())
        })
    }

    /// The nearest open `lang`, trimmed; `None` when there is none or it is blank (the widget's
    /// `el.closest('[lang]')?.lang.trim() || undefined`).
    fn current(&self) -> Option<String> {
        self.0.borrow().last().and_then(|l| meta::nonempty(l))
    }
}

/// Decodes the character references of raw HTML text or an attribute value, as a browser
/// does before a script sees the text (`textContent`, `getAttribute`), with the crate's one
/// decoder ([`decode_reference`]); an `&` that starts no known reference stays as it is.
///
/// Only references: lol_html hands text over without tags, and inside `<title>` a `<b>` is text.
fn decode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some((before, tail)) = rest.find('&').and_then(|at| rest.split_at_checked(at)) {
        out.push_str(before);
        rest = match decode_reference(tail) {
            Some((text, after)) => {
                out.push_str(&text);
                after
            }
            None => {
                out.push('&');
                tail.strip_prefix('&').unwrap_or_default()
            }
        };
    }
    out.push_str(rest);
    out
}

/// The URL path a page is served at: `posts/a/index.html` → `/posts/a/`, `about.html` →
/// `/about.html`, each segment percent-encoded as a browser's address bar has it, `\` read as `/`.
fn served_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.trim_start_matches('/');
    let path = match path.strip_suffix("index.html") {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => dir,
        _ => path,
    };
    let mut out = String::from("/");
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{decode, served_path};

    #[test]
    fn references_are_decoded_once_and_tags_kept() {
        assert_eq!(decode("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(decode("&amp;lt;b&amp;gt;"), "&lt;b&gt;");
        assert_eq!(decode("<b>bold</b> &#x41;&#66;"), "<b>bold</b> AB");
        assert_eq!(decode("AT&T &unknown; &"), "AT&T &unknown; &");
        assert_eq!(decode("caf&eacute;&nbsp;"), "café\u{a0}");
        assert_eq!(decode(""), "");
    }

    #[test]
    fn paths_are_served_as_browsers_show_them() {
        assert_eq!(served_path("posts/a/index.html"), "/posts/a/");
        assert_eq!(served_path("index.html"), "/");
        assert_eq!(served_path("/about.html"), "/about.html");
        assert_eq!(served_path("posts\\b\\index.html"), "/posts/b/");
        assert_eq!(served_path("notindex.html"), "/notindex.html");
        assert_eq!(served_path("café/a b.html"), "/caf%C3%A9/a%20b.html");
        assert_eq!(served_path(""), "/");
    }
}
