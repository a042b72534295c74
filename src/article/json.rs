//! Records read from JSON with serde (the CLI's JSON Lines, feeds' JSON arrays natively), into
//! the same [`RawArticle`] the wasm boundary reads from JS objects (`feed::json::js`): one
//! shape, so one validation for both. Native and wasm read the same values the same way: a
//! number goes through `f64` as in JS, a field's own name beats its alias.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

use super::{Loose, RawArticle, Tags};

/// A record as JSON spells it, aliases apart: `link` and `url` are both read, and the field's own
/// name wins (as the wasm boundary reads JS objects), where a serde `alias` would reject a record
/// that gives both as a duplicate field.
#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct JsonRecord {
    id: Option<Loose>,
    url: Option<Loose>,
    link: Option<Loose>,
    title: Option<Loose>,
    summary: Option<Loose>,
    description: Option<Loose>,
    category: Option<Loose>,
    tags: Option<Tags>,
    date: Option<Loose>,
    lang: Option<Loose>,
    language: Option<Loose>,
    image: Option<Loose>,
}

impl From<JsonRecord> for RawArticle {
    fn from(r: JsonRecord) -> RawArticle {
        RawArticle {
            id: r.id,
            url: r.url.or(r.link),
            title: r.title,
            summary: r.summary.or(r.description),
            category: r.category,
            tags: r.tags,
            date: r.date,
            lang: r.lang.or(r.language),
            image: r.image,
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
impl RawArticle {
    /// Reads one record from JSON text (a line of JSON Lines). Only an object is a record:
    /// serde alone would also read a struct from an array, taking `[1, 2, 3]` as id, url, title.
    ///
    /// ```
    /// use related_articles::{Loose, RawArticle, Tags};
    /// let raw = RawArticle::from_json(r#"{"id": 7, "title": true, "tags": ["a", 1], "extra": [1]}"#).unwrap();
    /// assert_eq!(raw.id, Some(Loose::Number("7".into())));
    /// assert_eq!(raw.title, Some(Loose::Unusable("a boolean")));
    /// assert_eq!(raw.tags, Some(Tags::List(vec![Loose::Text("a".into()), Loose::Number("1".into())])));
    /// // Aliases fill a field that is absent; the field's own name wins.
    /// let raw = RawArticle::from_json(r#"{"link": "https://a.example/", "url": "https://b.example/", "description": "d"}"#).unwrap();
    /// assert_eq!(raw.url, Some(Loose::Text("https://b.example/".into())));
    /// assert_eq!(raw.summary, Some(Loose::Text("d".into())));
    /// // Anything else is named as `createIndex` names it.
    /// assert_eq!(RawArticle::from_json("[1, 2, 3]").unwrap_err(), "expected an article object, found an array");
    /// assert_eq!(RawArticle::from_json("true").unwrap_err(), "expected an article object, found a boolean");
    /// assert!(RawArticle::from_json("{not json").unwrap_err().starts_with("not a valid article object: "));
    /// assert!(RawArticle::from_json("not json").unwrap_err().starts_with("not a valid article object: "));
    /// ```
    pub fn from_json(text: &str) -> Result<RawArticle, String> {
        if !text.trim_start().starts_with('{') {
            use serde_json::Value;
            let found = match serde_json::from_str::<Value>(text) {
                Ok(Value::Null) => "null",
                Ok(Value::Bool(_)) => "a boolean",
                Ok(Value::Number(_)) => "a number",
                Ok(Value::String(_)) => "a string",
                Ok(Value::Array(_)) => "an array",
                Ok(Value::Object(_)) => "an object",
                Err(e) => return Err(format!("not a valid article object: {e}")),
            };
            return Err(format!("expected an article object, found {found}"));
        }
        serde_json::from_str(text).map_err(|e| format!("not a valid article object: {e}"))
    }
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
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose, E> {
        Ok(Loose::Text(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Loose, E> {
        Ok(Loose::Text(v))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Loose, E> {
        Ok(Loose::Unusable("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose, E> {
        // Through f64, as JS reads the same JSON: the same ids on both paths, 2^53 and all.
        Ok(Loose::number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose, E> {
        Ok(Loose::number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Loose, E> {
        Ok(Loose::number(v))
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
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tags, E> {
        Ok(Tags::split(v))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Tags, E> {
        Ok(Tags::Unusable("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tags, E> {
        self.visit_f64(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tags, E> {
        self.visit_f64(v as f64)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Tags, E> {
        // Named as the wasm boundary names it ("a number", "a fractional number").
        Ok(Tags::Unusable(Loose::number(v).kind()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tags, A::Error> {
        let mut tags = Vec::new();
        // A null item is no tag, as a null field is no field.
        while let Some(item) = seq.next_element::<Option<Loose>>()? {
            tags.extend(item);
        }
        Ok(Tags::List(tags))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Tags, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Tags::Unusable("an object"))
    }
}
