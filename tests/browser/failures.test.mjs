// Every way the widget can fail leaves the element empty with state="error" (or "empty"), says
// what to fix in exactly one console.warn, and never throws into the host page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, FEEDS, articleHead, html, read, settled, start } from './helpers.mjs';

const [main] = JSON.parse(readFileSync(join(ROOT, FEEDS, 'articles.json'), 'utf8'));
const RSS = [`${FEEDS}/rss2.xml`, 'application/rss+xml'];

let site;
before(async () => { site = await start(); });
after(async () => { await site?.close(); });

// Chromium itself logs a failed HTTP status as a console error ("Failed to load resource"): that
// line is the browser's network log, not the widget's, so it is the only error tolerated here.
const ownErrors = (log) => log.errors.filter((e) => !e.startsWith('Failed to load resource'));

async function fails({ head, body, init, state = 'error', warning, timeout }) {
  const url = site.page(html({ title: '', head, body }));
  const { page, log, close } = await site.open(url, { init });
  try {
    const started = Date.now();
    await settled(page, timeout);
    for (const w of await read(page)) {
      assert.equal(w.state, state);
      assert.deepEqual(w.items, []);
    }
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('related-articles')]
      .map((e) => e.shadowRoot.childElementCount + e.getBoundingClientRect().height)).then((a) => a.every((n) => n === 0)), true);
    if (warning) {
      assert.equal(log.warnings.length, 1, log.warnings.join('\n'));
      assert.match(log.warnings[0], /^<related-articles>: /);
      assert.match(log.warnings[0], warning);
    } else {
      assert.deepEqual(log.warnings, []);
    }
    assert.deepEqual(ownErrors(log), [], 'no uncaught error or unhandled rejection reaches the page');
    return { page, log, elapsed: Date.now() - started };
  } finally {
    await close();
  }
}

test('missing feed (404): state="error", one warning naming the status', async () => {
  await fails({ head: articleHead(main, '/tests/browser/fixtures/feeds/no-such-feed.xml'), warning: /HTTP 404.*fix the feed attribute/ });
});

test('malformed JSON feed: state="error", one warning', async () => {
  await fails({ head: articleHead(main, `${FEEDS}/malformed.json`, 'application/json'), warning: /malformed\.json could not be read/ });
});

test('malformed RSS feed: state="error", one warning', async () => {
  await fails({ head: articleHead(main, `${FEEDS}/malformed.xml`), warning: /malformed\.xml (could not be read|has no usable articles|has only one usable article)/ });
});

test('a feed with no usable article: state="error", one warning', async () => {
  await fails({ head: articleHead(main, `${FEEDS}/empty.json`, 'application/json'), warning: /empty\.json has no usable articles/ });
});

test('slow feed: gives up after 10 s with state="error" and one warning', async () => {
  const { elapsed } = await fails({ head: articleHead(main, '/__hang'), warning: /took over 10 s/, timeout: 20000 });
  assert.ok(elapsed >= 9000 && elapsed < 16000, `gave up after ${elapsed} ms`);
});

test('no feed link and no feed attribute: state="error", one warning', async () => {
  await fails({ head: '<meta property="og:title" content="Secret diplomacy">', warning: /no feed: add <link rel="alternate"/ });
});

test('a page without article metadata: state="error", one warning', async () => {
  await fails({ head: `<link rel="alternate" type="${RSS[1]}" href="${RSS[0]}">`, body: '<div><p></p><related-articles></related-articles></div>', warning: /no article metadata/ });
});

test('two failing elements on one page still warn once', async () => {
  const { log } = await fails({ head: articleHead(main, '/no-such-feed.json', 'application/json'), body: '<related-articles></related-articles><related-articles limit="3"></related-articles>', warning: /HTTP 404/ });
  assert.equal(log.requests.filter((u) => u.endsWith('/no-such-feed.json')).length, 1, 'one fetch for both');
});

test('without WebAssembly the element stays empty and silent', async () => {
  const { log } = await fails({
    head: articleHead(main, ...RSS),
    init: () => { delete globalThis.WebAssembly; },
    state: 'empty',
  });
  assert.deepEqual(log.all, []);
  assert.ok(!log.requests.some((u) => u.includes('/feeds/') || u.endsWith('.wasm')), 'neither feed nor wasm is fetched');
});
