//! A real site built by a stock generator, read and rewritten: the Hugo fixture site of
//! tests/hugo (300 posts from the demo data, built by `hugo`). Every page of the output is read;
//! every article page is rewritten.

// A test indexes what it built: a wrong offset fails it, which is what a test is for.
#![allow(clippy::indexing_slicing, clippy::string_slice)]
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod hugo;

use std::collections::BTreeMap;
use std::fs;

use hugo::{has_amp, has_image, lang_en_gb, no_json_ld, pages, posts, site, tags, SITE};
use related_articles::site::read::{read_page, Page, PageArticle, SkipReason};
use related_articles::site::rewrite::{rewrite_page, Item, List};

/// Every page, read, with the site's URL known.
fn read_all() -> BTreeMap<String, Page> {
    pages()
        .iter()
        .map(|(path, html)| (path.clone(), read_page(html, path, Some(SITE)).unwrap()))
        .collect()
}

#[test]
fn every_post_page_is_the_article_it_was_written_from() {
    let read = read_all();
    let posts = posts();
    assert_eq!(posts.len(), 300);
    for (i, p) in posts.iter().enumerate() {
        let path = format!("posts/{}/index.html", p.slug);
        let Some(Page::Article(page)) = read.get(&path) else {
            panic!("{path}: {:?}", read.get(&path));
        };
        let a = &page.article;
        let url = format!("{SITE}/posts/{}/", p.slug);
        assert_eq!(a.url.as_deref(), Some(url.as_str()), "{path}");
        assert_eq!(
            (a.id.as_str(), page.link.as_str()),
            (url.as_str(), url.as_str())
        );
        // An untitled post has an empty headline, og:title and <h1>: <title> is what is left.
        let title = if p.title.is_empty() {
            "| The Fixture Gazette"
        } else {
            p.title.trim()
        };
        assert_eq!(a.title, title, "{path}");
        assert_eq!(
            a.summary,
            p.summary.split_whitespace().collect::<Vec<_>>().join(" "),
            "{path}"
        );
        if no_json_ld(i) {
            // Open Graph only: Hugo's own template calls the section ("posts") the article's.
            assert_eq!(a.category.as_deref(), Some("posts"), "{path}");
            assert!(a.tags.is_empty(), "{path}");
            assert_eq!(
                a.date.as_deref(),
                Some(format!("{}T00:00:00+00:00", p.date).as_str())
            );
        } else {
            assert_eq!(a.category.as_deref(), Some(p.category.as_str()), "{path}");
            assert_eq!(a.tags, tags(&p.title), "{path}");
            assert_eq!(a.date.as_deref(), Some(p.date.as_str()), "{path}");
        }
        let lang = match (lang_en_gb(i), no_json_ld(i)) {
            (true, _) => "en-GB",
            (false, _) => "en-us",
        };
        assert_eq!(a.lang.as_deref(), Some(lang), "{path}");
        assert_eq!(page.lang(), Some(lang), "{path}");
        let image = has_image(i).then(|| format!("{SITE}/img/cover.png"));
        assert_eq!(a.image, image, "{path}");
        assert!(page.warnings.is_empty(), "{path}: {:?}", page.warnings);
        assert!(
            page.element
                .as_ref()
                .is_some_and(|e| e.attributes.is_empty()),
            "{path}"
        );
    }
}

#[test]
fn special_posts_opt_out_override_and_survive_hostile_values() {
    let read = read_all();
    let get = |slug: &str| {
        read.get(&format!("posts/{slug}/index.html"))
            .unwrap()
            .clone()
    };
    let skipped = |slug: &str| match get(slug) {
        Page::Skipped(s) => s.reason,
        other => panic!("{slug}: {other:?}"),
    };
    assert_eq!(skipped("special-opted-out"), SkipReason::OptedOut);
    assert_eq!(skipped("special-body-ignore"), SkipReason::OptedOut);
    assert_eq!(skipped("special-noindex"), SkipReason::Noindex);
    let article = |slug: &str| match get(slug) {
        Page::Article(a) => *a,
        other => panic!("{slug}: {other:?}"),
    };

    let none = article("special-no-widget");
    assert_eq!(none.element, None);
    assert_eq!(none.article.tags, ["vaccine", "booster"]);

    let o = article("special-overrides");
    assert_eq!(o.article.category.as_deref(), Some("Editors' picks"));
    assert_eq!(o.article.summary, "Our summary: the week & its politics.");
    assert_eq!(
        o.article.title,
        "The editors' pick of the week's political stories"
    );
    let el = o.element.unwrap();
    assert_eq!(
        (el.heading(), el.limit(), el.attribute("why")),
        (Some("More to read"), Some(3), Some(""))
    );

    let f = article("special-french");
    assert_eq!(
        (f.article.lang.as_deref(), f.lang()),
        (Some("fr"), Some("fr"))
    );

    let h = article("special-hostile");
    assert_eq!(
        h.article.title,
        r#"</script><script>alert(1)</script> "><img src=x onerror=alert(1)> Vaccine <!-- booster"#
    );
    assert!(h
        .article
        .summary
        .starts_with("javascript:alert(1) ' onmouseover='alert(1) &lt;b&gt;"));
    assert_eq!(
        h.article.category.as_deref(),
        Some(r#"Wellness"><svg onload=alert(1)>"#)
    );
    assert_eq!(h.article.tags, ["vaccine", "<b>booster</b>"]);
    assert_eq!(h.article.image, None, "a javascript: image is dropped");
    assert_eq!(h.warnings.len(), 1);
    assert_eq!(h.warnings[0].field, "image");
}

#[test]
fn home_taxonomy_pagination_and_alias_pages_are_skipped_with_their_reason() {
    let read = read_all();
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for (path, page) in &read {
        let Page::Skipped(skip) = page else {
            assert!(
                (path.starts_with("posts/") || path.starts_with("amp/posts/"))
                    && path != "posts/index.html",
                "{path} is no article"
            );
            continue;
        };
        *reasons.entry(skip.reason.name()).or_default() += 1;
        let expected =
            if path.contains("/page/1/") || path.starts_with("page/1/") || path.starts_with("old/")
            {
                SkipReason::Redirect
            } else if path.starts_with("posts/special-noindex/") {
                SkipReason::Noindex
            } else if path.starts_with("posts/special-") {
                SkipReason::OptedOut
            } else {
                assert!(
                    path == "index.html"
                        || path == "about/index.html"
                        || path == "posts/index.html"
                        || path.starts_with("page/")
                        || path.starts_with("posts/page/")
                        || path.starts_with("categories/")
                        || path.starts_with("tags/"),
                    "{path} skipped as {:?}",
                    skip.reason
                );
                SkipReason::NotArticle
            };
        assert_eq!(skip.reason, expected, "{path}");
    }
    let articles = read
        .values()
        .filter(|p| matches!(p, Page::Article(_)))
        .count();
    let amp: Vec<usize> = (0..posts().len()).filter(|&i| has_amp(i)).collect();
    assert_eq!(
        articles,
        300 + 4 + amp.len(),
        "the posts, the hostile, overrides, French and no-widget ones, and the AMP copies"
    );
    // An AMP copy is read as the article it copies (a build keeps the post's page).
    assert!(amp.len() >= 10, "{amp:?}");
    for i in amp {
        let slug = &posts()[i].slug;
        let Some(Page::Article(copy)) = read.get(&format!("amp/posts/{slug}/index.html")) else {
            panic!("{slug}: no AMP copy");
        };
        assert_eq!(copy.link, format!("{SITE}/posts/{slug}/"));
        assert_eq!(copy.element, None);
    }
    // The alias, the home page's and every list's `/page/1/`; the home's pages 2–31.
    let alias = format!("old/{}/index.html", posts()[5].slug);
    assert_eq!(
        read.get(&alias)
            .map(|p| matches!(p, Page::Skipped(s) if s.reason == SkipReason::Redirect)),
        Some(true)
    );
    assert!(
        read.contains_key("page/31/index.html"),
        "307 posts, 10 a page"
    );
    assert!(reasons["redirect"] > 100, "{reasons:?}");
    assert!(reasons["not-article"] > 100, "{reasons:?}");
    assert_eq!(
        (reasons["opted-out"], reasons["noindex"]),
        (2, 1),
        "{reasons:?}"
    );
}

/// The articles in path order, and a list for each: the next five (skipping itself), which
/// puts the hostile post in a few lists.
fn lists(read: &BTreeMap<String, Page>) -> Vec<(String, PageArticle, Vec<PageArticle>)> {
    let articles: Vec<(String, PageArticle)> = read
        .iter()
        .filter_map(|(p, page)| match page {
            Page::Article(a) => Some((p.clone(), (**a).clone())),
            Page::Skipped(_) => None,
        })
        .collect();
    let n = articles.len();
    (0..n)
        .map(|i| {
            let (path, page) = articles[i].clone();
            let items = (1..=5).map(|k| articles[(i + k) % n].1.clone()).collect();
            (path, page, items)
        })
        .collect()
}

fn items(related: &[PageArticle]) -> Vec<Item<'_>> {
    related
        .iter()
        .map(|r| Item {
            url: r.article.url.as_deref(),
            title: &r.article.title,
            summary: Some(&r.article.summary),
            category: r.article.category.as_deref(),
            date: r.article.date.as_deref(),
            image: r.article.image.as_deref(),
            why: &r.article.tags,
        })
        .collect()
}

/// What the written list shows, read back with lol_html: every element and attribute inside
/// `<related-articles>`, and the links.
#[derive(Default, Debug)]
struct Shown {
    tags: Vec<String>,
    attributes: Vec<String>,
    links: Vec<String>,
    heading: String,
}

fn shown(html: &[u8]) -> Shown {
    use lol_html::{element, text, HtmlRewriter, Settings};
    use std::cell::RefCell;
    let shown = RefCell::new(Shown::default());
    let mut rewriter = HtmlRewriter::new(
        Settings {
            element_content_handlers: vec![
                element!("related-articles *", |el| {
                    let mut s = shown.borrow_mut();
                    s.tags.push(el.tag_name());
                    s.attributes
                        .extend(el.attributes().iter().map(|a| a.name()));
                    if el.tag_name() == "a" {
                        s.links.push(el.get_attribute("href").unwrap());
                    }
                    Ok(())
                }),
                text!("related-articles h2", |t| {
                    shown.borrow_mut().heading.push_str(t.as_str());
                    Ok(())
                }),
            ],
            ..Settings::new()
        },
        |_: &[u8]| {},
    );
    rewriter.write(html).unwrap();
    rewriter.end().unwrap();
    shown.into_inner()
}

#[test]
fn rewriting_writes_escaped_links_once_and_nothing_else() {
    let pages = pages();
    let read = read_all();
    let mut rewritten = 0;
    for (path, page, related) in lists(&read) {
        let html = &pages[&path];
        let items = items(&related);
        let list = List {
            page_url: page.article.url.as_deref(),
            items: &items,
        };
        let Some(out) = rewrite_page(html, &list).unwrap() else {
            assert_eq!(
                page.element, None,
                "{path}: has an element, was not rewritten"
            );
            continue;
        };
        rewritten += 1;
        assert_eq!(
            rewrite_page(&out, &list).unwrap().as_deref(),
            Some(out.as_slice()),
            "{path}: idempotent"
        );
        // Outside the element, the page is byte for byte what it was.
        let text = String::from_utf8(html.clone()).unwrap();
        let close = text.find("</related-articles>").unwrap();
        assert!(
            out.starts_with(&html[..close]) && out.ends_with(&html[close..]),
            "{path}"
        );
        // Re-read, the page is the same article.
        let Page::Article(again) = read_page(&out, &path, Some(SITE)).unwrap() else {
            panic!("{path}")
        };
        assert_eq!(*again, page, "{path}");

        let s = shown(&out);
        let limit = page.element.as_ref().and_then(|e| e.limit()).unwrap_or(5);
        let expected: Vec<&str> = related
            .iter()
            .take(limit)
            .map(|r| r.article.url.as_deref().unwrap())
            .collect();
        assert_eq!(s.links, expected, "{path}");
        let allowed_tags = [
            "section", "h2", "ul", "li", "span", "a", "p", "time", "small", "script",
        ];
        assert!(
            s.tags.iter().all(|t| allowed_tags.contains(&t.as_str())),
            "{path}: {:?}",
            s.tags
        );
        let allowed = ["data-related-articles", "class", "href", "datetime", "type"];
        assert!(
            s.attributes.iter().all(|a| allowed.contains(&a.as_str())),
            "{path}: {:?}",
            s.attributes
        );
        let scripts = |b: &[u8]| String::from_utf8_lossy(b).matches("<script").count();
        assert_eq!(
            scripts(&out),
            scripts(html) + 1,
            "{path}: only the JSON-LD script is new"
        );
        let heading = match (page.element.as_ref().and_then(|e| e.heading()), page.lang()) {
            (Some(h), _) => h.to_owned(),
            (None, Some("fr")) => "Articles connexes".into(),
            (None, _) => "Related Articles".into(),
        };
        assert_eq!(s.heading, heading, "{path}");
        let out = String::from_utf8(out).unwrap();
        if related.iter().any(|r| r.link.contains("special-hostile")) {
            assert!(out.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; \"&gt;&lt;img src=x onerror=alert(1)&gt; Vaccine &lt;!-- booster</a>"), "{path}");
            assert!(
                out.contains(
                    r#"<span class="category">Wellness"&gt;&lt;svg onload=alert(1)&gt;</span>"#
                ),
                "{path}"
            );
        }
        let section = out.split_once("<section data-related-articles").unwrap().1;
        let times: Vec<&str> = section.split("<time datetime=\"").skip(1).collect();
        assert_eq!(times.len(), s.tags.iter().filter(|t| *t == "time").count());
        for t in times {
            let shown = t.split_once("\">").unwrap().1;
            // en-GB writes the day first ("19 July 2025"); en-us the month ("July 19, 2025").
            let day_first = shown.starts_with(|c: char| c.is_ascii_digit());
            assert_eq!(
                day_first,
                matches!(page.lang(), Some("en-GB" | "fr")),
                "{path}: {shown}"
            );
        }
        if path.contains("special-overrides") {
            assert_eq!(
                out.matches("<small class=\"why\">Shared: ").count(),
                3,
                "{path}"
            );
        }
    }
    assert_eq!(
        rewritten, 303,
        "every article page but the one without the element"
    );
}

#[test]
fn dates_follow_the_nearest_language() {
    let read = read_all();
    let lists = lists(&read);
    let (_, page, related) = lists
        .iter()
        .find(|(p, _, _)| p.contains("special-french"))
        .unwrap();
    let items = items(related);
    let list = List {
        page_url: page.article.url.as_deref(),
        items: &items,
    };
    let html = fs::read(site().join("posts/special-french/index.html")).unwrap();
    let out = String::from_utf8(rewrite_page(&html, &list).unwrap().unwrap()).unwrap();
    let out = out.split_once("<section data-related-articles").unwrap().1;
    assert!(out.contains("<h2>Articles connexes</h2>"));
    let months = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let times = out.matches("<time ").count();
    assert!(times >= 2);
    let french = out
        .split("<time ")
        .skip(1)
        .filter(|t| months.iter().any(|m| t.contains(&format!(" {m} "))))
        .count();
    assert_eq!(french, times, "{out}");
}
