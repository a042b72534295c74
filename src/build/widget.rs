//! The widget's files in an archive: its script, told that an index sits beside it, and its
//! wasm (for pages published after the build, which fall back to the feed).

use std::fs;
use std::path::Path;

/// The string literal the widget's script carries, exactly once, in place of its archive
/// settings; a build replaces it (quotes included) with a JSON string literal of them.
pub const SENTINEL: &str = "__RELATED_ARTICLES_ARCHIVE__";

/// The script's file name, in `dist/` and in an archive.
pub const SCRIPT: &str = "related-articles.js";

/// Where the widget's files are by default: this checkout's `dist/` (`npm run build`). None in
/// the WASI build, which runs from the npm package wherever it is installed: its launcher
/// passes the package's own `dist/` (and the build machine's path stays out of the binary).
#[cfg(not(target_os = "wasi"))]
pub const DEFAULT_DIST: Option<&str> = Some(concat!(env!("CARGO_MANIFEST_DIR"), "/dist"));
/// Where the widget's files are by default: none in the WASI build (see the native one).
#[cfg(target_os = "wasi")]
pub const DEFAULT_DIST: Option<&str> = None;

/// The files to copy from `dist` (name, bytes), the script with the archive settings
/// `{"v":1,"build":"<build id>","lists":"lists/"}` in place of [`SENTINEL`]. Every file of
/// `dist` is copied but TypeScript declarations (`.d.ts`) and hidden files.
///
/// ```
/// use related_articles::build::widget::files;
/// let dist = tempfile::tempdir().unwrap();
/// std::fs::write(dist.path().join("related-articles.js"), "let a='__RELATED_ARTICLES_ARCHIVE__';").unwrap();
/// std::fs::write(dist.path().join("related-articles.0123456789.wasm"), b"\0asm").unwrap();
/// std::fs::write(dist.path().join("related-articles.d.ts"), "").unwrap();
/// let out = files(dist.path(), "abc").unwrap();
/// let names: Vec<&str> = out.iter().map(|(n, _)| n.as_str()).collect();
/// assert_eq!(names, ["related-articles.0123456789.wasm", "related-articles.js"]);
/// assert_eq!(out[1].1, br#"let a="{\"v\":1,\"build\":\"abc\",\"lists\":\"lists/\"}";"#);
///
/// std::fs::write(dist.path().join("related-articles.js"), "no sentinel").unwrap();
/// assert!(files(dist.path(), "abc").unwrap_err().contains("npm run build"));
/// assert!(files(&dist.path().join("missing"), "abc").unwrap_err().contains("missing"));
/// ```
pub fn files(dist: &Path, build: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let advice = "build the widget first (`npm run build`), or give its files with --widget DIST";
    let entries = fs::read_dir(dist).map_err(|e| {
        format!(
            "cannot read the widget's files in {}: {e}: {advice}",
            dist.display()
        )
    })?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dist.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        if !is_file || name.starts_with('.') || name.ends_with(".d.ts") {
            continue;
        }
        let path = entry.path();
        let bytes = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        out.push((name, bytes));
    }
    out.sort();
    let script = out
        .iter_mut()
        .find(|(name, _)| name == SCRIPT)
        .ok_or_else(|| format!("{} has no {SCRIPT}: {advice}", dist.display()))?;
    let text = std::str::from_utf8(&script.1)
        .map_err(|_| format!("{}/{SCRIPT} is not UTF-8 text", dist.display()))?;
    script.1 = with_settings(text, build)
        .ok_or_else(|| {
            format!(
                "{}/{SCRIPT} does not carry the archive sentinel \"{SENTINEL}\" exactly once, \
                 quoted: it is not a widget build that reads archives; {advice}",
                dist.display()
            )
        })?
        .into_bytes();
    Ok(out)
}

/// The settings the script finds in place of [`SENTINEL`], fields in this order.
#[derive(serde::Serialize)]
struct Settings<'a> {
    v: u8,
    build: &'a str,
    lists: &'a str,
}

/// `script` with its one quoted [`SENTINEL`] replaced by the archive settings; `None` when it
/// has none, or more than one.
fn with_settings(script: &str, build: &str) -> Option<String> {
    let at = script.find(SENTINEL)?;
    let (head, tail) = (script.get(..at)?, script.get(at + SENTINEL.len()..)?);
    if tail.contains(SENTINEL) {
        return None;
    }
    let quote = head.chars().next_back()?;
    if !matches!(quote, '"' | '\'' | '`') || !tail.starts_with(quote) {
        return None;
    }
    let settings = serde_json::to_string(&Settings {
        v: 1,
        build,
        lists: "lists/",
    })
    .ok()?;
    // A JSON string is a JS string literal too.
    let literal = serde_json::to_string(&settings).ok()?;
    let before = head.get(..head.len() - quote.len_utf8())?;
    let after = tail.get(quote.len_utf8()..)?;
    Some(format!("{before}{literal}{after}"))
}
