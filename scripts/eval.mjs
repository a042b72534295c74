// Relevance evaluation through the CLI, on the shared datasets (../shared/datasets by default, or
// $DATASETS). Text only: no category, tag or date reaches the engine; `--no-diversify`.
//
//   node scripts/eval.mjs            prints the table (and writes target/eval.json)
//   node scripts/eval.mjs --check    also fails when a figure falls below its floor
//
// Without the datasets (a clone with no ../shared beside it), `--check` prints one line saying it
// skipped and exits 0, so `npm test` passes there; CI sets DATASETS_REQUIRED=1 (.ci/run), where a
// missing directory fails. A datasets directory that exists but lacks a file, or a $DATASETS that
// does not exist, is always an error: the skip only ever means "no datasets at all".
//
// Metrics: HuffPost P@5 (a result counts when it shares the query's category), UCI P@5 (same
// news story), STS-B test Spearman between the cosine and the human score. Floors are the
// stemmed sublinear TF-IDF baseline measured on the same data (../shared/docs/anchors.md).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const datasets = resolve(process.env.DATASETS ?? join(root, '..', 'shared', 'datasets'));
/** The files the evaluation reads, relative to the datasets directory. */
const FILES = ['huffpost/articles.jsonl', 'uci-news-stories/articles.jsonl', 'stsb/pairs.tsv'];
const work = join(root, 'target', 'eval');
mkdirSync(work, { recursive: true });

export const FLOORS = { huffpost_p5: 0.51, uci_p5: 0.83, stsb_spearman: 0.69 };

const cli = join(root, 'target', 'release', 'related-articles');
function run(args) {
  return execFileSync(cli, args, { maxBuffer: 1 << 30, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

const readJsonl = (path) => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const textOnly = (a) => JSON.stringify({ id: a.id, title: a.title, summary: a.summary });

/** Mean precision@k over every article, and macro-averaged over labels. */
function precisionAtK(articles, label, k = 5) {
  const corpus = join(work, `${label}.jsonl`);
  writeFileSync(corpus, articles.map(textOnly).join('\n') + '\n');
  const labelOf = new Map(articles.map((a) => [a.id, a[labelKey[label]]]));
  const out = run(['related', corpus, '--all', '--limit', String(k), '--json', '--no-diversify']);
  const perLabel = new Map();
  let sum = 0;
  let n = 0;
  for (const line of out.split('\n')) {
    if (!line) continue;
    const { id, related } = JSON.parse(line);
    const want = labelOf.get(id);
    const hits = related.filter((r) => labelOf.get(r.id) === want).length;
    const p = hits / k; // fewer than k results count as misses
    sum += p;
    n += 1;
    const s = perLabel.get(want) ?? { sum: 0, n: 0 };
    s.sum += p;
    s.n += 1;
    perLabel.set(want, s);
  }
  if (n !== articles.length) throw new Error(`${label}: ${n} lists for ${articles.length} articles`);
  const macro = [...perLabel.values()].reduce((a, s) => a + s.sum / s.n, 0) / perLabel.size;
  return { micro: sum / n, macro, queries: n, labels: perLabel.size };
}
const labelKey = { huffpost: 'category', uci: 'story' };

function ranks(values) {
  const order = values.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]);
  const r = new Array(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let t = i; t <= j; t++) r[order[t][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}
function pearson(x, y) {
  const mx = x.reduce((a, b) => a + b) / x.length;
  const my = y.reduce((a, b) => a + b) / y.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
const spearman = (x, y) => pearson(ranks(x), ranks(y));

/** STS-B test split: each distinct sentence is an article; the test sentences are the corpus. */
function stsb() {
  const lines = readFileSync(join(datasets, 'stsb', 'pairs.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
  const ids = new Map();
  const pairs = [];
  for (const line of lines) {
    const [s1, s2, score, split] = line.split('\t');
    if (split !== 'test') continue;
    for (const s of [s1, s2]) if (!ids.has(s)) ids.set(s, `s${ids.size}`);
    pairs.push([ids.get(s1), ids.get(s2), Number(score)]);
  }
  const corpus = join(work, 'stsb.jsonl');
  writeFileSync(corpus, [...ids].map(([text, id]) => JSON.stringify({ id, title: text })).join('\n') + '\n');
  const pairFile = join(work, 'stsb-pairs.tsv');
  // Every pair is asked of the core (a pair of one sentence twice too: no score is assumed), and
  // in the same call every sentence with itself: the same text must score 1, or 0 when it has no
  // indexed word at all ("You can do it, too.": stop words only, no vector to compare).
  const selves = [...ids.values()].map((id) => [id, id]);
  writeFileSync(pairFile, [...pairs, ...selves].map(([a, b]) => `${a}\t${b}`).join('\n') + '\n');
  const got = new Map();
  for (const line of run(['similarity', corpus, '--pairs', pairFile]).split('\n')) {
    if (!line) continue;
    const [a, b, s] = line.split('\t');
    got.set(`${a}\t${b}`, Number(s));
  }
  const system = pairs.map(([a, b]) => got.get(`${a}\t${b}`));
  if (system.some((s) => s === undefined)) throw new Error('stsb: missing pair scores');
  const self = selves.map(([a]) => got.get(`${a}\t${a}`));
  const wrong = selves.filter((_, i) => self[i] !== 1 && self[i] !== 0);
  if (wrong.length) {
    const shown = wrong.slice(0, 3).map(([a]) => `${a} scored ${got.get(`${a}\t${a}`)}`).join(', ');
    throw new Error(`stsb: ${wrong.length} sentence(s) paired with themselves score neither 1 nor 0 (${shown})`);
  }
  const noWords = self.filter((s) => s === 0).length;
  if (noWords * 100 > selves.length) throw new Error(`stsb: ${noWords} of ${selves.length} sentences have no indexed word (score 0 with themselves): more than 1%`);
  return { spearman: spearman(system, pairs.map((p) => p[2])), pearson: pearson(system, pairs.map((p) => p[2])), pairs: pairs.length, sentences: selves.length, noWords };
}

export function evaluate() {
  if (!existsSync(cli)) execFileSync('cargo', ['build', '--release', '--bin', 'related-articles'], { cwd: root, stdio: 'inherit' });
  const huffpost = precisionAtK(readJsonl(join(datasets, 'huffpost', 'articles.jsonl')), 'huffpost');
  const uci = precisionAtK(readJsonl(join(datasets, 'uci-news-stories', 'articles.jsonl')), 'uci');
  const sts = stsb();
  return { huffpost, uci, stsb: sts };
}

/**
 * Whether the datasets are there: true when every file is, false when the default directory is
 * absent altogether (and DATASETS_REQUIRED is not 1). Throws on anything in between.
 */
export function haveDatasets() {
  if (!existsSync(datasets)) {
    if (process.env.DATASETS !== undefined) throw new Error(`DATASETS=${process.env.DATASETS}: ${datasets} not found`);
    if (process.env.DATASETS_REQUIRED === '1') throw new Error(`${datasets} not found (DATASETS_REQUIRED=1 asks for the evaluation datasets)`);
    return false;
  }
  const missing = FILES.filter((f) => !existsSync(join(datasets, f)));
  if (missing.length) throw new Error(`${datasets} is incomplete: ${missing.join(', ')} missing (needs ${FILES.join(', ')})`);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let present;
  try {
    present = haveDatasets();
  } catch (e) {
    console.error(`eval: ${e.message}`);
    process.exit(1);
  }
  if (!present) {
    if (!process.argv.includes('--check')) {
      console.error(`eval: ${datasets} not found (the evaluation datasets sit beside the repository, or DATASETS=dir)`);
      process.exit(1);
    }
    console.log('skipped: ../shared/datasets not found (relevance floors need the evaluation datasets; CI has them)');
    process.exit(0);
  }
  const r = evaluate();
  writeFileSync(join(root, 'target', 'eval.json'), JSON.stringify(r, null, 2));
  const f = (x) => x.toFixed(3);
  console.log('dataset              metric              ours    floor (TF-IDF)');
  console.log(`HuffPost (${r.huffpost.queries})     P@5 same category   ${f(r.huffpost.micro)}   ${FLOORS.huffpost_p5}   (macro over ${r.huffpost.labels} categories: ${f(r.huffpost.macro)})`);
  console.log(`UCI stories (${r.uci.queries})   P@5 same story      ${f(r.uci.micro)}   ${FLOORS.uci_p5}   (macro over ${r.uci.labels} stories: ${f(r.uci.macro)})`);
  console.log(`STS-B test (${r.stsb.pairs})    Spearman            ${f(r.stsb.spearman)}   ${FLOORS.stsb_spearman}   (Pearson ${f(r.stsb.pearson)}; each of its ${r.stsb.sentences} sentences scores 1 with itself but ${r.stsb.noWords} of stop words only, 0)`);
  if (process.argv.includes('--check')) {
    const fails = [];
    if (r.huffpost.micro < FLOORS.huffpost_p5) fails.push('HuffPost P@5');
    if (r.uci.micro < FLOORS.uci_p5) fails.push('UCI P@5');
    if (r.stsb.spearman < FLOORS.stsb_spearman) fails.push('STS-B Spearman');
    if (fails.length) {
      console.error(`relevance below the TF-IDF floor: ${fails.join(', ')}`);
      process.exit(1);
    }
    console.log('relevance: every figure at or above its floor');
  }
}
