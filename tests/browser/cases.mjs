// Scenarios shared by the Chromium suite (Playwright: failures.test.mjs, a11y.test.mjs) and the
// other engines (WebDriver: engines.test.mjs): one definition of each page and what it must do,
// iterated by both. Only what needs no request routing is here (no engine but Chromium's
// Playwright can route): the test server's own routes (/__cut, /__hang) stand in for the network.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEEDS, ROOT, articleHead } from './helpers.mjs';

const [main] = JSON.parse(readFileSync(join(ROOT, FEEDS, 'articles.json'), 'utf8'));
export const RSS = [`${FEEDS}/rss2.xml`, 'application/rss+xml'];
export { main };

/**
 * The failures: each page leaves every element with `state` (error, unless said), no items, no
 * render event, and exactly one console.warn matching `warning`, starting "<related-articles>: ".
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
  { name: 'no feed link and no feed attribute', head: '<meta property="og:title" content="Secret diplomacy">', warning: /no feed: add <link rel="alternate"/ },
  { name: 'a page without article metadata', head: `<link rel="alternate" type="${RSS[1]}" href="${RSS[0]}">`, body: '<div><p></p><related-articles></related-articles></div>', warning: /no article metadata/ },
  {
    name: 'two failing elements on one page still warn once',
    head: articleHead(main, '/no-such-feed.json', 'application/json'),
    body: '<related-articles></related-articles><related-articles limit="3"></related-articles>',
    warning: /HTTP 404/,
  },
];

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
