// Types of `related-articles/build` (node/build.mjs): archive builds from Node. See docs/archive.md.

/** Options of an archive build: the CLI's `build` options (docs/archive.md). */
export interface ArchiveOptions {
  /** Items per list. Default 5, range 0–100. */
  limit?: number;
  /** Items with a title carry their summary cut to this many characters. Default 0 (none), range 0–500. */
  summary?: number;
  /** Collapse near-duplicates, as the widget does. Default true. */
  diversify?: boolean;
  /** The site's public URL (the pages' own URLs when their metadata names none), or where feeds are served from. */
  baseUrl?: string;
  /** Any rejected record or page fails the build. Default false. */
  strict?: boolean;
  /** The widget's built files. Default: this package's dist/. */
  widget?: string;
  /** A native `related-articles` binary (`cargo install`) to run instead of the WASI build: faster, all cores. */
  binary?: string;
}

/** An article given as a record: the fields of a JSON Lines input (docs/archive.md). */
export interface ArticleRecord {
  id?: string | number;
  url?: string;
  title?: string;
  summary?: string;
  category?: string;
  tags?: string[] | string;
  /** An ISO 8601 date or date-time. */
  date?: string;
  lang?: string;
  image?: string;
  [field: string]: unknown;
}

/** Files written, left unchanged (same bytes) and removed. */
export interface FileCounts {
  written: number;
  unchanged: number;
  removed: number;
}

/** The build's manifest (`manifest.json`). */
export interface Manifest {
  v: 1;
  /** The build id: a hash of the generator, the options and every article read. */
  build: string;
  generator: string;
  inputs: { name: string; sha256: string }[];
  options: { limit: number; diversify: boolean; summaryChars: number };
  counts: {
    /** HTML pages read (a site). */
    pages?: number;
    /** Records read from inputs. */
    records?: number;
    articles: number;
    /** Pages or records not kept, by reason (`not-article`, `redirect`, `duplicate`, `rejected`…). */
    skipped: Record<string, number>;
    lists: number;
  };
}

/** What `writeFiles` did. */
export interface BuildReport {
  /** The archive's directory, absolute. */
  out: string;
  manifest: Manifest;
  /** List files (`lists/*.json`). */
  lists: FileCounts;
  /** The site's pages whose `<related-articles>` element got their list. */
  pages: FileCounts;
  /** The widget's files copied into the archive. */
  widget: FileCounts;
  /** Rejected records or pages, dropped fields, duplicates: one line each. */
  notes: string[];
}

/** An archive build: add a built site, input files and records, then write it. */
export interface Archive {
  /** A built site's output directory (one per archive): its pages are read, and at `writeFiles` each article page's list is written into its `<related-articles>` element. */
  addDirectory(path: string): Promise<void>;
  /** An input file: JSON Lines, a JSON array of articles, an RSS/Atom/JSON Feed, a WordPress export. */
  addFile(path: string): Promise<void>;
  /** One article. Validated at `writeFiles`, like a JSON Lines record (rejections are in `notes`). */
  addRecord(record: ArticleRecord): void;
  /** Builds and writes the archive: into `outputPath`, by default the site's `related-articles/` (required without a site). Rejects with the CLI's error. */
  writeFiles(outputPath?: string): Promise<BuildReport>;
}

/** A new archive build. Rejects when an option has the wrong type; ranges are checked at `writeFiles`. */
export function archive(options?: ArchiveOptions): Promise<Archive>;
