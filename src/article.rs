//! The article model: what a record may hold, how it is validated, and why one is rejected.
//!
//! Records arrive from publishers' feeds and JSON, and from JS through the wasm boundary; both
//! read into the same [`RawArticle`], so one set of rules holds on every path:
//!
//! - `id` is text, or a whole number (kept as its decimal text: `12345` is the id `"12345"`).
//!   Anything else, or a blank id, is replaced by a derived one (the URL, else a hash of title and
//!   date) with a [`Warning`] that says so.
//! - Every other field (`url`, `title`, `summary`, `category`, `date`, `lang`, `image`, each tag)
//!   is text only: a number, boolean, list or object is dropped with a warning naming what was
//!   found. `tags` is a list of texts, or one comma-separated string.
//! - `link`, `description` and `language` are aliases of `url`, `summary` and `lang`; when a
//!   record gives both names, the field's own name wins.
//!
//! The validated side ([`Article`]) is strict: text is plain text, URLs are absolute http(s),
//! dates are ISO 8601. A field that is present but unusable is dropped with a [`Warning`] and the
//! record is kept; a record with no usable title and no usable summary is a [`Rejected`] one,
//! and the reason says what each of the two held.

use serde::{Deserialize, Serialize};

use crate::date::is_iso_date;
use crate::limits::{cut, FIELD_BYTES, FIELD_CUT, FIELD_DROPPED, FIELD_ID, TAGS};
use crate::message::decimal;
use crate::text::html::{collapse_whitespace, html_to_text};

mod json;
pub use json::JsonValue;
pub(crate) use json::{field, tags};

/// A validated article: the unit the index ranks and the shape results are reported in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: the given `id`, else the URL, else a hash of title and date.
    pub id: String,
    /// Absolute http(s) URL of the article, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Title as plain text (may be empty when the summary is not).
    #[serde(default)]
    pub title: String,
    /// Summary as plain text (may be empty when the title is not).
    #[serde(default)]
    pub summary: String,
    /// Editorial category ("Political history").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Tags, in the order given, without empties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// ISO 8601 date (`2025-07-19`) or date-time (`2025-07-19T08:00:00Z`), as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// BCP 47 language tag (`en`, `pt-BR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Absolute http(s) URL of an image for the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// A record as it arrives, before validation. Unknown fields are ignored; null is absent.
///
/// Each field holds the value as found (see [`Loose`]); [`validate`](Self::validate) decides
/// what is usable. From JSON, `link`, `description` and `language` fill `url`, `summary` and
/// `lang` when those are absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    /// See [`Article::id`]: text or a whole number.
    pub id: Option<Loose>,
    /// See [`Article::url`]; `link` is accepted as an alias.
    pub url: Option<Loose>,
    /// See [`Article::title`]; HTML is reduced to text.
    pub title: Option<Loose>,
    /// See [`Article::summary`]; HTML is reduced to text. `description` is accepted as an alias.
    pub summary: Option<Loose>,
    /// See [`Article::category`].
    pub category: Option<Loose>,
    /// See [`Article::tags`].
    pub tags: Option<Tags>,
    /// See [`Article::date`].
    pub date: Option<Loose>,
    /// See [`Article::lang`]; `language` is accepted as an alias.
    pub lang: Option<Loose>,
    /// See [`Article::image`].
    pub image: Option<Loose>,
}

/// A field's value as found, before validation decides whether the field can use it.
#[derive(Debug, Clone, PartialEq)]
pub enum Loose {
    /// A string: usable by every field.
    Text(String),
    /// A whole number, as its decimal text: usable as an `id` only.
    Number(String),
    /// A value no field can use: the name of its kind ("a boolean", "a list", "an object", "a
    /// fractional number", "a number beyond 2^53").
    Unusable(&'static str),
}

/// The largest whole number an id may be: 2^53, past which JavaScript numbers are no longer
/// exact (`12345678901234567890` arrives in the browser as `12345678901234567000`), so the CLI
/// and the widget would read two different ids.
pub const MAX_NUMERIC_ID: f64 = 9_007_199_254_740_992.0;

impl Loose {
    /// A number as it arrives (JS has only floats): a whole one up to [`MAX_NUMERIC_ID`] in
    /// magnitude is its decimal text, others are unusable.
    ///
    /// ```
    /// use related_articles::Loose;
    /// assert_eq!(Loose::number(12345.0), Loose::Number("12345".into()));
    /// assert_eq!(Loose::number(-0.0), Loose::Number("0".into()));
    /// assert_eq!(Loose::number(1e3), Loose::Number("1000".into()));
    /// assert_eq!(Loose::number(1.5), Loose::Unusable("a fractional number"));
    /// assert_eq!(Loose::number(f64::NAN), Loose::Unusable("a fractional number"));
    /// assert_eq!(Loose::number(1e20), Loose::Unusable("a number beyond 2^53"));
    /// assert_eq!(Loose::number(f64::INFINITY), Loose::Unusable("a number beyond 2^53"));
    /// ```
    pub fn number(v: f64) -> Loose {
        if v.abs() > MAX_NUMERIC_ID {
            Loose::Unusable("a number beyond 2^53")
        } else if v.fract() == 0.0 {
            // Float formatting would link Rust's float printer into the wasm: whole numbers
            // are printed as integers.
            Loose::Number(decimal(v as i64))
        } else {
            Loose::Unusable("a fractional number")
        }
    }

    /// What the value is, for messages: "text", "a number", or its unusable kind.
    ///
    /// ```
    /// use related_articles::Loose;
    /// assert_eq!(Loose::Number("7".into()).kind(), "a number");
    /// assert_eq!(Loose::Unusable("a list").kind(), "a list");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Loose::Text(_) => "text",
            Loose::Number(_) => "a number",
            Loose::Unusable(kind) => kind,
        }
    }

    /// The value as a name of an article (an id or a URL): text, or a whole number's decimal
    /// text; `None` for anything else. The one rule for ids given in records and ids named in
    /// calls (`related(12345)`, `exclude: [1]`).
    ///
    /// ```
    /// use related_articles::Loose;
    /// assert_eq!(Loose::Number("12".into()).into_name().as_deref(), Some("12"));
    /// assert_eq!(Loose::Text("a,b".into()).into_name().as_deref(), Some("a,b"));
    /// assert_eq!(Loose::Unusable("a boolean").into_name(), None);
    /// ```
    pub fn into_name(self) -> Option<String> {
        match self {
            Loose::Text(s) | Loose::Number(s) => Some(s),
            Loose::Unusable(_) => None,
        }
    }
}

/// `tags`: a list of texts, or one comma-separated string (split into the list).
#[derive(Debug, Clone, PartialEq)]
pub enum Tags {
    /// The items in order, each as found: text items are tags, others are dropped with a warning.
    List(Vec<Loose>),
    /// Neither a list nor a string: the kind of value found (the field is dropped with a warning).
    Unusable(&'static str),
}

impl Default for Tags {
    fn default() -> Self {
        Tags::List(Vec::new())
    }
}

impl Tags {
    /// Tags that are known to be text (a feed's or a page's, already read as strings).
    ///
    /// ```
    /// use related_articles::{Loose, Tags};
    /// assert_eq!(Tags::texts(vec!["a".into()]), Tags::List(vec![Loose::Text("a".into())]));
    /// ```
    pub fn texts(tags: Vec<String>) -> Tags {
        let mut list = Vec::with_capacity(tags.len());
        for t in tags {
            list.push(Loose::Text(t));
        }
        Tags::List(list)
    }

    /// Tags from one comma-separated string, trimmed, without empties.
    ///
    /// ```
    /// use related_articles::{Loose, Tags};
    /// let text = |t: &str| Loose::Text(t.into());
    /// assert_eq!(Tags::split(" a, b ,,c "), Tags::List(vec![text("a"), text("b"), text("c")]));
    /// assert_eq!(Tags::split(""), Tags::List(vec![]));
    /// ```
    pub fn split(s: &str) -> Tags {
        let mut tags = Vec::new();
        for t in s.split(',') {
            let t = t.trim();
            if !t.is_empty() {
                tags.push(Loose::Text(t.to_owned()));
            }
        }
        Tags::List(tags)
    }
}

/// What the text fields of a record hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Markup {
    /// HTML (the default): tags removed, references decoded, whitespace collapsed.
    #[default]
    Html,
    /// Plain text, already reduced: only whitespace is collapsed.
    Text,
}

/// A record that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    /// Zero-based position of the record in the input.
    pub position: usize,
    /// The record's id, when one could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What is wrong, in words a publisher can act on.
    pub reason: String,
}

/// A field that was dropped (or, for `id`, replaced) in a record that was otherwise kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// Zero-based position of the record in the input.
    pub position: usize,
    /// The record's id.
    pub id: String,
    /// The field that was dropped.
    pub field: &'static str,
    /// What is wrong with it.
    pub reason: String,
}

impl RawArticle {
    /// Validates a record: reduces HTML to text, checks URLs and dates, derives a missing id.
    ///
    /// Returns the article and the warnings for fields that were dropped, or the reason the
    /// whole record is rejected (no usable title and no usable summary).
    ///
    /// ```
    /// use related_articles::{Loose, RawArticle};
    /// let text = |s: &str| Some(Loose::Text(s.into()));
    /// let raw = RawArticle {
    ///     title: text("Tom &amp; Jerry <b>return</b>"),
    ///     url: text("javascript:alert(1)"),
    ///     date: text("2023-02-31"),
    ///     category: Some(Loose::Number("42".into())),
    ///     ..Default::default()
    /// };
    /// let (article, warnings) = raw.validate(0).unwrap();
    /// assert_eq!(article.title, "Tom & Jerry return");
    /// assert_eq!((article.url, article.date, article.category), (None, None, None));
    /// let fields: Vec<_> = warnings.iter().map(|w| (w.field, w.reason.as_str())).collect();
    /// assert_eq!(fields, [
    ///     ("category", "expected text, found a number"),
    ///     ("url", "\"javascript:alert(1)\" is not an absolute http(s) URL"),
    ///     ("date", "\"2023-02-31\" is not an ISO 8601 date or date-time"),
    /// ]);
    /// assert!(article.id.starts_with('h'));
    ///
    /// // A blank id is replaced, and the record says so.
    /// let blank = RawArticle { id: text("  "), title: text("T"), url: text("https://e.example/t"), ..Default::default() };
    /// let (article, warnings) = blank.validate(1).unwrap();
    /// assert_eq!(article.id, "https://e.example/t");
    /// assert_eq!((warnings[0].field, warnings[0].reason.as_str()), ("id", "is empty: the id is derived from the URL instead"));
    ///
    /// // A rejection names what each of title and summary held.
    /// let list = RawArticle { title: Some(Loose::Unusable("a list")), ..Default::default() };
    /// assert_eq!(list.validate(2).unwrap_err().reason,
    ///     "title is a list (expected text) and summary is missing: a record needs a title or a summary");
    /// let empty = RawArticle { title: text("<p> </p>"), summary: text(""), ..Default::default() };
    /// assert_eq!(empty.validate(3).unwrap_err().reason,
    ///     "title has no text once HTML is reduced and summary is empty: a record needs a title or a summary");
    /// ```
    pub fn validate(self, position: usize) -> Result<(Article, Vec<Warning>), Rejected> {
        self.validate_as(position, Markup::Html)
    }

    /// [`validate`](Self::validate), saying whether text fields hold HTML or plain text.
    ///
    /// Plain text is for records that were already reduced to text, such as the feed parser's
    /// output: reducing it again would eat a literal `<picture>` or `&amp;` that the publisher
    /// escaped on purpose. Whitespace is still collapsed.
    ///
    /// ```
    /// use related_articles::article::Markup;
    /// use related_articles::{Loose, RawArticle};
    /// let raw = RawArticle { title: Some(Loose::Text("Using  <picture> &amp; srcset".into())), ..Default::default() };
    /// assert_eq!(raw.clone().validate_as(0, Markup::Text).unwrap().0.title, "Using <picture> &amp; srcset");
    /// assert_eq!(raw.validate_as(0, Markup::Html).unwrap().0.title, "Using & srcset");
    /// ```
    pub fn validate_as(
        mut self,
        position: usize,
        markup: Markup,
    ) -> Result<(Article, Vec<Warning>), Rejected> {
        let html_to_text = |s: &str| match markup {
            Markup::Html => html_to_text(s),
            Markup::Text => collapse_whitespace(s),
        };
        let mut dropped: Vec<(&'static str, String)> = Vec::new();
        if let Some(Tags::List(items)) = &mut self.tags {
            if items.len() > TAGS {
                items.truncate(TAGS);
                dropped.push((
                    "tags",
                    "over the limit of 100 tags: the rest dropped".into(),
                ));
            }
        }
        // Text fields take text only; anything else is dropped, saying what it was.
        let mut text = |field: &'static str, value: Option<Loose>| -> Option<String> {
            match value? {
                Loose::Text(s) => within_limit(field, s, &mut dropped),
                other => {
                    dropped.push((field, crate::cat!("expected text, found ", other.kind())));
                    None
                }
            }
        };
        // What title and summary were, kept for a rejection reason (a kind is a static name:
        // nothing is copied).
        let kinds = (
            self.title.as_ref().map(Loose::kind),
            self.summary.as_ref().map(Loose::kind),
        );
        let (title, summary) = (text("title", self.title), text("summary", self.summary));
        let reduce =
            |given: &Option<String>| given.as_deref().map(html_to_text).unwrap_or_default();
        let (title_text, summary_text) = (reduce(&title), reduce(&summary));
        let url = text("url", self.url);
        let category = text("category", self.category);
        let date = text("date", self.date);
        let lang = text("lang", self.lang);
        let image = text("image", self.image);
        // Plain loops rather than `map`/`filter`/`collect` chains: each is its own generic
        // instance in the wasm.
        let mut tags = Vec::new();
        match self.tags {
            None => {}
            Some(Tags::Unusable(kind)) => dropped.push((
                "tags",
                crate::cat!(
                    "expected a list of text or a comma-separated string, found ",
                    kind
                ),
            )),
            Some(Tags::List(items)) => {
                for item in items {
                    if let Some(tag) = text("tags", Some(item)) {
                        push_non_empty(&mut tags, html_to_text(&tag));
                    }
                }
            }
        }
        // An id given but blank or unusable is replaced by a derived one, with a warning.
        let (given_id, bad_id) = match self.id {
            None => (None, None),
            Some(id) => {
                let kind = id.kind();
                match trimmed(id.into_name()) {
                    Some(id) if id.len() > FIELD_BYTES => (None, Some((FIELD_ID, ""))),
                    Some(id) => (Some(id), None),
                    None if kind == "text" => (None, Some(("is empty", ""))),
                    None => (
                        None,
                        Some(("expected text or a whole number, found ", kind)),
                    ),
                }
            }
        };

        if title_text.is_empty() && summary_text.is_empty() {
            let reason = crate::cat!(
                held("title", kinds.0, title),
                " and ",
                held("summary", kinds.1, summary),
                ": a record needs a title or a summary"
            );
            return Err(Rejected {
                position,
                id: given_id.or_else(|| url.map(|u| u.trim().to_owned())),
                reason,
            });
        }

        let mut check = |value, field, valid: fn(&str) -> bool, what| {
            let value = trimmed(value)?;
            if valid(&value) {
                return Some(value);
            }
            dropped.push((field, crate::cat!("\"", value, "\" is not ", what)));
            None
        };
        let url = check(url, "url", is_http_url, "an absolute http(s) URL");
        let image = check(image, "image", is_http_url, "an absolute http(s) URL");
        let date = check(date, "date", is_iso_date, "an ISO 8601 date or date-time");
        let lang = check(lang, "lang", is_language_tag, "a BCP 47 language tag");
        let category = category.map(|c| html_to_text(&c)).filter(|c| !c.is_empty());

        let (id, source) = match (given_id, &url) {
            (Some(id), _) => (id, ""),
            (None, Some(url)) => (url.clone(), "the URL"),
            (None, None) => (
                content_id(&title_text, date.as_deref().unwrap_or("")),
                "the title and date",
            ),
        };
        if let Some((what, kind)) = bad_id {
            let reason = crate::cat!(what, kind, ": the id is derived from ", source, " instead");
            dropped.push(("id", reason));
        }
        let mut warnings = Vec::with_capacity(dropped.len());
        for (field, reason) in dropped {
            warnings.push(Warning {
                position,
                id: id.clone(),
                field,
                reason,
            });
        }
        Ok((
            Article {
                id,
                url,
                title: title_text,
                summary: summary_text,
                category,
                tags,
                date,
                lang,
                image,
            },
            warnings,
        ))
    }
}

/// A text field within [`FIELD_BYTES`]: a longer title, summary, category or tag is cut there,
/// a longer name (id, URL, date, language, image) dropped, each with a warning in `dropped`.
#[inline(never)] // called for every field: one copy in the wasm, not one per call
fn within_limit(
    field: &'static str,
    mut s: String,
    dropped: &mut Vec<(&'static str, String)>,
) -> Option<String> {
    if !cut(&mut s, FIELD_BYTES) {
        return Some(s);
    }
    let text = matches!(field, "title" | "summary" | "category" | "tags");
    let reason = if text { FIELD_CUT } else { FIELD_DROPPED };
    dropped.push((field, reason.into()));
    text.then_some(s)
}

/// What a title or summary that gave no text held, for a rejection: "title is missing", "summary
/// is a list (expected text)", "title is empty", "title has no text once HTML is reduced". `kind`
/// is the [`Loose::kind`] of the value given, `text` the text taken from it.
fn held(field: &str, kind: Option<&str>, text: Option<String>) -> String {
    let what = match (kind, text) {
        (None, _) => " is missing",
        (_, Some(t)) if t.trim().is_empty() => " is empty",
        (_, Some(_)) => " has no text once HTML is reduced",
        (Some(kind), None) => return crate::cat!(field, " is ", kind, " (expected text)"),
    };
    crate::cat!(field, what)
}

impl Article {
    /// A minimal article with just an id and text, for tests and examples.
    ///
    /// ```
    /// let a = related_articles::Article::new("a", "Title", "Summary");
    /// assert_eq!((a.id.as_str(), a.title.as_str(), a.url), ("a", "Title", None));
    /// ```
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        summary: impl Into<String>,
    ) -> Self {
        Article {
            id: id.into(),
            url: None,
            title: title.into(),
            summary: summary.into(),
            category: None,
            tags: Vec::new(),
            date: None,
            lang: None,
            image: None,
        }
    }
}

/// The value without surrounding whitespace, or `None` when nothing else is left.
fn trimmed(value: Option<String>) -> Option<String> {
    let value = value?;
    let t = value.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn push_non_empty(list: &mut Vec<String>, s: String) {
    if !s.is_empty() {
        list.push(s);
    }
}

/// Whether `s` is an absolute `http:` or `https:` URL with a host. Other schemes (`javascript:`,
/// `data:`) and relative references are refused: a link the widget renders must be safe to follow.
///
/// ```
/// use related_articles::article::is_http_url;
/// assert!(is_http_url("https://example.com/a?b#c"));
/// assert!(is_http_url("HTTP://example.com"));
/// assert!(!is_http_url("javascript:alert(1)"));
/// assert!(!is_http_url("/relative/path"));
/// assert!(!is_http_url("https://"));
/// assert!(!is_http_url("https://exa mple.com"));
/// ```
pub fn is_http_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    // The scheme matched is ASCII, so its length is a char boundary of `s`.
    let scheme = match () {
        _ if lower.starts_with("https://") => 8,
        _ if lower.starts_with("http://") => 7,
        _ => return false,
    };
    let Some(rest) = s.get(scheme..) else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    host_end > 0 && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Whether `s` is shaped like a BCP 47 tag: subtags of 1–8 ASCII letters or digits joined by `-`,
/// the first all letters (`en`, `pt-BR`, `zh-Hant-TW`). `_` is refused, as BCP 47 does.
///
/// ```
/// use related_articles::article::is_language_tag;
/// assert!(is_language_tag("en"));
/// assert!(is_language_tag("zh-Hant-TW"));
/// assert!(!is_language_tag("en_US"));
/// assert!(!is_language_tag(""));
/// assert!(!is_language_tag("english language"));
/// ```
pub fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (1..=8).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_alphanumeric()))
}

/// A stable id for a record with neither id nor URL: `h` and the FNV-1a 64-bit hash of
/// title and date, in hex. Stable across platforms and releases, so a page's id survives a rebuild.
///
/// ```
/// use related_articles::article::content_id;
/// assert_eq!(content_id("A", "2025-01-01"), content_id("A", "2025-01-01"));
/// assert_ne!(content_id("A", "2025-01-01"), content_id("A", "2025-01-02"));
/// assert_eq!(content_id("", "").len(), 17);
/// ```
pub fn content_id(title: &str, date: &str) -> String {
    let hash = fnv1a(
        fnv1a(fnv1a(FNV1A_START, title.as_bytes()), &[0x1f]),
        date.as_bytes(),
    );
    crate::cat!("h", crate::message::hex16(hash))
}

/// The 64-bit FNV-1a offset basis: the hash of no bytes, where [`fnv1a`] starts.
pub const FNV1A_START: u64 = 0xcbf2_9ce4_8422_2325;

/// 64-bit FNV-1a, continued over `bytes` from `hash` ([`FNV1A_START`] for a new hash). The
/// crate's one stable hash: content ids and the archive's list file names, which other code
/// (the widget's JS) must compute the same, so its definition never changes.
///
/// ```
/// use related_articles::article::{fnv1a, FNV1A_START};
/// assert_eq!(fnv1a(FNV1A_START, b""), 0xcbf2_9ce4_8422_2325);
/// assert_eq!(fnv1a(FNV1A_START, b"a"), 0xaf63_dc4c_8601_ec8c); // the FNV reference vector
/// assert_eq!(fnv1a(fnv1a(FNV1A_START, b"fo"), b"o"), fnv1a(FNV1A_START, b"foo"));
/// ```
pub fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
