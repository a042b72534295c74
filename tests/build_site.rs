//! `build --site`'s own part, with a test page reader standing in for `src/site/`: the sorted
//! walk, skip reasons and duplicates counted, only pages with an element rewritten, pages
//! without one left untouched, a second run idempotent. (Reading real pages and writing real
//! markup are the page reader's, tested with it.)
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::fs;
use std::path::Path;

use related_articles::build::key::lookup_key;
use related_articles::build::list::ListItem;
use related_articles::build::site::{build_site, NoReader, PageRead, PageReader};
use related_articles::build::BuildOptions;
use related_articles::{Loose, RawArticle};

const WIDGET: &str = "tests/fixtures/archive/widget";
const MARK: &str = "<!--list-->";

/// Test pages: `<title>` is the title, `skip:` in the body a skip reason, MARK the element.
struct TestReader;

impl PageReader for TestReader {
    fn read(&self, html: &[u8], path: &str) -> Result<PageRead, String> {
        let html = String::from_utf8_lossy(html);
        if let Some(reason) = html.split("skip:").nth(1) {
            return Ok(PageRead::Skipped(reason.split('<').next().unwrap().into()));
        }
        let title = html
            .split("<title>")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap();
        let raw = RawArticle {
            title: Some(Loose::Text(title.into())),
            id: Some(Loose::Text(path.into())),
            ..Default::default()
        };
        Ok(PageRead::Article {
            record: Box::new(raw.validate(0)),
            key: lookup_key(Some(&format!("/{path}")), path),
            element: html.contains(MARK),
        })
    }

    fn rewrite(
        &self,
        html: &[u8],
        _: Option<&str>,
        items: &[ListItem],
        build: &str,
    ) -> Result<Option<Vec<u8>>, String> {
        let html = String::from_utf8_lossy(html);
        let Some((head, rest)) = html.split_once(MARK) else {
            return Ok(None);
        };
        let tail = rest.split_once("<!--/list-->").map_or(rest, |(_, t)| t);
        let titles: Vec<&str> = items.iter().map(|i| i.title).collect();
        Ok(Some(
            format!("{head}{MARK}{build}:{}<!--/list-->{tail}", titles.join("|")).into_bytes(),
        ))
    }
}

fn page(site: &Path, path: &str, body: &str) {
    let file = site.join(path);
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(file, body).unwrap();
}

#[test]
fn a_site_build_rewrites_only_pages_with_the_element_and_is_idempotent() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    page(
        site,
        "index.html",
        "<title>Home</title>skip:not an article</p>",
    );
    page(
        site,
        "posts/bread/index.html",
        &format!("<title>Sourdough bread</title>{MARK}"),
    );
    page(
        site,
        "posts/starter/index.html",
        &format!("<title>Sourdough starter</title>{MARK}"),
    );
    page(
        site,
        "posts/rye/index.html",
        "<title>Rye sourdough</title> no element",
    );
    page(
        site,
        "old/bread.html",
        "<title>Old</title>skip:redirect</p>",
    );
    page(
        site,
        "tags/sourdough/index.html",
        "<title>Tag</title>skip:not an article</p>",
    );
    page(
        site,
        "related-articles/ignored.html",
        "<title>Never read</title>",
    );
    page(site, "style.css", "p {}");
    let untouched = fs::read(site.join("posts/rye/index.html")).unwrap();
    let modified = fs::metadata(site.join("posts/rye/index.html"))
        .unwrap()
        .modified()
        .unwrap();

    let built = build_site(
        site,
        &BuildOptions::default(),
        Path::new(WIDGET),
        &TestReader,
    )
    .unwrap();
    let counts = &built.manifest.counts;
    assert_eq!(
        (counts.pages, counts.articles, counts.lists),
        (Some(6), 3, 3)
    );
    let skipped: Vec<(&str, usize)> = counts
        .skipped
        .iter()
        .map(|(r, n)| (r.as_str(), *n))
        .collect();
    assert_eq!(skipped, [("not an article", 2), ("redirect", 1)]);
    assert_eq!((built.pages.written, built.pages.unchanged), (2, 0));
    let bread = fs::read_to_string(site.join("posts/bread/index.html")).unwrap();
    let id = &built.manifest.build;
    assert_eq!(
        bread,
        format!(
            "<title>Sourdough bread</title>{MARK}{id}:Rye sourdough|Sourdough starter<!--/list-->"
        )
    );
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
    assert!(site.join("related-articles/manifest.json").exists());
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
    let again = build_site(
        site,
        &BuildOptions::default(),
        Path::new(WIDGET),
        &TestReader,
    )
    .unwrap();
    assert_eq!(
        again.manifest.build, *id,
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
fn an_alias_with_the_same_key_is_a_duplicate_and_without_a_reader_nothing_is_built() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    page(site, "a/index.html", "<title>Cats purr</title>");
    page(site, "a/index.htm", "<title>Cats purr again</title>"); // a key of its own: /a/index.htm
    page(site, "b/index.html", "<title>Cats nap</title>");
    let built = build_site(
        site,
        &BuildOptions::default(),
        Path::new(WIDGET),
        &TestReader,
    )
    .unwrap();
    assert_eq!(built.manifest.counts.articles, 3);

    // Two pages that name one lookup key: the second is a duplicate.
    struct SameKey;
    impl PageReader for SameKey {
        fn read(&self, html: &[u8], path: &str) -> Result<PageRead, String> {
            Ok(match TestReader.read(html, path)? {
                PageRead::Article {
                    record, element, ..
                } => PageRead::Article {
                    record,
                    key: "/a/".into(),
                    element,
                },
                skipped => skipped,
            })
        }
        fn rewrite(
            &self,
            _: &[u8],
            _: Option<&str>,
            _: &[ListItem],
            _: &str,
        ) -> Result<Option<Vec<u8>>, String> {
            Ok(None)
        }
    }
    let built = build_site(site, &BuildOptions::default(), Path::new(WIDGET), &SameKey).unwrap();
    assert_eq!(built.manifest.counts.articles, 1);
    assert_eq!(built.manifest.counts.skipped.get("duplicate"), Some(&2));

    let e = build_site(site, &BuildOptions::default(), Path::new(WIDGET), &NoReader).unwrap_err();
    assert_eq!(e, "no valid article among 3 page(s): nothing to build");
}
