//! JS values as the core reads them: [`JsonValue`] for `createIndex`'s article objects and for
//! what `JSON.parse` makes of a JSON feed, and the [`Platform`] of the browser (its own
//! `JSON.parse` and `TextDecoder`) for the feed reader.
//!
//! Not serde: any serde `Deserialize` links its error formatting, and with it Rust's float
//! formatter, into every page's download; and the engine parses JSON and decodes legacy
//! charsets already (`encoding_rs`'s tables would cost more than the whole feed parser).

use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::article::{JsonValue, Loose};
use crate::feed::Platform;
use crate::limits::FIELD_BYTES;

/// A property of a JS value: `undefined` when absent, or when reading it throws (a getter, or
/// `value` is not an object).
#[inline(never)]
pub(crate) fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

impl JsonValue for JsValue {
    type Items = Array;

    fn take(&mut self, key: &str) -> JsValue {
        get(self, key)
    }

    #[inline(never)]
    fn loose(self) -> Option<Loose> {
        Some(if self.is_undefined() || self.is_null() {
            return None;
        } else if let Some(s) = self.dyn_ref::<JsString>() {
            // Copied into wasm memory no further than the limit (one unit past it, so that the
            // validation still sees a field over it and says so).
            Loose::Text(s.slice(0, FIELD_BYTES as u32 + 1).into())
        } else if let Some(n) = self.as_f64() {
            Loose::number(n)
        } else if self.as_bool().is_some() {
            Loose::Unusable("a boolean")
        } else if Array::is_array(&self) {
            Loose::Unusable("a list")
        } else {
            // Objects, and what JSON cannot hold (a function, a symbol, a bigint): no field
            // can use them either.
            Loose::Unusable("an object")
        })
    }

    fn into_items(self) -> Result<Array, JsValue> {
        match Array::is_array(&self) {
            true => Ok(Array::from(&self)),
            false => Err(self),
        }
    }

    fn is_record(&self) -> bool {
        self.is_object() && !Array::is_array(self)
    }
}

/// The browser (or Node): `JSON.parse` and `TextDecoder`, which follow the same JSON grammar and
/// WHATWG encoding table as serde_json and encoding_rs natively.
pub(crate) struct Browser;

impl Platform for Browser {
    type Json = JsValue;
    /// The widget shows no line numbers: no pass to find them.
    const JSON_LINES: bool = false;

    fn parse_json(&self, text: &str) -> Result<JsValue, String> {
        js_sys::JSON::parse(text).map_err(|e| match e.dyn_ref::<js_sys::Error>() {
            Some(e) => String::from(e.message()),
            None => "syntax error".to_owned(),
        })
    }

    fn encoding_name(&self, label: &str) -> Option<String> {
        web_sys::TextDecoder::new_with_label(label)
            .ok()
            .map(|d| d.encoding())
    }

    fn decode(&self, name: &str, bytes: &[u8]) -> String {
        web_sys::TextDecoder::new_with_label(name)
            .and_then(|d| d.decode_with_u8_array(bytes))
            .unwrap_or_default() // only for a name TextDecoder gave us: not reached
    }
}
