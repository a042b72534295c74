// Samples the demo's articles from ../shared (run by hand when the sample should change; the output
// is committed, so the demo never needs ../shared at run time):
//   node scripts/demo-data.mjs [--per-category N]   → www/demo/data/articles.json
//
// - the seed page's 13 articles (../shared/seed): the main article with its body text, and the 12
//   it lists as related, which have a category, a summary and a date but no title;
// - HuffPost articles (../shared/datasets/huffpost/articles.jsonl, CC BY 4.0, Rishabh Misra, News
//   Category Dataset, arXiv:2209.11429): the first N of every category in file order (newest
//   first), so small categories are kept whole and the big ones do not crowd them out.
// Deterministic: the same inputs give the same file.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared');
const perCategory = Number(process.argv[process.argv.indexOf('--per-category') + 1]) || 50;

const slugify = (s, words = 8) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  .replace(/[^a-z0-9]+/g, ' ').trim().split(' ').slice(0, words).join('-');
// "U.S. NEWS" → "U.S. News", "STYLE & BEAUTY" → "Style & Beauty"
const titleCase = (s) => s.split(' ').map((w) => (w.includes('.') ? w : w[0] + w.slice(1).toLowerCase())).join(' ');

// The seed page: its JSON, and the page text for the main article's body.
const seed = JSON.parse(readFileSync(join(shared, 'seed', 'seed-page.json'), 'utf8'));
const txtName = readdirSync(join(shared, 'seed')).find((f) => f.endsWith('.txt'));
const lines = readFileSync(join(shared, 'seed', txtName), 'utf8').split('\n').map((l) => l.trim());
const start = lines.findIndex((l) => /^[A-Z][a-z]+ \d{1,2}, \d{4} - \d+ min Read$/.test(l)) + 1;
const end = lines.indexOf('Related Articles');
const body = lines.slice(start, end).filter((l) => l && l !== 'ADVERTISEMENT');

const articles = [];
const slugs = new Set();
const add = (a) => {
  let slug = slugify(a.title || a.summary);
  for (let n = 2; slugs.has(slug); n++) slug = `${slugify(a.title || a.summary)}-${n}`;
  slugs.add(slug);
  articles.push({ id: a.id, slug, ...a });
};

const main = seed.article;
add({ id: 'seed-00', title: main.title, summary: main.summary, category: main.category, date: main.date,
  author: main.author, source: 'seed', body });
seed.related_as_published.forEach((r, i) => add({ id: `seed-${String(i + 1).padStart(2, '0')}`, title: '',
  summary: r.summary, category: r.category, date: r.date, source: 'seed' }));

const taken = new Map();
for (const line of readFileSync(join(shared, 'datasets', 'huffpost', 'articles.jsonl'), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line);
  const n = taken.get(r.category) || 0;
  if (n >= perCategory) continue;
  taken.set(r.category, n + 1);
  add({ id: r.id, title: r.title, summary: r.summary, category: titleCase(r.category), date: r.date,
    author: r.authors || undefined, source: 'huffpost', original: r.url });
}

const out = join(root, 'www', 'demo', 'data');
mkdirSync(out, { recursive: true });
// One article a line: valid JSON that diffs line by line.
writeFileSync(join(out, 'articles.json'), `[\n${articles.map((a) => JSON.stringify(a)).join(',\n')}\n]\n`);
console.log(`wrote www/demo/data/articles.json: ${articles.length} articles (13 from the seed page, ` +
  `${articles.length - 13} from HuffPost in ${taken.size} categories, at most ${perCategory} each)`);
