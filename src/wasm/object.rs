//! The core's results as plain JS objects: articles, results, rejections and warnings, in the
//! shapes the CLI's JSON has (`serde_json` on the same structs), absent optional fields left out.
//!
//! Built field by field with `Reflect` rather than through
//! `serde_wasm_bindgen::Serializer::json_compatible()`, which gives the same objects: the
//! serializer, its generic code for each type and its cache of interned keys would be paid on
//! every page view, for five small structs (see docs/size.md).

use wasm_bindgen::JsValue;

use crate::{Article, Index, Rejected, Related, Warning};

/// A plain JS object under construction.
pub(crate) struct Object(js_sys::Object);

impl Object {
    pub(crate) fn new() -> Object {
        Object(js_sys::Object::new())
    }

    /// Sets a key. `Reflect.set` on a fresh plain object cannot fail, so its result is ignored.
    pub(crate) fn set(self, key: &str, value: JsValue) -> Object {
        let _ = js_sys::Reflect::set(&self.0, &key.into(), &value);
        self
    }

    /// Sets a key only when there is a value: absent fields are left out, as in the CLI's JSON.
    pub(crate) fn maybe(self, key: &str, value: Option<&str>) -> Object {
        match value {
            Some(v) => self.set(key, v.into()),
            None => self,
        }
    }

    pub(crate) fn done(self) -> JsValue {
        self.0.into()
    }
}

/// A JS array of `items`, each made by `to_js`.
pub(crate) fn list<T>(items: impl IntoIterator<Item = T>, to_js: impl Fn(T) -> JsValue) -> JsValue {
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
fn article_head(a: &Article) -> Object {
    Object::new()
        .set("id", a.id.as_str().into())
        .maybe("url", a.url.as_deref())
        .set("title", a.title.as_str().into())
        .set("summary", a.summary.as_str().into())
        .maybe("category", a.category.as_deref())
}

/// `{ id, url?, title, summary, category?, tags?, date?, lang?, image? }`, as [`Article`]
/// serialises.
pub(crate) fn article(a: &Article) -> JsValue {
    let o = article_head(a);
    let o = match a.tags.is_empty() {
        true => o,
        false => o.set("tags", strings(&a.tags)),
    };
    o.maybe("date", a.date.as_deref())
        .maybe("lang", a.lang.as_deref())
        .maybe("image", a.image.as_deref())
        .done()
}

/// `{ id, url?, title, summary, category?, date?, image?, score, why: { terms } }`, as
/// [`crate::ResultItem`] serialises. Built from the [`Related`] and its article directly: a
/// `ResultItem` would copy the `why` terms only to drop them.
pub(crate) fn result_item(a: &Article, r: &Related) -> JsValue {
    let why = Object::new().set("terms", strings(&r.terms));
    article_head(a)
        .maybe("date", a.date.as_deref())
        .maybe("image", a.image.as_deref())
        .set("score", r.rounded_score().into())
        .set("why", why.done())
        .done()
}

/// The results of a query, as an array of [`result_item`]s.
pub(crate) fn results(index: &Index, found: &[Related]) -> JsValue {
    let array = js_sys::Array::new();
    for r in found {
        // Every position the index gives out is one of its articles.
        if let Some(a) = index.articles().get(r.position) {
            array.push(&result_item(a, r));
        }
    }
    array.into()
}

/// `{ position, id?, reason }`.
pub(crate) fn rejected(r: &Rejected) -> JsValue {
    Object::new()
        .set("position", (r.position as f64).into())
        .maybe("id", r.id.as_deref())
        .set("reason", r.reason.as_str().into())
        .done()
}

/// `{ position, id, field, reason }`.
pub(crate) fn warning(w: &Warning) -> JsValue {
    Object::new()
        .set("position", (w.position as f64).into())
        .set("id", w.id.as_str().into())
        .set("field", w.field.into())
        .set("reason", w.reason.as_str().into())
        .done()
}
