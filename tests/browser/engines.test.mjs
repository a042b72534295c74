// The widget beyond Chromium, through WebDriver (tests/browser/engines.mjs): in Firefox ESR and
// WebKitGTK the zero-configuration page renders exactly what Chromium renders, the strict CSP with
// Trusted Types holds, hostile feed text stays text, and the cases shared with the Chromium suite
// (tests/browser/cases.mjs: the failures, the retry after one, the load event with a file that
// never finishes, the events, the keyboard walk, axe-core) and archive mode hold, in one session; in WPE WebKit 2.38 (Safari 16.0, no
// constructable stylesheets) the list is styled by the theme file; and in Chromium with
// adoptedStyleSheets taken away the same file styles it exactly as the adopted sheet does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import webdriver from 'selenium-webdriver';
import { launch } from './engines.mjs';
import { fileName } from '../../www/archive.js';
import { archiveShown, archiveSite, markupLinks, requested } from './archive-site.mjs';
import { AXE_PAGES, FAILURES, HANGING, KEYBOARD, RETRY, outcome } from './cases.mjs';
import { AXE, FEEDS, ROOT, articleHead, axeRun, html, read, settled, start, widgets } from './helpers.mjs';

const fixture = JSON.parse(readFileSync(join(ROOT, FEEDS, 'articles.json'), 'utf8'));
const [main] = fixture;
const SAID = '<script src="/tests/browser/fixtures/said.js"></script>';
const THEME = /^\/dist\/related-articles\.theme\.[0-9a-f]{10}\.css$/;

// Page side: every widget has settled and its theme (adopted, or the <link>'s sheet) is in force.
const done = () => [...document.querySelectorAll('related-articles')].every((el) => {
  const link = el.shadowRoot?.querySelector('link[rel=stylesheet]');
  return ['ready', 'empty', 'error'].includes(el.getAttribute('state')) && (!link || link.sheet);
});

// Page side: how the theme reached the first widget's shadow root.
const themed = () => {
  const root = document.querySelector('related-articles').shadowRoot;
  const link = root.querySelector('link[rel=stylesheet]');
  return { adopted: root.adoptedStyleSheets?.length ?? null, link: link && new URL(link.href).pathname, loaded: !!link?.sheet };
};

// Page side: the computed styles the theme sets on the first widget (an unstyled list has bullets,
// a block list and items, no rule, and a category as large as the text).
const look = () => {
  const root = document.querySelector('related-articles').shadowRoot;
  const css = (sel, props) => {
    const style = getComputedStyle(root.querySelector(sel));
    return Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
  };
  return {
    heading: css('[part~=heading]', ['font-size', 'margin-top']),
    list: css('[part~=list]', ['display', 'list-style-type', 'padding-left', 'row-gap']),
    item: css('[part~=item]', ['display', 'flex-direction', 'border-top-style', 'padding-top', 'font-size']),
    category: css('[part~=category]', ['font-size', 'font-weight']),
    link: css('[part~=link]', ['font-weight', 'text-decoration-line']),
  };
};

// Page side: what a Trusted Types sink does with a plain string under the page's CSP.
const sink = () => {
  try {
    document.createElement('div').innerHTML = '<b>markup</b>';
    return 'allowed';
  } catch (e) {
    return e.name;
  }
};

let site, seed, chromium, archive;
before(async () => {
  site = await start();
  archive = await archiveSite(); // built once, for every engine
  seed = site.page(html({ head: SAID + articleHead(main) }));
  // Chromium's answer, through Playwright, which every engine must match.
  const { page, log, close } = await site.open(seed);
  try {
    await settled(page);
    chromium = { widgets: await read(page), look: await page.evaluate(look), themed: await page.evaluate(themed) };
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
  assert.equal(chromium.widgets[0].items.length, 5);
  assert.deepEqual(chromium.themed, { adopted: 1, link: null, loaded: false });
});
after(async () => {
  await site?.close();
  await archive?.close();
});

/** Opens `url` in `engine`, waits for every widget to settle, and returns the tab. */
async function settle(engine, url) {
  const tab = await engine.open(url);
  try {
    await tab.waitFor(done, [], { message: `${engine.name}: the widgets did not settle` });
  } catch (e) {
    await tab.close();
    throw e;
  }
  return tab;
}

for (const name of ['firefox', 'webkit']) {
  describe(name, () => {
    let engine;
    before(async () => { engine = await launch(name); });
    after(() => engine?.close());

    test('zero configuration: the same 5 items, parts and text as in Chromium, styled the same', async () => {
      const tab = await settle(engine, seed);
      try {
        assert.deepEqual(await tab.evaluate(widgets), chromium.widgets);
        assert.deepEqual(await tab.evaluate(themed), { adopted: 1, link: null, loaded: false }, 'the theme is adopted: no request');
        assert.deepEqual(await tab.evaluate(look), chromium.look);
        assert.deepEqual(await tab.evaluate(() => window.__said), []);
        if (tab.console()) assert.deepEqual(tab.console().filter((m) => m.level != 'debug'), [], 'the console is quiet');
      } finally {
        await tab.close();
      }
    });

    test('the strict CSP with Trusted Types: enforced, and the widget renders under it with no violation', async () => {
      const tab = await settle(engine, seed);
      try {
        assert.deepEqual(await tab.evaluate(() => window.__said), [], 'the widget rendered with no violation');
        assert.equal(await tab.evaluate(sink), 'TypeError', 'a string assigned to innerHTML is refused');
        // The violation is reported in a task of its own: wait for it.
        await tab.waitFor(() => window.__said.length > 0);
        assert.deepEqual(await tab.evaluate(() => window.__said), ['csp: require-trusted-types-for blocked trusted-types-sink']);
        assert.equal((await tab.evaluate(widgets))[0].state, 'ready');
      } finally {
        await tab.close();
      }
    });

    // One browser session for the cases below, each a page of its own in the same tab.
    describe('shared with the Chromium suite (tests/browser/cases.mjs)', () => {
      let tab;
      before(async () => { tab = await engine.open(); });
      after(() => tab?.close());
      const load = async (url) => {
        await tab.goto(url);
        await tab.waitFor(done, [], { message: `${name}: the widgets did not settle` });
      };

      test('related-articles:render and :select reach the page, with the items and the position', async () => {
        await load(seed);
        assert.deepEqual(await tab.evaluate(() => window.__events), ['render: 5']);
        // Stay on the page: the host cancels the navigation (the event reaches it, composed).
        await tab.evaluate(() => document.addEventListener('click', (e) => e.preventDefault()));
        const link = await tab.evaluate(() => document.querySelector('related-articles').shadowRoot.querySelectorAll('a[part~=link]')[2]);
        await link.click(); // a WebDriver click: the engine's own pointer events
        await tab.waitFor(() => window.__events.length > 1);
        assert.deepEqual(await tab.evaluate(() => window.__events), ['render: 5', 'select: 3']);
        assert.deepEqual(await tab.evaluate(() => window.__said), []);
      });

      for (const c of FAILURES) {
        test(`${c.name}: state="${c.state ?? 'error'}", ${c.warning ? 'one warning' : 'nothing said'}, no render event, nothing thrown`, async () => {
          const started = Date.now();
          await load(site.page(html({ title: '', head: SAID + c.head, body: c.body, script: c.script }), { csp: c.csp }));
          const elapsed = Date.now() - started;
          for (const o of await tab.evaluate(outcome)) assert.deepEqual(o, { state: c.state ?? 'error', children: 0, height: 0 });
          assert.deepEqual(await tab.evaluate(() => window.__events), [], 'no render event');
          const said = await tab.evaluate(() => window.__said);
          if (c.warning) {
            assert.equal(said.length, 1, said.join('\n'));
            assert.match(said[0], /^warn: <related-articles>: /);
            assert.match(said[0].slice('warn: '.length), c.warning);
          } else {
            assert.deepEqual(said, [], 'nothing said at all');
          }
          if (c.unfetched) assert.deepEqual((await tab.evaluate(requested)).filter((p) => c.unfetched.test(p)), [], 'not fetched');
          if (c.minElapsed) assert.ok(elapsed >= c.minElapsed, `gave up after ${elapsed} ms, before its timeout`);
        });
      }

      test('a failed feed fetch is not kept: re-inserting the element, then changing an attribute, fetch again', async () => {
        const feed = RETRY.feed(name);
        const said = () => tab.evaluate(() => window.__said);
        await load(site.page(html({ title: '', head: SAID + RETRY.head(feed) }), { csp: RETRY.csp }));
        assert.equal((await tab.evaluate(widgets))[0].state, 'error');
        await tab.evaluate(RETRY.reinsert);
        // The second run's warning is printed in the task that sets state="error" again.
        await tab.waitFor(() => window.__said.length > 1, [], { message: `${name}: no second warning` });
        assert.equal((await tab.evaluate(widgets))[0].state, 'error');
        assert.equal(site.hits(feed), 2, 're-inserted after a failure: fetched again');
        await tab.evaluate(RETRY.relimit);
        await tab.waitFor(() => document.querySelector('related-articles').getAttribute('state') === 'ready');
        assert.equal((await tab.evaluate(widgets))[0].items.length, RETRY.items);
        assert.equal(site.hits(feed), 3, 'an attribute change after a failure: fetched again');
        const [first, second, ...rest] = await said();
        assert.deepEqual(rest, []);
        assert.match(first, /^warn: <related-articles>: /);
        assert.match(first, RETRY.warnings[0]);
        assert.match(second, RETRY.warnings[1]);
        assert.deepEqual(await tab.evaluate(() => window.__events), [`render: ${RETRY.items}`]);
      });

      for (const c of HANGING) {
        test(`a ${c.what} that never finishes does not hold up the page's load event`, async () => {
          const key = `${name}-${c.what}`;
          const url = site.page(html({ title: '', head: SAID + c.head(key), body: c.body(key), script: c.script }));
          // The navigation resolves on the page's load event: a load held up by the widget fails
          // here, after 10 s.
          const timeouts = await tab.driver.manage().getTimeouts();
          await tab.driver.manage().setTimeouts({ pageLoad: 10000 });
          try {
            await tab.goto(url);
          } finally {
            await tab.driver.manage().setTimeouts({ pageLoad: timeouts.pageLoad });
          }
          assert.equal(await tab.evaluate(() => window.__atLoad), 'loading', 'the load event fired with the widget still waiting');
          assert.equal(await tab.evaluate(() => document.readyState), 'complete');
          assert.deepEqual(await tab.evaluate(() => window.__said), []);
        });
      }

      // Archive mode, on archive.test.mjs's built site: what the network saw is read from the
      // page's Resource Timing (no WebDriver here reports requests).
      const ARCHIVE = /\.wasm$|\/lists\/|index\.xml$/;
      test('archive mode: a page the build rewrote is upgraded in place, the same links in the same order, with no wasm, list file or feed', async () => {
        const { env, site: dir, posts } = archive;
        await load(`${env.origin}/posts/${posts.markup}/`);
        const v = await tab.evaluate(archiveShown);
        assert.equal(v.state, 'ready');
        assert.deepEqual(v.links, markupLinks(readFileSync(join(dir, 'posts', posts.markup, 'index.html'), 'utf8')));
        assert.ok(v.links.length >= 4);
        for (const part of ['heading', 'list', 'item', 'category', 'link', 'date']) assert.ok(v.parts.some((p) => p.split(' ').includes(part)), `part ${part}`);
        const paths = await tab.evaluate(requested);
        assert.ok(paths.some((p) => p.endsWith('/related-articles.js')), paths.join('\n'));
        assert.deepEqual(paths.filter((p) => ARCHIVE.test(p)), [], 'nothing but the page and the script');
      });

      // A post the archive cannot serve: its list comes from the feed, the wasm and the feed
      // loaded for it. Returns the paths the page requested.
      const rankedFromFeed = async (post) => {
        await load(`${archive.env.origin}/posts/${post}/`);
        const v = await tab.evaluate(archiveShown);
        assert.equal(v.state, 'ready');
        assert.ok(v.links.length >= 2, `${v.links.length} items from the feed`);
        const paths = await tab.evaluate(requested);
        assert.ok(paths.some((p) => p.endsWith('.wasm')), 'the wasm is loaded for the feed');
        assert.ok(paths.includes('/index.xml'), 'the feed is fetched');
        return paths;
      };

      test('archive mode: a post published after the build falls back to the feed', async () => {
        await rankedFromFeed(archive.posts.fresh);
      });

      test('archive mode: the published script with an index attribute finds the same archive (one list file, no wasm)', async () => {
        const { env, posts } = archive;
        await load(`${env.origin}/posts/${posts.indexed}/`);
        const v = await tab.evaluate(archiveShown);
        assert.equal(v.state, 'ready');
        assert.ok(v.links.length >= 4);
        const paths = await tab.evaluate(requested);
        assert.ok(paths.includes('/cdn/related-articles.js'), paths.join('\n'));
        assert.deepEqual(paths.filter((p) => ARCHIVE.test(p)), [`/related-articles/lists/${fileName(`/posts/${posts.indexed}/`)}.json`]);
        assert.deepEqual(await tab.evaluate(() => window.__said), []);
      });

      test('archive mode: a list file that cannot be read: a warning that names it, and the feed instead', async () => {
        const { posts } = archive;
        const paths = await rankedFromFeed(posts.broken);
        assert.ok(paths.includes(`/related-articles/lists/${fileName(`/posts/${posts.broken}/`)}.json`), paths.join('\n'));
        const said = await tab.evaluate(() => window.__said);
        assert.equal(said.length, 1, said.join('\n'));
        assert.match(said[0], new RegExp(`^warn: <related-articles>: could not read the archive's list .*/lists/${fileName(`/posts/${posts.broken}/`)}\\.json \\(HTTP 200\\): ranking against the feed instead`));
      });

      test('Tab reaches each link in order, with a visible focus indicator (WebDriver key actions)', async () => {
        await load(site.page(html({ head: SAID + KEYBOARD.head, body: KEYBOARD.body })));
        const [w] = await tab.evaluate(widgets);
        assert.equal(w.items.length, 5);
        const { Key } = webdriver;
        const order = [];
        for (let i = 0; i < KEYBOARD.steps; i++) {
          await tab.driver.actions().sendKeys(Key.TAB).perform();
          order.push(await tab.evaluate(KEYBOARD.focused));
        }
        await tab.driver.actions().keyDown(Key.SHIFT).sendKeys(Key.TAB).keyUp(Key.SHIFT).perform();
        KEYBOARD.check(order, await tab.evaluate(KEYBOARD.focused), w.items);
        assert.deepEqual(await tab.evaluate(() => window.__said), []);
      });

      // The engine's own colour scheme (light): only Playwright sets another one.
      for (const { layout, head, body } of AXE_PAGES) {
        test(`axe-core: no violations (${layout} layout, light)`, async () => {
          await load(site.page(html({ head: SAID + head, body })));
          assert.equal((await tab.evaluate(widgets))[0].state, 'ready');
          await tab.driver.executeScript(AXE);
          assert.deepEqual(await tab.evaluate(axeRun), []);
        });
      }
    });

    test('hostile feed text is rendered as text, and a javascript: link is never shown', async () => {
      const url = site.page(html({
        head: SAID + `<link rel="alternate" type="application/json" href="${FEEDS}/hostile.json">`,
        body: '<related-articles pin="h1 h2" article-title="Secret diplomacy, backchannel talks and alliances"></related-articles>',
      }));
      const tab = await settle(engine, url);
      try {
        const [w] = await tab.evaluate(widgets);
        assert.equal(w.state, 'ready');
        assert.equal(w.items[0].href, 'https://news.example/articles/h1');
        assert.equal(w.items[0].link, '<img src=x onerror=alert(1)> Secret diplomacy and backchannel alliances');
        assert.equal(w.items[0].category, '<b>Political history</b>');
        assert.ok(w.items.every((i) => /^https:\/\/news\.example\//.test(i.href)), 'only http(s) links');
        const tags = await tab.evaluate(() => [...new Set([...document.querySelector('related-articles').shadowRoot.querySelectorAll('*')].map((n) => n.localName))].sort());
        assert.deepEqual(tags, ['a', 'h2', 'li', 'p', 'section', 'span', 'time', 'ul']);
        const said = await tab.evaluate(() => window.__said);
        assert.equal(said.length, 1, said.join('\n'));
        assert.match(said[0], /^info: <related-articles>: the article on this page \(\S+\) is not in the feed /, 'the page is not in the feed: said once, as an info');
      } finally {
        await tab.close();
      }
    });
  });
}

describe('wpe (WebKit 2.38, Safari 16.0: no constructable stylesheets)', () => {
  let engine;
  before(async () => { engine = await launch('wpe'); });
  after(() => engine?.close());

  test('the list is styled by the theme file, under the strict CSP, exactly as Chromium styles it', async () => {
    const tab = await settle(engine, seed);
    try {
      assert.equal(await tab.evaluate(() => typeof CSSStyleSheet.prototype.replaceSync), 'undefined', 'this engine cannot construct a stylesheet');
      const how = await tab.evaluate(themed);
      assert.match(how.link, THEME);
      assert.deepEqual({ ...how, link: null }, { adopted: null, link: null, loaded: true });
      const styles = await tab.evaluate(look);
      assert.equal(styles.list['list-style-type'], 'none', 'no bullets');
      assert.equal(styles.list.display, 'grid');
      assert.equal(styles.item.display, 'flex');
      assert.equal(parseFloat(styles.category['font-size']) / parseFloat(styles.item['font-size']), 0.8, 'the category at 0.8em');
      assert.deepEqual(styles, chromium.look);
      assert.deepEqual(await tab.evaluate(widgets), chromium.widgets);
      assert.deepEqual(await tab.evaluate(() => window.__said), [], 'no CSP violation, no error');
    } finally {
      await tab.close();
    }
  });
});

describe('chromium without adoptedStyleSheets', () => {
  const variants = {
    'a setter that throws': () => Object.defineProperty(ShadowRoot.prototype, 'adoptedStyleSheets', {
      configurable: true, get: () => [], set() { throw new TypeError('adoptedStyleSheets is disabled by the test'); },
    }),
    'no such property': () => { delete ShadowRoot.prototype.adoptedStyleSheets; },
  };
  for (const [what, init] of Object.entries(variants)) {
    test(`${what}: the theme file is linked and styles the list as the adopted sheet does`, async () => {
      const { page, log, close } = await site.open(seed, { init });
      try {
        await page.waitForFunction(done);
        const how = await page.evaluate(themed);
        assert.match(how.link, THEME);
        assert.equal(how.loaded, true);
        assert.deepEqual(await page.evaluate(look), chromium.look);
        assert.deepEqual(await read(page), chromium.widgets);
        assert.deepEqual(await page.evaluate(() => window.__said), []);
        assert.deepEqual(log.errors, []);
        assert.deepEqual(log.warnings, []);
      } finally {
        await close();
      }
    });
  }
});
