// Helpers of the Node path's tests (tests/node/wasi-cli.test.mjs, build-api.test.mjs): a real
// site built by Hugo from the fixture site (tests/fixtures/sites/hugo, as tests/hugo/mod.rs builds
// it for the Rust tests, without their variations), the native CLI, and a directory's files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const LAUNCHER = join(ROOT, 'node', 'cli.mjs');
export const WIDGET = join(ROOT, 'tests', 'fixtures', 'archive', 'widget');
/** The release CLI, which scripts/test.sh builds before these tests. */
export const NATIVE = join(ROOT, 'target', 'release', 'related-articles');

/** Fails with the command to run when the native CLI or the WASI build is missing. */
export function requireBuilds() {
  assert.ok(existsSync(NATIVE), `${NATIVE} is missing: cargo build --release --locked --bin related-articles`);
  assert.ok(existsSync(join(ROOT, 'node', 'related-articles.wasm')), 'node/related-articles.wasm is missing: npm run build');
}

const posts = JSON.parse(readFileSync(join(ROOT, 'www', 'demo', 'data', 'articles.json'), 'utf8'));

/**
 * Builds the fixture Hugo site with the first `count` demo posts into `dir`/public (or `out`),
 * served from `baseURL` (the fixture's https://blog.example/ when not given); returns it.
 */
export function hugoSite(dir, count, { baseURL, out = join(dir, 'public') } = {}) {
  const src = join(dir, 'src');
  cpSync(join(ROOT, 'tests', 'fixtures', 'sites', 'hugo'), src, { recursive: true });
  for (const p of posts.slice(0, count)) {
    const front = [
      `title = ${JSON.stringify(p.title)}`,
      `description = ${JSON.stringify(p.summary)}`,
      `date = ${p.date}`,
      `categories = [${JSON.stringify(p.category)}]`,
      `slug = ${JSON.stringify(p.slug)}`,
    ];
    writeFileSync(join(src, 'content', 'posts', `${p.id}.md`), `+++\n${front.join('\n')}\n+++\n${p.summary}\n`);
  }
  execFileSync('hugo', ['--quiet', '--source', src, '--destination', out, ...(baseURL ? ['--baseURL', baseURL] : [])]);
  return out;
}

/** Every file under `dir`: path (with `/`) → bytes, sorted by path. */
export function tree(dir) {
  const out = {};
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(dir, path).split(sep).join('/')] = readFileSync(path);
    }
  };
  walk(dir);
  return out;
}

/** Asserts two trees hold the same files with the same bytes. */
export function sameTree(a, b, what) {
  assert.deepEqual(Object.keys(a), Object.keys(b), `${what}: the same files`);
  for (const [path, bytes] of Object.entries(a)) assert.ok(bytes.equals(b[path]), `${what}: ${path} differs`);
}
