// `build --site` writes safe HTML (issue 13, part 4): a site whose pages and records carry the
// vectors of the OWASP XSS filter-evasion cheat sheet (tests/fixtures/xss/owasp-filter-evasion.json)
// in every field the build copies from one page into others (titles, summaries, categories, URLs,
// images, the element's heading), built by the release CLI, then:
// (a) every built page parsed by Chromium's HTML parser (DOMParser) is the source page plus only
//     the list's own elements and attributes, its links and images absolute http(s), its one
//     script the JSON-LD, which parses and names what the links show; every list file is JSON
//     with no `<` or `>` and only web links or single-slash site paths;
// (b) every built page loaded in Chromium with JavaScript and without runs nothing: no dialog,
//     no global beyond a blank page's, no page error, no frame, no navigation, no request to an
//     origin but the server's and the site's own (and the list's own images).
// A control page with one real injection shows that each of (b)'s detectors fires.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, start } from './helpers.mjs';

const NATIVE = join(ROOT, 'target', 'release', 'related-articles');
// The real widget (dist/), which upgrades each page's list in place from its markup.
const WIDGET = join(ROOT, 'dist');
const SITE_URL = 'https://blog.example/';
const { text: TEXT, urls: URLS } = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'xss', 'owasp-filter-evasion.json'), 'utf8'));
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mOsr6//DwAFeQJ/QdUEVQAAAABJRU5ErkJggg==', 'base64');

// The source site, escaped as a careful generator escapes (Hugo's own rules): the test is of
// what the build does with the text it reads back, so the source pages must be sound.
const escText = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const escAttr = (s) => escText(s).replaceAll('"', '&quot;').replaceAll("'", '&#39;');
const ldJson = (v) => JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const WORDS = ['winter', 'clinic', 'doses', 'pharmacy', 'fever', 'nurses'];
const at = (list, i) => list[i % list.length];

/** Page `i` of the source site: every field a vector, some as JSON-LD, some as Open Graph. */
function sourcePage(i) {
  const word = at(WORDS, i);
  const title = `Vaccine booster ${word} ${at(TEXT, i)}`;
  const summary = `Booster shots and ${word} doses: ${at(TEXT, i + 1)}`;
  const category = at(TEXT, i + 2);
  const url = i < URLS.length ? URLS[i] : null;
  const image = at(URLS, i + 5);
  const heading = i % 4 == 0 ? ` heading="${escAttr(at(TEXT, i + 3))}"` : '';
  const meta = i % 2 == 0
    ? `<script type="application/ld+json">${ldJson({ '@context': 'https://schema.org', '@type': 'BlogPosting', headline: title, description: summary, articleSection: category, image, ...(url && { url }) })}</script>`
    : [`<meta property="og:type" content="article">`, `<meta property="og:title" content="${escAttr(title)}">`,
      `<meta property="og:description" content="${escAttr(summary)}">`, `<meta property="article:section" content="${escAttr(category)}">`,
      `<meta property="og:image" content="${escAttr(image)}">`, url ? `<meta property="og:url" content="${escAttr(url)}">` : ''].join('\n');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escText(title)} | Blog</title>
${meta}
</head>
<body>
<main><article><h1>${escText(title)}</h1>
<related-articles layout="grid" why${heading}></related-articles>
<script type="module" src="/related-articles/related-articles.js"></script>
</article></main>
</body>
</html>
`;
  return { path: `posts/p${i}/index.html`, title, html };
}

/** Records beside the site: a URL vector as url and image, text vectors as the rest. */
const records = URLS.map((url, j) => JSON.stringify({
  id: `r${j}`, url, image: at(URLS, j + 3), title: `Vaccine booster records ${at(TEXT, j + 7)}`,
  summary: `Booster doses ${at(TEXT, j + 8)}`, category: at(TEXT, j + 9),
})).join('\n') + '\n';

let dir, siteDir, site, sources;
before(async () => {
  assert.ok(existsSync(NATIVE), `${NATIVE} is missing: cargo build --release --locked --bin related-articles`);
  dir = mkdtempSync(join(tmpdir(), 'site-xss-'));
  siteDir = join(dir, 'site');
  sources = TEXT.map((_, i) => sourcePage(i));
  for (const p of sources) {
    mkdirSync(join(siteDir, p.path, '..'), { recursive: true });
    writeFileSync(join(siteDir, p.path), p.html);
  }
  writeFileSync(join(dir, 'records.jsonl'), records);
  execFileSync(NATIVE, ['build', '--site', siteDir, join(dir, 'records.jsonl'), '--base-url', SITE_URL,
    '--widget', WIDGET, '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
  // Written after the build (which would read them as pages): the baseline and the control.
  writeFileSync(join(siteDir, 'blank.html'), '<!doctype html><title>blank</title><script type="module" src="/related-articles/related-articles.js"></script>\n');
  writeFileSync(join(siteDir, 'control.html'), '<!doctype html><title>control</title><img src=x onerror="alert(1)">'
    + '<script src="http://xss.rocks/xss.js"></script><script>window.injected = 1</script><iframe src="/blank.html"></iframe>\n');
  site = await start({ root: siteDir });
});
after(async () => {
  await site?.close();
  if (dir && !process.env.KEEP_SITE) rmSync(dir, { recursive: true, force: true }); // KEEP_SITE=1: look at it
  else if (dir) console.log(`kept ${siteDir}`);
});

const built = (p) => readFileSync(join(siteDir, p.path), 'utf8');
const squash = (s) => s.replace(/\s+/g, ' ').trim();

// What the build may add inside <related-articles>: these elements, these attributes (a value
// given must be exactly it; null: any value, checked apart), nothing else.
const ALLOWED = {
  SECTION: { 'data-related-articles': '' }, H2: {}, UL: {}, LI: {},
  SPAN: { class: 'category' }, A: { href: null }, P: { class: 'summary' }, TIME: { datetime: null },
  SMALL: { class: 'why' },
  IMG: { class: 'image', loading: 'lazy', decoding: 'async', alt: '', width: '320', height: '180', src: null },
  SCRIPT: { type: 'application/ld+json', 'data-related-articles': '' },
};

test('(a) every built page parses as its source page plus the list, every link and image absolute http(s)', async () => {
  const context = await site.browser.newContext({ bypassCSP: true }); // the server's CSP enforces Trusted Types
  try {
    const page = await context.newPage();
    await page.goto(`${site.origin}/blank.html`);
    const titles = new Set(sources.map((p) => squash(p.title)));
    let links = 0, scriptsAsText = 0, listed = 0;
    for (const p of sources) {
      // A page whose URL is another's (`//xss.rocks/xss.js`, `/\xss.rocks/xss.js` and
      // `http:xss.rocks/xss.js` all resolve to a URL with the path /xss.js, as in a browser) is
      // a duplicate: not rewritten at all.
      if (built(p) == p.html) continue;
      listed += 1;
      const got = await page.evaluate(([source, out, allowed]) => {
        const parse = (html) => new DOMParser().parseFromString(html, 'text/html');
        const before = parse(source), doc = parse(out);
        const el = doc.querySelector('related-articles');
        const added = [...el.querySelectorAll(':scope > section[data-related-articles], :scope > script[data-related-articles]')];
        const bad = [];
        const walk = (n) => {
          for (const c of n.childNodes) {
            if (c.nodeType == Node.TEXT_NODE) continue;
            if (c.nodeType != Node.ELEMENT_NODE) { bad.push(`node type ${c.nodeType}: ${c.nodeName}`); continue; }
            const rule = allowed[c.tagName];
            if (!rule || c.namespaceURI != 'http://www.w3.org/1999/xhtml') { bad.push(`element ${c.tagName} in ${n.tagName}`); continue; }
            for (const a of c.attributes) {
              if (!(a.name in rule) || (rule[a.name] != null && rule[a.name] != a.value)) bad.push(`${c.tagName} ${a.name}="${a.value}"`);
            }
            walk(c);
          }
        };
        const wrapper = doc.createElement('div');
        for (const a of added) wrapper.append(a.cloneNode(true));
        walk(wrapper);
        const section = added.find((a) => a.tagName == 'SECTION');
        const shape = section && [...section.children].map((c) => c.tagName).join(',') == 'H2,UL'
          && [...section.querySelector(':scope > ul').children].every((li) => li.tagName == 'LI')
          && [...section.querySelectorAll('h2, span, a, p, time, small')].every((n) => n.children.length == 0);
        const ld = added.find((a) => a.tagName == 'SCRIPT');
        for (const a of added) a.remove();
        return {
          same: doc.documentElement.outerHTML == before.documentElement.outerHTML,
          bad, shape, added: added.map((a) => a.tagName),
          hrefs: section ? [...section.querySelectorAll('a')].map((a) => a.getAttribute('href')) : [],
          srcs: section ? [...section.querySelectorAll('img')].map((i) => i.getAttribute('src')) : [],
          texts: section ? [...section.querySelectorAll('a')].map((a) => a.textContent) : [],
          ld: ld?.textContent,
        };
      }, [p.html, built(p), ALLOWED]);
      assert.ok(got.same, `${p.path}: outside the list, the page is its source`);
      assert.deepEqual(got.bad, [], `${p.path}: only the list's own elements and attributes`);
      assert.deepEqual(got.added, ['SECTION', 'SCRIPT'], `${p.path}: a list and its JSON-LD`);
      assert.ok(got.shape, `${p.path}: section > h2 + ul > li, text only in the leaves`);
      assert.ok(got.hrefs.length >= 2, `${p.path}: a list of at least two links`);
      for (const u of [...got.hrefs, ...got.srcs]) assert.match(u, /^https?:\/\/[^/\\]/i, `${p.path}: ${u}`);
      assert.doesNotMatch(got.ld, /[<>&\u2028\u2029]/, `${p.path}: the JSON-LD escapes <, >, & and U+2028/9`);
      const ld = JSON.parse(got.ld);
      assert.deepEqual(ld.itemListElement.map((i) => [i.url, i.name]), got.hrefs.map((h, i) => [h, got.texts[i]]), `${p.path}: the JSON-LD names the links`);
      for (const t of got.texts) {
        assert.ok(titles.has(squash(t)) || t.startsWith('Vaccine booster records'), `${p.path}: ${JSON.stringify(t)} is an article's title, as text`);
        if (t.includes('<script') || t.includes('<SCRIPT')) scriptsAsText += 1;
      }
      links += got.hrefs.length;
    }
    // Not vacuous: every page but duplicates has a list, linking pages whose titles hold the vectors.
    const { counts } = JSON.parse(readFileSync(join(siteDir, 'related-articles', 'manifest.json'), 'utf8'));
    assert.ok(sources.length - listed <= counts.skipped.duplicate, `${listed} of ${sources.length} pages have a list`);
    assert.ok(listed >= 80, `${listed} pages have a list`);
    assert.ok(links >= 2 * listed, `${links} links`);
    assert.ok(scriptsAsText > 0, 'some links show a <script> vector as text');
  } finally {
    await context.close();
  }
});

test('(a) every list file is JSON without < or >, linking only web URLs and single-slash site paths', () => {
  const lists = join(siteDir, 'related-articles', 'lists');
  const files = readdirSync(lists);
  assert.ok(files.length >= sources.length, `${files.length} list files`);
  let items = 0;
  for (const f of files) {
    const text = readFileSync(join(lists, f), 'utf8');
    assert.doesNotMatch(text, /[<>\u2028\u2029]/, f);
    for (const entry of JSON.parse(text).entries) {
      for (const it of entry.items) {
        items += 1;
        if (it.url !== undefined) assert.match(it.url, /^(https?:\/\/[^/\\]|\/(?![/\\]))/i, `${f}: ${it.url}`);
        if (it.image !== undefined) assert.match(it.image, /^https?:\/\/[^/\\]/i, `${f}: ${it.image}`);
      }
    }
  }
  assert.ok(items >= 2 * sources.length, `${items} items`);
  const manifest = readFileSync(join(siteDir, 'related-articles', 'manifest.json'), 'utf8');
  assert.doesNotMatch(manifest, /[<>]/);
});

/**
 * A context, JavaScript on or off, in which every request outside the server is answered here
 * (images with a PNG, anything else aborted) and recorded unless it is one of `allowed.images`.
 * `visit(path)` loads a page in its tab and returns what ran.
 */
async function browse(javaScriptEnabled) {
  const context = await site.browser.newContext({ javaScriptEnabled, bypassCSP: true, reducedMotion: 'reduce' });
  const allowed = { images: new Set() };
  let foreign = [];
  await context.route('**/*', (route) => {
    const r = route.request();
    if (r.url().startsWith(site.origin + '/')) return route.continue();
    const image = r.resourceType() == 'image';
    if (!(image && allowed.images.has(r.url()))) foreign.push(`${r.resourceType()} ${r.url()}`);
    return image ? route.fulfill({ body: PNG, contentType: 'image/png' }) : route.abort();
  });
  // One tab, navigated from page to page: a fresh tab per page costs more than the page.
  const page = await context.newPage();
  let dialogs = [], errors = [];
  page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss(); });
  page.on('pageerror', (e) => errors.push(e.message));
  async function visit(path, images = new Set()) {
    allowed.images = images;
    [foreign, dialogs, errors] = [[], [], []];
    const url = `${site.origin}/${path}`;
    await page.goto(url, { waitUntil: 'load' });
    const globals = await page.evaluate(() => Object.keys(window));
    return { dialogs, errors, foreign, globals, url: page.url(), wanted: url, frames: page.frames().length };
  }
  return { visit, close: () => context.close() };
}

test('(b) no built page runs anything, with JavaScript or without; the control page shows the detectors fire', async () => {
  const on = await browse(true), off = await browse(false);
  try {
    const control = await on.visit('control.html');
    assert.deepEqual(control.dialogs, ['alert: 1']);
    assert.deepEqual(control.foreign, ['script http://xss.rocks/xss.js']);
    assert.ok(control.globals.includes('injected') && control.frames == 2, JSON.stringify(control));
    const quiet = await off.visit('control.html');
    assert.deepEqual([quiet.dialogs, quiet.foreign, quiet.frames], [[], [], 2], 'without JavaScript, only the frame');
    const baseline = new Set((await on.visit('blank.html')).globals);
    for (const p of sources) {
      // The list's own images (absolute http(s), the articles' own) are the only foreign
      // requests allowed: their URLs as requested (no fragment).
      const images = new Set([...built(p).matchAll(/<img class="image"[^>]* src="([^"]*)"/g)]
        .map((m) => m[1].replace(/&(amp|quot|#39);/g, (_, e) => ({ amp: '&', quot: '"', '#39': "'" })[e]).replace(/#.*/, '')));
      for (const [js, browser] of [['on', on], ['off', off]]) {
        const got = await browser.visit(p.path.replace(/index\.html$/, ''), images);
        const what = `${p.path} (JavaScript ${js})`;
        assert.deepEqual(got.dialogs, [], what);
        assert.deepEqual(got.errors, [], what);
        assert.deepEqual(got.foreign, [], what);
        assert.deepEqual(got.globals.filter((g) => !baseline.has(g)), [], what);
        assert.equal(got.url, got.wanted, `${what}: no navigation`);
        assert.equal(got.frames, 1, `${what}: no frame`);
      }
    }
  } finally {
    await on.close();
    await off.close();
  }
});
