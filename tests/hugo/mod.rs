//! A real site built by a stock generator, for the tests that read and build one
//! (tests/site_hugo.rs, tests/build_hugo.rs) and for the figures of a 10,000-post site
//! (examples/hugo_site.rs): tests/fixtures/sites/hugo plus posts, from the demo data
//! (www/demo/data/articles.json: the seed page's 13, then HuffPost articles) or any JSON Lines
//! file of articles, built by `hugo` (Debian's package, installed by `scripts/setup.sh --test`).
//!
//! The posts vary by their position: an alias page, a cover image, Open Graph only (no
//! JSON-LD), `lang="en-GB"`, an AMP copy (Hugo's AMP output format at `/amp/…`, whose canonical
//! and JSON-LD URL are the post's).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde::Deserialize;

/// The fixture site's public URL (its `baseURL`).
pub const SITE: &str = "https://blog.example";
/// The repository.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// How many posts [`site`] has.
pub const POSTS: usize = 300;

/// A post of the demo data.
#[derive(Deserialize, Clone, Debug)]
pub struct Post {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category: String,
    pub date: String,
    #[serde(default)]
    pub source: String,
}

pub fn has_alias(i: usize) -> bool {
    i == 5
}
pub fn has_image(i: usize) -> bool {
    i % 3 == 0
}
pub fn no_json_ld(i: usize) -> bool {
    i % 7 == 6
}
pub fn lang_en_gb(i: usize) -> bool {
    i % 50 == 10
}
/// An AMP copy: only with JSON-LD, whose `url` names the post (with Open Graph only, the copy's
/// `og:url` would be its own, and it would be an article of its own).
pub fn has_amp(i: usize) -> bool {
    i % 20 == 4 && !no_json_ld(i)
}

/// Tags a publisher might give: the title's first two long words.
pub fn tags(title: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for word in title.split(|c: char| !c.is_ascii_alphanumeric()) {
        let word = word.to_ascii_lowercase();
        if word.len() >= 7 && !tags.contains(&word) && tags.len() < 2 {
            tags.push(word);
        }
    }
    tags
}

/// Every post of the demo data, the seed page's first.
pub fn all_posts() -> Vec<Post> {
    let data = fs::read_to_string(Path::new(ROOT).join("www/demo/data/articles.json")).unwrap();
    let all: Vec<Post> = serde_json::from_str(&data).unwrap();
    let (seed, rest): (Vec<Post>, Vec<Post>) = all.into_iter().partition(|p| p.source == "seed");
    seed.into_iter().chain(rest).collect()
}

/// The first [`POSTS`] posts.
pub fn posts() -> Vec<Post> {
    all_posts().into_iter().take(POSTS).collect()
}

fn toml(s: &str) -> String {
    serde_json::to_string(s).unwrap() // a JSON string is a TOML basic string
}

/// Writes the Hugo source of the fixture site with `posts` into `src`.
pub fn write_source(posts: &[Post], src: &Path) {
    copy_dir(&Path::new(ROOT).join("tests/fixtures/sites/hugo"), src);
    for (i, p) in posts.iter().enumerate() {
        let mut fm = vec![
            format!("title = {}", toml(&p.title)),
            format!("description = {}", toml(&p.summary)),
            format!("date = {}", p.date),
            format!("categories = [{}]", toml(&p.category)),
            format!(
                "tags = [{}]",
                tags(&p.title)
                    .iter()
                    .map(|t| toml(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            format!("slug = {}", toml(&p.slug)),
        ];
        if has_alias(i) {
            fm.push(format!("aliases = [\"/old/{}/\"]", p.slug));
        }
        if has_image(i) {
            fm.push("images = [\"/img/cover.png\"]".into());
        }
        if no_json_ld(i) {
            fm.push("jsonld = false".into());
        }
        if lang_en_gb(i) {
            fm.push("lang = \"en-GB\"".into());
        }
        if has_amp(i) {
            fm.push("outputs = [\"html\", \"amp\"]".into());
        }
        let body = format!("+++\n{}\n+++\n{}\n", fm.join("\n"), p.summary);
        fs::write(src.join("content/posts").join(format!("{}.md", p.id)), body).unwrap();
    }
}

/// Runs `hugo` on `src` into `out`.
pub fn hugo(src: &Path, out: &Path) {
    let run = Command::new("hugo")
        .args(["--quiet", "--source"])
        .arg(src)
        .arg("--destination")
        .arg(out)
        .output()
        .unwrap_or_else(|e| panic!("hugo did not start ({e}): install it with `bash scripts/setup.sh --test` (Debian package hugo)"));
    assert!(
        run.status.success(),
        "hugo failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Builds `posts` into `work/public` (the source in `work/src`), from scratch.
pub fn build(posts: &[Post], work: &Path) -> PathBuf {
    let (src, out) = (work.join("src"), work.join("public"));
    let _ = fs::remove_dir_all(work);
    write_source(posts, &src);
    hugo(&src, &out);
    out
}

/// The site of [`posts`], built once per test binary (never written to: copy it first).
pub fn site() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        // Set for tests (not for the example that shares this module).
        let tmp = option_env!("CARGO_TARGET_TMPDIR").unwrap_or("target/tmp");
        let work = Path::new(tmp).join(concat!("hugo-", env!("CARGO_CRATE_NAME")));
        build(&posts(), &work)
    })
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `root` with `ext` as its extension (any, when `None`), by path from
/// `root` with `/` separators.
pub fn files(root: &Path, ext: Option<&str>) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, ext: Option<&str>, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, ext, out);
            } else if ext.is_none_or(|ext| path.extension().is_some_and(|e| e == ext)) {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, ext, &mut out);
    out
}

/// Every HTML page of [`site`], by path from its root.
pub fn pages() -> BTreeMap<String, Vec<u8>> {
    files(site(), Some("html"))
}
