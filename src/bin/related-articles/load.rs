//! Reading a corpus file into an [`IndexBuilder`], reporting each rejected record with the line
//! it came from. A corpus is JSON Lines, or a feed in any format the library reads (RSS, Atom,
//! JSON Feed, a JSON array of articles), recognised from the content, not the file name.

use std::fs;

use related_articles::build::input::{guess_id, is_json_lines};
use related_articles::feed::{self, Feed, FeedContext};
use related_articles::limits::Limits;
use related_articles::{IndexBuilder, IndexOptions, RawArticle};

/// A corpus read from disk: the builder, plus where each record came from for error messages.
pub struct Loaded {
    pub builder: IndexBuilder,
    /// `lines[position]` is the 1-based line of record `position` (where a feed entry starts).
    pub lines: Vec<usize>,
}

/// Reads a corpus: JSON Lines (one article object per line; blank lines skipped), or a feed, whose
/// relative links resolve against `base_url` when given.
pub fn load(path: &str, options: IndexOptions, base_url: Option<&str>) -> Result<Loaded, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    // A file on disk: the machine's memory is the bound, not a page's (limits.rs).
    let mut builder = IndexBuilder::new(options)?.with_limits(Limits::NATIVE);
    if !is_json_lines(&bytes) {
        let feed = read_feed(path, &bytes, base_url)?;
        let lines = feed.lines.clone();
        builder.add_feed(feed);
        return Ok(Loaded { builder, lines });
    }
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        lines.push(i + 1);
        match RawArticle::from_json(line) {
            Ok(raw) => builder.add_raw(raw),
            Err(e) => builder.reject(guess_id(line), e),
        }
    }
    Ok(Loaded { builder, lines })
}

/// Reads a feed file (any format, recognised from the bytes) fetched from `base_url`, if known.
/// Every command reads feeds through here, so a cut-off file is reported once, on stderr, by all.
pub fn read_feed(path: &str, bytes: &[u8], base_url: Option<&str>) -> Result<Feed, String> {
    let ctx = FeedContext {
        base_url,
        ..FeedContext::default()
    };
    let feed = feed::parse(bytes, &ctx).map_err(|e| format!("{path}: {e}"))?;
    if feed.truncated {
        eprintln!(
            "warning: {path}: the feed ends before its root element closes: the file looks cut \
             off, and entries after the cut are missing"
        );
    }
    Ok(feed)
}
