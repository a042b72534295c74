//! Argument parsing and the commands.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use related_articles::topk::Ranker;
use related_articles::{Index, IndexOptions, Query, RelatedOptions};

use crate::load::{load, Loaded};

const USAGE: &str = "\
related-articles: related articles from a corpus of titles and summaries

USAGE:
  related-articles related <corpus> --id ID [--limit N] [--json] [--no-diversify] [--strict]
  related-articles related <corpus> --all [--limit N] --json [--no-diversify] [--strict]
  related-articles similarity <corpus> (--only ID,ID,... | --pairs pairs.tsv) [--strict]
  related-articles parse <feed>... [--json]
  related-articles build <input>... --out DIR [BUILD OPTIONS]
  related-articles build --site DIR [<input>...] [BUILD OPTIONS]
  related-articles merge DIR | --site DIR
  (related, similarity, parse and build also take --base-url URL)

INPUT:
  <corpus>  JSON Lines, one article per line: {\"id\", \"url\", \"title\", \"summary\", \"category\",
            \"tags\", \"date\", \"lang\", \"image\"} (\"link\", \"description\", \"language\" are
            aliases); id is text or a whole number, the rest text. A record needs a title or
            a summary, and an id and URL of its own. Rejected records and dropped fields are
            reported on stderr with their line; rejected records are skipped.
            Or a feed: RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed, a JSON array of articles.
  <feed>    a feed file; `parse` prints one normalised article per entry, in document order
            (JSON Lines with --json), and reports rejected entries and warnings on stderr.

OPTIONS:
  --id ID          the article (id or URL) to find related articles for
  --all            every article's list, as JSON Lines {\"id\": ..., \"related\": [...]}
  --limit N        results per article, 0..=100 (default 5)
  --json           JSON output (a JSON array of results with --id)
  --no-diversify   relevance order only: no near-duplicate collapsing
  --only IDS       similarity of every unordered pair among these comma-separated ids
  --pairs FILE     similarity of each pair in FILE: one `idA<TAB>idB` per line
  --strict         any rejected record is fatal
  --base-url URL   the URL a feed is served from: relative links resolve against it (after
                   xml:base), as they do in the widget, instead of being dropped with a warning
  -h, --help       this help

BUILD (docs/archive.md): every article's related list as static files beside the widget.
  <input>...       JSON Lines, JSON arrays, RSS/Atom/JSON Feed files (one corpus: duplicates
                   by id, URL or lookup key are skipped once), WordPress exports (WXR: only
                   published posts)
  --out DIR        where the archive goes: manifest.json, lists/, the widget's files
                   (with --site, default DIR/related-articles)
  --site DIR       a built site: reads every *.html page, writes DIR/related-articles/ and
                   the lists into each page's <related-articles> element; inputs given
                   besides join the site's articles
  --base-url URL   with --site: the site's public URL (pages' own URLs)
  --limit N        items per list, 0..=100 (default 5)
  --summary N      items carry their summary cut to N characters at a word boundary,
                   0..=500 (default 0: only items without a title, whose link it is)
  --no-diversify   relevance order only
  --shard i/n      write only slice i of n (0 <= i < n) and shards/i-of-n.json; then
                   `merge DIR` after all n
  --widget DIST    the widget's built files (default: this checkout's dist/)
  --strict         any rejected record is fatal
  --quiet          no notes and no summary on stderr (errors still)
  --json           also print what the build did as one JSON object on stdout
  A file is written only when its bytes change; list files no article needs are removed.

EXIT STATUS: 0 success, 1 nothing valid to rank or an unknown id, 2 usage error";

/// A failure: usage errors exit 2, everything else 1.
pub enum Failure {
    Usage(String),
    Input(String),
}

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match enter_working_dir().and_then(|()| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("error: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(1)
        }
    }
}

/// Under WASI (`npx related-articles`, run by the Node launcher `node/cli.mjs`), a process
/// starts in `/`: the launcher passes its working directory as `PWD` (and preopens it), so
/// relative paths mean what they mean natively. Elsewhere the process has its own.
fn enter_working_dir() -> Result<(), Failure> {
    #[cfg(target_os = "wasi")]
    if let Some(dir) = std::env::var_os("PWD") {
        std::env::set_current_dir(&dir).map_err(|e| {
            Failure::Input(format!(
                "cannot enter the working directory {}: {e}",
                std::path::Path::new(&dir).display()
            ))
        })?;
    }
    Ok(())
}

/// Parsed flags common to the commands.
#[derive(Default)]
struct Flags {
    corpus: Option<String>,
    id: Option<String>,
    all: bool,
    limit: Option<usize>,
    json: bool,
    no_diversify: bool,
    only: Option<String>,
    pairs: Option<String>,
    strict: bool,
    base_url: Option<String>,
}

fn parse_flags(args: &[String]) -> Result<Flags, Failure> {
    let mut f = Flags::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match arg.as_str() {
            "--id" => f.id = Some(value("--id")?),
            "--all" => f.all = true,
            "--limit" => {
                let v = value("--limit")?;
                f.limit = Some(
                    v.parse()
                        .map_err(|_| Failure::Usage(format!("--limit: {v:?} is not a number")))?,
                );
            }
            "--json" => f.json = true,
            "--no-diversify" => f.no_diversify = true,
            "--only" => f.only = Some(value("--only")?),
            "--pairs" => f.pairs = Some(value("--pairs")?),
            "--strict" => f.strict = true,
            "--base-url" => f.base_url = Some(base_url(value("--base-url")?)?),
            s if s.starts_with('-') => return Err(Failure::Usage(format!("unknown option {s}"))),
            s if f.corpus.is_none() => f.corpus = Some(s.to_owned()),
            s => return Err(Failure::Usage(format!("unexpected argument {s:?}"))),
        }
    }
    Ok(f)
}

/// A `--base-url` value: an absolute http(s) URL, as the widget's feed URLs always are.
pub fn base_url(url: String) -> Result<String, Failure> {
    if related_articles::article::is_http_url(&url) {
        Ok(url)
    } else {
        Err(Failure::Usage(format!(
            "--base-url: {url:?} is not an absolute http(s) URL"
        )))
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    let Some(command) = args.first() else {
        return Err(Failure::Usage("no command given".into()));
    };
    let rest = args.get(1..).unwrap_or_default();
    match command.as_str() {
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        "related" => related(parse_flags(rest)?),
        "similarity" => similarity(parse_flags(rest)?),
        "parse" => parse(rest),
        "build" => crate::build::build(rest),
        "merge" => crate::build::merge(rest),
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}

/// Loads the corpus, reports rejections on stderr, and builds the index.
fn open_index(flags: &Flags) -> Result<Index, Failure> {
    let path = flags
        .corpus
        .as_deref()
        .ok_or_else(|| Failure::Usage("no corpus file given".into()))?;
    let Loaded { builder, lines } =
        load(path, IndexOptions::default(), flags.base_url.as_deref()).map_err(Failure::Input)?;
    let seen = builder.seen();
    let index = builder
        .build()
        .map_err(|e| Failure::Input(format!("{path}: {e}")))?;
    // Reported after building: duplicate ids are known only once every record is in.
    for r in index.rejected() {
        eprintln!(
            "rejected: {path}: {}",
            describe(&lines, r.position, r.id.as_deref(), &r.reason)
        );
    }
    for w in index.warnings() {
        let what = dropped(w);
        eprintln!(
            "warning: {path}: {}",
            describe(&lines, w.position, Some(&w.id), &what)
        );
    }
    if flags.strict && !index.rejected().is_empty() {
        return Err(Failure::Input(format!(
            "{} of {seen} record(s) rejected and --strict is set",
            index.rejected().len()
        )));
    }
    Ok(index)
}

fn related_options(flags: &Flags) -> Result<RelatedOptions, Failure> {
    let options = RelatedOptions {
        limit: flags.limit.unwrap_or(5),
        diversify: !flags.no_diversify,
        ..RelatedOptions::default()
    };
    options.validate().map_err(Failure::Usage)?;
    Ok(options)
}

fn related(flags: Flags) -> Result<(), Failure> {
    if flags.only.is_some() || flags.pairs.is_some() {
        return Err(Failure::Usage(
            "--only and --pairs belong to `similarity`".into(),
        ));
    }
    let options = related_options(&flags)?;
    match (&flags.id, flags.all) {
        (Some(_), true) => Err(Failure::Usage("give --id or --all, not both".into())),
        (None, false) => Err(Failure::Usage("`related` needs --id ID or --all".into())),
        (None, true) if !flags.json => {
            Err(Failure::Usage("--all writes JSON Lines: add --json".into()))
        }
        (Some(id), false) => {
            let index = open_index(&flags)?;
            let found = index
                .related(Query::Id(id), &options)
                .map_err(Failure::Input)?;
            let mut out = BufWriter::new(io::stdout().lock());
            if flags.json {
                let items: Vec<_> = found.iter().filter_map(|r| index.result_item(r)).collect();
                let json =
                    serde_json::to_string(&items).map_err(|e| Failure::Input(e.to_string()))?;
                writeln!(out, "{json}").map_err(write_failed)?;
            } else {
                for r in &found {
                    let Some(a) = index.articles().get(r.position) else {
                        continue;
                    };
                    let title = if a.title.is_empty() {
                        &a.summary
                    } else {
                        &a.title
                    };
                    writeln!(
                        out,
                        "{:.4}  {}  {}  [{}]",
                        r.score,
                        a.id,
                        title,
                        r.terms.join(", ")
                    )
                    .map_err(write_failed)?;
                }
            }
            out.flush().map_err(write_failed)
        }
        (None, true) => {
            let index = open_index(&flags)?;
            let ranker = Ranker::every(&index, &options).map_err(Failure::Usage)?;
            let positions: Vec<usize> = (0..index.len()).collect();
            let mut out = BufWriter::new(io::stdout().lock());
            // Block by block, so that memory holds one block's lines, not every list; each
            // block's lists and JSON are made on all cores, then written in order.
            for block in positions.chunks(ALL_BLOCK) {
                let lines = ranker.map(block, |p, found| {
                    let items: Vec<_> = found.iter().filter_map(|r| index.result_item(r)).collect();
                    let id = index.articles().get(p).map_or("", |a| a.id.as_str());
                    serde_json::json!({ "id": id, "related": items }).to_string()
                });
                for line in &lines {
                    writeln!(out, "{line}").map_err(write_failed)?;
                }
            }
            out.flush().map_err(write_failed)
        }
    }
}

/// Articles ranked per block by `related --all`: enough to keep both cores busy, few enough
/// that a block's JSON lines stay small (about 1.5 KB each with 5 results).
const ALL_BLOCK: usize = 4096;

fn similarity(flags: Flags) -> Result<(), Failure> {
    if flags.id.is_some() || flags.all {
        return Err(Failure::Usage("--id and --all belong to `related`".into()));
    }
    let pairs: Vec<(String, String)> = match (&flags.only, &flags.pairs) {
        (Some(_), Some(_)) => {
            return Err(Failure::Usage("give --only or --pairs, not both".into()))
        }
        (None, None) => {
            return Err(Failure::Usage(
                "`similarity` needs --only IDS or --pairs FILE".into(),
            ))
        }
        (Some(only), None) => {
            let mut seen = HashSet::new();
            let ids: Vec<&str> = only
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty() && seen.insert(*s))
                .collect();
            if ids.len() < 2 {
                return Err(Failure::Usage(
                    "--only needs at least two distinct ids".into(),
                ));
            }
            let mut pairs = Vec::new();
            for (i, a) in ids.iter().enumerate() {
                for b in ids.get(i + 1..).unwrap_or_default() {
                    pairs.push((a.to_string(), b.to_string()));
                }
            }
            pairs
        }
        (None, Some(file)) => read_pairs(file)?,
    };
    let index = open_index(&flags)?;
    // Check every id before printing anything: no partial output that looks complete.
    let unknown: Vec<&str> = pairs
        .iter()
        .flat_map(|(a, b)| [a.as_str(), b.as_str()])
        .filter(|id| index.position(id).is_none())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if !unknown.is_empty() {
        let mut unknown = unknown;
        unknown.sort_unstable();
        let shown: Vec<_> = unknown.iter().take(5).map(|s| format!("{s:?}")).collect();
        return Err(Failure::Input(format!(
            "{} unknown id(s): {}",
            unknown.len(),
            shown.join(", ")
        )));
    }
    let mut out = BufWriter::new(io::stdout().lock());
    for (a, b) in &pairs {
        let score = index.similarity(a, b).map_err(Failure::Input)?;
        writeln!(out, "{a}\t{b}\t{score:.6}").map_err(write_failed)?;
    }
    out.flush().map_err(write_failed)
}

/// `idA<TAB>idB` per line; further columns are ignored, blank lines skipped.
fn read_pairs(path: &str) -> Result<Vec<(String, String)>, Failure> {
    let text =
        fs::read_to_string(path).map_err(|e| Failure::Input(format!("cannot read {path}: {e}")))?;
    let mut pairs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        match (cols.next(), cols.next()) {
            (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => {
                pairs.push((a.to_owned(), b.to_owned()))
            }
            _ => {
                return Err(Failure::Input(format!(
                    "{path}: line {}: expected idA<TAB>idB",
                    i + 1
                )))
            }
        }
    }
    if pairs.is_empty() {
        return Err(Failure::Input(format!("{path}: no pairs")));
    }
    Ok(pairs)
}

/// "date dropped: reason" for a warning; "id replaced: reason" for a bad id, which is replaced by
/// a derived one rather than dropped (a record always has an id).
fn dropped(w: &related_articles::Warning) -> String {
    let verb = if w.field == "id" {
        "replaced"
    } else {
        "dropped"
    };
    format!("{} {verb}: {}", w.field, w.reason)
}

/// "line 12 (id "x"): reason" for a record position.
fn describe(lines: &[usize], position: usize, id: Option<&str>, reason: &str) -> String {
    let line = lines.get(position).copied().unwrap_or(0);
    match id {
        Some(id) => format!("line {line} (id {id:?}): {reason}"),
        None => format!("line {line}: {reason}"),
    }
}

/// One line of `parse --json`.
#[derive(serde::Serialize)]
struct ParsedLine<'a> {
    id: &'a str,
    url: Option<&'a str>,
    title: &'a str,
    summary: &'a str,
    category: Option<&'a str>,
    tags: &'a [String],
    date: Option<&'a str>,
    lang: Option<&'a str>,
    image: Option<&'a str>,
}

/// `parse <feed>... [--json]`: each feed's articles, rejections and warnings. Every file is
/// read; the exit status is 1 when any could not be read or is not a feed.
fn parse(args: &[String]) -> Result<(), Failure> {
    let mut json = false;
    let mut base: Option<String> = None;
    let mut files: Vec<&String> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--base-url" => {
                let url = it
                    .next()
                    .ok_or_else(|| Failure::Usage("--base-url needs a value".into()))?;
                base = Some(base_url(url.clone())?);
            }
            s if s.starts_with('-') => {
                return Err(Failure::Usage(format!("unknown option {s} for `parse`")))
            }
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        return Err(Failure::Usage(
            "`parse` needs at least one feed file".into(),
        ));
    }
    let mut out = BufWriter::new(io::stdout().lock());
    let mut failed = 0;
    for path in files {
        let feed = match fs::read(path)
            .map_err(|e| format!("cannot read {path}: {e}"))
            .and_then(|bytes| crate::load::read_feed(path, &bytes, base.as_deref()))
        {
            Ok(feed) => feed,
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
                continue;
            }
        };
        for (position, entry) in feed.entries.iter().enumerate() {
            let line = feed.lines.get(position).copied().unwrap_or(0);
            let at = format!("{path}: entry {} (line {line})", position + 1);
            match entry {
                Ok((a, warnings)) => {
                    for w in warnings {
                        eprintln!("warning: {at} (id {:?}): {}", w.id, dropped(w));
                    }
                    if json {
                        // Every field, null or empty when absent: one shape per line for jq & co.
                        let line = ParsedLine {
                            id: &a.id,
                            url: a.url.as_deref(),
                            title: &a.title,
                            summary: &a.summary,
                            category: a.category.as_deref(),
                            tags: &a.tags,
                            date: a.date.as_deref(),
                            lang: a.lang.as_deref(),
                            image: a.image.as_deref(),
                        };
                        let line = serde_json::to_string(&line)
                            .map_err(|e| Failure::Input(e.to_string()))?;
                        writeln!(out, "{line}").map_err(write_failed)?;
                    } else {
                        let title = if a.title.is_empty() {
                            &a.summary
                        } else {
                            &a.title
                        };
                        let date = a.date.as_deref().unwrap_or("-");
                        writeln!(
                            out,
                            "{date}  {title}  {}",
                            a.url.as_deref().unwrap_or(&a.id)
                        )
                        .map_err(write_failed)?;
                    }
                }
                Err(r) => match &r.id {
                    Some(id) => eprintln!("rejected: {at} (id {id:?}): {}", r.reason),
                    None => eprintln!("rejected: {at}: {}", r.reason),
                },
            }
        }
    }
    out.flush().map_err(write_failed)?;
    if failed > 0 {
        return Err(Failure::Input(format!(
            "{failed} file(s) could not be read as feeds"
        )));
    }
    Ok(())
}

fn write_failed(e: io::Error) -> Failure {
    Failure::Input(format!("cannot write output: {e}"))
}
