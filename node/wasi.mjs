// The related-articles CLI compiled to WebAssembly (wasm32-wasip1, `npm run build` writes
// node/related-articles.wasm), run by Node's WASI: the same program as the native binary, on one
// thread, with no Rust toolchain. `npx related-articles …` (node/cli.mjs) runs it in its own
// process; the Node API (node/build.mjs) runs that launcher as a child process.
//
// A WASI program sees only the directories it is given ("preopens"). This launcher gives it the
// working directory and the directories its path arguments name (a site, inputs, --out, --widget,
// --pairs), nothing else, and tells it the working directory (PWD) so that relative paths mean
// what they mean natively. Node's WASI is not a security sandbox (see Node's docs); the preopens
// only keep the program to what it was asked to read and write.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The package's directory (node/..). */
export const PACKAGE = join(here, '..');
/** The WASI build of the CLI. */
export const WASM = join(here, 'related-articles.wasm');
/** The widget's built files, which `build` copies into every archive. */
export const WIDGET = join(PACKAGE, 'dist');

/** Options whose value is a path. Every other option's value (below) is not; any argument that
 * is not an option or an option's value, after the command, is a path (corpora, feeds, inputs,
 * the directory `merge` takes). tests/node/wasi-cli.test.mjs checks these against the CLI's help. */
export const PATH_OPTIONS = new Set(['--site', '--out', '--widget', '--pairs']);
/** Options that take a value that is not a path. */
export const VALUE_OPTIONS = new Set(['--id', '--limit', '--only', '--base-url', '--summary', '--shard']);

/** A host path as the WASI program sees it: the same on POSIX; `C:\a\b` as `/c/a/b` on Windows. */
function guest(host) {
  if (sep === '/') return host;
  const [, drive, rest] = /^([A-Za-z]):(.*)$/.exec(host) ?? [null, '', host];
  return `/${drive.toLowerCase()}${rest.replaceAll('\\', '/')}`;
}

/** The nearest directory at or above `path` that exists (a file's directory). */
function existingDir(path) {
  let p = path;
  for (;;) {
    if (existsSync(p)) return statSync(p).isDirectory() ? p : dirname(p);
    const up = dirname(p);
    if (up === p) return p;
    p = up;
  }
}

/**
 * The arguments and preopens for running `argv` (the CLI's arguments, command first) from
 * `cwd`: path arguments inside `cwd` become relative to it (so messages name them as given),
 * others absolute; `build` gets `--widget` (this package's dist/) unless it has one.
 * @param {string[]} argv
 * @param {string} cwd
 * @returns {{ args: string[], preopens: Record<string, string>, env: Record<string, string> }}
 */
export function plan(argv, cwd = process.cwd()) {
  const args = [...argv];
  if (args[0] === 'build' && !args.includes('--widget')) args.push('--widget', WIDGET);
  const preopens = { [guest(cwd)]: cwd };
  const inside = (p) => p === cwd || p.startsWith(cwd.endsWith(sep) ? cwd : cwd + sep);
  const asPath = (arg) => {
    const host = resolve(cwd, arg);
    if (inside(host)) return isAbsolute(arg) ? guest(host) : relative(cwd, host).split(sep).join('/') || '.';
    const dir = existingDir(host);
    preopens[guest(dir)] = dir;
    return guest(host);
  };
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    if (PATH_OPTIONS.has(arg) && i + 1 < args.length) {
      args[i + 1] = asPath(args[i + 1]);
      i++;
    } else if (VALUE_OPTIONS.has(arg)) {
      i++;
    } else if (!arg.startsWith('-')) {
      args[i] = asPath(arg);
    }
  }
  return { args, preopens, env: { PWD: guest(cwd) } };
}

/**
 * Runs the CLI in this process, with this process's standard streams; returns its exit status.
 * Blocks until the program ends (WASI calls are synchronous).
 * @param {string[]} argv the CLI's arguments, command first
 * @param {{ cwd?: string }} [options]
 * @returns {Promise<number>}
 */
export async function run(argv, { cwd = process.cwd() } = {}) {
  if (!existsSync(WASM)) {
    throw new Error(`${WASM} is missing: build it with \`npm run build\` (it is part of the npm package)`);
  }
  // Node warns that WASI is experimental, once, on stderr: say nothing of it to a publisher.
  const emit = process.emitWarning;
  process.emitWarning = function (warning, ...rest) {
    const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
    if (type === 'ExperimentalWarning' && String(warning).includes('WASI')) return;
    return emit.call(process, warning, ...rest);
  };
  const { WASI } = await import('node:wasi');
  process.emitWarning = emit;
  const { args, preopens, env } = plan(argv, cwd);
  const wasi = new WASI({ version: 'preview1', args: ['related-articles', ...args], env, preopens, returnOnExit: true });
  const module = await WebAssembly.compile(readFileSync(WASM));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  return wasi.start(instance);
}
