//! Records read from parsed JSON, whatever parsed it: [`JsonValue`] is what a reader needs of a
//! value, implemented by serde_json's `Value` natively (here) and by the JS value in the wasm
//! (`src/wasm/json.rs`). One reader over it ([`RawArticle::from_object`]) serves the CLI's JSON
//! Lines, feeds' JSON arrays and `createIndex`'s objects, so a field's aliases and the lenient
//! reading of its value have one home.

use super::{Loose, RawArticle, Tags};

/// A parsed JSON value, as the record readers walk it. Objects are read by taking their fields
/// out one at a time, arrays by iterating their items.
pub trait JsonValue: Sized {
    /// An array's items, in order.
    type Items: IntoIterator<Item = Self>;

    /// The field `key` of an object, taken out of it (the object may keep it or give it up):
    /// null when it is absent or when `self` is not an object.
    fn take(&mut self, key: &str) -> Self;

    /// The value as a field holds it: text, a number, or the kind of anything else; `None` for
    /// null (a null field is an absent field).
    fn loose(self) -> Option<Loose>;

    /// The items when the value is an array, else the value itself.
    fn into_items(self) -> Result<Self::Items, Self>;

    /// Whether the value is an object: not an array, not null.
    fn is_record(&self) -> bool;
}

/// The field `key`, else its alias (`""` for none): the field's own name wins when it holds a
/// value, as JS reads `a.url ?? a.link`.
#[inline(never)]
pub(crate) fn field<V: JsonValue>(v: &mut V, key: &str, alias: &str) -> Option<Loose> {
    v.take(key).loose().or_else(|| match alias {
        "" => None,
        alias => v.take(alias).loose(),
    })
}

/// `tags`: a list (null items skipped, as a null field is no field), or one comma-separated
/// string; `None` when absent.
pub(crate) fn tags<V: JsonValue>(v: &mut V) -> Option<Tags> {
    match v.take("tags").into_items() {
        Ok(items) => {
            let mut list = Vec::new();
            for item in items {
                list.extend(item.loose());
            }
            Some(Tags::List(list))
        }
        Err(other) => match other.loose()? {
            Loose::Text(s) => Some(Tags::split(&s)),
            other => Some(Tags::Unusable(other.kind())),
        },
    }
}

impl RawArticle {
    /// Reads a record from a parsed JSON object, with the aliases `link`, `description` and
    /// `language` filling `url`, `summary` and `lang` when those are absent; the value back
    /// when it is not an object (an array is not a record, though its items line up with fields).
    ///
    /// Examples: [`RawArticle::from_json`], which reads through it.
    pub fn from_object<V: JsonValue>(mut v: V) -> Result<RawArticle, V> {
        if !v.is_record() {
            return Err(v);
        }
        Ok(RawArticle {
            id: field(&mut v, "id", ""),
            url: field(&mut v, "url", "link"),
            title: field(&mut v, "title", ""),
            summary: field(&mut v, "summary", "description"),
            category: field(&mut v, "category", ""),
            tags: tags(&mut v),
            date: field(&mut v, "date", ""),
            lang: field(&mut v, "lang", "language"),
            image: field(&mut v, "image", ""),
        })
    }
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod native {
    use serde_json::Value;

    use super::JsonValue;
    use crate::article::{Loose, RawArticle};

    /// serde_json's values, for the CLI and the native library. Numbers are read through `f64`,
    /// as JS reads the same JSON: the same ids on both paths, 2^53 and all.
    impl JsonValue for Value {
        type Items = Vec<Value>;

        fn take(&mut self, key: &str) -> Value {
            match self {
                Value::Object(map) => map.remove(key).unwrap_or(Value::Null),
                _ => Value::Null,
            }
        }

        fn loose(self) -> Option<Loose> {
            Some(match self {
                Value::Null => return None,
                Value::String(s) => Loose::Text(s),
                Value::Number(n) => Loose::number(n.as_f64().unwrap_or(f64::NAN)),
                Value::Bool(_) => Loose::Unusable("a boolean"),
                Value::Array(_) => Loose::Unusable("a list"),
                Value::Object(_) => Loose::Unusable("an object"),
            })
        }

        fn into_items(self) -> Result<Vec<Value>, Value> {
            match self {
                Value::Array(items) => Ok(items),
                other => Err(other),
            }
        }

        fn is_record(&self) -> bool {
            self.is_object()
        }
    }

    impl RawArticle {
        /// Reads one record from JSON text (a line of JSON Lines): as
        /// [`from_object`](RawArticle::from_object), with a reason when the text is not JSON
        /// or not an object. A key given twice is read as JS reads it: the last one holds.
        ///
        /// ```
        /// use related_articles::{Loose, RawArticle, Tags};
        /// let read = |json: &str| RawArticle::from_json(json).unwrap();
        /// let raw = read(r#"{"id": 7, "title": true, "tags": ["a", 1, null], "extra": [1]}"#);
        /// assert_eq!(raw.id, Some(Loose::Number("7".into())));
        /// assert_eq!(raw.title, Some(Loose::Unusable("a boolean")));
        /// assert_eq!(raw.tags, Some(Tags::List(vec![Loose::Text("a".into()), Loose::Number("1".into())])));
        /// // Aliases fill a field that is absent or null; the field's own name wins.
        /// let raw = read(r#"{"link": "https://a.example/", "url": "https://b.example/", "description": "d", "lang": null, "language": "fr"}"#);
        /// assert_eq!(raw.url, Some(Loose::Text("https://b.example/".into())));
        /// assert_eq!((raw.summary, raw.lang), (Some(Loose::Text("d".into())), Some(Loose::Text("fr".into()))));
        /// assert_eq!(read(r#"{"tags": 1.5}"#).tags, Some(Tags::Unusable("a fractional number")));
        /// assert_eq!(read(r#"{"tags": "x, y"}"#).tags, Some(Tags::split("x, y")));
        /// let raw = read(r#"{"id": 7, "title": "a", "title": "b"}"#);
        /// assert_eq!(raw.title, Some(Loose::Text("b".into())));
        /// // Anything else is named as `createIndex` names it.
        /// assert_eq!(RawArticle::from_json("[1, 2, 3]").unwrap_err(), "expected an article object, found an array");
        /// assert_eq!(RawArticle::from_json("true").unwrap_err(), "expected an article object, found a boolean");
        /// assert_eq!(RawArticle::from_json("  null").unwrap_err(), "expected an article object, found null");
        /// assert!(RawArticle::from_json("{not json").unwrap_err().starts_with("not a valid article object: key must be a string"));
        /// assert!(RawArticle::from_json("not json").unwrap_err().starts_with("not a valid article object: "));
        /// ```
        pub fn from_json(text: &str) -> Result<RawArticle, String> {
            let value: Value = serde_json::from_str(text)
                .map_err(|e| format!("not a valid article object: {e}"))?;
            RawArticle::from_object(value).map_err(|other| {
                let found = match other {
                    Value::Null => "null",
                    Value::Bool(_) => "a boolean",
                    Value::Number(_) => "a number",
                    Value::String(_) => "a string",
                    Value::Array(_) => "an array",
                    Value::Object(_) => "an object",
                };
                format!("expected an article object, found {found}")
            })
        }
    }
}
