// The archive's lookup keys and list file names, computed by the widget's own code (www/archive.js:
// the WHATWG URL parser and FNV-1a 64 over UTF-8), against the cases Rust's
// `build::key::{lookup_key, file_name}` is tested on (tests/build.rs reads the same file).
import { test } from 'node:test';
import { fileName, lookupKey } from '../../www/archive.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const cases = JSON.parse(readFileSync(new URL('../fixtures/archive/lookup-keys.json', import.meta.url), 'utf8'));

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
