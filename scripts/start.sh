#!/usr/bin/env bash
# npm start: from a fresh clone to the demo site on http://localhost:$PORT/ (default 8080).
#   1. installs what is missing (scripts/setup.sh: wasm target, wasm-bindgen-cli, wasm-pack, npm deps)
#   2. builds the package (npm run build → dist/)
#   3. builds the native CLI if it is missing (target/release/related-articles: a build there is
#      kept, so a second run starts at once; cargo build rebuilds it after a change in src/)
#   4. generates the demo site (www/demo/generate.mjs → www/demo/site/, git-ignored) for that
#      origin, and the archive over it with that CLI (related-articles build --site), then the
#      one article published after the build
#   5. serves it (scripts/serve.mjs; PORT and HOST, default 127.0.0.1, may be set)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8080}"
export PORT

bash scripts/setup.sh
npm run build
if [ ! -x target/release/related-articles ]; then
  cargo build --release --locked --bin related-articles
fi
node www/demo/generate.mjs --out www/demo/site --base "http://localhost:${PORT}"
exec node scripts/serve.mjs www/demo/site
