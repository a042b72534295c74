#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there.
# Only package registries are used (crates.io, npm, Debian): no prebuilt binaries from elsewhere.
#   scripts/setup.sh          toolchain for building the wasm and serving the demo
#   scripts/setup.sh --test   also what the test suite needs: Debian's chromium, chromium-driver,
#                             firefox-esr, webkit2gtk-driver, xvfb, xauth, wpewebkit-driver, cog and
#                             hugo, and geckodriver and cargo-fuzz (crates.io)
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--test" ] && want_browser=1

say() { printf '[setup] %s\n' "$*" >&2; }

# 1. The Rust toolchain rust-toolchain.toml pins, with its components (rust-src: the release wasm
#    rebuilds std, see scripts/build.mjs; clippy, rustfmt) and the wasm32-unknown-unknown target.
#    Installed explicitly, from the values in the file: rustups before 1.28 installed a toolchain
#    file's toolchain on first use, 1.28.0 stopped doing so, later ones do again unless
#    RUSTUP_AUTO_INSTALL=0, and only these flags mean the same in all of them.
toml_value() { sed -n "s/^$1 *= *\(.*\)$/\1/p" rust-toolchain.toml | tr -d '[]" '; }
channel=$(toml_value channel)
components=$(toml_value components)
targets=$(toml_value targets)
profile=$(toml_value profile)
if [ -z "$channel" ] || [ -z "$components" ] || [ -z "$targets" ] || [ -z "$profile" ]; then
  say "rust-toolchain.toml: channel, components, targets and profile must each be on one line"
  exit 1
fi
rust_ready() {
  local installed
  installed=$(rustup component list --installed --toolchain "$channel" 2>/dev/null) || return 1
  for c in ${components//,/ }; do grep -q "^$c\(-\|$\)" <<<"$installed" || return 1; done
  for t in ${targets//,/ }; do grep -qx "rust-std-$t" <<<"$installed" || return 1; done
}
if ! rust_ready; then
  say "installing Rust $channel (rust-toolchain.toml) with $components and the $targets target"
  rustup toolchain install "$channel" --profile "$profile" --component "$components" --target "$targets"
  rust_ready || { say "Rust $channel still lacks part of $components, $targets"; exit 1; }
fi

# 2. wasm-bindgen-cli at exactly the version Cargo.lock pins: the CLI and the crate must agree.
#    cargo install runs here, so the pinned toolchain compiles it (and wasm-pack, below).
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

# 4. npm dependencies (binaryen's wasm-opt, playwright-core, ...), from the lock file. Without
#    lifecycle scripts: the package's own `prepare` (scripts/prepare.mjs) calls this script, and
#    no dependency needs an install script. Stale means the lock file's content changed since the
#    last install (a recorded hash, not mtimes: a fresh clone's files all look newer). A symlinked
#    node_modules belongs to another checkout and is never reinstalled from this one.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -L node_modules ]; then
  say "node_modules is a symlink to another checkout's: left as it is"
elif [ ! -d node_modules ] || [ "$(cat node_modules/.setup-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  say "installing npm dependencies"
  npm ci --ignore-scripts --no-audit --no-fund
  echo "$lock_hash" > node_modules/.setup-lock-hash
fi

# 5. For the tests only, Debian's packages (command:package, each installed when its command is
#    missing): the browsers and their WebDriver servers, and Hugo (the stock site generator
#    tests/site_hugo.rs builds a real site with).
#      Chromium (chromium, chromium-driver): the Playwright suites, wasm-pack test --chrome
#      Firefox ESR (firefox-esr): wasm-pack test --firefox, tests/browser/engines.mjs
#      WebKitGTK (webkit2gtk-driver: WebKitWebDriver and, through its libwebkit2gtk, MiniBrowser),
#        on an Xvfb display (xvfb, xauth for xvfb-run): it has no headless mode
#      WPE WebKit 2.38 (wpewebkit-driver, cog): the engine without constructable stylesheets
if [ "$want_browser" = 1 ]; then
  missing=""
  for pair in chromium:chromium chromedriver:chromium-driver hugo:hugo firefox-esr:firefox-esr \
    WebKitWebDriver:webkit2gtk-driver Xvfb:xvfb xvfb-run:xvfb xauth:xauth WPEWebDriver:wpewebkit-driver cog:cog; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || case " $missing " in *" ${pair#*:} "*) ;; *) missing="$missing ${pair#*:}" ;; esac
  done
  if [ -n "$missing" ]; then
    say "installing Debian's$missing"
    sudo_cmd=""
    [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $missing >/dev/null
  fi

  # 6. geckodriver, Firefox's WebDriver server (wasm-pack test --firefox finds it on PATH), from
  #    crates.io at a pinned version, like the other CLIs: Debian has no package of it.
  gecko_version=0.37.1
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR == 1 { print $2 }')" != "$gecko_version" ]; then
    say "installing geckodriver $gecko_version; this builds from source, a few minutes"
    cargo install --locked geckodriver --version "$gecko_version"
  fi

  # 7. cargo-fuzz (the fuzz targets' smoke runs, scripts/fuzz.sh), from crates.io at a pinned
  #    version. It drives the pinned toolchain with RUSTC_BOOTSTRAP=1: no nightly to install.
  fuzz_version=0.13.2
  if [ "$(cargo fuzz --version 2>/dev/null | awk '{ print $2 }')" != "$fuzz_version" ]; then
    say "installing cargo-fuzz $fuzz_version; this builds from source, a few minutes"
    cargo install --locked cargo-fuzz --version "$fuzz_version"
  fi
fi
say "toolchain ready"
