//! The fuzz harnesses of related-articles: one function per `cargo fuzz` target
//! (`fuzz_targets/*.rs` call them). The root crate's `tests/fuzz_corpus.rs` includes this file
//! too (`#[path]`) and replays every committed corpus and crash file through the same functions,
//! so plain `cargo test` checks them without libFuzzer or nightly.
//!
//! Each harness calls the library's entry points the way the CLI, `build` and the wasm do, and
//! checks the invariants their docs promise (a result never its own query, scores in `[0, 1]`,
//! spans inside their text). A panic here is a bug: the wasm aborts the whole module on one.
//!
//! Inputs are bytes as they come; where an entry point takes more than bytes (a content type,
//! options), the first byte of the input chooses among realistic values, so a corpus file is
//! that byte followed by a fixture.

#![forbid(unsafe_code)]

use related_articles::build::input::{guess_id, is_json_lines, Corpus};
use related_articles::feed::{self, FeedContext};
use related_articles::site::read::{page_link, read_page, Page};
use related_articles::text::analyze::{is_english, primary_subtag, Analyzer};
use related_articles::text::{case, html, stem, tokenize};
use related_articles::topk::Ranker;
use related_articles::{
    article, date, Article, IndexBuilder, IndexOptions, Query, RawArticle, RelatedOptions,
};

/// The first byte (the choice of context) and the rest; an empty input chooses 0.
fn split(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((&first, rest)) => (first, rest),
        None => (0, data),
    }
}

/// Content types a feed is served with: none, each family of charset `decode` handles (Unicode,
/// single-byte, CJK multi-byte), an unknown label, and a malformed header.
const CONTENT_TYPES: [Option<&str>; 12] = [
    None,
    Some("application/rss+xml; charset=utf-8"),
    Some("application/atom+xml; charset=\"ISO-8859-1\""),
    Some("text/xml; charset=utf-16"),
    Some("text/xml; charset=utf-16be"),
    Some("application/xml; charset=windows-1252"),
    Some("application/xml; charset=shift_jis"),
    Some("text/xml; charset=gb18030"),
    Some("text/xml; charset=euc-kr"),
    Some("application/feed+json; charset=koi8-r"),
    Some("text/xml; charset=x-no-such-charset"),
    Some("text/xml; charset=;;=\"\u{0}"),
];

/// Base URLs: none, a usual one, one with a path and query, and one that is not a URL.
const BASES: [Option<&str>; 4] = [
    None,
    Some("https://example.com/feed.xml"),
    Some("http://example.org/blog/sub/index.rss?x=1#f"),
    Some("not a url"),
];

/// Page languages: none, English, non-English, and junk.
const LANGS: [Option<&str>; 4] = [None, Some("en-GB"), Some("fr"), Some("x-\u{202e}--")];

/// The text pipeline: HTML to text, whitespace, words, stems, terms in English and otherwise,
/// dates, language tags and URLs, on any text (invalid UTF-8 read as `from_utf8_lossy` reads it,
/// as the CLI reads files).
pub fn text(data: &[u8]) {
    let (choice, rest) = split(data);
    let text = String::from_utf8_lossy(rest);
    let plain = html::html_to_text(&text);
    let collapsed = html::collapse_whitespace(&text);
    assert!(
        collapsed.len() <= text.len(),
        "collapsing whitespace grew the text"
    );
    for source in [&*text, &plain] {
        for word in tokenize::words(source) {
            // A word is a span of its text: `start` on a character boundary, the text there.
            assert_eq!(
                source.get(word.start..word.start + word.text.len()),
                Some(word.text)
            );
            let mut stemmed = word.text.to_owned();
            stem::english(&mut stemmed);
            let mut lower = String::new();
            case::push_lower(word.text, &mut lower);
        }
        let lang = LANGS
            .get(usize::from(choice) % LANGS.len())
            .copied()
            .flatten();
        for analyzer in [Analyzer::for_language(None), Analyzer::for_language(lang)] {
            for term in analyzer.terms(source) {
                assert!(source.get(term.start..term.start + term.len).is_some());
            }
        }
    }
    for line in text.lines().take(64) {
        if let Some(iso) = date::parse_date(line) {
            assert!(
                date::is_iso_date(&iso),
                "parse_date gave {iso:?}, not ISO 8601"
            );
        }
        let _ = (is_english(Some(line)), primary_subtag(line));
        let _ = (article::is_language_tag(line), article::is_http_url(line));
        let _ = article::content_id(line, line);
        let _ = feed::shorten(line, usize::from(choice));
        let _ = feed::escape_text(line);
        for base in BASES.iter().flatten() {
            let _ = feed::resolve_url(base, line);
        }
    }
}

/// The record decoder: JSON Lines (or anything else: the bytes go where the CLI's `load` and
/// `build`'s input reader send them) into [`RawArticle`], [`RawArticle::validate`] and an
/// [`IndexBuilder`], and through `build`'s [`Corpus`], which tells JSON Lines from feeds.
pub fn records(data: &[u8]) {
    let (choice, rest) = split(data);
    let options = IndexOptions {
        html: choice & 1 == 0,
        title_weight: f32::from(choice >> 1) / 12.7,
    };
    let Ok(mut builder) = IndexBuilder::with_seed(options, 7) else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    for (i, line) in text.lines().enumerate().take(512) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let _ = guess_id(line);
        match RawArticle::from_json(line) {
            Ok(raw) => {
                if let Ok((article, warnings)) = raw.clone().validate(i) {
                    assert!(!article.id.is_empty(), "a valid article without an id");
                    for w in warnings {
                        assert_eq!(w.position, i);
                    }
                }
                builder.add_raw(raw);
            }
            Err(reason) => builder.reject(guess_id(line), reason),
        }
    }
    let seen = builder.seen();
    let index = builder.finish();
    assert!(index.len() <= seen, "more articles than records");
    for a in index.articles() {
        let found = index.position(&a.id).and_then(|p| index.articles().get(p));
        assert_eq!(
            found.map(|f| &f.id),
            Some(&a.id),
            "an article is not found by its id"
        );
    }
    let _ = is_json_lines(rest);
    let mut corpus = Corpus::default();
    let _ = corpus.read_input(
        "fuzz.jsonl",
        rest,
        BASES
            .get(usize::from(choice) % BASES.len())
            .copied()
            .flatten(),
    );
}

/// The feed parser, every format and encoding: [`feed::parse`] on the raw bytes with a content
/// type, base URL and page language the first byte chooses; [`feed::decode`]; [`feed::parse_text`]
/// on the decoded text (what `parseFeed` does with a JS string); and the WordPress export reader.
pub fn feed(data: &[u8]) {
    let (choice, bytes) = split(data);
    let choice = usize::from(choice);
    let ctx = FeedContext {
        content_type: CONTENT_TYPES
            .get(choice % CONTENT_TYPES.len())
            .copied()
            .flatten(),
        base_url: BASES
            .get(choice / CONTENT_TYPES.len() % BASES.len())
            .copied()
            .flatten(),
        page_lang: LANGS.get(choice / 48 % LANGS.len()).copied().flatten(),
    };
    if let Ok(parsed) = feed::parse(bytes, &ctx) {
        let _ = parsed.format.name();
        assert_eq!(
            parsed.lines.len(),
            parsed.entries.len(),
            "one line per entry"
        );
        for a in parsed.articles() {
            assert!(!a.id.is_empty(), "an entry without an id");
            if let Some(url) = &a.url {
                assert!(
                    article::is_http_url(url),
                    "an entry's url is not http(s): {url:?}"
                );
            }
        }
        let _ = (parsed.rejected().count(), parsed.warnings().count());
    }
    let decoded = feed::decode(bytes, ctx.content_type);
    assert!(!decoded.text.starts_with('\u{feff}'), "decode kept the BOM");
    let _ = feed::parse_text(&decoded.text, &ctx);
    if feed::is_wxr(bytes) {
        let _ = feed::parse_wxr(bytes, &ctx);
    }
}

/// Options for one `related` call from a byte: every `limit` in range and one past it, scores
/// from 0 to 1 and past it, with and without diversity.
fn related_options(b: u8, exclude: Vec<String>) -> RelatedOptions {
    RelatedOptions {
        limit: usize::from(b % 16) * 7, // 0, 7, ..., 105: the last is out of range
        min_score: f32::from(b >> 4) / 14.0, // 0 to 1.07: the last one out of range
        diversify: b & 8 == 0,
        exclude,
    }
}

/// The ranking entry points: an index built from fuzzed records (JSON Lines after the first two
/// lines), then [`Index::related`](related_articles::Index::related) by id and by article (an
/// indexed one, and one that is not), [`Index::result_item`](related_articles::Index::result_item)
/// (the `why`), [`Index::similarity`](related_articles::Index::similarity), and `build`'s
/// [`Ranker`] for every article. The first line is the options as JSON (as `createIndex` and
/// the CLI take them; when it is not valid JSON, its first byte chooses them), the second the
/// index options as JSON.
pub fn rank(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let second = lines.next().unwrap_or_default();
    let index_options = serde_json::from_str::<IndexOptions>(second).unwrap_or_default();
    let Ok(mut builder) = IndexBuilder::with_seed(index_options, 11) else {
        return;
    };
    let mut extra = None;
    for line in lines.take(64) {
        if let Ok(raw) = RawArticle::from_json(line) {
            // The last valid record is also the query that may not be in the index.
            if let Ok((a, _)) = raw.clone().validate(0) {
                extra = Some(a);
            }
            builder.add_raw(raw);
        }
    }
    let index = builder.finish();
    let ids: Vec<String> = index.articles().iter().map(|a| a.id.clone()).collect();
    let options = serde_json::from_str::<RelatedOptions>(first).unwrap_or_else(|_| {
        let b = first.bytes().next().unwrap_or(0);
        // Some ids excluded by the choice byte, and an id that is in no index.
        let exclude = ids
            .iter()
            .step_by(usize::from(b % 5) + 2)
            .cloned()
            .chain(["nope".to_owned()])
            .collect();
        related_options(b, exclude)
    });
    let valid = options.validate().is_ok();
    let check = |own: Option<usize>, found: Result<Vec<related_articles::Related>, String>| {
        let Ok(found) = found else { return };
        assert!(valid, "options out of range were accepted: {options:?}");
        assert!(found.len() <= options.limit);
        for r in &found {
            assert!(Some(r.position) != own, "an article is related to itself");
            assert!(
                (0.0..=1.0).contains(&r.score),
                "score {} out of [0, 1]",
                r.score
            );
            assert!(
                r.score >= options.min_score,
                "score {} under minScore",
                r.score
            );
            let item = index
                .result_item(r)
                .expect("a result names an indexed article");
            assert!(!options
                .exclude
                .iter()
                .any(|e| e == item.id || Some(e.as_str()) == item.url));
        }
    };
    for (p, a) in index.articles().iter().enumerate().take(16) {
        check(Some(p), index.related(Query::Id(&a.id), &options));
        check(Some(p), index.related(Query::Article(a), &options));
        if let Some(url) = &a.url {
            check(Some(p), index.related(Query::Id(url), &options));
        }
        if let Some(b) = ids.get(p + 1) {
            let s = index.similarity(&a.id, b).expect("both are indexed");
            assert!((0.0..=1.0).contains(&s));
            assert_eq!(Ok(s), index.similarity(b, &a.id), "similarity is symmetric");
        }
    }
    if let Some(a) = extra {
        let renamed = Article {
            id: "not-in-the-index".into(),
            url: None,
            ..a
        };
        check(None, index.related(Query::Article(&renamed), &options));
    }
    let _ = index.related(Query::Id(""), &options);
    let positions: Vec<usize> = (0..=index.len()).collect();
    for ranker in [
        Ranker::every(&index, &options),
        Ranker::some(&index, &options),
    ] {
        let Ok(ranker) = ranker else {
            assert!(!valid, "Ranker refused valid options");
            continue;
        };
        for (p, found) in ranker.map(&positions, |p, found| (p, found)) {
            check(Some(p), Ok(found));
        }
    }
}

/// Page paths and site URLs a site's reader is given.
const PAGES: [(&str, Option<&str>); 4] = [
    ("posts/a/index.html", None),
    ("posts/b/index.html", Some("https://example.com/blog/")),
    ("index.html", Some("http://example.org")),
    ("a b/ü%zz/page.htm", Some("not a url")),
];

/// The site reader of `build --site`: a built page's metadata (JSON-LD, Open Graph, `<meta>`,
/// `<title>`, `<h1>`, the list element) read from its HTML bytes, with a path and site URL the
/// first byte chooses.
pub fn site(data: &[u8]) {
    let (choice, html) = split(data);
    let (path, site_url) = PAGES
        .get(usize::from(choice) % PAGES.len())
        .copied()
        .unwrap_or(PAGES[0]);
    if let Ok(Page::Article(page)) = read_page(html, path, site_url) {
        assert!(
            !page.article.id.is_empty(),
            "a page's article without an id"
        );
        if let Some(url) = &page.article.url {
            assert!(
                article::is_http_url(url),
                "a page's url is not http(s): {url:?}"
            );
        }
        let _ = page.list_lang.as_deref();
        if let Some(element) = &page.element {
            let _ = (
                element.heading(),
                element.limit(),
                element.attribute("data-limit"),
            );
        }
    }
    let _ = page_link(path, site_url);
}
