// The native CLI (target/release/related-articles) as the parity test drives it: running it, and
// reading its stderr reports back into the package's shapes ({ position, id?, reason } and
// { position, id, field, reason }). Not a test file itself (node --test runs *.test.mjs only).
import { execFile, execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'target', 'release', 'related-articles');

/** Builds the release CLI from this checkout (a no-op when it is up to date), so the parity
 *  test never compares the package with a CLI built from other sources. */
export function buildCli() {
  execFileSync('cargo', ['build', '--release', '--locked', '--quiet', '--bin', 'related-articles'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}

const run = promisify(execFile);

/** Runs the CLI in the repository root: `{ status, stdout, stderr }`, whatever the exit status. */
export async function cli(args) {
  try {
    const { stdout, stderr } = await run(CLI, args, { cwd: ROOT, maxBuffer: 1 << 30, encoding: 'utf8' });
    return { status: 0, stdout, stderr };
  } catch (e) {
    if (typeof e.code !== 'number') throw e;
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** `f` over `items`, as many at a time as there are cores: results in the order of `items`. */
export async function pool(items, f) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, worker));
  return out;
}

/** A string as Rust's `{:?}` prints it (the ids in the CLI's messages), back to its value. */
export function rustString(quoted) {
  // Each escape in turn (so the `\\` of a backslash is never read as the start of another):
  // Rust's `\u{…}`, `\0` and `\'` become JSON's, the rest are JSON's already.
  const json = quoted.replace(/\\(u\{([0-9a-f]+)\}|0|'|.)/g, (all, escape, hex) => {
    if (hex) {
      const c = String.fromCodePoint(parseInt(hex, 16));
      return Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
    }
    if (escape === '0') return '\\u0000';
    if (escape === "'") return "'";
    return all;
  });
  return JSON.parse(json);
}

const ID = '(?: \\(id ("(?:[^"\\\\]|\\\\.)*")\\))?';
const TRUNCATED = ': the feed ends before its root element closes: the file looks cut off, and entries after the cut are missing';

/**
 * The CLI's stderr for one input `path`, read back: `rejected` and `warnings` in the package's
 * shapes, whether it reported the feed `truncated`, the `errors` it printed (`error: …`), and any
 * line it could not read (`unread`: a test must fail on those, not skip them). `position(n)` maps
 * the number a message gives (`entry N` for `parse`, `line N` for the other commands) to the
 * record's position.
 */
export function readReports(stderr, path, position) {
  const esc = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = new RegExp(`^(rejected|warning): ${esc}: (?:entry (\\d+) \\(line \\d+\\)|line (\\d+))${ID}: (.*)$`);
  const out = { rejected: [], warnings: [], truncated: false, errors: [], unread: [] };
  for (const line of stderr.split('\n')) {
    if (!line) continue;
    if (line === `warning: ${path}${TRUNCATED}`) {
      out.truncated = true;
      continue;
    }
    if (line.startsWith('error: ')) {
      out.errors.push(line.slice(7));
      continue;
    }
    const m = at.exec(line);
    if (!m) {
      out.unread.push(line);
      continue;
    }
    const [, kind, entry, lineNo, id, text] = m;
    const p = position(Number(entry ?? lineNo));
    if (kind === 'rejected') {
      out.rejected.push({ position: p, ...(id === undefined ? {} : { id: rustString(id) }), reason: text });
      continue;
    }
    // "<field> dropped: <reason>", or "id replaced: <reason>" for an id derived instead.
    const w = /^(\w+) (dropped|replaced): (.*)$/.exec(text);
    if (!w || id === undefined || (w[2] === 'replaced') !== (w[1] === 'id')) {
      out.unread.push(line);
      continue;
    }
    out.warnings.push({ position: p, id: rustString(id), field: w[1], reason: w[3] });
  }
  return out;
}

/** JSON Lines from stdout: one value per non-empty line. */
export const jsonLines = (text) => text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
