// Generates the demo site: a small publisher ("The Meridian") with one page per article of
// www/demo/data/articles.json, an index by category, and an RSS 2.0 feed of the latest articles
// that every page links with <link rel="alternate">. Then, as a publisher deploys it:
//   1. the site generator's output: every article page but the newest, each carrying the one line
//      a publisher adds (<script type="module" src="/related-articles/related-articles.js">) and an
//      empty <related-articles> element;
//   2. `related-articles build --site OUT --widget dist --quiet` (the native CLI, docs/archive.md)
//      ranks the whole archive once, writes OUT/related-articles/ (the widget's script told where
//      the lists are, its wasm, lists/*.json) and writes each page's list into its element, which
//      the widget upgrades in place with no wasm and no request;
//   3. one article published after that build (the newest of the data, a sibling of the seed
//      article): its page and the feed are written again, the build is not run. The archive does
//      not hold it, so its widget ranks it against the feed, in the browser, with the wasm core.
// Each page's footer says which of the two its list is; the generator knows.
//
//   node www/demo/generate.mjs [--out DIR] [--base URL] [--no-build]
//
// --base is the site's origin (default http://localhost:8080): RSS 2.0 wants absolute links, and
// the widget finds the page being read in the feed by its canonical URL. --no-build skips step 2
// and ships the published script as is: every page in feed mode.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const SITE = 'The Meridian';
const SCRIPT = '/related-articles/related-articles.js'; // where the build writes the widget's script
// A realistic feed: the latest 20 articles, as a CMS serves it (WordPress and jekyll-feed serve
// 10), not the whole archive; the archive's lists come from the build, not from the feed.
const FEED_ITEMS = 20;
const CREDIT = 'HuffPost articles: Rishabh Misra, News Category Dataset, arXiv:2209.11429 (CC BY 4.0); headlines and descriptions are HuffPost’s.';

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const day = (d) => new Date(d).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' });
const label = (a) => a.title || a.summary;
// JSON inside <script>: "</" must not close the element.
const jsonScript = (v) => JSON.stringify(v, null, 1).replace(/</g, '\\u003c');

// What the footer says about the list on the page, true for each page: the generator knows
// which pages the build wrote a list into and which one was published after it.
const HOW = {
  archived: `this list was computed by <code>related-articles build</code> over the whole archive and written
  into this page; the widget upgraded it without loading any wasm`,
  fresh: `this article was published after the last build and the archive holds no list for it, so this list
  was computed in your browser by the wasm core from the <a href="/feed.xml">RSS feed</a>`,
  feed: 'this list was computed in your browser by the wasm core from the <a href="/feed.xml">RSS feed</a>',
  index: `each article’s list was computed by <code>related-articles build</code> over the whole archive and
  written into its page; an article published after the last build gets its list computed in your browser,
  by the wasm core, from the <a href="/feed.xml">RSS feed</a>`,
};

function layout({ title, head = '', main, how }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/demo.css">
<link rel="alternate" type="application/rss+xml" title="${SITE}" href="/feed.xml">
<!-- demo.js before the widget: module scripts run in order, and the widget upgrades a list the build
wrote as soon as it runs, firing the render event demo.js counts. -->
<script type="module" src="/demo.js"></script>
${head}</head>
<body>
<header class="masthead">
  <a class="brand" href="/">${SITE}</a>
  <nav aria-label="Site"><a href="/">All articles</a> <a href="/feed.xml">RSS</a>
  <button type="button" id="theme" aria-pressed="false">Dark theme</button></nav>
</header>
${main}
<footer class="site-footer">
  <p>${SITE} is the demo of <a href="${SCRIPT}">related-articles</a> — no server, no tracking: ${HOW[how]}.</p>
  <p>${esc(CREDIT)} The seed articles (Political history) come from a reference publisher page.</p>
  <p id="measure" hidden></p>
</footer>
</body>
</html>
`;
}

function articlePage(a, base, how) {
  const url = `${base}/articles/${a.slug}.html`;
  const ld = {
    '@context': 'https://schema.org', '@type': 'NewsArticle', url, mainEntityOfPage: url,
    ...(a.title && { headline: a.title }), description: a.summary, articleSection: a.category,
    datePublished: a.date, inLanguage: 'en', publisher: { '@type': 'Organization', name: SITE },
    ...(a.author && { author: { '@type': 'Person', name: a.author } }),
  };
  const head = `<meta name="description" content="${esc(a.summary)}">
<link rel="canonical" href="${url}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${SITE}">
${a.title ? `<meta property="og:title" content="${esc(a.title)}">\n` : ''}<meta property="og:description" content="${esc(a.summary)}">
<meta property="og:url" content="${url}">
<meta property="article:section" content="${esc(a.category)}">
<meta property="article:published_time" content="${a.date}">
<script type="application/ld+json">${jsonScript(ld)}</script>
<script type="module" src="${SCRIPT}"></script>
`;
  const body = a.body
    ? a.body.map((p) => (p.length < 120 ? `<blockquote class="pull"><p>${esc(p)}</p></blockquote>` : `<p>${esc(p)}</p>`)).join('\n')
    : a.original
      ? `<p class="note">This demo page carries the HuffPost article’s headline and description only.
<a href="${esc(a.original)}">Read the full story on HuffPost</a>.</p>`
      : `<p class="note">The reference page lists this article by its summary only; its full text is not part of the demo.</p>`;
  const words = (a.body || [a.summary]).join(' ').split(/\s+/).length;
  const main = `<main>
<article class="story">
  <header>
    <p class="kicker"><a href="/#${slug(a.category)}">${esc(a.category)}</a></p>
    <h1${a.title ? '' : ' class="untitled"'}>${esc(label(a))}</h1>
    ${a.title ? `<p class="dek">${esc(a.summary)}</p>` : ''}
    <p class="byline">${a.author ? `Published by <span class="author">${esc(a.author)}</span><br>` : ''}<time datetime="${a.date}">${day(a.date)}</time> · ${Math.max(1, Math.round(words / 230))} min read</p>
  </header>
  <div class="body">
${body}
  </div>
</article>
<related-articles></related-articles>
</main>`;
  return layout({ title: `${label(a).slice(0, 90)} — ${SITE}`, head, main, how });
}

function indexPage(articles, base, { fresh, built }) {
  const groups = new Map();
  for (const a of articles) groups.set(a.category, [...(groups.get(a.category) || []), a]);
  const cats = [...groups.keys()].sort((x, y) => (x === 'Political history' ? -1 : y === 'Political history' ? 1 : x.localeCompare(y)));
  const main = articles[0];
  const link = (a) => `<li><a href="/articles/${a.slug}.html">${esc(label(a))}</a> <time datetime="${a.date}">${day(a.date)}</time></li>`;
  const n = (x) => x.toLocaleString('en-US');
  const lede = built
    ? `Open any of them: the “Related Articles” list at its foot was computed by <code>related-articles build</code>
over all ${n(articles.length - 1)} articles of the archive and written into the page, where the
<code>&lt;related-articles&gt;</code> element shows it with no wasm and no request. Move from article to article and
watch it change.`
    : `Open any of them: the “Related Articles” list at its foot is found by the <code>&lt;related-articles&gt;</code>
element from the page’s own metadata and this site’s RSS feed. Move from article to article and watch it change.`;
  const html = `<main class="index">
<h1>Every article, by section</h1>
<p class="lede">${n(articles.length)} articles in ${cats.length} sections. ${lede}</p>
<p class="start">Start here: <a href="/articles/${main.slug}.html">${esc(main.title)}</a></p>
${built ? `<p class="start" id="fresh">Published after the last build — its list comes from the feed, ranked in your browser:
<a href="/articles/${fresh.slug}.html">${esc(label(fresh))}</a></p>
` : ''}<nav class="sections" aria-label="Sections"><ul>
${cats.map((c) => `<li><a href="#${slug(c)}">${esc(c)}</a> <span>${groups.get(c).length}</span></li>`).join('\n')}
</ul></nav>
${cats.map((c) => `<section id="${slug(c)}">
<h2>${esc(c)}</h2>
<ul class="articles">
${groups.get(c).map(link).join('\n')}
</ul>
</section>`).join('\n')}
</main>`;
  return layout({ title: `${SITE} — related-articles demo`, head: `<meta name="description" content="The demo site of the related-articles widget.">\n<link rel="canonical" href="${base}/">\n`, main: html, how: built ? 'index' : 'feed' });
}

/** Newest first. */
const latest = (articles) => [...articles].sort((a, b) => b.date.localeCompare(a.date));

/** The feed: the latest FEED_ITEMS articles, newest first. */
function rss(articles, base) {
  const rfc822 = (d) => new Date(d).toUTCString();
  const items = latest(articles).slice(0, FEED_ITEMS).map((a) => `<item>
${a.title ? `<title>${esc(a.title)}</title>\n` : ''}<link>${base}/articles/${a.slug}.html</link>
<guid isPermaLink="false">${a.id}</guid>
<description>${esc(a.summary)}</description>
<category>${esc(a.category)}</category>
<pubDate>${rfc822(a.date)}</pubDate>
${a.author ? `<dc:creator>${esc(a.author)}</dc:creator>\n` : ''}</item>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${SITE}</title>
<link>${base}/</link>
<description>The demo site of the related-articles widget. ${esc(CREDIT)}</description>
<language>en</language>
<atom:link href="${base}/feed.xml" rel="self" type="application/rss+xml"/>
${items.join('\n')}
</channel>
</rss>
`;
}

/**
 * Writes the site to `out` for the origin `base`. Needs a built dist/ (npm run build) and, with
 * `build` (the default), the native CLI at `binary` (cargo build --release --locked --bin
 * related-articles). `quiet` passes --quiet to the build (its notes and summary on stderr
 * otherwise). Without `build`, the published script is copied as is and every page is in feed mode.
 */
export function generate({
  out = join(here, 'site'), base = 'http://localhost:8080', build = true,
  binary = join(root, 'target', 'release', 'related-articles'), quiet = true,
} = {}) {
  base = base.replace(/\/$/, '');
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'related-articles.js'))) throw new Error('no dist/related-articles.js: run npm run build first');
  if (build && !existsSync(binary)) throw new Error(`no ${binary}: run cargo build --release --locked --bin related-articles first`);
  const articles = JSON.parse(readFileSync(join(here, 'data', 'articles.json'), 'utf8'));
  // Published after the build: the newest article (a seed article's sibling, so the feed holds
  // its siblings and its list from the feed is a good one).
  const fresh = latest(articles)[0];
  const archive = articles.filter((a) => a !== fresh);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'articles'), { recursive: true });
  const page = (a, how) => writeFileSync(join(out, 'articles', `${a.slug}.html`), articlePage(a, base, how));
  for (const f of ['demo.css', 'demo.js', 'favicon.svg']) cpSync(join(here, 'assets', f), join(out, f));
  let report = null;
  if (build) {
    // 1. The site as its generator writes it, without the article not yet published.
    for (const a of archive) page(a, 'archived');
    writeFileSync(join(out, 'index.html'), indexPage(archive, base, { built: false }));
    writeFileSync(join(out, 'feed.xml'), rss(archive, base));
    // 2. The archive, over the built site: OUT/related-articles/ and every page's list.
    execFileSync(binary, ['build', '--site', out, '--widget', dist, ...(quiet ? ['--quiet'] : [])], { stdio: ['ignore', 'inherit', 'inherit'] });
    report = JSON.parse(readFileSync(join(out, 'related-articles', 'manifest.json'), 'utf8'));
    // 3. One more article, published after the build: its page, the feed and the index again.
    page(fresh, 'fresh');
  } else {
    for (const a of articles) page(a, 'feed');
    cpSync(dist, join(out, 'related-articles'), { recursive: true, filter: (f) => !f.endsWith('.d.ts') });
  }
  writeFileSync(join(out, 'index.html'), indexPage(articles, base, { fresh, built: build }));
  writeFileSync(join(out, 'feed.xml'), rss(articles, base));
  return {
    out, pages: articles.length + 1, first: `${base}/articles/${articles[0].slug}.html`,
    fresh: build ? `${base}/articles/${fresh.slug}.html` : null, feed: Math.min(FEED_ITEMS, articles.length), manifest: report,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
  const build = !process.argv.includes('--no-build');
  // npm start shows the build's own summary lines (README, "Two commands").
  const { out, pages, fresh, feed } = generate({ out: arg('--out'), base: arg('--base'), build, quiet: false });
  console.log(`demo: ${pages} pages and feed.xml (the latest ${feed} articles) written to ${out}` +
    (fresh ? `; published after the build: ${fresh}` : '; no build: every page in feed mode'));
}
