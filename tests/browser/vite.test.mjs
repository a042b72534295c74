// `import 'related-articles'` in a bundler: a tiny consumer app, with the package installed as npm
// would install it (package.json + dist/), built by Vite and loaded in Chromium.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'vite';
import { ROOT, FEEDS, articleHead, read, settled, start } from './helpers.mjs';

const fixture = JSON.parse(readFileSync(join(ROOT, FEEDS, 'articles.json'), 'utf8'));
const [main] = fixture;
const feed = ['rss2.xml', 'application/rss+xml'];
const app = mkdtempSync(join(tmpdir(), 'related-articles-vite-'));
let site;

before(async () => {
  const installed = join(app, 'node_modules', 'related-articles');
  mkdirSync(installed, { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(installed, 'package.json'));
  cpSync(join(ROOT, 'dist'), join(installed, 'dist'), { recursive: true });
  mkdirSync(join(app, 'public', 'feeds'), { recursive: true });
  cpSync(join(ROOT, FEEDS, feed[0]), join(app, 'public', 'feeds', feed[0]));
  writeFileSync(join(app, 'main.js'), `import 'related-articles';
import { createIndex } from 'related-articles';
document.documentElement.dataset.api = typeof createIndex;
document.documentElement.dataset.registered = String(customElements.get('related-articles') !== undefined);
`);
  writeFileSync(join(app, 'index.html'), `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${main.title}</title>
${articleHead(main, `/feeds/${feed[0]}`, feed[1])}
<script type="module" src="/main.js"></script>
</head>
<body><main><h1>${main.title}</h1><related-articles></related-articles></main></body>
</html>
`);
  await build({ root: app, configFile: false, logLevel: 'silent', build: { outDir: join(app, 'out') } });
  site = await start({ root: join(app, 'out') });
});

after(async () => {
  await site?.close();
  rmSync(app, { recursive: true, force: true });
});

test('Vite bundles the package: the wasm is emitted as an asset and the element renders', async () => {
  const assets = readdirSync(join(app, 'out', 'assets'));
  const wasm = assets.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `one wasm asset in ${assets}`);
  const { page, log, close } = await site.open(`${site.origin}/`);
  try {
    await settled(page);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.api), 'function');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.registered), 'true');
    const [w] = await read(page);
    assert.equal(w.state, 'ready');
    assert.equal(w.items.length, 5);
    assert.ok(w.items.every((i) => i.category === 'Political history' && i.href !== main.url));
    assert.ok(log.requests.some((u) => u.endsWith(`/assets/${wasm[0]}`)), 'the wasm comes from the bundle');
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.warnings, []);
  } finally {
    await close();
  }
});
