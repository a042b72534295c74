// The <related-articles> element in real headless Chromium, on pages served with a strict CSP and
// Trusted Types: zero configuration, every feed format, the attributes, several elements on one
// page, re-rendering, events, lazy start, text-only rendering, an unseen publisher's page, the
// fade-in (the one test that keeps motion), and an article a short feed does not hold.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, FEEDS, articleHead, html, reach, read, settled, start } from './helpers.mjs';

const fixture = JSON.parse(readFileSync(join(ROOT, FEEDS, 'articles.json'), 'utf8'));
const [main] = fixture; // the seed page's article; 12 of the fixture's articles are its published neighbours
const seedUrls = new Set(fixture.filter((a) => a.id.startsWith('seed-')).map((a) => a.url));
const byUrl = new Map(fixture.map((a) => [a.url, a]));
const RSS = [`${FEEDS}/rss2.xml`, 'application/rss+xml'];
const recordEvents = () => {
  window.__events = [];
  for (const type of ['related-articles:render', 'related-articles:select']) {
    addEventListener(type, (e) => window.__events.push({ type, detail: e.detail, bubbles: e.bubbles, composed: e.composed, target: e.target.localName }));
  }
};

let site;
before(async () => { site = await start(); });
after(async () => { await site?.close(); });

// The headless API's answer for the same question, to check that the element shows exactly it.
const expected = async (query, options) => {
  const { createIndex } = await import(join(ROOT, 'dist', 'related-articles.js'));
  return (await createIndex(fixture)).related(query, options).map((r) => r.url);
};

test('zero configuration: script tag + element, feed and article from the page metadata', async () => {
  const url = site.page(html({ head: articleHead(main, ...RSS) }));
  const { page, log, close } = await site.open(url, { init: recordEvents });
  try {
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.state, 'ready');
    assert.equal(w.heading, 'Related Articles');
    assert.deepEqual(w.items.map((i) => i.href), await expected(main.url));
    assert.equal(w.items.length, 5);
    for (const item of w.items) {
      const source = byUrl.get(item.href);
      assert.ok(seedUrls.has(item.href), `${item.href} is one of the seed page's related articles`);
      assert.notEqual(item.href, main.url);
      assert.equal(item.category, 'Political history');
      assert.equal(item.link, source.summary, 'untitled articles: the summary is the link text, as on the seed page');
      assert.equal(item.summary, null, 'the summary is not repeated under a summary link');
      assert.equal(item.datetime, source.date);
      assert.equal(item.date, new Date(source.date).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' }));
      assert.match(item.date, /^(July|August) \d{1,2}, 2025$/);
      assert.equal(item.image, null, 'the list layout shows no images');
    }
    const structure = await page.evaluate(() => {
      const el = document.querySelector('related-articles');
      const root = el.shadowRoot;
      const section = root.querySelector('section');
      return {
        mode: root.mode,
        labelledBy: section.getAttribute('aria-labelledby'),
        headingId: root.querySelector('[part~=heading]').id,
        list: root.querySelector('[part~=list]').localName,
        adopted: root.adoptedStyleSheets.length,
        styleElements: root.querySelectorAll('style').length,
      };
    });
    assert.deepEqual(structure, { mode: 'open', labelledBy: 'heading', headingId: 'heading', list: 'ul', adopted: 1, styleElements: 0 });
    const events = await page.evaluate(() => window.__events);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].detail.items.map((i) => i.url), w.items.map((i) => i.href));
    assert.deepEqual([events[0].bubbles, events[0].composed, events[0].target], [true, true, 'related-articles']);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.warnings, []);
    assert.deepEqual(log.infos, [], 'the article is in the feed: nothing to say');
  } finally {
    await close();
  }
});

for (const [file, type] of [['rss2.xml', 'application/rss+xml'], ['atom.xml', 'application/atom+xml'], ['feed.json', 'application/feed+json'], ['articles.json', 'application/json']]) {
  test(`feed format: ${file} (${type})`, async () => {
    const url = site.page(html({ head: articleHead(main, `${FEEDS}/${file}`, type) }));
    const { page, log, close } = await site.open(url);
    try {
      await settled(page);
      const [w] = await read(page);
      assert.equal(w.state, 'ready');
      assert.deepEqual(w.items.map((i) => i.href), await expected(main.url));
      assert.ok(w.items.every((i) => /^\d{4}-\d\d-\d\d$/.test(i.datetime)));
      // JSON Feed 1.1 has no category field (the fixture puts the section in tags).
      assert.ok(w.items.every((i) => i.category === (file === 'feed.json' ? null : 'Political history')));
      assert.deepEqual(log.errors, []);
      assert.deepEqual(log.warnings, []);
    } finally {
      await close();
    }
  });
}

test('attributes: limit, heading, layout grid with images, exclude, pin, why', async () => {
  const exclude = (await expected(main.url))[0];
  const pin = fixture.find((a) => a.category === 'Travel');
  const url = site.page(html({
    head: articleHead(main, ...RSS),
    body: `<related-articles limit="4" heading="More from the archive" layout="grid" exclude="${exclude}" pin="${pin.id}" why></related-articles>`,
  }));
  const { page, log, close } = await site.open(url);
  try {
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.state, 'ready');
    assert.equal(w.heading, 'More from the archive');
    assert.equal(w.items.length, 4);
    assert.equal(w.items[0].href, pin.url, 'the pinned article comes first');
    assert.equal(w.items[0].pinned, true);
    assert.equal(w.items[0].link, pin.title, 'titled articles: the title is the link text');
    assert.equal(w.items[0].summary, pin.summary, 'and the summary is shown under it');
    assert.ok(!w.items.some((i) => i.href === exclude), 'the excluded article is left out');
    assert.deepEqual(w.items.slice(1).map((i) => i.href), await expected(main.url, { limit: 3, exclude: [exclude, pin.id] }));
    const images = await page.evaluate(() => [...document.querySelector('related-articles').shadowRoot.querySelectorAll('img')]
      .map((i) => ({ part: i.getAttribute('part'), alt: i.getAttribute('alt'), loading: i.getAttribute('loading'), width: i.getAttribute('width'), height: i.getAttribute('height'), src: i.src })));
    const withImages = w.items.filter((i) => byUrl.get(i.href).image);
    assert.ok(withImages.length >= 1, 'some results of the fixture have images');
    assert.equal(images.length, withImages.length);
    for (const i of images) assert.deepEqual({ ...i, src: undefined }, { part: 'image', alt: '', loading: 'lazy', width: '320', height: '180', src: undefined });
    const why = await page.evaluate(() => [...document.querySelector('related-articles').shadowRoot.querySelectorAll('[part~=why]')].map((n) => n.textContent));
    assert.equal(why.length, 3, 'a "why" line for each related (not pinned) article');
    assert.ok(why.every((t) => /^Shared: \S/.test(t)));
    const columns = await page.evaluate(() => getComputedStyle(document.querySelector('related-articles').shadowRoot.querySelector('ul')).gridTemplateColumns.split(' ').length);
    assert.ok(columns >= 2, 'the grid layout has columns');
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('article-* attributes give the article on a page without metadata; changing an attribute re-renders', async () => {
  const url = site.page(html({
    title: '',
    head: `<link rel="alternate" type="${RSS[1]}" href="${RSS[0]}">`,
    body: '<related-articles article-title="Sourdough, pizza and the science of dough" article-summary="Bakers and cooks on flour, yeast and food at home."></related-articles>',
  }));
  const { page, log, close } = await site.open(url, { init: recordEvents });
  try {
    await settled(page);
    let [w] = await read(page);
    assert.equal(w.state, 'ready');
    assert.ok(w.items.some((i) => i.category === 'Food & Drink'), JSON.stringify(w.items.map((i) => i.category)));
    assert.ok(!w.items.some((i) => i.category === 'Political history' && !/food/i.test(i.link)));
    await page.evaluate(() => {
      const el = document.querySelector('related-articles');
      el.setAttribute('article-url', 'https://news.example/articles/the-role-of-secret-diplomatic-agreements-and-backchannel');
      el.setAttribute('limit', '2');
    });
    await page.waitForFunction(() => window.__events.length === 2);
    [w] = await read(page);
    assert.deepEqual(w.items.map((i) => i.href), await expected(main.url, { limit: 2 }), 'found in the feed by article-url');
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.warnings, []);
  } finally {
    await close();
  }
});

test('page language: translated heading and dates; date-only values keep their day west of UTC', async () => {
  const url = site.page(html({ lang: 'fr', head: articleHead(main, ...RSS) }));
  const { page, close } = await site.open(url, { timezoneId: 'America/Los_Angeles' });
  try {
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.heading, 'Articles connexes');
    for (const item of w.items) {
      const [y, m, d] = item.datetime.split('-').map(Number);
      assert.match(item.date, new RegExp(`^${d} (juillet|août) ${y}$`), `${item.datetime} → ${item.date}`);
      assert.equal(m >= 7 && m <= 8, true);
    }
    assert.equal(await page.evaluate(() => new Date().getTimezoneOffset() > 0), true, 'the browser runs west of UTC');
  } finally {
    await close();
  }
});

test('min-score above every result: fewer than two results render nothing, state="empty", no warning', async () => {
  const url = site.page(html({ head: articleHead(main, ...RSS), body: '<related-articles min-score="0.95"></related-articles>' }));
  const { page, log, close } = await site.open(url);
  try {
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.state, 'empty');
    assert.equal(w.items.length, 0);
    assert.equal(await page.evaluate(() => document.querySelector('related-articles').getBoundingClientRect().height), 0);
    assert.deepEqual(log.warnings, []);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('two elements on one page: one fetch, one wasm, never the same article twice', async () => {
  const url = site.page(html({
    head: articleHead(main, ...RSS),
    body: '<related-articles limit="4"></related-articles><p>Between the two.</p><related-articles limit="4" heading="More"></related-articles>',
  }));
  const { page, log, close } = await site.open(null, { viewport: { width: 1000, height: 3000 } });
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  try {
    await page.goto(url);
    await settled(page);
    const [a, b] = await read(page);
    assert.equal(a.state, 'ready');
    assert.equal(b.state, 'ready');
    assert.equal(a.items.length, 4);
    assert.ok(b.items.length >= 2);
    const all = [...a.items, ...b.items].map((i) => i.href);
    assert.equal(new Set(all).size, all.length, 'no article appears in both lists');
    assert.ok(!all.includes(main.url));
    assert.equal(requests.filter((p) => p === RSS[0]).length, 1, 'the feed is fetched once');
    assert.equal(requests.filter((p) => p.endsWith('.wasm')).length, 1, 'the wasm is fetched once');
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('a single-page app changing the page metadata re-renders the list', async () => {
  const other = fixture.find((a) => a.category === 'Food & Drink');
  const url = site.page(html({ head: articleHead(main, ...RSS) }));
  const { page, log, close } = await site.open(url, { init: recordEvents });
  try {
    await settled(page);
    const before = (await read(page))[0].items.map((i) => i.href);
    // What a router does on navigation: new title, canonical link and Open Graph. (Trusted Types
    // forbid writing a new JSON-LD script here, so the router drops it and Open Graph speaks.)
    await page.evaluate((a) => {
      document.querySelector('script[type="application/ld+json"]').remove();
      document.title = a.title;
      document.querySelector('link[rel=canonical]').href = a.url;
      document.querySelector('meta[property="og:url"]').content = a.url;
      for (const [p, v] of [['og:title', a.title], ['og:description', a.summary]]) {
        document.head.append(Object.assign(document.createElement('meta'), { content: v })), document.head.lastChild.setAttribute('property', p);
      }
    }, other);
    await page.waitForFunction(() => window.__events.length === 2);
    const [w] = await read(page);
    assert.notDeepEqual(w.items.map((i) => i.href), before);
    assert.deepEqual(w.items.map((i) => i.href), await expected(other.url));
    assert.ok(!w.items.some((i) => i.href === other.url));
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('clicking a link fires related-articles:select with the item and its position', async () => {
  const url = site.page(html({ head: articleHead(main, ...RSS) }));
  const { page, close } = await site.open(url, { init: recordEvents });
  try {
    await settled(page);
    // Stay on the page: the host cancels the navigation (the event reaches it, composed).
    await page.evaluate(() => document.addEventListener('click', (e) => e.preventDefault()));
    const links = page.locator('related-articles a[part~=link]');
    await links.nth(2).click();
    const events = await page.evaluate(() => window.__events.filter((e) => e.type === 'related-articles:select'));
    const [w] = await read(page);
    assert.equal(events.length, 1);
    assert.equal(events[0].detail.position, 3);
    assert.equal(events[0].detail.item.url, w.items[2].href);
    assert.deepEqual([events[0].bubbles, events[0].composed], [true, true]);
  } finally {
    await close();
  }
});

test('work starts only when the element nears the viewport', async () => {
  const url = site.page(html({
    head: `${articleHead(main, ...RSS)}\n<link rel="stylesheet" href="/tests/browser/fixtures/tall.css">`,
    body: '<div class="tall">A long article</div><related-articles></related-articles>',
  }));
  const { page, log, close } = await site.open(null);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  try {
    await page.goto(url);
    assert.deepEqual(await reach(page), { near: false, state: null }, 'not near, and not started');
    assert.ok(!requests.includes(RSS[0]), 'no feed request before the element is near');
    await page.evaluate(() => window.scrollTo(0, 5000)); // one viewport (900 px) above it: inside the 100% root margin
    await settled(page);
    assert.equal((await read(page))[0].state, 'ready');
    assert.ok(requests.includes(RSS[0]));
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('feed text is rendered as text, never markup; links other than http(s) are dropped', async () => {
  // h1's title and category hold markup as text (escaped in the feed); pinned, it is shown as the
  // feed parser gives it. h2's link is javascript:, so it must not be shown even when pinned.
  const url = site.page(html({
    head: `<link rel="alternate" type="application/json" href="${FEEDS}/hostile.json">`,
    body: '<related-articles pin="h1 h2" article-title="Secret diplomacy, backchannel talks and alliances"></related-articles>',
  }));
  const { page, log, close } = await site.open(url);
  try {
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.state, 'ready');
    assert.ok(w.items.length >= 3);
    assert.ok(w.items.every((i) => /^https:\/\/news\.example\//.test(i.href)));
    assert.ok(!w.items.some((i) => i.link.startsWith('Backchannel diplomacy behind')), 'the javascript: article is not shown');
    const hostile = w.items[0];
    assert.equal(hostile.href, 'https://news.example/articles/h1');
    assert.equal(hostile.link, '<img src=x onerror=alert(1)> Secret diplomacy and backchannel alliances');
    assert.equal(hostile.category, '<b>Political history</b>');
    const tags = await page.evaluate(() => [...new Set([...document.querySelector('related-articles').shadowRoot.querySelectorAll('*')].map((n) => n.localName))].sort());
    assert.deepEqual(tags, ['a', 'h2', 'li', 'p', 'section', 'span', 'time', 'ul']);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('an unseen publisher page (standard metadata, an RSS link, a bare element) gets a correct list', async () => {
  const { page, log, close } = await site.open(`${site.origin}/tests/browser/fixtures/unseen-publisher.html`);
  try {
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.state, 'ready');
    assert.ok(w.items.length >= 3, `${w.items.length} items`);
    const ours = w.items.filter((i) => seedUrls.has(i.href));
    assert.ok(ours.length >= 3, 'a page about diplomacy is related to the diplomacy articles');
    assert.ok(seedUrls.has(w.items[0].href) && seedUrls.has(w.items[1].href), 'and they come first');
    for (const i of w.items) {
      assert.ok(i.category, 'every item shows its category');
      assert.match(i.datetime, /^\d{4}-\d\d-\d\d$/);
      assert.match(i.date, /^[A-Z][a-z]+ \d{1,2}, \d{4}$/);
    }
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.warnings, []);
  } finally {
    await close();
  }
});

test('a cut-off feed: the articles before the cut render, and one warning says the file looks truncated', async () => {
  const url = site.page(html({ head: articleHead(main, `${FEEDS}/truncated.xml`) }));
  const { page, log, close } = await site.open(url);
  try {
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.state, 'ready');
    assert.ok(w.items.length >= 2, `${w.items.length} items`);
    assert.equal(log.warnings.length, 1, log.warnings.join('\n'));
    assert.match(log.warnings[0], /^<related-articles>: the feed \S+truncated\.xml ends before its root element closes: it looks cut off/);
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('the fade-in: with motion it runs and finishes (awaited through getAnimations()); reduced motion has none', async () => {
  // Caught as the list is rendered: the render event is dispatched in the task that inserts it.
  const fades = () => addEventListener('related-articles:render', (e) => {
    const animations = e.target.shadowRoot.querySelector('section').getAnimations();
    window.__fade = {
      animations: animations.map((a) => ({ name: a.animationName, duration: a.effect.getTiming().duration })),
      finished: Promise.all(animations.map((a) => a.finished)),
    };
  });
  const url = site.page(html({ head: articleHead(main, ...RSS) }));
  for (const [reducedMotion, expected] of [['no-preference', [{ name: 'ra-in', duration: 250 }]], ['reduce', []]]) {
    const { page, close } = await site.open(url, { reducedMotion, init: fades });
    try {
      await page.waitForFunction(() => window.__fade);
      assert.deepEqual(await page.evaluate(() => window.__fade.animations), expected, reducedMotion);
      const after = await page.evaluate(async () => {
        await window.__fade.finished;
        const section = document.querySelector('related-articles').shadowRoot.querySelector('section');
        return { running: section.getAnimations().length, opacity: getComputedStyle(section).opacity };
      });
      assert.deepEqual(after, { running: 0, opacity: '1' }, reducedMotion);
    } finally {
      await close();
    }
  }
});

test('an article the feed does not hold (a short feed): related by its text, and one console.info says so with the feed\'s size', async () => {
  const short = `${FEEDS}/latest10.xml`;
  const held = new Set(readFileSync(join(ROOT, short), 'utf8').match(/(?<=<link>)[^<]+(?=<\/link>)/g));
  const older = fixture.find((a) => a.id.startsWith('seed-') && !held.has(a.url)); // an older post of the same beat
  const recent = fixture.find((a) => a.id.startsWith('seed-') && held.has(a.url));
  const { page, log, close } = await site.open(site.page(html({
    head: articleHead(older, short),
    body: '<related-articles limit="3"></related-articles><related-articles limit="3" heading="More"></related-articles>',
  })), { viewport: { width: 1000, height: 3000 } });
  try {
    await settled(page);
    const lists = await read(page);
    assert.deepEqual(lists.map((w) => w.state), ['ready', 'ready']);
    for (const i of lists.flatMap((w) => w.items)) assert.ok(held.has(i.href), `${i.href} is one of the feed's 10`);
    assert.equal(log.infos.length, 1, 'once for the page, however many elements');
    assert.equal(log.infos[0], `<related-articles>: the article on this page (${older.url}) is not in the feed ${site.origin}${short}, `
      + 'which holds 10 articles: it is related to those by its title and summary. Lengthen the feed to relate older articles '
      + '(WordPress and jekyll-feed list the latest 10 by default)');
    assert.deepEqual(log.warnings, [], 'not a warning: the widget works, the feed bounds it');
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
  // The same short feed on a page it does hold: nothing to say.
  const other = await site.open(site.page(html({ head: articleHead(recent, short) })));
  try {
    await settled(other.page);
    assert.equal((await read(other.page))[0].state, 'ready');
    assert.deepEqual(other.log.infos, []);
  } finally {
    await other.close();
  }
});

test('exclude and pin are whitespace-separated: a comma stays part of the URL it is in', async () => {
  const feed = [
    { id: 'q', url: 'https://news.example/q', title: 'Solar rooftops for city schools' },
    { id: 'p', url: 'https://news.example/p?grades=1,2', title: 'Solar rooftops for rural schools' },
    { id: 'x', url: 'https://news.example/x?a=1,2', title: 'Solar rooftops for the city hall' },
    { id: 'k', url: 'https://news.example/k', title: 'Solar rooftops for city libraries' },
    { id: 'm', url: 'https://news.example/m', title: 'Solar rooftops for city hospitals' },
  ];
  const url = site.page(html({
    head: '<link rel="alternate" type="application/json" href="/__commas.json">',
    body: `<related-articles article-url="https://news.example/q" article-title="${feed[0].title}" pin="https://news.example/p?grades=1,2" exclude="https://news.example/x?a=1,2   k"></related-articles>`,
  }));
  const { page, log, context, close } = await site.open(null);
  try {
    await context.route('**/__commas.json', (route) => route.fulfill({ body: JSON.stringify(feed), contentType: 'application/json' }));
    await page.goto(url);
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.state, 'ready');
    assert.deepEqual(w.items.map((i) => [i.href, i.pinned]), [['https://news.example/p?grades=1,2', true], ['https://news.example/m', false]]);
    assert.deepEqual(log.warnings, []);
  } finally {
    await close();
  }
});
