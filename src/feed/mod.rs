//! Publishers' feeds to articles: RSS 0.9x, 1.0 (RDF) and 2.0, Atom 0.3 and 1.0, JSON Feed 1.0
//! and 1.1, and a plain JSON array of article objects, recognised from the bytes alone.
//!
//! One parser serves the widget (in wasm, on the feed bytes the page fetched) and the CLI, so a
//! publisher checking a feed with `related-articles parse` sees exactly the articles the widget
//! will rank. It is lenient the way browsers and feed readers are (feeds in the wild are often
//! not well-formed, mis-declare their encoding, escape HTML twice), because a reader on the page
//! never sees those faults and would not understand a widget that did. It must also never panic:
//! in the browser a panic aborts the wasm module, and the widget with it.
//!
//! Every entry becomes a [`RawArticle`] and goes through [`RawArticle::validate`], so feed text
//! obeys the same rules as any other input (one HTML-to-text rule, http(s) URLs only, ISO 8601
//! dates). What is feed-specific happens before: choosing among a feed's many fields, resolving
//! relative links against `xml:base` or the feed's URL, reading RFC 822 dates, and falling back
//! to the feed's language. See `docs/feeds.md` for the field mapping, and [`parse`] for examples.

mod decode;
mod json;
mod lang;
mod platform;
mod url;
mod xml;

use std::fmt;

use serde::Serialize;

use crate::article::{
    is_http_url, is_language_tag, Article, Loose, RawArticle, Rejected, Tags, Warning,
};
use crate::date::is_iso_date;
use crate::message::decimal;
use crate::text::html::html_to_text;

/// Feed dates to ISO 8601 live with the one date validator, in [`crate::date`].
pub use crate::date::parse_date;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use decode::decode;
pub use decode::{decode_on, Decoded};
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use platform::Native;
pub use platform::Platform;
pub use url::resolve_url;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use xml::wxr::{is_wxr, parse_wxr, Wxr, WxrSkip};

/// The largest feed read, in bytes. Feeds are rarely over a few megabytes; the cap bounds the
/// memory a hostile or broken one can take in the reader's browser.
pub const MAX_FEED_BYTES: usize = 16 * 1024 * 1024;

/// When the summary comes from an entry's full content, it is cut to about this many characters
/// (at a word boundary, with `…`): enough to rank and to show, not a whole article per entry.
pub const SUMMARY_FROM_CONTENT_CHARS: usize = 500;

/// What the caller knows about the feed besides its bytes. Every field is optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeedContext<'a> {
    /// The URL the feed was fetched from: relative links resolve against it (after `xml:base`).
    pub base_url: Option<&'a str>,
    /// The HTTP `Content-Type` header, for its `charset` (which beats the XML declaration).
    pub content_type: Option<&'a str>,
    /// The page's language (`<html lang>`), for entries when the feed names none.
    pub page_lang: Option<&'a str>,
}

/// The kinds of feed recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// RSS 2.0 (and `<rss>` without a version).
    Rss2,
    /// RSS 0.90 to 0.94, including RDF-based 0.90 and UserLand's bare `<channel>`.
    Rss09,
    /// RSS 1.0 (RDF).
    Rss1,
    /// Atom 1.0 (RFC 4287).
    Atom1,
    /// Atom 0.3, the pre-standard draft.
    Atom03,
    /// JSON Feed 1.0 or 1.1.
    JsonFeed,
    /// A JSON array of article objects, the fields of [`RawArticle`].
    JsonArray,
}

impl Format {
    /// A short name: `rss2.0`, `rss0.9x`, `rss1.0`, `atom1.0`, `atom0.3`, `jsonfeed`, `json`.
    ///
    /// ```
    /// assert_eq!(related_articles::feed::Format::Atom1.name(), "atom1.0");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Format::Rss2 => "rss2.0",
            Format::Rss09 => "rss0.9x",
            Format::Rss1 => "rss1.0",
            Format::Atom1 => "atom1.0",
            Format::Atom03 => "atom0.3",
            Format::JsonFeed => "jsonfeed",
            Format::JsonArray => "json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Format {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A parsed feed: its entries in document order, each an article (with the warnings about
/// fields dropped from it) or the reason it was rejected.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// The kind of feed.
    pub format: Format,
    /// The encoding the bytes were read with (WHATWG name, lower-case).
    pub encoding: String,
    /// The feed's language (`<language>`, `xml:lang`, JSON Feed `language`), when it names one.
    pub lang: Option<String>,
    /// One result per entry, in document order; positions count from 0.
    pub entries: Vec<Result<(Article, Vec<Warning>), Rejected>>,
    /// The 1-based line of the document on which each entry starts, for messages (JSON entries
    /// all report line 1 on a [`Platform`] without [`Platform::JSON_LINES`]: the widget's).
    pub lines: Vec<usize>,
    /// Whether the XML document ends before its root element closes. That is what a cut-off
    /// file looks like (a size limit, an interrupted upload): the entries before the cut are
    /// kept, and the ones after it are missing, so the publisher should hear of it. (Truncated
    /// JSON is not valid JSON, and so not a feed at all.)
    pub truncated: bool,
}

impl Feed {
    /// The articles, in document order.
    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.entries
            .iter()
            .filter_map(|e| e.as_ref().ok().map(|(a, _)| a))
    }

    /// The entries that were rejected.
    pub fn rejected(&self) -> impl Iterator<Item = &Rejected> {
        self.entries.iter().filter_map(|e| e.as_ref().err())
    }

    /// The warnings about fields dropped from kept entries.
    pub fn warnings(&self) -> impl Iterator<Item = &Warning> {
        self.entries
            .iter()
            .filter_map(|e| e.as_ref().ok())
            .flat_map(|(_, w)| w)
    }
}

/// Why bytes could not be read as a feed at all. (A bad entry is not an error: it is rejected,
/// and the others are kept.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedError {
    /// More than [`MAX_FEED_BYTES`].
    TooLarge {
        /// The size given.
        size: usize,
    },
    /// Not RSS, Atom, JSON Feed or a JSON array of articles; the reason, for a person.
    NotAFeed(String),
}

impl FeedError {
    /// The message for a person, as `Display` prints it.
    ///
    /// ```
    /// use related_articles::feed::FeedError;
    /// let e = FeedError::TooLarge { size: 20_000_000 };
    /// assert_eq!(e.message(), "the feed is 20000000 bytes, over the limit of 16777216");
    /// assert_eq!(e.message(), e.to_string());
    /// ```
    pub fn message(&self) -> String {
        match self {
            FeedError::TooLarge { size } => crate::cat!(
                "the feed is ",
                decimal(*size as i64),
                " bytes, over the limit of ",
                decimal(MAX_FEED_BYTES as i64)
            ),
            FeedError::NotAFeed(reason) => crate::cat!("not a feed: ", reason),
        }
    }
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for FeedError {}

/// Reads a feed: decodes the bytes (see [`decode`]), recognises the format, and maps and
/// validates every entry. Fails only when the bytes are not a feed at all.
///
/// ```
/// use related_articles::feed::{parse, FeedContext, Format};
///
/// let rss = br#"<?xml version="1.0" encoding="utf-8"?>
/// <rss version="2.0"><channel><language>en</language>
///   <item><title>Tom &amp;amp; Jerry</title><link>/cartoons/1</link>
///     <description><![CDATA[<p>A <b>classic</b> duo.</p>]]></description>
///     <pubDate>Sat, 19 Jul 2025 10:00:00 +0200</pubDate><category>Animation</category></item>
///   <item><title>No date</title><pubDate>someday</pubDate></item>
///   <item><link>https://example.com/only-a-link</link></item>
/// </channel></rss>"#;
/// let ctx = FeedContext { base_url: Some("https://example.com/feed.xml"), ..Default::default() };
/// let feed = parse(rss, &ctx).unwrap();
/// assert_eq!(feed.format, Format::Rss2);
/// assert_eq!(feed.lang.as_deref(), Some("en"));
///
/// let (first, warnings) = feed.entries[0].as_ref().unwrap();
/// assert_eq!(first.title, "Tom & Jerry");
/// assert_eq!(first.summary, "A classic duo.");
/// assert_eq!(first.url.as_deref(), Some("https://example.com/cartoons/1"));
/// assert_eq!(first.date.as_deref(), Some("2025-07-19T08:00:00Z"));
/// assert_eq!((first.category.as_deref(), first.lang.as_deref()), (Some("Animation"), Some("en")));
/// assert!(warnings.is_empty());
///
/// let (second, warnings) = feed.entries[1].as_ref().unwrap();
/// assert_eq!(second.date, None); // dropped, with a warning; the entry is kept
/// assert_eq!((warnings[0].field, warnings[0].position), ("date", 1));
///
/// let rejected = feed.entries[2].as_ref().unwrap_err(); // no title, no summary
/// assert_eq!(rejected.position, 2);
/// assert_eq!(feed.lines, [3, 6, 7]);
///
/// assert!(parse(b"<html><body>Not a feed</body></html>", &FeedContext::default()).is_err());
/// ```
///
/// ```
/// use related_articles::feed::{parse, FeedContext, FeedError, Format};
/// let ctx = FeedContext::default();
/// let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr" xml:base="https://example.org/blog/">
///   <entry><title type="html">&lt;em&gt;Salut&lt;/em&gt;</title><link href="2025/salut"/>
///   <updated>2025-07-19T10:00:00+02:00</updated><category term="news" label="Actualités"/></entry></feed>"#;
/// let feed = parse(atom.as_bytes(), &ctx).unwrap();
/// let (a, _) = feed.entries[0].as_ref().unwrap();
/// assert_eq!((feed.format, a.title.as_str()), (Format::Atom1, "Salut"));
/// assert_eq!(a.url.as_deref(), Some("https://example.org/blog/2025/salut"));
/// assert_eq!((a.lang.as_deref(), a.category.as_deref()), (Some("fr"), Some("Actualités")));
///
/// let json = br#"{"version": "https://jsonfeed.org/version/1.1", "items": [
///   {"id": "1", "title": "a <b> c", "content_html": "<p>Body</p>", "date_published": "2025-07-19T08:00:00Z"}]}"#;
/// let feed = parse(json, &ctx).unwrap();
/// let (a, _) = feed.entries[0].as_ref().unwrap();
/// assert_eq!((feed.format, a.title.as_str(), a.summary.as_str()), (Format::JsonFeed, "a <b> c", "Body"));
///
/// assert_eq!(parse(b"[]", &ctx).unwrap().format, Format::JsonArray);
/// assert!(matches!(parse(b"", &ctx), Err(FeedError::NotAFeed(_))));
/// assert!(matches!(parse(b"hello", &ctx), Err(FeedError::NotAFeed(_))));
/// assert!(matches!(parse(b"{\"a\": 1}", &ctx), Err(FeedError::NotAFeed(_))));
/// ```
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub fn parse(bytes: &[u8], ctx: &FeedContext) -> Result<Feed, FeedError> {
    parse_on(&Native, bytes, ctx)
}

/// [`parse`], with the JSON parser and decoders of `platform`.
pub fn parse_on<P: Platform>(
    platform: &P,
    bytes: &[u8],
    ctx: &FeedContext,
) -> Result<Feed, FeedError> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(FeedError::TooLarge { size: bytes.len() });
    }
    let decoded = decode_on(platform, bytes, ctx.content_type);
    parse_decoded(platform, &decoded.text, decoded.encoding, ctx)
}

/// Reads a feed that is text already (a JS string, a file read as text): nothing is decoded
/// again, so its XML `encoding` declaration and any `charset` in [`FeedContext::content_type`]
/// are ignored, and a leading byte order mark (U+FEFF) is dropped. [`Feed::encoding`] is
/// `utf-8`, the text's own. Otherwise as [`parse`], and the same [`MAX_FEED_BYTES`] limit holds
/// (counted in UTF-8 bytes).
///
/// ```
/// use related_articles::feed::{parse, parse_text, FeedContext};
/// let rss = "\u{feff}<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\
///     <rss version=\"2.0\"><channel><item><title>Café</title></item></channel></rss>";
/// let ctx = FeedContext { content_type: Some("application/rss+xml; charset=iso-8859-1"), ..Default::default() };
/// let feed = parse_text(rss, &ctx).unwrap();
/// assert_eq!(feed.articles().next().unwrap().title, "Café");
/// assert_eq!(feed.encoding, "utf-8");
/// // The same text as bytes without the BOM is decoded as it declares: UTF-8 read as
/// // windows-1252 (what `parseFeed` did to strings before they took this path).
/// let bytes = rss.strip_prefix('\u{feff}').unwrap().as_bytes();
/// let feed = parse(bytes, &FeedContext::default()).unwrap();
/// assert_eq!(feed.articles().next().unwrap().title, "CafÃ©");
/// assert!(parse_text("", &ctx).is_err());
/// ```
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub fn parse_text(text: &str, ctx: &FeedContext) -> Result<Feed, FeedError> {
    parse_text_on(&Native, text, ctx)
}

/// [`parse_text`], with the JSON parser of `platform`.
pub fn parse_text_on<P: Platform>(
    platform: &P,
    text: &str,
    ctx: &FeedContext,
) -> Result<Feed, FeedError> {
    if text.len() > MAX_FEED_BYTES {
        return Err(FeedError::TooLarge { size: text.len() });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    parse_decoded(platform, text, "utf-8".into(), ctx)
}

/// Recognises the format of decoded text, and maps and validates every entry.
fn parse_decoded<P: Platform>(
    platform: &P,
    text: &str,
    encoding: String,
    ctx: &FeedContext,
) -> Result<Feed, FeedError> {
    let mut lines = Vec::new();
    let mut entries = Vec::new();
    let (mut line, mut at) = (1, 0);
    // Each entry as the format's mapping yields it: its line (offsets ascend, so lines are
    // counted on from the previous entry's) and its validation. No list of unvalidated entries
    // is built, nor the code to collect and walk one per format.
    let mut sink = |e: Entry| {
        let offset = e.offset.max(at);
        line += text
            .as_bytes()
            .get(at..offset)
            .map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count());
        at = offset;
        lines.push(line);
        entries.push(e.validate(entries.len()));
    };
    let (format, lang, truncated) = match text.trim_start().chars().next() {
        None => return Err(FeedError::NotAFeed("the document is empty".into())),
        Some('<') => xml::parse(text, ctx, &mut sink)?,
        Some('{' | '[') => {
            let (format, lang) = json::parse(platform, text, ctx, &mut sink)?;
            (format, lang, false)
        }
        Some(_) => return Err(FeedError::NotAFeed("it is neither XML nor JSON".into())),
    };
    let lang = lang.filter(|l| is_language_tag(l));
    Ok(Feed {
        format,
        encoding,
        lang,
        entries,
        lines,
        truncated,
    })
}

/// An entry before validation: the record, a date that could not be read, and where it starts.
pub(crate) struct Entry {
    raw: RawArticle,
    bad_date: Option<String>,
    offset: usize,
    /// Why the entry could not be read as a record at all (a JSON item that is not an object).
    unreadable: Option<String>,
}

impl Entry {
    fn validate(self, position: usize) -> Result<(Article, Vec<Warning>), Rejected> {
        if let Some(reason) = self.unreadable {
            return Err(Rejected {
                position,
                id: None,
                reason: crate::cat!("not a valid article object: ", reason),
            });
        }
        let (article, mut warnings) = self.raw.validate(position)?;
        if let Some(date) = self.bad_date {
            warnings.push(Warning {
                position,
                id: article.id.clone(),
                field: "date",
                reason: crate::cat!("\"", date, "\" is not an RFC 822 or RFC 3339 date"),
            });
        }
        Ok((article, warnings))
    }
}

/// The best candidate for a field among several elements: lower rank wins, then document order.
#[derive(Default)]
pub(crate) struct Slot(Option<(u8, String)>);

impl Slot {
    fn offer(&mut self, rank: u8, value: Option<String>) {
        let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
            return;
        };
        if !matches!(&self.0, Some((r, _)) if *r <= rank) {
            self.0 = Some((rank, value));
        }
    }

    fn take(self) -> Option<String> {
        self.0.map(|(_, v)| v)
    }
}

/// What a format's mapping found for an entry. Text fields are HTML (plain text escaped), as
/// [`RawArticle::validate`] reduces them to text.
pub(crate) struct Parts {
    id: Option<String>,
    url: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    content: Option<String>,
    categories: Vec<String>,
    /// Candidate dates with their rank (lower is preferred).
    dates: Vec<(u8, String)>,
    lang: Option<String>,
    image: Option<String>,
    line_offset: usize,
}

/// Builds the record: the summary, else the content cut to a summary; the first category, the
/// rest as tags; the best date that can be read.
pub(crate) fn entry(p: Parts) -> Entry {
    let summary = match p.summary {
        Some(s) if !html_to_text(&s).is_empty() => Some(s),
        other => p
            .content
            .map(|c| escape_text(&truncate(&html_to_text(&c))))
            .or(other),
    };
    // Escaped as they are collected: escaping is one-to-one, so duplicates are the same either
    // way, and no second list is built.
    let mut tags: Vec<Loose> = Vec::new();
    for c in p.categories {
        let c = Loose::Text(escape_text(c.trim()));
        if c != Loose::Text(String::new()) && !tags.contains(&c) {
            tags.push(c);
        }
    }
    let category = (!tags.is_empty()).then(|| tags.remove(0));
    let (date, bad_date) = best_date(p.dates);
    Entry {
        raw: RawArticle {
            id: p.id.map(|s| Loose::Text(s.trim().to_owned())),
            url: p.url.map(Loose::Text),
            title: p.title.map(Loose::Text),
            summary: summary.map(Loose::Text),
            category,
            tags: (!tags.is_empty()).then_some(Tags::List(tags)),
            date: date.map(Loose::Text),
            lang: p.lang.map(Loose::Text),
            image: p.image.map(Loose::Text),
        },
        bad_date,
        offset: p.line_offset,
        unreadable: None,
    }
}

/// The preferred date that parses; else the preferred one's text, to warn about.
fn best_date(dates: Vec<(u8, String)>) -> (Option<String>, Option<String>) {
    // Slots, as for the other fields: the lower rank wins, then the earlier date.
    let mut best = Slot::default();
    let mut bad = Slot::default();
    for (rank, date) in dates {
        let date = date.trim();
        match parse_date(date) {
            Some(iso) => best.offer(rank, Some(iso)),
            None => bad.offer(rank, Some(date.to_owned())),
        }
    }
    match best.take() {
        Some(date) => (Some(date), None),
        None => (None, bad.take()),
    }
}

/// Escapes plain text so that [`html_to_text`] gives it back (whitespace collapsed).
///
/// ```
/// use related_articles::{feed::escape_text, text::html::html_to_text};
/// let text = "if a<b && c>d then <b>bold</b> &amp;";
/// assert_eq!(html_to_text(&escape_text(text)), text);
/// ```
pub fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// Cuts text to about [`SUMMARY_FROM_CONTENT_CHARS`] at a word boundary, adding `…`.
fn truncate(text: &str) -> String {
    shorten(text, SUMMARY_FROM_CONTENT_CHARS)
}

/// Text cut to at most `max_chars` characters plus `…`, at the last space of the second half
/// of the cut when there is one (else mid-word), without trailing punctuation; text that fits is
/// returned as it is. The one shortening rule for summaries: feed content and archive lists.
///
/// ```
/// use related_articles::feed::shorten;
/// assert_eq!(shorten("Short enough", 12), "Short enough");
/// assert_eq!(shorten("One two three, four", 15), "One two three…");
/// assert_eq!(shorten("Supercalifragilistic", 5), "Super…");
/// assert_eq!(shorten("Ça va très bien", 9), "Ça va…"); // characters, not bytes
/// assert_eq!(shorten("anything", 0), "…");
/// ```
pub fn shorten(text: &str, max_chars: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max_chars) else {
        return text.to_owned();
    };
    let head = text.get(..cut).unwrap_or(text);
    // Bytes, not `rfind(' ')`: the char search links memrchr for this one call. A space byte
    // is always a char boundary.
    let head = match head.bytes().rposition(|b| b == b' ') {
        Some(space) if space > cut / 2 => head.get(..space).unwrap_or(head),
        _ => head,
    };
    crate::cat!(head.trim_end_matches([' ', ',', ';', ':', '.', '-']), "…")
}

/// Resolves a URL field against the feed's URL (JSON formats have no `xml:base`).
fn resolve_loose(value: Option<Loose>, base: Option<&str>) -> Option<Loose> {
    match (value, base) {
        (Some(Loose::Text(u)), Some(base)) if !u.trim().is_empty() && !is_http_url(u.trim()) => {
            Some(Loose::Text(resolve_url(base, &u).unwrap_or(u)))
        }
        (value, _) => value,
    }
}

/// A date given in a JSON array: kept as given when it is ISO 8601 already (as everywhere else
/// records are read), converted when it is an RFC 822 or RFC 3339 date that is not.
fn lenient_date(value: Option<Loose>) -> Option<Loose> {
    match value {
        Some(Loose::Text(d)) if !is_iso_date(d.trim()) => {
            Some(Loose::Text(parse_date(&d).unwrap_or(d)))
        }
        other => other,
    }
}
