// The fixture site of archive mode, built once per test file: the fixture Hugo site (10-item feed)
// with 80 demo posts, built by `hugo`, then by the release CLI's `related-articles build --site`
// with the real widget of dist/, served as a publisher serves it; then the pages after the build
// (see archive.test.mjs). Shared by archive.test.mjs (Chromium) and engines.test.mjs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileName } from '../../www/archive.js';
import { hugoSite } from '../node/site.mjs';
import { ROOT, start } from './helpers.mjs';

const NATIVE = join(ROOT, 'target', 'release', 'related-articles');
const POSTS = 80;

/** The links of the list the build wrote into a page's HTML: [{ href, text }]. */
export const markupLinks = (html) => [...(html.match(/<section data-related-articles>.*?<\/section>/s)?.[0] ?? '')
  .matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => ({ href: m[1].replaceAll('&amp;', '&'), text: m[2] }));

/** Page side, for any engine: what the first widget shows, { state, links: [{ href, text }], parts }. */
export const archiveShown = () => {
  const el = document.querySelector('related-articles');
  return {
    state: el.getAttribute('state'),
    links: [...el.shadowRoot.querySelectorAll('[part~=link]')].map((a) => ({ href: a.href, text: a.textContent })),
    parts: [...el.shadowRoot.querySelectorAll('[part]')].map((n) => n.getAttribute('part')),
  };
};

/** Page side, for any engine: the paths of every resource the page requested (Resource Timing). */
export const requested = () => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);

/** Builds and serves the site: resolves with { env, site, posts, slugs(), close() }. */
export async function archiveSite() {
  let env, dir, site, posts;
  const slugs = () => readdirSync(join(site, 'posts'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !['page', 'special-no-widget'].includes(e.name)).map((e) => e.name).sort();
  dir = mkdtempSync(join(tmpdir(), 'archive-widget-'));
  site = join(dir, 'public');
  env = await start({ root: site });
  const baseURL = env.origin + '/';
  hugoSite(dir, POSTS, { baseURL });
  execFileSync(NATIVE, ['build', '--site', site, '--widget', join(ROOT, 'dist'), '--quiet']);
  // After the build: one more post, on the topic of the two newest, and a second hugo run into a
  // copy (the feed, the latest 10, then holds it and them).
  const demo = JSON.parse(readFileSync(join(ROOT, 'www', 'demo', 'data', 'articles.json'), 'utf8')).slice(0, POSTS)
    .sort((a, b) => (a.date < b.date ? 1 : -1));
  writeFileSync(join(dir, 'src', 'content', 'posts', 'fresh.md'), `+++
title = ${JSON.stringify(`${demo[0].title}, and ${demo[1].title}`)}
description = ${JSON.stringify(`${demo[0].summary} ${demo[1].summary}`)}
date = 2030-01-01
categories = [${JSON.stringify(demo[0].category)}]
slug = "published-after-the-build"
+++
${demo[0].summary}
`);
  const later = join(dir, 'later');
  execFileSync('hugo', ['--quiet', '--source', join(dir, 'src'), '--destination', later, '--baseURL', baseURL, '--buildFuture']);
  const before = new Set(readdirSync(join(site, 'posts')));
  const fresh = readdirSync(join(later, 'posts')).filter((p) => !before.has(p));
  assert.equal(fresh.length, 1, 'the second run adds one post page');
  cpSync(join(later, 'posts', fresh[0]), join(site, 'posts', fresh[0]), { recursive: true });
  cpSync(join(later, 'index.xml'), join(site, 'index.xml'));
  const all = slugs().filter((s) => s != fresh[0]);
  posts = { fresh: fresh[0], markup: all[0], plain: all[1], broken: all[2], indexed: all[3], all };
  // Text after the element, which would move if the upgrade changed the list's height.
  const rewritten = join(site, 'posts', posts.markup, 'index.html');
  writeFileSync(rewritten, readFileSync(rewritten, 'utf8').replace('</related-articles>', '</related-articles><footer>After the list</footer>'));
  // As the generator wrote it: in the archive, but no list in its markup.
  cpSync(join(later, 'posts', posts.plain, 'index.html'), join(site, 'posts', posts.plain, 'index.html'));
  cpSync(join(later, 'posts', posts.broken, 'index.html'), join(site, 'posts', posts.broken, 'index.html'));
  writeFileSync(join(site, 'related-articles', 'lists', fileName(`/posts/${posts.broken}/`) + '.json'), '{"v":1,"entr');
  // The engines whose WebDriver reports no console messages read what this page said from the
  // page itself (tests/browser/fixtures/said.js, a classic script: it runs before the widget's).
  cpSync(join(ROOT, 'tests', 'browser', 'fixtures', 'said.js'), join(site, 'said.js'));
  const broken = join(site, 'posts', posts.broken, 'index.html');
  writeFileSync(broken, readFileSync(broken, 'utf8').replace('</head>', '<script src="/said.js"></script></head>'));
  // The published script, from another directory, told where the archive is.
  cpSync(join(ROOT, 'dist'), join(site, 'cdn'), { recursive: true });
  const page = readFileSync(join(later, 'posts', posts.indexed, 'index.html'), 'utf8')
    .replace('<related-articles></related-articles>', '<related-articles index="/related-articles/"></related-articles>')
    .replace('/related-articles/related-articles.js', '/cdn/related-articles.js')
    .replace('</head>', '<script src="/said.js"></script></head>');
  writeFileSync(join(site, 'posts', posts.indexed, 'index.html'), page);
  return {
    env, site, posts, slugs,
    async close() {
      await env?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
