// What the widget reads from the host page: the feed (a <link rel="alternate">) and the article
// being read (JSON-LD, then Open Graph / article:* meta, then plain HTML). Read at render time
// only, never at import time, so the package imports safely where there is no DOM (SSR).

const FEED_TYPE = /^application\/(rss\+xml|atom\+xml|feed\+json|json)$/;

/** The URL of the page's first RSS 2.0, Atom 1.0, JSON Feed or JSON alternate link. */
export const feedLink = (doc) =>
  [...doc.querySelectorAll('link[rel~=alternate i][href]')]
    .find((l) => FEED_TYPE.test(l.type.split(';')[0].trim().toLowerCase()))?.href;

// A JSON-LD value as text: strings as they are, the first of an array, an object's @id/url/name.
const text = (v) =>
  typeof v == 'string' ? v.trim() || undefined
    : Array.isArray(v) ? text(v[0])
      : v && typeof v == 'object' ? text(v['@id'] || v.url || v.name || v['@value']) : undefined;

// The first Article/NewsArticle/BlogPosting/… node, looking into arrays, @graph and mainEntity.
const find = (n) => {
  if (Array.isArray(n)) {
    for (let x of n) if ((x = find(x))) return x;
  } else if (n && typeof n == 'object') {
    return [].concat(n['@type']).some((t) => /(Article|BlogPosting)$/.test(t)) ? n : find(n['@graph']) || find(n.mainEntity);
  }
};

/**
 * The article `el` sits in: `{ id, url, title, summary, category, tags, date, lang }`, each part
 * from the element's `article-*` attribute, else JSON-LD, else Open Graph / article:*, else HTML.
 */
export function pageArticle(el, doc = el.ownerDocument) {
  let ld;
  for (const s of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      if ((ld = find(JSON.parse(s.textContent)))) break;
    } catch {} // a broken JSON-LD block is the page's business: try the next source
  }
  ld ||= {};
  const meta = (p) => doc.querySelector(`meta[property="${p}"],meta[name="${p}"]`)?.content.trim() || undefined;
  const attr = (n) => el.getAttribute('article-' + n)?.trim() || undefined;
  const url = attr('url') || text(ld.url) || text(ld.mainEntityOfPage) || meta('og:url')
    || doc.querySelector('link[rel~=canonical i]')?.getAttribute('href') || doc.location?.href.split('#')[0];
  let tags = ld.keywords;
  tags = typeof tags == 'string' ? tags.split(',')
    : Array.isArray(tags) ? tags.map(text)
      : [...doc.querySelectorAll('meta[property="article:tag"]')].map((m) => m.content);
  return {
    id: attr('id'),
    url: url && new URL(url, doc.baseURI).href,
    title: attr('title') || text(ld.headline || ld.name) || meta('og:title')
      || doc.querySelector('h1')?.textContent.trim() || doc.title.trim() || undefined,
    summary: attr('summary') || text(ld.description) || meta('og:description') || meta('description'),
    category: text(ld.articleSection) || meta('article:section'),
    tags: tags.map((t) => t?.trim()).filter(Boolean),
    date: text(ld.datePublished) || meta('article:published_time'),
    lang: text(ld.inLanguage) || language(el),
  };
}

/** The language `el` is written in: its nearest `lang` attribute (usually `<html lang>`). */
export const language = (el) => el.closest('[lang]')?.lang.trim() || undefined;
