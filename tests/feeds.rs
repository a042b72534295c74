//! Feed parsing on the fixtures in tests/fixtures/feeds/ (the browser tests load the same files),
//! the CLI's `parse` command and feed corpora, and inputs built to break a parser.

#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use related_articles::feed::{parse, Feed, FeedContext, FeedError, Format};
use related_articles::{Article, Index, IndexOptions, Query, RelatedOptions};

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap()
}

fn parse_fixture(name: &str, base_url: Option<&str>) -> Feed {
    let ctx = FeedContext {
        base_url,
        ..Default::default()
    };
    parse(&fixture(name), &ctx).unwrap()
}

fn articles(feed: &Feed) -> Vec<&Article> {
    feed.articles().collect()
}

#[test]
fn rss2_cdata_double_escaped_html_and_relative_links() {
    let feed = parse_fixture("rss2.xml", Some("https://history.example/feed.xml"));
    assert_eq!(
        (feed.format, feed.lang.as_deref(), feed.encoding.as_str()),
        (Format::Rss2, Some("en-GB"), "utf-8")
    );
    let a = articles(&feed);
    assert_eq!(a.len(), 8);
    assert_eq!(feed.rejected().count() + feed.warnings().count(), 0);
    // CDATA holding HTML: the summary is its text; content:encoded is not preferred over it.
    assert_eq!(a[0].summary, "How covert negotiations and backchannel diplomacy shaped alliances before the First World War.");
    // HTML escaped once for XML, with an `&amp;amp;` inside: one `&` in the end.
    assert_eq!(
        a[1].summary,
        "State visits and diplomatic rituals signal alliances, shared identities & prestige."
    );
    assert_eq!(a[0].id, "hist-001"); // guid isPermaLink="false" is an id, not a URL
    assert_eq!(
        a[3].url.as_deref(),
        Some("https://history.example/2025/merchant-networks")
    );
    assert_eq!(a[0].date.as_deref(), Some("2025-07-19T08:00:00Z")); // +0200 → UTC
    assert_eq!(a[2].date.as_deref(), Some("2025-07-14T22:15:00Z")); // EDT
    assert_eq!(
        (a[0].category.as_deref(), a[0].tags.as_slice()),
        (
            Some("Political history"),
            &["diplomacy".to_owned(), "alliances".to_owned()][..]
        )
    );
    assert_eq!(
        a[0].image.as_deref(),
        Some("https://history.example/images/secret-diplomacy.jpg")
    ); // media:thumbnail
    assert_eq!(
        a[2].image.as_deref(),
        Some("https://history.example/images/spy-networks.png")
    ); // enclosure
    assert!(a.iter().all(|x| x.lang.as_deref() == Some("en-GB")));
    assert_eq!(feed.lines, [10, 23, 34, 46, 57, 69, 81, 92]); // where each <item> starts
}

#[test]
fn rss2_without_a_base_url_resolves_against_the_channel_link() {
    let feed = parse_fixture("rss2.xml", None);
    assert_eq!(
        articles(&feed)[3].url.as_deref(),
        Some("https://history.example/2025/merchant-networks")
    );
}

#[test]
fn atom_xml_base_and_relative_links() {
    let feed = parse_fixture("atom.xml", Some("https://elsewhere.example/atom.xml"));
    assert_eq!(
        (feed.format, feed.lang.as_deref()),
        (Format::Atom1, Some("en"))
    );
    let a = articles(&feed);
    assert_eq!(a.len(), 8);
    // xml:base on <feed> beats the document URL; an entry's own xml:base stacks on it.
    assert_eq!(
        a[0].url.as_deref(),
        Some("https://history.example/blog/2025/07/secret-diplomacy")
    );
    assert_eq!(
        a[6].url.as_deref(),
        Some("https://history.example/archive/crop-rotation.html")
    );
    assert_eq!(
        a[0].image.as_deref(),
        Some("https://history.example/images/secret-diplomacy.jpg")
    );
    assert_eq!(a[0].id, "tag:history.example,2025:secret-diplomacy");
    // type="html" summaries are reduced to text; plain ones kept.
    assert_eq!(a[0].summary, "How covert negotiations and backchannel diplomacy shaped alliances before the First World War.");
    assert_eq!(a[0].date.as_deref(), Some("2025-07-19T08:00:00Z"));
    assert_eq!(a[2].date.as_deref(), Some("2025-07-14T22:15:00Z"));
    // The category's label, the other categories' terms as tags.
    assert_eq!(a[0].category.as_deref(), Some("Political history"));
    assert_eq!(a[0].tags, ["diplomacy", "alliances"]);
}

#[test]
fn json_feed_and_json_array() {
    let feed = parse_fixture("feed.json", None);
    assert_eq!(
        (feed.format, feed.lang.as_deref()),
        (Format::JsonFeed, Some("en"))
    );
    let a = articles(&feed);
    assert_eq!(a.len(), 8);
    // No summary: the text of content_html.
    assert_eq!(a[0].summary, "How covert negotiations and backchannel diplomacy shaped alliances before the First World War. The full article continues.");
    assert_eq!(
        a[1].summary,
        "State visits and diplomatic rituals signal alliances, shared identities and prestige."
    );
    assert_eq!(a[4].date.as_deref(), Some("2025-07-08T17:00:00Z"));
    assert_eq!(a[5].lang.as_deref(), Some("en-US"));
    assert_eq!(a[0].tags, ["Political history", "diplomacy", "alliances"]);
    assert_eq!(
        a[0].image.as_deref(),
        Some("https://history.example/images/secret-diplomacy.jpg")
    );
    assert_eq!(feed.lines, [8, 26, 44, 62, 80, 98, 117, 134]);

    let feed = parse_fixture("articles.json", None);
    assert_eq!(feed.format, Format::JsonArray);
    let a = articles(&feed);
    assert_eq!(
        (a.len(), a[0].id.as_str(), a[0].date.as_deref()),
        (8, "secret-diplomacy", Some("2025-07-19"))
    );
    assert_eq!(feed.lines[1], 15);
}

#[test]
fn windows_1252_declared_iso_8859_1() {
    let feed = parse_fixture("windows-1252.xml", None);
    assert_eq!(
        (feed.encoding.as_str(), feed.lang.as_deref()),
        ("windows-1252", Some("fr"))
    );
    let a = articles(&feed);
    assert_eq!(
        a[0].title,
        "\u{201c}Penny universities\u{201d}: London\u{2019}s coffee houses"
    );
    assert_eq!(a[0].summary, "For a penny \u{2013} the price of a dish of coffee \u{2013} anyone could join the debate\u{2026}");
    assert_eq!(a[1].summary, "Voltaire, Diderot \u{153}uvres et d\u{e9}bats : le caf\u{e9} comme salon \u{e0} \u{20ac}0.");
    assert_eq!(a[0].category.as_deref(), Some("Soci\u{e9}t\u{e9}"));
}

#[test]
fn utf16_with_bom() {
    let feed = parse_fixture("utf-16.xml", None);
    assert_eq!(
        (feed.format, feed.encoding.as_str(), feed.lang.as_deref()),
        (Format::Atom1, "utf-16le", Some("ja"))
    );
    let a = articles(&feed);
    assert_eq!(
        a[0].title,
        "\u{6c5f}\u{6238}\u{6642}\u{4ee3}\u{306e}\u{8857}\u{9053}\u{3068}\u{5bbf}\u{5834}"
    );
    assert_eq!(a[0].date.as_deref(), Some("2025-07-19T08:00:00Z"));
    assert_eq!(a[1].title, "Caf\u{e9}s of Meiji Tokyo");
}

#[test]
fn http_charset_beats_the_declaration_and_a_bom_beats_both() {
    let bytes = b"<?xml version='1.0' encoding='utf-8'?><rss><channel><item><title>caf\xe9</title></item></channel></rss>";
    let ctx = FeedContext {
        content_type: Some("application/rss+xml; charset=ISO-8859-1"),
        ..Default::default()
    };
    assert_eq!(articles(&parse(bytes, &ctx).unwrap())[0].title, "caf\u{e9}");
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(b"<rss><channel><item><title>caf\xc3\xa9</title></item></channel></rss>");
    assert_eq!(articles(&parse(&bom, &ctx).unwrap())[0].title, "caf\u{e9}");
}

#[test]
fn page_lang_is_the_last_fallback() {
    let bytes = b"<rss><channel><item><title>A</title></item></channel></rss>";
    let ctx = FeedContext {
        page_lang: Some("pt_BR"),
        ..Default::default()
    };
    assert_eq!(
        articles(&parse(bytes, &ctx).unwrap())[0].lang.as_deref(),
        Some("pt-BR")
    );
}

#[test]
fn bad_entries_are_rejected_or_warned_about_never_fatal() {
    let bytes = br#"[{"id": "a", "title": "Fine", "date": "Sat, 19 Jul 2025 08:00:00 GMT"},
        "not an object", {"id": "c"}, {"id": "d", "title": "Bad date", "date": "soon"},
        ["e", "https://x.example/", "A list is not a record"]]"#;
    let feed = parse(bytes, &FeedContext::default()).unwrap();
    assert_eq!(feed.entries.len(), 5);
    let a = articles(&feed);
    assert_eq!(a[0].date.as_deref(), Some("2025-07-19T08:00:00Z")); // RFC 822 in a JSON array: converted
    let rejected: Vec<_> = feed
        .rejected()
        .map(|r| (r.position, r.reason.clone()))
        .collect();
    assert_eq!(rejected.len(), 3);
    assert_eq!(rejected[2].0, 4);
    assert_eq!(rejected[0].0, 1);
    assert!(
        rejected[0].1.contains("not a valid article object"),
        "{}",
        rejected[0].1
    );
    assert_eq!(rejected[1].0, 2);
    let warnings: Vec<_> = feed.warnings().map(|w| (w.position, w.field)).collect();
    assert_eq!(warnings, [(3, "date")]);
}

#[test]
fn not_a_feed() {
    let ctx = FeedContext::default();
    for bytes in [
        &b""[..],
        b"   ",
        b"hello",
        b"<html><body>x</body></html>",
        b"{\"a\": 1}",
        b"42",
        b"{",
    ] {
        assert!(
            matches!(parse(bytes, &ctx), Err(FeedError::NotAFeed(_))),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn a_feed_ranks() {
    let feed = parse_fixture("rss2.xml", None);
    let index = Index::new(feed.articles().cloned().collect(), IndexOptions::default()).unwrap();
    let related = index
        .related(Query::Id("hist-001"), &RelatedOptions::default())
        .unwrap();
    let first = index.result_item(&related[0]).unwrap();
    assert!(["hist-002", "hist-003"].contains(&first.id), "{}", first.id);
}

// ---- the CLI ----

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_related-articles"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_parse_json_lines() {
    let rss = fixture_path("rss2.xml");
    let (code, out, err) = cli(&["parse", rss.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 8);
    assert_eq!(lines[0]["id"], "hist-001");
    assert_eq!(lines[0]["date"], "2025-07-19T08:00:00Z");
    let keys: Vec<&str> = lines[1]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 9);
    assert_eq!(lines[1]["image"], serde_json::Value::Null);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn cli_parse_reports_rejections_and_warnings_with_file_and_entry() {
    let dir = std::env::temp_dir().join(format!("ra-feeds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let feed = dir.join("bad.xml");
    std::fs::write(&feed, "<rss><channel>\n<item><title>A</title><pubDate>later</pubDate></item>\n<item><link>https://x.example/</link></item>\n</channel></rss>").unwrap();
    let (code, out, err) = cli(&["parse", feed.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1);
    assert!(
        err.contains("bad.xml: entry 1 (line 2)") && err.contains("date dropped"),
        "{err}"
    );
    assert!(
        err.contains("rejected:") && err.contains("bad.xml: entry 2 (line 3)"),
        "{err}"
    );

    let not_feed = dir.join("page.html");
    std::fs::write(&not_feed, "<html><body>hi</body></html>").unwrap();
    let (code, _, err) = cli(&[
        "parse",
        feed.to_str().unwrap(),
        not_feed.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("page.html: not a feed"), "{err}");
    let (code, _, err) = cli(&["parse", dir.join("missing.xml").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot read"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cli_related_and_similarity_on_feeds() {
    for (name, id) in [
        ("rss2.xml", "hist-001"),
        ("atom.xml", "tag:history.example,2025:secret-diplomacy"),
        ("feed.json", "https://history.example/2025/secret-diplomacy"),
    ] {
        let path = fixture_path(name);
        let (code, out, err) = cli(&["related", path.to_str().unwrap(), "--id", id, "--json"]);
        assert_eq!(code, 0, "{name}: {err}");
        let items: Vec<serde_json::Value> = serde_json::from_str(out.trim()).unwrap();
        assert!(!items.is_empty(), "{name}");
    }
    let path = fixture_path("articles.json");
    let (code, out, err) = cli(&[
        "similarity",
        path.to_str().unwrap(),
        "--only",
        "secret-diplomacy,state-visits",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("secret-diplomacy\tstate-visits\t"), "{out}");
}

#[test]
fn cli_json_lines_keep_their_line_numbers() {
    let dir = std::env::temp_dir().join(format!("ra-jsonl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let corpus = dir.join("c.jsonl");
    std::fs::write(&corpus, "{\"id\":\"a\",\"title\":\"Diplomacy and alliances\"}\n\n{\"id\":\"b\"}\n{\"id\":\"c\",\"title\":\"Alliances and diplomacy\"}\n").unwrap();
    let (code, _, err) = cli(&["related", corpus.to_str().unwrap(), "--id", "a"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("line 3 (id \"b\")"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

// ---- hostile input: never a panic, never a hang ----

/// A hang guard, not a speed target (speed lives in `npm run bench`): each input here parses in
/// about 0.1 s in release and 1 s in debug on a quiet machine, and a quadratic path at these sizes
/// (~1 MB) would take hours, so a minute separates the two even on a loaded CI machine.
const HANG: Duration = Duration::from_secs(60);

fn parses_quickly(bytes: &[u8]) {
    let started = Instant::now();
    let _ = parse(
        bytes,
        &FeedContext {
            base_url: Some("https://example.com/f"),
            ..Default::default()
        },
    );
    assert!(started.elapsed() < HANG, "took {:?}", started.elapsed());
}

#[test]
fn adversarial_inputs_stay_linear() {
    let n = 200_000;
    parses_quickly(
        format!(
            "<rss><channel><item><title>{}</title></item></channel></rss>",
            "<a>".repeat(n)
        )
        .as_bytes(),
    );
    parses_quickly(format!("<rss><channel>{}</channel></rss>", "</x>".repeat(n)).as_bytes());
    let html = "&lt;script&gt;x&lt;/scrip".repeat(n / 4);
    parses_quickly(
        format!("<rss><channel><item><description>{html}</description></item></channel></rss>")
            .as_bytes(),
    );
    parses_quickly(
        format!(
            "<rss><channel><item><title>{}</title></item></channel></rss>",
            "&amp;".repeat(n)
        )
        .as_bytes(),
    );
    parses_quickly(
        format!(
            "<rss><channel>{}</channel></rss>",
            "<item><title>t</title></item>".repeat(n / 4)
        )
        .as_bytes(),
    );
    parses_quickly(format!("<feed><entry {}/></feed>", "a='1' ".repeat(n)).as_bytes());
    // Entities that expand to entities are expanded once, not recursively.
    let bomb = "<!DOCTYPE rss [<!ENTITY a \"&b;&b;&b;&b;\"><!ENTITY b \"&c;&c;&c;&c;\"><!ENTITY c \"xxxxxxxx\">]><rss><channel><item><title>&a;&a;&a;</title></item></channel></rss>";
    parses_quickly(bomb.as_bytes());
    parses_quickly(format!("[{}]", "{\"title\":\"t\"},".repeat(n / 4) + "{}").as_bytes());
}

#[test]
fn every_prefix_of_every_fixture_parses_without_panic() {
    for name in [
        "rss2.xml",
        "atom.xml",
        "feed.json",
        "articles.json",
        "windows-1252.xml",
        "utf-16.xml",
    ] {
        let bytes = fixture(name);
        for end in 0..bytes.len() {
            let _ = parse(&bytes[..end], &FeedContext::default());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse(&bytes, &FeedContext::default());
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0usize..4,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16),
    ) {
        let name = ["rss2.xml", "atom.xml", "feed.json", "utf-16.xml"][which];
        let mut bytes = fixture(name);
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let _ = parse(&bytes, &FeedContext { content_type: Some("text/xml; charset=shift_jis"), ..Default::default() });
    }
}

#[test]
fn cli_base_url_resolves_relative_links_as_the_widget_does() {
    let dir = std::env::temp_dir().join(format!("ra-base-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let feed = dir.join("relative.xml");
    std::fs::write(
        &feed,
        r#"<feed xmlns="http://www.w3.org/2005/Atom">
  <entry><id>a</id><title>Ships and harbours</title><link href="/2025/ships"/></entry>
  <entry><id>b</id><title>Harbours and ships of the north</title><link href="2025/harbours"/></entry>
</feed>"#,
    )
    .unwrap();
    let path = feed.to_str().unwrap();

    // Without a base, a relative link cannot be resolved: dropped, with a warning naming it.
    let (code, out, err) = cli(&["parse", path, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("url dropped"), "{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.lines().all(|l| l.contains(r#""url":null"#)), "{out}");

    // With the URL the widget would have fetched it from, links resolve as in the browser.
    let base = "https://news.example/feeds/atom.xml";
    let (code, out, err) = cli(&["parse", "--base-url", base, path, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(
        out.contains(r#""url":"https://news.example/2025/ships""#),
        "{out}"
    );
    assert!(
        out.contains(r#""url":"https://news.example/feeds/2025/harbours""#),
        "{out}"
    );

    // `related` reads feed corpora the same way.
    let (code, out, err) = cli(&["related", path, "--id", "a", "--json", "--base-url", base]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("https://news.example/feeds/2025/harbours"),
        "{out}"
    );

    // Only absolute http(s) URLs are bases: anything else is a usage error (exit 2).
    let (code, _, err) = cli(&["parse", "--base-url", "/feeds/", path]);
    assert_eq!(code, 2);
    assert!(err.contains("--base-url"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_cut_off_xml_feed_is_flagged_and_keeps_what_came_before_the_cut() {
    let ctx = FeedContext::default();
    let whole = fixture("rss2.xml");
    assert!(!parse(&whole, &ctx).unwrap().truncated);
    let at = whole.windows(7).rposition(|w| w == b"</item>").unwrap();
    let cut = parse(&whole[..at - 10], &ctx).unwrap();
    assert!(cut.truncated);
    let full = parse(&whole, &ctx).unwrap();
    // Every entry before the cut is read as in the whole file; the cut one is partial.
    let n = cut.entries.len();
    assert_eq!(n, full.entries.len());
    assert_eq!(articles(&cut)[..n - 1], articles(&full)[..n - 1]);
    // JSON cannot be half-read: a cut JSON feed is not a feed, and a whole one is not truncated.
    assert!(!parse(&fixture("feed.json"), &ctx).unwrap().truncated);

    let (code, _, err) = cli(&["parse", fixture_path("rss2.xml").to_str().unwrap()]);
    assert_eq!((code, err.contains("cut off")), (0, false), "{err}");
    let dir = std::env::temp_dir().join(format!("ra-cut-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cut.xml");
    std::fs::write(&file, &whole[..at - 10]).unwrap();
    let (code, out, err) = cli(&["parse", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), n);
    assert!(
        err.contains("cut.xml: the feed ends before its root element closes"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
