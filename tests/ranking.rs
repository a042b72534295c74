//! Ranking fixtures: small hand-made corpora whose right answer is obvious to a reader.

// A test indexes what it built: a wrong offset fails it, which is what a test is for.
#![allow(clippy::indexing_slicing, clippy::string_slice)]
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use related_articles::{
    Article, Index, IndexBuilder, IndexOptions, Query, RawArticle, RelatedOptions,
};

fn load(path: &str) -> Index {
    let text = std::fs::read_to_string(path).unwrap();
    let mut builder = IndexBuilder::new(IndexOptions::default()).unwrap();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match RawArticle::from_json(line) {
            Ok(raw) => builder.add_raw(raw),
            Err(e) => builder.reject(None, e),
        }
    }
    builder.build().unwrap()
}

fn ids(index: &Index, query: Query<'_>, options: &RelatedOptions) -> Vec<String> {
    index
        .related(query, options)
        .unwrap()
        .iter()
        .map(|r| index.articles()[r.position].id.clone())
        .collect()
}

fn prefix(id: &str) -> &str {
    id.split('-').next().unwrap()
}

#[test]
fn each_topic_finds_its_own_kind_first() {
    let index = load("tests/fixtures/corpora/topics.jsonl");
    let options = RelatedOptions {
        limit: 2,
        ..Default::default()
    };
    for article in index.articles() {
        let found = ids(&index, Query::Id(&article.id), &options);
        assert_eq!(
            found.len(),
            2,
            "{} should have two related articles",
            article.id
        );
        for id in &found {
            assert_eq!(
                prefix(id),
                prefix(&article.id),
                "{} ranked {id} among its top two",
                article.id
            );
        }
    }
}

#[test]
fn unrelated_topics_are_not_related_at_all() {
    let index = load("tests/fixtures/corpora/topics.jsonl");
    let found = ids(
        &index,
        Query::Id("dip-1"),
        &RelatedOptions {
            limit: 100,
            ..Default::default()
        },
    );
    assert!(
        !found.is_empty() && found.iter().all(|id| prefix(id) == "dip"),
        "diplomacy relates to diplomacy, and only to it: {found:?}"
    );
}

#[test]
fn an_article_outside_the_index_is_weighed_against_it() {
    let index = load("tests/fixtures/corpora/topics.jsonl");
    let page = Article::new(
        "https://example.com/new",
        "My marathon training diary",
        "Easy runs, long runs and a race.",
    );
    let found = ids(
        &index,
        Query::Article(&page),
        &RelatedOptions {
            limit: 3,
            ..Default::default()
        },
    );
    assert_eq!(found.len(), 3);
    assert!(found.iter().all(|id| prefix(id) == "run"), "{found:?}");
}

#[test]
fn an_article_object_naming_an_indexed_id_uses_that_article() {
    let index = load("tests/fixtures/corpora/topics.jsonl");
    let by_id = ids(&index, Query::Id("bake-1"), &RelatedOptions::default());
    let mut page = Article::new("bake-1", "", "");
    page.title = "ignored: the indexed article is used".into();
    assert_eq!(
        ids(&index, Query::Article(&page), &RelatedOptions::default()),
        by_id
    );
    assert!(!by_id.contains(&"bake-1".to_string()));
}

#[test]
fn why_quotes_words_as_written_in_the_result() {
    let index = load("tests/fixtures/corpora/topics.jsonl");
    let found = index
        .related(Query::Id("bake-1"), &RelatedOptions::default())
        .unwrap();
    let top = index.result_item(&found[0]).unwrap();
    assert!(!top.why.terms.is_empty() && top.why.terms.len() <= 3);
    for term in &top.why.terms {
        let text = format!("{} {}", top.title, top.summary);
        assert!(
            text.contains(term.as_str()),
            "{term:?} is not a word of {text:?}"
        );
    }
}

#[test]
fn exclude_min_score_and_limit_are_honoured() {
    let index = load("tests/fixtures/corpora/topics.jsonl");
    let all = ids(
        &index,
        Query::Id("run-1"),
        &RelatedOptions {
            limit: 100,
            ..Default::default()
        },
    );
    assert!(all.len() >= 2);
    let options = RelatedOptions {
        exclude: vec![all[0].clone()],
        ..Default::default()
    };
    let without = ids(&index, Query::Id("run-1"), &options);
    assert!(!without.contains(&all[0]));
    assert_eq!(without[0], all[1]);

    let found = index
        .related(Query::Id("run-1"), &RelatedOptions::default())
        .unwrap();
    let floor = found[0].score;
    let high = RelatedOptions {
        min_score: floor,
        ..Default::default()
    };
    let kept = index.related(Query::Id("run-1"), &high).unwrap();
    assert!(!kept.is_empty() && kept.iter().all(|r| r.score >= floor));

    assert!(ids(
        &index,
        Query::Id("run-1"),
        &RelatedOptions {
            limit: 0,
            ..Default::default()
        }
    )
    .is_empty());
    assert!(index
        .related(
            Query::Id("run-1"),
            &RelatedOptions {
                limit: 101,
                ..Default::default()
            }
        )
        .is_err());
}

#[test]
fn near_duplicates_collapse_unless_diversity_is_off() {
    let articles = vec![
        Article::new("q", "Fed signals slower tapering of bond purchases", ""),
        Article::new(
            "copy-a",
            "Fed signals slower tapering of bond purchases",
            "Reuters",
        ),
        Article::new(
            "copy-b",
            "Fed Signals Slower Tapering Of Bond Purchases!",
            "AP",
        ),
        Article::new("other", "Bond markets rally as Fed tapering slows", ""),
        Article::new(
            "far",
            "Stocks and bonds: what tapering means for savers",
            "",
        ),
    ];
    let index = Index::new(articles, IndexOptions::default()).unwrap();
    let plain = ids(
        &index,
        Query::Id("q"),
        &RelatedOptions {
            diversify: false,
            ..Default::default()
        },
    );
    assert!(
        plain.starts_with(&["copy-a".to_string(), "copy-b".to_string()]),
        "{plain:?}"
    );
    let diverse = ids(&index, Query::Id("q"), &RelatedOptions::default());
    assert!(
        !diverse.contains(&"copy-a".to_string()) && !diverse.contains(&"copy-b".to_string()),
        "{diverse:?}"
    );
    assert_eq!(diverse.first().map(String::as_str), Some("other"));
}

#[test]
fn languages_are_never_mixed() {
    let mut fr = Article::new(
        "fr",
        "Marathon de Paris",
        "Les coureurs du marathon de Paris",
    );
    fr.lang = Some("fr".into());
    let mut en = Article::new("en", "Paris marathon", "Runners of the Paris marathon");
    en.lang = Some("en".into());
    let mut en2 = Article::new("en2", "Boston marathon", "Runners of the Boston marathon");
    en2.lang = Some("en-US".into());
    let index = Index::new(vec![fr, en, en2], IndexOptions::default()).unwrap();
    assert_eq!(
        ids(&index, Query::Id("en"), &RelatedOptions::default()),
        ["en2"]
    );
    assert!(ids(&index, Query::Id("fr"), &RelatedOptions::default()).is_empty());
}

#[test]
fn bad_records_are_named_and_the_rest_kept() {
    let index = load("tests/fixtures/corpora/mixed.jsonl");
    let kept: Vec<_> = index.articles().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(kept.len(), 3, "{kept:?}");
    assert_eq!(&kept[..2], ["ok-1", "ok-2"]);
    assert!(
        kept[2].starts_with('h'),
        "an id derived from title and date: {}",
        kept[2]
    );
    let rejected: Vec<_> = index
        .rejected()
        .iter()
        .map(|r| (r.position, r.reason.as_str()))
        .collect();
    assert_eq!(rejected.len(), 4, "{rejected:?}");
    assert_eq!(
        rejected[0].1,
        "title is empty and summary has no text once HTML is reduced: a record needs a title or a summary"
    );
    assert!(rejected[3].1.contains("duplicate id"));
    let fields: Vec<_> = index
        .warnings()
        .iter()
        .map(|w| (w.id.as_str(), w.field))
        .collect();
    assert_eq!(fields, [("ok-2", "url"), ("ok-2", "date")]);
}

#[test]
fn a_title_edited_in_cjk_is_collapsed_like_the_same_edit_in_ascii() {
    // Each copy changes "ht" of "night" into three characters: the same edit (similarity 0.93
    // over 44 characters), in ASCII and in CJK (9 bytes in UTF-8). Both are near-duplicates
    // of the query; the other article is not.
    let title = "Senate passes the budget after a long night";
    let index = Index::new(
        vec![
            Article::new("query", title, "Lawmakers voted on the budget"),
            Article::new("ascii", "Senate passes the budget after a long nigXYZ", ""),
            Article::new("cjk", "Senate passes the budget after a long nig夜夜夜", ""),
            Article::new("other", "The budget vote in the Senate, explained", ""),
        ],
        IndexOptions::default(),
    )
    .unwrap();
    let diversified = ids(&index, Query::Id("query"), &RelatedOptions::default());
    assert_eq!(diversified, ["other"]);
    let all = RelatedOptions {
        diversify: false,
        ..RelatedOptions::default()
    };
    let mut plain = ids(&index, Query::Id("query"), &all);
    plain.sort();
    assert_eq!(plain, ["ascii", "cjk", "other"]);
}
