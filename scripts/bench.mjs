// npm run bench: speed on the 9,999-article HuffPost sample, medians over several runs, beside a
// peer measured in the same run. Not part of `npm test`: timings on shared machines are noise
// for a pass/fail check, so they are reported, never asserted.
//
//   node scripts/bench.mjs [--runs N] [--no-peer]
//
// 1. The built package in Node (dist/, the same wasm a page loads): createIndex over 9,999
//    articles, then the top 5 for 200 of them.
// 2. The native CLI: `related --all --json --limit 5` over all 9,999 (every article's list).
// 3. The peer, `natural`'s TfIdf (the most used JS TF-IDF), on the same 200 queries: installed on
//    demand into target/bench-peers, never a dependency of the package.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const datasets = resolve(process.env.DATASETS ?? join(root, '..', 'shared', 'datasets'));
const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1]) || 5;
const withPeer = !argv.includes('--no-peer');

const articles = readFileSync(join(datasets, 'huffpost', 'articles.jsonl'), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l))
  .map(({ id, title, summary }) => ({ id, title, summary }));
const queries = articles.slice(0, 200).map((a) => a.id);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
const time = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

const results = {};

// 1. wasm in Node.
const { createIndex, loadCore } = await import(pathToFileURL(join(root, 'dist', 'related-articles.js')).href);
await loadCore();
const build = [];
const query = [];
for (let r = 0; r < runs; r++) {
  let index;
  const t = performance.now();
  index = await createIndex(articles);
  build.push(performance.now() - t);
  query.push(time(() => { for (const id of queries) index.related(id, { limit: 5 }); }));
}
results.wasm = { createIndexMs: median(build), related200Ms: median(query), perQueryMs: median(query) / 200 };

// 2. native CLI over every article.
const cli = join(root, 'target', 'release', 'related-articles');
if (!existsSync(cli)) execFileSync('cargo', ['build', '--release', '--bin', 'related-articles'], { cwd: root, stdio: 'inherit' });
mkdirSync(join(root, 'target', 'bench'), { recursive: true });
const corpus = join(root, 'target', 'bench', 'huffpost.jsonl');
writeFileSync(corpus, articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
const all = [];
for (let r = 0; r < runs; r++) {
  all.push(time(() => execFileSync(cli, ['related', corpus, '--all', '--json', '--limit', '5'], { maxBuffer: 1 << 30 })));
}
results.cli = { relatedAllMs: median(all), articles: articles.length };

// 3. natural's TfIdf on the same 200 queries.
if (withPeer) {
  const peers = join(root, 'target', 'bench-peers');
  if (!existsSync(join(peers, 'node_modules', 'natural'))) {
    mkdirSync(peers, { recursive: true });
    execFileSync('npm', ['install', '--prefix', peers, '--no-audit', '--no-fund', '--no-save', 'natural@8'], { stdio: 'inherit' });
  }
  const natural = createRequire(join(peers, 'package.json'))('natural');
  const peerRuns = Math.min(runs, 3); // ~20 s a run
  const peerTimes = [];
  for (let r = 0; r < peerRuns; r++) {
    peerTimes.push(time(() => {
      const tfidf = new natural.TfIdf();
      for (const a of articles) tfidf.addDocument(`${a.title} ${a.summary}`);
      const tokenizer = new natural.WordTokenizer();
      for (let q = 0; q < queries.length; q++) {
        const scores = [];
        tfidf.tfidfs(tokenizer.tokenize(`${articles[q].title} ${articles[q].summary}`), (i, m) => {
          if (i !== q) scores.push([m, i]);
        });
        scores.sort((x, y) => y[0] - x[0]).slice(0, 5);
      }
    }));
  }
  results.natural = { indexAndRelated200Ms: median(peerTimes), runs: peerRuns };
}

console.log(`HuffPost sample, ${articles.length} articles; medians of ${runs} runs (peer: ${results.natural?.runs ?? 0})`);
console.log(`  wasm (Node)   createIndex           ${ms(results.wasm.createIndexMs)}`);
console.log(`  wasm (Node)   top 5 for 200         ${ms(results.wasm.related200Ms)}  (${results.wasm.perQueryMs.toFixed(3)} ms a query)`);
console.log(`  native CLI    related --all (9,999) ${ms(results.cli.relatedAllMs)}  (whole process: read, index, rank, write JSON)`);
if (results.natural) console.log(`  natural TfIdf index + top 5 for 200 ${ms(results.natural.indexAndRelated200Ms)}`);
writeFileSync(join(root, 'target', 'bench.json'), JSON.stringify(results, null, 2));
