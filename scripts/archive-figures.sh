#!/usr/bin/env bash
# The archive build's figures in docs/archive.md, measured on the HuffPost sample:
#   1. bytes per article of the list files (10,000 articles: the sample's 9,999 and one more),
#   2. the share of list files a rebuild rewrites after one more article is added,
#   3. 2 shards run at once against one whole build, wall time, in the same run.
# Usage: bash scripts/archive-figures.sh   (builds the release CLI first; ~1 min on 2 cores)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --locked --bin related-articles >/dev/null 2>&1
bin="$root/target/release/related-articles"
widget="$root/tests/fixtures/archive/widget"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Two articles that are not in the sample: the demo's first two seed articles.
node -e '
const a = require(process.argv[1]);
for (const s of a.filter((x) => x.source === "seed").slice(0, 2))
  console.log(JSON.stringify({ id: s.id, url: `https://www.huffpost.com/entry/${s.slug}`, title: s.title, summary: s.summary, category: s.category, date: s.date }));
' "$root/www/demo/data/articles.json" > "$work/seed.jsonl"
sample="$root/../shared/datasets/huffpost/articles.jsonl"
cat "$sample" <(sed -n 1p "$work/seed.jsonl") > "$work/10000.jsonl"
cat "$work/10000.jsonl" <(sed -n 2p "$work/seed.jsonl") > "$work/10001.jsonl"

"$bin" build "$work/10000.jsonl" --out "$work/out" --widget "$widget" --quiet
lists=$(find "$work/out/lists" -type f | wc -l)
bytes=$(find "$work/out/lists" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
echo "list files: $lists, $bytes bytes: $((bytes / lists)) bytes per article (file sizes; du: $(du -sh "$work/out/lists" | cut -f1))"

"$bin" build "$work/10001.jsonl" --out "$work/out" --widget "$widget" 2>&1 | grep '^lists' |
  awk -v n="$lists" '{ print "after adding one article: " $0; w = $2; printf "rewritten: %.2f%% of %d list files\n", 100 * w / n, n }'

start=$(date +%s.%N)
"$bin" build "$work/10000.jsonl" --out "$work/whole" --widget "$widget" --quiet
whole=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
"$bin" build "$work/10000.jsonl" --out "$work/sharded" --widget "$widget" --quiet --shard 0/2 &
"$bin" build "$work/10000.jsonl" --out "$work/sharded" --widget "$widget" --quiet --shard 1/2 &
wait
"$bin" merge "$work/sharded" 2>/dev/null
sharded=$(echo "$(date +%s.%N) - $start" | bc)
diff -r "$work/whole" "$work/sharded" >/dev/null && same=identical || same=DIFFERENT
start=$(date +%s.%N)
RAYON_NUM_THREADS=1 "$bin" build "$work/10000.jsonl" --out "$work/single" --widget "$widget" --quiet --shard 0/2 &
RAYON_NUM_THREADS=1 "$bin" build "$work/10000.jsonl" --out "$work/single" --widget "$widget" --quiet --shard 1/2 &
wait
"$bin" merge "$work/single" 2>/dev/null
single=$(echo "$(date +%s.%N) - $start" | bc)
printf 'one build (all cores): %.2f s; 2 shards at once + merge: %.2f s (speed-up %.2fx, outputs %s); 2 shards of one thread each: %.2f s (%.2fx)\n' \
  "$whole" "$sharded" "$(echo "$whole / $sharded" | bc -l)" "$same" "$single" "$(echo "$whole / $single" | bc -l)"
