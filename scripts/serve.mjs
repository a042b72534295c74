// A small static file server for the demo and the browser tests, with no dependencies:
// the MIME types a widget needs (application/wasm for streaming compilation), gzip, ETags,
// immutable caching for content-hashed files, and the strict CSP the widget is built for.
//
//   node scripts/serve.mjs [DIR]        serves DIR (default www/demo/site) on PORT (default 8080)
//
// As a module: `serve({ root, port, host, csp, handle })` → `{ server, url, close() }`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

// What the widget needs and no more: its own origin's scripts and feed, wasm compilation
// ('wasm-unsafe-eval'), no inline script or style, and Trusted Types enforced.
export const CSP = [
  "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "img-src 'self' https: data:",
  "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "require-trusted-types-for 'script'", "trusted-types 'none'",
].join('; ');

const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/; // related-articles.<hash>.wasm: never changes, cache for a year
const COMPRESSIBLE = /^(text\/|application\/(json|xml|rss|atom|wasm|feed)|image\/svg)/;
const gzipped = new Map(); // path → { mtime, body }

/**
 * Serves the files under `root`. `handle(req, res, url)`, when given, sees each request first and
 * returns true when it answered it (the tests' slow and broken routes).
 */
export function serve({ root, port = 0, host = '127.0.0.1', csp = true, handle } = {}) {
  root = resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    try {
      if (handle && (await handle(req, res, url))) return;
      let path = resolve(root, '.' + decodeURIComponent(url.pathname));
      if (path !== root && !path.startsWith(root + sep)) return end(res, 403, 'forbidden');
      let info = await stat(path).catch(() => null);
      if (info?.isDirectory()) info = await stat((path = join(path, 'index.html'))).catch(() => null);
      if (!info?.isFile()) return end(res, 404, `not found: ${url.pathname}`);
      const type = TYPES[extname(path)] || 'application/octet-stream';
      const etag = `W/"${info.size.toString(36)}-${info.mtimeMs.toString(36)}"`;
      res.setHeader('Content-Type', type);
      res.setHeader('Cache-Control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.setHeader('ETag', etag);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Vary', 'Accept-Encoding');
      if (csp && type.startsWith('text/html')) res.setHeader('Content-Security-Policy', CSP);
      if (req.headers['if-none-match'] === etag) return end(res, 304);
      let body = await readFile(path);
      if (COMPRESSIBLE.test(type) && body.length > 1024 && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        const hit = gzipped.get(path);
        if (hit?.mtime !== info.mtimeMs) gzipped.set(path, { mtime: info.mtimeMs, body: gzipSync(body) });
        body = gzipped.get(path).body;
        res.setHeader('Content-Encoding', 'gzip');
      }
      res.setHeader('Content-Length', body.length);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      if (!res.headersSent) end(res, 500, String(e?.message || e));
      else res.destroy();
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: p } = server.address();
      ok({ server, port: p, url: `http://${host}:${p}`, close: () => new Promise((c) => server.close(c)) });
    });
  });
}

function end(res, status, text = '') {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] || join(fileURLToPath(new URL('..', import.meta.url)), 'www', 'demo', 'site');
  const port = Number(process.env.PORT) || 8080;
  const host = process.env.HOST || '127.0.0.1';
  const { url } = await serve({ root, port, host });
  console.log(`serving ${root} at ${url.replace('127.0.0.1', 'localhost')}/ (Ctrl-C stops)`);
}
