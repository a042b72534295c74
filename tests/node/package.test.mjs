// The BUILT package (dist/, as npm ships it) in Node: the real wasm core, no mocks.
// Run after `npm run build`: node --test tests/node/
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = pathToFileURL(join(root, 'dist', 'related-articles.js')).href;
const demo = JSON.parse(readFileSync(join(root, 'www', 'demo', 'data', 'articles.json'), 'utf8'));
// The demo's 1,245 articles as a feed would give them: absolute URLs, no page-only fields.
const articles = demo.map(({ id, slug, title, summary, category, date }) => ({
  id, url: `https://demo.example/articles/${slug}.html`, title, summary, category, date,
}));
const fixtures = join(root, 'tests', 'browser', 'fixtures', 'feeds');

const pkg = await import(entry);

test('importing the package in Node (SSR) touches no DOM and exposes the headless API', () => {
  assert.equal(typeof globalThis.document, 'undefined');
  assert.equal(typeof pkg.createIndex, 'function');
  assert.equal(typeof pkg.parseFeed, 'function');
  assert.equal(typeof pkg.indexFeed, 'function');
  assert.equal(typeof pkg.loadCore, 'function');
  assert.equal(typeof pkg.Index, 'function');
  assert.equal(typeof pkg.RelatedArticlesElement, 'function'); // defined, not registered: no customElements here
  assert.equal(typeof globalThis.customElements, 'undefined');
});

test('the package.json entry points at the built files', () => {
  const json = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(json.exports['.'].default, './dist/related-articles.js');
  assert.equal(json.exports['.'].types, './dist/related-articles.d.ts');
  assert.deepEqual(json.files, ['dist/related-articles.js', 'dist/related-articles.*.wasm', 'dist/related-articles.theme.*.css', 'dist/related-articles.d.ts',
    'node/cli.mjs', 'node/wasi.mjs', 'node/build.mjs', 'node/build.d.ts', 'node/related-articles.wasm', 'LICENSE-MIT', 'LICENSE-APACHE']);
  assert.deepEqual(json.bin, { 'related-articles': 'node/cli.mjs' }, 'npx related-articles: the WASI build of the CLI');
  assert.deepEqual(json.exports['./build'], { types: './node/build.d.ts', default: './node/build.mjs' });
  assert.equal(json.engines.node, '>=20.16', 'process.getBuiltinModule, which loads the wasm in Node');
  assert.ok(json.sideEffects.includes('./dist/related-articles.js'), 'importing the entry registers the element');
  assert.match(readFileSync(join(root, 'dist', 'related-articles.d.ts'), 'utf8'), /export declare function createIndex/);
});

test('the seed article is related to its own published neighbours, best first, never to itself', async () => {
  const index = await pkg.createIndex(articles);
  assert.equal(index.size, articles.length);
  assert.deepEqual(index.rejected, []);
  const related = index.related('seed-00');
  assert.equal(related.length, 5);
  assert.ok(related.every((r) => r.id !== 'seed-00'));
  // The four best are articles the seed page itself lists as related (all "Political history").
  for (const r of related.slice(0, 4)) {
    assert.match(r.id, /^seed-(0[1-9]|1[0-2])$/);
    assert.equal(r.category, 'Political history');
    assert.equal(r.title, ''); // untitled: the widget shows their summary as the link text
    assert.ok(r.summary.length > 50);
    assert.match(r.date, /^2025-0[78]-\d\d$/);
  }
  for (let i = 1; i < related.length; i++) assert.ok(related[i - 1].score >= related[i].score);
  for (const r of related) {
    assert.ok(r.score > 0 && r.score <= 1);
    assert.ok(r.why.terms.length >= 1 && r.why.terms.length <= 3);
    const text = `${r.title} ${r.summary}`.toLowerCase();
    for (const t of r.why.terms) assert.ok(text.includes(t.toLowerCase()), `why term "${t}" appears in the result`);
  }
});

test('an article object is found by URL; an unseen one is weighed against the index', async () => {
  const index = await pkg.createIndex(articles);
  const seed = articles[0];
  const byUrl = index.related({ url: seed.url, title: 'whatever the page says', summary: '' });
  assert.equal(byUrl.length, 5);
  assert.deepEqual(byUrl.map((r) => r.id), index.related('seed-00').map((r) => r.id));
  const unseen = index.related({ title: 'Sourdough bread recipes for beginners', summary: 'How to bake a loaf at home with flour, water and yeast.' });
  assert.ok(unseen.length >= 3);
  assert.equal(unseen[0].category, 'Food & Drink');
  assert.ok(unseen.filter((r) => r.category === 'Food & Drink').length >= 2);
});

test('limit, minScore and exclude are honoured', async () => {
  const index = await pkg.createIndex(articles);
  const all = index.related('seed-00', { limit: 10 });
  assert.equal(all.length, 10);
  assert.equal(index.related('seed-00', { limit: 2 }).length, 2);
  assert.deepEqual(index.related('seed-00', { limit: 0 }), []);
  // A floor between two results whose scores differ in the 4th decimal (scores are rounded to
  // 4: the raw ones are within 0.00005) keeps exactly the results above it, in order.
  const cut = all.findIndex((r, i) => i >= 2 && i + 1 < all.length && r.score - all[i + 1].score >= 0.0002);
  assert.ok(cut >= 2, `two results far enough apart: ${all.map((r) => r.score)}`);
  const floor = (all[cut].score + all[cut + 1].score) / 2;
  assert.deepEqual(index.related('seed-00', { limit: 10, minScore: floor }), all.slice(0, cut + 1));
  assert.deepEqual(index.related('seed-00', { limit: 10, minScore: 1 }), []);
  const excluded = index.related('seed-00', { exclude: [all[0].id, all[1].url] });
  assert.ok(!excluded.some((r) => r.id === all[0].id || r.id === all[1].id));
  assert.equal(excluded[0].id, all[2].id);
  assert.throws(() => index.related('seed-00', { limit: 101 }), /limit/);
  assert.throws(() => index.related('no-such-id'), /no article/);
});

test('bad records are rejected with a reason, unsafe fields dropped with a warning', async () => {
  const index = await pkg.createIndex([
    { id: 'a', title: 'Secret diplomacy and alliances', url: 'javascript:alert(1)' },
    { id: 'b', title: 'Backchannel diplomacy', summary: '<b>Covert</b> talks', url: 'https://x.example/b' },
    { id: 'c' },
    42,
  ]);
  assert.equal(index.size, 2);
  assert.deepEqual(index.rejected.map((r) => r.position), [2, 3]);
  assert.ok(index.rejected.every((r) => r.reason.length > 10));
  assert.ok(index.warnings.some((w) => w.id === 'a' && w.field === 'url'));
  const [b] = index.related('a');
  assert.equal(b.summary, 'Covert talks'); // HTML reduced to text
  await assert.rejects(pkg.createIndex([{ id: 'x' }]));
  await assert.rejects(pkg.createIndex('not an array'));
});

test('parseFeed reads RSS 2.0, Atom 1.0 and JSON Feed 1.1 into the same articles', async () => {
  const expected = JSON.parse(readFileSync(join(fixtures, 'articles.json'), 'utf8'));
  for (const [file, contentType] of [['rss2.xml', 'application/rss+xml'], ['atom.xml', 'application/atom+xml'], ['feed.json', 'application/feed+json'], ['articles.json', 'application/json']]) {
    const feed = await pkg.parseFeed(readFileSync(join(fixtures, file)), { contentType, baseUrl: `https://news.example/${file}` });
    assert.equal(feed.articles.length, expected.length, file);
    assert.deepEqual(feed.articles.map((a) => a.url), expected.map((a) => a.url), file);
    // JSON Feed 1.1 has no category field: the fixture gives the section as a tag.
    assert.deepEqual(feed.articles.map((a) => a.category ?? a.tags?.[0]), expected.map((a) => a.category), file);
    assert.deepEqual(feed.articles.map((a) => a.date?.slice(0, 10)), expected.map((a) => a.date), file);
    const index = await pkg.createIndex(feed.articles);
    assert.match(index.related(expected[0].url)[0].id, /seed-/, file);
    assert.equal(feed.truncated, false, file);
  }
});

test('parseFeed flags a cut-off XML feed and keeps the entries before the cut', async () => {
  const expected = JSON.parse(readFileSync(join(fixtures, 'articles.json'), 'utf8'));
  const feed = await pkg.parseFeed(readFileSync(join(fixtures, 'truncated.xml')), { baseUrl: 'https://news.example/truncated.xml' });
  assert.equal(feed.truncated, true);
  const whole = feed.articles.filter((a) => a.url);
  assert.ok(whole.length > 2 && whole.length < expected.length, `${whole.length} articles`);
  assert.deepEqual(whole.map((a) => a.url), expected.slice(0, whole.length).map((a) => a.url));
});

test('indexFeed: the feed parsed and indexed in one step, its failures as parseFeed\'s', async () => {
  const rss = readFileSync(join(fixtures, 'rss2.xml'));
  const index = await pkg.indexFeed(rss, { contentType: 'application/rss+xml', baseUrl: 'https://news.example/rss2.xml' });
  const feed = await pkg.parseFeed(rss, { contentType: 'application/rss+xml', baseUrl: 'https://news.example/rss2.xml' });
  assert.ok(index instanceof pkg.Index);
  assert.equal(index.size, feed.articles.length);
  assert.equal(index.truncated, false);
  assert.deepEqual(index.article(feed.articles[3].url), feed.articles[3], 'by URL, as parseFeed gives it');
  assert.deepEqual(index.article(feed.articles[3].id), feed.articles[3], 'by id');
  assert.equal(index.article('https://news.example/not-in-the-feed'), undefined);
  assert.deepEqual(index.related(feed.articles[0].url), (await pkg.createIndex(feed.articles, { html: false })).related(feed.articles[0].url));
  const cut = await pkg.indexFeed(readFileSync(join(fixtures, 'truncated.xml')), { baseUrl: 'https://news.example/truncated.xml' });
  assert.equal(cut.truncated, true);
  // No usable entry: an empty index whose rejections say why (createIndex would throw).
  const none = await pkg.indexFeed('<rss><channel><item><link>https://news.example/a</link></item></channel></rss>');
  assert.equal(none.size, 0);
  assert.match(none.rejected[0].reason, /title|summary/);
  await assert.rejects(pkg.indexFeed('not a feed'), /feed|XML|JSON/i);
  await assert.rejects(pkg.indexFeed(rss, { baseURL: 'x' }), /unknown option "baseURL"/);
  // createIndex takes arrays only: a feed's body goes to indexFeed, never read as one by accident.
  await assert.rejects(pkg.createIndex('<rss/>'), /articles must be an array of article objects/);
  index.free();
  assert.throws(() => index.related(feed.articles[0].url), 'a freed index cannot be used');
});

test('a Node without process.getBuiltinModule (< 20.16) gets an error naming the version it needs', () => {
  // The entry reads the wasm with fs reached through process.getBuiltinModule, never an import
  // (bundlers would see it): a fresh process without it stands for an older Node.
  const script = `delete process.getBuiltinModule;
const pkg = await import(${JSON.stringify(entry)});
const errors = [];
for (const call of [() => pkg.loadCore(), () => pkg.createIndex([{ title: 'a' }])]) await call().catch((e) => errors.push(e.message));
console.log(JSON.stringify(errors));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const message = `related-articles needs Node.js ≥ 20.16 (process.getBuiltinModule), not ${process.version}`;
  assert.deepEqual(JSON.parse(out), [message, message]);
});

test('input rules: the package and the CLI read the same records the same way', async () => {
  // The fixture and the expected file tests/cli.rs checks the CLI against.
  const corpora = join(root, 'tests', 'fixtures', 'corpora');
  const records = readFileSync(join(corpora, 'input-rules.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const expected = JSON.parse(readFileSync(join(corpora, 'input-rules.expected.json'), 'utf8'));
  const index = await pkg.createIndex(records);
  assert.deepEqual(index.rejected, expected.rejected);
  assert.deepEqual(index.warnings, expected.warnings);
  // A numeric id is named by the number or by its text alike.
  assert.deepEqual(index.related(12345, { limit: 3 }), expected.related['12345']);
  assert.deepEqual(index.related('12345', { limit: 3 }), expected.related['12345']);
  assert.deepEqual(index.related('late', { limit: 3 }), expected.related.late);
  assert.equal(index.similarity(1, 12345), index.similarity('1', '12345'));
  assert.equal(index.similarity(1, 12345).toFixed(6), '0.671498'); // as the CLI prints it
  assert.throws(() => index.similarity(1.5, 1), /similarity\(\) needs two article ids or URLs/);
  assert.throws(() => index.related(true), /needs an article id or URL \(text or a whole number\)/);
});

test('exclude takes ids and URLs, numbers too; one string is one id or URL, never split', async () => {
  const index = await pkg.createIndex([
    { id: 1, title: 'Solar rooftops for city schools', url: 'https://e.example/s?grades=1,2' },
    { id: 2, title: 'Solar rooftops for rural schools' },
    { id: 'a,b', title: 'Solar rooftops for the city hall' },
    { id: 'a', title: 'Solar rooftops at night' },
  ]);
  const ids = (options) => index.related(2, options).map((r) => r.id);
  assert.deepEqual(ids().sort(), ['1', 'a', 'a,b']);
  assert.deepEqual(ids({ exclude: [1] }).sort(), ['a', 'a,b']);
  assert.deepEqual(ids({ exclude: 'a,b' }).sort(), ['1', 'a']);
  assert.deepEqual(ids({ exclude: 'https://e.example/s?grades=1,2' }).sort(), ['a', 'a,b']);
  assert.deepEqual(ids({ exclude: ['a', 'a,b', 1] }), []);
  for (const exclude of [{ id: 'a' }, [null], [1.5], true]) {
    assert.throws(() => index.related(2, { exclude }), /invalid options: exclude must be an id or URL, or a list of them/);
  }
});

test('parseFeed: a string is text already decoded; bytes follow their declaration', async () => {
  const rss = '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><item><title>Café</title><link>/cafe</link></item></channel></rss>';
  const options = { contentType: 'application/rss+xml; charset=iso-8859-1', baseUrl: 'https://e.example/feed.xml' };
  const fromText = await pkg.parseFeed(rss, options);
  assert.equal(fromText.articles[0].title, 'Café');
  assert.equal(fromText.articles[0].url, 'https://e.example/cafe');
  assert.equal((await pkg.parseFeed(`\ufeff${rss}`)).articles[0].title, 'Café');
  // The same text's UTF-8 bytes, declared ISO-8859-1 (windows-1252), read as a browser reads them.
  const bytes = new TextEncoder().encode(rss);
  assert.equal((await pkg.parseFeed(bytes)).articles[0].title, 'CafÃ©');
  assert.equal((await pkg.parseFeed(bytes.buffer)).articles[0].title, 'CafÃ©');
  // The positional call the docs once showed is an error, not a silently ignored base URL.
  await assert.rejects(pkg.parseFeed(bytes, 'application/rss+xml', 'https://e.example/feed.xml'), /options must be an object \{ contentType, baseUrl, lang \}/);
  await assert.rejects(pkg.parseFeed(bytes, { baseURL: 'https://e.example/' }), /unknown option "baseURL"/);
  await assert.rejects(pkg.parseFeed(42), /a feed's body must be a string, a Uint8Array or an ArrayBuffer, found a number/);
});
