// The headless API: createIndex(), indexFeed(), parseFeed() and the Index they return. The one
// public door to the wasm core.
//
// The wasm module is loaded on first use, once per page (or Node process), relative to this
// module's own URL, so dist/ can be copied anywhere.

import init, { RelatedIndex, parseFeed as wasmParseFeed } from '../pkg/related_articles.js';

// The build renames this file to a content-hashed name (scripts/build.mjs), so a cached script
// never pairs with a newer wasm.
const WASM_URL = new URL('related_articles_bg.wasm', import.meta.url);

let ready = null;

/** Loads and instantiates the wasm core once; later calls share the same promise. */
export function loadCore() {
  if (!ready) {
    ready = wasmSource().then((source) => init({ module_or_path: source }));
    ready.catch(() => { ready = null; }); // a failed load (offline) may be retried later
  }
  return ready;
}

async function wasmSource() {
  // Node has fetch() but not for file: URLs, so read the bytes there. fs is reached through
  // process.getBuiltinModule (Node ≥ 20.16), not an import: a bundler then sees no Node module in
  // this browser entry, and neither warns nor emits a stub chunk for one.
  if (WASM_URL.protocol === 'file:' && globalThis.process?.versions?.node) {
    const fs = process.getBuiltinModule?.('fs/promises');
    if (!fs) throw new Error(`related-articles needs Node.js ≥ 20.16 (process.getBuiltinModule), not ${process.version}`);
    return fs.readFile(WASM_URL);
  }
  return WASM_URL;
}

/**
 * Builds an index over `articles` (an array of `{ id, url, title, summary, category, tags, date,
 * lang, image }` objects; `link`, `description` and `language` are aliases of `url`, `summary`
 * and `lang`). `id` is text or a whole number (kept as its decimal text); every other field is
 * text, `tags` a list of texts or one comma-separated string. Invalid records are skipped and
 * listed in `index.rejected`, unusable fields dropped and listed in `index.warnings`.
 * Throws only when `articles` is not an array, no record is valid, or an option is invalid.
 *
 * @param {object[]} articles
 * @param {{ titleWeight?: number, html?: boolean }} [options] `html: false` for text that is
 *   already plain (parseFeed's articles); by default title and summary are reduced from HTML
 * @returns {Promise<Index>}
 */
export async function createIndex(articles, options = {}) {
  await loadCore();
  // Anything but an array would be read as a feed's body (indexFeed's door into the core).
  if (!Array.isArray(articles)) throw new Error('articles must be an array of article objects');
  return new RelatedIndex(articles, options);
}

/**
 * Parses a feed as fetched (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed or a JSON array of article
 * objects, recognised from the content) with the core's parser, the one the CLI's `parse` uses.
 * A string is text already decoded (its `encoding` declaration and any charset are ignored);
 * bytes are decoded by BOM, `contentType` charset, then the XML declaration.
 * Throws when the body is not a feed at all or an argument is of the wrong kind.
 *
 * @param {Uint8Array | ArrayBuffer | string} body the response body
 * @param {{ contentType?: string, baseUrl?: string, lang?: string }} [options] the response's
 *   Content-Type (for its charset), the feed's URL (for relative links), the page's language
 * @returns {Promise<{ format: string, lang: string | null, articles: object[], rejected: object[], warnings: object[], truncated: boolean }>}
 */
export async function parseFeed(body, options) {
  await loadCore();
  return wasmParseFeed(body, options);
}

/**
 * Parses a feed as parseFeed does and indexes its articles in the same step, inside the core: the
 * articles never become JS objects to be read back. The feed's rejected entries and dropped
 * fields are the index's `rejected` and `warnings`; `truncated` says whether it looks cut off.
 * Unlike createIndex, a feed with no usable entry gives an empty index (`size` 0), not an error.
 * Throws as parseFeed does.
 *
 * @param {Uint8Array | ArrayBuffer | string} body the response body
 * @param {{ contentType?: string, baseUrl?: string, lang?: string }} [options] as parseFeed's
 * @returns {Promise<Index>}
 */
export async function indexFeed(body, options) {
  await loadCore();
  return new RelatedIndex(body, options);
}

// The Index that createIndex and indexFeed return is the core's class itself: its methods and
// getters are the boundary's (src/wasm/mod.rs), declared in related-articles.d.ts. `rejected` and
// `warnings` are built afresh on each read; `free()` releases its wasm memory before the garbage
// collector would.
export { RelatedIndex as Index };
