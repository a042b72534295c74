//! `build --site DIR`: every HTML page of a built site, read by the page reader
//! ([`site::read`](crate::site::read)), ranked, and written back: the lists into
//! `DIR/related-articles/`, each list into its page's `<related-articles>` element
//! ([`site::rewrite`](crate::site::rewrite)).
//!
//! The walk is sorted (the same site gives the same corpus in the same order on every
//! machine) and leaves out `DIR/related-articles/`. Reading pages and writing their markup are
//! `src/site/`'s; this module walks, picks one page per lookup key, counts and writes.
//!
//! ```
//! use related_articles::build::{input::Corpus, site, BuildOptions};
//! let dir = tempfile::tempdir().unwrap();
//! for (slug, title) in [("a", "Cats purr"), ("b", "Cats nap"), ("c", "Cats sleep")] {
//!     let page = dir.path().join("posts").join(slug);
//!     std::fs::create_dir_all(&page).unwrap();
//!     let html = format!(r#"<html lang="en"><head><title>{title}</title><meta property="og:type" content="article">
//! </head><body><h1>{title}</h1><related-articles></related-articles></body></html>"#);
//!     std::fs::write(page.join("index.html"), html).unwrap();
//! }
//! std::fs::write(dir.path().join("index.html"), "<title>Home</title>").unwrap();
//! let widget = tempfile::tempdir().unwrap();
//! std::fs::write(widget.path().join("related-articles.js"), r#"x="__RELATED_ARTICLES_ARCHIVE__""#).unwrap();
//!
//! let mut corpus = Corpus::default();
//! let pages = site::read_site(dir.path(), None, &mut corpus).unwrap();
//! let out = dir.path().join("related-articles");
//! let built = site::build_site(corpus, &pages, &BuildOptions::default(), &out, widget.path()).unwrap();
//! assert_eq!((built.manifest.counts.pages, built.manifest.counts.articles), (Some(4), 3));
//! assert_eq!(built.manifest.counts.skipped.get("not-article"), Some(&1));
//! assert_eq!((built.pages.written, built.pages.unchanged), (3, 0));
//! let a = std::fs::read_to_string(dir.path().join("posts/a/index.html")).unwrap();
//! assert!(a.contains(r#"<section data-related-articles><h2>Related Articles</h2><ul><li><a href="/posts/b/">Cats nap</a></li>"#), "{a}");
//! ```

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::input::Corpus;
use super::key::{file_name, lookup_key};
use super::list::ListItem;
use super::run::{run, Built};
use super::write::write_if_changed;
use super::{BuildOptions, SITE_OUTPUT};
use crate::site::read::{page_link, read_page, Page, PageArticle, SkipReason};
use crate::site::rewrite::{rewrite_page, Item, List};

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

/// A site read into a corpus by [`read_site`]: how many pages it has, and the article pages
/// whose `<related-articles>` element gets their list.
#[derive(Debug, Clone, Default)]
pub struct SitePages {
    /// HTML pages read.
    pub pages: usize,
    /// The corpus position of the site's first article (records read before the site come
    /// first).
    first: usize,
    /// By position from `first`: the page to write the list into, and the article's URL.
    targets: Vec<Option<Target>>,
}

/// An article page with an element to write its list into.
#[derive(Debug, Clone)]
struct Target {
    file: PathBuf,
    url: Option<String>,
}

/// A page as read, with its path.
struct Read {
    path: String,
    page: Page,
    /// The page's own link ([`page_link`]), for an article page.
    own: Option<String>,
}

/// Reads every page of [`pages`] under `site` into `corpus`, with the site's public URL if
/// known (`--base-url`: the pages' own URLs when their metadata names none). Article pages
/// become records; other pages are counted by their reason (`not-article`, `redirect`,
/// `noindex`, `opted-out`, `rejected`). Pages that share a lookup key (an AMP copy whose
/// canonical URL is the article's, an alias that does not redirect) give one record: the page
/// served at that key if there is one, else the first in walk order; the others are counted
/// as `duplicate`. Fails, naming the page, only when a page cannot be read at all.
pub fn read_site(
    site: &Path,
    site_url: Option<&str>,
    corpus: &mut Corpus,
) -> Result<SitePages, String> {
    let paths = pages(site)?;
    let reads: Vec<Read> = paths
        .into_par_iter()
        .map(|path| -> Result<Read, String> {
            let file = site.join(&path);
            let html =
                fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let page = read_page(&html, &path, site_url)?;
            let own = match page {
                Page::Article(_) => Some(page_link(&path, site_url)?),
                Page::Skipped(_) => None,
            };
            Ok(Read { path, page, own })
        })
        .collect::<Result<_, _>>()?;

    // One page per lookup key: the one served at the key (the canonical page), else the first.
    let key_of = |a: &PageArticle| lookup_key(Some(&a.link), &a.article.id);
    let mut chosen: HashMap<String, usize> = HashMap::new();
    for (i, read) in reads.iter().enumerate() {
        let Page::Article(a) = &read.page else {
            continue;
        };
        let key = key_of(a);
        let canonical = read
            .own
            .as_deref()
            .is_some_and(|own| lookup_key(Some(own), "") == key);
        match chosen.get(&key) {
            Some(&first) if !canonical || is_canonical(&reads, first, &key) => {}
            _ => {
                chosen.insert(key, i);
            }
        }
    }

    let mut out = SitePages {
        pages: reads.len(),
        first: corpus.articles.len(),
        targets: Vec::new(),
    };
    for (i, read) in reads.into_iter().enumerate() {
        let file = corpus.add_file(&read.path);
        let article = match read.page {
            Page::Skipped(skip) => {
                corpus.read += 1;
                match skip.reason {
                    SkipReason::Rejected(reason) => corpus.skip(
                        "rejected",
                        format!("rejected: {}: {reason}", corpus.describe(file, 0, None)),
                    ),
                    other => corpus.skip(other.name(), String::new()),
                }
                continue;
            }
            Page::Article(a) => *a,
        };
        let key = key_of(&article);
        if chosen.get(&key) != Some(&i) {
            corpus.read += 1;
            corpus.skip(SkipReason::Duplicate.name(), String::new());
            continue;
        }
        for w in &article.warnings {
            corpus.warn(file, 0, w);
        }
        let url = article.article.url.clone();
        let element = article.element.is_some();
        if corpus.offer_keyed(article.article, key, file, 0) {
            out.targets.push(element.then(|| Target {
                file: site.join(&read.path),
                url,
            }));
        }
    }
    Ok(out)
}

/// Whether the page `i` of `reads` is served at `key`.
fn is_canonical(reads: &[Read], i: usize, key: &str) -> bool {
    reads
        .get(i)
        .and_then(|r| r.own.as_deref())
        .is_some_and(|own| lookup_key(Some(own), "") == key)
}

/// Builds the archive of `corpus` (a site read by [`read_site`], and any records besides)
/// into `out` (see [`build`](super::build)) and writes each list of this shard into its page's
/// `<related-articles>` element. A page is written only when its bytes change; pages without
/// the element, and pages of other shards, are never touched.
pub fn build_site(
    corpus: Corpus,
    site: &SitePages,
    options: &BuildOptions,
    out: &Path,
    dist: &Path,
) -> Result<Built, String> {
    let on_list = |position: usize, items: &[ListItem]| {
        let target = position
            .checked_sub(site.first)
            .and_then(|p| site.targets.get(p));
        let Some(Some(Target { file, url })) = target else {
            return Ok(None);
        };
        let html = fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let items: Vec<Item> = items.iter().map(item).collect();
        let list = List {
            page_url: url.as_deref(),
            items: &items,
        };
        let rewritten =
            rewrite_page(&html, &list).map_err(|e| format!("{}: {e}", file.display()))?;
        match rewritten {
            Some(bytes) => write_if_changed(file, &bytes).map(Some),
            None => Ok(None),
        }
    };
    run(
        corpus,
        options,
        out,
        dist,
        Some(site.pages),
        &on_list,
        file_name,
        super::rank::ENGINE,
    )
}

/// A list file's item as the page's markup shows it.
fn item<'a>(i: &'a ListItem) -> Item<'a> {
    Item {
        url: i.url.as_deref(),
        title: i.title,
        summary: i.summary.as_deref(),
        category: i.category,
        date: i.date,
        image: i.image,
        why: i.why,
    }
}
