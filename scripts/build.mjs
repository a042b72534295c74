// npm run build: the release wasm (wasm-pack, opt-level z, std rebuilt for size, wasm-opt -O2) and the ES module that
// loads it, written to dist/ as exactly what a page downloads:
//   dist/related-articles.js            the entry (stable name: the one a publisher's <script> names)
//   dist/related-articles.<hash>.wasm   the core, content-hashed so a cached entry never pairs
//                                       with a different wasm than the one it was built with
//   dist/related-articles.theme.<hash>.css   the default theme as a file, for browsers without
//                                       constructable stylesheets only (Safari < 16.4, Firefox < 101):
//                                       the others adopt the copy inside the script (see themeFile)
//   dist/related-articles.d.ts          TypeScript types (not downloaded by pages)
// and, in a step of its own (buildWasiCli), the CLI for Node:
//   node/related-articles.wasm          the related-articles CLI compiled to wasm32-wasip1, which
//                                       `npx related-articles` runs with Node's WASI (node/wasi.mjs);
//                                       in the npm package, never downloaded by pages
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const dist = join(root, 'dist');
const cargoHome = process.env.CARGO_HOME ?? join(homedir(), '.cargo');
const rustupHome = process.env.RUSTUP_HOME ?? join(homedir(), '.rustup');

// The wasm's standard library is rebuilt from source (rustup's `rust-src`, which scripts/setup.sh
// installs) with `-C panic=immediate-abort`: a panic then traps at once instead of linking the
// machinery that formats a message nobody reads (stderr goes nowhere in wasm32-unknown-unknown),
// and every bounds check and `unwrap` shrinks to a trap (docs/size.md has what it saves). std is
// also built with its `optimize_for_size` feature: its small routine where it has a fast and a
// small one. These switches are unstable, so this build alone sets RUSTC_BOOTSTRAP on the
// stable compiler; nothing else (tests, the CLI, `cargo build`) does, and a panic was already
// fatal to the module (wasm32-unknown-unknown aborts), so behaviour is unchanged.
// `-Zlocation-detail=none` leaves out the file, line and column every `unwrap`, bounds check and
// `#[track_caller]` call records for its panic message: with immediate-abort no message is made,
// so nothing ever reads them.
const sizeFlags = ['-Cpanic=immediate-abort', '-Zunstable-options', '-Zlocation-detail=none'];
execFileSync(
  'wasm-pack',
  ['build', root, '--release', '--target', 'web', '--out-dir', pkg, '--no-pack', '--no-typescript', '--', '-Zbuild-std=std,panic_abort', '-Zbuild-std-features=optimize_for_size'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      RUSTC_BOOTSTRAP: '1',
      // Size over speed for the wasm only; the native CLI keeps opt-level 3 from Cargo.toml.
      CARGO_PROFILE_RELEASE_OPT_LEVEL: 'z',
      // Panic locations embed source paths: strip the checkout's, the registry's and the
      // toolchain's (std is built from rust-src), so every checkout builds the same bytes.
      RUSTFLAGS: [
        process.env.RUSTFLAGS,
        ...sizeFlags,
        `--remap-path-prefix=${root}=.`,
        `--remap-path-prefix=${cargoHome}/registry/src=crates`,
        `--remap-path-prefix=${rustupHome}=rustup`,
      ].filter(Boolean).join(' '),
    },
  },
);

shortenBoundaryNames();

const wasm = readFileSync(join(pkg, 'related_articles_bg.wasm'));
const hash = createHash('sha256').update(wasm).digest('hex').slice(0, 10);
const wasmName = `related-articles.${hash}.wasm`;

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, wasmName), wasm);

// www/styles.css is written to be read; the script carries it minified, as the text
// element.js adopts as a constructable stylesheet (the same bytes as the theme file, themeFile).
const minifyCss = async (path) => (await transform(readFileSync(path, 'utf8'), { loader: 'css', minify: true })).code.trim();
const minifiedCss = {
  name: 'minified-css',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async ({ path }) => ({
      contents: await minifyCss(path),
      loader: 'text',
    }));
  },
};

const result = await build({
  entryPoints: [join(root, 'www', 'related-articles.js')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  plugins: [minifiedCss],
  write: false,
  logLevel: 'warning',
});
let js = result.outputFiles[0].text;
if (!js.includes('related_articles_bg.wasm')) {
  throw new Error('build: the wasm URL was not found in the bundle; the loader changed shape');
}
js = js.replaceAll('related_articles_bg.wasm', wasmName);
// `related-articles build` writes its archive's settings in place of this literal (www/archive.js,
// src/build/widget.rs), and refuses a script that does not carry it exactly once, quoted.
if (js.split("'__RELATED_ARTICLES_ARCHIVE__'").length + js.split('"__RELATED_ARTICLES_ARCHIVE__"').length != 3 || js.split('__RELATED_ARTICLES_ARCHIVE__').length != 2) {
  throw new Error('build: the archive sentinel must occur exactly once, quoted, in the bundle');
}
writeFileSync(join(dist, 'related-articles.js'), js);

const types = join(root, 'www', 'related-articles.d.ts');
if (existsSync(types)) copyFileSync(types, join(dist, 'related-articles.d.ts'));

const cssName = await themeFile();
console.log(`built dist/related-articles.js, dist/${wasmName} and dist/${cssName}`);

/**
 * Writes the default theme (www/styles.css, minified) as dist/related-articles.theme.<hash>.css and
 * names it in the one built script that links it (www/element.js's theme(), for browsers without
 * constructable stylesheets), in place of the unhashed name there. Content-hashed like the wasm:
 * a cached script never links another build's theme. Returns the file's name.
 */
async function themeFile() {
  const code = await minifyCss(join(root, 'www', 'styles.css'));
  const name = `related-articles.theme.${createHash('sha256').update(code).digest('hex').slice(0, 10)}.css`;
  writeFileSync(join(dist, name), code);
  const placeholder = '"related-articles.theme.css?no-inline"';
  const linking = readdirSync(dist).filter((f) => f.endsWith('.js') && readFileSync(join(dist, f), 'utf8').includes(placeholder));
  if (linking.length != 1) {
    throw new Error(`build: ${placeholder} is named in ${linking.length} built scripts (${linking.join(', ') || 'none'}), expected one: www/element.js's theme() changed shape`);
  }
  const file = join(dist, linking[0]);
  writeFileSync(file, readFileSync(file, 'utf8').replaceAll(placeholder, JSON.stringify(`${name}?no-inline`)));
  return name;
}

// The CLI for Node without a Rust toolchain (`npx related-articles build --site DIR`): the same
// binary as `cargo install`, compiled to wasm32-wasip1 (rayon runs on the calling thread there).
// Built at opt-level 3 like the native CLI (it runs once per site build; pages never download it),
// with the same path remapping as the page's wasm so every checkout builds the same bytes.
function buildWasiCli() {
  const target = 'wasm32-wasip1';
  execFileSync('cargo', ['build', '--release', '--locked', '--target', target, '--bin', 'related-articles'], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      RUSTFLAGS: [
        process.env.RUSTFLAGS,
        `--remap-path-prefix=${root}=.`,
        `--remap-path-prefix=${cargoHome}/registry/src=crates`,
        `--remap-path-prefix=${rustupHome}=rustup`,
      ].filter(Boolean).join(' '),
    },
  });
  const wasm = readFileSync(join(root, 'target', target, 'release', 'related-articles.wasm'));
  writeFileSync(join(root, 'node', 'related-articles.wasm'), wasm);
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`built node/related-articles.wasm (the CLI for npx, not downloaded by pages): ${kb(wasm.length)}, ${kb(gzipSync(wasm, { level: 9 }).length)} gzip -9`);
}

buildWasiCli();

/**
 * Renames the wasm's imports, exports and import module to one or two letters (binaryen's
 * `--minify-imports-and-exports-and-modules`) and rewrites wasm-bindgen's glue in pkg/ to match,
 * before esbuild bundles it. wasm-bindgen names each import after its JS shim plus a 16-hex-digit
 * hash, written once in the wasm and once in the glue: random digits that gzip cannot shrink, on
 * every page view (docs/size.md has the figure). The renaming is checked here, not trusted: every
 * import the wasm declares must be provided under its new name, and no old name may remain.
 */
function shortenBoundaryNames() {
  const wasmFile = join(pkg, 'related_articles_bg.wasm');
  const glueFile = join(pkg, 'related_articles.js');
  const local = join(root, 'node_modules', '.bin', 'wasm-opt');
  const mapping = JSON.parse(execFileSync(existsSync(local) ? local : 'wasm-opt', [
    wasmFile, '-o', wasmFile, '--minify-imports-and-exports-and-modules',
    '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
  ], { encoding: 'utf8' }));
  const module = new WebAssembly.Module(readFileSync(wasmFile));
  const modules = new Set(WebAssembly.Module.imports(module).map((i) => i.module));
  let glue = readFileSync(glueFile, 'utf8');
  const replace = (pattern, to, what) => {
    if (!pattern.test(glue)) throw new Error(`build: ${what} is not in wasm-bindgen's glue; the glue changed shape`);
    glue = glue.replace(new RegExp(pattern.source, 'g'), to);
  };
  if (modules.size != 1) throw new Error(`build: the wasm imports from ${modules.size} modules, expected one`);
  replace(/"\.\/related_articles_bg\.js"(?=: import0)/, JSON.stringify([...modules][0]), 'the import module');
  for (const [, name, short] of mapping.imports) replace(new RegExp(`\\b${name}(?=: function)`), short, `import ${name}`);
  // An export the glue never reads (e.g. the abort handler) has nothing to rewrite.
  for (const [name, short] of mapping.exports) glue = glue.replace(new RegExp(`\\bwasm\\.${name}\\b`, 'g'), `wasm.${short}`);
  // An import's old name anywhere else in the glue would be a use the rewrite above missed.
  const left = mapping.imports.map(([, n]) => new RegExp(`\\b${n}\\b`)).filter((old) => old.test(glue));
  if (left.length) throw new Error(`build: wasm-bindgen's glue still names ${left.map((r) => r.source).join(', ')} after renaming`);
  const missing = WebAssembly.Module.imports(module).filter((i) => !new RegExp(`\\b${i.name}: function`).test(glue));
  if (missing.length) throw new Error(`build: the glue provides no ${missing.map((i) => i.name).join(', ')} after renaming`);
  writeFileSync(glueFile, glue);
}
