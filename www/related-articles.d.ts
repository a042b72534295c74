// Types of the `related-articles` package: the headless API and the <related-articles> element.

/**
 * An article as given to `createIndex` (every field but one of title/summary is optional).
 *
 * `id` is text or a whole number (kept as its decimal text: `12345` is the id `"12345"`, and
 * `related(12345)` or `exclude: [12345]` name it). Every other field is text only: a number,
 * boolean, list or object is dropped with a warning in `Index.warnings` (`expected text, found a
 * number`). A blank or unusable id is replaced by the URL, else a hash of title and date, with a
 * warning `{ field: "id" }`. A second record with an id or a URL already used is rejected (see
 * `Index.rejected`), as is one with no usable title and no usable summary.
 *
 * `link`, `description` and `language` are accepted for `url`, `summary` and `lang`; when a record
 * gives both names, the field's own name wins.
 */
export interface ArticleInput {
  /** Stable identifier, text or a whole number up to 2^53; derived from the URL, else from
   *  title and date, when missing or blank. */
  id?: string | number;
  /** Absolute http(s) URL; other schemes are dropped (see `Index.warnings`). Alias: `link`. */
  url?: string;
  /** Alias of `url`, read when `url` is absent. */
  link?: string;
  /** Plain text or HTML (reduced to text). */
  title?: string;
  /** Plain text or HTML (reduced to text). Alias: `description`. */
  summary?: string;
  /** Alias of `summary`, read when `summary` is absent. */
  description?: string;
  category?: string;
  /** A list of texts, or one comma-separated string. */
  tags?: string[] | string;
  /** ISO 8601 date or date-time that exists: `2025-07-19`, `2025-07-19T08:00:00Z`, `…+02:00`
   *  (no `2023-02-31`, no `24:00`). */
  date?: string;
  /** BCP 47 language tag; articles in another language than the query's are never related.
   *  Alias: `language`. */
  lang?: string;
  /** Alias of `lang`, read when `lang` is absent. */
  language?: string;
  /** Absolute http(s) URL of a thumbnail. */
  image?: string;
}

/** An id or a URL naming an indexed article: text, or a whole number (an id given as a number). */
export type ArticleName = string | number;

/** An article as the core keeps it: validated, text only. */
export interface Article {
  id: string;
  url?: string;
  title: string;
  summary: string;
  category?: string;
  tags?: string[];
  date?: string;
  lang?: string;
  image?: string;
}

/** One result of `Index.related`, best first. */
export interface RelatedItem {
  id: string;
  url?: string;
  title: string;
  summary: string;
  category?: string;
  date?: string;
  image?: string;
  /** Cosine similarity in [0, 1], rounded to 4 decimals. */
  score: number;
  /** Up to three shared words, as written in this article, strongest first. */
  why: { terms: string[] };
}

/** A record that was skipped, and why. */
export interface Rejected {
  position: number;
  id?: string;
  reason: string;
}

/** A field dropped from a kept record (for `id`: replaced by a derived one), and why. */
export interface Warning {
  position: number;
  id: string;
  field: string;
  reason: string;
}

export interface IndexOptions {
  /** How much a title word weighs against a summary word. Default 1.5, range 0–10. */
  titleWeight?: number;
  /** Whether title and summary hold HTML (default true: reduced to text) or plain text already
   *  (false: parseFeed's articles, whose escaped `<tag>` must stay text). */
  html?: boolean;
}

export interface RelatedOptions {
  /** At most this many results (0–100, default 5). */
  limit?: number;
  /** Leave out results scoring below this (0–1, default 0). */
  minScore?: number;
  /** Collapse near-duplicates (default true). */
  diversify?: boolean;
  /** Ids or URLs never to return (default none). A single string is one id or URL, never split:
   *  URLs may hold commas. */
  exclude?: ArticleName | ArticleName[];
}

/** An index of articles. Plain JSON-compatible objects in and out. */
export declare class Index {
  private constructor();
  readonly rejected: Rejected[];
  readonly warnings: Warning[];
  /** How many articles were indexed. */
  readonly size: number;
  /** True when the feed it was made from (`indexFeed`) looks cut off; false otherwise. */
  readonly truncated: boolean;
  /** The indexed article named by an id or URL, or undefined. */
  article(idOrUrl: ArticleName): Article | undefined;
  /**
   * The articles most related to an indexed article (by id or URL) or to any article object (found
   * in the index by id or URL, else its text is weighed against the index). Never returns itself.
   */
  related(idOrArticle: ArticleName | ArticleInput, options?: RelatedOptions): RelatedItem[];
  /** Cosine similarity in [0, 1] of two indexed articles, by id or URL. */
  similarity(a: ArticleName, b: ArticleName): number;
  /** Releases the index's wasm memory now, rather than when it is garbage-collected. The index
   *  cannot be used afterwards. */
  free(): void;
}

/** Builds an index (loading the wasm core on first use). Rejects when no record is valid. */
export declare function createIndex(articles: ArticleInput[], options?: IndexOptions): Promise<Index>;

/** Loads and instantiates the wasm core once; later calls share the same promise. */
export declare function loadCore(): Promise<unknown>;

export interface ParseFeedOptions {
  /** The response's Content-Type header, for its charset (bytes only: a string body is decoded
   *  already). */
  contentType?: string;
  /** The feed's URL: relative links are resolved against it. */
  baseUrl?: string;
  /** Language of items that do not declare one. */
  lang?: string;
}

export interface ParsedFeed {
  /** "rss2.0", "rss0.9x", "rss1.0", "atom1.0", "atom0.3", "jsonfeed" or "json". */
  format: string;
  /** The feed's own language, when it names one. */
  lang: string | null;
  articles: Article[];
  rejected: Rejected[];
  warnings: Warning[];
  /** True when an XML feed ends before its root element closes: the file looks cut off, and
   *  articles after the cut are missing. */
  truncated: boolean;
}

/**
 * Parses a feed as fetched (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.1 or a JSON array of
 * articles, recognised from the content) with the wasm core's parser, the one the CLI's `parse`
 * command uses. A string is text already decoded (`response.text()`): its `encoding`
 * declaration, a BOM and any charset in `contentType` are ignored. Bytes are decoded by BOM, then
 * `contentType`'s charset, then the XML declaration. Rejects when the body is not a feed at all,
 * or an argument is of the wrong kind (options must be an object: there is no positional
 * `parseFeed(bytes, contentType, baseUrl, lang)`).
 */
export declare function parseFeed(body: Uint8Array | ArrayBuffer | string, options?: ParseFeedOptions): Promise<ParsedFeed>;

/**
 * Parses a feed as `parseFeed` does and indexes its articles in the same step, inside the wasm
 * core (the articles never become JS objects to be read back). The feed's rejected entries and
 * dropped fields are the index's `rejected` and `warnings`. A feed with no usable entry gives an
 * empty index (`size` 0). Rejects as `parseFeed` does.
 */
export declare function indexFeed(body: Uint8Array | ArrayBuffer | string, options?: ParseFeedOptions): Promise<Index>;

/** An item as rendered by the element: a related article, or a pinned one. */
export type RenderedItem = (RelatedItem | (Article & { pinned: true }));

export interface RelatedArticlesRenderDetail {
  /** The rendered items, in order. */
  items: RenderedItem[];
}

export interface RelatedArticlesSelectDetail {
  item: RenderedItem;
  /** 1-based position of the clicked link in the list. */
  position: number;
}

/**
 * `<related-articles>`: renders the articles related to the page's own: from the archive when
 * `related-articles build` made one (the list written into the element, else one list file; no wasm),
 * else from the page's feed. Attributes: `feed`, `index` (an archive directory's URL), `limit`, `heading`, `layout` ("list" | "grid"), `exclude`, `pin`, `min-score`,
 * `why`, `timeout` (seconds a feed may take, 1–60, default 10), `article-id`, `article-url`,
 * `article-title`, `article-summary`. `exclude` and `pin` are
 * whitespace-separated lists of ids or URLs, like `class`: a comma is part of a URL. Reflects its
 * progress in `state`: "loading" | "ready" | "empty" | "error".
 */
export declare class RelatedArticlesElement extends HTMLElement {
  static readonly observedAttributes: string[];
}

declare global {
  interface HTMLElementTagNameMap {
    'related-articles': RelatedArticlesElement;
  }
  /** The element's events; they bubble and are composed, so the document and window see them too. */
  interface RelatedArticlesEventMap {
    'related-articles:render': CustomEvent<RelatedArticlesRenderDetail>;
    'related-articles:select': CustomEvent<RelatedArticlesSelectDetail>;
  }
  interface HTMLElementEventMap extends RelatedArticlesEventMap {}
  interface DocumentEventMap extends RelatedArticlesEventMap {}
  interface WindowEventMap extends RelatedArticlesEventMap {}
}
