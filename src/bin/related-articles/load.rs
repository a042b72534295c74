//! Reading a corpus file into an [`IndexBuilder`], reporting each rejected record with the line
//! it came from.

use std::fs;

use related_articles::{IndexBuilder, IndexOptions, RawArticle};

/// A corpus read from disk: the builder, plus where each record came from for error messages.
pub struct Loaded {
    pub builder: IndexBuilder,
    /// `lines[position]` is the 1-based line of record `position`.
    pub lines: Vec<usize>,
}

/// Reads JSON Lines, one article object per line; blank lines are skipped.
pub fn load(path: &str, options: IndexOptions) -> Result<Loaded, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut builder = IndexBuilder::new(options)?;
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

/// The `id` of a record that failed to decode, when the line is still JSON enough to say.
fn guess_id(line: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    match value.get("id")? {
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}
