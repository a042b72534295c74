// Generates the demo site: a small publisher ("The Meridian") with one page per article of
// www/demo/data/articles.json, an index by category, and an RSS 2.0 feed that every page links
// with <link rel="alternate">; the widget is the built dist/, copied as a publisher would copy it.
//
//   node www/demo/generate.mjs [--out DIR] [--base URL]
//
// --base is the site's origin (default http://localhost:8080): RSS 2.0 wants absolute links, and
// the widget finds the page being read in the feed by its canonical URL.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const SITE = 'The Meridian';
const CREDIT = 'HuffPost articles: Rishabh Misra, News Category Dataset, arXiv:2209.11429 (CC BY 4.0); headlines and descriptions are HuffPost’s.';

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const day = (d) => new Date(d).toLocaleDateString('en-US', { dateStyle: 'long', timeZone: 'UTC' });
const label = (a) => a.title || a.summary;
// JSON inside <script>: "</" must not close the element.
const jsonScript = (v) => JSON.stringify(v, null, 1).replace(/</g, '\\u003c');

function layout({ title, head = '', main, base }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/demo.css">
<link rel="alternate" type="application/rss+xml" title="${SITE}" href="/feed.xml">
${head}<script type="module" src="/demo.js"></script>
</head>
<body>
<header class="masthead">
  <a class="brand" href="/">${SITE}</a>
  <nav aria-label="Site"><a href="/">All articles</a> <a href="/feed.xml">RSS</a>
  <button type="button" id="theme" aria-pressed="false">Dark theme</button></nav>
</header>
${main}
<footer class="site-footer">
  <p>${SITE} is the demo of <a href="/widget/related-articles.js">related-articles</a>: the list above is computed
  in your browser, by a WebAssembly core, from this site's <a href="/feed.xml">RSS feed</a> — no server, no tracking.</p>
  <p>${esc(CREDIT)} The seed articles (Political history) come from a reference publisher page.</p>
  <p id="measure" hidden></p>
</footer>
</body>
</html>
`;
}

function articlePage(a, base) {
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
<script type="module" src="/widget/related-articles.js"></script>
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
  return layout({ title: `${label(a).slice(0, 90)} — ${SITE}`, head, main, base });
}

function indexPage(articles, base) {
  const groups = new Map();
  for (const a of articles) groups.set(a.category, [...(groups.get(a.category) || []), a]);
  const cats = [...groups.keys()].sort((x, y) => (x === 'Political history' ? -1 : y === 'Political history' ? 1 : x.localeCompare(y)));
  const main = articles[0];
  const link = (a) => `<li><a href="/articles/${a.slug}.html">${esc(label(a))}</a> <time datetime="${a.date}">${day(a.date)}</time></li>`;
  const html = `<main class="index">
<h1>Every article, by section</h1>
<p class="lede">${articles.length.toLocaleString('en-US')} articles in ${cats.length} sections. Open any of them: the
“Related Articles” list at its foot is found by the <code>&lt;related-articles&gt;</code> element from the page’s own
metadata and this site’s RSS feed. Move from article to article and watch it change.</p>
<p class="start">Start here: <a href="/articles/${main.slug}.html">${esc(main.title)}</a></p>
<nav class="sections" aria-label="Sections"><ul>
${cats.map((c) => `<li><a href="#${slug(c)}">${esc(c)}</a> <span>${groups.get(c).length}</span></li>`).join('\n')}
</ul></nav>
${cats.map((c) => `<section id="${slug(c)}">
<h2>${esc(c)}</h2>
<ul class="articles">
${groups.get(c).map(link).join('\n')}
</ul>
</section>`).join('\n')}
</main>`;
  return layout({ title: `${SITE} — related-articles demo`, head: `<meta name="description" content="The demo site of the related-articles widget.">\n<link rel="canonical" href="${base}/">\n`, main: html, base });
}

function rss(articles, base) {
  const rfc822 = (d) => new Date(d).toUTCString();
  const items = [...articles].sort((a, b) => b.date.localeCompare(a.date)).map((a) => `<item>
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

/** Writes the site to `out` for the origin `base`. Needs a built dist/ (npm run build). */
export function generate({ out = join(here, 'site'), base = 'http://localhost:8080' } = {}) {
  base = base.replace(/\/$/, '');
  const dist = join(root, 'dist');
  if (!existsSync(join(dist, 'related-articles.js'))) throw new Error('no dist/related-articles.js: run npm run build first');
  const articles = JSON.parse(readFileSync(join(here, 'data', 'articles.json'), 'utf8'));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'articles'), { recursive: true });
  for (const a of articles) writeFileSync(join(out, 'articles', `${a.slug}.html`), articlePage(a, base));
  writeFileSync(join(out, 'index.html'), indexPage(articles, base));
  writeFileSync(join(out, 'feed.xml'), rss(articles, base));
  for (const f of ['demo.css', 'demo.js', 'favicon.svg']) cpSync(join(here, 'assets', f), join(out, f));
  cpSync(dist, join(out, 'widget'), { recursive: true });
  return { out, pages: articles.length + 1, first: `${base}/articles/${articles[0].slug}.html` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
  const { out, pages } = generate({ out: arg('--out'), base: arg('--base') });
  console.log(`demo: ${pages} pages and feed.xml written to ${out}`);
}
