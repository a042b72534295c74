// The package as a frontend gets it: `npm pack` (what `npm publish` would upload), installed from
// the tarball into a temporary app, type-checked by tsc --strict, built by Vite with no warning at
// all, served by scripts/serve.mjs and run in Chromium.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { build, createLogger } from 'vite';
import { ROOT, FEEDS, articleHead, read, settled, start } from './helpers.mjs';

const fixture = JSON.parse(readFileSync(join(ROOT, FEEDS, 'articles.json'), 'utf8'));
const [main] = fixture;
const FEED = 'rss2.xml';
const work = mkdtempSync(join(tmpdir(), 'related-articles-pkg-'));
const app = join(work, 'app');
const out = join(app, 'out');
let packed; // npm pack --json's record of the tarball
const viteLog = []; // every warning and error Vite reports
let site;

// A frontend's own code: bundled by Vite, and type-checked with the package's types.
const MAIN_TS = `import 'related-articles';
import { createIndex, parseFeed, type Index, type RelatedArticlesSelectDetail, type RelatedItem } from 'related-articles';

const root = document.documentElement;
const widget = document.querySelector('related-articles'); // RelatedArticlesElement | null
root.dataset.registered = String(customElements.get('related-articles') !== undefined && widget !== null);

widget?.addEventListener('related-articles:render', (event) => {
  const ids: string[] = event.detail.items.map((item) => item.id);
  root.dataset.rendered = ids.join(' ');
});
document.addEventListener('related-articles:select', (event) => {
  const { item, position }: RelatedArticlesSelectDetail = event.detail;
  root.dataset.selected = position + ' ' + item.id;
});

async function headless(): Promise<string> {
  const response = await fetch('/feeds/${FEED}');
  const feed = await parseFeed(new Uint8Array(await response.arrayBuffer()), {
    contentType: response.headers.get('content-type') ?? undefined,
    baseUrl: response.url,
  });
  const index: Index = await createIndex(feed.articles, { html: false });
  const related: RelatedItem[] = index.related(feed.articles[0].id, { limit: 3 });
  return related.map((r) => r.id + '=' + r.score).join(' ');
}
headless().then((answer) => { root.dataset.headless = answer; }, (error) => { root.dataset.headless = 'error: ' + error; });
`;

// Server-side code (Node's own module resolution): the headless API only.
const SERVER_TS = `import { createIndex, type ArticleInput } from 'related-articles';

export async function relatedIds(articles: ArticleInput[], id: string): Promise<string[]> {
  const index = await createIndex(articles, { titleWeight: 2 });
  return index.related(id, { limit: 5, minScore: 0.05, exclude: [id] }).map((r) => r.url ?? r.id);
}
`;

// What the types must refuse: each line after a directive is an error, else tsc reports the
// unused directive, so this fails if the types ever loosen to \`any\`.
const MISUSE_TS = `import { createIndex, parseFeed } from 'related-articles';

export async function misuse(): Promise<string> {
  // @ts-expect-error articles are objects, not a string
  await createIndex('a,b');
  const index = await createIndex([{ title: 'A' }]);
  // @ts-expect-error limit is a number
  index.related('a', { limit: '5' });
  // @ts-expect-error a result's score is a number
  const score: string = index.related('a')[0].score;
  // @ts-expect-error parseFeed takes an options object, not a positional content type
  await parseFeed('<rss/>', 'application/rss+xml');
  // @ts-expect-error select's detail is { item, position }
  document.addEventListener('related-articles:select', (e) => e.detail.items);
  // @ts-expect-error render's detail is { items }
  document.querySelector('related-articles')?.addEventListener('related-articles:render', (e) => e.detail.position);
  return score;
}
`;

const tsconfig = (module, moduleResolution, include) => JSON.stringify({
  compilerOptions: { strict: true, noEmit: true, target: 'es2022', module, moduleResolution, lib: ['es2022', 'dom', 'dom.iterable'], types: [], skipLibCheck: false },
  include,
});

function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`${command} ${args.join(' ')} failed (${e.status}):\n${e.stdout}${e.stderr}`);
  }
}

before(async () => {
  // prepare (scripts/prepare.mjs) rebuilds dist/ only when a source is newer than it.
  [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], ROOT));
  mkdirSync(join(app, 'public', 'feeds'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // Offline: the tarball has no dependencies; Vite and tsc are the repository's own.
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, packed.filename)], app);
  writeFileSync(join(app, 'public', 'feeds', FEED), readFileSync(join(ROOT, FEEDS, FEED)));
  writeFileSync(join(app, 'main.ts'), MAIN_TS);
  writeFileSync(join(app, 'server.ts'), SERVER_TS);
  writeFileSync(join(app, 'misuse.ts'), MISUSE_TS);
  writeFileSync(join(app, 'tsconfig.json'), tsconfig('esnext', 'bundler', ['main.ts', 'misuse.ts']));
  writeFileSync(join(app, 'tsconfig.node.json'), tsconfig('nodenext', 'nodenext', ['server.ts']));
  writeFileSync(join(app, 'index.html'), `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${main.title}</title>
${articleHead(main, `/feeds/${FEED}`, 'application/rss+xml')}
<script type="module" src="/main.ts"></script>
</head>
<body><main><h1>${main.title}</h1><related-articles></related-articles></main></body>
</html>
`);
  const logger = createLogger('silent');
  const keep = (level) => (message) => viteLog.push(`${level}: ${message}`);
  await build({
    root: app,
    configFile: false,
    logLevel: 'warn', // no progress lines; warnings still reach the logger
    customLogger: { ...logger, warn: keep('warn'), warnOnce: keep('warn'), error: keep('error') },
    build: { outDir: out },
  });
  site = await start({ root: out });
});

after(async () => {
  await site?.close();
  rmSync(work, { recursive: true, force: true });
});

const wasmName = () => readdirSync(join(ROOT, 'dist')).find((f) => /^related-articles\.[0-9a-f]+\.wasm$/.test(f));
const themeName = () => readdirSync(join(ROOT, 'dist')).find((f) => /^related-articles\.theme\.[0-9a-f]+\.css$/.test(f));

test('the tarball holds what a user needs and nothing else', () => {
  const expected = ['LICENSE-APACHE', 'LICENSE-MIT', 'README.md', 'dist/related-articles.d.ts',
    `dist/${wasmName()}`, 'dist/related-articles.js', `dist/${themeName()}`, 'package.json',
    'node/build.d.ts', 'node/build.mjs', 'node/cli.mjs', 'node/related-articles.wasm', 'node/wasi.mjs'];
  assert.deepEqual(packed.files.map((f) => f.path).sort(), expected.sort());
  assert.equal(packed.name, 'related-articles');
  assert.equal(packed.bundled.length, 0);
  const installed = join(app, 'node_modules', 'related-articles');
  assert.match(readFileSync(join(installed, 'LICENSE-MIT'), 'utf8'), /^MIT License/);
  assert.match(readFileSync(join(installed, 'LICENSE-APACHE'), 'utf8'), /Apache License\s+Version 2\.0, January 2004/);
  const json = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(json.license, 'MIT OR Apache-2.0');
  assert.equal(json.dependencies, undefined, 'no runtime dependency');
});

test('the browser entry has no node: import for a bundler to see', () => {
  const js = readFileSync(join(app, 'node_modules', 'related-articles', 'dist', 'related-articles.js'), 'utf8');
  // Quoted so the message, not the 18 KB file, is what a failure prints.
  assert.deepEqual(js.match(/["'`]node:[\w/]+/g) ?? [], [], 'no node: specifier');
  assert.deepEqual(js.match(/\bimport\s*\(\s*[^"'`\s)]+\)/g) ?? [], [], 'no dynamic import of a computed specifier');
});

test('a consumer written in TypeScript type-checks with tsc --noEmit --strict (bundler and nodenext resolution)', () => {
  // misuse.ts's @ts-expect-error lines make this fail if the types accept what they must refuse.
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  run(tsc, ['-p', 'tsconfig.json', '--noEmit', '--strict'], app);
  run(tsc, ['-p', 'tsconfig.node.json', '--noEmit', '--strict'], app);
});

test('Vite builds the app with no warning: one script, one wasm, the theme file, no stub for a Node module', () => {
  assert.deepEqual(viteLog, []);
  const assets = readdirSync(join(out, 'assets')).sort();
  assert.equal(assets.length, 3, `assets: ${assets}`);
  assert.match(assets[0], /^index-[\w-]+\.js$/);
  assert.match(assets[1], /^related-articles\.[0-9a-f]+-[\w-]+\.wasm$/);
  assert.ok(readFileSync(join(out, 'assets', assets[1])).equals(readFileSync(join(ROOT, 'dist', wasmName()))), 'the wasm is the package\'s, byte for byte');
  // A file, not a data: URL (which style-src 'self' refuses): only browsers without constructable
  // stylesheets fetch it.
  assert.match(assets[2], /^related-articles\.theme\.[0-9a-f]+-[\w-]+\.css$/);
  assert.ok(readFileSync(join(out, 'assets', assets[2])).equals(readFileSync(join(ROOT, 'dist', themeName()))), 'the theme is the package\'s, byte for byte');
});

test('in Chromium without adoptedStyleSheets, the bundle links its copy of the theme file under the strict CSP', async () => {
  const init = () => { delete ShadowRoot.prototype.adoptedStyleSheets; };
  const { page, log, close } = await site.open(`${site.origin}/`, { init });
  try {
    await settled(page);
    await page.waitForFunction(() => document.querySelector('related-articles').shadowRoot.querySelector('link')?.sheet);
    const emitted = readdirSync(join(out, 'assets')).find((f) => f.endsWith('.css'));
    assert.deepEqual(await page.evaluate(() => {
      const root = document.querySelector('related-articles').shadowRoot;
      return { link: new URL(root.querySelector('link').href).pathname, bullets: getComputedStyle(root.querySelector('ul')).listStyleType };
    }), { link: `/assets/${emitted}`, bullets: 'none' });
    assert.deepEqual(log.errors, []);
  } finally {
    await close();
  }
});

test('in Chromium the wasm is served as application/wasm, the element renders and the API answers as in Node', async () => {
  const { page, log, close } = await site.open();
  const wasm = [];
  page.on('response', (r) => { if (r.url().endsWith('.wasm')) wasm.push({ path: new URL(r.url()).pathname, status: r.status(), type: r.headers()['content-type'] }); });
  try {
    await page.goto(`${site.origin}/`);
    await settled(page);
    const [w] = await read(page);
    assert.equal(w.state, 'ready');
    assert.equal(w.items.length, 5);
    assert.ok(w.items.every((i) => i.category === 'Political history' && i.href !== main.url));
    const emitted = readdirSync(join(out, 'assets')).find((f) => f.endsWith('.wasm'));
    assert.deepEqual(wasm, [{ path: `/assets/${emitted}`, status: 200, type: 'application/wasm' }], 'one wasm download, from the bundle, streamable');
    const data = () => page.evaluate(() => ({ ...document.documentElement.dataset }));
    assert.equal((await data()).registered, 'true');
    // The consumer's render listener saw the rendered items, in order.
    const hrefs = w.items.map((i) => i.href);
    const byUrl = new Map(fixture.map((a) => [a.url, a.id]));
    assert.deepEqual((await data()).rendered.split(' '), hrefs.map((h) => byUrl.get(h)));
    // Its select listener sees a click on the second link (navigation cancelled by the test).
    await page.evaluate(() => {
      const link = document.querySelector('related-articles').shadowRoot.querySelectorAll('[part~=link]')[1];
      link.addEventListener('click', (e) => e.preventDefault());
      link.click();
    });
    assert.equal((await data()).selected, `2 ${byUrl.get(hrefs[1])}`);
    // The headless API in the bundle gives what the same package gives in Node.
    await page.waitForFunction(() => document.documentElement.dataset.headless !== undefined);
    const pkg = await import(pathToFileURL(join(app, 'node_modules', 'related-articles', 'dist', 'related-articles.js')).href);
    const feed = await pkg.parseFeed(readFileSync(join(ROOT, FEEDS, FEED)), { contentType: 'application/xml; charset=utf-8', baseUrl: `${site.origin}/feeds/${FEED}` });
    const index = await pkg.createIndex(feed.articles, { html: false });
    const inNode = index.related(feed.articles[0].id, { limit: 3 }).map((r) => `${r.id}=${r.score}`).join(' ');
    assert.equal((await data()).headless, inNode);
    assert.equal(inNode.split(' ').length, 3);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.warnings, []);
  } finally {
    await close();
  }
});
