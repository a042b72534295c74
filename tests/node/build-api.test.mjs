// `import { archive } from 'related-articles/build'` (node/build.mjs): an archive built from Node
// as a site generator's integration builds it, on a real Hugo site and on records, through the
// WASI build of the CLI and through the native binary; the same bytes as the CLI's own build.
// Run after `npm run build` and `cargo build --release --locked --bin related-articles`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { archive } from '../../node/build.mjs';
import { NATIVE, ROOT, WIDGET, hugoSite, requireBuilds, sameTree, tree } from './site.mjs';

const work = mkdtempSync(join(tmpdir(), 'related-articles-api-'));
let site;
before(() => {
  requireBuilds();
  site = hugoSite(join(work, 'hugo'), 40);
});
after(() => rmSync(work, { recursive: true, force: true }));

function copy(name) {
  const dir = join(work, name);
  cpSync(site, dir, { recursive: true });
  return dir;
}

test('addDirectory and writeFiles: the site gets its archive and its lists, as the CLI writes them', async () => {
  const dir = copy('api-site');
  const a = await archive({ limit: 4, widget: WIDGET });
  await a.addDirectory(dir);
  const report = await a.writeFiles();
  assert.equal(report.out, join(dir, 'related-articles'));
  assert.equal(report.manifest.options.limit, 4);
  assert.equal(report.manifest.counts.articles, 40 + 4);
  // Every post page but the one without the element; the French one has no neighbour, no list.
  assert.deepEqual(report.pages, { written: 40 + 4 - 2, unchanged: 1, removed: 0 });
  assert.deepEqual(report.lists, { written: 44, unchanged: 0, removed: 0 });
  assert.ok(report.manifest.counts.skipped['not-article'] > 10);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'related-articles', 'manifest.json'), 'utf8')), report.manifest);
  const page = readFileSync(join(dir, 'posts', 'special-overrides', 'index.html'), 'utf8');
  assert.match(page, /<section data-related-articles><h2>More to read<\/h2><ul>(<li>.*?<\/li>){3}<\/ul><\/section>/);

  // The CLI itself, on another copy: the same files.
  const cli = copy('cli-site');
  const out = spawnSync(NATIVE, ['build', '--site', cli, '--limit', '4', '--widget', WIDGET, '--quiet'], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  sameTree(tree(dir), tree(cli), 'API against CLI');

  // Again: nothing to write.
  const again = await a.writeFiles();
  assert.deepEqual([again.pages.written, again.lists.written], [0, 0]);
});

test('records and files without a site, through the native binary and through WASI alike', async () => {
  const outs = [];
  for (const binary of [NATIVE, undefined]) {
    const a = await archive({ widget: WIDGET, summary: 80, ...(binary && { binary }) });
    await a.addFile(join(ROOT, 'tests', 'fixtures', 'wxr', 'export.xml'));
    a.addRecord({ id: 'r1', url: 'https://garden.example/balcony-tomatoes/', title: 'Tomatoes on a balcony, in pots', tags: ['tomatoes'] });
    a.addRecord({ id: 'r2' }); // neither title nor summary: rejected, and said so
    const out = join(work, `records-${binary ? 'native' : 'wasi'}`);
    const report = await a.writeFiles(out);
    assert.equal(report.out, out);
    assert.equal(report.manifest.counts.records, 12);
    assert.equal(report.manifest.counts.articles, 4);
    assert.equal(report.manifest.counts.skipped.rejected, 1);
    assert.deepEqual(report.manifest.inputs.map((i) => i.name), ['export.xml', 'records.jsonl']);
    assert.deepEqual(report.notes, ['rejected: addRecord #2 (id "r2"): title is missing and summary is missing: a record needs a title or a summary']);
    assert.equal(report.manifest.options.summaryChars, 80);
    outs.push(out);
  }
  sameTree(tree(outs[0]), tree(outs[1]), 'native against WASI');
});

test('mistakes are told with the option, the value and the limit, and write nothing', async () => {
  await assert.rejects(archive({ limit: '5' }), { name: 'TypeError', message: 'archive(options): limit must be an integer, got "5"' });
  await assert.rejects(archive({ limits: 5 }), { name: 'TypeError', message: /unknown option "limits"/ });
  await assert.rejects(archive(null), TypeError);
  const out = join(work, 'never');
  const tooMany = await archive({ limit: 101, widget: WIDGET });
  tooMany.addRecord({ title: 'A' });
  await assert.rejects(tooMany.writeFiles(out), { message: 'related-articles build: --limit must be between 0 and 100, got 101' });
  const a = await archive({ widget: WIDGET });
  assert.throws(() => a.addRecord('a title'), { name: 'TypeError', message: /record must be an object.*got string/ });
  await assert.rejects(a.writeFiles(), { name: 'TypeError', message: /without a site \(addDirectory\), say where the archive goes/ });
  await assert.rejects(a.writeFiles(out), { message: /nothing to build/ });
  await assert.rejects(a.addDirectory(join(work, 'no-such-site')), { message: /no-such-site is not a directory/ });
  await a.addDirectory(site);
  await assert.rejects(a.addDirectory(site), { message: /one site per archive/ });
  await assert.rejects(a.addFile(join(work, 'nope.xml')), { message: /nope\.xml is not a file/ });
  const strict = await archive({ widget: WIDGET, strict: true });
  strict.addRecord({ id: 'y' });
  await assert.rejects(strict.writeFiles(out), { message: /1 of 1 record\(s\) rejected and --strict is set/ });
  const missing = await archive({ widget: join(work, 'no-widget') });
  missing.addRecord({ title: 'A' });
  await assert.rejects(missing.writeFiles(out), { message: /no-widget.*npm run build/ });
  assert.ok(!existsSync(out), 'nothing written');
});
