//! `build` and `merge`: archive builds (see `docs/archive.md`).

use std::fs;
use std::path::{Path, PathBuf};

use related_articles::build::{
    self, input::Corpus, manifest, site, widget, BuildOptions, Built, Shard, SITE_OUTPUT,
};

use crate::cli::{base_url, Failure};

/// The flags of `build`.
#[derive(Default)]
struct Flags {
    inputs: Vec<String>,
    site: Option<PathBuf>,
    out: Option<PathBuf>,
    widget: Option<PathBuf>,
    base_url: Option<String>,
    options: BuildOptions,
    strict: bool,
    quiet: bool,
    json: bool,
}

fn number(name: &str, value: &str) -> Result<usize, Failure> {
    value
        .parse()
        .map_err(|_| Failure::Usage(format!("{name}: {value:?} is not a number")))
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
            "--site" => f.site = Some(value("--site")?.into()),
            "--out" => f.out = Some(value("--out")?.into()),
            "--widget" => f.widget = Some(value("--widget")?.into()),
            "--limit" => f.options.limit = number("--limit", &value("--limit")?)?,
            "--summary" => f.options.summary_chars = number("--summary", &value("--summary")?)?,
            "--shard" => {
                f.options.shard = Shard::parse(&value("--shard")?).map_err(Failure::Usage)?
            }
            "--no-diversify" => f.options.diversify = false,
            "--base-url" => f.base_url = Some(base_url(value("--base-url")?)?),
            "--strict" => f.strict = true,
            "--quiet" => f.quiet = true,
            "--json" => f.json = true,
            s if s.starts_with('-') => {
                return Err(Failure::Usage(format!("unknown option {s} for `build`")))
            }
            s => f.inputs.push(s.to_owned()),
        }
    }
    f.options.validate().map_err(Failure::Usage)?;
    Ok(f)
}

/// `build <input>… --out DIR` or `build --site DIR`.
pub fn build(args: &[String]) -> Result<(), Failure> {
    let flags = parse_flags(args)?;
    let dist = flags
        .widget
        .clone()
        .or_else(|| widget::DEFAULT_DIST.map(PathBuf::from))
        .ok_or_else(|| {
            Failure::Usage("`build` needs --widget DIST, the widget's built files".into())
        })?;
    let (built, out) = match (&flags.site, &flags.out, flags.inputs.is_empty()) {
        (Some(dir), out, _) => {
            let mut corpus = Corpus::default();
            let pages = site::read_site(dir, flags.base_url.as_deref(), &mut corpus)
                .map_err(Failure::Input)?;
            // Records given besides the site join its articles (after the pages).
            let corpus = read_inputs(&flags, corpus)?;
            let out = out.clone().unwrap_or_else(|| dir.join(SITE_OUTPUT));
            if same_dir(&out, dir) {
                return Err(Failure::Usage(format!(
                    "--out {}: the site itself; give the archive a directory of its own, such as {}",
                    out.display(),
                    dir.join(SITE_OUTPUT).display()
                )));
            }
            let built = site::build_site(corpus, &pages, &flags.options, &out, &dist)
                .map_err(Failure::Input)?;
            (built, out)
        }
        (None, None, _) => {
            return Err(Failure::Usage(
                "`build` needs input files and --out DIR, or --site DIR".into(),
            ))
        }
        (None, Some(_), true) => {
            return Err(Failure::Usage("`build --out` needs input files".into()))
        }
        (None, Some(out), false) => {
            let corpus = read_inputs(&flags, Corpus::default())?;
            let built = build::build(corpus, &flags.options, out, &dist).map_err(Failure::Input)?;
            (built, out.clone())
        }
    };
    if !flags.quiet {
        summary(&built, &flags.options, &out);
    }
    if flags.json {
        let report = Report {
            out: &out.to_string_lossy(),
            built: &built,
        };
        let json = serde_json::to_string(&report).map_err(|e| Failure::Input(e.to_string()))?;
        println!("{json}");
    }
    Ok(())
}

/// Whether two paths name one directory (both canonicalised when they exist).
fn same_dir(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// What `build --json` prints on stdout: where the archive is, and what the build did.
#[derive(serde::Serialize)]
struct Report<'a> {
    out: &'a str,
    #[serde(flatten)]
    built: &'a Built,
}

/// Reads every input into `corpus` before anything is built: one unreadable file fails the
/// build (a build without it would remove its articles' lists). Prints the corpus's notes.
fn read_inputs(flags: &Flags, mut corpus: Corpus) -> Result<Corpus, Failure> {
    for path in &flags.inputs {
        let bytes =
            fs::read(path).map_err(|e| Failure::Input(format!("cannot read {path}: {e}")))?;
        corpus
            .read_input(path, &bytes, flags.base_url.as_deref())
            .map_err(Failure::Input)?;
    }
    if !flags.quiet {
        for note in &corpus.notes {
            eprintln!("{note}");
        }
    }
    if flags.strict && corpus.rejected() > 0 {
        return Err(Failure::Input(format!(
            "{} of {} record(s) rejected and --strict is set",
            corpus.rejected(),
            corpus.read
        )));
    }
    Ok(corpus)
}

/// The summary on stderr: what was read, skipped and written.
fn summary(built: &Built, options: &BuildOptions, out: &Path) {
    let c = &built.manifest.counts;
    let read = match (c.pages, c.records) {
        (Some(pages), _) => format!("{pages} page(s) read"),
        (_, Some(records)) => format!("{records} record(s) read"),
        _ => String::new(),
    };
    eprintln!("{read}, {} article(s) found", c.articles);
    if !c.skipped.is_empty() {
        let reasons: Vec<String> = c.skipped.iter().map(|(r, n)| format!("{r} {n}")).collect();
        eprintln!("skipped: {}", reasons.join(", "));
    }
    let l = &built.lists;
    let shard = match options.shard.count {
        1 => String::new(),
        _ => format!(" (shard {})", options.shard.label()),
    };
    eprintln!(
        "lists{shard}: {} written, {} unchanged, {} removed, of {} in the build",
        l.written, l.unchanged, l.removed, c.lists
    );
    if c.pages.is_some() {
        eprintln!(
            "pages: {} rewritten, {} unchanged",
            built.pages.written, built.pages.unchanged
        );
    }
    match options.shard.count {
        1 => eprintln!(
            "build {}: {}",
            built.manifest.build,
            out.join("manifest.json").display()
        ),
        n => eprintln!(
            "build {}: shard {} done; after all {n}, run `related-articles merge {}`",
            built.manifest.build,
            options.shard.label(),
            out.display()
        ),
    }
}

/// `merge DIR` (an output directory) or `merge --site DIR`.
pub fn merge(args: &[String]) -> Result<(), Failure> {
    let dir = match args {
        [dir] if !dir.starts_with('-') => PathBuf::from(dir),
        [flag, dir] if flag == "--site" => Path::new(dir).join(SITE_OUTPUT),
        _ => {
            return Err(Failure::Usage(
                "`merge` takes the output directory of the shards (or --site DIR)".into(),
            ))
        }
    };
    let manifest = manifest::merge(&dir).map_err(Failure::Input)?;
    eprintln!(
        "build {}: {} list(s) of {} article(s): {}",
        manifest.build,
        manifest.counts.lists,
        manifest.counts.articles,
        dir.join("manifest.json").display()
    );
    Ok(())
}
