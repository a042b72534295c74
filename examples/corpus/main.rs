//! Writes a synthetic corpus as JSON Lines, with the term statistics of a real one (see
//! `synth.rs` for the model):
//!
//! ```sh
//! cargo run --release --example corpus -- --articles 100000 [--seed 1] \
//!     [--source ../shared/datasets/huffpost/articles.jsonl] > corpus.jsonl
//! ```
//!
//! The source is JSON Lines or a JSON array of objects with `title`, `summary` and `category`
//! (the demo's `www/demo/data/articles.json` works too). Same source, size and seed: same bytes.

mod synth;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use serde_json::Value;
use synth::{Model, Source};

const USAGE: &str = "usage: corpus --articles N [--seed S] [--source FILE]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .map(|i| {
                args.get(i + 1)
                    .cloned()
                    .ok_or(format!("{flag} needs a value"))
            })
            .transpose()
    };
    for a in args.iter().step_by(2) {
        if !["--articles", "--seed", "--source"].contains(&a.as_str()) {
            return Err(format!("unknown argument {a:?}"));
        }
    }
    let n: usize = value("--articles")?
        .ok_or("--articles is required")?
        .parse()
        .map_err(|e| format!("--articles: {e}"))?;
    let seed: u64 = match value("--seed")? {
        Some(s) => s.parse().map_err(|e| format!("--seed: {e}"))?,
        None => 1,
    };
    let path = value("--source")?.unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/datasets/huffpost/articles.jsonl"
        )
        .into()
    });
    let sources = read_sources(&path)?;
    let mut model = Model::fit(&sources, seed).map_err(|e| format!("{path}: {e}"))?;
    let (k, beta) = model.heaps();
    eprintln!(
        "corpus: {} source articles from {path}; Heaps' law V = {k:.1}·n^{beta:.3}; writing {n} articles, seed {seed}",
        sources.len()
    );
    let mut out = BufWriter::new(io::stdout().lock());
    for _ in 0..n {
        let a = model.generate();
        let line = serde_json::json!({
            "id": a.id, "url": a.url, "title": a.title, "summary": a.summary,
            "category": a.category, "date": a.date,
        });
        writeln!(out, "{line}").map_err(|e| format!("writing: {e}"))?;
    }
    out.flush().map_err(|e| format!("writing: {e}"))
}

/// The source articles: JSON Lines or one JSON array; records without a word are skipped.
fn read_sources(path: &str) -> Result<Vec<Source>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let records: Vec<Value> = if text.trim_start().starts_with('[') {
        serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?
    } else {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, l)| {
                serde_json::from_str(l).map_err(|e| format!("{path}: record {}: {e}", i + 1))
            })
            .collect::<Result<_, _>>()?
    };
    let field = |r: &Value, k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let sources: Vec<Source> = records
        .iter()
        .map(|r| Source {
            title: field(r, "title"),
            summary: field(r, "summary"),
            category: field(r, "category"),
        })
        .filter(|s| {
            synth::words(&s.title)
                .chain(synth::words(&s.summary))
                .next()
                .is_some()
        })
        .collect();
    if sources.is_empty() {
        return Err(format!("{path}: no article with a title or summary"));
    }
    Ok(sources)
}
