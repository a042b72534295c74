//! Files written only when their bytes change, so rsync, a CDN or a browser cache moves only
//! what a rebuild changed; written whole or not at all (a temporary file renamed over the old
//! one), so a reader never sees half a file and shards writing the same file cannot mix.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

/// What [`write_if_changed`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The file did not exist, or held other bytes.
    Written,
    /// The file already held these bytes: not touched.
    Unchanged,
}

/// Counts of files written, left as they were, and removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// New or changed files.
    pub written: usize,
    /// Files that already held the right bytes.
    pub unchanged: usize,
    /// Files removed because nothing in this build needs them.
    pub removed: usize,
}

impl Counts {
    /// Counts one [`Change`].
    pub fn add(&mut self, change: Change) {
        match change {
            Change::Written => self.written += 1,
            Change::Unchanged => self.unchanged += 1,
        }
    }

    /// The sum of two counts (results of parallel writers).
    pub fn merged(self, other: Counts) -> Counts {
        Counts {
            written: self.written + other.written,
            unchanged: self.unchanged + other.unchanged,
            removed: self.removed + other.removed,
        }
    }
}

/// Writes `bytes` to `path` unless it holds them already. The error names the file.
///
/// ```
/// use related_articles::build::write::{write_if_changed, Change};
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("a.json");
/// assert_eq!(write_if_changed(&path, b"{}").unwrap(), Change::Written);
/// assert_eq!(write_if_changed(&path, b"{}").unwrap(), Change::Unchanged);
/// assert_eq!(write_if_changed(&path, b"[]").unwrap(), Change::Written);
/// assert_eq!(std::fs::read(&path).unwrap(), b"[]");
/// assert!(write_if_changed(&dir.path().join("no/such/dir/a"), b"").unwrap_err().contains("no/such/dir"));
/// ```
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<Change, String> {
    match fs::read(path) {
        Ok(old) if old == bytes => return Ok(Change::Unchanged),
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    // Unique per run: two shards writing the same widget file each rename their own.
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", run_tag()));
    let written = fs::write(&tmp, bytes).and_then(|()| fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(format!("cannot write {}: {e}", path.display()));
    }
    Ok(Change::Written)
}

/// A random tag, the same for the whole run, for temporary file names. Not the process id:
/// `std::process::id` panics on WASI (`npx related-articles` runs this code there), and a
/// random 64-bit number is as unlikely to be another run's.
fn run_tag() -> &'static str {
    use std::hash::BuildHasher;
    static TAG: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TAG.get_or_init(|| {
        let random = std::collections::hash_map::RandomState::new().hash_one(0u8);
        crate::message::hex16(random)
    })
}

/// Creates a directory and its parents; the error names it.
pub fn create_dir(path: &Path) -> Result<(), String> {
    fs::create_dir_all(path).map_err(|e| format!("cannot create {}: {e}", path.display()))
}

/// Removes the files (not directories) of `dir` that `ours` recognises (names this build could have written)
/// and `keep` does not, returning how many. Anything else in `dir` is left alone.
pub fn remove_stale(
    dir: &Path,
    ours: impl Fn(&str) -> bool,
    keep: impl Fn(&str) -> bool,
) -> Result<usize, String> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(format!("cannot list {}: {e}", dir.display())),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && ours(name) && !keep(name) {
            let path = entry.path();
            match fs::remove_file(&path) {
                Ok(()) => removed += 1,
                // Another shard removed it first.
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => return Err(format!("cannot remove {}: {e}", path.display())),
            }
        }
    }
    Ok(removed)
}
