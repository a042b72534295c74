#!/usr/bin/env bash
# The figures of `build --site` in docs/archive.md, on a real site of 10,000 posts: the HuffPost
# sample (../shared/datasets/huffpost, 9,999 articles) and the demo's first seed article, as the
# Hugo fixture site of the tests (examples/hugo_site.rs, built by `hugo`). On copies of the same
# built site, in one run: the native CLI on all cores and on one thread, and the WASI build run
# by Node (`npx related-articles`, one thread): wall time, CPU time (user + system: what a busy
# shared machine distorts least) and peak memory (/usr/bin/time -v), and
# a second native run (nothing to write). The outputs are compared byte for byte.
# Usage: bash scripts/site-figures.sh   (after `npm run build`; a few minutes on 2 cores)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -f node/related-articles.wasm ] || { echo "node/related-articles.wasm is missing: npm run build" >&2; exit 1; }
cargo build --release --locked --bin related-articles --example hugo_site >/dev/null 2>&1
bin="$root/target/release/related-articles"
widget="$root/tests/fixtures/archive/widget"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

node -e '
const a = require(process.argv[1]);
const s = a.find((x) => x.source === "seed");
console.log(JSON.stringify({ id: s.id, url: `https://www.huffpost.com/entry/${s.slug}`, title: s.title, summary: s.summary, category: s.category, date: s.date }));
' "$root/www/demo/data/articles.json" > "$work/seed.jsonl"
cat "$work/seed.jsonl" "$root/../shared/datasets/huffpost/articles.jsonl" > "$work/posts.jsonl"
start=$(date +%s.%N)
"$root/target/release/examples/hugo_site" "$work/posts.jsonl" "$work/hugo" >/dev/null
hugo_s=$(echo "$(date +%s.%N) - $start" | bc)
public="$work/hugo/public"
pages=$(find "$public" -name '*.html' | wc -l)
posts=$(find "$public/posts" -mindepth 2 -maxdepth 2 -name index.html | wc -l)
bytes=$(du -sb "$public" | cut -f1)
printf 'site: %d HTML pages (%d post pages), %d MB, built by hugo in %.1f s\n' "$pages" "$posts" $((bytes / 1000000)) "$hugo_s"

# One measured run: "<label>" then the command; prints wall time and peak RSS.
measure() {
  local label=$1; shift
  /usr/bin/time -v "$@" 2> "$work/time.txt" >/dev/null || { cat "$work/time.txt" >&2; exit 1; }
  local wall rss cpu
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$work/time.txt")
  printf '%-44s %10s wall, %7s s CPU, %6d MB peak RSS\n' "$label" "$wall" "$cpu" $((rss / 1024))
}
for copy in native single wasi; do cp -r "$public" "$work/$copy"; done
measure "native, all cores" "$bin" build --site "$work/native" --widget "$widget" --quiet
measure "native, one thread (RAYON_NUM_THREADS=1)" env RAYON_NUM_THREADS=1 "$bin" build --site "$work/single" --widget "$widget" --quiet
measure "WASI in Node (node node/cli.mjs)" node "$root/node/cli.mjs" build --site "$work/wasi" --widget "$widget" --quiet
measure "native again (nothing to write)" "$bin" build --site "$work/native" --widget "$widget" --quiet
"$bin" build --site "$work/native" --widget "$widget" 2>&1 | sed 's/^/  /'
diff -r "$work/native" "$work/single" >/dev/null && diff -r "$work/native" "$work/wasi" >/dev/null && same=identical || same=DIFFERENT
echo "outputs of the three builds: $same"
