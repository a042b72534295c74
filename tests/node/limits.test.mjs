// The limits of src/limits.rs (docs/widget.md has the table) through the BUILT package in Node:
// the real wasm, with inputs far past each limit. Time is asserted as a ratio against the same
// call at a tenth or a hundredth of the size, so it holds on any machine.
// Run after `npm run build`: node --test tests/node/
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { createIndex, parseFeed, loadCore } = await import(pathToFileURL(join(root, 'dist', 'related-articles.js')).href);
// The wasm's own memory, which only grows: what the core ever held at once, in MiB.
const memory = Object.values(await loadCore()).find((v) => v instanceof WebAssembly.Memory);
const wasmMiB = () => memory.buffer.byteLength / 2 ** 20;

const FIELD_BYTES = 65536;
const base = [
  { id: 'a', title: 'Solar rooftops for city schools' },
  { id: 'b', title: 'Solar rooftops for rural schools' },
];

async function timed(f) {
  const start = process.hrtime.bigint();
  const value = await f();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

test('a 100 MB field costs what a 1 MB one does: cut at the limit, with a warning', async (t) => {
  const withSummary = (mb) => () => createIndex([...base, { id: 'big', title: 'Solar schools', summary: 'solar '.repeat(mb * 1e6 / 6) }]);
  await withSummary(1)(); // the core loaded, and warm
  const small = await timed(withSummary(1));
  const huge = await timed(withSummary(100));
  for (const { value: index } of [small, huge]) {
    assert.equal(index.size, 3);
    assert.deepEqual(index.warnings.map((w) => [w.id, w.field, w.reason]), [
      ['big', 'summary', `over the limit of ${FIELD_BYTES} bytes: cut there`],
    ]);
    assert.deepEqual(index.related('a').map((r) => r.id), ['b', 'big']);
  }
  // The JS string is made by the test either way; the core copies 64 KiB of it in both.
  t.diagnostic(`createIndex with a 1 MB summary: ${small.ms.toFixed(0)} ms; with 100 MB: ${huge.ms.toFixed(0)} ms; wasm memory ${wasmMiB()} MiB`);
  assert.ok(wasmMiB() < 32, `the wasm grew to ${wasmMiB()} MiB for a 100 MB field`);
  assert.ok(huge.ms < small.ms * 20 + 2000, `100 MB took ${huge.ms} ms, 1 MB ${small.ms} ms`);
});

test('records past 100,000 are left out with one rejection naming the limit', async (t) => {
  const records = (n) => Array.from({ length: n }, (_, i) => ({ id: `r${i}`, title: `Solar report ${i % 1000}` }));
  const { value: index, ms } = await timed(() => createIndex(records(100_001)));
  t.diagnostic(`createIndex over 100,001 records: ${ms.toFixed(0)} ms; wasm memory ${wasmMiB()} MiB`);
  assert.ok(wasmMiB() < 512, `the wasm grew to ${wasmMiB()} MiB`);
  assert.equal(index.size, 100_000);
  assert.deepEqual(index.rejected.map((r) => [r.position, r.reason]), [
    [100_000, "records 100000 to 100000 left out: over the index's limit of 100000 records"],
  ]);
  assert.equal(index.related('r5').length, 5);
});

test('a feed of 100,000 items is read in time proportional to its size', async (t) => {
  const rss = (n) => `<rss version="2.0"><channel>${Array.from({ length: n }, (_, i) => `<item><title>Solar report ${i}</title><link>https://e.example/${i}</link></item>`).join('')}</channel></rss>`;
  const [small, big] = [rss(10_000), rss(100_000)];
  await parseFeed(small);
  const tenth = await timed(() => parseFeed(small));
  const whole = await timed(() => parseFeed(big));
  t.diagnostic(`parseFeed of 10,000 items: ${tenth.ms.toFixed(0)} ms; of 100,000 (${(big.length / 2 ** 20).toFixed(1)} MiB): ${whole.ms.toFixed(0)} ms; wasm memory ${wasmMiB()} MiB`);
  assert.equal(whole.value.articles.length, 100_000);
  assert.equal(whole.value.articles[99_999].url, 'https://e.example/99999');
  assert.ok(whole.ms < tenth.ms * 30 + 1000, `10× the items took ${whole.ms} ms against ${tenth.ms} ms`);
  assert.ok(wasmMiB() < 512, `the wasm grew to ${wasmMiB()} MiB`);
});

test('hostile text: NUL bytes, invalid UTF-8, lone surrogates and deep nesting are read, not fatal', async () => {
  const index = await createIndex([
    ...base,
    { id: 'nul', title: 'Solar\u0000schools \ud800 half a pair' },
    { id: 'deep', title: 'Solar deep', summary: JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) },
  ]);
  assert.equal(index.size, 4);
  assert.deepEqual(index.warnings.map((w) => [w.id, w.field, w.reason]), [['deep', 'summary', 'expected text, found a list']]);
  assert.ok(index.related('a').some((r) => r.id === 'nul'));

  const bytes = new Uint8Array([
    ...new TextEncoder().encode('<rss version="2.0"><channel><item><title>Solar '),
    0x00, 0xff, 0xc3, // a NUL, a byte no UTF-8 has, a sequence cut short
    ...new TextEncoder().encode(' schools</title><link>https://e.example/1</link></item></channel></rss>'),
  ]);
  const feed = await parseFeed(bytes, { contentType: 'application/rss+xml; charset=utf-8' });
  assert.equal(feed.articles.length, 1);
  assert.match(feed.articles[0].title, /^Solar .* schools$/);

  const nested = '['.repeat(100_000) + ']'.repeat(100_000);
  const json = await timed(() => parseFeed(`{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "url": "https://e.example/1", "title": "Deep", "content_text": ${nested}}]}`));
  assert.equal(json.value.articles.length, 1);
  assert.equal(json.value.articles[0].title, 'Deep');
});

test('a feed over 16 MiB is refused, naming its size and the limit', async () => {
  const feed = (mb) => `<rss version="2.0"><channel><item><title>t</title><description>${'w '.repeat(mb * 5e5)}</description></item></channel></rss>`;
  const fifty = feed(50);
  await assert.rejects(parseFeed(fifty), (e) => {
    assert.match(e.message, new RegExp(`^the feed is ${fifty.length} bytes, over the limit of 16777216`));
    return true;
  });
});
