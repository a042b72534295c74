// The Node path as a publisher gets it: the package from `npm pack`, installed from the tarball
// into a temporary app, with no Rust toolchain on PATH. `npx related-articles build --site` on a
// Hugo site; the Eleventy config of docs/archive.md, run by Eleventy itself; the API's types
// checked by tsc --strict.
// Run after `npm run build`.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, WIDGET, hugoSite } from './site.mjs';

const work = mkdtempSync(join(tmpdir(), 'related-articles-npx-'));
const app = join(work, 'app');
const posts = JSON.parse(readFileSync(join(ROOT, 'www', 'demo', 'data', 'articles.json'), 'utf8')).slice(0, 30);
// No cargo, rustc or rustup: only Node's own directory and the system's.
const PATH = [join(process.execPath, '..'), '/usr/bin', '/bin'].join(delimiter);
// The widget the package ships reads archives once its script carries the archive sentinel
// (the widget's precomputed mode); until then a build is given the test widget.
const dist = readFileSync(join(ROOT, 'dist', 'related-articles.js'), 'utf8');
const shipsArchiveWidget = dist.includes('"__RELATED_ARTICLES_ARCHIVE__"');

before(() => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'blog', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, packed.filename)], { cwd: app, stdio: 'ignore' });
});
after(() => rmSync(work, { recursive: true, force: true }));

test('npx related-articles build --site, with no Rust toolchain', () => {
  const site = hugoSite(join(app, 'hugo'), 40);
  const widget = shipsArchiveWidget ? [] : ['--widget', WIDGET];
  const run = spawnSync('npx', ['--no-install', 'related-articles', 'build', '--site', 'hugo/public', ...widget], { cwd: app, encoding: 'utf8', env: { ...process.env, PATH } });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /^\d+ page\(s\) read, 44 article\(s\) found$/m);
  assert.match(run.stderr, /^build [0-9a-f]{16}: hugo\/public\/related-articles\/manifest\.json$/m);
  const page = readFileSync(join(site, 'posts', posts[20].slug, 'index.html'), 'utf8');
  assert.match(page, /<section data-related-articles><h2>Related Articles<\/h2><ul>(<li>.*?<\/li>){5}<\/ul><\/section>/);
  const help = spawnSync('npx', ['--no-install', 'related-articles', '--help'], { cwd: app, encoding: 'utf8', env: { ...process.env, PATH } });
  assert.match(help.stdout, /related-articles build --site DIR/);
});

/** The Eleventy config docs/archive.md shows. */
function documentedConfig() {
  const doc = readFileSync(join(ROOT, 'docs', 'archive.md'), 'utf8');
  const block = /```js\n(\/\/ eleventy\.config\.js\n[\s\S]*?)```/.exec(doc);
  assert.ok(block, 'docs/archive.md has the Eleventy config');
  return block[1];
}

test('the Eleventy config of docs/archive.md: every post gets its list when Eleventy builds', (t) => {
  if (!shipsArchiveWidget) {
    t.skip('dist/related-articles.js has no archive sentinel yet: npm run build with the widget\'s precomputed mode');
    return;
  }
  const blog = join(app, 'eleventy');
  mkdirSync(join(blog, '_includes'), { recursive: true });
  mkdirSync(join(blog, 'posts'));
  writeFileSync(join(blog, 'eleventy.config.js'), documentedConfig());
  writeFileSync(join(blog, '_includes', 'post.njk'), `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<meta name="description" content="{{ description }}">
<meta property="og:type" content="article">
<link rel="canonical" href="https://blog.example{{ page.url }}">
</head>
<body><main><h1>{{ title }}</h1>
{{ content | safe }}
<related-articles></related-articles>
<script type="module" src="/related-articles/related-articles.js"></script>
</main></body>
</html>
`);
  writeFileSync(join(blog, 'index.njk'), '<!doctype html><title>Blog</title><ul>{% for p in collections.all %}<li><a href="{{ p.url }}">{{ p.data.title }}</a></li>{% endfor %}</ul>\n');
  for (const p of posts) {
    // JSON strings are YAML strings.
    const front = `---\nlayout: post.njk\ntitle: ${JSON.stringify(p.title || p.summary.slice(0, 60))}\ndescription: ${JSON.stringify(p.summary)}\npermalink: /posts/${p.slug}/\n---\n`;
    writeFileSync(join(blog, 'posts', `${p.id}.md`), `${front}${p.summary}\n`);
  }
  const eleventy = join(ROOT, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
  const run = spawnSync(process.execPath, [eleventy, '--quiet'], { cwd: blog, encoding: 'utf8', env: { ...process.env, PATH } });
  assert.equal(run.status, 0, run.stderr);
  const [, written] = /\[related-articles\] 30 articles, (\d+) pages written/.exec(run.stdout) ?? [];
  const listed = posts.filter((p) => readFileSync(join(blog, '_site', 'posts', p.slug, 'index.html'), 'utf8').includes('<section data-related-articles>'));
  assert.equal(Number(written), listed.length, run.stdout);
  assert.ok(listed.length >= 27, `${listed.length} of 30 posts show a list`);
  const manifest = JSON.parse(readFileSync(join(blog, '_site', 'related-articles', 'manifest.json'), 'utf8'));
  assert.deepEqual(manifest.counts.skipped, { 'not-article': 1 });
  const page = readFileSync(join(blog, '_site', 'posts', posts[20].slug, 'index.html'), 'utf8');
  assert.match(page, /<section data-related-articles><h2>Related Articles<\/h2><ul>(<li>.*?<\/li>){5}<\/ul><\/section>/);
});

test('the API\'s types: an integration type-checks under tsc --strict, and a mistake does not', () => {
  writeFileSync(join(app, 'integration.ts'), `import { archive, type BuildReport } from 'related-articles/build';
export async function afterBuild(output: string): Promise<number> {
  const related = await archive({ limit: 5, baseUrl: 'https://blog.example/' });
  await related.addDirectory(output);
  related.addRecord({ id: 7, url: 'https://blog.example/shop/', title: 'The shop', tags: ['shop'] });
  const report: BuildReport = await related.writeFiles();
  return report.manifest.counts.articles + report.pages.written + report.notes.length;
}
`);
  writeFileSync(join(app, 'mistake.ts'), `import { archive } from 'related-articles/build';
const related = await archive({ limit: '5' });
related.writeFiles(42);
`);
  const tsc = (file) => spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', file], { cwd: app, encoding: 'utf8' });
  const good = tsc('integration.ts');
  assert.equal(good.status, 0, good.stdout);
  const bad = tsc('mistake.ts');
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout, /mistake\.ts\(2,.*'string' is not assignable to type 'number'/);
  assert.match(bad.stdout, /mistake\.ts\(3,.*'number' is not assignable to parameter of type 'string'/);
});
