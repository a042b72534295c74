// npm run size: each dist/ file's raw, gzip -9 and brotli (quality 11) size, and the total a page
// downloads (everything but the .d.ts), against the budget.
//
//   --check     fails when the total exceeds the budget (the test command runs this)
//
// The budget: everything a page downloads for the widget (script, wasm, styles, which ship inside
// the script) at most 60 KB gzip -9. docs/size.md says why, and what was cut to get under it.
// Not counted: the .d.ts (never downloaded) and related-articles.theme.<hash>.css, the same styles as
// a file, which only browsers without constructable stylesheets fetch (Safari < 16.4, Firefox < 101:
// see theme() in www/element.js); it is listed, with its size, for them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const BUDGET_GZIP = 60 * 1024;
const THEME_FILE = /^related-articles\.theme\.[0-9a-f]+\.css$/;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

export function measure(dir = dist) {
  return readdirSync(dir).sort().map((name) => {
    const bytes = readFileSync(join(dir, name));
    return {
      name,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      downloaded: !name.endsWith('.d.ts') && !THEME_FILE.test(name),
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = measure();
  const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';
  console.log(`${'file'.padEnd(40)}${'raw'.padStart(10)}${'gzip -9'.padStart(10)}${'brotli'.padStart(10)}`);
  for (const f of files) console.log(`${f.name.padEnd(40)}${kb(f.raw)}${kb(f.gzip)}${kb(f.brotli)}`);
  const page = files.filter((f) => f.downloaded);
  const total = (k) => page.reduce((s, f) => s + f[k], 0);
  console.log(`${'downloaded by a page (total)'.padEnd(40)}${kb(total('raw'))}${kb(total('gzip'))}${kb(total('brotli'))}`);
  const gz = total('gzip');
  const verdict = gz <= BUDGET_GZIP ? 'met' : `NOT met by ${((gz - BUDGET_GZIP) / 1024).toFixed(1)} KB`;
  console.log(`budget ${BUDGET_GZIP / 1024} KB gzip -9: ${verdict}`);
  if (process.argv.includes('--check')) {
    if (gz > BUDGET_GZIP) {
      console.error(`size: ${gz} B gzip -9 exceeds the budget of ${BUDGET_GZIP} B`);
      process.exit(1);
    }
    console.log(`size: ${gz} B gzip -9, within the budget of ${BUDGET_GZIP} B`);
  }
  // The CLI for `npx related-articles` ships in the package too, but no page downloads it.
  const cli = join(dist, '..', 'node', 'related-articles.wasm');
  if (existsSync(cli)) {
    const bytes = readFileSync(cli);
    console.log(`${'npx CLI, not for pages: node/*.wasm'.padEnd(40)}${kb(bytes.length)}${kb(gzipSync(bytes, { level: 9 }).length)}`);
  }
}
