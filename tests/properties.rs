//! Properties that hold for every input: scores in [0, 1], symmetric pair scores, never
//! self-related, and no panic on arbitrary UTF-8 or arbitrary JSON.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use related_articles::text::analyze::Analyzer;
use related_articles::text::html::html_to_text;
use related_articles::text::tokenize::words;
use related_articles::{Article, Index, IndexOptions, Query, RawArticle, RelatedOptions};
use serde_json::Value;

/// Text that overlaps between articles often enough to give real scores: a few shared words,
/// markup and entities, and arbitrary Unicode.
fn text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => prop::sample::select(vec![
            "diplomacy", "secret", "alliance", "alliances", "bread", "sourdough", "marathon",
            "runner", "東京", "café", "cafe\u{301}", "שלום", "the", "and", "<b>", "&amp;", "🎉",
        ]).prop_map(str::to_owned),
        1 => any::<String>(),
    ];
    prop::collection::vec(word, 0..14).prop_map(|w| w.join(" "))
}

fn corpus() -> impl Strategy<Value = Vec<Article>> {
    prop::collection::vec(
        (
            text(),
            text(),
            prop::option::of(prop::sample::select(vec!["en", "fr", "en-GB"])),
        ),
        1..14,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (title, summary, lang))| {
                let mut a = Article::new(
                    format!("a{i}"),
                    html_to_text(&title),
                    html_to_text(&summary),
                );
                a.lang = lang.map(str::to_owned);
                a
            })
            .filter(|a| !a.title.is_empty() || !a.summary.is_empty())
            .collect()
    })
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<i64>().prop_map(|i| Value::Number(i.into())),
        any::<String>().prop_map(Value::String),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "id",
                        "url",
                        "link",
                        "title",
                        "summary",
                        "description",
                        "category",
                        "tags",
                        "date",
                        "lang",
                        "image",
                        "other"
                    ]),
                    inner
                ),
                0..8
            )
            .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn scores_are_cosines_symmetric_and_never_self(articles in corpus()) {
        prop_assume!(!articles.is_empty());
        let index = Index::new(articles, IndexOptions::default()).unwrap();
        let options = RelatedOptions { limit: 100, diversify: false, ..Default::default() };
        for (p, a) in index.articles().iter().enumerate() {
            for r in index.related(Query::Id(&a.id), &options).unwrap() {
                prop_assert!(r.position != p, "{} related to itself", a.id);
                prop_assert!((0.0..=1.0).contains(&r.score) && r.score > 0.0);
                let b = &index.articles()[r.position].id;
                let ab = index.similarity(&a.id, b).unwrap();
                let ba = index.similarity(b, &a.id).unwrap();
                prop_assert_eq!(ab.to_bits(), ba.to_bits(), "similarity({}, {}) is not symmetric", a.id, b);
                prop_assert_eq!(r.score.to_bits(), ab.to_bits(), "related() and similarity() disagree");
                prop_assert!(r.terms.len() <= 3);
            }
        }
    }

    #[test]
    fn the_text_pipeline_never_panics(s in any::<String>()) {
        let text = html_to_text(&s);
        prop_assert!(!text.starts_with(' ') && !text.ends_with(' '));
        let spans: Vec<_> = words(&s).collect();
        for w in &spans {
            prop_assert_eq!(s.get(w.start..w.start + w.text.len()), Some(w.text));
        }
        for lang in [None, Some("fr")] {
            for t in Analyzer::for_language(lang).terms(&s) {
                prop_assert!(s.get(t.start..t.start + t.len).is_some());
                prop_assert!(!t.key.is_empty());
            }
        }
    }

    #[test]
    fn arbitrary_json_records_never_panic(values in prop::collection::vec(json(), 1..8)) {
        let mut builder = related_articles::IndexBuilder::new(IndexOptions::default()).unwrap();
        for v in &values {
            match RawArticle::from_object(v.clone()) {
                Ok(raw) => builder.add_raw(raw),
                Err(_) => builder.reject(None, "expected an article object".into()),
            }
        }
        if let Ok(index) = builder.build() {
            prop_assert_eq!(index.len() + index.rejected().len(), values.len());
            for a in index.articles() {
                prop_assert!(!a.title.is_empty() || !a.summary.is_empty());
                let _ = index.related(Query::Id(&a.id), &RelatedOptions::default()).unwrap();
                let _ = index.related(Query::Article(a), &RelatedOptions::default()).unwrap();
            }
        }
    }
}
