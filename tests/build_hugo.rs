//! `related-articles build --site` end to end on a real generator's output: the Hugo fixture
//! site of tests/hugo (300 posts, a 10-item feed as `rssLimit = 10` makes it, aliases, AMP
//! copies, taxonomy and pagination pages), built by `hugo` and then by the CLI itself.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

mod hugo;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use hugo::{all_posts, copy_dir, files, has_amp, posts, site, SITE};
use serde_json::Value;

const WIDGET: &str = "tests/fixtures/archive/widget";

fn cli(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_related-articles"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `build --site DIR --json`: the report.
fn build(dir: &Path, more: &[&str]) -> (Value, String) {
    let dir = dir.to_str().unwrap();
    let mut args = vec!["build", "--site", dir, "--widget", WIDGET, "--json"];
    args.extend_from_slice(more);
    let out = cli(&args);
    let report = serde_json::from_slice(&out.stdout).unwrap();
    (report, String::from_utf8(out.stderr).unwrap())
}

/// A fresh copy of the fixture site.
fn copy(into: &Path) -> std::path::PathBuf {
    let public = into.join("public");
    copy_dir(site(), &public);
    public
}

/// The links of the list written into a page.
fn links(html: &str) -> Vec<String> {
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

/// The list file of a lookup key, as JSON.
fn list(archive: &Path, key: &str) -> Value {
    let name = related_articles::build::key::file_name(key);
    let text = fs::read(archive.join("lists").join(format!("{name}.json"))).unwrap();
    let file: Value = serde_json::from_slice(&text).unwrap();
    file["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["key"] == key)
        .cloned()
        .unwrap()
}

/// Why the reader skips a page of the fixture site, from its path alone (`None`: an article).
fn reason(path: &str) -> Option<&'static str> {
    let redirect =
        path.starts_with("old/") || path.starts_with("page/1/") || path.contains("/page/1/");
    if redirect {
        Some("redirect")
    } else if path.starts_with("amp/") {
        Some("duplicate")
    } else if path == "posts/special-noindex/index.html" {
        Some("noindex")
    } else if path == "posts/special-opted-out/index.html"
        || path == "posts/special-body-ignore/index.html"
    {
        Some("opted-out")
    } else if path.starts_with("posts/") && path != "posts/index.html" && !path.contains("/page/") {
        None
    } else {
        Some("not-article")
    }
}

#[test]
fn every_article_page_gets_a_list_from_the_whole_archive_and_nothing_else_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let public = copy(tmp.path());
    let before = files(&public, Some("html"));
    let (report, stderr) = build(&public, &[]);

    // The counts, and the summary that says them.
    let mut expected: BTreeMap<&str, u64> = BTreeMap::new();
    for path in before.keys() {
        if let Some(r) = reason(path) {
            *expected.entry(r).or_default() += 1;
        }
    }
    let amp = (0..posts().len()).filter(|&i| has_amp(i)).count() as u64;
    assert_eq!(expected["duplicate"], amp);
    let counts = &report["manifest"]["counts"];
    let skipped: BTreeMap<&str, u64> = counts["skipped"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_u64().unwrap()))
        .collect();
    assert_eq!(skipped, expected);
    let articles = before.keys().filter(|p| reason(p).is_none()).count() as u64;
    assert_eq!(articles, 300 + 4, "the posts and four special ones");
    assert_eq!(counts["pages"], before.len() as u64);
    assert_eq!(counts["articles"], articles);
    let summary: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("warning: "))
        .collect();
    let reasons: Vec<String> = expected.iter().map(|(r, n)| format!("{r} {n}")).collect();
    assert_eq!(
        summary,
        [
            format!("{} page(s) read, {articles} article(s) found", before.len()),
            format!("skipped: {}", reasons.join(", ")),
            format!(
                "lists: {articles} written, 0 unchanged, 0 removed, of {articles} in the build"
            ),
            format!("pages: {} rewritten, 1 unchanged", articles - 2),
            format!(
                "build {}: {}",
                report["manifest"]["build"].as_str().unwrap(),
                public.join("related-articles/manifest.json").display()
            ),
        ],
        "{stderr}"
    );

    // Every article page with the element shows its list, at least 4 from the whole archive
    // unless nothing shares a word with it; nothing outside the element changed.
    let after = files(&public, Some("html"));
    let archive = public.join("related-articles");
    let mut linked = BTreeSet::new();
    let mut empty = Vec::new();
    for (path, old) in &before {
        let new = &after[path];
        let old = String::from_utf8(old.clone()).unwrap();
        let new = String::from_utf8(new.clone()).unwrap();
        if reason(path).is_some() || !old.contains("<related-articles") {
            assert_eq!(
                old, new,
                "{path}: not an article with the element, not touched"
            );
            continue;
        }
        let key = format!("/{}", path.trim_end_matches("index.html"));
        let items: Vec<String> = list(&archive, &key)["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| format!("{SITE}{}", i["url"].as_str().unwrap()))
            .collect();
        let shown = links(&new);
        if items.is_empty() {
            empty.push(key);
            assert_eq!(old, new, "{path}: nothing to show, nothing written");
            continue;
        }
        let limit = if path.contains("special-overrides") {
            3
        } else {
            5
        };
        assert!(shown.len() >= 3, "{path}: {shown:?}");
        assert!(items.len() >= 4, "{path}: {items:?}");
        assert_eq!(shown, items[..limit.min(items.len())], "{path}");
        linked.extend(shown);
        let close = old.find("</related-articles>").unwrap();
        let open = new.find("<section data-related-articles>").unwrap();
        assert_eq!(
            open, close,
            "{path}: the list goes at the end of the element"
        );
        assert_eq!(new[..open], old[..close], "{path}");
        assert!(new.ends_with(&old[close..]), "{path}");
    }
    assert_eq!(
        empty,
        ["/posts/special-french/"],
        "French: no word in common"
    );
    // The feed holds 10 posts; the lists link across the archive.
    let feed = fs::read_to_string(public.join("index.xml")).unwrap();
    assert_eq!(feed.matches("<item>").count(), 10);
    let outside_feed = linked
        .iter()
        .filter(|u| !feed.contains(&format!("<link>{u}</link>")))
        .count();
    assert!(linked.len() > 200, "{} articles linked", linked.len());
    assert!(outside_feed > 190, "{outside_feed} not in the feed");

    // A second run changes nothing at all.
    let tree = files(&public, None);
    let (again, _) = build(&public, &[]);
    assert_eq!(files(&public, None), tree);
    assert_eq!(again["pages"]["written"], 0);
    assert_eq!(again["lists"]["written"], 0);
    assert_eq!(again["manifest"], report["manifest"]);
}

#[test]
fn shards_of_a_site_write_what_one_build_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let whole = copy(&tmp.path().join("whole"));
    let sharded = copy(&tmp.path().join("sharded"));
    build(&whole, &[]);
    for shard in ["0/2", "1/2"] {
        let (report, _) = build(&sharded, &["--shard", shard]);
        assert!(report["pages"]["written"].as_u64().unwrap() > 100);
    }
    cli(&["merge", "--site", sharded.to_str().unwrap()]);
    let (a, b) = (files(&whole, None), files(&sharded, None));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{path} differs");
    }
}

#[test]
fn adding_one_post_rewrites_only_the_pages_whose_list_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let first = copy(tmp.path());
    build(&first, &[]);
    let mut more = posts();
    more.push(all_posts()[hugo::POSTS].clone());
    let second = hugo::build(&more, &tmp.path().join("second"));
    let (report, _) = build(&second, &[]);
    assert_eq!(report["manifest"]["counts"]["articles"], 305);

    let (a, b) = (files(&first, None), files(&second, None));
    let post_pages: Vec<&String> = a
        .keys()
        .filter(|p| reason(p).is_none() && p.ends_with(".html"))
        .collect();
    let changed_pages: BTreeSet<String> = post_pages
        .iter()
        .filter(|p| a[**p] != b[**p])
        .map(|p| format!("/{}", p.trim_end_matches("index.html")))
        .collect();
    let archive = |root: &Path| root.join("related-articles");
    let changed_lists: BTreeSet<String> = post_pages
        .iter()
        .map(|p| format!("/{}", p.trim_end_matches("index.html")))
        .filter(|key| list(&archive(&first), key) != list(&archive(&second), key))
        .collect();
    // A page changes only when its list does (Hugo writes the other posts' pages as before), and
    // whenever the articles it links to do (a list file may also change in what the page does
    // not show: the shared words).
    let urls = |root: &Path, key: &str| {
        list(&archive(root), key)["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["url"].clone())
            .collect::<Vec<_>>()
    };
    let changed_links: BTreeSet<String> = changed_lists
        .iter()
        .filter(|key| urls(&first, key) != urls(&second, key))
        .cloned()
        .collect();
    assert!(
        changed_pages.is_subset(&changed_lists),
        "{changed_pages:?} {changed_lists:?}"
    );
    assert!(
        changed_links.is_subset(&changed_pages),
        "{changed_links:?} {changed_pages:?}"
    );
    assert!(!changed_links.is_empty());
    let share = changed_pages.len() as f64 / post_pages.len() as f64;
    assert!(
        share < 0.1,
        "{} of {} post pages rewritten",
        changed_pages.len(),
        post_pages.len()
    );
}
