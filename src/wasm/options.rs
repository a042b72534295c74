//! Arguments from JS, checked: options objects (unknown keys and values of the wrong kind are
//! errors naming the option), and articles named by id or URL.

use wasm_bindgen::{JsError, JsValue};

use super::json::get;
use crate::article::JsonValue;
use crate::feed::FeedContext;
use crate::rank::MAX_LIMIT;
use crate::{IndexOptions, RelatedOptions};

/// The keys of `parseFeed`'s options.
pub(crate) const FEED_KEYS: [&str; 3] = ["contentType", "baseUrl", "lang"];

/// Checks the keys of an options object against the known ones: `false` for undefined or null
/// (no options given), `true` for an object with known keys only, an error otherwise.
pub(crate) fn option_keys(value: &JsValue, known: &[&str]) -> Result<bool, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(false);
    }
    if !value.is_record() {
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
    Ok(true)
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

/// An article named in a call (`related(12345)`, `exclude: ["a", 1]`, `similarity`): text or a
/// whole number, the rule ids follow in records; `None` for anything else.
pub(crate) fn name(value: &JsValue) -> Option<String> {
    value.clone().loose()?.into_name()
}

/// `exclude`: one id or URL (never split: URLs may hold commas), or a list of them.
fn names(value: &JsValue) -> Option<Vec<String>> {
    if let Some(one) = name(value) {
        return Some(vec![one]);
    }
    let mut list = Vec::new();
    for item in value.clone().into_items().ok()? {
        list.push(name(&item)?);
    }
    Some(list)
}

/// What the feed's response said besides its body: `{ contentType, baseUrl, lang }`, each
/// optional text.
pub(crate) struct FeedOptions {
    content_type: Option<String>,
    base_url: Option<String>,
    page_lang: Option<String>,
}

impl FeedOptions {
    /// The feed options in `value`, whose keys [`option_keys`] has checked.
    pub(crate) fn read(value: &JsValue) -> Result<FeedOptions, JsError> {
        Ok(FeedOptions {
            content_type: text(value, "contentType")?,
            base_url: text(value, "baseUrl")?,
            page_lang: text(value, "lang")?,
        })
    }

    pub(crate) fn context(&self) -> FeedContext<'_> {
        FeedContext {
            base_url: self.base_url.as_deref(),
            content_type: self.content_type.as_deref(),
            page_lang: self.page_lang.as_deref(),
        }
    }
}

/// `createIndex`'s options, `{ html, titleWeight }`, from an object whose keys [`option_keys`]
/// has checked (or from no object, `given` false: the defaults).
pub(crate) fn index_options(value: &JsValue, given: bool) -> Result<IndexOptions, JsError> {
    let mut options = IndexOptions::default();
    if given {
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

/// `related`'s options, `{ limit, minScore, diversify, exclude }`.
pub(crate) fn related_options(value: &JsValue) -> Result<RelatedOptions, JsError> {
    let mut options = RelatedOptions::default();
    if option_keys(value, &["limit", "minScore", "diversify", "exclude"])? {
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

/// What a value is, for messages: "null", "an array", "a string", ….
pub(crate) fn type_name(value: &JsValue) -> &'static str {
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
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.is_object() {
        "an object"
    } else {
        "a value of another type"
    }
}
