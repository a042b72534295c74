//! `build --site DIR`: every HTML page of a built site, read by the page reader, ranked, and
//! written back: the lists into `DIR/related-articles/`, each list into its page's
//! `<related-articles>` element.
//!
//! The walk is sorted (the same site gives the same corpus in the same order on every
//! machine) and leaves out `DIR/related-articles/`. Pages are read and rewritten through
//! [`PageReader`]: reading a page's metadata and rewriting its element are the page reader's
//! concern (`src/site/`); this module only walks, counts and writes.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::input::Corpus;
use super::list::ListItem;
use super::run::{run, Built};
use super::write::write_if_changed;
use super::{BuildOptions, SITE_OUTPUT};
use crate::{Article, Rejected, Warning};

/// What the page reader found in a page.
#[derive(Debug, Clone, PartialEq)]
pub enum PageRead {
    /// An article page.
    Article {
        /// The validated record, or why it was rejected.
        record: Box<Result<(Article, Vec<Warning>), Rejected>>,
        /// Its lookup key ([`lookup_key`](super::key::lookup_key) of its URL, else of its path).
        key: String,
        /// Whether the page holds a `<related-articles>` element to write the list into.
        element: bool,
    },
    /// Not an article page, and why (the reader's names: `not-article`, `redirect`,
    /// `noindex`, `opted-out`).
    Skipped(String),
}

/// Reads pages and writes lists into them: the site reader's two entry points (`src/site/`'s
/// `read_page` and `rewrite_page`, whose errors name the page).
pub trait PageReader: Sync {
    /// Reads one page (`path` is relative to the site root, with `/` separators). Fails only
    /// when the page cannot be parsed at all.
    fn read(&self, html: &[u8], path: &str) -> Result<PageRead, String>;
    /// The page with `items` written into its `<related-articles>` element (replacing what an
    /// earlier build wrote there), or `None` when it has no such element. `page_url` is the
    /// article's URL, when known, to resolve site paths against.
    fn rewrite(
        &self,
        html: &[u8],
        page_url: Option<&str>,
        items: &[ListItem],
        build: &str,
    ) -> Result<Option<Vec<u8>>, String>;
}

/// The site reader until `src/site/` is wired in: it reads no page as an article (every page
/// is skipped with a reason saying so), so `build --site` fails with "no valid article".
#[derive(Debug, Clone, Copy, Default)]
pub struct NoReader;

impl PageReader for NoReader {
    fn read(&self, _html: &[u8], _path: &str) -> Result<PageRead, String> {
        Ok(PageRead::Skipped("no page reader in this build".into()))
    }
    fn rewrite(
        &self,
        _: &[u8],
        _: Option<&str>,
        _: &[ListItem],
        _: &str,
    ) -> Result<Option<Vec<u8>>, String> {
        Ok(None)
    }
}

/// The HTML pages of a site, relative paths with `/` separators, sorted (directories by name,
/// depth first), leaving out [`SITE_OUTPUT`] at the top and anything that is not a file.
///
/// ```
/// use related_articles::build::site::pages;
/// let site = tempfile::tempdir().unwrap();
/// for p in ["b.html", "a/index.html", "a/z.htm", "related-articles/x.html", "style.css"] {
///     let path = site.path().join(p);
///     std::fs::create_dir_all(path.parent().unwrap()).unwrap();
///     std::fs::write(path, "").unwrap();
/// }
/// assert_eq!(pages(site.path()).unwrap(), ["a/index.html", "a/z.htm", "b.html"]);
/// assert!(pages(&site.path().join("missing")).unwrap_err().contains("missing"));
/// ```
pub fn pages(site: &Path) -> Result<Vec<String>, String> {
    if !site.is_dir() {
        return Err(format!("{}: not a directory", site.display()));
    }
    let mut out = Vec::new();
    let walk = WalkDir::new(site)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && e.file_name() == SITE_OUTPUT));
    for entry in walk {
        let entry = entry.map_err(|e| format!("cannot walk {}: {e}", site.display()))?;
        let html = entry
            .path()
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("html") || x.eq_ignore_ascii_case("htm"));
        if !entry.file_type().is_file() || !html {
            continue;
        }
        let relative = entry.path().strip_prefix(site).unwrap_or(entry.path());
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        out.push(parts.join("/"));
    }
    Ok(out)
}

/// Builds a site's archive: reads every page of [`pages`] with `reader`, builds the lists
/// into `site/related-articles/` (see [`build`](super::build)) and rewrites the pages of this
/// shard's articles that hold a `<related-articles>` element. Pages without one, and pages of
/// other shards, are not touched.
pub fn build_site(
    site: &Path,
    options: &BuildOptions,
    dist: &Path,
    reader: &dyn PageReader,
) -> Result<Built, String> {
    let paths = pages(site)?;
    let reads: Vec<PageRead> = paths
        .par_iter()
        .map(|path| -> Result<PageRead, String> {
            let file = site.join(path);
            let html =
                fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            reader.read(&html, path)
        })
        .collect::<Result<_, _>>()?;

    let mut corpus = Corpus::default();
    // The page of each article that has an element to write into, and its URL, by position.
    let mut targets: Vec<Option<(PathBuf, Option<String>)>> = Vec::new();
    for (path, page) in paths.iter().zip(reads) {
        let file = corpus.add_file(path);
        match page {
            PageRead::Skipped(reason) => {
                corpus.read += 1;
                corpus.skip(&reason, String::new());
            }
            PageRead::Article {
                record,
                key,
                element,
            } => match *record {
                Err(rejected) => corpus.reject(file, 0, &rejected),
                Ok((article, warnings)) => {
                    for w in &warnings {
                        corpus.warn(file, 0, w);
                    }
                    let url = article.url.clone();
                    if corpus.offer_keyed(article, key, file, 0) {
                        targets.push(element.then(|| (site.join(path), url)));
                    }
                }
            },
        }
    }

    let out = site.join(SITE_OUTPUT);
    let on_list = |position: usize, items: &[ListItem], build: &str| {
        let Some(Some((page, url))) = targets.get(position) else {
            return Ok(None);
        };
        let html = fs::read(page).map_err(|e| format!("cannot read {}: {e}", page.display()))?;
        match reader.rewrite(&html, url.as_deref(), items, build)? {
            Some(rewritten) => write_if_changed(page, &rewritten).map(Some),
            None => Ok(None),
        }
    };
    run(
        corpus,
        options,
        &out,
        dist,
        true,
        &on_list,
        super::key::file_name,
        super::rank::ENGINE,
    )
}
