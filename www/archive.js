// Archive mode (docs/archive.md): the lists `related-articles build` computed for every article of
// a site, found with no wasm. A page the build rewrote carries its list as markup inside the
// element, which the element upgrades in place; any other page finds its list in one small file.
// The rules for lookup keys and file names are the build's (src/build/key.rs): both are checked
// against tests/fixtures/archive/lookup-keys.json.

// `related-articles build` replaces this literal, in the copy of the script it writes beside an
// archive, with the archive's settings as JSON: {"v":1,"build":"<id>","lists":"lists/"}. The
// script the package publishes keeps it, and finds lists only where an `index` attribute says.
// The literal must stay one quoted string in the built script (scripts/build.mjs checks): read once,
// through JSON.parse, which no minifier folds away.
let settings = null;
try {
  settings = JSON.parse('__RELATED_ARTICLES_ARCHIVE__');
} catch {} // the published script: no archive beside it

/** The build's id when this script was shipped beside an archive, else undefined. */
export const build = settings?.build;

/** The lookup key of an article: its URL's path and query, a final `index.html` removed; `id:` and its id without a web URL. */
export function lookupKey(url, id) {
  // A relative URL (a site page that names none) is keyed by its path, as the build keys it.
  const u = url && new URL(url, 'http://site.invalid/');
  if (!/^https?:$/.test(u?.protocol)) return id && 'id:' + id;
  return u.pathname.replace(/\/index\.html$/, '/') + u.search;
}

/** The list file's name for a key: FNV-1a 64 of its UTF-8 bytes, in 16 hex digits. */
export function fileName(key) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(key)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
}

/**
 * The directory of list files: under the `index` attribute's archive directory (resolved against
 * the page), else the one beside this script when the build shipped it; null for neither.
 */
export function listsUrl(index) {
  return index ? new URL('lists/', new URL(index, document.baseURI)) : settings && new URL(settings.lists, import.meta.url);
}

/**
 * The list of `article` in the archive at `lists` (a URL from listsUrl): items shaped as
 * `Index.related` returns them, or null when the archive does not hold the article (published after
 * the build). Throws a message for a list file that cannot be fetched or read.
 */
export async function archived(article, lists) {
  const key = lookupKey(article.url, article.id);
  if (!key) return null;
  const url = new URL(fileName(key) + '.json', lists);
  let res, file;
  try {
    res = await fetch(url);
    if (res.status == 404) return null;
    if (res.ok) file = await res.json();
  } catch {} // offline, a CORS refusal, a body that is not JSON: said below
  const entry = file?.entries?.find?.((e) => e.key == key);
  if (!entry) {
    if (file) return null; // another key's file (a hash shared across builds): not in this one
    throw new Error(`could not read the archive's list ${url}${res ? ` (HTTP ${res.status})` : ''}`);
  }
  const page = article.url || document.baseURI;
  return (Array.isArray(entry.items) ? entry.items : []).map((it) => ({
    ...it,
    id: it.id || it.url,
    url: it.url && new URL(it.url, page).href,
    why: it.why && { terms: it.why },
  }));
}

/**
 * The list a build wrote into `el` (src/site/rewrite.rs: `<section data-related-articles>`), as
 * items for render(); null when there is none.
 */
export function served(el) {
  const section = el.querySelector(':scope > section[data-related-articles]');
  if (!section) return null;
  return [...section.querySelectorAll('li')].map((li) => {
    const text = (selector) => li.querySelector(selector)?.textContent || undefined;
    const a = li.querySelector('a[href]');
    const why = text('.why');
    return {
      id: a?.href,
      url: a?.href,
      title: a?.textContent,
      summary: text('.summary'),
      category: text('.category'),
      date: li.querySelector('time')?.dateTime,
      image: li.querySelector('img')?.src,
      why: why && { terms: why.slice(why.indexOf(': ') + 2).split(', ') },
    };
  });
}
