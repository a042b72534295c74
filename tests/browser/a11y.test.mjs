// Accessibility: the keyboard reaches every link in order with a visible focus ring, and axe-core
// finds no violation in the list and grid layouts, light and dark.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AXE_PAGES, KEYBOARD } from './cases.mjs';
import { axe, html, read, settled, start } from './helpers.mjs';

let site;
before(async () => { site = await start(); });
after(async () => { await site?.close(); });

// Shared with the other engines (tests/browser/cases.mjs, engines.test.mjs).
test('Tab reaches each link in order, with a visible focus indicator', async () => {
  const { page, log, close } = await site.open(site.page(html({ head: KEYBOARD.head, body: KEYBOARD.body })));
  try {
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.items.length, 5);
    const order = [];
    for (let i = 0; i < KEYBOARD.steps; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(KEYBOARD.focused));
    }
    await page.keyboard.press('Shift+Tab');
    KEYBOARD.check(order, await page.evaluate(KEYBOARD.focused), w.items);
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
