// npm run size: each dist/ file's raw, gzip -9 and brotli (quality 11) size, and the total a page
// downloads (everything but the .d.ts), against the budget.
//
//   --check     fails when the total exceeds CEILING_GZIP (the test command runs this)
//   --budget    fails when the total exceeds BUDGET_GZIP
//
// The budget is 60 KB gzip -9 and is NOT met yet (64.6 KB: see the README's Figures for what was
// cut and where the rest is). Until it is, the test command enforces a ceiling a little above today's size,
// so the page weight can only shrink: lower CEILING_GZIP with every cut, and switch the test
// command to --budget once the total is under 60 KB.
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const BUDGET_GZIP = 60 * 1024;
export const CEILING_GZIP = 65 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

export function measure(dir = dist) {
  return readdirSync(dir).sort().map((name) => {
    const bytes = readFileSync(join(dir, name));
    return {
      name,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      downloaded: !name.endsWith('.d.ts'),
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
  const limit = process.argv.includes('--budget') ? BUDGET_GZIP : process.argv.includes('--check') ? CEILING_GZIP : null;
  if (limit !== null) {
    if (gz > limit) {
      console.error(`size: ${gz} B gzip -9 exceeds ${limit === BUDGET_GZIP ? 'the budget' : 'the regression ceiling'} of ${limit} B`);
      process.exit(1);
    }
    console.log(`size: within the ${limit === BUDGET_GZIP ? 'budget' : 'regression ceiling'} of ${limit / 1024} KB gzip -9`);
  }
}
