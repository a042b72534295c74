//! `manifest.json`: what a build read, with which options, and its id; and joining shards.
//!
//! A shard does not write the manifest: it writes `shards/<i>-of-<n>.json`, the manifest it
//! would write (every shard reads the whole corpus, so each knows it whole). `merge` checks that
//! all `n` shards ran on the same build and writes `manifest.json` from them, leaving the
//! directory byte-identical to a single build's.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::input::{hex, InputFile};
use super::write::{remove_stale, write_if_changed, Change};
use super::{BuildOptions, Shard};
use crate::site::escape::html_safe_json;
use crate::Article;

/// The generator named in manifests: `related-articles <version>`.
pub const GENERATOR: &str = concat!("related-articles ", env!("CARGO_PKG_VERSION"));

/// Where shard manifests go, in the output directory.
pub const SHARDS: &str = "shards";

/// The manifest: `{"v":1,"build","generator","inputs","options","counts"}`, no timestamps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The format's version, 1.
    pub v: u8,
    /// The build id: see [`build_id`].
    pub build: String,
    /// [`GENERATOR`].
    pub generator: String,
    /// The input files, in the order given (empty for a site: see `docs/archive.md`).
    pub inputs: Vec<InputFile>,
    /// The options that shape the lists.
    pub options: ManifestOptions,
    /// What was read and written.
    pub counts: ManifestCounts,
}

/// The options of [`BuildOptions`] that shape the lists (not the shard: a sharded build's
/// lists are a single build's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManifestOptions {
    /// [`BuildOptions::limit`].
    pub limit: usize,
    /// [`BuildOptions::diversify`].
    pub diversify: bool,
    /// [`BuildOptions::summary_chars`].
    pub summary_chars: usize,
}

impl From<&BuildOptions> for ManifestOptions {
    fn from(o: &BuildOptions) -> Self {
        ManifestOptions {
            limit: o.limit,
            diversify: o.diversify,
            summary_chars: o.summary_chars,
        }
    }
}

/// Counts of a build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestCounts {
    /// HTML pages read (`--site`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub pages: Option<usize>,
    /// Records read (input files).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub records: Option<usize>,
    /// Articles kept, each with a list.
    pub articles: usize,
    /// Pages or records not kept, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// List files.
    pub lists: usize,
}

/// The build id: the first 16 hex digits of the SHA-256 of the generator, the options and the
/// articles as read (every field, in order), which is all the lists depend on. Input bytes that
/// read the same (a page a previous build wrote its list into) give the same id.
///
/// ```
/// use related_articles::build::manifest::{build_id, ManifestOptions};
/// use related_articles::Article;
/// let options = ManifestOptions { limit: 5, diversify: true, summary_chars: 80 };
/// let a = [Article::new("a", "Cats", "")];
/// let id = build_id(&options, &a);
/// assert_eq!(id.len(), 16);
/// assert_eq!(id, build_id(&options, &a));
/// assert_ne!(id, build_id(&ManifestOptions { limit: 4, ..options }, &a));
/// assert_ne!(id, build_id(&options, &[Article::new("a", "Cats!", "")]));
/// ```
pub fn build_id(options: &ManifestOptions, articles: &[Article]) -> String {
    let mut hash = Sha256::new();
    hash.update(GENERATOR.as_bytes());
    hash.update(b"\n");
    hash.update(serde_json::to_vec(options).unwrap_or_default());
    for a in articles {
        hash.update(b"\n");
        hash.update(serde_json::to_vec(a).unwrap_or_default());
    }
    let digest = hash.finalize();
    hex(digest.get(..8).unwrap_or(&digest))
}

/// A shard's record of its run: `shards/<i>-of-<n>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardManifest {
    /// The format's version, 1.
    pub v: u8,
    /// `[i, n]`.
    pub shard: [usize; 2],
    /// The manifest of the whole build.
    pub manifest: Manifest,
}

/// The bytes of a manifest file: pretty JSON (people read it), HTML-safe like the list files
/// (an input's name could hold a tag), a final newline.
fn bytes(value: &impl Serialize) -> Result<Vec<u8>, String> {
    let json = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    let mut out = html_safe_json(&json).into_bytes();
    out.push(b'\n');
    Ok(out)
}

/// Writes what a run of `shard` ends with: `manifest.json` for a whole build (removing any
/// shard manifests left from an earlier sharded build), else its shard manifest (removing those
/// of a build with another shard count).
pub fn write(out: &Path, shard: Shard, manifest: &Manifest) -> Result<Change, String> {
    let shards = out.join(SHARDS);
    if shard.count == 1 {
        let change = write_if_changed(&out.join("manifest.json"), &bytes(manifest)?)?;
        remove_stale(&shards, is_shard_file, |_| false)?;
        let _ = fs::remove_dir(&shards); // only when empty
        return Ok(change);
    }
    super::write::create_dir(&shards)?;
    let suffix = format!("-of-{}.json", shard.count);
    remove_stale(&shards, is_shard_file, |name| name.ends_with(&suffix))?;
    let record = ShardManifest {
        v: 1,
        shard: [shard.index, shard.count],
        manifest: manifest.clone(),
    };
    let name = format!("{}{suffix}", shard.index);
    write_if_changed(&shards.join(name), &bytes(&record)?)
}

/// `<i>-of-<n>.json`.
fn is_shard_file(name: &str) -> bool {
    name.strip_suffix(".json")
        .and_then(|s| s.split_once("-of-"))
        .is_some_and(|(i, n)| i.parse::<usize>().is_ok() && n.parse::<usize>().is_ok())
}

/// `merge DIR`: checks that every shard of one build ran into `out` and writes its
/// `manifest.json`, then removes the shard manifests. Returns the manifest.
pub fn merge(out: &Path) -> Result<Manifest, String> {
    let shards = out.join(SHARDS);
    let listing = fs::read_dir(&shards).map_err(|e| {
        format!(
            "no shard manifests in {}: {e}: run `build --shard i/n` for every i first",
            shards.display()
        )
    })?;
    let mut found: BTreeMap<usize, ShardManifest> = BTreeMap::new();
    let mut count = None;
    for entry in listing {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", shards.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_shard_file(&name) {
            continue;
        }
        let path = entry.path();
        let text = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let record: ShardManifest = serde_json::from_slice(&text)
            .map_err(|e| format!("{}: not a shard manifest: {e}", path.display()))?;
        let [i, n] = record.shard;
        if *count.get_or_insert(n) != n {
            return Err(format!(
                "{} holds manifests of builds cut into different numbers of shards: \
                 remove the stale ones and rerun",
                shards.display()
            ));
        }
        found.insert(i, record);
    }
    let n = count.ok_or_else(|| {
        format!(
            "no shard manifests in {}: run `build --shard i/n` for every i first",
            shards.display()
        )
    })?;
    let missing: Vec<String> = (0..n)
        .filter(|i| !found.contains_key(i))
        .map(|i| format!("{i}/{n}"))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "shard(s) {} missing from {}: run them, then merge",
            missing.join(", "),
            shards.display()
        ));
    }
    let mut records = found.into_values();
    let first = records
        .next()
        .ok_or_else(|| "no shard manifests".to_owned())?;
    for other in records {
        if other.manifest != first.manifest {
            return Err(format!(
                "shards 0/{n} and {}/{n} come from different builds ({} and {}): run every \
                 shard on the same inputs and options",
                other.shard[0], first.manifest.build, other.manifest.build
            ));
        }
    }
    write(out, Shard::WHOLE, &first.manifest)?;
    Ok(first.manifest)
}
