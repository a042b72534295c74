#!/usr/bin/env bash
# npm start: from a fresh clone to the demo site on http://localhost:$PORT/ (default 8080).
#   1. installs what is missing (scripts/setup.sh: wasm target, wasm-bindgen-cli, wasm-pack, npm deps)
#   2. builds the package (npm run build → dist/)
#   3. generates the demo site (www/demo/generate.mjs → www/demo/site/, git-ignored) for that origin
#   4. serves it (scripts/serve.mjs; PORT and HOST, default 127.0.0.1, may be set)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8080}"
export PORT

bash scripts/setup.sh
npm run build
node www/demo/generate.mjs --out www/demo/site --base "http://localhost:${PORT}"
exec node scripts/serve.mjs www/demo/site
