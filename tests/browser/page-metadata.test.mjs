// One set of page metadata rules, two implementations: the widget's pageArticle (www/page.js, on
// the live DOM in Chromium) must read every fixture page of tests/fixtures/pages as
// expected.json says, the file tests/site_pages.rs holds `build --site`'s reader to. And a list
// `build --site` wrote with hostile values (hostile-list.rewritten.html, kept equal to the
// rewriter's output by tests/site_pages.rs) parses in Chromium as text: no script runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, start } from './helpers.mjs';

const DIR = '/tests/fixtures/pages';
const { pages } = JSON.parse(readFileSync(join(ROOT, DIR, 'expected.json'), 'utf8'));
const FIELDS = ['id', 'url', 'title', 'summary', 'category', 'tags', 'date', 'lang'];

let site;
before(async () => { site = await start(); });
after(async () => { await site?.close(); });

for (const [file, want] of Object.entries(pages)) {
  if (want.skip) continue; // whether a page is an article is the build's question only
  test(`page metadata: the widget reads ${file} as the build does`, async () => {
    // No CSP: its base-uri 'none' would void the <base href> the rules resolve against.
    const { page, log, close } = await site.open(`${site.origin}${DIR}/${file}`, { bypassCSP: true });
    try {
      const got = await page.evaluate(async (origin) => {
        const { pageArticle } = await import(origin + '/www/page.js');
        return pageArticle(document.querySelector('related-articles') || document.documentElement);
      }, site.origin);
      const expected = JSON.parse(JSON.stringify({ ...want, ...want.widget_pending }).replaceAll('{origin}', site.origin));
      for (const field of FIELDS) assert.deepEqual(got[field], expected[field], `${file}: ${field}`);
      assert.deepEqual(log.errors, []);
    } finally {
      await close();
    }
  });
}

test('a written list with hostile values is text in Chromium: no script runs, the links are as written', async () => {
  const { page, log, context, close } = await site.open(undefined, { bypassCSP: true });
  try {
    // The list's image points at an offline host: answer it here, so no network error races the checks.
    await context.route('https://x.example/**', (route) => route.fulfill({ status: 404, body: '' }));
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await page.goto(`${site.origin}${DIR}/hostile-list.rewritten.html`);
    const got = await page.evaluate(() => {
      const el = document.querySelector('related-articles');
      const section = el.querySelector(':scope > section[data-related-articles]');
      return {
        xss: window.__xss ?? null,
        scripts: document.scripts.length,
        heading: section.querySelector('h2').textContent,
        links: [...section.querySelectorAll('li a')].map((a) => [a.href, a.textContent]),
        categories: [...section.querySelectorAll('.category')].map((c) => c.textContent),
        images: [...section.querySelectorAll('img')].map((i) => i.getAttribute('src')),
        dates: [...section.querySelectorAll('time')].map((t) => [t.dateTime, t.textContent]),
        eventAttributes: [...el.querySelectorAll('*')].flatMap((n) => [...n.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
        ld: JSON.parse(el.querySelector(':scope > script[type="application/ld+json"]').textContent),
      };
    });
    assert.equal(got.xss, null);
    assert.deepEqual(dialogs, []);
    assert.equal(got.scripts, 1, 'the JSON-LD block only');
    assert.deepEqual(got.eventAttributes, []);
    assert.equal(got.heading, '</h2><script>window.__xss=10</script>');
    const titles = [
      '</script><script>window.__xss=1</script>',
      '"><img src=x onerror="window.__xss=2">',
      'NUL and \u2028 and </related-articles><script>window.__xss=8</script>',
    ];
    assert.deepEqual(got.links, [
      ['https://x.example/a', titles[0]],
      ['https://x.example/b?q=%22%3E%3Cscript%3Ewindow.__xss=5%3C/script%3E', titles[1]],
      ['https://x.example/c', titles[2]],
    ]);
    assert.deepEqual(got.categories, ["'><svg onload=window.__xss=3>"]);
    assert.deepEqual(got.images, ['https://x.example/i.png%22%20onerror=%22window.__xss=6']);
    assert.deepEqual(got.dates, [['2025-07-19', 'July 19, 2025'], ['2025-02-30', 'March 2, 2025']]);
    assert.deepEqual(got.ld.itemListElement.map((i) => i.name), titles);
    assert.equal(got.ld.name, got.heading);
    assert.deepEqual(log.errors.filter((e) => !e.startsWith('Failed to load resource: the server responded with a status of 404')), []);
  } finally {
    await close();
  }
});
