// Types of the `related-articles` package: the headless API and the <related-articles> element.

/** An article as given to `createIndex` (every field but one of title/summary is optional). */
export interface ArticleInput {
  /** Stable identifier; derived from the URL, else from title and date, when missing. */
  id?: string | number;
  /** Absolute http(s) URL; other schemes are dropped (see `Index.warnings`). */
  url?: string;
  title?: string;
  /** Plain text or HTML (reduced to text). */
  summary?: string;
  category?: string;
  tags?: string[] | string;
  /** ISO 8601 date or date-time. */
  date?: string;
  /** BCP 47 language tag; articles in another language than the query's are never related. */
  lang?: string;
  /** Absolute http(s) URL of a thumbnail. */
  image?: string;
}

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

/** A field dropped from a kept record, and why. */
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
  /** Ids or URLs never to return. */
  exclude?: string[];
}

/** An index of articles. Plain JSON-compatible objects in and out. */
export declare class Index {
  private constructor();
  readonly rejected: Rejected[];
  readonly warnings: Warning[];
  /** How many articles were indexed. */
  readonly size: number;
  /**
   * The articles most related to an indexed article (by id or URL) or to any article object (found
   * in the index by id or URL, else its text is weighed against the index). Never returns itself.
   */
  related(idOrArticle: string | ArticleInput, options?: RelatedOptions): RelatedItem[];
  /** Cosine similarity in [0, 1] of two indexed articles, by id or URL. */
  similarity(a: string, b: string): number;
}

/** Builds an index (loading the wasm core on first use). Rejects when no record is valid. */
export declare function createIndex(articles: ArticleInput[], options?: IndexOptions): Promise<Index>;

/** Loads and instantiates the wasm core once; later calls share the same promise. */
export declare function loadCore(): Promise<unknown>;

export interface ParseFeedOptions {
  /** The response's Content-Type header, a hint for the format and the charset. */
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
 * command uses. Rejects only when the body is not a feed at all.
 */
export declare function parseFeed(body: Uint8Array | ArrayBuffer | string, options?: ParseFeedOptions): Promise<ParsedFeed>;

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
 * `<related-articles>`: renders the articles related to the page's own, from the page's feed.
 * Attributes: `feed`, `limit`, `heading`, `layout` ("list" | "grid"), `exclude`, `pin`, `min-score`,
 * `why`, `article-id`, `article-url`, `article-title`, `article-summary`. Reflects its progress in
 * `state`: "loading" | "ready" | "empty" | "error".
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
