//! The limits of `src/limits.rs` on the paths every entry point shares: a field past its limit is
//! cut or dropped with a warning naming the limit, a record past the index's limits is left out
//! with one rejection naming it, and everything else is kept.

// Tests may panic: the library's no-panic lints are for input, not for assertions.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::time::Instant;

use related_articles::limits::{Limits, FIELD_BYTES, TAGS};
use related_articles::{Article, IndexBuilder, IndexOptions, Loose, RawArticle, Tags};

fn text(s: impl Into<String>) -> Option<Loose> {
    Some(Loose::Text(s.into()))
}

fn builder() -> IndexBuilder {
    IndexBuilder::new(IndexOptions::default()).unwrap()
}

#[test]
fn a_100_mb_summary_is_cut_to_the_limit_and_said_so() {
    let raw = RawArticle {
        id: text("big"),
        title: text("A very long read"),
        summary: text("word ".repeat(20_000_000)),
        ..RawArticle::default()
    };
    let (article, warnings) = raw.validate(0).unwrap();
    assert!(article.summary.len() <= FIELD_BYTES);
    assert!(
        article.summary.len() > FIELD_BYTES - 8,
        "kept up to the limit, not less"
    );
    assert!(article.summary.starts_with("word word"));
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        (warnings[0].field, warnings[0].id.as_str()),
        ("summary", "big")
    );
    assert_eq!(
        warnings[0].reason,
        "over the limit of 65536 bytes: cut there"
    );
}

#[test]
fn the_cut_falls_on_a_character_boundary() {
    // Three-byte characters never line up with 65,536: the cut must step back to a whole one.
    let raw = RawArticle {
        title: text("日".repeat(FIELD_BYTES)),
        ..RawArticle::default()
    };
    let (article, warnings) = raw.validate(0).unwrap();
    assert_eq!(article.title.len(), FIELD_BYTES / 3 * 3);
    assert!(article.title.chars().all(|c| c == '日'));
    assert_eq!(warnings[0].field, "title");
}

#[test]
fn a_field_at_the_limit_is_kept_whole() {
    let raw = RawArticle {
        title: text("a".repeat(FIELD_BYTES)),
        ..RawArticle::default()
    };
    let (article, warnings) = raw.validate(0).unwrap();
    assert_eq!(article.title.len(), FIELD_BYTES);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn names_over_the_limit_are_dropped_not_cut() {
    let long_url = format!("https://example.com/{}", "a".repeat(FIELD_BYTES));
    let raw = RawArticle {
        id: text("i".repeat(FIELD_BYTES + 1)),
        url: text(long_url.clone()),
        image: text(long_url),
        title: text("Kept"),
        ..RawArticle::default()
    };
    let (article, warnings) = raw.validate(3).unwrap();
    assert_eq!((article.url, article.image), (None, None));
    assert_eq!(article.title, "Kept");
    assert!(article.id.len() < 100, "a derived id, not the long one");
    let mut said: Vec<_> = warnings
        .iter()
        .map(|w| (w.field, w.reason.as_str()))
        .collect();
    said.sort();
    assert_eq!(
        said,
        [
            (
                "id",
                "is over the limit of 65536 bytes: the id is derived from the title and date instead"
            ),
            ("image", "over the limit of 65536 bytes: dropped"),
            ("url", "over the limit of 65536 bytes: dropped"),
        ]
    );
    assert!(warnings.iter().all(|w| w.position == 3));
}

#[test]
fn tags_past_the_limit_are_dropped_with_one_warning() {
    let tags: Vec<String> = (0..TAGS + 50).map(|i| format!("tag {i}")).collect();
    let raw = RawArticle {
        title: text("Tagged"),
        tags: Some(Tags::texts(tags)),
        ..RawArticle::default()
    };
    let (article, warnings) = raw.validate(0).unwrap();
    assert_eq!(article.tags.len(), TAGS);
    assert_eq!(article.tags.last().map(String::as_str), Some("tag 99"));
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].reason,
        format!("over the limit of {TAGS} tags: the rest dropped")
    );
}

#[test]
fn records_past_the_limit_are_left_out_with_one_rejection() {
    let limits = Limits {
        records: 3,
        text_bytes: usize::MAX,
    };
    let mut b = builder().with_limits(limits);
    b.add_raw(RawArticle::default()); // position 0: rejected on its own account
    for i in 1..10 {
        b.add(Article::new(format!("a{i}"), "Cats purr", ""));
    }
    assert_eq!(b.seen(), 10, "records left out are still counted");
    let index = b.build().unwrap();
    assert_eq!(index.len(), 2);
    let rejected: Vec<_> = index
        .rejected()
        .iter()
        .map(|r| (r.position, r.reason.as_str()))
        .collect();
    assert_eq!(rejected.len(), 2);
    assert_eq!(rejected[0].0, 0);
    assert_eq!(
        rejected[1],
        (
            3,
            "records 3 to 9 left out: over the index's limit of 3 records"
        )
    );
}

#[test]
fn text_past_the_limit_leaves_out_that_record_and_every_later_one() {
    let limits = Limits {
        records: 100,
        text_bytes: 25,
    };
    let mut b = builder().with_limits(limits);
    b.add(Article::new("a", "0123456789", "")); // 10 bytes
    b.add(Article::new("b", "0123456789", "")); // 20
    b.add(Article::new("c", "0123456789", "")); // 30: over
    b.add(Article::new("d", "x", "")); // would fit, but the index holds a prefix of the input
    let index = b.build().unwrap();
    assert_eq!(index.len(), 2);
    assert_eq!(
        index.rejected()[0].reason,
        "records 2 to 3 left out: over the index's limit of 25 bytes of text"
    );
}

#[test]
fn the_page_limits_hold_and_stay_fast_at_their_size() {
    // 100,001 records through the page's limits: the last one is left out. Time is a ratio, so
    // that it holds on any machine: ten times the records may not take fifty times as long.
    let records = |n: usize| {
        let start = Instant::now();
        let mut b = builder();
        for i in 0..n {
            b.add(Article::new(format!("a{i}"), "Solar rooftops", ""));
        }
        let index = b.build().unwrap();
        (index, start.elapsed())
    };
    let (small, t_small) = records(Limits::PAGE.records / 10);
    assert!(small.rejected().is_empty());
    let (index, t_full) = records(Limits::PAGE.records + 1);
    assert_eq!(index.len(), Limits::PAGE.records);
    assert_eq!(
        index.rejected()[0].reason,
        "records 100000 to 100000 left out: over the index's limit of 100000 records"
    );
    assert!(
        t_full < t_small * 50,
        "10× the records took {t_full:?} against {t_small:?}"
    );
}
