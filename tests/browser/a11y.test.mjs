// Accessibility: the keyboard reaches every link in order with a visible focus ring, and axe-core
// finds no violation in the list and grid layouts, light and dark.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AXE_PAGES } from './cases.mjs';
import { ROOT, FEEDS, articleHead, axe, html, read, settled, start } from './helpers.mjs';

const [main] = JSON.parse(readFileSync(join(ROOT, FEEDS, 'articles.json'), 'utf8'));
const RSS = [`${FEEDS}/rss2.xml`, 'application/rss+xml'];

let site;
before(async () => { site = await start(); });
after(async () => { await site?.close(); });

test('Tab reaches each link in order, with a visible focus indicator', async () => {
  const url = site.page(html({
    head: articleHead(main, ...RSS),
    body: '<a href="#before">Before</a>\n<related-articles></related-articles>\n<a href="#after">After</a>',
  }));
  const { page, log, close } = await site.open(url);
  try {
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.items.length, 5);
    const focused = () => page.evaluate(() => {
      const host = document.activeElement;
      const el = host.shadowRoot?.activeElement || host;
      const style = getComputedStyle(el);
      return { href: el.getAttribute('href'), inWidget: el !== host, outline: `${style.outlineStyle} ${style.outlineWidth}`, visible: el.matches(':focus-visible') };
    });
    const order = [];
    for (let i = 0; i < 7; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    assert.deepEqual(order.map((f) => f.href), ['#before', ...w.items.map((i) => i.href), '#after']);
    for (const f of order.slice(1, 6)) {
      assert.equal(f.inWidget, true);
      assert.equal(f.visible, true);
      assert.equal(f.outline, 'solid 2px', 'a 2px solid ring in the text colour');
    }
    // Shift+Tab walks back through the list.
    await page.keyboard.press('Shift+Tab');
    assert.equal((await focused()).href, w.items[4].href);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

// The pages shared with the other engines (tests/browser/cases.mjs, engines.test.mjs).
for (const { layout, colorScheme, head, body } of AXE_PAGES) {
  test(`axe-core: no violations (${layout} layout, ${colorScheme})`, async () => {
    const url = site.page(html({ head, body }));
    // axe injects its own script: this context lets it past the CSP (the widget needs no such help).
    const { page, close } = await site.open(url, { colorScheme, bypassCSP: true });
    try {
      await settled(page);
      assert.equal((await read(page))[0].state, 'ready');
      assert.deepEqual(await axe(page), []);
    } finally {
      await close();
    }
  });
}
