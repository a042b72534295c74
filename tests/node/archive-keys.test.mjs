// The archive's lookup keys and list file names, computed in JS as the widget will compute them
// (the WHATWG URL parser and FNV-1a 64 over UTF-8), against the cases Rust's
// `build::key::{lookup_key, file_name}` is tested on (tests/build.rs reads the same file). The
// two functions below are the reference for the widget's own copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const cases = JSON.parse(readFileSync(new URL('../fixtures/archive/lookup-keys.json', import.meta.url), 'utf8'));

/** The lookup key of a page or article: its URL's path and query, a final `index.html` removed. */
export function lookupKey(url, id) {
  if (url == null) return `id:${id}`;
  const u = new URL(url, 'http://site.invalid/');
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `id:${id}`;
  const path = u.pathname.endsWith('/index.html') ? u.pathname.slice(0, -'index.html'.length) : u.pathname;
  return path + u.search;
}

/** The list file's name for a key: FNV-1a 64 of its UTF-8 bytes, 16 hex digits. */
export function fileName(key) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(key)) {
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

test('lookup keys and file names match the cases Rust is tested on', () => {
  assert.ok(cases.length >= 15);
  for (const c of cases) {
    const key = lookupKey(c.url, c.id);
    assert.equal(key, c.key, `key of ${c.url ?? c.id}`);
    assert.equal(fileName(key), c.file, `file of ${key}`);
  }
});

test('the FNV-1a reference vectors', () => {
  assert.equal(fileName(''), 'cbf29ce484222325');
  assert.equal(fileName('a'), 'af63dc4c8601ec8c');
});
