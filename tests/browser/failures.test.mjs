// Every way the widget can fail leaves the element empty with state="error" (or "empty"), says
// what to fix in exactly one console.warn (a page without WebAssembly: nothing), and never throws into the host page: no uncaught error
// (Playwright's pageerror, the page's own 'error' listener) and no unhandled rejection (the page's
// 'unhandledrejection' listener). A feed or wasm that never finishes does not hold up the page's
// load event. A failed fetch is tried again by the next run. No request routing: the test server's
// routes and a closed port stand in for the network, so the other engines run the same cases
// (tests/browser/cases.mjs, engines.test.mjs).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FAILURES, HANGING, RETRY, RSS, main, outcome } from './cases.mjs';
import { articleHead, html, read, settled, start } from './helpers.mjs';

const SAID = '<script src="/tests/browser/fixtures/said.js"></script>';

let site;
before(async () => { site = await start(); });
after(async () => { await site?.close(); });

// Chromium itself logs a failed HTTP status as a console error ("Failed to load resource"): that
// line is the browser's network log, not the widget's, so it is the only error tolerated here.
const ownErrors = (log) => log.errors.filter((e) => !e.startsWith('Failed to load resource'));

/**
 * Runs first in each page: what the page itself would see thrown at it, an uncaught error or a
 * rejection no one handled, into window.__thrown.
 */
function listenForThrows() {
  window.__thrown = [];
  addEventListener('error', (e) => window.__thrown.push(`error: ${e.message}`));
  addEventListener('unhandledrejection', (e) => window.__thrown.push(`unhandled rejection: ${e.reason?.stack || e.reason}`));
}

/** The page's own view of what was thrown at it: nothing, in every test here. */
const thrown = (page) => page.evaluate(() => window.__thrown);

async function fails({ head, body, script = true, csp, state = 'error', warning, unfetched }) {
  const url = site.page(html({ title: '', head: SAID + head, body, script }), { csp });
  const started = performance.now(); // before the page exists: nothing it times can start earlier
  const { page, log, close } = await site.open(null);
  try {
    await page.addInitScript(listenForThrows);
    await page.goto(url);
    await settled(page);
    for (const w of await read(page)) {
      assert.equal(w.state, state);
      assert.deepEqual(w.items, []);
    }
    for (const o of await page.evaluate(outcome)) assert.deepEqual(o, { state, children: 0, height: 0 });
    assert.deepEqual(await page.evaluate(() => window.__events), [], 'no render event');
    if (warning) {
      assert.equal(log.warnings.length, 1, log.warnings.join('\n'));
      assert.match(log.warnings[0], /^<related-articles>: /);
      assert.match(log.warnings[0], warning);
    } else {
      assert.deepEqual(log.all, [], 'nothing said at all');
    }
    if (unfetched) assert.deepEqual(log.requests.filter((u) => unfetched.test(new URL(u).pathname)), [], 'not fetched');
    assert.deepEqual(ownErrors(log), [], 'no uncaught error or unhandled rejection reaches the page');
    assert.deepEqual(await thrown(page), [], 'the page\'s error and unhandledrejection listeners heard nothing');
    return { page, log, elapsed: performance.now() - started };
  } finally {
    await close();
  }
}

// The failures shared with the other engines (tests/browser/cases.mjs, engines.test.mjs).
for (const c of FAILURES) {
  test(`${c.name}: state="${c.state ?? 'error'}", ${c.warning ? 'one warning' : 'nothing said'}, nothing thrown into the page`, async () => {
    const { elapsed, log } = await fails(c);
    if (c.minElapsed) assert.ok(elapsed >= c.minElapsed, `gave up after ${elapsed} ms, before its timeout`);
    if (/two failing/.test(c.name)) assert.equal(log.requests.filter((u) => u.endsWith('/no-such-feed.json')).length, 1, 'one fetch for both');
  });
}

test('a timeout out of range is clamped to 1–60 s, with one warning naming the attribute and the range', async () => {
  const url = site.page(html({ title: '', head: articleHead(main, '/__hang'), body: '<related-articles timeout="0.2"></related-articles>' }));
  const started = performance.now();
  const { page, log, close } = await site.open(url);
  try {
    await settled(page);
    assert.equal((await read(page))[0].state, 'error');
    assert.deepEqual(log.warnings.map((w) => w.replace(/ to load: .*/, '').replace(/http:\S+\//, '')), [
      '<related-articles>: timeout="0.2" must be a number of seconds from 1 to 60: using 1',
      '<related-articles>: the feed __hang took over 1 s',
    ]);
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 1000, `gave up after ${elapsed} ms: the 1 s minimum was not waited`);
  } finally {
    await close();
  }
});

test('a timeout that is not a number: one warning, the default 10 s, and the list still renders', async () => {
  const { page, log, close } = await site.open(site.page(html({ head: articleHead(main, ...RSS), body: '<related-articles timeout="soon"></related-articles>' })));
  try {
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.state, 'ready');
    assert.equal(w.items.length, 5);
    assert.deepEqual(log.warnings, ['<related-articles>: timeout="soon" must be a number of seconds from 1 to 60: using 10']);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

// Shared with the other engines (tests/browser/cases.mjs, engines.test.mjs).
test('a failed feed fetch is not kept: re-inserting the element, then changing an attribute, fetch again', async () => {
  const feed = RETRY.feed('chromium');
  const url = site.page(html({ title: '', head: RETRY.head(feed) }), { csp: RETRY.csp });
  const { page, log, close } = await site.open(null);
  const warned = (pattern) => page.waitForEvent('console', (m) => m.type() === 'warning' && pattern.test(m.text()));
  const state = () => page.locator('related-articles').getAttribute('state');
  try {
    let warning = warned(RETRY.warnings[0]);
    await page.goto(url);
    await warning; // printed in the same task that sets state="error"
    assert.equal(await state(), 'error');

    warning = warned(RETRY.warnings[1]);
    await page.evaluate(RETRY.reinsert);
    await warning;
    assert.equal(await state(), 'error');
    assert.equal(site.hits(feed), 2, 're-inserted after a failure: fetched again');

    await page.evaluate(RETRY.relimit);
    await page.waitForFunction(() => document.querySelector('related-articles').getAttribute('state') === 'ready');
    const [w] = await read(page);
    assert.equal(w.items.length, RETRY.items);
    assert.equal(site.hits(feed), 3, 'an attribute change after a failure: fetched again');
    assert.equal(log.warnings.length, 2, log.warnings.join('\n'));
    assert.deepEqual(ownErrors(log), []);
  } finally {
    await close();
  }
});

// Shared with the other engines (tests/browser/cases.mjs, engines.test.mjs).
for (const c of HANGING) {
  test(`a ${c.what} that never finishes does not hold up the page's load event`, async () => {
    const key = `chromium-${c.what}`;
    const url = site.page(html({ title: '', head: c.head(key), body: c.body(key), script: c.script }));
    const { page, log, close } = await site.open(null);
    try {
      await page.addInitScript(listenForThrows);
      // Resolves on the page's load event; a load held up by the widget fails here, after 10 s.
      await page.goto(url, { waitUntil: 'load', timeout: 10000 });
      assert.equal(await page.evaluate(() => window.__atLoad), 'loading', 'the load event fired with the widget still waiting');
      assert.equal(await page.evaluate(() => document.readyState), 'complete');
      assert.deepEqual(await thrown(page), []);
      assert.deepEqual(ownErrors(log), []);
    } finally {
      await close();
    }
  });
}
