#!/usr/bin/env bash
# The cargo-fuzz targets (fuzz/, docs/fuzzing.md), on the pinned stable toolchain through
# RUSTC_BOOTSTRAP=1 (cargo fuzz passes nightly-only flags such as -Zsanitizer=address).
#   scripts/fuzz.sh smoke [runs]            every target for a fixed number of inputs (default 4000)
#                                           from seed 1, after the committed corpus: part of npm test
#   scripts/fuzz.sh run TARGET [seconds]    one long run (default 600 s), from the committed corpus
#                                           plus the seeds made from tests/ (scripts/fuzz.sh seeds)
#   scripts/fuzz.sh seeds                   writes those seeds to $FUZZ_WORK/seeds/TARGET
#   scripts/fuzz.sh keep TARGET [bytes]     minimizes a run's corpus (libFuzzer -merge=1) and
#                                           commits its smallest files, up to bytes (default
#                                           40000), to fuzz/corpus/TARGET
# New inputs go to $FUZZ_WORK (default /tmp/related-articles-fuzz), never to the committed corpus:
# minimize and keep a part of it with `scripts/fuzz.sh keep`. A crash stops the run and libFuzzer
# writes it to fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH" RUSTC_BOOTSTRAP=1

targets="text records feed rank site"
work=${FUZZ_WORK:-/tmp/related-articles-fuzz}
# Its own directory under the usual target dir: the fuzz build's flags differ from every other.
target_dir="${CARGO_TARGET_DIR:-$PWD/target}/fuzz"
# -a: debug assertions and overflow checks, which the release wasm does not have: an overflow it
# would wrap silently is a bug. -timeout: an input over 10 s is a hang (the largest seeds take
# milliseconds). -rss_limit_mb: libFuzzer's default, stated.
fuzz() { cargo fuzz run -a --target-dir "$target_dir" "$@"; }
# The inputs that once crashed TARGET, as a corpus directory, when there are any (libFuzzer
# refuses a directory that does not exist, and git keeps no empty one).
regressions() { [ -d "fuzz/regressions/$1" ] && echo "fuzz/regressions/$1" || true; }
libfuzzer_flags=(-timeout=10 -rss_limit_mb=2048)

case "${1:-}" in
  smoke)
    # A count of inputs from a fixed seed, not a time: the same inputs on a fast machine and a
    # slow one, so the test command passes or fails by the code alone.
    runs=${2:-4000}
    cargo fuzz build -a --target-dir "$target_dir"
    for t in $targets; do
      rm -rf "$work/smoke/$t" && mkdir -p "$work/smoke/$t"
      printf '[fuzz] %s, %s inputs from seed 1\n' "$t" "$runs" >&2
      # The committed regressions as seeds too: each once crashed this target. The log is
      # shown only when the run fails; otherwise its last line of figures.
      log="$work/smoke/$t.log"
      # shellcheck disable=SC2046 # none or one directory
      if ! fuzz "$t" "$work/smoke/$t" "fuzz/corpus/$t" $(regressions "$t") -- \
        "${libfuzzer_flags[@]}" -seed=1 -runs="$runs" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        printf '[fuzz] %s failed: the input is in fuzz/artifacts/%s/\n' "$t" "$t" >&2
        exit 1
      fi
      grep -E '^#[0-9]+[[:space:]]+DONE' "$log" >&2 || tail -n 1 "$log" >&2
    done
    ;;
  run)
    t=${2:?scripts/fuzz.sh run TARGET [seconds]}
    seconds=${3:-600}
    [ -d "$work/seeds/$t" ] || "$0" seeds
    mkdir -p "$work/corpus/$t"
    # shellcheck disable=SC2046 # none or one directory
    nice -n 10 cargo fuzz run -a --target-dir "$target_dir" "$t" "$work/corpus/$t" "fuzz/corpus/$t" \
      $(regressions "$t") "$work/seeds/$t" -- "${libfuzzer_flags[@]}" -max_total_time="$seconds" \
      -print_final_stats=1
    ;;
  keep)
    t=${2:?scripts/fuzz.sh keep TARGET [bytes]}
    budget=${3:-40000}
    merged="$work/merged/$t"
    rm -rf "$merged" && mkdir -p "$merged" "fuzz/corpus/$t"
    # -merge=1 keeps a set of inputs with every feature of them all, smallest inputs first; the
    # smallest of those that fit the budget are kept, so the repository stays small.
    "$target_dir/x86_64-unknown-linux-gnu/release/$t" -merge=1 "${libfuzzer_flags[@]}" "$merged" \
      "fuzz/corpus/$t" "$work/corpus/$t" "$work/seeds/$t" 2>&1 | grep -E '^MERGE-OUTER: [0-9]+ new files' >&2
    rm -f "fuzz/corpus/$t"/*
    total=0
    while read -r size file; do
      total=$((total + size))
      [ "$total" -le "$budget" ] || break
      cp "$merged/$file" "fuzz/corpus/$t/"
    done < <(cd "$merged" && find . -type f -printf '%s %f\n' | sort -n)
    printf '[fuzz] %s: %s files, %s bytes in fuzz/corpus/%s\n' "$t" "$(ls "fuzz/corpus/$t" | wc -l)" \
      "$(cat "fuzz/corpus/$t"/* | wc -c)" "$t" >&2
    ;;
  seeds)
    python3 fuzz/seeds.py "$work/seeds"
    ;;
  *)
    sed -n '2,14p' "$0" >&2
    exit 2
    ;;
esac
