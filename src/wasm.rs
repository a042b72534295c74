//! The wasm boundary: the only `#[wasm_bindgen]` surface, and the only code that knows about JS.
//!
//! Internal: publishers use the JS API in `www/core.js` (`createIndex`), which wraps this class.
//! Objects leave as plain JSON-compatible values: objects and arrays, never `Map`s; an absent
//! optional field is left out, as `serde_json` does for the CLI. Records are decoded one at a time
//! so that a bad one is named and skipped, never fatal to the rest. Nothing here panics on input:
//! a panic would abort the module for the whole page.
//!
//! Output is built field by field with `Reflect` too, rather than through
//! `serde_wasm_bindgen::Serializer::json_compatible()`, which gives the same objects: the
//! serializer, its generic code for each type and its cache of interned keys cost 2.4 KB of
//! gzipped wasm (measured), paid on every page view, for five small structs.
//!
//! Input is read field by field with `Reflect` rather than through serde: any serde
//! `Deserialize` links serde's error formatting, which prints floats and so pulls Rust's float
//! formatter (about 20 KB of wasm) into every page view. The decoded shape is the same
//! [`RawArticle`](crate::RawArticle) the CLI gets from serde_json, so both validate through one path.

use wasm_bindgen::prelude::*;

use crate::feed::json::js::{self, get};
use crate::rank::MAX_LIMIT;
use crate::{Index, IndexBuilder, IndexOptions, Loose, Query, RelatedOptions};

/// An index over a set of articles (wrapped by `createIndex` in JS).
#[wasm_bindgen]
pub struct RelatedIndex {
    inner: Index,
}

#[wasm_bindgen]
impl RelatedIndex {
    /// Indexes `articles` (an array of article objects) with `options` (an object, or
    /// `undefined` for the defaults). Throws when `articles` is not an array, an option is
    /// invalid, or no record is valid; invalid records are otherwise listed in `rejected`.
    #[wasm_bindgen(constructor)]
    pub fn new(articles: JsValue, options: JsValue) -> Result<RelatedIndex, JsError> {
        let options = index_options(&options)?;
        // A fresh seed per index for its hash maps: std's would be the same on every page load
        // (it has no entropy source on wasm32-unknown-unknown). `Math.random()` gives 52 random
        // mantissa bits per call; two calls, one shifted, fill the 64.
        let random = || js_sys::Math::random().to_bits();
        let seed = random() << 12 ^ random();
        let mut builder = IndexBuilder::with_seed(options, seed).map_err(|e| JsError::new(&e))?;
        if !js_sys::Array::is_array(&articles) {
            return Err(JsError::new("articles must be an array of article objects"));
        }
        let array = js_sys::Array::from(&articles);
        for value in array.iter() {
            if !value.is_object() || js_sys::Array::is_array(&value) {
                builder.reject(
                    None,
                    crate::cat!("expected an article object, found ", type_name(&value)),
                );
                continue;
            }
            builder.add_raw(js::raw_article(&value));
        }
        let inner = builder.build().map_err(|e| JsError::new(&e))?;
        Ok(RelatedIndex { inner })
    }

    /// The related list for `query` (an id or URL: text or a whole number; or an article
    /// object) with `options` (`{ limit, minScore, diversify, exclude }`, all optional): an
    /// array of `{ id, url, title, summary, category, date, image, score, why: { terms } }`.
    pub fn related(&self, query: JsValue, options: JsValue) -> Result<JsValue, JsError> {
        let options = related_options(&options)?;
        let found = if let Some(id) = name(&query) {
            self.inner.related(Query::Id(&id), &options)
        } else if query.is_object() {
            let raw = js::raw_article(&query);
            // An object naming an indexed article by id (text or a whole number, as in records)
            // or by URL (text) needs no text of its own.
            let by_id = match &raw.id {
                Some(Loose::Text(id) | Loose::Number(id)) => self.inner.position(id),
                _ => None,
            };
            let indexed = by_id.or_else(|| match &raw.url {
                Some(Loose::Text(url)) => self.inner.position(url),
                _ => None,
            });
            if let Some(p) = indexed {
                let id = self.inner.articles()[p].id.clone();
                return self.items(self.inner.related(Query::Id(&id), &options));
            }
            let (article, _) = raw.validate(0).map_err(|r| {
                JsError::new(&crate::cat!("the query article is unusable: ", r.reason))
            })?;
            self.inner.related(Query::Article(&article), &options)
        } else {
            return Err(JsError::new(
                "related() needs an article id or URL (text or a whole number) or an article object",
            ));
        };
        self.items(found)
    }

    /// The cosine similarity of two indexed articles (ids or URLs: text or whole numbers), in
    /// [0, 1].
    pub fn similarity(&self, a: JsValue, b: JsValue) -> Result<f64, JsError> {
        let (Some(a), Some(b)) = (name(&a), name(&b)) else {
            return Err(JsError::new(
                "similarity() needs two article ids or URLs (text or whole numbers)",
            ));
        };
        self.inner
            .similarity(&a, &b)
            .map(f64::from)
            .map_err(|e| JsError::new(&e))
    }

    /// Records that were skipped: `[{ position, id, reason }]`.
    #[wasm_bindgen(getter)]
    pub fn rejected(&self) -> JsValue {
        list(self.inner.rejected(), rejected)
    }

    /// Fields dropped from kept records: `[{ position, id, field, reason }]`.
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> JsValue {
        list(self.inner.warnings(), warning)
    }

    fn items(&self, found: Result<Vec<crate::Related>, String>) -> Result<JsValue, JsError> {
        let found = found.map_err(|e| JsError::new(&e))?;
        Ok(list(&found, |r| result_item(&self.inner, r)))
    }

    /// How many articles were indexed.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }
}

/// Parses a feed (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed, or a JSON array of article
/// objects; recognised from the content) into `{ format, lang, articles, rejected: [{ position,
/// id, reason }], warnings: [{ position, id, field, reason }], truncated }`, `articles` ready for
/// `RelatedIndex`; `truncated` is true when an XML feed ends before its root element closes (a
/// cut-off file).
///
/// `body` is a string (text already decoded: its XML `encoding` declaration, a BOM and any
/// charset in `contentType` are ignored), or a `Uint8Array` or `ArrayBuffer` of bytes (decoded by
/// BOM, `contentType` charset, XML declaration, in that order). `options` is `{ contentType,
/// baseUrl, lang }`, each optional text: the response's `Content-Type`, the feed's URL (relative
/// links resolve against it), the page's language (for entries when the feed names none).
/// Throws when the body is not a feed at all, or an argument is of the wrong kind (a positional
/// `parseFeed(bytes, contentType, …)` among them); bad entries are listed in `rejected`.
#[wasm_bindgen(js_name = parseFeed)]
pub fn parse_feed(body: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    option_keys(&options, &["contentType", "baseUrl", "lang"])?;
    let (content_type, base_url, page_lang) = (
        text(&options, "contentType")?,
        text(&options, "baseUrl")?,
        text(&options, "lang")?,
    );
    let ctx = crate::feed::FeedContext {
        base_url: base_url.as_deref(),
        content_type: content_type.as_deref(),
        page_lang: page_lang.as_deref(),
    };
    let feed = if let Some(text) = body.as_string() {
        crate::feed::parse_text(&text, &ctx)
    } else if get(&body, "byteLength").as_f64().is_some() {
        // An ArrayBuffer or a typed array (Node's Buffer is one), told by the property they
        // share rather than `instanceof` (an import and its glue for each class); a Blob or a
        // Response has none, and is named in the error below.
        crate::feed::parse(&js_sys::Uint8Array::new(&body).to_vec(), &ctx)
    } else {
        return Err(JsError::new(&crate::cat!(
            "parseFeed needs the body as a string, a Uint8Array or an ArrayBuffer, found ",
            type_name(&body)
        )));
    };
    let feed = feed.map_err(|e| JsError::new(&e.message()))?;
    let out = Object::new()
        .set("format", feed.format.name().into())
        .set(
            "lang",
            feed.lang.as_deref().map_or(JsValue::NULL, JsValue::from),
        )
        .set("articles", list(feed.articles(), article))
        .set("rejected", list(feed.rejected(), rejected))
        .set("warnings", list(feed.warnings(), warning))
        .set("truncated", feed.truncated.into());
    Ok(out.0.into())
}

/// A plain JS object under construction.
struct Object(js_sys::Object);

impl Object {
    fn new() -> Object {
        Object(js_sys::Object::new())
    }

    /// Sets a key. `Reflect.set` on a fresh plain object cannot fail, so its result is ignored.
    fn set(self, key: &str, value: JsValue) -> Object {
        let _ = js_sys::Reflect::set(&self.0, &key.into(), &value);
        self
    }

    /// Sets a key only when there is a value: absent fields are left out, as in the CLI's JSON.
    fn maybe(self, key: &str, value: Option<&str>) -> Object {
        match value {
            Some(v) => self.set(key, v.into()),
            None => self,
        }
    }
}

fn list<T>(items: impl IntoIterator<Item = T>, to_js: impl Fn(T) -> JsValue) -> JsValue {
    // `push` rather than `collect`: js-sys's `Extend` is a larger instance for each item type.
    let array = js_sys::Array::new();
    for item in items {
        array.push(&to_js(item));
    }
    array.into()
}

fn strings(items: &[String]) -> JsValue {
    list(items, |s| JsValue::from(s.as_str()))
}

/// The fields an article and a result begin with, in order: `{ id, url?, title, summary,
/// category? }`.
fn article_head(a: &crate::Article) -> Object {
    Object::new()
        .set("id", a.id.as_str().into())
        .maybe("url", a.url.as_deref())
        .set("title", a.title.as_str().into())
        .set("summary", a.summary.as_str().into())
        .maybe("category", a.category.as_deref())
}

/// `{ id, url?, title, summary, category?, tags?, date?, lang?, image? }`, as [`crate::Article`]
/// serialises.
fn article(a: &crate::Article) -> JsValue {
    let o = article_head(a);
    let o = if a.tags.is_empty() {
        o
    } else {
        o.set("tags", strings(&a.tags))
    };
    o.maybe("date", a.date.as_deref())
        .maybe("lang", a.lang.as_deref())
        .maybe("image", a.image.as_deref())
        .0
        .into()
}

/// `{ id, url?, title, summary, category?, date?, image?, score, why: { terms } }`, as
/// [`crate::ResultItem`] serialises. Built from the [`crate::Related`] and its article directly:
/// a `ResultItem` would copy the `why` terms only to drop them.
fn result_item(index: &Index, r: &crate::Related) -> JsValue {
    let a = &index.articles()[r.position];
    let why = Object::new().set("terms", strings(&r.terms));
    article_head(a)
        .maybe("date", a.date.as_deref())
        .maybe("image", a.image.as_deref())
        .set("score", r.rounded_score().into())
        .set("why", why.0.into())
        .0
        .into()
}

/// `{ position, id?, reason }`.
fn rejected(r: &crate::Rejected) -> JsValue {
    Object::new()
        .set("position", (r.position as f64).into())
        .maybe("id", r.id.as_deref())
        .set("reason", r.reason.as_str().into())
        .0
        .into()
}

/// `{ position, id, field, reason }`.
fn warning(w: &crate::Warning) -> JsValue {
    Object::new()
        .set("position", (w.position as f64).into())
        .set("id", w.id.as_str().into())
        .set("field", w.field.into())
        .set("reason", w.reason.as_str().into())
        .0
        .into()
}

/// The keys of an options object, checked against the known ones; `None` for undefined/null.
fn option_keys(value: &JsValue, known: &[&str]) -> Result<Option<()>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        // The keys in the message: a positional call (`parseFeed(bytes, contentType)`) is told
        // what the object holds.
        let keys = crate::message::join(known, ", ");
        return Err(JsError::new(&crate::cat!(
            "options must be an object { ",
            keys,
            " }"
        )));
    }
    for key in js_sys::Object::keys(&js_sys::Object::from(value.clone())).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            let expected = crate::message::join(known, ", ");
            return Err(JsError::new(&crate::cat!(
                "invalid options: unknown option \"",
                key,
                "\" (expected one of ",
                expected,
                ")"
            )));
        }
    }
    Ok(Some(()))
}

/// A numeric option: absent is `None`; present but not a number is an error naming it.
fn number(value: &JsValue, key: &str) -> Result<Option<f64>, JsError> {
    let v = get(value, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_f64()
        .map(Some)
        .ok_or_else(|| JsError::new(&crate::cat!("invalid options: ", key, " must be a number")))
}

/// A text option: absent, null or empty is `None`; present but not text is an error naming it.
fn text(value: &JsValue, key: &str) -> Result<Option<String>, JsError> {
    let v = get(value, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_string() {
        Some(s) => Ok(Some(s).filter(|s| !s.is_empty())),
        None => Err(JsError::new(&crate::cat!(
            "invalid options: ",
            key,
            " must be a string"
        ))),
    }
}

/// An article named in a call (`related(12345)`, `exclude: ["a", 1]`, `similarity`): text or a
/// whole number, the rule ids follow in records; `None` for anything else.
fn name(value: &JsValue) -> Option<String> {
    js::loose(value)?.into_name()
}

/// `exclude`: one id or URL (never split: URLs may hold commas), or a list of them.
fn names(value: &JsValue) -> Option<Vec<String>> {
    if let Some(one) = name(value) {
        return Some(vec![one]);
    }
    if !js_sys::Array::is_array(value) {
        return None;
    }
    let mut list = Vec::new();
    for item in js_sys::Array::from(value).iter() {
        list.push(name(&item)?);
    }
    Some(list)
}

/// A boolean option: absent is `None`; present but not a boolean is an error naming it.
fn boolean(value: &JsValue, key: &str) -> Result<Option<bool>, JsError> {
    let v = get(value, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_bool().map(Some).ok_or_else(|| {
        JsError::new(&crate::cat!(
            "invalid options: ",
            key,
            " must be true or false"
        ))
    })
}

fn index_options(value: &JsValue) -> Result<IndexOptions, JsError> {
    let mut options = IndexOptions::default();
    if option_keys(value, &["html", "titleWeight"])?.is_some() {
        if let Some(w) = number(value, "titleWeight")? {
            options.title_weight = w as f32;
        }
        if let Some(html) = boolean(value, "html")? {
            options.html = html;
        }
    }
    options
        .validate()
        .map_err(|e| JsError::new(&crate::cat!("invalid options: ", e)))?;
    Ok(options)
}

fn related_options(value: &JsValue) -> Result<RelatedOptions, JsError> {
    let mut options = RelatedOptions::default();
    if option_keys(value, &["limit", "minScore", "diversify", "exclude"])?.is_some() {
        if let Some(limit) = number(value, "limit")? {
            if limit.fract() != 0.0 || !(0.0..=MAX_LIMIT as f64).contains(&limit) {
                return Err(JsError::new(&crate::cat!(
                    "invalid options: limit must be a whole number between 0 and ",
                    crate::message::decimal(MAX_LIMIT as i64)
                )));
            }
            options.limit = limit as usize;
        }
        if let Some(min) = number(value, "minScore")? {
            options.min_score = min as f32;
        }
        if let Some(diversify) = boolean(value, "diversify")? {
            options.diversify = diversify;
        }
        let exclude = get(value, "exclude");
        if !exclude.is_undefined() && !exclude.is_null() {
            options.exclude = names(&exclude).ok_or_else(|| {
                JsError::new(
                    "invalid options: exclude must be an id or URL, or a list of them \
                     (each text or a whole number)",
                )
            })?;
        }
    }
    options
        .validate()
        .map_err(|e| JsError::new(&crate::cat!("invalid options: ", e)))?;
    Ok(options)
}

fn type_name(value: &JsValue) -> &'static str {
    if value.is_null() {
        "null"
    } else if value.is_undefined() {
        "undefined"
    } else if js_sys::Array::is_array(value) {
        "an array"
    } else if value.as_string().is_some() {
        "a string"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.is_object() {
        "an object"
    } else {
        "a value of another type"
    }
}
