// The demo site as `npm start` serves it (generated into a temporary folder for this server's
// origin, archive built by the release CLI as generate() does by default): the seed article's page,
// whose list the build wrote into its HTML (no wasm, no request), moving between articles, the one
// article published after the build (its list ranked from the feed by the wasm), light and dark,
// accessibility, and screenshots in tests/artifacts/ (docs/screenshots/ holds the reviewed copies).
// Every wait is for a state, an event or a response, never for time.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { generate } from '../../www/demo/generate.mjs';
import { ARTIFACTS, ROOT, axe, reach, read, settled, start } from './helpers.mjs';

const data = JSON.parse(readFileSync(join(ROOT, 'www', 'demo', 'data', 'articles.json'), 'utf8'));
const seed = data.filter((a) => a.source === 'seed');
const out = mkdtempSync(join(tmpdir(), 'related-articles-demo-'));
let site;
let origin;
let built; // what generate() returned
// What the widget would fetch in feed mode: its wasm, a list file, the feed.
const fetched = (log) => log.requests.map((u) => new URL(u).pathname).filter((p) => /\.wasm$|\/lists\/|\/feed\.xml$/.test(p));

before(async () => {
  site = await start({ root: out });
  origin = site.origin;
  built = generate({ out, base: origin });
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await site?.close();
  rmSync(out, { recursive: true, force: true });
});

const pageOf = (a) => `${origin}/articles/${a.slug}.html`;
const freshArticle = () => data.find((a) => pageOf(a) === built.fresh);

test('the site: the archive built over every article but one, published after it and in the 20-item feed', () => {
  const fresh = freshArticle();
  assert.ok(fresh, built.fresh);
  assert.equal(fresh.date, data.map((a) => a.date).sort().at(-1), 'the newest article');
  assert.equal(built.manifest.counts.articles, data.length - 1);
  assert.deepEqual(built.manifest.counts.skipped, { 'not-article': 1 }, 'the index page');
  const feed = readFileSync(join(out, 'feed.xml'), 'utf8');
  const links = [...feed.matchAll(/<item>\n(?:<title>.*\n)?<link>([^<]+)<\/link>/g)].map((m) => m[1]);
  assert.equal(links.length, 20);
  assert.equal(links[0], built.fresh, 'the feed leads with the article published after the build');
  const html = readFileSync(join(out, 'articles', `${fresh.slug}.html`), 'utf8');
  assert.match(html, /<related-articles><\/related-articles>/, 'no list in its markup');
  assert.match(html, /<script type="module" src="\/related-articles\/related-articles.js"><\/script>/);
  assert.match(readFileSync(join(out, 'articles', `${seed[0].slug}.html`), 'utf8'), /<related-articles><section data-related-articles>/);
});

test('the seed article page shows its related articles, as the reference page does, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, log, close } = await site.open(pageOf(seed[0]), { colorScheme, viewport: { width: 1100, height: 900 } });
    try {
      // The list is in the HTML: upgraded as the script runs, below the fold, with no request.
      assert.deepEqual(await reach(page), { near: false, state: 'ready' }, 'below the fold: upgraded already');
      const markup = await page.locator('related-articles > section[data-related-articles] a').evaluateAll((as) => as.map((a) => a.href));
      await page.locator('footer').scrollIntoViewIfNeeded(); // the reader reaches the end of the article
      await settled(page);
      const [w] = await read(page);
      assert.equal(w.state, 'ready');
      assert.deepEqual(w.items.map((i) => i.href), markup, 'the list the build wrote into the page');
      assert.deepEqual(fetched(log), [], 'no wasm, no list file, no feed');
      assert.match(await page.locator('footer').textContent(), /computed by related-articles build over the whole archive and written\s+into this page; the widget upgraded it without loading any wasm/);
      assert.equal(w.heading, 'Related Articles');
      assert.equal(w.items.length, 5);
      const fromSeed = w.items.filter((i) => seed.some((a) => pageOf(a) === i.href));
      assert.ok(fromSeed.length >= 4, `${fromSeed.length} of the seed page's related articles`);
      for (const i of fromSeed) {
        const a = seed.find((s) => pageOf(s) === i.href);
        assert.equal(i.category, 'Political history');
        assert.equal(i.link, a.summary);
        assert.equal(i.datetime, a.date);
        assert.equal(i.date, new Date(a.date).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' }));
      }
      assert.deepEqual(log.errors, []);
      assert.deepEqual(log.warnings, []);
      // The end of the article, the widget and the footer (page coordinates), and the whole page.
      const [top, bottom, left, width] = await page.evaluate(() => {
        const main = document.querySelector('main').getBoundingClientRect();
        return [document.querySelector('related-articles').getBoundingClientRect().top + scrollY, document.documentElement.scrollHeight, main.left, main.width];
      });
      // Reduced motion already leaves nothing to fade; 'disabled' would also finish any animation.
      const shot = { animations: 'disabled', fullPage: true };
      await page.screenshot({ ...shot, path: join(ARTIFACTS, `demo-${colorScheme}.png`), clip: { x: left - 24, y: top - 320, width: width + 48, height: bottom - top + 320 } });
      await page.screenshot({ ...shot, path: join(ARTIFACTS, `demo-${colorScheme}-full.png`) });
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, colorScheme === 'dark' ? 'rgb(18, 20, 22)' : 'rgb(253, 252, 249)');
    } finally {
      await close();
    }
  }
});

test('moving between articles changes the list; select events are counted on the page only', async () => {
  const { page, log, close } = await site.open(`${origin}/`);
  try {
    const sections = await page.locator('main section').count();
    assert.equal(sections, new Set(data.map((a) => a.category)).size);
    assert.equal(await page.locator('main section a').count(), data.length);
    await page.getByRole('link', { name: seed[0].title }).first().click();
    await page.waitForURL(pageOf(seed[0])); // else the index page's footer may be the one scrolled to
    await page.locator('footer').scrollIntoViewIfNeeded();
    await settled(page);
    const first = await read(page);
    await page.locator('related-articles a[part~=link]').first().click();
    await page.waitForURL(first[0].items[0].href);
    await page.locator('footer').scrollIntoViewIfNeeded();
    await settled(page);
    const second = await read(page);
    assert.equal(second[0].state, 'ready');
    assert.notDeepEqual(second[0].items.map((i) => i.href), first[0].items.map((i) => i.href));
    assert.ok(!second[0].items.some((i) => i.href === page.url()), 'never the page itself');
    assert.match(await page.locator('#measure').textContent(), /the list shows 5 articles; you followed 1 related link/);
    assert.deepEqual(fetched(log), [], 'both lists from the archive');
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.warnings, []);
    // The theme button overrides the system setting.
    await page.locator('#theme').click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(18, 20, 22)');
  } finally {
    await close();
  }
});

test('the article published after the build: ranked from the feed by the wasm (its MIME type), under a strict CSP, said once', async () => {
  const fresh = freshArticle();
  const { page, log, close } = await site.open(null);
  try {
    const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
    const response = await page.goto(built.fresh);
    assert.match(response.headers()['content-security-policy'], /require-trusted-types-for 'script'/);
    await page.locator('footer').scrollIntoViewIfNeeded();
    assert.equal((await wasm).headers()['content-type'], 'application/wasm');
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.state, 'ready', log.all.join('\n'));
    assert.ok(w.items.length >= 4, `${w.items.length} items from the feed`);
    assert.ok(w.items.every((i) => i.href.startsWith(`${origin}/articles/`) && i.category && i.datetime));
    assert.ok(!w.items.some((i) => i.href === built.fresh), 'never the page itself');
    const siblings = w.items.filter((i) => seed.some((a) => a !== fresh && pageOf(a) === i.href));
    assert.ok(siblings.length >= 4, `${siblings.length} of its seed siblings`);
    const paths = fetched(log);
    assert.ok(paths.includes('/feed.xml') && paths.some((p) => p.startsWith('/related-articles/lists/')), paths.join(' '));
    const said = log.infos.filter((m) => m.includes('not in the archive'));
    assert.equal(said.length, 1, log.all.join('\n'));
    assert.match(said[0], /built before it: ranking it against the feed until the next build/);
    // The browser's own line for the list file's 404, which no script can silence; nothing else.
    assert.deepEqual(log.warnings.concat(log.errors), ['Failed to load resource: the server responded with a status of 404 (Not Found)']);
    assert.match(await page.locator('footer').textContent(), /published after the last build[^.]*computed in your browser by the wasm core from the RSS feed/);
  } finally {
    await close();
  }
});

test('the index links the article published after the build, and says where its list comes from', async () => {
  const { page, log, close } = await site.open(`${origin}/`);
  try {
    const link = page.locator('#fresh a');
    assert.equal(await link.getAttribute('href'), new URL(built.fresh).pathname);
    assert.match(await page.locator('#fresh').textContent(), /Published after the last build — its list comes from the feed, ranked in your browser/);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

for (const [which, colorScheme] of [['archived', 'light'], ['archived', 'dark'], ['published after the build', 'light']]) {
  test(`axe-core: the demo article page has no violations (${which}, ${colorScheme})`, async () => {
    const { page, close } = await site.open(which === 'archived' ? pageOf(seed[0]) : built.fresh, { colorScheme, bypassCSP: true });
    try {
      await page.locator('footer').scrollIntoViewIfNeeded();
      await settled(page);
      assert.deepEqual(await axe(page), []);
    } finally {
      await close();
    }
  });
}
