//! The page metadata rules: which article a page describes, read from what the page's markup
//! says about itself. They are the widget's rules (`www/page.js`, on the live DOM) applied to
//! what [`read`](super::read) collects from an HTML file, so that a build and the widget agree
//! on every page (`tests/fixtures/pages/` holds pages both are tested on).
//!
//! Each field takes the first source that has a value; an empty or blank value is no value:
//!
//! | field | sources, first first |
//! |---|---|
//! | id | the element's `article-id` |
//! | url | `article-url`, JSON-LD `url`, `mainEntityOfPage`, `og:url`, `<link rel=canonical>`, the page's own URL; resolved against `<base href>` / the page's URL |
//! | title | `article-title`, JSON-LD `headline` (or `name`), `og:title`, the first `<h1>`'s text, `<title>` |
//! | summary | `article-summary`, JSON-LD `description`, `og:description`, `<meta name=description>` |
//! | category | `article-category`, JSON-LD `articleSection`, `article:section` |
//! | tags | JSON-LD `keywords` (a string split on commas, or a list), else every `article:tag` |
//! | date | JSON-LD `datePublished`, `article:published_time` |
//! | image | `og:image`, JSON-LD `image`; resolved like the url |
//! | lang | JSON-LD `inLanguage`, the `lang` of the element or its nearest ancestor (usually `<html lang>`) |
//!
//! "The element" is the page's first `<related-articles>`; its `article-*` attributes override
//! the page's metadata (`article-category` is the one attribute the widget does not read yet).
//! "JSON-LD" is the first node typed `Article`, `NewsArticle`, `BlogPosting` or any other type
//! ending in `Article` (a full IRI such as `https://schema.org/NewsArticle` too), looking into
//! arrays, `@graph` and `mainEntity`, in the first `<script type="application/ld+json">` that
//! parses and has one. A JSON-LD value that is a list counts by its first item, an object by
//! its `@id`, `url`, `name` or `@value`, a number or boolean not at all. A `<meta>` is the first
//! whose `property` or `name` is the one sought.

use serde_json::{Map, Value};

/// One `<meta>` as written (attribute values decoded; names as given).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MetaTag {
    pub property: Option<String>,
    pub name: Option<String>,
    pub http_equiv: Option<String>,
    pub content: Option<String>,
}

/// What [`read`](super::read) collects from a page for the rules: everything decoded, in the
/// order the page has it.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    pub metas: Vec<MetaTag>,
    /// The first `<link rel=canonical>`: `Some(None)` when it has no `href`.
    pub canonical: Option<Option<String>>,
    /// The first `<base href>`.
    pub base: Option<String>,
    /// The text of each `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// The first `<title>`'s text.
    pub title: Option<String>,
    /// The first `<h1>`'s text content.
    pub h1: Option<String>,
    /// The `lang` of `<html>`.
    pub html_lang: Option<String>,
    /// `data-related-articles-ignore` on `<html>` or `<body>`.
    pub ignored: bool,
    /// The first `<related-articles>`.
    pub element: Option<super::read::Element>,
}

/// The article fields the rules pick, before resolution and validation.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Fields {
    pub is_article: bool,
    pub id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub date: Option<String>,
    pub image: Option<String>,
    pub lang: Option<String>,
}

impl Collected {
    /// The first `<meta>` whose `property` or `name` is `key`: its `content`, trimmed, when not
    /// empty (`meta[property=key],meta[name=key]` in `www/page.js`).
    pub fn meta(&self, key: &str) -> Option<String> {
        let m = self
            .metas
            .iter()
            .find(|m| m.property.as_deref() == Some(key) || m.name.as_deref() == Some(key))?;
        nonempty(m.content.as_deref().unwrap_or(""))
    }

    /// The first `<meta>` whose `name` is `key` in any case (`robots`, `related-articles`).
    pub fn named(&self, key: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|m| {
                m.name
                    .as_deref()
                    .is_some_and(|n| n.trim().eq_ignore_ascii_case(key))
            })
            .map(|m| m.content.as_deref().unwrap_or("").trim())
    }

    /// Applies the rules (see the module's table).
    pub fn fields(&self) -> Fields {
        let ld = self.json_ld.iter().find_map(|text| {
            let value: Value = serde_json::from_str(text).ok()?;
            find_article(&value).cloned()
        });
        let empty = Map::new();
        let is_article = ld.is_some()
            || self
                .meta("og:type")
                .is_some_and(|t| t.eq_ignore_ascii_case("article"));
        let ld = ld.as_ref().unwrap_or(&empty);
        let attr = |name: &str| {
            let element = self.element.as_ref()?;
            nonempty(element.attribute(&format!("article-{name}"))?)
        };
        let canonical = || self.canonical.clone().flatten();
        let tags = match ld.get("keywords") {
            Some(Value::String(s)) => s.split(',').map(str::to_owned).collect(),
            Some(Value::Array(items)) => items.iter().filter_map(|t| text(Some(t))).collect(),
            _ => self
                .metas
                .iter()
                .filter(|m| m.property.as_deref() == Some("article:tag"))
                .map(|m| m.content.clone().unwrap_or_default())
                .collect::<Vec<_>>(),
        };
        Fields {
            is_article,
            id: attr("id"),
            url: attr("url")
                .or_else(|| text(ld.get("url")))
                .or_else(|| text(ld.get("mainEntityOfPage")))
                .or_else(|| self.meta("og:url"))
                .or_else(canonical),
            title: attr("title")
                .or_else(|| text(or(ld.get("headline"), ld.get("name"))))
                .or_else(|| self.meta("og:title"))
                .or_else(|| self.h1.as_deref().and_then(nonempty))
                .or_else(|| self.title.as_deref().and_then(nonempty)),
            summary: attr("summary")
                .or_else(|| text(ld.get("description")))
                .or_else(|| self.meta("og:description"))
                .or_else(|| self.meta("description")),
            category: attr("category")
                .or_else(|| text(ld.get("articleSection")))
                .or_else(|| self.meta("article:section")),
            tags: tags.iter().filter_map(|t| nonempty(t)).collect(),
            date: text(ld.get("datePublished")).or_else(|| self.meta("article:published_time")),
            image: self.meta("og:image").or_else(|| text(ld.get("image"))),
            lang: text(ld.get("inLanguage")).or_else(|| self.lang()),
        }
    }

    /// The language the page's list is written in: the element's nearest `lang`, or
    /// `<html lang>` on a page without the element.
    pub fn lang(&self) -> Option<String> {
        match &self.element {
            Some(element) => element.lang.clone(),
            None => self.html_lang.as_deref().and_then(nonempty),
        }
    }
}

/// `s` trimmed, or `None` when nothing is left.
pub(crate) fn nonempty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// Whether a JSON value is truthy in JS: `a || b` takes `a` then.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// JS's `a || b` on two JSON values that may be missing.
fn or<'v>(a: Option<&'v Value>, b: Option<&'v Value>) -> Option<&'v Value> {
    a.filter(|v| truthy(v)).or(b)
}

/// A JSON-LD value as text: a string trimmed, a list's first item, an object's `@id`, `url`,
/// `name` or `@value` (the first truthy one, as JS's `||` picks it); a number, boolean or null is
/// no text.
///
/// Recursion is bounded: serde_json refuses input nested deeper than 128 levels.
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => nonempty(s),
        Value::Array(items) => text(items.first()),
        Value::Object(o) => {
            let pick = ["@id", "url", "name", "@value"]
                .iter()
                .fold(None, |found, key| or(found, o.get(*key)));
            text(pick)
        }
        _ => None,
    }
}

/// The first article node: an object whose `@type` ends in `Article` or `BlogPosting`, looking
/// into lists, then an object's `@graph`, then its `mainEntity`.
fn find_article(v: &Value) -> Option<&Map<String, Value>> {
    match v {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(o) if o.get("@type").is_some_and(is_article_type) => Some(o),
        Value::Object(o) => o
            .get("@graph")
            .and_then(find_article)
            .or_else(|| o.get("mainEntity").and_then(find_article)),
        _ => None,
    }
}

/// `[].concat(type).some((t) => /(Article|BlogPosting)$/.test(t))`: a list's items, each as JS
/// turns it into a string (a nested list joins its items with commas, so it ends as its last).
fn is_article_type(t: &Value) -> bool {
    fn ends(v: &Value) -> bool {
        match v {
            Value::String(s) => s.ends_with("Article") || s.ends_with("BlogPosting"),
            Value::Array(items) => items.last().is_some_and(ends),
            _ => false,
        }
    }
    match t {
        Value::Array(items) => items.iter().any(ends),
        other => ends(other),
    }
}

#[cfg(test)]
mod tests {
    use super::{find_article, is_article_type, text, Collected, MetaTag};
    use serde_json::{json, Value};

    #[test]
    fn json_ld_values_read_as_the_widget_reads_them() {
        assert_eq!(text(Some(&json!("  a  "))).as_deref(), Some("a"));
        assert_eq!(text(Some(&json!("   "))), None);
        assert_eq!(text(Some(&json!(["b", "c"]))).as_deref(), Some("b"));
        assert_eq!(text(Some(&json!([]))), None);
        assert_eq!(
            text(Some(&json!({"@id": "", "url": "u", "name": "n"}))).as_deref(),
            Some("u")
        );
        assert_eq!(text(Some(&json!({"name": "n"}))).as_deref(), Some("n"));
        assert_eq!(text(Some(&json!({"@value": "v"}))).as_deref(), Some("v"));
        // A truthy non-text @id wins the `||` and then is no text: the widget does the same.
        assert_eq!(text(Some(&json!({"@id": 5, "url": "u"}))), None);
        assert_eq!(text(Some(&json!(7))), None);
        assert_eq!(text(Some(&json!(true))), None);
        assert_eq!(text(Some(&Value::Null)), None);
        assert_eq!(text(None), None);
    }

    #[test]
    fn article_nodes_are_found_where_the_widget_looks() {
        let typed = |t: Value| is_article_type(&t);
        assert!(typed(json!("NewsArticle")));
        assert!(typed(json!("https://schema.org/BlogPosting")));
        assert!(typed(json!(["WebPage", "Article"])));
        assert!(typed(json!([["Thing", "ScholarlyArticle"]])));
        assert!(!typed(json!("article")));
        assert!(!typed(json!("ArticleSeries")));
        assert!(!typed(json!(5)));
        let graph = json!({"@graph": [{"@type": "WebSite"}, {"@type": "WebPage", "mainEntity": {"@type": "Article", "headline": "h"}}]});
        let found = find_article(&graph).and_then(|o| o.get("headline"));
        assert_eq!(found, Some(&json!("h")));
        // mainEntity is looked into only when there is no article in @graph.
        let both = json!({"@graph": {"@type": "Article", "headline": "g"}, "mainEntity": {"@type": "Article", "headline": "m"}});
        assert_eq!(
            find_article(&both).and_then(|o| o.get("headline")),
            Some(&json!("g"))
        );
        assert_eq!(
            find_article(&json!([1, "x", null, {"@type": "Person"}])),
            None
        );
    }

    #[test]
    fn keywords_decide_the_tags_even_when_empty() {
        let page = |ld: &str| Collected {
            json_ld: vec![ld.to_owned()],
            metas: vec![MetaTag {
                property: Some("article:tag".into()),
                content: Some(" meta ".into()),
                ..MetaTag::default()
            }],
            ..Collected::default()
        };
        let tags = |ld: &str| page(ld).fields().tags;
        assert_eq!(
            tags(r#"{"@type":"Article","keywords":"a, b,,c"}"#),
            ["a", "b", "c"]
        );
        assert_eq!(
            tags(r#"{"@type":"Article","keywords":["x", {"name":"y"}, 3]}"#),
            ["x", "y"]
        );
        assert_eq!(
            tags(r#"{"@type":"Article","keywords":""}"#),
            Vec::<String>::new()
        );
        assert_eq!(tags(r#"{"@type":"Article","keywords":null}"#), ["meta"]);
        assert_eq!(tags(r#"{"@type":"Article"}"#), ["meta"]);
        assert_eq!(tags("not json"), ["meta"]);
    }
}
