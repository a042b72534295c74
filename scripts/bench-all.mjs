// npm run bench:all — every article's list at archive scale, against the scikit-learn peer in
// the same run, on the same corpora: the HuffPost sample itself (9,999 real records) and synthetic
// corpora (examples/corpus: term statistics fitted on that sample). Ours is measured twice:
// `related --all --json --limit 5` (the lists as JSON Lines, like the peer's output) and `build`
// (the same lists as an archive's list files). Exits 1 when a target is missed:
//   - at every size of at least 100,000 articles where the peer ran: the wall time of each of
//     ours at most a third of the peer's;
//   - every run of ours: peak memory (max RSS) at most 2 GB.
// Too slow for the test command (minutes); run it by hand:
//
//   node scripts/bench-all.mjs [--sizes 10000,100000] [--million] [--runs N] [--no-peer]
//                              [--seed S] [--source FILE] [--no-real] [--no-build]
//
// --no-real leaves out the row of the source file itself; --no-build measures `related` only.
// --million adds 1,000,000 articles for ours only (reported, no target; about 40 minutes).
// --runs N runs each program N times per size, alternating, and keeps each one's fastest run.
// Needs /usr/bin/time (GNU time, for max RSS) and, for the peer, python3 with venv and pip:
// scikit-learn is installed from PyPI into target/bench-peers/sklearn on first use.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const sizes = flag('--sizes', '10000,100000').split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 2)) {
  console.error(`bench-all: --sizes wants whole numbers ≥ 2, comma-separated; got ${flag('--sizes')}`);
  process.exit(2);
}
if (argv.includes('--million')) sizes.push(1_000_000);
const runs = Number(flag('--runs', '1'));
const seed = flag('--seed', '1');
const source = resolve(flag('--source', join(root, '..', 'shared', 'datasets', 'huffpost', 'articles.jsonl')));
const withPeer = !argv.includes('--no-peer');
const withReal = !argv.includes('--no-real');
const withBuild = !argv.includes('--no-build');
const widget = join(root, 'tests', 'fixtures', 'archive', 'widget');
const PEER_MAX = 100_000; // the peer's chunked products take minutes at 100k; 1M is out of reach
const TIME_RATIO = 3;
const MAX_RSS_KB = 2 * 1024 * 1024;

const out = join(root, 'target', 'bench');
mkdirSync(out, { recursive: true });
const cargo = (...args) => execFileSync('cargo', args, { cwd: root, stdio: 'inherit' });
cargo('build', '--release', '--locked', '--bin', 'related-articles', '--example', 'corpus');
const cli = join(root, 'target', 'release', 'related-articles');
const generator = join(root, 'target', 'release', 'examples', 'corpus');

// The peer's Python: a venv of our own, scikit-learn pinned (its vectoriser and scipy's
// products are what is measured).
const venv = join(root, 'target', 'bench-peers', 'sklearn');
const python = join(venv, 'bin', 'python');
if (withPeer && !existsSync(python)) {
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', 'scikit-learn==1.9.1'], { stdio: 'inherit' });
}

/** A corpus of n articles, generated once per size, seed and source. */
function corpus(n) {
  const file = join(out, `corpus-${n}-seed${seed}.jsonl`);
  if (!existsSync(file)) {
    const tmp = `${file}.tmp`;
    const fd = openSync(tmp, 'w');
    const r = spawnSync(generator, ['--articles', String(n), '--seed', seed, '--source', source],
      { stdio: ['ignore', fd, 'inherit'] });
    closeSync(fd);
    if (r.status !== 0) throw new Error(`corpus generator failed (${r.status})`);
    renameSync(tmp, file);
  }
  return file;
}

/** The number of lines of a file (read in chunks: a 1M-article run writes over 1 GB). */
function countLines(file) {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  let lines = 0;
  for (let got; (got = readSync(fd, buf, 0, buf.length, null)) > 0;) {
    for (let i = 0; i < got; i++) if (buf[i] === 10) lines++;
  }
  closeSync(fd);
  return lines;
}

/** Runs a command under GNU time, stdout to a file: wall and user seconds, max RSS in KB. */
function measure(cmd, args, stdoutFile) {
  const timeFile = join(out, 'time.txt');
  const fd = openSync(stdoutFile, 'w');
  const r = spawnSync('/usr/bin/time', ['-v', '-o', timeFile, cmd, ...args], {
    stdio: ['ignore', fd, 'pipe'],
    maxBuffer: 1 << 28,
  });
  closeSync(fd);
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${String(r.stderr).slice(-2000)}`);
  const t = readFileSync(timeFile, 'utf8');
  const field = (re) => {
    const m = t.match(re);
    if (!m) throw new Error(`no ${re} in GNU time's report:\n${t}`);
    return m[1];
  };
  const clock = field(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/).split(':').map(Number);
  return {
    wall: clock.reduce((acc, x) => acc * 60 + x, 0),
    user: Number(field(/User time \(seconds\): (\S+)/)),
    rssKb: Number(field(/Maximum resident set size \(kbytes\): (\d+)/)),
    lines: countLines(stdoutFile),
  };
}

const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const best = (xs) => xs.reduce((a, b) => (b.wall < a.wall ? b : a));
const corpora = [
  ...(withReal ? [{ label: 'HuffPost sample (real)', file: source, articles: countLines(source) }] : []),
  ...sizes.map((n) => ({ label: 'synthetic', file: corpus(n), articles: n })),
];
const results = [];
for (const { label, file, articles: n } of corpora) {
  const tag = `${label === 'synthetic' ? '' : 'real-'}${n}`;
  const row = { label, articles: n, ours: [], build: [], peer: [] };
  for (let r = 0; r < runs; r++) {
    row.ours.push(measure(cli, ['related', file, '--all', '--json', '--limit', '5'], join(out, `ours-${tag}.jsonl`)));
    if (withBuild) {
      // Into an empty directory each time: every list file written, as a first build does.
      const dir = join(out, `build-${tag}`);
      rmSync(dir, { recursive: true, force: true });
      row.build.push(measure(cli, ['build', file, '--out', dir, '--widget', widget, '--limit', '5', '--quiet'],
        join(out, `build-${tag}.txt`)));
    }
    if (withPeer && n <= PEER_MAX) {
      row.peer.push(measure(python, [join(root, 'scripts', 'peers', 'sklearn_topk.py'), file, '--limit', '5'],
        join(out, `peer-${tag}.jsonl`)));
    }
  }
  for (const m of [...row.ours, ...row.peer]) {
    if (m.lines !== n) throw new Error(`${n} articles but ${m.lines} lists`);
  }
  row.ours = best(row.ours);
  row.build = row.build.length ? best(row.build) : null;
  row.peer = row.peer.length ? best(row.peer) : null;
  results.push(row);
  console.log(`${label}, ${n} articles: related --all ${row.ours.wall.toFixed(1)} s, ${mb(row.ours.rssKb)}` +
    (row.build ? `; build ${row.build.wall.toFixed(1)} s, ${mb(row.build.rssKb)}` : '') +
    (row.peer ? `; scikit-learn ${row.peer.wall.toFixed(1)} s, ${mb(row.peer.rssKb)}` : ''));
}

const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`\nrelated --all --json --limit 5 and build --limit 5 against scikit-learn (TfidfVectorizer + chunked`);
console.log(`sparse products), synthetic corpora of seed ${seed}, fastest of ${runs} run(s), ${runs > 1 ? 'alternating' : 'one each'}; load average now ${load}`);
console.log('| corpus | articles | related --all: wall | user | max RSS | build: wall | max RSS | scikit-learn: wall | user | max RSS | peer / related | peer / build |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
const dash = (k) => Array(k).fill('—').join(' | ');
for (const { label, articles, ours, build, peer } of results) {
  const b = build ? `${build.wall.toFixed(1)} s | ${mb(build.rssKb)}` : dash(2);
  const p = peer ? `${peer.wall.toFixed(1)} s | ${peer.user.toFixed(1)} s | ${mb(peer.rssKb)} | ${(peer.wall / ours.wall).toFixed(1)}× | ` +
    (build ? `${(peer.wall / build.wall).toFixed(1)}×` : '—') : dash(5);
  console.log(`| ${label} | ${articles.toLocaleString('en')} | ${ours.wall.toFixed(1)} s | ${ours.user.toFixed(1)} s | ${mb(ours.rssKb)} | ${b} | ${p} |`);
}
const synthetic = results.filter((r) => r.label === 'synthetic');
for (let i = 1; i < synthetic.length; i++) {
  const [a, b] = [synthetic[i - 1], synthetic[i]];
  const k = b.articles / a.articles;
  let line = `${k}× the articles (${a.articles} → ${b.articles}): ours ${(b.ours.wall / a.ours.wall).toFixed(1)}× the time`;
  if (a.peer && b.peer) line += `, scikit-learn ${(b.peer.wall / a.peer.wall).toFixed(1)}×`;
  console.log(line);
}
writeFileSync(join(out, 'bench-all.json'), JSON.stringify({ seed, source, runs, load, results }, null, 2));

const missed = [];
for (const { articles, ours, build, peer } of results) {
  for (const [what, m] of [['related --all', ours], ['build', build]]) {
    if (!m) continue;
    if (m.rssKb > MAX_RSS_KB) missed.push(`${what}, ${articles} articles: peak memory ${mb(m.rssKb)} > 2 GB`);
    if (peer && articles >= 100_000 && m.wall * TIME_RATIO > peer.wall) {
      missed.push(`${what}, ${articles} articles: ${m.wall.toFixed(1)} s is not ${TIME_RATIO}× faster than scikit-learn's ${peer.wall.toFixed(1)} s`);
    }
  }
}
if (missed.length) {
  console.error(`\ntargets missed:\n  ${missed.join('\n  ')}`);
  process.exit(1);
}
console.log('\ntargets met: at least 3× faster than scikit-learn from 100,000 articles, at most 2 GB');
