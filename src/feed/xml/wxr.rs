//! WordPress exports (WXR, "WordPress eXtended RSS"): RSS 2.0 whose items are every post, page,
//! attachment, menu item and block of a site, whatever its status. Native only (the archive
//! build reads them; the widget never does), on the same tree and item mapping as RSS.
//!
//! Only published posts count (`wp:post_type` post, `wp:status` publish, no password); the
//! rest are skipped and counted by reason. Over plain RSS: the category is the first
//! `<category domain="category">` (WordPress's default "Uncategorized" is no category), tags
//! are the `domain="post_tag"` ones (other taxonomies, such as post formats, are left out), the
//! summary is the excerpt (`excerpt:encoded`) else the content cut short, and the date is
//! `wp:post_date_gmt` else `pubDate`.

use super::fields::RSS_ITEM;
use super::tree::{read, Doc, Node, Ns};
use crate::article::{Loose, Tags};
use crate::date::is_iso_date;
use crate::feed::lang::{lang_of, normalize_lang};
use crate::feed::{decode, Feed, FeedContext, FeedError, Format};
use crate::text::html::html_to_text;

/// A WordPress export: its published posts as a feed, and the items it skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct Wxr {
    /// The published posts, as any feed's entries (positions count the posts only).
    pub feed: Feed,
    /// The items that are not published posts, in document order.
    pub skipped: Vec<WxrSkip>,
}

/// An item of an export that is not a published post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WxrSkip {
    /// The 1-based line on which the item starts.
    pub line: usize,
    /// Why: `post_type:<type>` (`post_type:page`, `post_type:attachment`,
    /// `post_type:nav_menu_item`…), `status:<status>` (`status:draft`, `status:private`…), or
    /// `password` (a published post behind a password).
    pub reason: String,
}

/// Whether `bytes` look like a WordPress export: the WXR namespace is declared near the start.
///
/// ```
/// use related_articles::feed::is_wxr;
/// assert!(is_wxr(br#"<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">"#));
/// assert!(!is_wxr(br#"<rss version="2.0"><channel>"#));
/// ```
pub fn is_wxr(bytes: &[u8]) -> bool {
    let head = bytes.get(..64 * 1024).unwrap_or(bytes);
    let needle = b"wordpress.org/export/";
    head.windows(needle.len()).any(|w| w == needle)
}

/// Reads a WordPress export (any size: this runs natively, not in a reader's browser).
///
/// ```
/// use related_articles::feed::{parse_wxr, FeedContext};
/// let wxr = br#"<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"
///   xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
/// <channel><wp:wxr_version>1.2</wp:wxr_version><language>en-US</language>
/// <item><title>Hello</title><link>https://example.com/hello/</link>
///   <content:encoded><![CDATA[<p>The body.</p>]]></content:encoded>
///   <excerpt:encoded><![CDATA[The excerpt.]]></excerpt:encoded>
///   <wp:post_date_gmt>2025-07-19 08:00:00</wp:post_date_gmt>
///   <wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
///   <category domain="category" nicename="news"><![CDATA[News]]></category>
///   <category domain="post_tag" nicename="cats"><![CDATA[Cats]]></category></item>
/// <item><title>Draft</title><wp:status>draft</wp:status><wp:post_type>post</wp:post_type></item>
/// <item><title>About</title><wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>
/// </channel></rss>"#;
/// let read = parse_wxr(wxr, &FeedContext::default()).unwrap();
/// let (post, _) = read.feed.entries[0].as_ref().unwrap();
/// assert_eq!((post.title.as_str(), post.summary.as_str()), ("Hello", "The excerpt."));
/// assert_eq!((post.category.as_deref(), post.tags.as_slice()), (Some("News"), &["Cats".to_string()][..]));
/// assert_eq!((post.date.as_deref(), post.lang.as_deref()), (Some("2025-07-19T08:00:00Z"), Some("en-US")));
/// assert_eq!(read.feed.entries.len(), 1);
/// let reasons: Vec<&str> = read.skipped.iter().map(|s| s.reason.as_str()).collect();
/// assert_eq!(reasons, ["status:draft", "post_type:page"]);
/// assert_eq!(read.skipped[0].line, 11);
/// ```
pub fn parse_wxr(bytes: &[u8], ctx: &FeedContext) -> Result<Wxr, FeedError> {
    let decoded = decode(bytes, ctx.content_type);
    let text = decoded.text.as_str();
    let doc = read(text, ctx.base_url);
    let root = doc
        .roots
        .first()
        .copied()
        .filter(|&r| doc.node(r).name == "rss")
        .ok_or_else(|| {
            FeedError::NotAFeed("a WordPress export is an <rss> document, and this is not".into())
        })?;
    let (channel, items) = doc.channel_and_items(root);
    let feed_lang = channel
        .and_then(|c| doc.first_text(c, &|k| k.ns.core() && k.name == "language"))
        .and_then(|l| lang_of(&l));
    let default_lang = feed_lang
        .clone()
        .or_else(|| ctx.page_lang.map(normalize_lang));
    let mut lines = Lines {
        text,
        line: 1,
        at: 0,
    };
    let (mut entries, mut entry_lines, mut skipped) = (Vec::new(), Vec::new(), Vec::new());
    for item in items {
        let node = doc.node(item);
        let line = lines.at(node.start);
        if let Some(reason) = skip_reason(&doc, item) {
            skipped.push(WxrSkip { line, reason });
            continue;
        }
        let mut entry = doc.item(item, &RSS_ITEM);
        if entry.raw.lang.is_none() {
            entry.raw.lang = default_lang.clone().map(Loose::Text);
        }
        let (category, tags) = taxonomies(&doc, node);
        entry.raw.category = category.map(Loose::Text);
        entry.raw.tags = (!tags.is_empty()).then_some(Tags::texts(tags));
        let excerpt = wp_text(&doc, item, "excerpt", "encoded", true);
        if let Some(excerpt) = excerpt.filter(|e| !html_to_text(e).is_empty()) {
            entry.raw.summary = Some(Loose::Text(excerpt));
        }
        if let Some(date) = wp_text(&doc, item, "wp", "post_date_gmt", false).and_then(gmt_date) {
            entry.raw.date = Some(Loose::Text(date));
            entry.bad_date = None;
        }
        entry_lines.push(line);
        entries.push(entry.validate(entries.len()));
    }
    Ok(Wxr {
        feed: Feed {
            format: Format::Rss2,
            encoding: decoded.encoding,
            lang: feed_lang,
            entries,
            lines: entry_lines,
            truncated: doc.unclosed,
        },
        skipped,
    })
}

/// Line numbers of ascending byte offsets, counted on from the previous one.
struct Lines<'t> {
    text: &'t str,
    line: usize,
    at: usize,
}

impl Lines<'_> {
    fn at(&mut self, offset: usize) -> usize {
        let offset = offset.max(self.at);
        let newlines = self.text.as_bytes().get(self.at..offset);
        self.line += newlines.map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count());
        self.at = offset;
        self.line
    }
}

/// Why an item is not a published post, or `None` when it is one.
fn skip_reason(doc: &Doc, item: usize) -> Option<String> {
    let post_type = wp_text(doc, item, "wp", "post_type", false).unwrap_or_default();
    let status = wp_text(doc, item, "wp", "status", false).unwrap_or_default();
    let password = wp_text(doc, item, "wp", "post_password", false).unwrap_or_default();
    if post_type != "post" {
        Some(format!("post_type:{post_type}"))
    } else if status != "publish" {
        Some(format!("status:{status}"))
    } else if !password.is_empty() {
        Some("password".into())
    } else {
        None
    }
}

/// The first non-empty `prefix:name` child of an item: as HTML (`html`) or as plain text.
fn wp_text(doc: &Doc, item: usize, prefix: &str, name: &str, html: bool) -> Option<String> {
    doc.node(item)
        .children
        .iter()
        .map(|&c| doc.node(c))
        .filter(|n| n.ns == Ns::Other && n.name == name && has_prefix(doc, n, prefix))
        .map(|n| if html { doc.html(n) } else { doc.text(n) })
        .find(|v| !v.trim().is_empty())
}

/// Whether an element is written with this prefix (`<wp:status>`). WordPress always writes its
/// namespaces with the same prefixes, and the tree keeps no namespace URI for other vocabularies.
fn has_prefix(doc: &Doc, n: &Node, prefix: &str) -> bool {
    doc.src
        .get(n.start + 1..)
        .and_then(|tag| tag.strip_prefix(prefix))
        .is_some_and(|rest| rest.starts_with(':'))
}

/// The category (the first `domain="category"` but "Uncategorized") and the tags
/// (`domain="post_tag"`, in order, without repeats), as HTML for validation.
fn taxonomies(doc: &Doc, item: &Node) -> (Option<String>, Vec<String>) {
    let (mut category, mut tags) = (None, Vec::<String>::new());
    for n in item.children.iter().map(|&c| doc.node(c)) {
        if !(n.ns.core() && n.name == "category") {
            continue;
        }
        // HTML, as WordPress stores term names escaped (`Soil &amp; Compost`, even in CDATA).
        let value = doc.text(n);
        if value.is_empty() {
            continue;
        }
        match n.attr("domain") {
            Some("category")
                if category.is_none() && n.attr("nicename") != Some("uncategorized") =>
            {
                category = Some(value)
            }
            Some("post_tag") if !tags.contains(&value) => tags.push(value),
            _ => {}
        }
    }
    (category, tags)
}

/// `wp:post_date_gmt` (`2025-07-19 08:00:00`, UTC) as ISO 8601; `None` for WordPress's "no
/// date" (`0000-00-00 00:00:00`) and anything else that is not a date.
fn gmt_date(text: String) -> Option<String> {
    let (day, time) = text.trim().split_once(' ')?;
    let iso = format!("{day}T{time}Z");
    (is_iso_date(&iso) && !day.starts_with("0000")).then_some(iso)
}
