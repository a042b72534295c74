//! `build --site`'s own part, on small hand-written sites read by the real page reader: the
//! sorted walk, skip reasons and duplicates counted (the canonical page kept over its copies),
//! only pages with an element rewritten, pages without one left untouched, a second run
//! idempotent, links on a site whose URL is unknown, records besides a site. (A real
//! generator's site: tests/build_hugo.rs.)
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::fs;
use std::path::Path;

use related_articles::build::input::Corpus;
use related_articles::build::site::{build_site, read_site, SitePages};
use related_articles::build::{key, BuildOptions, Built, SITE_OUTPUT};

const WIDGET: &str = "tests/fixtures/archive/widget";

/// An article page: Open Graph type article, the title, an optional canonical URL, and the
/// element when `element` is set.
fn article(title: &str, canonical: Option<&str>, element: bool) -> String {
    let canonical = canonical
        .map(|c| format!(r#"<link rel="canonical" href="{c}">"#))
        .unwrap_or_default();
    let element = if element {
        "<related-articles></related-articles>"
    } else {
        ""
    };
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta property=\"og:type\" content=\"article\">{canonical}</head>\
         <body><h1>{title}</h1>{element}</body></html>\n"
    )
}

fn page(site: &Path, path: &str, body: &str) {
    let file = site.join(path);
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(file, body).unwrap();
}

fn build(site: &Path, url: Option<&str>) -> Built {
    let mut corpus = Corpus::default();
    let pages: SitePages = read_site(site, url, &mut corpus).unwrap();
    build_site(
        corpus,
        &pages,
        &BuildOptions::default(),
        &site.join(SITE_OUTPUT),
        Path::new(WIDGET),
    )
    .unwrap()
}

/// The hrefs of the list written into a page, in order.
fn links(site: &Path, path: &str) -> Vec<String> {
    let html = fs::read_to_string(site.join(path)).unwrap();
    let Some((_, section)) = html.split_once("<section data-related-articles>") else {
        return Vec::new();
    };
    let section = section.split_once("</section>").unwrap().0;
    section
        .split("<a href=\"")
        .skip(1)
        .map(|a| a.split_once('"').unwrap().0.to_owned())
        .collect()
}

#[test]
fn a_site_build_rewrites_only_pages_with_the_element_and_is_idempotent() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    page(site, "index.html", "<title>Home</title><p>Latest posts</p>");
    page(
        site,
        "posts/bread/index.html",
        &article("Sourdough bread at home", None, true),
    );
    page(
        site,
        "posts/starter/index.html",
        &article("A sourdough starter at home", None, true),
    );
    page(
        site,
        "posts/rye/index.html",
        &article("Rye sourdough at home", None, false),
    );
    page(
        site,
        "old/bread/index.html",
        r#"<html><head><meta http-equiv="refresh" content="0; url=/posts/bread/"></head></html>"#,
    );
    page(
        site,
        "tags/sourdough/index.html",
        "<title>Tag: sourdough</title>",
    );
    page(
        site,
        "drafts/index.html",
        r#"<meta name="robots" content="noindex"><meta property="og:type" content="article"><title>Draft</title>"#,
    );
    page(
        site,
        "related-articles/ignored.html",
        &article("Never read", None, true),
    );
    page(site, "style.css", "p {}");
    let untouched = fs::read(site.join("posts/rye/index.html")).unwrap();
    let modified = fs::metadata(site.join("posts/rye/index.html"))
        .unwrap()
        .modified()
        .unwrap();

    let built = build(site, None);
    let counts = &built.manifest.counts;
    assert_eq!(
        (counts.pages, counts.records, counts.articles, counts.lists),
        (Some(7), None, 3, 3)
    );
    let skipped: Vec<(&str, usize)> = counts
        .skipped
        .iter()
        .map(|(r, n)| (r.as_str(), *n))
        .collect();
    assert_eq!(
        skipped,
        [("noindex", 1), ("not-article", 2), ("redirect", 1)]
    );
    assert_eq!((built.pages.written, built.pages.unchanged), (2, 0));
    // The site's URL is unknown: links are site paths, and the list's own article is never in it.
    let mut bread = links(site, "posts/bread/index.html");
    bread.sort();
    assert_eq!(bread, ["/posts/rye/", "/posts/starter/"]);
    assert_eq!(
        fs::read(site.join("posts/rye/index.html")).unwrap(),
        untouched
    );
    assert_eq!(
        fs::metadata(site.join("posts/rye/index.html"))
            .unwrap()
            .modified()
            .unwrap(),
        modified
    );
    let list = fs::read_to_string(
        site.join("related-articles/lists")
            .join(format!("{}.json", key::file_name("/posts/bread/"))),
    )
    .unwrap();
    assert!(
        list.starts_with(r#"{"v":1,"entries":[{"key":"/posts/bread/","items":[{"url":"/posts/"#),
        "{list}"
    );
    assert!(
        list.contains(r#"{"url":"/posts/starter/","title":"A sourdough starter at home","why":["#),
        "{list}"
    );
    assert!(site.join("related-articles/related-articles.js").exists());
    assert_eq!(
        fs::read_dir(site.join("related-articles/lists"))
            .unwrap()
            .count(),
        3
    );

    let snapshot = |p: &str| fs::read(site.join(p)).unwrap();
    let before = (
        snapshot("posts/bread/index.html"),
        snapshot("related-articles/manifest.json"),
    );
    let again = build(site, None);
    assert_eq!(
        again.manifest.build, built.manifest.build,
        "a page's injected list does not change the build"
    );
    assert_eq!((again.pages.written, again.pages.unchanged), (0, 2));
    assert_eq!((again.lists.written, again.lists.unchanged), (0, 3));
    assert_eq!(
        before,
        (
            snapshot("posts/bread/index.html"),
            snapshot("related-articles/manifest.json")
        )
    );
}

#[test]
fn pages_sharing_a_lookup_key_give_one_article_the_canonical_page_first() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    let url = "https://blog.example";
    // An AMP copy sorts before its article ("amp/" < "posts/") and names it as canonical.
    page(
        site,
        "amp/posts/a/index.html",
        &article(
            "Cats purr (AMP)",
            Some("https://blog.example/posts/a/"),
            true,
        ),
    );
    page(
        site,
        "posts/a/index.html",
        &article("Cats purr", None, true),
    );
    page(site, "posts/b/index.html", &article("Cats nap", None, true));
    page(
        site,
        "posts/c/index.html",
        &article("Cats sleep", None, true),
    );
    // Two copies of one article, neither served at its key: the first in walk order is kept.
    page(
        site,
        "x/copy-1.html",
        &article("Cats eat", Some("https://blog.example/gone/"), true),
    );
    page(
        site,
        "x/copy-2.html",
        &article("Cats eat again", Some("https://blog.example/gone/"), true),
    );
    let amp_before = fs::read(site.join("amp/posts/a/index.html")).unwrap();
    let built = build(site, Some(url));
    let counts = &built.manifest.counts;
    assert_eq!(
        (counts.articles, counts.skipped.get("duplicate")),
        (4, Some(&2))
    );
    assert_eq!(built.pages.written, 4, "the four kept articles' pages");
    assert_eq!(
        fs::read(site.join("amp/posts/a/index.html")).unwrap(),
        amp_before,
        "a copy is not the article: its page gets no list"
    );
    let b = links(site, "posts/b/index.html");
    assert!(b.contains(&format!("{url}/posts/a/")), "{b:?}");
    assert!(b.contains(&format!("{url}/gone/")), "{b:?}");
    let a = fs::read_to_string(site.join("posts/a/index.html")).unwrap();
    assert!(a.contains("<h2>Related Articles</h2>"), "{a}");
    let copy_2 = fs::read_to_string(site.join("x/copy-2.html")).unwrap();
    assert!(!copy_2.contains("<section"), "{copy_2}");
    let list = fs::read_to_string(
        site.join("related-articles/lists")
            .join(format!("{}.json", key::file_name("/posts/b/"))),
    )
    .unwrap();
    assert!(list.contains(r#""title":"Cats purr""#), "{list}");
    assert!(!list.contains("AMP") && !list.contains("again"), "{list}");
}

#[test]
fn records_given_besides_a_site_join_its_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("public");
    page(
        &site,
        "posts/a/index.html",
        &article(
            "Tomatoes on a balcony",
            Some("https://blog.example/posts/a/"),
            true,
        ),
    );
    page(
        &site,
        "posts/b/index.html",
        &article(
            "Peppers on a balcony",
            Some("https://blog.example/posts/b/"),
            true,
        ),
    );
    let mut corpus = Corpus::default();
    let pages = read_site(&site, None, &mut corpus).unwrap();
    corpus
        .read_input(
            "extra.jsonl",
            br#"{"id": "x", "url": "https://blog.example/shop/pots/", "title": "Pots for a balcony garden"}
{"id": "y", "url": "https://blog.example/posts/a/", "title": "The same page again"}
"#,
            None,
        )
        .unwrap();
    let out = tmp.path().join("archive");
    let built = build_site(
        corpus,
        &pages,
        &BuildOptions::default(),
        &out,
        Path::new(WIDGET),
    )
    .unwrap();
    let counts = &built.manifest.counts;
    assert_eq!(
        (counts.pages, counts.records, counts.articles, counts.lists),
        (Some(2), Some(2), 3, 3)
    );
    assert_eq!(counts.skipped.get("duplicate"), Some(&1));
    assert_eq!(built.manifest.inputs.len(), 1);
    assert_eq!(built.pages.written, 2);
    assert!(out.join("manifest.json").exists());
    assert!(!site.join(SITE_OUTPUT).exists(), "--out elsewhere");
    let mut a = links(&site, "posts/a/index.html");
    a.sort();
    assert_eq!(
        a,
        [
            "https://blog.example/posts/b/",
            "https://blog.example/shop/pots/"
        ]
    );
}

#[test]
fn a_site_without_articles_builds_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    page(site, "index.html", "<title>Home</title>");
    page(site, "about/index.html", "<title>About</title>");
    let mut corpus = Corpus::default();
    let pages = read_site(site, None, &mut corpus).unwrap();
    let e = build_site(
        corpus,
        &pages,
        &BuildOptions::default(),
        &site.join(SITE_OUTPUT),
        Path::new(WIDGET),
    )
    .unwrap_err();
    assert_eq!(e, "no valid article among 2 page(s): nothing to build");
    assert!(
        !site.join(SITE_OUTPUT).exists(),
        "a failed build writes nothing"
    );
    let e = read_site(&site.join("missing"), None, &mut Corpus::default()).unwrap_err();
    assert!(
        e.contains("missing") && e.contains("not a directory"),
        "{e}"
    );
}
