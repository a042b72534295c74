// The feed fixtures of the core's own tests (tests/fixtures/feeds: relative links, HTML summaries,
// legacy and UTF-16 encodings) read through the browser path: fetched bytes and Content-Type →
// parseFeed → index → the element. What the element shows must be what the headless API answers.
import assert from 'node:assert/strict';

import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, html, read, settled, start } from './helpers.mjs';

const DIR = '/tests/fixtures/feeds';
const TYPES = { '.xml': 'application/rss+xml', '.json': 'application/json' };
const files = ['rss2.xml', 'atom.xml', 'feed.json', 'articles.json', 'windows-1252.xml'];

let site;
let api;
before(async () => {
  site = await start();
  api = await import(join(ROOT, 'dist', 'related-articles.js'));
});
after(async () => { await site?.close(); });

for (const file of files) {
  test(`core fixture ${file}: the element shows the headless API's answer`, async () => {
    const feedUrl = `${site.origin}${DIR}/${file}`;
    const type = file === 'atom.xml' ? 'application/atom+xml' : file === 'feed.json' ? 'application/feed+json' : TYPES[file.slice(file.lastIndexOf('.'))];
    const served = await fetch(feedUrl);
    const feed = await api.parseFeed(new Uint8Array(await served.arrayBuffer()), { contentType: served.headers.get('content-type'), baseUrl: feedUrl, lang: 'en' });
    assert.ok(feed.articles.length >= 2, `${file}: ${feed.articles.length} articles`);
    const lang = feed.lang || 'en';
    // The page is the feed's first article; for a two-article feed, an unseen page about both
    // (an article can have only one related article in a feed of two).
    const query = feed.articles.length < 3
      ? { url: 'https://elsewhere.example/page', title: feed.articles.map((a) => a.title).join(' — ') }
      : feed.articles[0];
    const expected = (await api.createIndex(feed.articles)).related({ ...query, lang }, { limit: 5 })
      .filter((r) => /^https?:/.test(r.url)).map((r) => r.url);
    assert.ok(expected.length >= 2, `${file}: the headless API relates ${expected.length}`);
    const url = site.page(html({
      lang,
      head: `<link rel="alternate" type="${type}" href="${DIR}/${file}">`,
      body: `<related-articles article-url="${query.url}" article-title="${query.title.replace(/"/g, '&quot;')}"></related-articles>`,
    }));
    const { page, log, close } = await site.open(url);
    try {
      await settled(page);
      const [w] = await read(page);
      assert.equal(w.state, 'ready');
      assert.deepEqual(w.items.map((i) => i.href), expected);
      for (const i of w.items) {
        const a = feed.articles.find((x) => x.url === i.href);
        assert.equal(i.link, a.title || a.summary); // decoded as the core decodes it (charset, entities)
        assert.equal(i.category, a.category ?? null);
      }
      assert.deepEqual(log.errors, []);
      assert.deepEqual(log.warnings, []);
    } finally {
      await close();
    }
  });
}
