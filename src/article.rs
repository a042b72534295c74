//! The article model: what a record may hold, how it is validated, and why one is rejected.
//!
//! Records arrive from publishers' feeds and JSON, so the input side ([`RawArticle`]) is lenient
//! about types (a numeric `id`, `tags` as one comma-separated string) while the validated side
//! ([`Article`]) is strict: text is plain text, URLs are absolute http(s), dates are ISO 8601.
//! A field that is present but unusable is dropped with a [`Warning`] and the record is kept; a
//! record with neither title nor summary is a [`Rejected`] one.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::text::html::{collapse_whitespace, html_to_text};

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

/// A record as it arrives, before validation. Unknown fields are ignored.
///
/// Every field accepts a string, a number or a boolean (turned into text), or null; `tags` also
/// accepts a list, and a single string is split on commas.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct RawArticle {
    /// See [`Article::id`].
    pub id: Option<Loose>,
    /// See [`Article::url`]; `link` is accepted as an alias.
    #[serde(alias = "link")]
    pub url: Option<Loose>,
    /// See [`Article::title`]; HTML is reduced to text.
    pub title: Option<Loose>,
    /// See [`Article::summary`]; HTML is reduced to text. `description` is accepted as an alias.
    #[serde(alias = "description")]
    pub summary: Option<Loose>,
    /// See [`Article::category`].
    pub category: Option<Loose>,
    /// See [`Article::tags`].
    pub tags: Option<Tags>,
    /// See [`Article::date`].
    pub date: Option<Loose>,
    /// See [`Article::lang`]; `language` is accepted as an alias.
    #[serde(alias = "language")]
    pub lang: Option<Loose>,
    /// See [`Article::image`].
    pub image: Option<Loose>,
}

/// A scalar field taken leniently: strings as they are, numbers and booleans as their text.
/// Lists and objects are not text: they make the field unusable (dropped with a warning).
#[derive(Debug, Clone, PartialEq)]
pub enum Loose {
    /// A usable text value.
    Text(String),
    /// A value of a kind that cannot be text (a list or an object); the name of that kind.
    Unusable(&'static str),
}

/// `tags`: a list of texts, or one comma-separated string.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tags(pub Vec<String>);

impl Tags {
    /// Tags from one comma-separated string, trimmed, without empties.
    ///
    /// ```
    /// use related_articles::Tags;
    /// assert_eq!(Tags::split(" a, b ,,c ").0, ["a", "b", "c"]);
    /// assert!(Tags::split("").0.is_empty());
    /// ```
    pub fn split(s: &str) -> Tags {
        let mut tags = Vec::new();
        for t in s.split(',') {
            push_non_empty(&mut tags, t.trim().to_owned());
        }
        Tags(tags)
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

/// A field that was dropped from a record that was otherwise kept.
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
    /// whole record is rejected (no title and no summary).
    ///
    /// ```
    /// use related_articles::{Loose, RawArticle};
    /// let raw = RawArticle {
    ///     title: Some(Loose::Text("Tom &amp; Jerry <b>return</b>".into())),
    ///     url: Some(Loose::Text("javascript:alert(1)".into())),
    ///     date: Some(Loose::Text("yesterday".into())),
    ///     ..Default::default()
    /// };
    /// let (article, warnings) = raw.validate(0).unwrap();
    /// assert_eq!(article.title, "Tom & Jerry return");
    /// assert_eq!(article.url, None);
    /// assert_eq!(article.date, None);
    /// assert_eq!(warnings.len(), 2);
    /// assert!(article.id.starts_with('h'));
    ///
    /// let empty = RawArticle { title: Some(Loose::Text("<p> </p>".into())), ..Default::default() };
    /// assert!(empty.validate(3).unwrap_err().reason.contains("title"));
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
        self,
        position: usize,
        markup: Markup,
    ) -> Result<(Article, Vec<Warning>), Rejected> {
        let html_to_text = |s: &str| match markup {
            Markup::Html => html_to_text(s),
            Markup::Text => collapse_whitespace(s),
        };
        let mut dropped: Vec<(&'static str, String)> = Vec::new();
        let mut text = |field: &'static str, value: Option<Loose>| -> Option<String> {
            match value? {
                Loose::Text(s) => Some(s),
                Loose::Unusable(kind) => {
                    dropped.push((field, crate::cat!("expected text, found ", kind)));
                    None
                }
            }
        };
        let given_id = trimmed(text("id", self.id));
        let title = text("title", self.title)
            .map(|s| html_to_text(&s))
            .unwrap_or_default();
        let summary = text("summary", self.summary)
            .map(|s| html_to_text(&s))
            .unwrap_or_default();
        let url = text("url", self.url);
        let category = text("category", self.category);
        let date = text("date", self.date);
        let lang = text("lang", self.lang);
        let image = text("image", self.image);

        if title.is_empty() && summary.is_empty() {
            return Err(Rejected {
                position,
                id: given_id.or_else(|| url.map(|u| u.trim().to_owned())),
                reason: "title and summary are both empty: a record needs at least one".into(),
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
        // Plain loops rather than `map`/`filter`/`collect` chains: each is its own generic
        // instance in the wasm.
        let mut tags = Vec::new();
        for tag in self.tags.unwrap_or_default().0 {
            push_non_empty(&mut tags, html_to_text(&tag));
        }

        let id = given_id
            .or_else(|| url.clone())
            .unwrap_or_else(|| content_id(&title, date.as_deref().unwrap_or("")));
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
                title,
                summary,
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

#[cfg(not(target_arch = "wasm32"))]
impl RawArticle {
    /// Reads one record from JSON text (a line of JSON Lines). Only an object is a record:
    /// serde alone would also read a struct from an array, taking `[1, 2, 3]` as id, url, title.
    ///
    /// ```
    /// use related_articles::{Loose, RawArticle};
    /// let raw = RawArticle::from_json(r#"{"id": 7, "title": "T", "extra": [1]}"#).unwrap();
    /// assert_eq!(raw.id, Some(Loose::Text("7".into())));
    /// assert!(RawArticle::from_json("[1, 2, 3]").unwrap_err().contains("object"));
    /// assert!(RawArticle::from_json("{not json").is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<RawArticle, String> {
        if !text.trim_start().starts_with('{') {
            return Err("expected an article object".into());
        }
        serde_json::from_str(text).map_err(|e| format!("not a valid article object: {e}"))
    }
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
    let rest = if lower.starts_with("https://") {
        &s[8..]
    } else if lower.starts_with("http://") {
        &s[7..]
    } else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    host_end > 0 && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Whether `s` is an ISO 8601 calendar date (`YYYY-MM-DD`) or date-time
/// (`YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`, with `T` or a space), with month and day in range.
///
/// ```
/// use related_articles::article::is_iso_date;
/// assert!(is_iso_date("2025-07-19"));
/// assert!(is_iso_date("2014-03-10T16:52:50Z"));
/// assert!(is_iso_date("2014-03-10T16:52:50.123+05:30"));
/// assert!(!is_iso_date("2025-13-01"));
/// assert!(!is_iso_date("July 19, 2025"));
/// assert!(!is_iso_date(""));
/// ```
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let num = |r: std::ops::Range<usize>| -> u32 {
        b[r].iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
    };
    if b.len() < 10
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
    {
        return false;
    }
    if !(1..=12).contains(&num(5..7)) || !(1..=31).contains(&num(8..10)) {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    // Time part: HH:MM, optional :SS and fraction, optional zone.
    if !(b[10] == b'T' || b[10] == b't' || b[10] == b' ')
        || !digits(11..13)
        || b.get(13) != Some(&b':')
    {
        return false;
    }
    if !digits(14..16) || num(11..13) > 24 || num(14..16) > 59 {
        return false;
    }
    let mut i = 16;
    if b.get(i) == Some(&b':') {
        if !digits(i + 1..i + 3) || num(i + 1..i + 3) > 60 {
            return false;
        }
        i += 3;
        if matches!(b.get(i), Some(b'.') | Some(b',')) {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return false;
            }
        }
    }
    match b.get(i) {
        None => true,
        Some(b'Z') | Some(b'z') => i + 1 == b.len(),
        Some(b'+') | Some(b'-') => {
            let z = &b[i + 1..];
            (z.len() == 5 && z[2] == b':' && digits(i + 1..i + 3) && digits(i + 4..i + 6))
                || (z.len() == 4 && digits(i + 1..i + 5))
                || (z.len() == 2 && digits(i + 1..i + 3))
        }
        _ => false,
    }
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
    crate::cat!("h", crate::text::message::hex16(hash))
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

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text, a number or a boolean")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose, E> {
        Ok(Loose::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Loose, E> {
        Ok(Loose::Text(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Loose, E> {
        Ok(Loose::Text(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose, E> {
        Ok(Loose::Text(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose, E> {
        Ok(Loose::Text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Loose, E> {
        // Whole numbers only (JS has no integers: every id arrives as f64). Formatting other
        // floats would link Rust's float printer into the wasm for a case no feed has.
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            Ok(Loose::Text((v as i64).to_string()))
        } else {
            Ok(Loose::Unusable("a fractional number"))
        }
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(Loose::Unusable("a list"))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Loose::Unusable("an object"))
    }
}

impl<'de> Deserialize<'de> for Tags {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TagsVisitor)
    }
}

struct TagsVisitor;

impl<'de> Visitor<'de> for TagsVisitor {
    type Value = Tags;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of tags or a comma-separated string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tags, E> {
        Ok(Tags::split(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Tags, E> {
        Ok(Tags::default())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tags, A::Error> {
        let mut tags = Vec::new();
        while let Some(item) = seq.next_element::<Option<Loose>>()? {
            if let Some(Loose::Text(t)) = item {
                tags.push(t.trim().to_owned());
            }
        }
        Ok(Tags(tags))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Tags, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Err(de::Error::custom(
            "tags: expected a list or a comma-separated string, found an object",
        ))
    }
}
