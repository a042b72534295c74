// Shared by the browser tests: a local server (127.0.0.1, a free port) over the repository, real
// headless Chromium through playwright-core, fixture pages, and console/error capture. Nothing
// here waits for a guess of time: helpers wait for states, events, observers and animations.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CSP, serve } from '../../scripts/serve.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FEEDS = '/tests/browser/fixtures/feeds';
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// A 1×1 PNG for the fixture images at https://news.example/ (the network is closed).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mOsr6//DwAFeQJ/QdUEVQAAAABJRU5ErkJggg==', 'base64');

if (!existsSync(join(ROOT, 'dist', 'related-articles.js'))) {
  throw new Error('tests/browser: dist/ is missing, run npm run build first');
}

/**
 * An origin nothing listens on: a loopback port bound, then closed (a server that is down: the
 * connection is refused, in every engine, with no request routing). A page that fetches from it
 * allows it in its CSP (`connect-src`, see start()'s page()).
 */
export const DOWN = await new Promise((resolve, reject) => {
  const server = createServer();
  server.on('error', reject);
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(`http://127.0.0.1:${port}`));
  });
});


/**
 * Starts the server and the browser. Pages added with `page(html, { csp })` are served at
 * /__page/N.html with the demo's strict CSP (and `csp`'s directives after it); `/__hang` answers
 * headers and part of a body, then never finishes (a feed that times out); `/__cut` answers
 * headers and part of a body, then drops the connection; `/__nowasm/related-articles.js` is
 * dist's script with no wasm beside it (a 404); `/__downwasm/related-articles.js` the same, its
 * wasm redirected to DOWN (the wasm's server down); `/__hang/KEY` is /__hang's feed;
 * `/__hangwasm/KEY/related-articles.js` is dist's script, its wasm never answered (not even the
 * headers); `/__after.png?path=P` is an image answered once a response under P is held open;
 * `/__flaky/NAME.xml` redirects to DOWN (the connection refused) the first time it is asked,
 * answers 503 the second, and rss2.xml from then on (`hits(path)` counts the requests).
 */
export async function start({ root = ROOT } = {}) {
  const pages = new Map();
  const held = new Set();
  const hits = new Map();
  // The paths of the responses held open, and who waits for one (`/__after.png`).
  const hanging = new Set();
  const waiting = new Set();
  const hang = (res, path) => {
    held.add(res);
    hanging.add(path);
    for (const w of waiting) w();
  };
  const server = await serve({
    root,
    handle(req, res, url) {
      hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
      if (pages.has(url.pathname)) {
        const { html, csp } = pages.get(url.pathname);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp ? `${CSP}; ${csp}` : CSP, 'Cache-Control': 'no-store' });
        res.end(html);
        return true;
      }
      if (url.pathname === '/__nowasm/related-articles.js' || url.pathname === '/__downwasm/related-articles.js'
        || /^\/__hangwasm\/[^/]+\/related-articles\.js$/.test(url.pathname)) {
        // The published script served without the files beside it: its wasm answers 404 (or, by
        // the routes below, redirects to DOWN or never answers).
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
        res.end(readFileSync(join(ROOT, 'dist', 'related-articles.js')));
        return true;
      }
      if (url.pathname.startsWith('/__downwasm/') && url.pathname.endsWith('.wasm')) {
        res.writeHead(307, { Location: `${DOWN}${url.pathname}` });
        res.end();
        return true;
      }
      if (url.pathname.startsWith('/__flaky/')) {
        const n = hits.get(url.pathname);
        if (n === 1) {
          // To the origin that is down: connection refused (a connection dropped unanswered could
          // be retried by the browser on its own, unseen).
          res.writeHead(307, { Location: `${DOWN}${url.pathname}` });
          res.end();
        } else if (n === 2) {
          res.writeHead(503, { 'Content-Type': 'text/plain' });
          res.end('busy');
        } else {
          res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Cache-Control': 'no-store' });
          res.end(readFileSync(join(ROOT, FEEDS.slice(1), 'rss2.xml')));
        }
        return true;
      }
      if (url.pathname === '/__cut') {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title>');
        res.destroy(); // mid-body, mid-chunk: the browser sees the connection drop
        return true;
      }
      if (url.pathname === '/__hang' || url.pathname.startsWith('/__hang/')) {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>');
        hang(res, url.pathname);
        return true;
      }
      if (url.pathname.startsWith('/__hangwasm/') && url.pathname.endsWith('.wasm')) {
        hang(res, url.pathname); // never answered: not even the headers
        return true;
      }
      if (url.pathname === '/__after.png') {
        // A page's own image, answered only once a response under `?path=` is held open: the
        // page's load event cannot fire before the widget has asked for the file that hangs.
        const prefix = url.searchParams.get('path');
        const answer = () => {
          if (![...hanging].some((p) => p.startsWith(prefix))) return;
          waiting.delete(answer);
          res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' });
          res.end(PNG);
        };
        waiting.add(answer);
        answer();
        return true;
      }
      return false;
    },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    origin: server.url,
    browser,
    /** Serves `html` at a fresh URL and returns that URL; `csp` adds directives to the page's CSP. */
    page(html, { csp } = {}) {
      const path = `/__page/${pages.size + 1}.html`;
      pages.set(path, { html, csp });
      return server.url + path;
    },
    /** How many requests the server has had for `path`. */
    hits: (path) => hits.get(path) ?? 0,
    /**
     * A new page (own context) that records console messages, page errors and requested URLs.
     * Motion is reduced (no fade-in to race) unless `reducedMotion: 'no-preference'` asks for it.
     */
    async open(url, { colorScheme = 'light', reducedMotion = 'reduce', timezoneId, locale, init, viewport = { width: 1000, height: 900 }, bypassCSP = false } = {}) {
      const context = await browser.newContext({ colorScheme, reducedMotion, timezoneId, locale, viewport, bypassCSP });
      await context.route('https://news.example/**', (route) => (route.request().resourceType() === 'image'
        ? route.fulfill({ body: PNG, contentType: 'image/png' })
        : route.fulfill({ body: '<!doctype html><title>elsewhere</title>', contentType: 'text/html' })));
      const page = await context.newPage();
      const log = { warnings: [], infos: [], errors: [], all: [], requests: [] };
      page.on('request', (r) => log.requests.push(r.url()));
      page.on('console', (m) => {
        log.all.push(`${m.type()}: ${m.text()}`);
        if (m.type() === 'warning') log.warnings.push(m.text());
        if (m.type() === 'info') log.infos.push(m.text());
        if (m.type() === 'error') log.errors.push(m.text());
      });
      page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
      if (init) await page.addInitScript(init);
      if (url) await page.goto(url);
      return { page, log, context, close: () => context.close() };
    },
    async close() {
      for (const res of held) res.destroy();
      await browser.close();
      server.server.closeAllConnections();
      await server.close();
    },
  };
}

/** A publisher-style page: `head` goes into <head> after the widget's script, `body` into <main>. */
export function html({ lang = 'en', title = 'Fixture page', head = '', body = '<related-articles></related-articles>', script = true } = {}) {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
${title ? `<title>${title}</title>\n` : ''}${script ? '<script type="module" src="/dist/related-articles.js"></script>\n' : ''}${head}
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/** JSON-LD + Open Graph for one article of the fixture feeds, as a publisher's CMS writes them. */
export function articleHead(a, feed = `${FEEDS}/rss2.xml`, type = 'application/rss+xml') {
  const ld = { '@context': 'https://schema.org', '@type': 'NewsArticle', url: a.url, headline: a.title || undefined,
    description: a.summary, articleSection: a.category, datePublished: a.date };
  return `<link rel="alternate" type="${type}" href="${feed}">
<link rel="canonical" href="${a.url}">
<meta property="og:url" content="${a.url}">
<script type="application/ld+json">${JSON.stringify(ld)}</script>`;
}

/**
 * Waits until every <related-articles> on the page has settled (ready, empty or error) for the
 * first time. After a change (an attribute, the page's metadata) the previous state still reads as
 * settled: wait for the new run's render event, console message or state instead.
 */
export async function settled(page, timeout = 15000) {
  await page.waitForFunction(() => [...document.querySelectorAll('related-articles')]
    .every((e) => ['ready', 'empty', 'error'].includes(e.getAttribute('state'))), null, { timeout });
}

/**
 * Whether the first <related-articles> has stayed out of the widget's reach, without a guess of
 * time: an IntersectionObserver of the page's own, with the widget's root margin (www/element.js),
 * reports the element's position. The widget's observer was created earlier, so its first report
 * comes no later than ours; two animation frames after ours it has surely been delivered, and a
 * near widget sets state="loading" in that very callback. Returns `{ near, state }`: `near` as the
 * page's observer saw it, `state` the element's attribute then.
 */
export function reach(page) {
  return page.evaluate(async () => {
    const el = document.querySelector('related-articles');
    const near = await new Promise((resolve) => {
      const io = new IntersectionObserver(([entry]) => {
        io.disconnect();
        resolve(entry.isIntersecting);
      }, { rootMargin: '100% 0px' });
      io.observe(el);
    });
    for (let frame = 0; frame < 2; frame++) await new Promise(requestAnimationFrame);
    return { near, state: el.getAttribute('state') };
  });
}

/** What a reader sees in each widget: [{ state, heading, items: [{ category, link, href, date, datetime, ... }] }]. */
export function read(page) {
  return page.evaluate(widgets);
}

/** read()'s page side, for any engine's evaluate (tests/browser/engines.mjs). */
export const widgets = () => [...document.querySelectorAll('related-articles')].map((el) => {
  const r = el.shadowRoot;
  const text = (n, sel) => n.querySelector(sel)?.textContent ?? null;
  return {
    state: el.getAttribute('state'),
    heading: r && text(r, '[part~=heading]'),
    items: r ? [...r.querySelectorAll('[part~=item]')].map((li) => ({
      category: text(li, '[part~=category]'),
      link: text(li, '[part~=link]'),
      href: li.querySelector('[part~=link]')?.getAttribute('href'),
      summary: text(li, '[part~=summary]'),
      date: text(li, '[part~=date]'),
      datetime: li.querySelector('[part~=date]')?.getAttribute('datetime') ?? null,
      image: li.querySelector('[part~=image]')?.getAttribute('src') ?? null,
      pinned: li.getAttribute('part').includes('pinned'),
    })) : [],
  };
});

/** axe-core's source, for any engine to run in a page. */
export const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.x A/AA and best practices) on the page; returns the violations, shadow DOM
 * included. Colours are read once every animation (the page's and the widgets') has finished:
 * mid-fade, text is lighter than it will be.
 */
export async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(axeRun);
}

/** axe()'s page side, for any engine's evaluate once AXE has run in the page: the violations. */
export const axeRun = async () => {
  await Promise.all([document, ...[...document.querySelectorAll('*')].map((e) => e.shadowRoot).filter(Boolean)]
    .flatMap((root) => root.getAnimations()).map((a) => a.finished));
  return (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' >>> ')) }));
};
