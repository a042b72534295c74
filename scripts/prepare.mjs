// npm's `prepare` hook: runs on `npm pack`, `npm publish`, and when npm installs the package from
// a git URL (in its clone, after installing the devDependencies). It makes sure dist/ (and the CLI
// for npx, node/related-articles.wasm) is built from the sources beside it:
//   - dist/ newer than every input (src/, www/ but the demo, Cargo.*, the build script, the npm
//     lock file): nothing to do, so packing a fresh build does not rebuild it;
//   - otherwise the Rust side of scripts/setup.sh (wasm target, rust-src, wasm-bindgen-cli,
//     wasm-pack: the Rust toolchain itself is the prerequisite) and then `npm run build`.
// Everything it prints goes to stderr: `npm pack --json` keeps stdout for its JSON.
//
// The developer set-up installs with `npm ci --ignore-scripts` (scripts/setup.sh), so this hook
// never runs inside the set-up it calls.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const INPUTS = ['src', 'www', 'Cargo.toml', 'Cargo.lock', 'rust-toolchain.toml', 'package-lock.json', 'scripts/build.mjs'];
const SKIP = new Set([join(root, 'www', 'demo')]); // the demo site is not part of the package

/** The newest file under `path` as [mtimeMs, path], or [0, null] when there is none. */
function newest(path) {
  if (SKIP.has(path) || !existsSync(path)) return [0, null];
  const info = statSync(path);
  if (!info.isDirectory()) return [info.mtimeMs, path];
  let best = [0, null];
  for (const name of readdirSync(path)) {
    const found = newest(join(path, name));
    if (found[0] > best[0]) best = found;
  }
  return best;
}

/** Why dist/ must be (re)built, or null when it is up to date. */
function staleness() {
  const built = existsSync(dist) ? readdirSync(dist) : [];
  const entry = built.includes('related-articles.js');
  const wasm = built.some((f) => /^related-articles\.[0-9a-f]+\.wasm$/.test(f));
  if (!entry || !wasm) return 'dist/ has no build';
  // The CLI for npx (node/related-articles.wasm) is built by the same `npm run build`.
  const cli = join(root, 'node', 'related-articles.wasm');
  if (!existsSync(cli)) return 'node/related-articles.wasm is missing';
  const oldest = Math.min(statSync(cli).mtimeMs, ...built.map((f) => statSync(join(dist, f)).mtimeMs));
  const [time, path] = INPUTS.map((p) => newest(join(root, p))).reduce((a, b) => (b[0] > a[0] ? b : a));
  return time > oldest ? `${relative(root, path)} is newer than dist/` : null;
}

function run(command, args, env) {
  // stdout to stderr (fd 2), for `npm pack --json`.
  const { status, error } = spawnSync(command, args, { cwd: root, stdio: ['ignore', 2, 2], env });
  if (error || status !== 0) {
    console.error(`prepare: \`${command} ${args.join(' ')}\` failed (${error?.message ?? `exit status ${status}`})`);
    process.exit(1);
  }
}

const why = staleness();
if (!why) {
  console.error('prepare: dist/ is up to date, not rebuilding');
} else {
  console.error(`prepare: building dist/ (${why}); this needs the Rust toolchain (rustup, cargo)`);
  // cargo-installed tools (wasm-pack, wasm-bindgen) live in CARGO_HOME/bin, which a non-login
  // shell's PATH may lack; node_modules/.bin (wasm-opt) is already on it under npm.
  const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin');
  const env = { ...process.env, PATH: [cargoBin, process.env.PATH].join(delimiter) };
  run('bash', [join(root, 'scripts', 'setup.sh')], env);
  run(process.execPath, [join(root, 'scripts', 'build.mjs')], env);
}
