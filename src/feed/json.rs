//! JSON Feed (1.0, 1.1) and plain JSON arrays of article objects.
//!
//! Natively the text is parsed with `serde_json`; in the browser with its own `JSON.parse`, the
//! values then read field by field into the same structs, because `serde_json` (and any serde
//! `Deserialize`, see `read`) would add to every page's download for no gain.
//! Items are read one at a time, so one malformed item is rejected and the others are kept.

use serde::Deserialize;

use super::{
    escape_text, lenient_date, resolve_loose,
    xml::{lang_of, normalize_lang},
    Entry, FeedContext, FeedError, Format, Parts,
};
use crate::article::{Loose, RawArticle, Tags};
use crate::find::find;
use crate::text::html::html_to_text;

/// A JSON Feed's top level, less its items.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct JsonFeedMeta {
    version: Option<Loose>,
    language: Option<Loose>,
    feed_url: Option<Loose>,
}

/// A JSON Feed item: the fields we map (see `docs/feeds.md`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
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

/// The items of the document's array, not yet read: each is read as a record (by `article` or
/// `json_item`) only as it is mapped, so no list of read records is built in between (one less
/// pass, and less code in wasm).
#[cfg(not(target_arch = "wasm32"))]
type Items = Vec<serde_json::Value>;
#[cfg(target_arch = "wasm32")]
type Items = js_sys::Array;

/// The document: its array of article objects, or a JSON Feed's metadata and items.
enum JsonDoc {
    Array(Items),
    Feed(JsonFeedMeta, Items),
    Other(&'static str),
}

pub(super) fn parse(
    text: &str,
    ctx: &FeedContext,
    sink: &mut dyn FnMut(Entry),
) -> Result<(Format, Option<String>), FeedError> {
    // Line numbers are for the CLI's messages; the widget never shows them (in wasm, JSON
    // entries all report line 1).
    #[cfg(not(target_arch = "wasm32"))]
    let offsets = item_offsets(text);
    #[cfg(target_arch = "wasm32")]
    let offsets: Vec<usize> = Vec::new();
    let offset = |i: usize| offsets.get(i).copied().unwrap_or(0);
    let page_lang = ctx.page_lang.map(normalize_lang);
    match read(text).map_err(|e| FeedError::NotAFeed(crate::cat!("not valid JSON: ", e)))? {
        JsonDoc::Other(kind) => Err(FeedError::NotAFeed(crate::cat!(
            "the JSON is ",
            kind,
            ", not a JSON Feed (an object with \"version\" and \"items\") or an array of articles"
        ))),
        JsonDoc::Array(items) => {
            for (i, item) in items.into_iter().enumerate() {
                let raw = match article(item) {
                    Ok(mut raw) => {
                        raw.url = resolve_loose(raw.url, ctx.base_url);
                        raw.image = resolve_loose(raw.image, ctx.base_url);
                        raw.date = lenient_date(raw.date);
                        if raw.lang.is_none() {
                            raw.lang = page_lang.clone().map(Loose::Text);
                        }
                        raw
                    }
                    Err(reason) => {
                        sink(unreadable(reason, offset(i)));
                        continue;
                    }
                };
                sink(Entry {
                    raw,
                    bad_date: None,
                    offset: offset(i),
                    unreadable: None,
                });
            }
            Ok((Format::JsonArray, None))
        }
        JsonDoc::Feed(meta, items) => {
            let feed_lang = text_of(meta.language).and_then(|l| lang_of(&l));
            let feed_url = text_of(meta.feed_url);
            let base = ctx.base_url.or(feed_url.as_deref());
            for (i, item) in items.into_iter().enumerate() {
                sink(match json_item(item) {
                    Ok(item) => feed_item(
                        item,
                        base,
                        feed_lang.as_ref().or(page_lang.as_ref()),
                        offset(i),
                    ),
                    Err(reason) => unreadable(reason, offset(i)),
                });
            }
            Ok((Format::JsonFeed, feed_lang))
        }
    }
}

/// An item that is not an object of the right shape: a record that will be rejected, saying why.
fn unreadable(reason: String, offset: usize) -> Entry {
    Entry {
        raw: RawArticle::default(),
        bad_date: None,
        offset,
        unreadable: Some(reason),
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

/// An element of a JSON array as a record. Only objects are records: serde alone would also
/// read a struct from an array (`[1, 2, 3]` as id, url, title).
#[cfg(not(target_arch = "wasm32"))]
fn record<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T, String> {
    match v.is_object() {
        true => T::deserialize(v).map_err(|e| e.to_string()),
        false => Err("expected an object".to_owned()),
    }
}

/// An element of a plain array as an article record.
#[cfg(not(target_arch = "wasm32"))]
fn article(v: serde_json::Value) -> Result<RawArticle, String> {
    record(v)
}

/// An element of a JSON Feed's `items` as an item.
#[cfg(not(target_arch = "wasm32"))]
fn json_item(v: serde_json::Value) -> Result<JsonItem, String> {
    record(v)
}

#[cfg(not(target_arch = "wasm32"))]
fn read(text: &str) -> Result<JsonDoc, String> {
    use serde_json::Value;
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Ok(match value {
        Value::Array(items) => JsonDoc::Array(items),
        Value::Object(mut map) => {
            let items = map.remove("items");
            let meta = JsonFeedMeta::deserialize(Value::Object(map)).map_err(|e| e.to_string())?;
            match items {
                Some(Value::Array(items)) => JsonDoc::Feed(meta, items),
                _ if is_json_feed(&meta) => JsonDoc::Feed(meta, Vec::new()),
                _ => JsonDoc::Other("an object without an \"items\" array"),
            }
        }
        _ => JsonDoc::Other("a single value"),
    })
}

/// In the browser: `JSON.parse`, then fields read with `Reflect`, as the wasm boundary reads
/// article objects. Not serde: any serde `Deserialize` links its error formatting, and with it
/// Rust's float formatter, some 20 KB of wasm.
#[cfg(target_arch = "wasm32")]
fn read(text: &str) -> Result<JsonDoc, String> {
    use js_sys::Array;
    use wasm_bindgen::JsCast;

    let value = js_sys::JSON::parse(text).map_err(|e| match e.dyn_ref::<js_sys::Error>() {
        Some(e) => String::from(e.message()),
        None => "syntax error".to_owned(),
    })?;
    if Array::is_array(&value) {
        return Ok(JsonDoc::Array(Array::from(&value)));
    }
    if is_object(&value).is_err() {
        return Ok(JsonDoc::Other("a single value"));
    }
    let meta = JsonFeedMeta {
        version: js::field(&value, "version", ""),
        language: js::field(&value, "language", ""),
        feed_url: js::field(&value, "feed_url", ""),
    };
    let items = js::get(&value, "items");
    if !Array::is_array(&items) {
        return Ok(if is_json_feed(&meta) {
            JsonDoc::Feed(meta, Array::new())
        } else {
            JsonDoc::Other("an object without an \"items\" array")
        });
    }
    Ok(JsonDoc::Feed(meta, Array::from(&items)))
}

/// An element of a plain array as an article record.
#[cfg(target_arch = "wasm32")]
fn article(v: wasm_bindgen::JsValue) -> Result<RawArticle, String> {
    is_object(&v)?;
    Ok(js::raw_article(&v))
}

/// An element of a JSON Feed's `items` as an item, field by field.
#[cfg(target_arch = "wasm32")]
fn json_item(v: wasm_bindgen::JsValue) -> Result<JsonItem, String> {
    is_object(&v)?;
    Ok(JsonItem {
        id: js::field(&v, "id", ""),
        url: js::field(&v, "url", ""),
        external_url: js::field(&v, "external_url", ""),
        title: js::field(&v, "title", ""),
        summary: js::field(&v, "summary", ""),
        content_html: js::field(&v, "content_html", ""),
        content_text: js::field(&v, "content_text", ""),
        image: js::field(&v, "image", ""),
        banner_image: js::field(&v, "banner_image", ""),
        date_published: js::field(&v, "date_published", ""),
        date_modified: js::field(&v, "date_modified", ""),
        tags: js::tags(&v),
        language: js::field(&v, "language", ""),
    })
}

#[cfg(target_arch = "wasm32")]
fn is_object(v: &wasm_bindgen::JsValue) -> Result<(), String> {
    if v.is_object() && !js_sys::Array::is_array(v) {
        Ok(())
    } else {
        Err("expected an object".to_owned())
    }
}

/// Reading JS values as the lenient [`Loose`] and [`Tags`], out of line: they are called for
/// every field. Shared with the wasm boundary, which reads `createIndex`'s records the same way.
#[cfg(target_arch = "wasm32")]
pub(crate) mod js {
    use js_sys::{Array, Reflect};
    use wasm_bindgen::JsValue;

    use crate::article::{Loose, RawArticle, Tags};

    /// An article object read field by field, with serde's aliases (`link`, `description`,
    /// `language`): the same [`RawArticle`] the CLI gets from serde_json.
    pub(crate) fn raw_article(v: &JsValue) -> RawArticle {
        RawArticle {
            id: field(v, "id", ""),
            url: field(v, "url", "link"),
            title: field(v, "title", ""),
            summary: field(v, "summary", "description"),
            category: field(v, "category", ""),
            tags: tags(v),
            date: field(v, "date", ""),
            lang: field(v, "lang", "language"),
            image: field(v, "image", ""),
        }
    }

    #[inline(never)]
    pub(crate) fn get(v: &JsValue, key: &str) -> JsValue {
        Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// The field `key`, else its alias (`""` for none).
    #[inline(never)]
    pub(super) fn field(v: &JsValue, key: &str, alias: &str) -> Option<Loose> {
        loose(&get(v, key)).or_else(|| {
            if alias.is_empty() {
                None
            } else {
                loose(&get(v, alias))
            }
        })
    }

    /// A field's value as [`Loose`]: `None` when absent or null, as serde reads JSON.
    #[inline(never)]
    pub(crate) fn loose(v: &JsValue) -> Option<Loose> {
        if v.is_undefined() || v.is_null() {
            None
        } else if let Some(s) = v.as_string() {
            Some(Loose::Text(s))
        } else if let Some(n) = v.as_f64() {
            Some(Loose::number(n))
        } else if v.as_bool().is_some() {
            Some(Loose::Unusable("a boolean"))
        } else if Array::is_array(v) {
            Some(Loose::Unusable("a list"))
        } else {
            // Objects, and what JSON cannot hold (a function, a symbol, a bigint): no field
            // can use them either.
            Some(Loose::Unusable("an object"))
        }
    }

    /// `tags`: a list (null items skipped), or one comma-separated string; `None` when absent.
    pub(super) fn tags(v: &JsValue) -> Option<Tags> {
        let t = get(v, "tags");
        if let Some(s) = t.as_string() {
            return Some(Tags::split(&s));
        }
        if !Array::is_array(&t) {
            return loose(&t).map(|other| Tags::Unusable(other.kind()));
        }
        let mut list = Vec::new();
        for x in Array::from(&t).iter() {
            if let Some(x) = loose(&x) {
                list.push(x);
            }
        }
        Some(Tags::List(list))
    }
}

fn is_json_feed(meta: &JsonFeedMeta) -> bool {
    matches!(&meta.version, Some(Loose::Text(v)) if find(v, "jsonfeed.org/version/").is_some())
}

#[cfg(not(target_arch = "wasm32"))]
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
