//! JSON Feed (1.0, 1.1) and plain JSON arrays of article objects, read from a JSON value of the
//! [`Platform`]'s parser (serde_json natively, `JSON.parse` in the browser) through
//! [`JsonValue`]: one reader on every target.
//! Items are read one at a time, so one malformed item is rejected and the others are kept.

use super::lang::{lang_of, normalize_lang};
use super::Platform;
use super::{
    escape_text, lenient_date, resolve_loose, Entry, FeedContext, FeedError, Format, Parts,
};
use crate::article::{field, tags, JsonValue, Loose, RawArticle, Tags};
use crate::find::find;
use crate::text::html::html_to_text;

/// A JSON Feed item: the fields we map (see `docs/feeds.md`).
struct JsonItem {
    id: Option<Loose>,
    url: Option<Loose>,
    external_url: Option<Loose>,
    title: Option<Loose>,
    summary: Option<Loose>,
    content_html: Option<Loose>,
    content_text: Option<Loose>,
    image: Option<Loose>,
    banner_image: Option<Loose>,
    date_published: Option<Loose>,
    date_modified: Option<Loose>,
    tags: Option<Tags>,
    language: Option<Loose>,
}

impl JsonItem {
    /// An item object, field by field.
    fn read<V: JsonValue>(mut v: V) -> JsonItem {
        JsonItem {
            id: field(&mut v, "id", ""),
            url: field(&mut v, "url", ""),
            external_url: field(&mut v, "external_url", ""),
            title: field(&mut v, "title", ""),
            summary: field(&mut v, "summary", ""),
            content_html: field(&mut v, "content_html", ""),
            content_text: field(&mut v, "content_text", ""),
            image: field(&mut v, "image", ""),
            banner_image: field(&mut v, "banner_image", ""),
            date_published: field(&mut v, "date_published", ""),
            date_modified: field(&mut v, "date_modified", ""),
            tags: tags(&mut v),
            language: field(&mut v, "language", ""),
        }
    }
}

/// Why an item is not read as a record.
const NOT_AN_OBJECT: &str = "expected an object";

pub(super) fn parse<P: Platform>(
    platform: &P,
    text: &str,
    ctx: &FeedContext,
    sink: &mut dyn FnMut(Entry),
) -> Result<(Format, Option<String>), FeedError> {
    let offsets = if P::JSON_LINES {
        item_offsets(text)
    } else {
        Vec::new()
    };
    let offset = |i: usize| offsets.get(i).copied().unwrap_or(0);
    let page_lang = ctx.page_lang.map(normalize_lang);
    let value = platform
        .parse_json(text)
        .map_err(|e| FeedError::NotAFeed(crate::cat!("not valid JSON: ", e)))?;
    let mut object = match value.into_items() {
        Ok(items) => {
            for (i, item) in items.into_iter().enumerate() {
                let Ok(mut raw) = RawArticle::from_object(item) else {
                    sink(unreadable(offset(i)));
                    continue;
                };
                raw.url = resolve_loose(raw.url, ctx.base_url);
                raw.image = resolve_loose(raw.image, ctx.base_url);
                raw.date = lenient_date(raw.date);
                if raw.lang.is_none() {
                    raw.lang = page_lang.clone().map(Loose::Text);
                }
                sink(Entry {
                    raw,
                    bad_date: None,
                    offset: offset(i),
                    unreadable: None,
                });
            }
            return Ok((Format::JsonArray, None));
        }
        Err(object) if object.is_record() => object,
        Err(_) => return Err(not_a_feed("a single value")),
    };
    let version = object.take("version").loose();
    let feed_lang = text_of(object.take("language").loose()).and_then(|l| lang_of(&l));
    let feed_url = text_of(object.take("feed_url").loose());
    let items = match object.take("items").into_items() {
        Ok(items) => Some(items),
        Err(_) if is_json_feed(&version) => None,
        Err(_) => return Err(not_a_feed("an object without an \"items\" array")),
    };
    let base = ctx.base_url.or(feed_url.as_deref());
    for (i, item) in items.into_iter().flatten().enumerate() {
        sink(match item.is_record() {
            true => feed_item(
                JsonItem::read(item),
                base,
                feed_lang.as_ref().or(page_lang.as_ref()),
                offset(i),
            ),
            false => unreadable(offset(i)),
        });
    }
    Ok((Format::JsonFeed, feed_lang))
}

fn not_a_feed(kind: &str) -> FeedError {
    FeedError::NotAFeed(crate::cat!(
        "the JSON is ",
        kind,
        ", not a JSON Feed (an object with \"version\" and \"items\") or an array of articles"
    ))
}

/// An item that is not an object: a record that will be rejected, saying why.
fn unreadable(offset: usize) -> Entry {
    Entry {
        raw: RawArticle::default(),
        bad_date: None,
        offset,
        unreadable: Some(NOT_AN_OBJECT.to_owned()),
    }
}

/// A text field, trimmed; `None` when absent, empty or not text. Out of line: a JSON Feed item
/// reads a dozen fields through it.
#[inline(never)]
fn text_of(value: Option<Loose>) -> Option<String> {
    match value {
        Some(Loose::Text(s)) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        _ => None,
    }
}

/// An item's `id`: text, or a whole number as its text (JSON Feed 1.1 asks readers to coerce
/// an id that is not a string, and numbers are what publishers' generators emit).
fn id_of(value: Option<Loose>) -> Option<String> {
    text_of(value.and_then(Loose::into_name).map(Loose::Text))
}

fn feed_item(item: JsonItem, base: Option<&str>, lang: Option<&String>, offset: usize) -> Entry {
    let plain = |v: Option<Loose>| text_of(v).map(|s| escape_text(&s));
    let content = text_of(item.content_html).or_else(|| plain(item.content_text));
    let summary = plain(item.summary).filter(|s| !html_to_text(s).is_empty());
    let url = text_of(item.url).or_else(|| text_of(item.external_url));
    let image = text_of(item.image).or_else(|| text_of(item.banner_image));
    let resolve = |u: String| match base {
        Some(b) => super::resolve_url(b, &u).unwrap_or(u),
        None => u,
    };
    let mut dates = Vec::new();
    dates.extend(text_of(item.date_published).map(|d| (0, d)));
    dates.extend(text_of(item.date_modified).map(|d| (1, d)));
    let mut entry = super::entry(Parts {
        id: id_of(item.id),
        url: url.map(resolve),
        title: plain(item.title),
        summary,
        content,
        categories: Vec::new(),
        dates,
        lang: text_of(item.language)
            .and_then(|l| lang_of(&l))
            .or_else(|| lang.cloned()),
        image: image.map(resolve),
        line_offset: offset,
    });
    entry.raw.tags = item.tags;
    entry
}

fn is_json_feed(version: &Option<Loose>) -> bool {
    matches!(version, Some(Loose::Text(v)) if find(v, "jsonfeed.org/version/").is_some())
}

/// Byte offsets of the items (elements of the top-level array, or of the top-level object's
/// `"items"` array), for line numbers in messages; one pass, no allocation per value.
fn item_offsets(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut offsets = Vec::new();
    let mut depth = 0usize;
    let mut top_is_object = false;
    let mut last_key_is_items = false;
    let mut target: Option<usize> = None;
    let mut want_item = false;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if want_item && target == Some(depth) && c != b']' {
            offsets.push(i);
            want_item = false;
        }
        match c {
            b'"' => {
                let start = i + 1;
                i += 1;
                while let Some(&s) = b.get(i) {
                    match s {
                        b'\\' => i += 1,
                        b'"' => break,
                        _ => {}
                    }
                    i += 1;
                }
                if depth == 1 && top_is_object {
                    last_key_is_items = b.get(start..i) == Some(b"items");
                }
            }
            b'[' | b'{' => {
                if depth == 0 {
                    top_is_object = c == b'{';
                }
                depth += 1;
                let is_target =
                    c == b'[' && (depth == 1 || (depth == 2 && top_is_object && last_key_is_items));
                if target.is_none() && is_target {
                    target = Some(depth);
                    want_item = true;
                }
            }
            b']' | b'}' => {
                if target == Some(depth) {
                    target = Some(usize::MAX); // the items are over
                }
                depth = depth.saturating_sub(1);
            }
            b',' => {
                if target == Some(depth) {
                    want_item = true;
                }
                if depth == 1 {
                    last_key_is_items = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    offsets
}
