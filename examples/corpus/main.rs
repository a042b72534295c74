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

// The page's wasm build has no files and no serde_json: nothing to run there (this keeps
// `wasm-pack test`, which builds the examples, happy).
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn main() {}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod synth;

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod native {

    use std::io::{self, BufWriter, Write};
    use std::process::ExitCode;

    use super::synth::{read_sources, Model};

    const USAGE: &str = "usage: corpus --articles N [--seed S] [--source FILE]";

    pub fn main() -> ExitCode {
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
}
