// The headless API: createIndex() and the Index it returns. The one public door to the wasm core;
// the wasm-bindgen class behind it (RelatedIndex) is internal and may change.
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
  return new Index(new RelatedIndex(articles, options ?? {}));
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

/** An index of articles. Plain JSON-compatible objects in and out. */
export class Index {
  #inner;
  /** @type {{ position: number, id?: string, reason: string }[]} */
  rejected;
  /** @type {{ position: number, id: string, field: string, reason: string }[]} */
  warnings;

  constructor(inner) {
    this.#inner = inner;
    this.rejected = inner.rejected;
    this.warnings = inner.warnings;
  }

  /** How many articles were indexed. */
  get size() {
    return this.#inner.size;
  }

  /**
   * The articles most related to `idOrArticle` (an indexed id or URL, text or a whole number, or
   * any article object), best first:
   * `[{ id, url, title, summary, category, date, image, score, why: { terms } }]`.
   *
   * @param {string | number | object} idOrArticle
   * @param {{ limit?: number, minScore?: number, diversify?: boolean, exclude?: string | number | (string | number)[] }} [options]
   *   `exclude`: ids or URLs never to return; a single string is one id or URL, never split
   */
  related(idOrArticle, options = {}) {
    return this.#inner.related(idOrArticle, options ?? {});
  }

  /** Cosine similarity in [0, 1] of two indexed articles, by id or URL (text or whole numbers). */
  similarity(a, b) {
    return this.#inner.similarity(a, b);
  }
}
