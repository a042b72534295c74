// The demo site as `npm start` serves it (generated into a temporary folder for this server's
// origin): the seed article's page, moving between articles, light and dark, accessibility, and
// screenshots in tests/artifacts/ (docs/screenshots/ holds the reviewed copies).
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

before(async () => {
  site = await start({ root: out });
  origin = site.origin;
  generate({ out, base: origin });
  mkdirSync(ARTIFACTS, { recursive: true });
});

after(async () => {
  await site?.close();
  rmSync(out, { recursive: true, force: true });
});

const pageOf = (a) => `${origin}/articles/${a.slug}.html`;

test('the seed article page shows its related articles, as the reference page does, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, log, close } = await site.open(pageOf(seed[0]), { colorScheme, viewport: { width: 1100, height: 900 } });
    try {
      assert.deepEqual(await reach(page), { near: false, state: null }, 'below the fold: not started');
      await page.locator('footer').scrollIntoViewIfNeeded(); // the reader reaches the end of the article
      await settled(page);
      const [w] = await read(page);
      assert.equal(w.state, 'ready');
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
    assert.match(await page.locator('#measure').textContent(), /you followed 1 related link/);
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

test('a HuffPost article page gets a list too, served with the wasm MIME type and a strict CSP', async () => {
  const a = data.find((x) => x.category === 'Food & Drink');
  const { page, log, close } = await site.open(null);
  try {
    const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
    const response = await page.goto(pageOf(a));
    assert.match(response.headers()['content-security-policy'], /require-trusted-types-for 'script'/);
    await page.locator('footer').scrollIntoViewIfNeeded();
    assert.equal((await wasm).headers()['content-type'], 'application/wasm');
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.state, 'ready');
    assert.ok(w.items.length >= 2);
    assert.ok(w.items.every((i) => i.href.startsWith(`${origin}/articles/`) && i.category && i.datetime));
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe-core: the demo article page has no violations (${colorScheme})`, async () => {
    const { page, close } = await site.open(pageOf(seed[0]), { colorScheme, bypassCSP: true });
    try {
      await page.locator('footer').scrollIntoViewIfNeeded();
      await settled(page);
      assert.deepEqual(await axe(page), []);
    } finally {
      await close();
    }
  });
}
