// Privacy, shown (issue 13, part 5): in real headless Chromium, every request of a page with the
// widget (its whole browser context, WebSockets and service workers included) and every touch of
// a storage API is recorded. The widget asks for its own two files and the configured feed,
// nothing else (in the grid layout, also the thumbnails the feed names); it sets no cookie and
// stores nothing anywhere.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, FEEDS, articleHead, html, read, settled, start } from './helpers.mjs';

const [main] = JSON.parse(readFileSync(join(ROOT, FEEDS, 'articles.json'), 'utf8'));

let site;
before(async () => { site = await start(); });
after(async () => { await site?.close(); });

/**
 * Runs before any script of the page: wraps every storage API a script could reach (Web Storage,
 * IndexedDB, Cache Storage, cookies through document.cookie and Cookie Store, service workers) so
 * that each use is written to window.__storage. The page itself touches none of them.
 */
function recordStorage() {
  const uses = (window.__storage = []);
  const wrap = (target, name, label) => {
    const d = target && Object.getOwnPropertyDescriptor(target, name);
    if (!d) return;
    if (typeof d.value == 'function') {
      const f = d.value;
      d.value = function (...args) { uses.push(`${label}.${name}(${args.map(String).join(', ')})`); return f.apply(this, args); };
    }
    if (d.get) {
      const g = d.get;
      d.get = function () { uses.push(`get ${label}.${name}`); return g.call(this); };
    }
    if (d.set) {
      const s = d.set;
      d.set = function (v) { uses.push(`set ${label}.${name} = ${v}`); return s.call(this, v); };
    }
    Object.defineProperty(target, name, d);
  };
  for (const name of ['localStorage', 'sessionStorage', 'indexedDB', 'caches', 'cookieStore']) {
    wrap(Object.getOwnPropertyDescriptor(window, name) ? window : Window.prototype, name, 'window');
  }
  for (const name of ['getItem', 'setItem', 'removeItem', 'clear', 'key']) wrap(Storage.prototype, name, 'Storage');
  for (const name of ['open', 'deleteDatabase', 'databases']) wrap(IDBFactory.prototype, name, 'indexedDB');
  for (const name of ['open', 'has', 'keys', 'match', 'delete']) wrap(globalThis.CacheStorage?.prototype, name, 'caches');
  for (const name of ['get', 'getAll', 'set', 'delete']) wrap(globalThis.CookieStore?.prototype, name, 'cookieStore');
  wrap(Document.prototype, 'cookie', 'document');
  wrap(globalThis.ServiceWorkerContainer?.prototype, 'register', 'serviceWorker');
}

for (const layout of ['list', 'grid']) {
  test(`${layout} layout: requests go to the page's origin and the feed's images only; no cookie, nothing stored`, async () => {
    const url = site.page(html({ head: articleHead(main, `${FEEDS}/rss2.xml`), body: `<related-articles layout="${layout}"></related-articles>` }));
    const { page, log, context, close } = await site.open(null, { init: recordStorage });
    const requests = [];
    const sockets = [];
    context.on('request', (r) => requests.push(r.url()));
    page.on('websocket', (ws) => sockets.push(ws.url()));
    context.on('serviceworker', (w) => sockets.push(`service worker ${w.url()}`));
    try {
      await page.goto(url);
      await settled(page);
      const [w] = await read(page);
      assert.equal(w.state, 'ready');
      assert.equal(w.items.length, 5);
      // Lazy thumbnails: wait until each has loaded (or failed), so none is requested after the check.
      await page.waitForFunction(() => [...document.querySelector('related-articles').shadowRoot.querySelectorAll('img')].every((i) => i.complete));
      const images = w.items.map((i) => i.image).filter(Boolean);
      assert.ok(layout == 'grid' ? images.length > 0 : images.length == 0, `${images.length} thumbnails shown`);
      // Each once, in any order (the feed and the wasm download side by side); the wasm's name
      // carries its content hash.
      const own = requests.filter((u) => new URL(u).origin == site.origin)
        .map((u) => u.slice(site.origin.length).replace(/\.[0-9a-f]{10}\.wasm$/, '.<hash>.wasm')).sort();
      assert.deepEqual(own, [url.slice(site.origin.length), '/dist/related-articles.js', '/dist/related-articles.<hash>.wasm', `${FEEDS}/rss2.xml`].sort(),
        'from the page\'s origin: the page, the script, the wasm and the feed');
      assert.deepEqual(requests.filter((u) => new URL(u).origin != site.origin).sort(), [...images].sort(), 'elsewhere: only the thumbnails the feed names');
      assert.deepEqual(sockets, []);
      assert.deepEqual(await context.cookies(), [], 'no cookie');
      assert.deepEqual(await page.evaluate(() => window.__storage), [], 'no storage API is touched');
      // And nothing was stored some other way the wrappers would miss.
      assert.deepEqual(await page.evaluate(async () => [localStorage.length, sessionStorage.length, (await indexedDB.databases()).length, (await caches.keys()).length]), [0, 0, 0, 0]);
      assert.deepEqual(log.errors, []);
    } finally {
      await close();
    }
  });
}
