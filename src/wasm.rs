//! The wasm boundary: the only `#[wasm_bindgen]` surface, and the only code that knows about JS.
//!
//! Internal: publishers use the JS API in `www/core.js` (`createIndex`), which wraps this class.
//! Objects cross as plain JSON-compatible values (`serde_wasm_bindgen`'s json-compatible
//! serializer: objects, not `Map`s; `null`, not `undefined`). Records are decoded one at a time so
//! that a bad one is named and skipped, never fatal to the rest. Nothing here panics on input:
//! a panic would abort the module for the whole page.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Index, IndexBuilder, IndexOptions, Query, RawArticle, RelatedOptions};

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
        let options: IndexOptions = decode_options(options)?;
        let mut builder = IndexBuilder::new(options).map_err(|e| JsError::new(&e))?;
        if !js_sys::Array::is_array(&articles) {
            return Err(JsError::new("articles must be an array of article objects"));
        }
        let array = js_sys::Array::from(&articles);
        for value in array.iter() {
            if !value.is_object() || js_sys::Array::is_array(&value) {
                builder.reject(
                    None,
                    format!("expected an article object, found {}", type_name(&value)),
                );
                continue;
            }
            match serde_wasm_bindgen::from_value::<RawArticle>(value.clone()) {
                Ok(raw) => builder.add_raw(raw),
                Err(e) => builder.reject(id_of(&value), format!("not a valid article object: {e}")),
            }
        }
        let inner = builder.build().map_err(|e| JsError::new(&e))?;
        Ok(RelatedIndex { inner })
    }

    /// The related list for `query` (an id or URL string, or an article object) with `options`
    /// (`{ limit, minScore, diversify, exclude }`, all optional): an array of
    /// `{ id, url, title, summary, category, date, image, score, why: { terms } }`.
    pub fn related(&self, query: JsValue, options: JsValue) -> Result<JsValue, JsError> {
        let options: RelatedOptions = decode_options(options)?;
        let found = if let Some(id) = query.as_string() {
            self.inner.related(Query::Id(&id), &options)
        } else if query.is_object() {
            let raw: RawArticle = serde_wasm_bindgen::from_value(query).map_err(|e| {
                JsError::new(&format!("the query is not a valid article object: {e}"))
            })?;
            let (article, _) = raw.validate(0).map_err(|r| {
                JsError::new(&format!("the query article is unusable: {}", r.reason))
            })?;
            self.inner.related(Query::Article(&article), &options)
        } else {
            return Err(JsError::new(
                "related() needs an article id, URL or article object",
            ));
        }
        .map_err(|e| JsError::new(&e))?;
        let items: Vec<_> = found.iter().map(|r| self.inner.result_item(r)).collect();
        to_js(&items)
    }

    /// The cosine similarity of two indexed articles (ids or URLs), in [0, 1].
    pub fn similarity(&self, a: &str, b: &str) -> Result<f64, JsError> {
        self.inner
            .similarity(a, b)
            .map(f64::from)
            .map_err(|e| JsError::new(&e))
    }

    /// Records that were skipped: `[{ position, id, reason }]`.
    #[wasm_bindgen(getter)]
    pub fn rejected(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.rejected())
    }

    /// Fields dropped from kept records: `[{ position, id, field, reason }]`.
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.warnings())
    }

    /// How many articles were indexed.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// `undefined`/`null` are the defaults; anything else must be an object of known options.
fn decode_options<T: Default + serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    if !value.is_object() {
        return Err(JsError::new("options must be an object"));
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

/// The `id` of a record that failed to decode, when it has a readable one.
fn id_of(value: &JsValue) -> Option<String> {
    let id = js_sys::Reflect::get(value, &JsValue::from_str("id")).ok()?;
    id.as_string()
        .or_else(|| id.as_f64().map(|n| n.to_string()))
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
    } else {
        "a value of another type"
    }
}
