//! One build run: rank, write the lists (and, for a site, the pages), the widget's files and
//! the manifest.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::input::Corpus;
use super::key::file_name;
use super::list::{file_bytes, Entry, ListItem};
use super::manifest::{self, build_id, Manifest, ManifestCounts, ManifestOptions};
use super::rank::{Ranking, ENGINE};
use super::widget;
use super::write::{create_dir, remove_stale, write_if_changed, Change, Counts};
use super::BuildOptions;
use crate::limits::Limits;
use crate::{IndexBuilder, IndexOptions, Related, RelatedOptions};

/// What a run did (`build --json` prints it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Built {
    /// The manifest of the build (written by this run when it is not one shard of several).
    pub manifest: Manifest,
    /// List files this run wrote, left unchanged, removed.
    pub lists: Counts,
    /// Pages rewritten or left unchanged (`--site`).
    pub pages: Counts,
    /// The widget's files.
    pub widget: Counts,
    /// The corpus's notes (rejected pages, dropped fields, duplicates), for the publisher.
    pub notes: Vec<String>,
}

/// What a site build does with a list besides writing its file: rewrite the article's page.
/// Called with the article's position and its items; returns what happened to the page
/// (`None`: the article has no page to rewrite).
pub type OnList<'a> = dyn Fn(usize, &[ListItem]) -> Result<Option<Change>, String> + Sync + 'a;

/// Builds the archive of `corpus` into `out`: every list file of this run's shard, the
/// widget's files from `dist`, and the manifest (or the shard's manifest). Fails, writing
/// nothing, when no article is left or an option is out of range.
pub fn build(
    corpus: Corpus,
    options: &BuildOptions,
    out: &Path,
    dist: &Path,
) -> Result<Built, String> {
    run(
        corpus,
        options,
        out,
        dist,
        None,
        &|_, _| Ok(None),
        file_name,
        ENGINE,
    )
}

/// [`build`], with `on_list` called for each list this shard owns. `pages`: how many of the
/// records read were a site's HTML pages (`None`: no site), for the manifest's counts; lists
/// named by `name_of` and ranked by `ranking`.
#[allow(clippy::too_many_arguments)] // each is one of a build's parts; tests swap some
pub(crate) fn run(
    corpus: Corpus,
    options: &BuildOptions,
    out: &Path,
    dist: &Path,
    pages: Option<usize>,
    on_list: &OnList,
    name_of: fn(&str) -> String,
    ranking: Ranking,
) -> Result<Built, String> {
    options.validate()?;
    if corpus.articles.is_empty() {
        let what = match pages {
            Some(pages) if pages == corpus.read => format!("{pages} page(s)"),
            Some(pages) => format!(
                "{pages} page(s) and {} record(s)",
                corpus.read.saturating_sub(pages)
            ),
            None => format!("{} record(s)", corpus.read),
        };
        return Err(format!("no valid article among {what}: nothing to build"));
    }
    let moptions = ManifestOptions::from(options);
    let build = build_id(&moptions, &corpus.articles);
    // Read before anything is written: a missing widget loses nothing.
    let widget_files = widget::files(dist, &build)?;

    let Corpus {
        articles,
        keys,
        read,
        skipped,
        inputs,
        notes,
        ..
    } = corpus;
    let mut builder = IndexBuilder::new(IndexOptions::default())?.with_limits(Limits::NATIVE);
    for a in articles {
        builder.add(a);
    }
    let index = builder.build()?;
    if index.len() != keys.len() {
        // The corpus keeps ids unique, so the index rejects none.
        return Err("internal error: the index rejected an article of the corpus".into());
    }

    // List files by name, each with its articles' positions (a name holds several keys only
    // when their hashes collide), sorted by key.
    let mut files: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (p, key) in keys.iter().enumerate() {
        files.entry(name_of(key)).or_default().push(p);
    }
    for positions in files.values_mut() {
        positions.sort_by(|&a, &b| keys.get(a).cmp(&keys.get(b)));
    }
    // A file belongs to the shard of its first article; the few other articles of a collision
    // that fall in other slices are ranked here too.
    let shard = options.shard;
    let owned: Vec<(&String, &Vec<usize>)> = files
        .iter()
        .filter(|(_, ps)| ps.iter().min().is_some_and(|&p| shard.holds(p)))
        .collect();
    let mut extra: Vec<usize> = owned
        .iter()
        .flat_map(|(_, ps)| ps.iter().copied())
        .filter(|&p| !shard.holds(p))
        .collect();
    extra.sort_unstable();

    let related_options = RelatedOptions {
        limit: options.limit,
        diversify: options.diversify,
        ..RelatedOptions::default()
    };
    let mut lists: Vec<Option<Vec<Related>>> = vec![None; index.len()];
    let ranked = (ranking.all)(&index, &related_options, Some((shard.index, shard.count)));
    for (p, list) in ranked
        .into_iter()
        .chain((ranking.positions)(&index, &related_options, &extra))
    {
        if let Some(slot) = lists.get_mut(p) {
            *slot = Some(list);
        }
    }

    let lists_dir = out.join("lists");
    create_dir(&lists_dir)?;
    let articles = index.articles();
    let empty: Vec<Related> = Vec::new();
    let (list_counts, page_counts) = owned
        .par_iter()
        .map(|(name, positions)| -> Result<(Counts, Counts), String> {
            let mut entries = Vec::with_capacity(positions.len());
            let mut pages = Counts::default();
            for &p in positions.iter() {
                let article = articles.get(p);
                let for_url = article.and_then(|a| a.url.as_deref());
                let ranked = lists.get(p).and_then(Option::as_ref).unwrap_or(&empty);
                let items: Vec<ListItem> = ranked
                    .iter()
                    .filter_map(|r| {
                        ListItem::new(articles, &keys, r, for_url, options.summary_chars)
                    })
                    .collect();
                if let Some(change) = on_list(p, &items)? {
                    pages.add(change);
                }
                let key = keys.get(p).map_or("", String::as_str);
                entries.push(Entry { key, items });
            }
            let mut counts = Counts::default();
            let path = lists_dir.join(format!("{name}.json"));
            counts.add(write_if_changed(&path, &file_bytes(&entries)?)?);
            Ok((counts, pages))
        })
        .try_reduce(
            || (Counts::default(), Counts::default()),
            |a, b| Ok((a.0.merged(b.0), a.1.merged(b.1))),
        )?;
    let mut list_counts = list_counts;
    list_counts.removed = remove_stale(&lists_dir, is_list_file, |name| {
        name.strip_suffix(".json")
            .is_some_and(|stem| files.contains_key(stem))
    })?;

    let mut widget_counts = Counts::default();
    for (name, bytes) in &widget_files {
        widget_counts.add(write_if_changed(&out.join(name), bytes)?);
    }
    // An earlier widget's files (its wasm under an older content hash).
    widget_counts.removed = remove_stale(
        out,
        |name| name.starts_with("related-articles."),
        |name| widget_files.iter().any(|(n, _)| n == name),
    )?;

    // A site's count of records is only for the input files given besides it.
    let records = match pages {
        Some(pages) if inputs.is_empty() && read == pages => None,
        Some(pages) => Some(read.saturating_sub(pages)),
        None => Some(read),
    };
    let manifest = Manifest {
        v: 1,
        build,
        generator: manifest::GENERATOR.to_owned(),
        inputs,
        options: moptions,
        counts: ManifestCounts {
            pages,
            records,
            articles: index.len(),
            skipped,
            lists: files.len(),
        },
    };
    manifest::write(out, shard, &manifest)?;
    Ok(Built {
        manifest,
        lists: list_counts,
        pages: page_counts,
        widget: widget_counts,
        notes,
    })
}

/// A list file's name: 16 lower-case hex digits and `.json`.
fn is_list_file(name: &str) -> bool {
    name.strip_suffix(".json").is_some_and(|stem| {
        stem.len() == 16
            && stem
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::message::hex16;
    use crate::Article;

    /// Names that collide on purpose: keys of the same length share a file.
    fn by_length(key: &str) -> String {
        hex16(key.len() as u64)
    }

    #[test]
    fn keys_that_share_a_hash_share_a_file_in_every_shard_count() {
        let mut corpus = Corpus::default();
        let file = corpus.add_input("t.jsonl", b"");
        for (i, (slug, title)) in [
            ("/bb/", "Cats purr"),
            ("/aa/", "Cats nap"),
            ("/c/", "Cats sleep"),
            ("/dd/", "Cats eat"),
        ]
        .iter()
        .enumerate()
        {
            let mut a = Article::new(format!("{i}"), *title, "");
            a.url = Some(format!("https://example.com{slug}"));
            corpus.offer(a, file, i + 1);
        }
        let widget = tempfile::tempdir().unwrap();
        std::fs::write(
            widget.path().join(widget::SCRIPT),
            r#"x="__RELATED_ARTICLES_ARCHIVE__""#,
        )
        .unwrap();
        let none = |_: usize, _: &[ListItem]| Ok(None);
        let mut trees = Vec::new();
        for count in [1, 2, 3] {
            let out = tempfile::tempdir().unwrap();
            for index in 0..count {
                let options = BuildOptions {
                    shard: super::super::Shard { index, count },
                    ..Default::default()
                };
                let corpus = clone(&corpus);
                run(
                    corpus,
                    &options,
                    out.path(),
                    widget.path(),
                    None,
                    &none,
                    by_length,
                    ENGINE,
                )
                .unwrap();
            }
            if count > 1 {
                manifest::merge(out.path()).unwrap();
            }
            let shared = std::fs::read_to_string(
                out.path()
                    .join("lists")
                    .join(format!("{}.json", by_length("/aa/"))),
            )
            .unwrap();
            let keys: Vec<&str> = shared
                .match_indices("\"key\":")
                .filter_map(|(i, _)| shared.get(i + 7..i + 11))
                .collect();
            assert_eq!(keys, ["/aa/", "/bb/", "/dd/"], "{shared}"); // three keys of length 4, sorted
            assert!(shared.contains("Cats"), "{shared}");
            let mut files: Vec<(String, Vec<u8>)> = Vec::new();
            for entry in std::fs::read_dir(out.path().join("lists")).unwrap() {
                let entry = entry.unwrap();
                files.push((
                    entry.file_name().to_string_lossy().into(),
                    std::fs::read(entry.path()).unwrap(),
                ));
            }
            files.sort();
            files.push((
                "manifest".into(),
                std::fs::read(out.path().join("manifest.json")).unwrap(),
            ));
            trees.push(files);
        }
        assert_eq!(trees[0].len(), 3); // two list files and the manifest
        assert_eq!(trees[0], trees[1]);
        assert_eq!(trees[0], trees[2]);
    }

    /// `Index::related` article by article: what builds ranked with before the all-lists engine.
    const PER_ARTICLE: Ranking = Ranking {
        all: |index, options, shard| {
            let (i, n) = shard.unwrap_or((0, 1));
            let positions: Vec<usize> = (0..index.len()).filter(|p| p % n == i).collect();
            per_article(index, options, &positions)
        },
        positions: per_article,
    };

    fn per_article(
        index: &crate::Index,
        options: &RelatedOptions,
        positions: &[usize],
    ) -> super::super::rank::Lists {
        positions
            .iter()
            .map(|&p| {
                let id = &index.articles()[p].id;
                (p, index.related(crate::Query::Id(id), options).unwrap())
            })
            .collect()
    }

    /// Every file of a directory tree, by path.
    fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let path = e.path().strip_prefix(dir).unwrap().display().to_string();
                (path, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    /// Two hex digits of the real name: a file holds several keys, so that shards rank
    /// articles of other slices too (`rank_positions`).
    fn few_names(key: &str) -> String {
        file_name(key).chars().take(2).collect()
    }

    #[test]
    fn the_engine_writes_the_same_files_as_ranking_article_by_article() {
        let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/www/demo/data/articles.json");
        let bytes = std::fs::read(demo).unwrap();
        let widget = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/archive/widget");
        let none = |_: usize, _: &[ListItem]| Ok(None);
        let settings = [(5, true, 0), (10, false, 120)];
        for (limit, diversify, summary_chars) in settings {
            for (count, name_of) in [(1, file_name as fn(&str) -> String), (3, few_names)] {
                let mut trees = Vec::new();
                for ranking in [ENGINE, PER_ARTICLE] {
                    let out = tempfile::tempdir().unwrap();
                    for index in 0..count {
                        let mut corpus = Corpus::default();
                        corpus.read_input("articles.json", &bytes, None).unwrap();
                        assert!(corpus.articles.len() > 1000);
                        let options = BuildOptions {
                            limit,
                            diversify,
                            summary_chars,
                            shard: super::super::Shard { index, count },
                        };
                        let widget = Path::new(widget);
                        run(
                            corpus,
                            &options,
                            out.path(),
                            widget,
                            None,
                            &none,
                            name_of,
                            ranking,
                        )
                        .unwrap();
                    }
                    trees.push(files(out.path()));
                }
                let what = format!("limit {limit}, diversify {diversify}, {count} shard(s)");
                // Hundreds of list files, or about a hundred holding a dozen keys each.
                assert!(trees[0].len() > 90, "{what}: {} files", trees[0].len());
                assert_eq!(
                    trees[0].keys().collect::<Vec<_>>(),
                    trees[1].keys().collect::<Vec<_>>(),
                    "{what}"
                );
                for (path, bytes) in &trees[0] {
                    assert!(&trees[1][path] == bytes, "{what}: {path} differs");
                }
            }
        }
    }

    fn clone(c: &Corpus) -> Corpus {
        let mut out = Corpus::default();
        let file = out.add_input("t.jsonl", b"");
        for a in &c.articles {
            out.offer(a.clone(), file, 1);
        }
        out
    }
}
