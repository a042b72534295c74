// Scenarios shared by the Chromium suite (Playwright: failures.test.mjs, a11y.test.mjs) and the
// other engines (WebDriver: engines.test.mjs): one definition of each page and what it must do,
// iterated by both. Only what needs no request routing is here (no engine but Chromium's
// Playwright can route): the test server's own routes (/__cut, /__hang, /__downwasm, /__hangwasm,
// /__flaky, /__after.png) and a port nothing listens on (DOWN) stand in for the network.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOWN, FEEDS, ROOT, articleHead } from './helpers.mjs';

const [main] = JSON.parse(readFileSync(join(ROOT, FEEDS, 'articles.json'), 'utf8'));
export const RSS = [`${FEEDS}/rss2.xml`, 'application/rss+xml'];
export { main };

// The page's CSP, widened for a fetch from the origin that is down (else the CSP, not the network,
// would refuse it).
const DOWN_CSP = `connect-src 'self' ${DOWN}`;
// How each engine words a fetch that found no server, as the widget quotes it: Chromium, Firefox,
// WebKitGTK.
const NETWORK_ERROR = String.raw`(Failed to fetch|NetworkError when attempting to fetch resource\.|Load failed)`;

/**
 * The failures: each page (with `csp` added to its CSP) leaves every element with `state` (error,
 * unless said), no items, no render event, and exactly one console.warn matching `warning`,
 * starting "<related-articles>: " (`warning: null`: nothing said at all); `unfetched` matches the
 * paths the page must not have requested.
 */
export const FAILURES = [
  { name: 'missing feed (404)', head: articleHead(main, `${FEEDS}/no-such-feed.xml`), warning: /HTTP 404.*fix the feed attribute/ },
  { name: 'the feed\'s connection dropped mid-body', head: articleHead(main, '/__cut'), warning: /could not fetch the feed \S+\/__cut:/ },
  { name: 'malformed JSON feed', head: articleHead(main, `${FEEDS}/malformed.json`, 'application/json'), warning: /malformed\.json could not be read/ },
  { name: 'malformed RSS feed', head: articleHead(main, `${FEEDS}/malformed.xml`), warning: /malformed\.xml (could not be read|has no usable articles|has only one usable article)/ },
  { name: 'a feed with no usable article', head: articleHead(main, `${FEEDS}/empty.json`, 'application/json'), warning: /empty\.json has no usable articles/ },
  {
    name: 'slow feed: gives up after the timeout attribute\'s 1 s',
    head: articleHead(main, '/__hang'),
    body: '<related-articles timeout="1"></related-articles>',
    warning: /the feed \S+\/__hang took over 1 s to load: serve it faster .*raise the timeout attribute$/,
    minElapsed: 1000,
  },
  {
    name: 'the wasm not beside the script (404)',
    script: false,
    head: '<script type="module" src="/__nowasm/related-articles.js"></script>\n' + articleHead(main, ...RSS),
    warning: /: could not load its wasm \(failed to fetch Wasm: 404 Not Found fetching '\S+\/__nowasm\/related-articles\.[0-9a-f]{10}\.wasm'\): serve the files of dist\/ side by side$/,
  },
  {
    name: 'the feed\'s server down (connection refused)',
    head: articleHead(main, `${DOWN}${RSS[0]}`, RSS[1]),
    csp: DOWN_CSP,
    warning: new RegExp(String.raw`could not fetch the feed ${DOWN.replaceAll('.', '\\.')}\S+rss2\.xml: the server is down`),
  },
  {
    name: 'the wasm\'s server down (connection refused)',
    script: false,
    head: '<script type="module" src="/__downwasm/related-articles.js"></script>\n' + articleHead(main, ...RSS),
    csp: DOWN_CSP,
    warning: new RegExp(String.raw`: could not load its wasm \(${NETWORK_ERROR}\): serve the files of dist\/ side by side$`),
  },
  {
    name: 'a page without WebAssembly: empty, silently, nothing fetched',
    head: '<script src="/tests/browser/fixtures/no-webassembly.js"></script>\n' + articleHead(main, ...RSS),
    state: 'empty',
    warning: null,
    unfetched: /\/feeds\/|\.wasm$/,
  },
  { name: 'no feed link and no feed attribute', head: '<meta property="og:title" content="Secret diplomacy">', warning: /no feed: add <link rel="alternate"/ },
  { name: 'a page without article metadata', head: `<link rel="alternate" type="${RSS[1]}" href="${RSS[0]}">`, body: '<div><p></p><related-articles></related-articles></div>', warning: /no article metadata/ },
  {
    name: 'two failing elements on one page still warn once',
    head: articleHead(main, '/no-such-feed.json', 'application/json'),
    body: '<related-articles></related-articles><related-articles limit="3"></related-articles>',
    warning: /HTTP 404/,
  },
];

/**
 * A failed feed fetch is not kept: the feed (`feed(key)`, the test server's /__flaky/: connection
 * refused, then 503, then the feed) is fetched again when the element is re-inserted (`reinsert`, page
 * side), and again when an attribute changes (`relimit`); each failure warns once (`warnings`, in
 * order), and the third run renders `items` items.
 */
export const RETRY = {
  feed: (key) => `/__flaky/${key}.xml`,
  head: (feed) => articleHead(main, feed, RSS[1]),
  csp: DOWN_CSP,
  reinsert: () => {
    const el = document.querySelector('related-articles');
    el.remove();
    document.querySelector('main').append(el); // what a router does when it re-renders a page
  },
  relimit: () => document.querySelector('related-articles').setAttribute('limit', '3'),
  warnings: [/could not fetch the feed \S+: the server is down/, /answered HTTP 503: the server is failing/],
  items: 3,
};

/**
 * A feed or a wasm that never finishes does not hold up the page's load event: the page's own
 * image (/__after.png) is answered only once the test server holds the hanging file's request
 * open, so when the load event fires that file is surely pending; the page records the element's
 * state then (fixtures/at-load.js, into window.__atLoad), which must be "loading". `key` makes
 * each page's hanging path its own.
 */
export const HANGING = [
  { what: 'feed', path: (key) => `/__hang/${key}`, head: (key) => articleHead(main, `/__hang/${key}`, RSS[1]) },
  {
    what: 'wasm',
    path: (key) => `/__hangwasm/${key}/`,
    script: false,
    head: (key) => `<script type="module" src="/__hangwasm/${key}/related-articles.js"></script>\n` + articleHead(main, ...RSS),
  },
].map((c) => ({
  ...c,
  head: (key) => '<script src="/tests/browser/fixtures/at-load.js"></script>\n' + c.head(key),
  body: (key) => `<related-articles timeout="60"></related-articles><img src="/__after.png?path=${encodeURIComponent(c.path(key))}" alt="">`,
}));

/**
 * The keyboard walk: Tab from the top of the page reaches the link before the widget, each of its
 * links in order with a visible focus ring, then the link after it (`steps` presses); Shift+Tab
 * walks back to the widget's last link. `focused` (page side) describes the focused element.
 */
export const KEYBOARD = {
  head: articleHead(main, ...RSS),
  body: '<a href="#before">Before</a>\n<related-articles></related-articles>\n<a href="#after">After</a>',
  steps: 7,
  focused: () => {
    const host = document.activeElement;
    const el = host.shadowRoot?.activeElement || host;
    const style = getComputedStyle(el);
    return { href: el.getAttribute('href'), inWidget: el !== host, outline: `${style.outlineStyle} ${style.outlineWidth}`, visible: el.matches(':focus-visible') };
  },
  /** Checks the walk: `order`, what `focused` said after each Tab; `back`, after Shift+Tab; `items`, the widget's. */
  check(order, back, items) {
    assert.deepEqual(order.map((f) => f.href), ['#before', ...items.map((i) => i.href), '#after']);
    for (const f of order.slice(1, 6)) {
      assert.equal(f.inWidget, true);
      assert.equal(f.visible, true);
      assert.equal(f.outline, 'solid 2px', 'a 2px solid ring in the text colour');
    }
    assert.equal(back.href, items[4].href, 'Shift+Tab walks back through the list');
  },
};

/** The rendered widget for axe-core: [layout, colour scheme] (the colour scheme only where the engine can set it). */
export const AXE_PAGES = [['list', 'light'], ['grid', 'dark']].map(([layout, colorScheme]) => ({
  layout, colorScheme, head: articleHead(main, ...RSS), body: `<h1>${main.title}</h1>\n<related-articles layout="${layout}" why></related-articles>`,
}));

/** Page side, for any engine: the failure's outcome, as data to compare. */
export const outcome = () => [...document.querySelectorAll('related-articles')].map((el) => ({
  state: el.getAttribute('state'),
  children: el.shadowRoot.childElementCount,
  height: el.getBoundingClientRect().height,
}));
