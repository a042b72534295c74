//! The page metadata rules on the shared fixture pages (tests/fixtures/pages/expected.json), as
//! `build --site` reads them; tests/browser/page-metadata.test.mjs holds the widget to the same
//! file. And a page written with hostile values, kept as a file the browser test loads.

// A test indexes what it built: a wrong offset fails it, which is what a test is for.
#![allow(clippy::indexing_slicing, clippy::string_slice)]
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;

use related_articles::site::read::{read_page, Page};
use related_articles::site::rewrite::{rewrite_page, Item, List};
use serde_json::Value;

const ORIGIN: &str = "https://origin.test";
const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pages");

fn expected() -> serde_json::Map<String, Value> {
    let text = fs::read_to_string(Path::new(DIR).join("expected.json")).unwrap();
    let text = text.replace("{origin}", ORIGIN);
    let value: Value = serde_json::from_str(&text).unwrap();
    value["pages"].as_object().unwrap().clone()
}

#[test]
fn every_fixture_page_reads_as_expected() {
    let pages = expected();
    let on_disk = fs::read_dir(DIR).unwrap().filter(|e| {
        let name = e.as_ref().unwrap().file_name().into_string().unwrap();
        name.ends_with(".html") && !name.starts_with("hostile-list.")
    });
    assert_eq!(
        on_disk.count(),
        pages.len(),
        "every fixture page has its expectation"
    );
    for (file, want) in &pages {
        let html = fs::read(Path::new(DIR).join(file)).unwrap();
        let path = format!("tests/fixtures/pages/{file}");
        let page = read_page(&html, &path, Some(&format!("{ORIGIN}/"))).unwrap();
        if let Some(reason) = want.get("skip") {
            let Page::Skipped(skip) = &page else {
                panic!("{file}: {page:?}")
            };
            assert_eq!(skip.reason.name(), reason.as_str().unwrap(), "{file}");
            continue;
        }
        let Page::Article(page) = page else {
            panic!("{file}: {page:?}")
        };
        let a = &page.article;
        let text = |k: &str| want.get(k).map(|v| v.as_str().unwrap());
        let url = text("url").unwrap();
        assert_eq!(a.url.as_deref(), Some(url), "{file}");
        assert_eq!(a.id, text("id").unwrap_or(url), "{file}");
        assert_eq!(Some(a.title.as_str()), text("title"), "{file}");
        assert_eq!(a.summary, text("summary").unwrap_or(""), "{file}");
        assert_eq!(a.category.as_deref(), text("category"), "{file}");
        let tags: Vec<&str> = want["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(a.tags, tags, "{file}");
        assert_eq!(a.date.as_deref(), text("date"), "{file}");
        assert_eq!(a.lang.as_deref(), text("lang"), "{file}");
        assert_eq!(a.image.as_deref(), text("image"), "{file}");
    }
}

/// The values of the OWASP XSS filter-evasion cheat sheet's classics, as list items.
fn hostile_items() -> (Vec<String>, Vec<Item<'static>>) {
    let why: &'static [String] = Box::leak(Box::new([
        "<b>bold</b>".to_string(),
        "\"><svg onload=window.__xss=9>".to_string(),
    ]));
    let items = vec![
        Item {
            url: Some("https://x.example/a"),
            title: "</script><script>window.__xss=1</script>",
            summary: Some("<!-- an open comment"),
            category: Some("'><svg onload=window.__xss=3>"),
            date: Some("2025-07-19"),
            image: Some("javascript:window.__xss=4"),
            why,
        },
        Item {
            url: Some("https://x.example/b?q=\"><script>window.__xss=5</script>"),
            title: "\"><img src=x onerror=\"window.__xss=2\">",
            summary: None,
            category: None,
            date: Some("2025-02-30T10:00:00Z"),
            image: Some("https://x.example/i.png\" onerror=\"window.__xss=6"),
            why,
        },
        Item {
            url: Some("javascript:window.__xss=7"),
            title: "A javascript: link, left out",
            ..Item::default()
        },
        Item {
            url: Some("/c"),
            title: "NUL\0 and \u{2028} and </related-articles><script>window.__xss=8</script>",
            summary: Some("Tom &amp; Jerry"),
            why,
            ..Item::default()
        },
    ];
    let expected_titles = [
        "</script><script>window.__xss=1</script>",
        "\"><img src=x onerror=\"window.__xss=2\">",
        "NUL and \u{2028} and </related-articles><script>window.__xss=8</script>",
    ];
    (expected_titles.map(String::from).to_vec(), items)
}

#[test]
fn hostile_values_are_written_as_text() {
    let source = fs::read(Path::new(DIR).join("hostile-list.source.html")).unwrap();
    let (_, items) = hostile_items();
    let list = List {
        page_url: Some("https://x.example/page"),
        items: &items,
    };
    let out = rewrite_page(&source, &list).unwrap().unwrap();
    let golden = Path::new(DIR).join("hostile-list.rewritten.html");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        fs::write(&golden, &out).unwrap();
    }
    assert_eq!(
        String::from_utf8(out.clone()).unwrap(),
        fs::read_to_string(&golden).unwrap(),
        "the written page changed: check it, then rerun with UPDATE_FIXTURES=1"
    );
    assert_eq!(
        rewrite_page(&out, &list).unwrap().unwrap(),
        out,
        "idempotent"
    );
    // Parsed back, the page has only the elements and attributes the list is made of.
    let (mut tags, mut attributes) = (Vec::new(), Vec::new());
    {
        use lol_html::{element, HtmlRewriter, Settings};
        let mut rewriter = HtmlRewriter::new(
            Settings {
                element_content_handlers: vec![element!("related-articles *", |el| {
                    tags.push(el.tag_name());
                    attributes.extend(el.attributes().iter().map(|a| (a.name(), a.value())));
                    Ok(())
                })],
                ..Settings::new()
            },
            |_: &[u8]| {},
        );
        rewriter.write(&out).unwrap();
        rewriter.end().unwrap();
    }
    tags.sort();
    tags.dedup();
    assert_eq!(
        tags,
        ["a", "h2", "img", "li", "p", "script", "section", "small", "span", "time", "ul"]
    );
    for (name, value) in &attributes {
        assert!(!name.starts_with("on"), "{name}={value}");
        assert!(
            !value.to_ascii_lowercase().contains("javascript:"),
            "{name}={value}"
        );
        if name == "href" || name == "src" {
            assert!(value.starts_with("https://x.example/"), "{name}={value}");
        }
    }
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text.matches("<script").count(),
        1,
        "only the JSON-LD script"
    );
    assert_eq!(
        text.matches("<img").count(),
        1,
        "only the grid's image, with an https src"
    );
    assert!(
        !text.contains('\0') && !text.contains("\\u0000"),
        "NUL bytes are dropped"
    );
    assert!(!text.contains("<!--") && !text.contains("<svg"));
}

#[test]
fn a_legacy_charset_page_is_read_and_written_in_its_charset() {
    let mut html = b"<html lang=fr><head><meta charset=\"windows-1252\"><title>Caf".to_vec();
    html.push(0xE9); // é in windows-1252
    html.extend_from_slice(b"</title><meta property=og:type content=article></head><body><related-articles></related-articles></body></html>");
    let Page::Article(page) = read_page(&html, "a.html", None).unwrap() else {
        panic!()
    };
    assert_eq!(page.article.title, "Café");
    assert_eq!(page.link, "/a.html");
    let items = [
        Item {
            url: Some("/b"),
            title: "Caf\u{e9} \u{65e5}\u{672c}",
            ..Item::default()
        },
        Item {
            url: Some("/c"),
            title: "c",
            ..Item::default()
        },
    ];
    let out = rewrite_page(
        &html,
        &List {
            page_url: None,
            items: &items,
        },
    )
    .unwrap()
    .unwrap();
    let link: &[u8] = b"<a href=\"/b\">Caf\xe9 &#26085;&#26412;</a>"; // what windows-1252 cannot hold: references
    assert!(
        out.windows(link.len()).any(|w| w == link),
        "{}",
        String::from_utf8_lossy(&out)
    );
    assert!(String::from_utf8_lossy(&out).contains("<h2>Articles connexes</h2>"));
    assert!(
        String::from_utf8_lossy(&out).contains(r#""name":"Caf\u00e9 \u65e5\u672c""#),
        "JSON-LD is ASCII"
    );
}
