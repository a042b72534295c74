//! Conformance against feedparser's test suite (tests/feedparser/, feedparser 6.0.14).
//!
//! Every one of the 2,242 feeds is parsed, each on its own thread with a 5-second limit: none
//! may panic or hang. Then every expectation of the form `entries[0]['title' | 'summary' |
//! 'description' | 'link'] == VALUE` in the files' header comments is checked: VALUE (a Python
//! string literal: feedparser's sanitised HTML) is reduced to text by this file's own small
//! normaliser ([`expected_text`]), never by the code under test, and compared with the first
//! entry's title, summary or URL (an empty VALUE passes when the entry has none, or was
//! rejected). The rate must stay at or above 95%: a parser that lost text would fall below it.
//!
//! feedparser fetched the files whose path contains `http` from a local server that sent the
//! `Header:` lines of their comments as HTTP headers; we pass the same to the parser the way
//! the widget does (the document URL and `Content-Location` as the base URL, `Content-type` for
//! the charset).
//!
//! Run with `cargo test --release --test feed_conformance -- --nocapture` to see the report.

// A test indexes what it built: a wrong offset fails it, which is what a test is for.
#![allow(clippy::indexing_slicing, clippy::string_slice)]
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use related_articles::feed::{self, FeedContext};

const SUITE: &str = "tests/feedparser";
const FILES: usize = 2242;
const EXPECTATIONS: usize = 656;
const MIN_RATE: f64 = 0.95;
const TIME_LIMIT: Duration = Duration::from_secs(5);

fn feed_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            feed_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
}

/// What the first entry looked like, or why there is none.
#[derive(Debug, Clone, Default)]
struct First {
    title: String,
    summary: String,
    url: String,
}

/// Parses a Python string literal at the start of `s` (`u'…'`, `'…'`, `"…"`, with escapes),
/// returning its value and the bytes it took.
fn python_string(s: &str) -> Option<(String, usize)> {
    let prefix = usize::from(s.starts_with(['u', 'U']));
    let quote = s[prefix..]
        .chars()
        .next()
        .filter(|q| *q == '\'' || *q == '"')?;
    // A triple-quoted string ends at the next three quotes.
    let three = quote.to_string().repeat(3);
    let triple = s[prefix..].starts_with(&three);
    let open = if triple { 3 } else { 1 };
    let mut out = String::new();
    let body = &s[prefix + open..];
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == quote && (!triple || chars.as_str().starts_with(&three[1..])) {
            let close = if triple { 2 } else { 0 };
            let used = prefix + open + body.len() - chars.as_str().len() + close;
            return Some((out, used));
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = chars.next()?;
        let hex = |chars: &mut std::str::Chars, n: usize| -> Option<char> {
            let h: String = chars.by_ref().take(n).collect();
            char::from_u32(u32::from_str_radix(&h, 16).ok()?)
        };
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '\\' | '\'' | '"' => out.push(e),
            '\n' => {}
            'x' => out.push(hex(&mut chars, 2)?),
            'u' => out.push(hex(&mut chars, 4)?),
            'U' => out.push(hex(&mut chars, 8)?),
            '0'..='7' => {
                let mut v = e.to_digit(8)?;
                let mut rest = chars.clone();
                for _ in 0..2 {
                    match rest.next().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v)?);
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    None
}

/// feedparser's expected value for an HTML field reduced to text, independently of
/// `html_to_text` (the function under test: if the expectations went through it, a parser that
/// returned "" for everything would meet every one). feedparser's output is sanitised,
/// well-formed HTML, so a few plain rules read it: comments and tags are removed, each tag
/// leaving a space (`<p>a</p><p>b</p>` is two words); the references feedparser leaves in its
/// output (`&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;`, `&#N;`, `&#xH;`) are decoded; whitespace
/// is collapsed.
fn expected_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let tail = &rest[open..];
        let opens_tag = tail[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        let end = if let Some(comment) = tail.strip_prefix("<!--") {
            comment.find("-->").map(|e| 4 + e + 3)
        } else if opens_tag {
            tail.find('>').map(|e| e + 1)
        } else {
            None
        };
        match end {
            Some(end) => {
                text.push(' ');
                rest = &tail[end..];
            }
            None => {
                text.push('<');
                rest = &tail[1..];
            }
        }
    }
    text.push_str(rest);
    let mut decoded = String::new();
    let mut rest = text.as_str();
    while let Some(amp) = rest.find('&') {
        decoded.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let reference = tail.find(';').and_then(|semi| {
            let name = &tail[1..semi];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok().and_then(char::from_u32),
                    None => name
                        .strip_prefix('#')
                        .and_then(|d| d.parse().ok())
                        .and_then(char::from_u32),
                },
            };
            c.map(|c| (c, semi + 1))
        });
        match reference {
            Some((c, used)) => {
                decoded.push(c);
                rest = &tail[used..];
            }
            None => {
                decoded.push('&');
                rest = &tail[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `entries[0][FIELD] == VALUE` expectations of a test file.
fn expectations(text: &str) -> Vec<(String, String)> {
    let Some(at) = text.find("Expect:") else {
        return Vec::new();
    };
    let line = text[at + 7..].lines().next().unwrap_or("");
    let line = line.split("-->").next().unwrap_or(line);
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("entries[0][") {
        rest = &rest[i + 11..];
        let Some(q) = rest.chars().next().filter(|q| *q == '\'' || *q == '"') else {
            continue;
        };
        let Some(end) = rest[1..].find(q) else { break };
        let field = rest[1..1 + end].to_owned();
        rest = &rest[end + 2..];
        let Some(after) = rest.strip_prefix(']') else {
            continue;
        };
        let after = after.trim_start();
        let Some(mut value) = after.strip_prefix("==").map(str::trim_start) else {
            continue;
        };
        if !matches!(field.as_str(), "title" | "summary" | "description" | "link") {
            continue;
        }
        // A chained comparison: `entries[0]['title'] == entries[1]['title'] == 'Value'`.
        while value.starts_with("entries[") {
            match value.find("==") {
                Some(i) => value = value[i + 2..].trim_start(),
                None => break,
            }
        }
        // A concatenation: `'a -' + '- b'`.
        let mut text = String::new();
        let mut ok = false;
        while let Some((v, used)) = python_string(value) {
            text.push_str(&v);
            ok = true;
            match value[used..].trim_start().strip_prefix('+') {
                Some(next) => value = next.trim_start(),
                None => break,
            }
        }
        if ok {
            found.push((field, text));
        }
    }
    found
}

/// The `Header: Name: value` lines feedparser's test server sent.
fn headers(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.trim_start().strip_prefix("Header:"))
        .filter_map(|h| {
            let (k, v) = h.trim().split_once(':')?;
            Some((k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        })
        .collect()
}

enum Outcome {
    Parsed(Option<First>),
    NotAFeed,
    Panicked,
    TimedOut,
}

fn run(
    bytes: Vec<u8>,
    base_url: Option<String>,
    content_type: Option<String>,
) -> (Outcome, Duration) {
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    let worker = thread::spawn(move || {
        let ctx = FeedContext {
            base_url: base_url.as_deref(),
            content_type: content_type.as_deref(),
            page_lang: None,
        };
        let outcome = match feed::parse(&bytes, &ctx) {
            Ok(feed) => Outcome::Parsed(feed.entries.first().map(|e| match e {
                Ok((a, _)) => First {
                    title: a.title.clone(),
                    summary: a.summary.clone(),
                    url: a.url.clone().unwrap_or_default(),
                },
                Err(_) => First::default(),
            })),
            Err(_) => Outcome::NotAFeed,
        };
        let _ = tx.send(outcome);
    });
    match rx.recv_timeout(TIME_LIMIT) {
        Ok(outcome) => {
            let _ = worker.join();
            (outcome, started.elapsed())
        }
        Err(mpsc::RecvTimeoutError::Timeout) => (Outcome::TimedOut, started.elapsed()),
        Err(mpsc::RecvTimeoutError::Disconnected) => (Outcome::Panicked, started.elapsed()),
    }
}

fn peak_rss_kib() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn feedparser_suite() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(SUITE);
    let mut files = Vec::new();
    feed_files(&root, &mut files);
    assert_eq!(
        files.len(),
        FILES,
        "the vendored suite should have {FILES} feeds (see {SUITE}/README.md)"
    );

    let started = Instant::now();
    let mut broken = Vec::new();
    let mut not_feeds = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    let mut total = 0;
    let mut met = 0;
    let mut misses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for path in &files {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = fs::read(path).unwrap();
        let text = feed::decode(&bytes, None).text;
        let expected = expectations(&text);

        // The HTTP context feedparser's test server gave the files it served.
        let (base_url, content_type) = if rel.contains("http") {
            let hs = headers(&text);
            let get = |name: &str| hs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
            let doc_url = format!("http://127.0.0.1:8097/tests/{rel}");
            let base = get("content-location")
                .and_then(|l| feed::resolve_url(&doc_url, &l))
                .unwrap_or(doc_url);
            (
                Some(base),
                Some(get("content-type").unwrap_or_else(|| "application/xml".into())),
            )
        } else {
            (None, None)
        };

        let (outcome, took) = run(bytes, base_url, content_type);
        if took > slowest.0 {
            slowest = (took, rel.clone());
        }
        let first = match outcome {
            Outcome::Parsed(first) => first,
            Outcome::NotAFeed => {
                not_feeds.push(rel.clone());
                None
            }
            Outcome::Panicked => {
                broken.push(format!("{rel}: panicked"));
                continue;
            }
            Outcome::TimedOut => {
                broken.push(format!("{rel}: no result within {TIME_LIMIT:?}"));
                continue;
            }
        };
        for (field, value) in expected {
            total += 1;
            // A link is a URL, not HTML: compared as feedparser gives it.
            let want = if field == "link" {
                value.trim().to_owned()
            } else {
                expected_text(&value)
            };
            let got = match (&first, field.as_str()) {
                (None, _) => String::new(),
                (Some(f), "title") => f.title.clone(),
                (Some(f), "link") => f.url.clone(),
                (Some(f), _) => f.summary.clone(),
            };
            if got == want {
                met += 1;
            } else {
                let folder = rel.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
                let short = |s: &str| s.chars().take(70).collect::<String>();
                misses.entry(folder).or_default().push(format!(
                    "{rel}: {field}: expected {:?}, got {:?}",
                    short(&want),
                    short(&got)
                ));
            }
        }
    }

    let rate = met as f64 / total.max(1) as f64;
    eprintln!(
        "\nfeedparser 6.0.14 suite: {} feeds parsed in {:.2?} (slowest {:.2?}: {})",
        files.len(),
        started.elapsed(),
        slowest.0,
        slowest.1
    );
    eprintln!(
        "not recognised as feeds ({}): {}",
        not_feeds.len(),
        not_feeds.join(", ")
    );
    eprintln!(
        "entry expectations met: {met} of {total} ({:.1}%)",
        rate * 100.0
    );
    for (folder, list) in &misses {
        eprintln!("  {folder}: {} missed", list.len());
        for m in list {
            eprintln!("    {m}");
        }
    }
    if let Some(kib) = peak_rss_kib() {
        eprintln!("peak memory (VmHWM): {} MiB", kib / 1024);
        assert!(kib < 512 * 1024, "peak memory {kib} KiB is over 512 MiB");
    }
    assert!(
        broken.is_empty(),
        "{} feed(s) crashed or hung:\n{}",
        broken.len(),
        broken.join("\n")
    );
    assert_eq!(
        total, EXPECTATIONS,
        "the suite's entry expectations should number {EXPECTATIONS}"
    );
    assert!(
        rate >= MIN_RATE,
        "conformance {:.1}% is below {:.0}%",
        rate * 100.0,
        MIN_RATE * 100.0
    );
}

#[test]
fn expected_values_are_read_without_the_code_under_test() {
    assert_eq!(expected_text(""), "");
    assert_eq!(expected_text("<span>Some text</span>"), "Some text");
    assert_eq!(expected_text("<p>one</p><p>two</p>"), "one two");
    assert_eq!(
        expected_text("<a href=\"http://e.example/\">safe</a> description"),
        "safe description"
    );
    assert_eq!(expected_text("<!-- <script> -->a<!---->b"), "a b");
    assert_eq!(expected_text("1 < 2 &amp;&amp; 3 &gt; 2"), "1 < 2 && 3 > 2");
    assert_eq!(
        expected_text("don&#x2019;t &#97; &nbsp; &bogus"),
        "don\u{2019}t a &nbsp; &bogus"
    );
    assert_eq!(expected_text("  spaced \n\t out "), "spaced out");
    assert_eq!(expected_text("<!-- unterminated"), "<!-- unterminated");
}

#[test]
fn python_literals() {
    let value = |s: &str| python_string(s).map(|(v, _)| v);
    assert_eq!(value(r"u'don\u2019t'").as_deref(), Some("don\u{2019}t"));
    assert_eq!(value(r"'a\xa3\n\'b'").as_deref(), Some("a\u{a3}\n'b"));
    assert_eq!(
        python_string(r#""say \"hi\"" and x"#),
        Some(("say \"hi\"".to_owned(), 12))
    );
    assert_eq!(value(r"'\101\U0001F600'").as_deref(), Some("A\u{1F600}"));
    assert_eq!(value("'unterminated"), None);
    assert_eq!(
        python_string("'''a 'b' c''' x"),
        Some(("a 'b' c".to_owned(), 13))
    );
    let e = expectations("Expect: entries[0]['title'] == entries[1]['title'] == u'a -' + '- b'\n");
    assert_eq!(e, [("title".to_owned(), "a -- b".to_owned())]);
    let e = expectations("<!--\nExpect: not bozo and entries[0]['title'] == u'A' and entries[0][\"link\"] == 'http://x/'\n-->");
    assert_eq!(
        e,
        [
            ("title".to_owned(), "A".to_owned()),
            ("link".to_owned(), "http://x/".to_owned())
        ]
    );
}
