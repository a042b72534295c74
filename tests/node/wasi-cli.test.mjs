// `npx related-articles`: the CLI compiled to wasm32-wasip1 (node/related-articles.wasm, built by
// `npm run build`) and run by Node's WASI through node/cli.mjs, against the native binary on the
// same real site (Hugo's output): the same files byte for byte and the same summary, which also
// shows rayon running on WASI's one thread without a panic.
// Run after `npm run build` and `cargo build --release --locked --bin related-articles`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PATH_OPTIONS, VALUE_OPTIONS, plan } from '../../node/wasi.mjs';
import { LAUNCHER, NATIVE, ROOT, WIDGET, hugoSite, requireBuilds, sameTree, tree } from './site.mjs';

const work = mkdtempSync(join(tmpdir(), 'related-articles-wasi-'));
let site; // a built Hugo site, never written to: copy it first
before(() => {
  requireBuilds();
  site = hugoSite(join(work, 'hugo'), 60);
});
after(() => rmSync(work, { recursive: true, force: true }));

function copy(name) {
  const dir = join(work, name);
  cpSync(site, dir, { recursive: true });
  return dir;
}

const wasi = (args, cwd = work) => spawnSync(process.execPath, [LAUNCHER, ...args], { cwd, encoding: 'utf8' });
const native = (args, cwd = work) => spawnSync(NATIVE, args, { cwd, encoding: 'utf8' });

test('--help prints the usage, and nothing about WASI being experimental', () => {
  const out = wasi(['--help']);
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stdout, /^related-articles: related articles from a corpus/);
  assert.equal(out.stdout, native(['--help']).stdout);
  assert.equal(out.stderr, '');
});

test('the launcher knows every option of the CLI that takes a value, and which take paths', () => {
  const help = native(['--help']).stdout;
  const options = new Map();
  for (const [, name, value] of help.matchAll(/^\s+(--[a-z-]+)(?: ([A-Za-z/]+))?/gm)) options.set(name, value);
  assert.ok(options.size >= 15, [...options.keys()].join(' '));
  for (const [name, value] of options) {
    const path = ['DIR', 'FILE', 'DIST'].includes(value);
    assert.equal(PATH_OPTIONS.has(name), path, `${name} ${value ?? ''}`);
    assert.equal(VALUE_OPTIONS.has(name), value !== undefined && !path, `${name} ${value ?? ''}`);
  }
});

test('build --site: the WASI build writes what the native binary writes, and says the same', () => {
  const [a, b] = [copy('wasi-site'), copy('native-site')];
  const args = (dir) => ['build', '--site', dir, '--widget', WIDGET];
  const w = wasi(args('wasi-site'));
  const n = native(args('native-site'));
  assert.equal(w.status, 0, w.stderr);
  assert.equal(n.status, 0, n.stderr);
  assert.equal(w.stderr.replaceAll('wasi-site', 'SITE'), n.stderr.replaceAll('native-site', 'SITE'));
  assert.match(w.stderr, /^\d+ page\(s\) read, 6\d article\(s\) found$/m);
  // Every post page but the one without the element; the French one has no neighbour.
  assert.match(w.stderr, /^pages: 62 rewritten, 1 unchanged$/m);
  sameTree(tree(a), tree(b), 'WASI against native');
  // Again, from elsewhere: absolute paths, and a relative one that leaves the working directory.
  const elsewhere = join(work, 'elsewhere');
  mkdirSync(elsewhere);
  const again = wasi(['build', '--site', a, '--widget', WIDGET, '--json'], elsewhere);
  assert.equal(again.status, 0, again.stderr);
  assert.deepEqual(JSON.parse(again.stdout).pages, { written: 0, unchanged: 63, removed: 0 });
  const up = wasi(['build', '--site', '../wasi-site', '--widget', WIDGET, '--quiet'], elsewhere);
  assert.equal(up.status, 0, up.stderr);
  sameTree(tree(a), tree(b), 'rebuilt');
});

test('inputs, and errors with their exit status', () => {
  const out = join(work, 'records');
  const export_ = join('tests', 'fixtures', 'wxr', 'export.xml');
  const built = wasi(['build', export_, '--out', out, '--widget', WIDGET], ROOT);
  assert.equal(built.status, 0, built.stderr);
  assert.equal(built.stderr, native(['build', export_, '--out', join(work, 'records-native'), '--widget', WIDGET], ROOT).stderr.replaceAll('records-native', 'records'));
  assert.match(built.stderr, /^10 record\(s\) read, 3 article\(s\) found$/m);
  sameTree(tree(out), tree(join(work, 'records-native')), 'WASI against native');

  const missing = wasi(['build', '--site', 'no-such-site', '--widget', WIDGET]);
  assert.equal(missing.status, 1);
  assert.equal(missing.stderr, 'error: no-such-site: not a directory\n');
  const usage = wasi(['build', '--site', 'x', '--limit', '101']);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /^error: --limit must be between 0 and 100, got 101\n/);
});

test('plan: paths inside the working directory stay relative, others are preopened; build gets the package\'s widget', () => {
  const p = plan(['build', 'a/../public', '--site', '/srv/www/site', '--limit', '3', '--out', '/tmp/x/y/z', '--json'], '/home/me/blog');
  assert.deepEqual(p.args, ['build', 'public', '--site', '/srv/www/site', '--limit', '3', '--out', '/tmp/x/y/z', '--json', '--widget', p.args.at(-1)]);
  assert.equal(p.env.PWD, '/home/me/blog');
  assert.equal(p.preopens['/home/me/blog'], '/home/me/blog');
  // A directory that does not exist yet (an --out) is reached through its nearest existing one.
  assert.equal(p.preopens['/tmp'], '/tmp');
  assert.equal(p.args.at(-1), join(ROOT, 'dist'), 'the widget this package ships');
  assert.deepEqual(plan(['build', 'in.jsonl', '--widget', 'w'], '/w').args, ['build', 'in.jsonl', '--widget', 'w']);
  assert.equal(plan(['merge', '.'], '/home/me').args[1], '.');
  assert.deepEqual(plan(['related', 'c.jsonl', '--id', 'x'], '/w').args, ['related', 'c.jsonl', '--id', 'x']);
});
