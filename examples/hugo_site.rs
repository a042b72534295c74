//! A Hugo site of any size, for the figures of `build --site` (scripts/site-figures.sh): the
//! fixture site of the tests (tests/hugo/mod.rs, the one generator) with one post per article of
//! a JSON Lines file (`id`, `title`, `summary`, `category`, `date` and `url`, whose last path
//! segment is the post's slug), built by `hugo`.
//!
//! ```text
//! cargo run --release --example hugo_site -- ../shared/datasets/huffpost/articles.jsonl /tmp/site
//! ```
//! writes the Hugo source into `/tmp/site/src` and the built site into `/tmp/site/public`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
#[path = "../tests/hugo/mod.rs"]
mod hugo;

// The page's wasm build has no files, no hugo and no serde_json: nothing to run there (this
// keeps `wasm-pack test`, which builds the examples, happy).
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn main() {}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
#[derive(serde::Deserialize)]
struct Record {
    id: String,
    title: String,
    summary: String,
    category: String,
    date: String,
    url: String,
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, work] = args.as_slice() else {
        eprintln!("usage: hugo_site <articles.jsonl> <work dir>");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(input).unwrap_or_else(|e| panic!("{input}: {e}"));
    let posts: Vec<hugo::Post> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let r: Record = serde_json::from_str(line).unwrap_or_else(|e| panic!("{input}: {e}"));
            let slug = r
                .url
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or(&r.id);
            hugo::Post {
                slug: slug.to_owned(),
                id: r.id,
                title: r.title,
                summary: r.summary,
                category: r.category,
                date: r.date,
                source: String::new(),
            }
        })
        .collect();
    let public = hugo::build(&posts, std::path::Path::new(work));
    println!("{} posts: {}", posts.len(), public.display());
}
