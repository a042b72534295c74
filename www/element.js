// The <related-articles> element: finds the article being read and its list, and renders it in a
// shadow root. The list comes from the archive when there is one (archive.js: the markup a build
// wrote into the element, else one list file; no wasm), else from the page's feed, fetched and
// indexed once per page, ranked by the core. Nothing here touches the DOM at import time:
// importing the package during SSR is safe.

import { archived, build, listsUrl, served } from './archive.js';
import { indexFeed, loadCore } from './core.js';
import { feedLink, language, pageArticle } from './page.js';
import { render } from './render.js';
// The default theme (www/styles.css, minified into this script as text by the build), adopted as a
// constructable stylesheet so no 'unsafe-inline' is needed; it inherits the page's font and
// colours. See theme().
import css from './styles.css';

const feeds = new Map(); // feed URL → Promise<Index>, shared by the page's elements
const live = new Set(); // connected elements: no article is shown by two of them
const said = new Set();
// exclude/pin: whitespace-separated, like class (a comma belongs to the URL it is in).
const list = (v) => v?.split(/\s+/).filter(Boolean) || [];
let sheet, io, mo;

/** Says `message` in the console once per page (several elements share one feed): `warn` for what to fix. */
function say(message, level = 'warn') {
  message = '<related-articles>: ' + message;
  if (said.has(message)) return;
  said.add(message);
  console[level](message);
}

/**
 * The `timeout` attribute: seconds a feed may take, body included; 10 when absent, clamped to
 * 1–60. A value that is not a number of seconds in that range is replaced, with a warning.
 */
function seconds(value) {
  if (value == null) return 10;
  const s = value.trim() ? Number(value) : NaN;
  const used = Number.isFinite(s) ? Math.min(60, Math.max(1, s)) : 10;
  if (used !== s) say(`timeout="${value}" must be a number of seconds from 1 to 60: using ${used}`);
  return used;
}

/**
 * Styles a new shadow root with the default theme. Where the browser has constructable stylesheets
 * (Chrome 73, Firefox 101, Safari 16.4 and later) the theme is adopted, with no request. Elsewhere
 * (Safari 15.x–16.3, Firefox 90–100) a `<link rel="stylesheet">` to the same CSS, shipped beside
 * this script (`dist/related-articles.theme.<hash>.css`, named here by the build), which a strict
 * `style-src 'self'` allows where it allows the script. Returns that `<link>`, which must stay in
 * the root (removed and inserted again, its sheet would be dropped and fetched again), or null.
 */
function theme(root) {
  try {
    if ('adoptedStyleSheets' in root) {
      if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      return null;
    }
  } catch {} // a constructor or a setter that throws (a locked-down or half-made engine): the link
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  // ?no-inline: a bundler that copies the file (Vite, webpack) must not inline it as a data: URL,
  // which style-src 'self' refuses; a server ignores the query.
  link.href = new URL('related-articles.theme.css?no-inline', import.meta.url).href;
  root.append(link);
  return link;
}

/** A problem the publisher can fix: the message says what to do. */
class Fix extends Error {}

/**
 * The feed at `url`, fetched and indexed once per page for all its elements. A failure is not
 * kept: the network or the server may be back by the next run, which fetches again.
 */
function feedIndex(url, timeout) {
  let pending = feeds.get(url);
  if (!pending) {
    pending = load(url, timeout);
    feeds.set(url, pending);
    pending.catch(() => {
      if (feeds.get(url) === pending) feeds.delete(url);
    });
  }
  return pending;
}

async function load(url, timeout) {
  // The wasm downloads while the feed does. Its failure (offline, a 404) is told apart from the
  // feed's below: indexFeed would report it as an unreadable feed.
  const core = loadCore().then(() => {}, (e) => e);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeout * 1e3);
  let res, body, index;
  try {
    res = await fetch(url, { signal: abort.signal });
    if (!res.ok) {
      throw new Fix(`the feed ${url} answered HTTP ${res.status}: ${res.status < 500 ? 'fix the feed attribute or the <link rel="alternate"> href' : 'the server is failing'}`);
    }
    body = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    throw e instanceof Fix ? e : new Fix(abort.signal.aborted
      ? `the feed ${url} took over ${timeout} s to load: serve it faster (cache it, compress it, trim it), or raise the timeout attribute`
      : `could not fetch the feed ${url}: the server is down, or the feed is on another origin without Access-Control-Allow-Origin`);
  } finally {
    clearTimeout(timer);
  }
  const failed = await core;
  if (failed) throw new Fix(`could not load its wasm (${failed.message}): serve the files of dist/ side by side`);
  try {
    // Every format (RSS, Atom, JSON Feed, JSON array) is read and indexed by the core, from the
    // bytes; its text is plain already.
    index = await indexFeed(body, { contentType: res.headers.get('content-type') || '', baseUrl: res.url || url, lang: document.documentElement.lang || undefined });
  } catch (e) {
    throw new Fix(`the feed ${url} could not be read (${e.message}): serve RSS 2.0, Atom 1.0 or JSON Feed 1.1`);
  }
  const n = index.size;
  const cut = index.truncated ? ' ends before its root element closes: it looks cut off (a size limit or an interrupted upload?)' : '';
  if (n < 2) { // one article can never have a related one: say why, once
    throw new Fix(`the feed ${url} has ${n ? 'only one usable article' : 'no usable articles'}${index.rejected.length ? ` (${index.rejected[0].reason})` : ''}${cut && `, and${cut}`}`);
  }
  // A cut-off file still parses up to the cut: show what is there, and say what is missing.
  if (cut) say(`the feed ${url}${cut}, so the articles after the cut are missing`);
  return index;
}

export class RelatedArticlesElement extends (globalThis.HTMLElement || class {}) {
  static observedAttributes = ['feed', 'index', 'limit', 'heading', 'layout', 'exclude', 'pin', 'min-score', 'why', 'timeout',
    'article-id', 'article-url', 'article-title', 'article-summary'];
  #near = false; // has come near the viewport: work may start
  #served; // the list a build wrote into the element (archive.js served()), read once
  #items = [];
  #key;
  #timer;
  #theme; // the theme's <link> where it is not adopted (see theme())

  connectedCallback() {
    live.add(this);
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      this.#theme = theme(root);
      root.addEventListener('click', (e) => {
        const i = e.target.closest?.('[part~=link]')?.dataset.i;
        if (i) this.#emit('select', { item: this.#items[i], position: +i + 1 });
      });
    }
    io ||= globalThis.IntersectionObserver && new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) {
          io.unobserve(e.target);
          e.target.#start();
        }
      }
    }, { rootMargin: '100% 0px' });
    this.#served ??= served(this) || false;
    if (this.#served) {
      // The build's markup is on screen already: upgrade it now, not when it nears the viewport,
      // so it is replaced in the same task it disappears in (attaching the shadow root hid it).
      this.#start();
    } else if (this.#near) {
      // Re-inserted (a router re-rendering the page) after it started: no need to wait for the
      // viewport again, and hidden (empty, error) it would never intersect. After a failure the
      // same key is worth a new try; otherwise the run stops at the unchanged key.
      if (this.getAttribute('state') == 'error') this.#key = undefined;
      this.#schedule();
    } else if (io) {
      io.observe(this);
    } else {
      this.#start();
    }
    if (!mo && document.head) {
      // A single-page app changes the title, canonical link or meta when it changes articles.
      (mo = new MutationObserver(() => live.forEach((el) => el.#schedule())))
        .observe(document.head, { subtree: true, childList: true, attributes: true, characterData: true });
    }
  }

  disconnectedCallback() {
    live.delete(this);
    io?.unobserve(this);
  }

  attributeChangedCallback() {
    this.#schedule();
  }

  #start() {
    this.#near = true;
    this.#run();
  }

  #schedule() {
    if (this.#near) {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#run(), 60);
    }
  }

  #emit(name, detail) {
    this.dispatchEvent(new CustomEvent('related-articles:' + name, { bubbles: true, composed: true, detail }));
  }

  #show(items, state, options) {
    this.#items = items.length > 1 ? items : [];
    const root = this.shadowRoot;
    for (const n of [...root.childNodes]) if (n != this.#theme) n.remove();
    if (this.#items.length) root.append(render(items, options));
    this.setAttribute('state', this.#items.length ? 'ready' : state || 'empty');
    if (this.#items.length) this.#emit('render', { items });
  }

  async #run() {
    let key;
    try {
      const get = (n) => this.getAttribute(n);
      const article = pageArticle(this);
      const n = parseInt(get('limit'));
      const limit = n >= 0 ? Math.min(n, 100) : 5;
      const minScore = Math.min(1, Math.max(0, parseFloat(get('min-score')) || 0));
      const options = { heading: get('heading'), layout: get('layout'), lang: language(this), why: this.hasAttribute('why') };
      const url = get('feed') ? new URL(get('feed'), document.baseURI).href : feedLink(document);
      const timeout = seconds(get('timeout'));
      const lists = listsUrl(get('index'));
      key = JSON.stringify([url, timeout, article, limit, minScore, get('exclude'), get('pin'), options, lists]);
      if (key == this.#key) return; // a <head> change that changed nothing the widget reads
      this.#key = key;
      // What this element must not show: its exclude list and what the page's other elements show,
      // read when the list is ready (the others may have rendered meanwhile).
      const taken = () => {
        const t = new Set(list(get('exclude')));
        for (const el of live) if (el != this) for (const it of el.#items) t.add(it.id);
        return t;
      };
      const seen = new Set();
      const show = (items) => this.#show(items
        .filter((it) => /^https?:\/\//i.test(it.url) && !seen.has(it.id) && seen.add(it.id))
        .slice(0, limit), 'empty', options);
      let found = this.#served;
      if (!found && lists) {
        if (!this.#items.length) this.setAttribute('state', 'loading');
        try {
          found = await archived(article, lists);
          if (!found) say(`the article on this page (${article.url}) is not in the archive${build ? ` of build ${build}` : ''}, which was built before it: ranking it against the feed until the next build`, 'info');
        } catch (e) {
          say(`${e.message}: ranking against the feed instead`);
        }
        if (key != this.#key) return; // changed while loading: the newer run renders
      }
      // Archived lists have no scores (min-score does not apply) and pins need the feed's articles.
      if (found) {
        const t = taken();
        return show(found.filter((it) => !t.has(it.id) && !t.has(it.url)));
      }
      if (typeof WebAssembly != 'object') return this.#show([]); // no wasm, no feed mode: silently
      if (!this.#items.length) this.setAttribute('state', 'loading');
      if (!url) throw new Fix('no feed: add <link rel="alternate" type="application/rss+xml" href="…"> to the page, or a feed attribute');
      const index = await feedIndex(url, timeout);
      if (key != this.#key) return; // changed while loading: the newer run renders
      const known = [article.id, article.url].find((k) => index.article(k));
      if (!known) {
        if (!article.title && !article.summary) {
          throw new Fix('no article metadata on this page: add JSON-LD (NewsArticle), og:title and og:description, or article-title and article-summary attributes');
        }
        // Not an error (a new article, another site's page), but the usual cause of short or
        // missing lists: feeds list only the latest articles.
        say(`the article on this page (${article.url}) is not in the feed ${url}, which holds ${index.size} articles: `
          + 'it is related to those by its title and summary. Lengthen the feed to relate older articles '
          + '(WordPress and jekyll-feed list the latest 10 by default)', 'info');
      }
      const query = article.title || article.summary ? article : known;
      const t = taken();
      const pins = list(get('pin')).map((k) => index.article(k))
        .filter((a) => a && !t.has(a.id) && !t.has(a.url) && a.id != article.id && a.url != article.url)
        .map((a) => ({ ...a, pinned: true }));
      show([...pins, ...index.related(query, { limit: Math.max(0, limit - pins.length), minScore, exclude: [...t, ...pins.map((a) => a.id)] })]);
    } catch (e) {
      if (key && key != this.#key) return; // a newer run is under way
      say(e.message);
      this.#show([], 'error');
    }
  }
}

if (globalThis.customElements && !customElements.get('related-articles')) {
  customElements.define('related-articles', RelatedArticlesElement);
}
