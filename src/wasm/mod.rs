//! The wasm boundary: the only `#[wasm_bindgen]` surface, and the only code that knows about JS
//! (`js_sys`, `web_sys`, `wasm_bindgen`; `tests/boundary.rs` fails when other code names them).
//!
//! Publishers use the JS API in `www/core.js` (`createIndex`, `indexFeed`, `parseFeed`), which
//! loads the module and returns this class as its `Index` (typed in `related-articles.d.ts`).
//! Objects leave as plain JSON-compatible values (`object.rs`): objects and arrays,
//! never `Map`s; an absent optional field is left out, as `serde_json` does for the CLI. Records
//! are read one at a time through the same reader as the CLI's JSON (`json.rs`), so that a bad
//! one is named and skipped, never fatal to the rest. Nothing here panics on input: a panic
//! would abort the module for the whole page.

use wasm_bindgen::prelude::*;

use crate::article::JsonValue;
use crate::feed::{self, Feed};
use crate::{Index, IndexBuilder, IndexOptions, Loose, Query, RawArticle};

mod json;
mod object;
mod options;

use json::{get, Browser};
use options::{index_options, name, option_keys, related_options, type_name, FeedOptions};

/// An index over a set of articles: the JS API's `Index` (`createIndex`, `indexFeed`).
#[wasm_bindgen]
pub struct RelatedIndex {
    inner: Index,
    /// Whether the feed it was made from ends before its root element closes.
    truncated: bool,
}

#[wasm_bindgen]
impl RelatedIndex {
    /// Indexes `source` with `options` (`undefined` for the defaults):
    /// - an array of article objects, `options` `{ html, titleWeight }` (`createIndex`). Throws
    ///   when an option is invalid or no record is valid;
    /// - anything else is a feed's body, read as [`parse_feed`] reads it (`options` alike), its
    ///   articles indexed in the same step, so they never become JS objects to be read back
    ///   (`indexFeed`). Throws as `parseFeed` does; a feed with no usable entry gives an empty
    ///   index.
    ///
    /// Invalid records and feed entries are listed in `rejected`, dropped fields in `warnings`.
    #[wasm_bindgen(constructor)]
    pub fn new(source: JsValue, options: JsValue) -> Result<RelatedIndex, JsError> {
        let items = match source.into_items() {
            Ok(items) => items,
            Err(body) => return from_feed(&body, &options),
        };
        let given = option_keys(&options, &["html", "titleWeight"])?;
        let mut builder = builder(index_options(&options, given)?)?;
        for value in items {
            match RawArticle::from_object(value) {
                Ok(raw) => builder.add_raw(raw),
                Err(value) => {
                    let reason =
                        crate::cat!("expected an article object, found ", type_name(&value));
                    builder.reject(None, reason);
                }
            }
        }
        let inner = builder.build().map_err(|e| JsError::new(&e))?;
        Ok(RelatedIndex {
            inner,
            truncated: false,
        })
    }

    /// The indexed article of an id or URL (text or a whole number), as `parseFeed` gives
    /// articles; `undefined` when none is indexed under it.
    pub fn article(&self, key: JsValue) -> JsValue {
        let found = name(&key).and_then(|k| self.inner.position(&k));
        match found.and_then(|p| self.inner.articles().get(p)) {
            Some(a) => object::article(a),
            None => JsValue::UNDEFINED,
        }
    }

    /// Whether the feed the index was made from looks cut off (see `parseFeed`); false for an
    /// index of article objects.
    #[wasm_bindgen(getter)]
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// The related list for `query` (an id or URL: text or a whole number; or an article
    /// object) with `options` (`{ limit, minScore, diversify, exclude }`, all optional): an
    /// array of `{ id, url, title, summary, category, date, image, score, why: { terms } }`.
    pub fn related(&self, query: JsValue, options: JsValue) -> Result<JsValue, JsError> {
        let options = related_options(&options)?;
        let found = if let Some(id) = name(&query) {
            self.inner.related(Query::Id(&id), &options)
        } else if let Ok(raw) = RawArticle::from_object(query) {
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
            match indexed.and_then(|p| self.inner.articles().get(p)) {
                Some(a) => self.inner.related(Query::Id(&a.id), &options),
                None => {
                    let (article, _) = raw.validate(0).map_err(|r| {
                        JsError::new(&crate::cat!("the query article is unusable: ", r.reason))
                    })?;
                    self.inner.related(Query::Article(&article), &options)
                }
            }
        } else {
            return Err(JsError::new(
                "related() needs an article id or URL (text or a whole number) or an article object",
            ));
        };
        let found = found.map_err(|e| JsError::new(&e))?;
        Ok(object::results(&self.inner, &found))
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
        object::list(self.inner.rejected(), object::rejected)
    }

    /// Fields dropped from kept records: `[{ position, id, field, reason }]`.
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> JsValue {
        object::list(self.inner.warnings(), object::warning)
    }

    /// How many articles were indexed.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }
}

/// A builder for `options`, its hash maps seeded afresh: std's seed would be the same on every
/// page load (it has no entropy source on wasm32-unknown-unknown). `Math.random()` gives 52
/// random mantissa bits per call; two calls, one shifted, fill the 64.
fn builder(options: IndexOptions) -> Result<IndexBuilder, JsError> {
    let random = || js_sys::Math::random().to_bits();
    let seed = random() << 12 ^ random();
    IndexBuilder::with_seed(options, seed).map_err(|e| JsError::new(&e))
}

/// A feed's articles indexed as they are parsed (see [`RelatedIndex::new`]).
fn from_feed(body: &JsValue, options: &JsValue) -> Result<RelatedIndex, JsError> {
    option_keys(options, &options::FEED_KEYS)?;
    let feed = read_feed(body, &FeedOptions::read(options)?)?;
    let truncated = feed.truncated;
    // The feed reader's text is plain already.
    let mut builder = builder(IndexOptions {
        html: false,
        ..IndexOptions::default()
    })?;
    builder.add_feed(feed);
    Ok(RelatedIndex {
        inner: builder.finish(),
        truncated,
    })
}

/// Reads a feed's body: a string is text already decoded; a `Uint8Array` or `ArrayBuffer` is
/// bytes, decoded by `parse_on`.
fn read_feed(body: &JsValue, options: &FeedOptions) -> Result<Feed, JsError> {
    let ctx = options.context();
    let feed = if let Some(text) = body.as_string() {
        feed::parse_text_on(&Browser, &text, &ctx)
    } else if get(body, "byteLength").as_f64().is_some() {
        // An ArrayBuffer or a typed array (Node's Buffer is one), told by the property they
        // share rather than `instanceof` (an import and its glue for each class); a Blob or a
        // Response has none, and is named in the error below.
        feed::parse_on(&Browser, &js_sys::Uint8Array::new(body).to_vec(), &ctx)
    } else {
        return Err(JsError::new(&crate::cat!(
            "a feed's body must be a string, a Uint8Array or an ArrayBuffer, found ",
            type_name(body)
        )));
    };
    feed.map_err(|e| JsError::new(&e.message()))
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
    option_keys(&options, &options::FEED_KEYS)?;
    let feed = read_feed(&body, &FeedOptions::read(&options)?)?;
    Ok(object::Object::new()
        .set("format", feed.format.name().into())
        .set(
            "lang",
            feed.lang.as_deref().map_or(JsValue::NULL, JsValue::from),
        )
        .set("articles", object::list(feed.articles(), object::article))
        .set("rejected", object::list(feed.rejected(), object::rejected))
        .set("warnings", object::list(feed.warnings(), object::warning))
        .set("truncated", feed.truncated.into())
        .done())
}
