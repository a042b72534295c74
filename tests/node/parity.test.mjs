// Parity across the wasm boundary: the same fixtures through the native CLI (target/release,
// built from this checkout) and through the BUILT package in Node (dist/: the real wasm) must give
// the same articles, rejections, warnings, results and scores, field by field. And the objects
// both return must have exactly the keys and types www/related-articles.d.ts declares (read with
// the TypeScript compiler's parser), every declared field produced at least once by each: a field
// added in one of the four places (rank.rs's ResultItem, the wasm boundary's objects, the CLI's
// `parse --json` line, the .d.ts) fails here until the others agree.
//
// Run after `npm run build`: node --test tests/node/parity.test.mjs (builds the release CLI if
// it is out of date).
//
// What cannot be compared, and why (none of it is skipped silently: each is a separate input or
// a path the other side does not have):
// - JSON Lines that are not JSON (`{broken`): JS gets values, not text (the CLI's reason is tested
//   in tests/cli.rs). A record with a key given twice: JSON.parse keeps the last, serde rejects.
// - parseFeed's `contentType` and `lang`, and its `format` and feed `lang`: the CLI has no such
//   option or output (the charset comes from the bytes on both sides here).
// - `minScore` and `exclude`: the CLI has no such flag. They are derived from the CLI's full
//   list instead: a floor keeps the prefix scoring at or above it (chosen between two scores
//   that differ in their 4th decimal, so rounding cannot decide), and with `diversify: false`
//   an exclusion is a filter. With diversifying on, an excluded article changes which of its
//   near-duplicates are collapsed, so the forms of `exclude` are compared with each other.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';

import { ROOT, buildCli, cli, jsonLines, pool, readReports } from './cli.mjs';
import { readInterfaces, shapeProblems } from './dts.mjs';

const TYPES = join(ROOT, 'www', 'related-articles.d.ts');
const interfaces = readInterfaces(TYPES);
const pkg = await import(pathToFileURL(join(ROOT, 'dist', 'related-articles.js')).href);
const work = mkdtempSync(join(tmpdir(), 'parity-'));
after(() => rmSync(work, { recursive: true, force: true }));
before(buildCli);

// The keys each side produced, per interface: the last test checks that every declared key was
// (when every test before it ran: a filtered run cannot tell).
const seen = { cli: new Map(), js: new Map() };
const ran = new Set();
const parity = (name, fn) => test(name, async (t) => {
  await fn(t);
  ran.add(name);
});
const shape = (side, value, type, nullForAbsent = false) => {
  const problems = shapeProblems(value, type, interfaces, { nullForAbsent, seen: seen[side] });
  assert.deepEqual(problems, [], `${side} output against ${relative(ROOT, TYPES)}`);
};
const list = (name) => ({ kind: 'array', of: { kind: 'ref', name } });

/** Where two values first differ, for a message a person can act on. */
function difference(a, b, at = '') {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = difference(a[k], b[k], `${at}${Array.isArray(a) ? `[${k}]` : `.${k}`}`);
      if (d) return d;
    }
  }
  return `${at || '(whole)'}: CLI ${JSON.stringify(a)} vs package ${JSON.stringify(b)}`;
}
const same = (cliValue, jsValue, what) => {
  const d = difference(cliValue, jsValue);
  assert.ok(!d, `${what}: ${d}`);
};

test('the built package ships the types read here (dist/ is built from this checkout)', () => {
  assert.equal(readFileSync(join(ROOT, 'dist', 'related-articles.d.ts'), 'utf8'), readFileSync(TYPES, 'utf8'), 'dist/related-articles.d.ts is stale: npm run build');
  // What the shape checks rely on: the output interfaces were read, with their optional keys.
  for (const name of ['Article', 'RelatedItem', 'Rejected', 'Warning', 'ParsedFeed']) assert.ok(interfaces.has(name), name);
  assert.deepEqual([...interfaces.get('Rejected').props].map(([k, p]) => [k, p.optional]), [['position', false], ['id', true], ['reason', false]]);
});

// ---- feeds: `parse --json` and parseFeed ----------------------------------------------------

/** A `parse --json` line as the package gives the article: absent fields left out. */
function packaged(line) {
  const out = {};
  for (const [k, v] of Object.entries(line)) {
    if (v === null || (k === 'tags' && Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}

/** Parses `file` both ways; returns what was compared (throws on the first difference). */
async function parseBoth(file, baseUrl) {
  const path = relative(ROOT, file);
  const args = ['parse', '--json', ...(baseUrl ? ['--base-url', baseUrl] : []), path];
  const [native, js] = await Promise.all([
    cli(args),
    pkg.parseFeed(readFileSync(file), baseUrl ? { baseUrl } : undefined).then((feed) => ({ feed }), (error) => ({ error })),
  ]);
  const reports = readReports(native.stderr, path, (entry) => entry - 1);
  assert.deepEqual(reports.unread, [], `${path}: CLI stderr lines the test cannot read`);
  if (js.error) {
    // Not a feed: both say so, in the same words; for JSON that does not parse, up to the JSON
    // parser's own account of where (serde_json's natively, the JS engine's JSON.parse in the
    // wasm: "line 2 column 0" against "position 37").
    assert.equal(native.status, 1, `${path}: the package rejects it (${js.error.message}), the CLI exits ${native.status}`);
    const detail = (m) => m.replace(/(not a feed: not valid JSON: ).*$/, '$1…');
    assert.deepEqual(reports.errors.map(detail), [`${path}: ${detail(js.error.message)}`, '1 file(s) could not be read as feeds'], path);
    return { failed: 1 };
  }
  assert.equal(native.status, 0, `${path}: the package reads it, the CLI fails: ${native.stderr}`);
  const { feed } = js;
  shape('js', feed, 'ParsedFeed');
  const lines = jsonLines(native.stdout);
  for (const line of lines) {
    // `parse --json` prints every field, null or [] when absent: all the declared keys.
    assert.deepEqual(Object.keys(line).sort(), [...interfaces.get('Article').props.keys()].sort(), `${path}: parse --json keys`);
    shape('cli', line, 'Article', true);
  }
  same(lines.map(packaged), feed.articles, `${path}: articles`);
  same(reports.rejected, feed.rejected, `${path}: rejected`);
  same(reports.warnings, feed.warnings, `${path}: warnings`);
  assert.equal(reports.truncated, feed.truncated, `${path}: truncated`);
  return { feed, articles: lines.length, rejected: feed.rejected.length, warnings: feed.warnings.length };
}

const xmlFiles = (dir) => readdirSync(dir, { recursive: true }).filter((f) => /\.(xml|json)$/.test(f)).sort().map((f) => join(dir, f));
const fixtureFeeds = xmlFiles(join(ROOT, 'tests', 'fixtures', 'feeds'));
const widgetFeeds = xmlFiles(join(ROOT, 'tests', 'browser', 'fixtures', 'feeds'));
const totals = (results) => results.reduce((t, r) => {
  for (const k of ['articles', 'rejected', 'warnings', 'failed']) t[k] += r[k] ?? 0;
  return t;
}, { articles: 0, rejected: 0, warnings: 0, failed: 0 });

parity('feeds: the core fixtures (every encoding) and the widget fixtures, with and without a base URL', async () => {
  // And the parity records as a feed's JSON array: the feed readers' records (serde natively,
  // JSON.parse in the wasm), odd values and non-objects included.
  const array = join(work, 'records.json');
  writeFileSync(array, `[\n${readFileSync(join(ROOT, RECORDS), 'utf8').trim().split('\n').join(',\n')}\n]\n`);
  const runs = [];
  for (const file of [...fixtureFeeds, ...widgetFeeds, array]) {
    runs.push([file, `https://news.example/feeds/${file.slice(file.lastIndexOf('/') + 1)}`], [file, undefined]);
  }
  const results = await pool(runs, ([file, base]) => parseBoth(file, base));
  const t = totals(results);
  // Non-vacuous: the files hold articles, relative links that warn without a base, and files
  // that are not feeds at all (both sides must refuse those in the same words).
  assert.ok(t.articles >= 100 && t.warnings >= 10 && t.failed >= 2, JSON.stringify(t));
  const formats = new Set(results.map((r) => r.feed?.format).filter(Boolean));
  assert.deepEqual([...formats].sort(), ['atom1.0', 'json', 'jsonfeed', 'rss2.0']);
  assert.ok(results.some((r) => r.feed?.truncated), 'a cut-off feed is among them');
});

parity('feeds: the whole feedparser suite (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, encodings, entities, bases)', async () => {
  const suite = join(ROOT, 'tests', 'feedparser');
  const files = xmlFiles(suite);
  assert.equal(files.length, 2242, 'the vendored suite (tests/feedparser/README.md)');
  // Each file gets the URL feedparser's test server served it at as its base, so relative links
  // and xml:base resolve on both sides (the fixtures above compare the warnings without a base).
  const results = await pool(files, (file) => parseBoth(file, `http://127.0.0.1:8097/tests/${relative(suite, file)}`));
  const t = totals(results);
  // Most of the suite's entries test one field each: many have no title or summary (rejected).
  assert.ok(t.articles >= 500 && t.rejected >= 500 && t.failed >= 20, JSON.stringify(t));
  const formats = new Set(results.map((r) => r.feed?.format).filter(Boolean));
  for (const f of ['rss0.9x', 'rss1.0', 'rss2.0', 'atom0.3', 'atom1.0']) assert.ok(formats.has(f), `${f} among ${[...formats]}`);
});

// ---- records and results: `related --json`, `similarity` and createIndex ------------------

/**
 * A JSON Lines corpus both sides can read: `{ path, values, lines }`. Lines that are not JSON at
 * all (JS has no value for them) are left out of a copy in the work directory; `lines` are the
 * 1-based line numbers of the records, by which the CLI names them.
 */
function corpus(path) {
  const all = readFileSync(join(ROOT, path), 'utf8').split('\n');
  const parses = (l) => {
    try {
      JSON.parse(l);
      return true;
    } catch {
      return false;
    }
  };
  const kept = all.filter((l) => l.trim() && parses(l));
  if (kept.length !== all.filter((l) => l.trim()).length) {
    path = join(work, path.replaceAll('/', '_'));
    writeFileSync(path, kept.join('\n') + '\n');
    return { path, values: kept.map((l) => JSON.parse(l)), lines: kept.map((_, i) => i + 1) };
  }
  return { path, values: kept.map((l) => JSON.parse(l)), lines: all.flatMap((l, i) => (l.trim() ? [i + 1] : [])) };
}

/** The CLI's `related --all` lists: Map(id → items), shape-checked. */
async function allLists(path, { limit, diversify = true }) {
  const o = await cli(['related', path, '--all', '--json', '--limit', String(limit), ...(diversify ? [] : ['--no-diversify'])]);
  assert.equal(o.status, 0, `${path}: ${o.stderr}`);
  const lists = new Map();
  for (const { id, related } of jsonLines(o.stdout)) {
    shape('cli', related, list('RelatedItem'));
    lists.set(id, related);
  }
  return { lists, stderr: o.stderr };
}

/**
 * One corpus both ways: rejections and warnings (`lines`: the CLI's line of each record), then
 * every article's list under the default options and each `limits` × diversify; past the
 * defaults, every `every`-th article's (a large corpus costs seconds per option in the wasm).
 */
async function corpusBoth(path, values, { limits = [0, 1, 5, 100], every = 1, lines } = {}) {
  const index = await pkg.createIndex(values);
  shape('js', index.rejected, list('Rejected'));
  shape('js', index.warnings, list('Warning'));
  const { lists: defaults, stderr } = await allLists(path, { limit: 5 });
  if (lines) {
    const reports = readReports(stderr, path, (n) => lines.indexOf(n));
    assert.deepEqual(reports.unread, [], `${path}: CLI stderr lines the test cannot read`);
    same(reports.rejected, index.rejected, `${path}: rejected`);
    same(reports.warnings, index.warnings, `${path}: warnings`);
  }
  assert.equal(defaults.size, index.size, `${path}: articles indexed`);
  let compared = 0;
  for (const limit of limits) {
    for (const diversify of [true, false]) {
      const byDefault = limit === 5 && diversify;
      const { lists } = byDefault ? { lists: defaults } : await allLists(path, { limit, diversify });
      for (const [id, expected] of [...lists].filter((_, i) => byDefault || i % every === 0)) {
        const got = index.related(id, { limit, diversify });
        shape('js', got, list('RelatedItem'));
        same(expected, got, `${path}: related(${JSON.stringify(id)}, { limit: ${limit}, diversify: ${diversify} })`);
        compared += got.length;
      }
    }
  }
  return { index, compared };
}

const RECORDS = join('tests', 'parity', 'records.jsonl');

parity('records: every alias, every rejection reason, every kind of value, through both readers', async () => {
  const { path, values, lines } = corpus(RECORDS);
  assert.equal(path, RECORDS, 'every line of the fixture is JSON');
  const { index, compared } = await corpusBoth(path, values, { lines });
  assert.ok(compared > 100, `${compared} results compared`);
  // The fixture's point: each rule is hit. Reasons as the package words them.
  const reasons = index.rejected.map((r) => r.reason.replace(/"[^"]*"/g, '""'));
  for (const r of [/^duplicate id/, /^duplicate URL/, /title is missing and summary is missing/, /is empty and summary is empty/,
    /has no text once HTML is reduced/, /is a list \(expected text\)/, /is an object \(expected text\)/, /is a number \(expected text\)/,
    /is a boolean \(expected text\)/, /is a fractional number \(expected text\)/, /^expected an article object/]) {
    assert.ok(reasons.some((x) => r.test(x)), `a rejection matching ${r}`);
  }
  const fields = new Set(index.warnings.map((w) => w.field));
  assert.deepEqual([...fields].sort(), ['category', 'date', 'id', 'image', 'lang', 'summary', 'tags', 'url']);
});

parity('records: the repository corpora and the demo site\'s 1,245 articles', async () => {
  const corpora = join(ROOT, 'tests', 'fixtures', 'corpora');
  for (const name of readdirSync(corpora).filter((f) => f.endsWith('.jsonl')).sort()) {
    const { path, values, lines } = corpus(join('tests', 'fixtures', 'corpora', name));
    const { compared } = await corpusBoth(path, values, { lines });
    assert.ok(compared > 0, `${path}: ${compared} results compared`);
  }
  const demo = JSON.parse(readFileSync(join(ROOT, 'www', 'demo', 'data', 'articles.json'), 'utf8'));
  const path = join(work, 'demo.jsonl');
  writeFileSync(path, demo.map((a) => JSON.stringify(a)).join('\n') + '\n');
  const { compared } = await corpusBoth(path, demo, { limits: [5, 20], every: 5, lines: demo.map((_, i) => i + 1) });
  assert.ok(compared > 10_000, `${compared} results compared`);
});

test('feeds as corpora: indexFeed, and parseFeed → createIndex({ html: false }), relate what `related <feed>` relates', async () => {
  let compared = 0, direct = 0;
  for (const file of [...fixtureFeeds, ...widgetFeeds]) {
    const baseUrl = `https://news.example/feeds/${file.slice(file.lastIndexOf('/') + 1)}`;
    const bytes = readFileSync(file);
    const feed = await pkg.parseFeed(bytes, { baseUrl }).catch(() => null);
    const path = relative(ROOT, file);
    // indexFeed reads what parseFeed reads, and throws where it throws.
    const fromFeed = await pkg.indexFeed(bytes, { baseUrl }).catch(() => null);
    assert.equal(fromFeed === null, feed === null, `${path}: indexFeed and parseFeed disagree on whether it is a feed`);
    if (!feed) continue;
    assert.equal(fromFeed.truncated, feed.truncated, `${path}: truncated`);
    assert.deepEqual(fromFeed.warnings, feed.warnings, `${path}: warnings`);
    // The feed's rejections, at their feed positions; besides them only duplicate ids and URLs,
    // which createIndex rejects as well.
    const extra = fromFeed.rejected.filter((r) => !feed.rejected.some((f) => isDeepStrictEqual(f, r)));
    assert.equal(fromFeed.rejected.length - extra.length, feed.rejected.length, `${path}: every entry parseFeed rejects is rejected`);
    assert.ok(extra.every((r) => /^duplicate (id|URL) /.test(r.reason)), `${path}: ${JSON.stringify(extra)}`);
    for (const a of feed.articles) {
      const kept = fromFeed.article(a.id);
      if (kept) assert.deepEqual(kept, a, `${path}: article(${JSON.stringify(a.id)})`);
    }
    if (feed.articles.length < 2) continue; // nothing to relate
    const index = await pkg.createIndex(feed.articles, { html: false });
    assert.equal(fromFeed.size, index.size, `${path}: articles indexed by indexFeed`);
    for (const diversify of [true, false]) {
      const o = await cli(['related', path, '--all', '--json', '--limit', '100', '--base-url', baseUrl, ...(diversify ? [] : ['--no-diversify'])]);
      assert.equal(o.status, 0, `${path}: ${o.stderr}`);
      const lines = jsonLines(o.stdout);
      assert.equal(lines.length, index.size, `${path}: articles indexed`);
      for (const { id, related } of lines) {
        same(related, index.related(id, { limit: 100, diversify }), `${path}: related(${JSON.stringify(id)}, { diversify: ${diversify} })`);
        same(related, fromFeed.related(id, { limit: 100, diversify }), `${path}: indexFeed: related(${JSON.stringify(id)}, { diversify: ${diversify} })`);
        compared += related.length;
      }
    }
    direct++;
  }
  assert.ok(compared > 200, `${compared} results compared`);
  assert.ok(direct > 10, `${direct} feeds indexed by indexFeed and compared`);
});

parity('similarity: `similarity --pairs` and Index.similarity agree to the digit, ids as text or numbers', async () => {
  const index = await pkg.createIndex(corpus(RECORDS).values);
  const { lists } = await allLists(RECORDS, { limit: 100 });
  const ids = [...lists.keys()];
  // Every pair among the articles, each with itself too (an article with itself scores 1).
  const pairs = ids.flatMap((a, i) => ids.slice(i).map((b) => [a, b]));
  const file = join(work, 'pairs.tsv');
  writeFileSync(file, pairs.map((p) => p.join('\t')).join('\n') + '\n');
  const o = await cli(['similarity', RECORDS, '--pairs', file]);
  assert.equal(o.status, 0, o.stderr);
  const printed = o.stdout.trim().split('\n').map((l) => l.split('\t'));
  assert.equal(printed.length, pairs.length);
  const asName = (id) => (/^-?\d+$/.test(id) && Math.abs(Number(id)) <= 2 ** 53 ? Number(id) : id);
  let self = 0;
  // The CLI prints the score to 6 decimals, a tie to even (0.5703125 is "0.570312", where JS's
  // toFixed gives "0.570313"): the package's number must be one the printed text is a rounding
  // of. Only a tie has two such texts; 1e-12 absorbs the binary error of the decimal text.
  const printedAs = (value, text) => /^[01]\.\d{6}$/.test(text) && Math.abs(value - Number(text)) <= 5e-7 + 1e-12;
  for (const [a, b, score] of printed) {
    for (const [x, y] of [[a, b], [asName(b), asName(a)]]) {
      const value = index.similarity(x, y);
      assert.ok(printedAs(value, score), `similarity(${JSON.stringify(x)}, ${JSON.stringify(y)}): package ${value}, CLI ${score}`);
    }
    if (a === b) {
      assert.equal(score, '1.000000', `${a} with itself`);
      self++;
    }
  }
  assert.equal(self, ids.length);
  assert.ok(printed.some(([a, b, s]) => a !== b && Number(s) > 0.3), 'related pairs among them');
});

parity('options: minScore is a floor on the CLI\'s list; limit 0 and 100; limit 101 refused by both', async () => {
  const index = await pkg.createIndex(corpus(RECORDS).values);
  let floors = 0;
  for (const diversify of [true, false]) {
    const { lists } = await allLists(RECORDS, { limit: 100, diversify });
    for (const [id, full] of lists) {
      // A floor halfway between two scores that differ in the 4th decimal: the raw scores
      // behind 4-decimal roundings are within 0.00005 of them, so the floor splits the list there.
      for (let i = 0; i + 1 < full.length; i++) {
        if (full[i].score - full[i + 1].score < 0.0002) continue;
        const minScore = (full[i].score + full[i + 1].score) / 2;
        same(full.slice(0, i + 1), index.related(id, { limit: 100, minScore, diversify }), `related(${JSON.stringify(id)}, { minScore: ${minScore} })`);
        same(full.slice(0, Math.min(i + 1, 2)), index.related(id, { limit: 2, minScore, diversify }), `related(${JSON.stringify(id)}, { limit: 2, minScore: ${minScore} })`);
        floors++;
      }
      if (full.every((r) => r.score < 0.9999)) assert.deepEqual(index.related(id, { minScore: 1, diversify }), [], `${id}: nothing scores 1`);
      same(full, index.related(id, { limit: 100, minScore: 0, diversify }), `related(${JSON.stringify(id)}, { minScore: 0 })`);
    }
  }
  assert.ok(floors > 50, `${floors} floors compared`);
  const o = await cli(['related', RECORDS, '--id', 'solar-1', '--limit', '101']);
  assert.equal(o.status, 2);
  assert.match(o.stderr, /^error: limit must be between 0 and 100, got 101$/m);
  assert.throws(() => index.related('solar-1', { limit: 101 }), /limit must be a whole number between 0 and 100/);
});

parity('options: exclude by id, number, URL or a list is the CLI\'s list without them (diversify false)', async () => {
  const index = await pkg.createIndex(corpus(RECORDS).values);
  const { lists } = await allLists(RECORDS, { limit: 100, diversify: false });
  const { lists: diversified } = await allLists(RECORDS, { limit: 100 });
  let compared = 0;
  for (const [id, full] of lists) {
    if (full.length < 3) continue;
    const [first, , third] = full;
    const numeric = full.find((r) => /^\d+$/.test(r.id));
    const forms = [
      [[first.id], first.id],
      [[first.id], [first.id]],
      [[third.id], third.url ?? third.id],
      [[first.id, third.id], [first.id, third.url ?? third.id, 'no-such-article', id]],
      [[], []],
      ...(numeric ? [[[numeric.id], Number(numeric.id)], [[numeric.id, first.id], [Number(numeric.id), first.id]]] : []),
    ];
    for (const [ids, exclude] of forms) {
      const expected = full.filter((r) => !ids.includes(r.id));
      same(expected, index.related(id, { limit: 100, diversify: false, exclude }), `related(${JSON.stringify(id)}, { exclude: ${JSON.stringify(exclude)} })`);
      same(expected.slice(0, 2), index.related(id, { limit: 2, diversify: false, exclude }), `related(${JSON.stringify(id)}, { limit: 2, exclude: ${JSON.stringify(exclude)} })`);
      // Diversified: every form of the same exclusion gives one list, without the excluded.
      const got = index.related(id, { limit: 100, exclude });
      same(got, index.related(id, { limit: 100, exclude: ids }), `related(${JSON.stringify(id)}, { exclude: ${JSON.stringify(exclude)} }), diversified`);
      assert.ok(got.every((r) => !ids.includes(r.id)));
      if (ids.length === 0) same(diversified.get(id), got, `related(${JSON.stringify(id)}, { exclude: [] })`);
      compared++;
    }
  }
  assert.ok(compared > 50, `${compared} exclusions compared`);
});

parity('queries: an id, a URL or an article object naming an indexed article are one query', async () => {
  const index = await pkg.createIndex(corpus(RECORDS).values);
  const urls = corpus(RECORDS).values.map((r) => r?.url ?? r?.link).filter((u) => typeof u === 'string' && u.startsWith('https://'));
  let compared = 0;
  for (const url of urls) {
    const o = await cli(['related', RECORDS, '--id', url, '--json']);
    if (o.status !== 0) {
      // Not indexed under that URL (a rejected record's): both say so.
      assert.match(o.stderr, /no article with id or URL/);
      assert.throws(() => index.related(url), /no article with id or URL/);
      continue;
    }
    const expected = JSON.parse(o.stdout);
    same(expected, index.related(url), `related(${JSON.stringify(url)})`);
    same(expected, index.related({ url, title: 'whatever the page says' }), `related({ url: ${JSON.stringify(url)} })`);
    compared++;
  }
  assert.ok(compared >= 5, `${compared} URLs compared`);
});

test('shapes: every field the .d.ts declares was produced, by the CLI and by the package', (t) => {
  const expected = 8;
  if (ran.size < expected) return t.skip(`${ran.size} of the ${expected} parity tests ran (filtered or failed): coverage unknown`);
  const want = {
    cli: ['Article', 'RelatedItem', 'RelatedItem.why'],
    js: ['ParsedFeed', 'Article', 'RelatedItem', 'RelatedItem.why', 'Rejected', 'Warning'],
  };
  for (const [side, names] of Object.entries(want)) {
    for (const name of names) {
      const [iface, prop] = name.split('.');
      const declared = prop ? interfaces.get(iface).props.get(prop).type.props : interfaces.get(iface).props;
      const got = seen[side].get(name) ?? new Set();
      const missing = [...declared.keys()].filter((k) => !got.has(k));
      assert.deepEqual(missing, [], `${name}: declared in ${relative(ROOT, TYPES)} but never produced by the ${side === 'cli' ? 'CLI' : 'package'}`);
    }
  }
});
