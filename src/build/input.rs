//! A build's corpus: articles from any number of inputs, each remembered with the file and
//! line it came from, duplicates across inputs kept once.
//!
//! An input is JSON Lines (one article object a line), a JSON array of articles, a feed (RSS,
//! Atom, JSON Feed: several files of a paginated feed make one corpus) or a WordPress export,
//! recognised from the bytes. A record whose id, URL or lookup key an earlier record already
//! has is a duplicate (a paginated feed repeats an entry that moved to the next page between
//! fetches): reported once, skipped.

use std::collections::{BTreeMap, HashMap};

use sha2::{Digest, Sha256};

use super::key::lookup_key;
use crate::feed::{self, Feed, FeedContext};
use crate::{Article, RawArticle, Rejected, Warning};

/// One input as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct InputFile {
    /// The file's name (no directories: the same bytes from anywhere give the same manifest).
    pub name: String,
    /// The SHA-256 of its bytes, lower-case hex.
    pub sha256: String,
}

/// Articles gathered for a build, in input order (positions count articles only).
#[derive(Debug, Default)]
pub struct Corpus {
    /// The articles kept.
    pub articles: Vec<Article>,
    /// Each article's lookup key ([`lookup_key`]).
    pub keys: Vec<String>,
    /// Where each article came from: index into [`files`](Self::files), line (0: none).
    pub origins: Vec<(usize, usize)>,
    /// The names messages use: input paths as given, or site pages' paths.
    pub files: Vec<String>,
    /// The inputs, for the manifest.
    pub inputs: Vec<InputFile>,
    /// Records (or pages) read, kept or not.
    pub read: usize,
    /// Records (or pages) not kept, by reason: `duplicate`, `rejected`, a WordPress export's
    /// `status:draft`… (sorted, for the manifest).
    pub skipped: BTreeMap<String, usize>,
    /// What a publisher should hear about, one line each, in input order: rejected records,
    /// dropped fields, duplicates, cut-off files.
    pub notes: Vec<String>,
    seen_ids: HashMap<String, usize>,
    seen_urls: HashMap<String, usize>,
    seen_keys: HashMap<String, usize>,
}

impl Corpus {
    /// Registers an input file (its name for messages, its hash for the manifest); returns the
    /// number [`offer`](Self::offer) and the others take.
    pub fn add_input(&mut self, path: &str, bytes: &[u8]) -> usize {
        let name = std::path::Path::new(path)
            .file_name()
            .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned());
        self.inputs.push(InputFile {
            name,
            sha256: sha256_hex(bytes),
        });
        self.add_file(path)
    }

    /// Registers a name for messages only (a site's page), returning its number.
    pub fn add_file(&mut self, name: &str) -> usize {
        self.files.push(name.to_owned());
        self.files.len() - 1
    }

    /// `path: line 3 (id "x")`, how messages name a record.
    pub fn describe(&self, file: usize, line: usize, id: Option<&str>) -> String {
        let path = self.files.get(file).map_or("?", String::as_str);
        let mut at = path.to_owned();
        if line > 0 {
            at.push_str(&format!(": line {line}"));
        }
        if let Some(id) = id {
            at.push_str(&format!(" (id {id:?})"));
        }
        at
    }

    /// Adds a validated article read from `file` at `line`, unless it duplicates one already
    /// kept (same id, URL or lookup key): then it is skipped as `duplicate`, with a note naming
    /// both. Returns whether it was kept.
    pub fn offer(&mut self, article: Article, file: usize, line: usize) -> bool {
        let key = lookup_key(article.url.as_deref(), &article.id);
        self.offer_keyed(article, key, file, line)
    }

    /// [`offer`](Self::offer), with the lookup key given (a site page's, from its path when
    /// the page names no URL).
    pub fn offer_keyed(&mut self, article: Article, key: String, file: usize, line: usize) -> bool {
        self.read += 1;
        let first = [
            ("id", self.seen_ids.get(&article.id)),
            (
                "URL",
                article.url.as_ref().and_then(|u| self.seen_urls.get(u)),
            ),
            ("lookup key", self.seen_keys.get(&key)),
        ]
        .into_iter()
        .find_map(|(what, p)| p.map(|&p| (what, p)));
        if let Some((what, p)) = first {
            let (f, l) = self.origins.get(p).copied().unwrap_or_default();
            let note = format!(
                "duplicate: {}: same {what} as {}, skipped",
                self.describe(file, line, Some(&article.id)),
                self.describe(f, l, None)
            );
            self.skip("duplicate", note);
            return false;
        }
        let position = self.articles.len();
        self.seen_ids.insert(article.id.clone(), position);
        if let Some(url) = &article.url {
            self.seen_urls.insert(url.clone(), position);
        }
        self.seen_keys.insert(key.clone(), position);
        self.keys.push(key);
        self.origins.push((file, line));
        self.articles.push(article);
        true
    }

    /// Counts a record or page that is not kept, with a note (empty: none).
    pub fn skip(&mut self, reason: &str, note: String) {
        *self.skipped.entry(reason.to_owned()).or_default() += 1;
        if !note.is_empty() {
            self.notes.push(note);
        }
    }

    /// Counts a rejected record, with its reason.
    pub fn reject(&mut self, file: usize, line: usize, rejected: &Rejected) {
        self.read += 1;
        let at = self.describe(file, line, rejected.id.as_deref());
        self.skip("rejected", format!("rejected: {at}: {}", rejected.reason));
    }

    /// Notes a field dropped from a kept record.
    pub fn warn(&mut self, file: usize, line: usize, warning: &Warning) {
        let at = self.describe(file, line, Some(&warning.id));
        let note = format!(
            "warning: {at}: {} dropped: {}",
            warning.field, warning.reason
        );
        self.notes.push(note);
    }

    /// How many records were rejected.
    pub fn rejected(&self) -> usize {
        self.skipped.get("rejected").copied().unwrap_or(0)
    }

    /// Reads one input file's bytes into the corpus: JSON Lines, a JSON array, a feed or a
    /// WordPress export. Fails, naming the file, only when it is none of these.
    ///
    /// ```
    /// use related_articles::build::input::Corpus;
    /// let mut corpus = Corpus::default();
    /// let lines = b"{\"id\": \"a\", \"title\": \"Cats\"}\n\n{\"id\": \"b\"}\n{\"id\": \"a\", \"title\": \"Again\"}\n";
    /// corpus.read_input("posts.jsonl", lines, None).unwrap();
    /// assert_eq!((corpus.articles.len(), corpus.read), (1, 3));
    /// assert_eq!(corpus.skipped.get("rejected"), Some(&1));
    /// assert!(corpus.notes[0].starts_with("rejected: posts.jsonl: line 3 (id \"b\"): "));
    /// assert_eq!(corpus.notes[1], "duplicate: posts.jsonl: line 4 (id \"a\"): same id as posts.jsonl: line 1, skipped");
    /// assert!(corpus.read_input("page.html", b"<html></html>", None).unwrap_err().starts_with("page.html: not a feed"));
    /// ```
    pub fn read_input(
        &mut self,
        path: &str,
        bytes: &[u8],
        base_url: Option<&str>,
    ) -> Result<(), String> {
        let ctx = FeedContext {
            base_url,
            ..FeedContext::default()
        };
        if is_json_lines(bytes) {
            let file = self.add_input(path, bytes);
            let text = String::from_utf8_lossy(bytes);
            for (i, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                let record = RawArticle::from_json(line)
                    .map_err(|reason| Rejected {
                        position: 0,
                        id: guess_id(line),
                        reason,
                    })
                    .and_then(|raw| raw.validate(0));
                self.take(file, i + 1, record);
            }
            return Ok(());
        }
        let (feed, skipped) = if feed::is_wxr(bytes) {
            let wxr = feed::parse_wxr(bytes, &ctx).map_err(|e| format!("{path}: {e}"))?;
            (wxr.feed, wxr.skipped)
        } else {
            let feed = feed::parse(bytes, &ctx).map_err(|e| format!("{path}: {e}"))?;
            (feed, Vec::new())
        };
        let file = self.add_input(path, bytes);
        self.take_feed(file, feed);
        for s in skipped {
            self.read += 1;
            self.skip(&s.reason, String::new());
        }
        Ok(())
    }

    fn take_feed(&mut self, file: usize, feed: Feed) {
        if feed.truncated {
            let at = self.describe(file, 0, None);
            self.notes.push(format!(
                "warning: {at}: the feed ends before its root element closes: the file looks \
                 cut off, and entries after the cut are missing"
            ));
        }
        for (position, entry) in feed.entries.into_iter().enumerate() {
            let line = feed.lines.get(position).copied().unwrap_or(0);
            self.take(file, line, entry);
        }
    }

    fn take(
        &mut self,
        file: usize,
        line: usize,
        record: Result<(Article, Vec<Warning>), Rejected>,
    ) {
        match record {
            Ok((article, warnings)) => {
                for w in &warnings {
                    self.warn(file, line, w);
                }
                self.offer(article, file, line);
            }
            Err(rejected) => self.reject(file, line, &rejected),
        }
    }
}

/// The SHA-256 of `bytes`, lower-case hex.
///
/// ```
/// use related_articles::build::input::sha256_hex;
/// assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Bytes as lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a file is JSON Lines: it starts with an object, and the whole text is not one JSON
/// Feed (an object with `items`, pretty-printed or not), which also starts with `{`.
///
/// ```
/// use related_articles::build::input::is_json_lines;
/// assert!(is_json_lines(b"{\"id\": 1}\n{\"id\": 2}\n"));
/// assert!(is_json_lines(b"{\"id\": 1}")); // one line is still JSON Lines
/// assert!(!is_json_lines(b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"));
/// assert!(!is_json_lines(b"[{\"id\": 1}]"));
/// assert!(!is_json_lines(b"<rss/>"));
/// ```
pub fn is_json_lines(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        return false;
    }
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(serde_json::Value::Object(map)) => {
            let feed_version = map
                .get("version")
                .and_then(|v| v.as_str())
                .is_some_and(|v| v.contains("jsonfeed.org"));
            !(feed_version || map.get("items").is_some_and(|i| i.is_array()))
        }
        _ => true,
    }
}

/// The `id` of a record that failed to decode, when the line is still JSON enough to say.
///
/// ```
/// use related_articles::build::input::guess_id;
/// assert_eq!(guess_id(r#"{"id": 7, "title": []}"#).as_deref(), Some("7"));
/// assert_eq!(guess_id("{broken"), None);
/// ```
pub fn guess_id(line: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    match value.get("id")? {
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}
