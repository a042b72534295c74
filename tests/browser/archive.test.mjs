// The widget's archive mode (issue 11, parts 3 and 4), on a real site: the fixture Hugo site
// (10-item feed) with 80 demo posts, built by `hugo`, then by the release CLI's
// `related-articles build --site` with the real widget of dist/, served as a publisher serves it.
// Then, as after a build: one post published later (its page and the new feed copied in by a
// second `hugo` run), one page served again as the generator wrote it (no list in its markup),
// one whose list file is broken, and a page that loads the published script (no archive in it)
// from elsewhere and names the archive with the `index` attribute.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileName, lookupKey } from '../../www/archive.js';
import { archiveShown, archiveSite, markupLinks } from './archive-site.mjs';
import { settled } from './helpers.mjs';

let fixture, env, site, posts;

before(async () => {
  fixture = await archiveSite();
  ({ env, site, posts } = fixture);
});

after(() => fixture?.close());

/** Opens a post page; returns its log, the items the widget shows, and the requests it made. */
async function visit(slug, options) {
  const opened = await env.open(null, options);
  await opened.page.goto(`${env.origin}/posts/${slug}/`);
  await settled(opened.page);
  const shown = await opened.page.evaluate(archiveShown);
  const requests = opened.log.requests.map((u) => new URL(u).pathname);
  return { ...opened, ...shown, requests };
}

test('every post page carries its whole-archive list in its HTML, most of them 4 or more', () => {
  const linked = new Set();
  let full = 0, pages = 0;
  for (const slug of posts.all.filter((s) => ![posts.plain, posts.broken, posts.indexed].includes(s))) {
    const html = readFileSync(join(site, 'posts', slug, 'index.html'), 'utf8');
    if (!html.includes('<related-articles')) continue; // the post without the element
    const links = markupLinks(html);
    const key = `/posts/${slug}/`;
    const path = join(site, 'related-articles', 'lists', fileName(key) + '.json');
    // Not in the archive (noindex, opted out): no list.
    const items = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')).entries.find((e) => e.key == key).items : [];
    // The element's own limit caps the list; fewer than two items make none (the widget would show none).
    const limit = Number(html.match(/<related-articles[^>]* limit="(\d+)"/)?.[1] ?? Infinity);
    const shown = items.slice(0, limit);
    assert.deepEqual(links.map((l) => l.href), shown.length >= 2 ? shown.map((it) => new URL(it.url, env.origin).href) : [], slug);
    pages++;
    if (links.length >= 4) full++;
    for (const l of links) linked.add(l.href);
  }
  assert.ok(full >= 0.9 * pages, `${full} of ${pages} post pages list 4 or more`);
  // The feed holds 10 posts; the lists reach far beyond them.
  assert.ok(linked.size > 40, `the lists link ${linked.size} different posts`);
});

test('a page the build rewrote: the markup is upgraded in place, with no wasm, no list file and no feed', async () => {
  const v = await visit(posts.markup, {
    init: () => {
      window.shifts = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.shifts += e.value; }).observe({ type: 'layout-shift', buffered: true });
      addEventListener('related-articles:render', (e) => { window.rendered = e.detail.items.length; });
    },
  });
  try {
    assert.equal(v.state, 'ready', v.log.all.join('\n'));
    const html = readFileSync(join(site, 'posts', posts.markup, 'index.html'), 'utf8');
    assert.deepEqual(v.links, markupLinks(html), 'the same items, in the same order, as the HTML');
    assert.ok(v.links.length >= 4);
    for (const part of ['heading', 'list', 'item', 'category', 'link', 'date']) assert.ok(v.parts.some((p) => p.split(' ').includes(part)), `part ${part}`);
    assert.deepEqual(v.requests.filter((p) => /\.wasm$|\/lists\/|index\.xml$/.test(p)), [], 'nothing but the page and the script');
    assert.deepEqual(v.log.warnings.concat(v.log.errors), []);
    const { rendered, light, shifts, top } = await v.page.evaluate(() => ({
      shifts: window.shifts,
      top: document.querySelector('related-articles').getBoundingClientRect().top,
      rendered: window.rendered,
      light: document.querySelectorAll('related-articles > section[data-related-articles] li').length,
    }));
    assert.equal(rendered, v.links.length, 'one render event with the items');
    // The list is in the first viewport, with text after it. The page's first paint may show the
    // markup with the page's styles before the module runs: the upgrade to the theme may then move
    // what follows a little (0.0148 here), within Web Vitals' "good" (0.1). Below the fold, nothing.
    assert.ok(top < 900, 'the list is in the first viewport');
    assert.ok(shifts < 0.1, `layout shift ${shifts}`);
    assert.equal(light, v.links.length, 'the markup stays in the page (for readers without JavaScript), not doubled');
  } finally {
    await v.close();
  }
});

test('without JavaScript the list the build wrote is the list a reader sees', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${env.origin}/posts/${posts.markup}/`);
    const links = await page.locator('related-articles section a').evaluateAll((as) => as
      .filter((a) => a.getBoundingClientRect().height > 0).map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
    assert.deepEqual(links, markupLinks(readFileSync(join(site, 'posts', posts.markup, 'index.html'), 'utf8')));
  } finally {
    await context.close();
  }
});

test('a page in the archive without a list in its markup: one list file, no wasm', async () => {
  const v = await visit(posts.plain);
  try {
    assert.equal(v.state, 'ready', v.log.all.join('\n'));
    const key = `/posts/${posts.plain}/`;
    assert.deepEqual(v.requests.filter((p) => /\.wasm$|\/lists\/|index\.xml$/.test(p)), [`/related-articles/lists/${fileName(key)}.json`]);
    const file = JSON.parse(readFileSync(join(site, 'related-articles', 'lists', fileName(key) + '.json'), 'utf8'));
    const items = file.entries.find((e) => e.key == key).items;
    assert.deepEqual(v.links.map((l) => l.href), items.map((it) => new URL(it.url, env.origin).href));
    assert.deepEqual(v.log.warnings.concat(v.log.errors), []);
  } finally {
    await v.close();
  }
});

test('the published script with an index attribute finds the same archive', async () => {
  const v = await visit(posts.indexed);
  try {
    assert.equal(v.state, 'ready', v.log.all.join('\n'));
    const key = `/posts/${posts.indexed}/`;
    assert.deepEqual(v.requests.filter((p) => /\.wasm$|\/lists\/|index\.xml$/.test(p)), [`/related-articles/lists/${fileName(key)}.json`]);
    assert.ok(v.links.length >= 4);
  } finally {
    await v.close();
  }
});

test('a post published after the build falls back to the feed, and says so once', async () => {
  const v = await visit(posts.fresh);
  try {
    assert.equal(v.state, 'ready', v.log.all.join('\n'));
    assert.ok(v.links.length >= 2, `${v.links.length} items from the feed`);
    assert.ok(v.requests.some((p) => p.endsWith('.wasm')), 'the wasm is loaded for the feed');
    assert.ok(v.requests.includes('/index.xml'), 'the feed is fetched');
    assert.ok(v.requests.includes(`/related-articles/lists/${fileName(lookupKey(`${env.origin}/posts/${posts.fresh}/`))}.json`));
    const said = v.log.infos.filter((m) => m.includes('not in the archive'));
    assert.equal(said.length, 1, v.log.all.join('\n'));
    assert.match(said[0], /built before it: ranking it against the feed/);
    // The browser's own line for the list file's 404, which no script can silence; nothing else.
    assert.deepEqual(v.log.warnings.concat(v.log.errors), ['Failed to load resource: the server responded with a status of 404 (Not Found)']);
  } finally {
    await v.close();
  }
});

test('a list file that cannot be read: a warning that names it, and the feed instead', async () => {
  const v = await visit(posts.broken);
  try {
    assert.equal(v.state, 'ready', v.log.all.join('\n'));
    assert.ok(v.requests.some((p) => p.endsWith('.wasm')));
    assert.equal(v.log.warnings.length, 1, v.log.all.join('\n'));
    assert.match(v.log.warnings[0], new RegExp(`could not read the archive's list .*/lists/${fileName(`/posts/${posts.broken}/`)}\\.json \\(HTTP 200\\): ranking against the feed instead`));
    assert.deepEqual(v.log.errors, []);
  } finally {
    await v.close();
  }
});
