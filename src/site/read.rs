//! Reading one page of a built site: is it an article, which one, and where does its list go.
//!
//! The page streams through [`lol_html`] once; the handlers keep what the
//! [metadata rules](super::meta) need (every `<meta>`, the canonical link, `<base>`, JSON-LD,
//! the first `<title>` and `<h1>`, languages, the first `<related-articles>`), with character
//! references decoded as a browser decodes them for a script. Then a page is skipped, in this
//! order, when:
//!
//! 1. it opts out: `<meta name="related-articles" content="ignore">`, or a
//!    `data-related-articles-ignore` attribute on `<html>` or `<body>` ([`SkipReason::OptedOut`]);
//! 2. it redirects: `<meta http-equiv="refresh">` with a URL, as generators write alias pages
//!    ([`SkipReason::Redirect`]; a refresh without a URL only reloads the page);
//! 3. it asks search engines not to index it: `noindex` or `none` in `<meta name="robots">`
//!    ([`SkipReason::Noindex`]);
//! 4. it describes no article: no JSON-LD article node and no `og:type` of `article` (home,
//!    tag, category and pagination pages; [`SkipReason::NotArticle`]);
//! 5. it has neither title nor summary ([`SkipReason::Rejected`], with the validator's reason).
//!
//! A build that reads many pages also skips a page whose lookup key another page has, keeping
//! the one served at that key ([`SkipReason::Duplicate`], [`page_link`]): that takes the whole
//! site, so it is the caller's to tell (`build::site::read_site`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use lol_html::{element, text, HtmlRewriter, Settings};
use url::Url;

use super::meta::{nonempty, Collected, MetaTag};
use super::{decode, on_no_host, served_path, site_link, NO_HOST};
use crate::article::{Loose, Markup, Tags};
use crate::{Article, RawArticle, Warning};

/// What a page is, for a build.
#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    /// An article page (boxed: it is much larger than a skip).
    Article(Box<PageArticle>),
    /// A page that is not one, and why.
    Skipped(Skip),
}

/// An article read from its page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageArticle {
    /// The article, validated like every other input (plain text: references are decoded
    /// here). Its `url` is absolute when the page's metadata or the site's URL make it so.
    pub article: Article,
    /// Fields dropped by validation (an image that is no http(s) URL, a date that is no date).
    pub warnings: Vec<Warning>,
    /// Where the article is: its absolute URL, or, on a site whose URL is unknown, its path from
    /// the site's root (`/posts/a/`). What the lookup key is made from.
    pub link: String,
    /// The page's first `<related-articles>` element, where its list goes; `None` when the page
    /// has none (its article is still in every other page's candidates).
    pub element: Option<Element>,
    /// The language the page's list is written in (the element's nearest `lang`; else
    /// `<html lang>`), as the widget picks it for its heading and dates. Unlike `article.lang`,
    /// JSON-LD `inLanguage` does not change it.
    pub list_lang: Option<String>,
}

impl PageArticle {
    /// The language for the page's list ([`PageArticle::list_lang`]).
    pub fn lang(&self) -> Option<&str> {
        self.list_lang.as_deref()
    }
}

/// A `<related-articles>` element as the page has it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// Its attributes in the page's order: names lower-cased, values decoded.
    pub attributes: Vec<(String, String)>,
    /// The `lang` of the element or of its nearest ancestor that has one, trimmed; `None` when
    /// there is none or it is empty (`el.closest('[lang]')?.lang.trim() || undefined`).
    pub lang: Option<String>,
}

impl Element {
    /// The value of attribute `name` (lower case), as decoded.
    ///
    /// ```
    /// use related_articles::site::read::Element;
    /// let el = Element { attributes: vec![("heading".into(), "More".into())], lang: None };
    /// assert_eq!(el.attribute("heading"), Some("More"));
    /// assert_eq!(el.attribute("limit"), None);
    /// ```
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `heading` attribute, when it is not blank: the list's heading in place of the
    /// translated default.
    pub fn heading(&self) -> Option<&str> {
        self.attribute("heading")
            .map(str::trim)
            .filter(|h| !h.is_empty())
    }

    /// The `limit` attribute as the widget reads it (`parseInt`: leading digits after optional
    /// blanks and sign; capped at 100); `None` when absent or not a number `>= 0`.
    ///
    /// ```
    /// use related_articles::site::read::Element;
    /// let limit = |v: &str| Element { attributes: vec![("limit".into(), v.into())], lang: None }.limit();
    /// assert_eq!(limit("3"), Some(3));
    /// assert_eq!(limit(" 4 items"), Some(4));
    /// assert_eq!(limit("+2"), Some(2));
    /// assert_eq!(limit("500"), Some(100));
    /// assert_eq!(limit("-1"), None);
    /// assert_eq!(limit("x"), None);
    /// assert_eq!(Element::default().limit(), None);
    /// ```
    pub fn limit(&self) -> Option<usize> {
        let v = self.attribute("limit")?.trim_start();
        let (negative, digits) = match v.as_bytes().first() {
            Some(b'-') => (true, v.get(1..)?),
            Some(b'+') => (false, v.get(1..)?),
            _ => (false, v),
        };
        let digits: String = digits.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || (negative && digits.bytes().any(|d| d != b'0')) {
            return None;
        }
        let n = digits.parse::<u64>().unwrap_or(u64::MAX).min(100);
        usize::try_from(n).ok()
    }
}

/// Why a page is not an article (see the module's order of checks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// The page opts out (`<meta name="related-articles" content="ignore">` or
    /// `data-related-articles-ignore` on `<html>`/`<body>`).
    OptedOut,
    /// The page redirects (`<meta http-equiv="refresh" content="0; url=…">`).
    Redirect,
    /// The page asks not to be indexed (`<meta name="robots" content="noindex">`).
    Noindex,
    /// The page describes no article (no JSON-LD article, `og:type` not `article`).
    NotArticle,
    /// The page's lookup key is an earlier page's (told by the caller that reads the site).
    Duplicate,
    /// The article has neither title nor summary: the validator's reason.
    Rejected(String),
}

impl SkipReason {
    /// A stable, short name for counting skips (a build's summary and manifest):
    /// `opted-out`, `redirect`, `noindex`, `not-article`, `duplicate`, `rejected`.
    pub fn name(&self) -> &'static str {
        match self {
            SkipReason::OptedOut => "opted-out",
            SkipReason::Redirect => "redirect",
            SkipReason::Noindex => "noindex",
            SkipReason::NotArticle => "not-article",
            SkipReason::Duplicate => "duplicate",
            SkipReason::Rejected(_) => "rejected",
        }
    }
}

/// A skipped page: why, and where the page is (its link, as for an article).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// Why.
    pub reason: SkipReason,
    /// The page's URL (or site path, on a site whose URL is unknown).
    pub link: String,
}

/// Reads one page of a built site.
///
/// `html` is the file's bytes (UTF-8, or the charset its `<meta charset>` names), `path` its
/// path from the site's root (`posts/a/index.html`), `site_url` where the site is served
/// (`https://example.com/` or `https://example.com/blog/`), if known: the page's own URL, the
/// last source of an article's url and the base of its relative links, is `site_url` + `path`
/// (without a final `index.html`). Without `site_url`, URLs the page does not give absolutely
/// stay site-relative: [`PageArticle::link`] is then a path, `article.url` empty.
///
/// Errors only when the page cannot be parsed at all (lol_html's limits, such as a single tag
/// larger than its buffer), naming the page.
///
/// ```
/// use related_articles::site::read::{read_page, Page, SkipReason};
/// let alias = br#"<!doctype html><html><head><title>https://example.com/posts/a/</title>
/// <meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=https://example.com/posts/a/"></head></html>"#;
/// let Page::Skipped(skip) = read_page(alias, "old/index.html", None).unwrap() else { panic!() };
/// assert_eq!((skip.reason, skip.link.as_str()), (SkipReason::Redirect, "/old/"));
///
/// let post = br#"<html lang="fr"><head><script type="application/ld+json">
/// {"@context": "https://schema.org", "@type": "BlogPosting", "headline": "Chats &amp; chiens", "keywords": "chats, chiens"}
/// </script><link rel="canonical" href="/posts/b/"></head><body><h1>Ignored</h1></body></html>"#;
/// let Page::Article(page) = read_page(post, "posts/b/index.html", None).unwrap() else { panic!() };
/// assert_eq!(page.article.title, "Chats &amp; chiens"); // JSON-LD text is text, not HTML
/// assert_eq!(page.article.tags, ["chats", "chiens"]);
/// assert_eq!(page.article.lang.as_deref(), Some("fr"));
/// assert_eq!((page.link.as_str(), page.article.url.as_deref()), ("/posts/b/", None));
/// assert_eq!(page.element, None);
/// ```
pub fn read_page(html: &[u8], path: &str, site_url: Option<&str>) -> Result<Page, String> {
    let collected =
        collect(html).map_err(|e| format!("{path}: the page could not be read: {e}"))?;
    let location = location(path, site_url)?;
    let base = collected
        .base
        .as_deref()
        .and_then(|b| location.join(b).ok())
        .unwrap_or_else(|| location.clone());
    let resolve = |u: &str| base.join(u).ok();
    let fields = collected.fields();
    let url = fields.url.as_deref().and_then(resolve).unwrap_or(location);
    let link = site_link(&url);

    let skip = |reason| {
        Ok(Page::Skipped(Skip {
            reason,
            link: link.clone(),
        }))
    };
    let opted_out = collected
        .named("related-articles")
        .is_some_and(|c| c.eq_ignore_ascii_case("ignore"));
    if collected.ignored || opted_out {
        return skip(SkipReason::OptedOut);
    }
    if collected.metas.iter().any(is_redirect) {
        return skip(SkipReason::Redirect);
    }
    let noindex = |c: &str| {
        c.split([',', ' ', '\t', '\n'])
            .any(|t| t.eq_ignore_ascii_case("noindex") || t.eq_ignore_ascii_case("none"))
    };
    if collected.named("robots").is_some_and(noindex) {
        return skip(SkipReason::Noindex);
    }
    if !fields.is_article {
        return skip(SkipReason::NotArticle);
    }

    let absolute = |u: &Url| (!on_no_host(u)).then(|| u.to_string());
    let text = |v: Option<String>| v.map(Loose::Text);
    let raw = RawArticle {
        // An article without an id or absolute URL is named by its path: stable across builds.
        id: text(
            fields
                .id
                .or_else(|| absolute(&url).is_none().then(|| link.clone())),
        ),
        url: text(absolute(&url)),
        title: text(fields.title),
        summary: text(fields.summary),
        category: text(fields.category),
        tags: Some(Tags::texts(fields.tags)),
        date: text(fields.date),
        lang: text(fields.lang),
        image: text(fields.image.map(|i| match resolve(&i) {
            Some(u) => absolute(&u).unwrap_or_else(|| site_link(&u)),
            None => i,
        })),
    };
    match raw.validate_as(0, Markup::Text) {
        Ok((article, warnings)) => Ok(Page::Article(Box::new(PageArticle {
            article,
            warnings,
            link,
            list_lang: collected.lang(),
            element: collected.element,
        }))),
        Err(rejected) => skip(SkipReason::Rejected(rejected.reason)),
    }
}

/// Where a page itself is served, written as [`PageArticle::link`] is: its absolute URL under
/// `site_url`, or its path from the site's root when the site's URL is unknown. A build compares
/// it with the article's link to tell the canonical page from a copy (an AMP page names the
/// article it copies as its canonical URL, so both have one lookup key).
///
/// ```
/// use related_articles::site::read::page_link;
/// assert_eq!(page_link("amp/posts/a/index.html", None).unwrap(), "/amp/posts/a/");
/// assert_eq!(page_link("posts/a/index.html", Some("https://example.com/blog")).unwrap(), "https://example.com/blog/posts/a/");
/// assert_eq!(page_link("about.html", Some("not a url")).unwrap(), "/about.html");
/// ```
pub fn page_link(path: &str, site_url: Option<&str>) -> Result<String, String> {
    location(path, site_url).map(|u| site_link(&u))
}

/// The page's own URL: `site_url` (or [`NO_HOST`]'s origin) joined with the path it is served at.
fn location(path: &str, site_url: Option<&str>) -> Result<Url, String> {
    let served = served_path(path);
    let site = site_url
        .and_then(|s| Url::parse(s).ok())
        .filter(|s| matches!(s.scheme(), "http" | "https"));
    let site = match site {
        Some(mut site) => {
            if !site.path().ends_with('/') {
                let dir = format!("{}/", site.path());
                site.set_path(&dir);
            }
            site
        }
        None => Url::parse(&format!("http://{NO_HOST}/")).map_err(|e| e.to_string())?,
    };
    site.join(served.trim_start_matches('/'))
        .map_err(|e| format!("{path}: no URL for the page ({e})"))
}

/// `<meta http-equiv="refresh" content="0; url=…">`: a redirect; `content="300"` only reloads.
fn is_redirect(m: &MetaTag) -> bool {
    let refresh = m
        .http_equiv
        .as_deref()
        .is_some_and(|h| h.trim().eq_ignore_ascii_case("refresh"));
    let content = m.content.as_deref().unwrap_or("");
    refresh && content.contains([';', ',']) && {
        let after = content
            .split_once([';', ','])
            .map_or("", |(_, rest)| rest)
            .trim();
        !after.is_empty()
    }
}

/// Where the page's first `<title>` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleState {
    Before,
    Reading,
    Done,
}

/// Streams the page once and keeps what the rules need.
fn collect(html: &[u8]) -> Result<Collected, lol_html::errors::RewritingError> {
    let state = Rc::new(RefCell::new(Collected::default()));
    let langs = super::Langs::default();
    // Text goes to the first <title> outside <svg> while it is open (an SVG <title> is no
    // page title, and lol_html's "title" text handler sees both), to the first <h1>, and to the
    // JSON-LD script being read.
    let (title_state, h1s) = (
        Rc::new(Cell::new(TitleState::Before)),
        Rc::new(Cell::new(0u32)),
    );
    let (title_text, h1s_text) = (title_state.clone(), h1s.clone());
    let svgs = Rc::new(Cell::new(0u32));
    let svgs_title = svgs.clone();
    let [s1, s2, s3, s4, s5, s6, s7, s8, s9, s10] = std::array::from_fn(|_| state.clone());
    let element_langs = langs.clone();
    let settings = Settings {
        element_content_handlers: vec![
            // Registered first: an element's own `lang` is on the stack when later handlers run.
            langs.handler(),
            element!("html", move |el| {
                let mut s = s1.borrow_mut();
                s.html_lang = el.get_attribute("lang").map(|l| decode(&l));
                s.ignored |= el.has_attribute("data-related-articles-ignore");
                Ok(())
            }),
            element!("body", move |el| {
                s2.borrow_mut().ignored |= el.has_attribute("data-related-articles-ignore");
                Ok(())
            }),
            element!("meta", move |el| {
                let get = |n: &str| el.get_attribute(n).map(|v| decode(&v));
                s3.borrow_mut().metas.push(MetaTag {
                    property: get("property"),
                    name: get("name"),
                    http_equiv: get("http-equiv"),
                    content: get("content"),
                });
                Ok(())
            }),
            element!("link[rel]", move |el| {
                let rel = el.get_attribute("rel").unwrap_or_default();
                let canonical = rel
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"));
                let mut s = s4.borrow_mut();
                if canonical && s.canonical.is_none() {
                    s.canonical = Some(el.get_attribute("href").map(|h| decode(&h)));
                }
                Ok(())
            }),
            element!("base[href]", move |el| {
                let mut s = s5.borrow_mut();
                if s.base.is_none() {
                    s.base = el.get_attribute("href").map(|h| decode(&h));
                }
                Ok(())
            }),
            element!(r#"script[type="application/ld+json" i]"#, move |_| {
                s6.borrow_mut().json_ld.push(String::new());
                Ok(())
            }),
            // Script text is raw: no references to decode.
            text!(r#"script[type="application/ld+json" i]"#, move |t| {
                if let Some(last) = s7.borrow_mut().json_ld.last_mut() {
                    last.push_str(t.as_str());
                }
                Ok(())
            }),
            // An <svg> keeps its own <title>s; lol_html gives them the HTML namespace, so the
            // reader counts the open <svg> elements itself.
            element!("svg", move |el| {
                let closed = svgs.clone();
                // A self-closing <svg/> has no end tag, and holds nothing.
                if let Some(handlers) = el.end_tag_handlers() {
                    let end: lol_html::EndTagHandler<'static> = Box::new(move |_| {
                        closed.set(closed.get().saturating_sub(1));
                        Ok(())
                    });
                    handlers.push(end);
                    svgs.set(svgs.get() + 1);
                }
                Ok(())
            }),
            element!("title", move |el| {
                if svgs_title.get() == 0 && title_state.get() == TitleState::Before {
                    title_state.set(TitleState::Reading);
                    let done = title_state.clone();
                    if let Some(handlers) = el.end_tag_handlers() {
                        let end: lol_html::EndTagHandler<'static> = Box::new(move |_| {
                            done.set(TitleState::Done);
                            Ok(())
                        });
                        handlers.push(end);
                    }
                }
                Ok(())
            }),
            text!("title", move |t| {
                if title_text.get() == TitleState::Reading {
                    let mut s = s8.borrow_mut();
                    s.title.get_or_insert_with(String::new).push_str(t.as_str());
                }
                Ok(())
            }),
            element!("h1", move |_| {
                h1s.set(h1s.get() + 1);
                Ok(())
            }),
            text!("h1", move |t| {
                if h1s_text.get() == 1 {
                    let mut s = s9.borrow_mut();
                    s.h1.get_or_insert_with(String::new).push_str(t.as_str());
                }
                Ok(())
            }),
            element!("related-articles", move |el| {
                let mut s = s10.borrow_mut();
                if s.element.is_none() {
                    s.element = Some(Element {
                        attributes: el
                            .attributes()
                            .iter()
                            .map(|a| (a.name(), decode(&a.value())))
                            .collect(),
                        lang: element_langs.current(),
                    });
                }
                Ok(())
            }),
        ],
        strict: false,
        adjust_charset_on_meta_tag: true,
        ..Settings::new()
    };
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(html)?;
    rewriter.end()?;
    let mut collected = state.take();
    // Raw text of <title> and <h1> still holds references (`&amp;`): decode once, at the end,
    // since a reference may be split across chunks.
    collected.title = collected.title.as_deref().map(decode);
    collected.h1 = collected.h1.as_deref().map(decode);
    collected.html_lang = collected.html_lang.as_deref().and_then(nonempty);
    Ok(collected)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::{read_page, Page};

    fn title(html: &str) -> String {
        match read_page(html.as_bytes(), "a.html", None).unwrap() {
            Page::Article(a) => a.article.title,
            Page::Skipped(s) => panic!("{s:?}"),
        }
    }

    #[test]
    fn the_title_is_the_first_html_title_only() {
        let og = r#"<meta property="og:type" content="article">"#;
        assert_eq!(
            title(&format!(
                "<title>Page</title>{og}<svg><title>Icon</title></svg>"
            )),
            "Page"
        );
        assert_eq!(
            title(&format!(
                "{og}<svg><title>Icon</title></svg><title>Page</title>"
            )),
            "Page"
        );
        assert_eq!(
            title(&format!("<title>One</title><title>Two</title>{og}")),
            "One"
        );
        assert_eq!(
            title(&format!("<title>A &amp;lt; B</title>{og}")),
            "A &lt; B"
        );
        assert_eq!(
            title(&format!(
                "{og}<h1> Tom &amp; <b>Jerry</b> </h1><h1>Second</h1>"
            )),
            "Tom & Jerry"
        );
    }

    #[test]
    fn languages_follow_the_nearest_open_element() {
        let lang = |body: &str| match read_page(
            format!("<html lang=en><meta property=og:type content=article><title>t</title>{body}")
                .as_bytes(),
            "a.html",
            None,
        )
        .unwrap()
        {
            Page::Article(a) => a.list_lang,
            Page::Skipped(s) => panic!("{s:?}"),
        };
        assert_eq!(
            lang("<related-articles></related-articles>").as_deref(),
            Some("en")
        );
        assert_eq!(
            lang("<div lang=fr><related-articles></related-articles></div>").as_deref(),
            Some("fr")
        );
        assert_eq!(
            lang("<div lang=fr></div><related-articles></related-articles>").as_deref(),
            Some("en")
        );
        assert_eq!(
            lang("<div lang=fr><p lang=de>x</div><related-articles></related-articles>").as_deref(),
            Some("en")
        );
        assert_eq!(
            lang("<img lang=fr><related-articles></related-articles>").as_deref(),
            Some("en")
        );
        assert_eq!(
            lang("<related-articles lang=' nl '></related-articles>").as_deref(),
            Some("nl")
        );
        assert_eq!(
            lang("<div lang=''><related-articles></related-articles></div>"),
            None
        );
    }
}
