#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there.
# Only package registries are used (crates.io, npm, Debian): no prebuilt binaries from elsewhere.
#   scripts/setup.sh          toolchain for building the wasm and serving the demo
#   scripts/setup.sh --test   also the browser (Debian chromium + chromedriver) and hugo for the test suite
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--test" ] && want_browser=1

say() { printf '[setup] %s\n' "$*" >&2; }

# 1. The wasm target, from the Rust toolchain's own channel.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 1b. The standard library's source: the release wasm rebuilds std for size (scripts/build.mjs).
if ! rustup component list --installed | grep -q '^rust-src'; then
  say "adding the rust-src component"
  rustup component add rust-src
fi

# 2. wasm-bindgen-cli at exactly the version Cargo.lock pins: the CLI and the crate must agree.
lock_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have_version=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_version" != "$lock_version" ]; then
  say "installing wasm-bindgen-cli $lock_version (had: ${have_version:-none}); this builds from source, a few minutes"
  cargo install --locked wasm-bindgen-cli --version "$lock_version"
fi

# 3. wasm-pack (builds and runs the wasm-bindgen tests). It finds wasm-bindgen and wasm-opt on PATH.
if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack; this builds from source, several minutes"
  cargo install --locked wasm-pack
fi

# 4. npm dependencies (binaryen's wasm-opt, playwright-core, ...), from the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  npm ci --no-audit --no-fund
fi

# 5. Debian's Chromium and its driver, for the browser tests only.
if [ "$want_browser" = 1 ] && { ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; }; then
  say "installing Debian's chromium and chromium-driver"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# 6. Hugo (Debian's package), the stock site generator tests/site_hugo.rs builds a real site with.
if [ "$want_browser" = 1 ] && ! command -v hugo >/dev/null 2>&1; then
  say "installing Debian's hugo"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq hugo >/dev/null
fi
say "toolchain ready"
