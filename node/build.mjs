// `import { archive } from 'related-articles/build'`: archive builds from Node, for a site
// generator's integration (Eleventy, Astro…), after Pagefind's createIndex / addDirectory /
// addCustomRecord / writeFiles. Nothing is built here: writeFiles runs `related-articles build`
// (the WASI build of the CLI through node/cli.mjs, or the native binary when `binary` is given)
// and returns what it reports. One implementation: the same lists, bytes and errors as the CLI.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const LAUNCHER = fileURLToPath(new URL('./cli.mjs', import.meta.url));

/** Runs the CLI with `args`; resolves with its stdout, or rejects with its error message. */
function cli(args, binary) {
  const [command, argv] = binary ? [binary, args] : [process.execPath, [LAUNCHER, ...args]];
  return new Promise((done, fail) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', (e) => fail(new Error(`related-articles: cannot run ${command}: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) return done(Buffer.concat(out).toString('utf8'));
      const stderr = Buffer.concat(err).toString('utf8');
      // The CLI's first line says what is wrong ("error: …"); a usage error adds the help.
      const message = stderr.split('\n').find((l) => l.startsWith('error: '))?.slice(7) ?? stderr.trim();
      fail(new Error(`related-articles build: ${message || `exit status ${code}`}`));
    });
  });
}

const OPTIONS = {
  limit: ['--limit', 'integer'],
  summary: ['--summary', 'integer'],
  diversify: ['--no-diversify', 'boolean'],
  baseUrl: ['--base-url', 'string'],
  strict: ['--strict', 'boolean'],
  widget: ['--widget', 'string'],
  binary: [null, 'string'],
};

/** The CLI's options for `options`, checked for type (the CLI checks ranges, and says them). */
function flags(options) {
  if (options === null || typeof options !== 'object') throw new TypeError('archive(options): options must be an object');
  const args = [];
  for (const [name, value] of Object.entries(options)) {
    const known = OPTIONS[name];
    if (!known) throw new TypeError(`archive(options): unknown option "${name}" (known: ${Object.keys(OPTIONS).join(', ')})`);
    if (value === undefined) continue;
    const [flag, type] = known;
    const ok = type === 'integer' ? Number.isInteger(value) : typeof value === type;
    if (!ok) throw new TypeError(`archive(options): ${name} must be ${type === 'integer' ? 'an integer' : `a ${type}`}, got ${JSON.stringify(value)}`);
    if (flag === null) continue;
    if (type === 'boolean') {
      // --no-diversify is the flag of diversify: false; --strict of strict: true.
      if (value === (name !== 'diversify')) args.push(flag);
    } else {
      args.push(flag, name === 'widget' ? resolve(value) : String(value));
    }
  }
  return args;
}

/**
 * A new archive build.
 * @param {import('./build.d.ts').ArchiveOptions} [options]
 * @returns {Promise<import('./build.d.ts').Archive>}
 */
export async function archive(options = {}) {
  const args = flags(options);
  const binary = options.binary;
  let site = null;
  const files = [];
  const records = [];
  return {
    async addDirectory(path) {
      if (typeof path !== 'string') throw new TypeError('addDirectory(path): path must be a string');
      const dir = resolve(path);
      if (site !== null) throw new Error(`addDirectory(${JSON.stringify(path)}): this archive already reads the site ${site}: one site per archive`);
      const info = await stat(dir).catch(() => null);
      if (!info?.isDirectory()) throw new Error(`addDirectory(${JSON.stringify(path)}): ${dir} is not a directory`);
      site = dir;
    },
    async addFile(path) {
      if (typeof path !== 'string') throw new TypeError('addFile(path): path must be a string');
      const file = resolve(path);
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) throw new Error(`addFile(${JSON.stringify(path)}): ${file} is not a file`);
      files.push(file);
    },
    addRecord(record) {
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        throw new TypeError(`addRecord(record): record must be an object such as { url, title, summary }, got ${record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record}`);
      }
      records.push(JSON.stringify(record));
    },
    async writeFiles(outputPath) {
      if (outputPath !== undefined && typeof outputPath !== 'string') throw new TypeError('writeFiles(outputPath): outputPath must be a string');
      if (site === null && outputPath === undefined) {
        throw new TypeError('writeFiles(outputPath): without a site (addDirectory), say where the archive goes');
      }
      if (site === null && files.length === 0 && records.length === 0) {
        throw new Error('writeFiles(): nothing to build: add a site, a file or records first');
      }
      // Records go to the CLI as a JSON Lines input of their own, named the same in every build
      // (the manifest names inputs by file name).
      const temp = records.length ? await mkdtemp(join(tmpdir(), 'related-articles-')) : null;
      try {
        const inputs = [...files];
        if (temp) {
          const file = join(temp, 'records.jsonl');
          await writeFile(file, records.join('\n') + '\n');
          inputs.push(file);
        }
        const argv = ['build', ...inputs];
        if (site !== null) argv.push('--site', site);
        if (outputPath !== undefined) argv.push('--out', resolve(outputPath));
        argv.push(...args, '--quiet', '--json');
        const report = JSON.parse(await cli(argv, binary));
        // A note about a record names it as it was added, not by the temporary file's line.
        const file = temp && `${join(temp, 'records.jsonl')}: line `;
        const notes = report.notes.map((note) => (file ? note.replaceAll(file, 'addRecord #') : note));
        return { ...report, out: resolve(report.out), notes };
      } finally {
        if (temp) await rm(temp, { recursive: true, force: true });
      }
    },
  };
}
