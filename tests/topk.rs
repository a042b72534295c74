//! The all-lists engine (`topk`) returns exactly what `Index::related` returns, field by field,
//! for every article: on real articles, on a generated corpus with near-duplicates,
//! languages and exclusions, and on random small corpora full of ties.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[allow(dead_code)]
#[path = "../examples/corpus/synth.rs"]
mod synth;

use proptest::prelude::*;
use related_articles::build::rank::{rank_all, rank_positions};
use related_articles::topk::Ranker;
use related_articles::{Article, Index, IndexOptions, Query, Related, RelatedOptions};

/// The demo's real articles (HuffPost and the seed page), bundled in the repository.
const DEMO: &str = "www/demo/data/articles.json";

fn exact(index: &Index, options: &RelatedOptions) -> Vec<Vec<Related>> {
    index
        .articles()
        .iter()
        .map(|a| index.related(Query::Id(&a.id), options).unwrap())
        .collect()
}

/// Every way the engine can be asked gives the exact lists: all at once, in shards, and per
/// article for a few positions.
fn assert_same_lists(index: &Index, options: &RelatedOptions, what: &str) {
    let expected = exact(index, options);
    let all = rank_all(index, options, None);
    assert_eq!(all.len(), index.len(), "{what}");
    for (p, list) in &all {
        assert_eq!(
            list,
            &expected[*p],
            "{what}: list of {} (position {p})",
            index.articles()[*p].id
        );
    }
    for (i, n) in [(0, 2), (2, 3)] {
        let shard = rank_all(index, options, Some((i, n)));
        let positions: Vec<usize> = shard.iter().map(|(p, _)| *p).collect();
        assert_eq!(positions, (i..index.len()).step_by(n).collect::<Vec<_>>());
        for (p, list) in &shard {
            assert_eq!(list, &expected[*p], "{what}: shard {i}/{n}, position {p}");
        }
    }
    // A few positions, each list on its own, as a build ranks the articles of a shard's
    // colliding file names.
    let few = [index.len() - 1, 0, index.len() / 2];
    for (k, (p, list)) in rank_positions(index, options, &few).iter().enumerate() {
        assert_eq!(*p, few[k]);
        assert_eq!(list, &expected[*p], "{what}: rank_positions, position {p}");
    }
    // Positions in any order and repeated, from a ranker that found every article's
    // candidates, come back in the order asked.
    let ranker = Ranker::every(index, options).unwrap();
    let asked = [index.len() - 1, 0, index.len() / 2, 0];
    let lists = ranker.map(&asked, |p, list| (p, list));
    for (k, (p, list)) in lists.iter().enumerate() {
        assert_eq!(*p, asked[k]);
        assert_eq!(list, &expected[*p], "{what}: asked for position {p}");
    }
}

fn option_sets(index: &Index) -> Vec<(&'static str, RelatedOptions)> {
    let id = |p: usize| index.articles()[p % index.len()].id.clone();
    vec![
        ("defaults", RelatedOptions::default()),
        (
            "no diversify, limit 20",
            RelatedOptions {
                limit: 20,
                diversify: false,
                ..Default::default()
            },
        ),
        (
            "limit 1, floor 0.15, exclusions",
            RelatedOptions {
                limit: 1,
                min_score: 0.15,
                exclude: vec![id(3), id(10), id(11), "not-an-id".into()],
                ..Default::default()
            },
        ),
        (
            "limit 0",
            RelatedOptions {
                limit: 0,
                ..Default::default()
            },
        ),
    ]
}

#[test]
fn the_demo_articles_get_the_exact_lists() {
    let text = std::fs::read_to_string(DEMO).unwrap();
    let records: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let articles: Vec<Article> = records
        .iter()
        .map(|r| {
            let field = |k: &str| r[k].as_str().unwrap_or("").to_owned();
            Article::new(field("id"), field("title"), field("summary"))
        })
        .collect();
    assert!(articles.len() > 1000);
    let index = Index::new(articles, IndexOptions::default()).unwrap();
    for (what, options) in option_sets(&index).iter().take(2) {
        assert_same_lists(&index, options, &format!("demo articles, {what}"));
    }
}

/// A corpus generated from the demo's articles, with what makes lists hard: reposts (1 %),
/// three languages (one of them unset), exclusions; a record at a URL already taken is rejected
/// (the index never holds two articles of one page), and the engine sees only the rest.
fn generated(n: usize, seed: u64) -> Index {
    let sources = synth::read_sources(DEMO).unwrap();
    let mut model = synth::Model::fit(&sources, seed).unwrap();
    let mut articles = Vec::with_capacity(n);
    for i in 0..n {
        let g = model.generate();
        let mut a = Article::new(g.id, g.title, g.summary);
        a.category = Some(g.category);
        a.date = Some(g.date);
        // Every 40th article at the URL of the one before it (a page listed twice).
        a.url = Some(if i % 40 == 39 {
            format!("https://news.example/{}", i - 1)
        } else {
            format!("https://news.example/{i}")
        });
        a.lang = match i % 9 {
            0 => Some("fr".into()),
            1 => None,
            2 => Some("en-GB".into()),
            _ => Some("en".into()),
        };
        articles.push(a);
    }
    let index = Index::new(articles, IndexOptions::default()).unwrap();
    assert_eq!(index.rejected().len(), n / 40, "the records at a taken URL");
    index
}

#[test]
fn a_generated_corpus_gets_the_exact_lists() {
    let index = generated(2000, 7);
    let reposts = index
        .articles()
        .windows(2)
        .filter(|w| w[0].summary == w[1].summary)
        .count();
    for (what, options) in option_sets(&index) {
        assert_same_lists(&index, &options, &format!("generated corpus, {what}"));
    }
    // The corpus did hold what it is meant to test: lists that skip near-duplicates.
    let options = RelatedOptions::default();
    let plain = RelatedOptions {
        diversify: false,
        ..Default::default()
    };
    let collapsed = (0..index.len())
        .filter(|&p| {
            let id = &index.articles()[p].id;
            index.related(Query::Id(id), &options).unwrap()
                != index.related(Query::Id(id), &plain).unwrap()
        })
        .count();
    assert!(
        collapsed > 20,
        "only {collapsed} lists collapsed a duplicate ({reposts} reposts)"
    );
}

/// Thirty copies of one story: near-duplicate collapsing skips more candidates than the engine
/// keeps at first, and it must take more to fill the list.
#[test]
fn many_copies_make_the_engine_take_more_candidates() {
    let mut articles = Vec::new();
    for i in 0..30 {
        articles.push(Article::new(
            format!("copy-{i}"),
            "Storm closes every school in the county",
            format!("Schools close as the storm reaches the county coast, day {i}."),
        ));
    }
    for (i, t) in [
        "County schools reopen after the storm",
        "Storm damage on the county coast",
        "Teachers count the days schools lost to storms",
        "The county budget after a season of storms",
        "Coast guard rescues fishermen in the storm",
        "A storm of protest at the county board",
    ]
    .iter()
    .enumerate()
    {
        articles.push(Article::new(format!("other-{i}"), *t, ""));
    }
    let index = Index::new(articles, IndexOptions::default()).unwrap();
    let options = RelatedOptions::default();
    let list = index.related(Query::Id("copy-0"), &options).unwrap();
    let ids: Vec<&str> = list
        .iter()
        .map(|r| index.articles()[r.position].id.as_str())
        .collect();
    // The copies score highest, but only articles that are not copies fill the list.
    assert_eq!(ids.len(), 5, "{ids:?}");
    assert!(ids.iter().all(|id| id.starts_with("other-")), "{ids:?}");
    assert_same_lists(&index, &options, "thirty copies");
}

#[test]
fn bad_options_and_missing_shards_give_no_lists() {
    let index = Index::new(vec![Article::new("a", "t", "")], IndexOptions::default()).unwrap();
    let too_many = RelatedOptions {
        limit: 101,
        ..Default::default()
    };
    let e = Ranker::every(&index, &too_many).err().unwrap();
    assert!(e.contains("limit"), "{e}");
    assert!(Ranker::some(&index, &too_many).is_err());
    // The build validates its options first; given bad ones anyway, every list is empty.
    assert_eq!(rank_all(&index, &too_many, None), [(0, vec![])]);
    assert_eq!(rank_positions(&index, &too_many, &[0]), [(0, vec![])]);
    let options = RelatedOptions::default();
    assert!(rank_all(&index, &options, Some((0, 0))).is_empty());
    assert!(rank_all(&index, &options, Some((3, 2))).is_empty());
    // A one-article index: one empty list.
    assert_eq!(rank_all(&index, &options, None), [(0, vec![])]);
}

/// Small random corpora over a tiny vocabulary: many equal scores (tie order), copies, URLs
/// (some shared: those records are rejected), languages, exclusions, every option.
fn small_corpus() -> impl Strategy<Value = Vec<Article>> {
    let word = prop::sample::select(vec![
        "storm", "school", "county", "coast", "budget", "vote", "senate", "court", "bread",
        "music", "the", "storms",
    ]);
    let text = prop::collection::vec(word, 0..7).prop_map(|w| w.join(" "));
    let lang = prop::sample::select(vec![None, Some("en"), Some("fr"), Some("en-US")]);
    prop::collection::vec((text.clone(), text, lang, 0..6u8), 1..40).prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (title, summary, lang, url))| {
                let mut a = Article::new(format!("a{i}"), title, summary);
                a.lang = lang.map(str::to_owned);
                // Most records have their own URL; one in six shares one of two.
                a.url = match url {
                    0 => None,
                    1 => Some(format!("https://x.example/shared-{}", i % 2)),
                    _ => Some(format!("https://x.example/{i}")),
                };
                a
            })
            .filter(|a| !a.title.is_empty() || !a.summary.is_empty())
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_list_is_the_exact_one(
        articles in small_corpus(),
        limit in 0usize..8,
        diversify in any::<bool>(),
        min_score in prop::sample::select(vec![0.0f32, 0.2, 0.5]),
        excluded in prop::collection::vec(0usize..40, 0..4),
        shards in 1usize..4,
    ) {
        prop_assume!(!articles.is_empty());
        let index = Index::new(articles, IndexOptions::default()).unwrap();
        let options = RelatedOptions {
            limit,
            diversify,
            min_score,
            exclude: excluded.iter().map(|i| format!("a{i}")).collect(),
        };
        let expected = exact(&index, &options);
        let all = rank_all(&index, &options, None);
        prop_assert_eq!(all.len(), index.len());
        for (p, list) in &all {
            prop_assert_eq!(list, &expected[*p]);
        }
        for i in 0..shards {
            for (p, list) in rank_all(&index, &options, Some((i, shards))) {
                prop_assert_eq!(p % shards, i);
                prop_assert_eq!(&list, &expected[p]);
            }
        }
    }
}
