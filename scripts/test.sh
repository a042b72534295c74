#!/usr/bin/env bash
# npm test: every check, in the order a failure is cheapest to find. Installs what is missing
# first (scripts/setup.sh --test), so it runs on a fresh clone with only Rust, Node.js and apt.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "setup (installs only what is missing)"
bash scripts/setup.sh --test

step "format and lints"
cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --tests --locked -- -D warnings

step "native tests: unit, doctests, fixtures, properties, CLI, feeds and feed conformance"
cargo test --locked

# The fuzz targets for 4,000 inputs each from seed 1, after the committed corpus (the corpus and
# crash cases themselves replay in cargo test above: tests/fuzz_corpus.rs). Long runs: docs/fuzzing.md.
step "fuzz smoke runs: text, records, feed, rank and site, 4,000 inputs each"
bash scripts/fuzz.sh smoke

step "wasm-bindgen tests in Node"
wasm-pack test --node

# In the browsers, the integration test targets only (--test '*'): the doctests have run natively
# and, in wasm, under Node just above; each browser run would repeat them (75 s each here).
step "wasm-bindgen tests in headless Chromium"
wasm-pack test --headless --chrome -- --test '*'

step "wasm-bindgen tests in headless Firefox ESR (geckodriver)"
wasm-pack test --headless --firefox -- --test '*'

# wasm-bindgen-test-runner drives WebKitWebDriver as it drives safaridriver (W3C WebDriver, empty
# capabilities: the driver starts its default browser, WebKitGTK's MiniBrowser). WebKitGTK has no
# headless mode: the whole run gets an Xvfb display, which xvfb-run stops when the run ends.
# JSC_useWasmOSR=0: JavaScriptCore's wasm on-stack replacement traps at random on Linux x64 (a
# spurious "Out of bounds memory access" that depends on machine speed; see tests/browser/engines.mjs).
step "wasm-bindgen tests in WebKitGTK (wasm-pack's Safari path, on an Xvfb display)"
JSC_useWasmOSR=0 xvfb-run -a -s '-screen 0 1280x1024x24' wasm-pack test --headless --safari --safaridriver "$(command -v WebKitWebDriver)" -- --test '*'

step "release build and size budget"
npm run build
node scripts/size.mjs --check

step "relevance through the CLI (floors: stemmed sublinear TF-IDF on the same data)"
cargo build --release --locked --bin related-articles
node scripts/eval.mjs --check

step "JS API in Node, its parity with the CLI, and the widget in headless Chromium, and in Firefox, WebKitGTK and WPE WebKit (real wasm)"
node --test --test-concurrency=1 tests/node/ tests/browser/
