//! `related-articles build` and `merge` as a publisher runs them: inputs of every kind, the
//! files written, determinism, incremental rewrites, shards, errors and exit codes.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use related_articles::build::key::{file_name, lookup_key};
use related_articles::feed::{parse_wxr, FeedContext};

const WIDGET: &str = "tests/fixtures/archive/widget";
const WXR: &str = "tests/fixtures/wxr/export.xml";

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_related-articles"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// `build <inputs> --out <out> --widget <fixture> <extra>`, which must succeed; its stderr.
fn build(inputs: &[&Path], out: &Path, extra: &[&str]) -> String {
    let mut args: Vec<String> = vec!["build".into()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    args.extend([
        "--out".into(),
        out.display().to_string(),
        "--widget".into(),
        WIDGET.into(),
    ]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = cli(&args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stderr(&o)
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The first `n` lines of the HuffPost sample (and `extra` lines after them) as a file in `dir`:
/// the sample's first 1,000 records are vendored under tests/fixtures/huffpost, so these tests
/// need no datasets beside the repository.
fn huffpost(dir: &Path, name: &str, n: usize, extra: &[&str]) -> PathBuf {
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/huffpost/articles-1000.jsonl");
    let text = fs::read_to_string(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
    let mut lines: Vec<&str> = text.lines().take(n).collect();
    assert_eq!(lines.len(), n);
    lines.extend_from_slice(extra);
    let path = dir.join(name);
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

/// An article that is not in the HuffPost sample: the demo's first seed article.
const NEW_ARTICLE: &str = r#"{"id": "seed-00", "url": "https://www.huffpost.com/entry/secret-diplomacy", "title": "The role of secret diplomatic agreements and backchannel negotiations in precipitating alliances and conflicts", "summary": "Secret agreements and backchannel talks quietly mold alliances and wars, shaping history beyond public deliberation.", "category": "WORLD NEWS", "date": "2025-07-19"}"#;

fn list_of(out: &Path, url: &str) -> serde_json::Value {
    let path = out
        .join("lists")
        .join(format!("{}.json", file_name(&lookup_key(Some(url), ""))));
    serde_json::from_slice(&fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .unwrap()
}

fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap()
}

#[test]
fn same_input_same_bytes_and_a_rebuild_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let input = huffpost(tmp.path(), "articles.jsonl", 300, &[]);
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let first = build(&[&input], &a, &[]);
    assert!(
        first.contains("300 record(s) read, 300 article(s) found"),
        "{first}"
    );
    assert!(
        first.contains("lists: 300 written, 0 unchanged, 0 removed, of 300 in the build"),
        "{first}"
    );
    build(&[&input], &b, &[]);
    let tree_a = tree(&a);
    assert_eq!(tree_a, tree(&b));
    assert_eq!(tree_a.len(), 300 + 4); // lists, manifest, script, wasm, css

    let again = build(&[&input], &a, &[]);
    assert!(
        again.contains("lists: 0 written, 300 unchanged, 0 removed"),
        "{again}"
    );
    assert_eq!(tree(&a), tree_a);

    // What the files hold.
    let m = manifest(&a);
    let id = m["build"].as_str().unwrap();
    assert_eq!(id.len(), 16);
    assert_eq!(m["inputs"][0]["name"], "articles.jsonl");
    assert_eq!(m["inputs"][0]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(m["counts"]["lists"], 300);
    assert!(!String::from_utf8_lossy(&tree_a["manifest.json"]).contains("shards"));
    let script = String::from_utf8(tree_a["related-articles.js"].clone()).unwrap();
    assert!(
        script.contains(&format!(
            r#""{{\"v\":1,\"build\":\"{id}\",\"lists\":\"lists/\"}}""#
        )),
        "{script}"
    );
    assert_eq!(
        tree_a["related-articles.0123456789.wasm"],
        fs::read(format!("{WIDGET}/related-articles.0123456789.wasm")).unwrap()
    );
    let list = list_of(
        &a,
        "https://www.huffpost.com/entry/covid-boosters-uptake-us_n_632d719ee4b087fae6feaac9",
    );
    assert_eq!(list["v"], 1);
    let entry = &list["entries"][0];
    assert_eq!(
        entry["key"],
        "/entry/covid-boosters-uptake-us_n_632d719ee4b087fae6feaac9"
    );
    let items = entry["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    for item in items {
        let url = item["url"].as_str().unwrap();
        assert!(
            url.starts_with('/') || url.starts_with("https://www.huffingtonpost.com/"),
            "{url}"
        );
        assert!(!item["title"].as_str().unwrap().is_empty());
        assert!(item.get("summary").is_none() && item.get("score").is_none());
        assert_eq!(item["date"].as_str().unwrap().len(), 10);
        assert!(!item["why"].as_array().unwrap().is_empty());
    }
}

#[test]
fn adding_one_article_rewrites_under_a_tenth_of_the_lists_and_removing_it_removes_its_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let before = huffpost(tmp.path(), "before.jsonl", 1000, &[]);
    let after = huffpost(tmp.path(), "after.jsonl", 1000, &[NEW_ARTICLE]);
    build(&[&before], &out, &[]);
    let first = tree(&out);
    let log = build(&[&after], &out, &["--quiet"]);
    assert!(log.is_empty(), "--quiet prints nothing: {log}");
    let second = tree(&out);
    let lists = |t: &BTreeMap<String, Vec<u8>>| t.keys().filter(|k| k.starts_with("lists")).count();
    assert_eq!((lists(&first), lists(&second)), (1000, 1001));
    let rewritten = second
        .iter()
        .filter(|(k, v)| k.starts_with("lists") && first.get(*k).is_some_and(|old| old != *v))
        .count();
    assert!(rewritten > 0, "the new article must appear in some list");
    assert!(
        rewritten * 10 < 1000,
        "{rewritten} of 1000 list files rewritten"
    );
    let new = list_of(&out, "https://www.huffpost.com/entry/secret-diplomacy");
    assert!(!new["entries"][0]["items"].as_array().unwrap().is_empty());

    let back = build(&[&before], &out, &[]);
    assert!(back.contains(" 1 removed"), "{back}");
    assert_eq!(
        tree(&out).keys().collect::<Vec<_>>(),
        first.keys().collect::<Vec<_>>()
    );
    assert_eq!(tree(&out), first);
}

#[test]
fn the_union_of_2_and_of_3_shards_is_byte_identical_to_a_single_build() {
    let tmp = tempfile::tempdir().unwrap();
    let input = huffpost(tmp.path(), "articles.jsonl", 400, &[]);
    let single = tmp.path().join("single");
    build(&[&input], &single, &[]);
    let expected = tree(&single);
    for n in [2, 3] {
        let out = tmp.path().join(format!("shards-{n}"));
        for i in 0..n {
            let log = build(&[&input], &out, &["--shard", &format!("{i}/{n}")]);
            assert!(log.contains(&format!("shard {i}/{n} done")), "{log}");
            if i + 1 < n {
                // Not all shards yet: merge refuses, naming what is missing.
                let o = cli(&["merge", out.to_str().unwrap()]);
                assert_eq!(o.status.code(), Some(1));
                assert!(
                    stderr(&o).contains(&format!("{}/{n}", n - 1)),
                    "{}",
                    stderr(&o)
                );
            }
        }
        let o = cli(&["merge", out.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("400 list(s) of 400 article(s)"),
            "{}",
            stderr(&o)
        );
        let got = tree(&out);
        assert_eq!(
            got.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "{n} shards"
        );
        assert!(got == expected, "{n} shards: same files, different bytes");
    }
    // Two shards of different builds do not merge.
    let mixed = tmp.path().join("mixed");
    build(&[&input], &mixed, &["--shard", "0/2"]);
    build(&[&input], &mixed, &["--shard", "1/2", "--limit", "3"]);
    let o = cli(&["merge", mixed.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("different builds"), "{}", stderr(&o));
}

#[test]
fn a_wordpress_export_counts_only_published_posts() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let log = build(&[Path::new(WXR)], &out, &[]);
    assert!(
        log.contains("10 record(s) read, 3 article(s) found"),
        "{log}"
    );
    assert!(
        log.contains("skipped: password 1, post_type:attachment 1, post_type:nav_menu_item 1, post_type:page 1, status:draft 1, status:future 1, status:trash 1"),
        "{log}"
    );
    let m = manifest(&out);
    assert_eq!(m["counts"]["skipped"]["status:draft"], 1);
    assert_eq!(m["counts"]["articles"], 3);

    let read = parse_wxr(&fs::read(WXR).unwrap(), &FeedContext::default()).unwrap();
    let posts: Vec<_> = read.feed.articles().collect();
    assert_eq!(posts.len(), 3);
    let (balcony, heatwave, compost) = (posts[0], posts[1], posts[2]);
    assert_eq!(
        balcony.url.as_deref(),
        Some("https://garden.example/2025/07/growing-tomatoes-on-a-balcony/")
    );
    assert_eq!(
        balcony.summary,
        "Cherry tomatoes in deep pots: sun, water and patience on a balcony."
    ); // the excerpt
    assert_eq!(balcony.category.as_deref(), Some("Vegetables"));
    assert_eq!(balcony.tags, ["Tomatoes", "Balcony"]); // no post format
    assert_eq!(balcony.date.as_deref(), Some("2025-07-19T08:00:00Z")); // wp:post_date_gmt
    assert_eq!(balcony.lang.as_deref(), Some("en-GB"));
    assert_eq!(heatwave.title, "Watering tomatoes & peppers in a heatwave");
    assert!(heatwave
        .summary
        .starts_with("In a heatwave, water tomatoes")); // no excerpt: the content
    assert_eq!(heatwave.category, None); // "Uncategorized" is no category
    assert_eq!(heatwave.tags, ["Tomatoes"]);
    assert_eq!(compost.category.as_deref(), Some("Soil & Compost"));
    assert_eq!(compost.date.as_deref(), Some("2025-06-10T06:00:00Z")); // no GMT date: pubDate
    let lines: Vec<usize> = read.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines.len(), 7);
    assert!(
        lines.windows(2).all(|w| w[0] < w[1]) && lines[0] > 100,
        "{lines:?}"
    );

    let list = list_of(
        &out,
        "https://garden.example/2025/07/growing-tomatoes-on-a-balcony/",
    );
    let urls: Vec<&str> = list["entries"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["url"].as_str().unwrap())
        .collect();
    assert_eq!(urls.len(), 2);
    assert!(
        urls.contains(&"/2025/07/watering-in-a-heatwave/")
            && urls.contains(&"/2025/06/compost-for-pots/"),
        "{urls:?}"
    );
}

#[test]
fn feed_pages_json_arrays_and_json_lines_make_one_corpus_with_duplicates_reported_once() {
    let tmp = tempfile::tempdir().unwrap();
    let item = |n: u32, title: &str| {
        format!("<item><title>{title}</title><link>https://blog.example/p/{n}/</link><guid>https://blog.example/p/{n}/</guid><pubDate>Sat, 19 Jul 2025 10:00:00 +0000</pubDate></item>\n")
    };
    let page = |items: &[String]| {
        format!("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Blog</title>\n{}</channel></rss>\n", items.concat())
    };
    let page1 = tmp.path().join("feed-1.xml");
    let page2 = tmp.path().join("feed-2.xml");
    fs::write(
        &page1,
        page(&[
            item(1, "Baking sourdough bread"),
            item(2, "Sourdough starter care"),
        ]),
    )
    .unwrap();
    // The second page repeats the entry that slid down between the two fetches.
    fs::write(
        &page2,
        page(&[
            item(2, "Sourdough starter care"),
            item(3, "Bread flour and sourdough hydration"),
        ]),
    )
    .unwrap();
    let array = tmp.path().join("more.json");
    fs::write(&array, r#"[{"id": "x1", "url": "https://blog.example/p/4/", "title": "Rye sourdough bread"}, {"id": "x2", "url": "https://blog.example/p/1/#top", "title": "The same page as p/1"}]"#).unwrap();
    let lines = tmp.path().join("extra.jsonl");
    fs::write(
        &lines,
        "{\"id\": \"y1\", \"title\": \"Sourdough pizza\"}\n{\"id\": \"y2\", \"title\": []}\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let log = build(&[&page1, &page2, &array, &lines], &out, &[]);
    let duplicates: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("duplicate:"))
        .collect();
    assert_eq!(duplicates.len(), 2, "{log}");
    assert!(
        duplicates[0].contains("feed-2.xml: line 3")
            && duplicates[0].contains("same id as")
            && duplicates[0].contains("feed-1.xml: line 4"),
        "{log}"
    );
    assert!(
        duplicates[1].contains("more.json") && duplicates[1].contains("same lookup key"),
        "{log}"
    );
    assert!(
        log.contains("rejected: ") && log.contains("extra.jsonl: line 2 (id \"y2\")"),
        "{log}"
    );
    assert!(
        log.contains("8 record(s) read, 5 article(s) found"),
        "{log}"
    );
    assert!(log.contains("skipped: duplicate 2, rejected 1"), "{log}");
    let m = manifest(&out);
    let names: Vec<&str> = m["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["feed-1.xml", "feed-2.xml", "more.json", "extra.jsonl"]
    );
    // An article without URL gets a list under `id:`, and is linked by id.
    let by_id = out
        .join("lists")
        .join(format!("{}.json", file_name("id:y1")));
    assert!(fs::read_to_string(by_id)
        .unwrap()
        .contains(r#""key":"id:y1""#));
    let p1 = list_of(&out, "https://blog.example/p/1/");
    let items = p1["entries"][0]["items"].as_array().unwrap();
    assert!(
        items
            .iter()
            .any(|i| i["id"] == "y1" && i.get("url").is_none()),
        "{p1}"
    );

    let strict = cli(&[
        "build",
        lines.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--widget",
        WIDGET,
        "--strict",
    ]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stderr(&strict).contains("1 of 2 record(s) rejected and --strict is set"));
}

#[test]
fn bad_input_fails_naming_the_culprit_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o_ = out.to_str().unwrap();
    let good = huffpost(tmp.path(), "good.jsonl", 20, &[]);
    let g = good.to_str().unwrap();
    let html = tmp.path().join("page.html");
    fs::write(&html, "<!doctype html><html><body>hi</body></html>").unwrap();

    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            vec!["build", g, "missing.jsonl", "--out", o_, "--widget", WIDGET],
            1,
            "cannot read missing.jsonl",
        ),
        (
            vec![
                "build",
                g,
                html.to_str().unwrap(),
                "--out",
                o_,
                "--widget",
                WIDGET,
            ],
            1,
            "page.html: not a feed",
        ),
        (
            vec!["build", g, "--out", o_, "--widget", "no/such/dist"],
            1,
            "npm run build",
        ),
        (
            vec!["build", g, "--out", o_, "--widget", "tests/fixtures/feeds"],
            1,
            "has no related-articles.js",
        ),
        (
            vec!["build", g, "--out", o_, "--shard", "2/2"],
            2,
            "i runs from 0 to 1, got 2",
        ),
        (
            vec!["build", g, "--out", o_, "--limit", "101"],
            2,
            "--limit must be between 0 and 100, got 101",
        ),
        (
            vec!["build", g, "--out", o_, "--summary", "lots"],
            2,
            "--summary: \"lots\" is not a number",
        ),
        (
            vec!["build", g],
            2,
            "needs input files and --out DIR, or --site DIR",
        ),
        (vec!["build", "--out", o_], 2, "needs input files"),
        // Records besides a site join it; the site must be there.
        (vec!["build", g, "--site", o_], 1, "not a directory"),
        (
            vec!["build", g, "--out", o_, "--frobnicate"],
            2,
            "unknown option --frobnicate",
        ),
        (vec!["merge"], 2, "`merge` takes"),
        (vec!["merge", o_], 1, "no shard manifests"),
    ];
    for (args, code, message) in cases {
        let o = cli(&args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(message), "{args:?}: {}", stderr(&o));
        assert!(!out.exists(), "{args:?} wrote {}", out.display());
    }
    let empty = tmp.path().join("empty.jsonl");
    fs::write(&empty, "{\"id\": \"a\"}\n").unwrap();
    let o = cli(&[
        "build",
        empty.to_str().unwrap(),
        "--out",
        o_,
        "--widget",
        WIDGET,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no valid article among 1 record(s)"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

#[test]
fn lookup_keys_and_file_names_match_the_cases_the_widget_is_tested_on() {
    let cases: Vec<serde_json::Value> = serde_json::from_str(
        &fs::read_to_string("tests/fixtures/archive/lookup-keys.json").unwrap(),
    )
    .unwrap();
    assert!(cases.len() >= 15);
    for c in &cases {
        let key = lookup_key(c["url"].as_str(), c["id"].as_str().unwrap());
        assert_eq!(key, c["key"].as_str().unwrap(), "{c}");
        assert_eq!(file_name(&key), c["file"].as_str().unwrap(), "{c}");
    }
}

#[test]
fn a_new_widget_replaces_the_old_wasm() {
    let tmp = tempfile::tempdir().unwrap();
    let input = huffpost(tmp.path(), "articles.jsonl", 10, &[]);
    let out = tmp.path().join("out");
    build(&[&input], &out, &[]);
    let dist = tmp.path().join("dist");
    fs::create_dir(&dist).unwrap();
    fs::copy(
        format!("{WIDGET}/related-articles.js"),
        dist.join("related-articles.js"),
    )
    .unwrap();
    fs::write(
        dist.join("related-articles.fedcba9876.wasm"),
        b"\0asm\x01\0\0\0new",
    )
    .unwrap();
    fs::write(dist.join("related-articles.d.ts"), "export {};").unwrap();
    let mut args = vec![
        "build",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--widget",
        dist.to_str().unwrap(),
    ];
    let o = cli(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let names: Vec<String> = tree(&out)
        .into_keys()
        .filter(|k| !k.starts_with("lists"))
        .collect();
    assert_eq!(
        names,
        [
            "manifest.json",
            "related-articles.fedcba9876.wasm",
            "related-articles.js"
        ]
    );
    // A script without the sentinel is refused, naming the file.
    fs::write(dist.join("related-articles.js"), "export default 1;").unwrap();
    args.push("--quiet");
    let o = cli(&args);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("does not carry the archive sentinel"),
        "{}",
        stderr(&o)
    );
}
