/**
 * Serves the arena web app (arena-ui/) at `/`. At boot, esbuild bundles `arena-ui/src/main.ts`
 * (TypeScript, the game engines for text renders, the Colyseus browser SDK) ONCE into memory, split
 * into `app.js` (router + home page) and `chunk-<hash>.js` files that the pages import on demand; the
 * bundle and the static files of `arena-ui/public/` are then served from memory, gzipped when the
 * browser accepts it. There is no build step and nothing is written to disk (`outdir` only names the
 * files).
 *
 * `mountUi(http)` hooks the shared HTTP server the way server/live/colyseus.ts routes /matchmake:
 * it answers the few UI paths before any other `request` listener (NestJS) sees them, and passes
 * every other request through untouched, whatever order the listeners were added in. The app uses
 * hash routes (`/#/matches/…`), so the server never needs a catch-all route.
 *
 * May import: node built-ins and esbuild only.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  body: Buffer;
  gzip: Buffer | undefined;
  type: string;
  etag: string;
}

export interface UiAssets {
  /** URL path → asset, e.g. '/app.js', '/index.html'. */
  readonly files: ReadonlyMap<string, Asset>;
  /** Milliseconds the bundle took (printed at boot). */
  readonly buildMs: number;
  /** The files a first visit to the home page loads (page, styles, app.js and its static chunks) and their gzipped size. */
  readonly firstLoad: { files: string[]; gzipBytes: number };
}

export interface UiOptions {
  /** Folder holding `src/main.ts` and `public/` (default: arena-ui/ of this checkout). */
  dir?: string;
  /** Minify the bundle (default true). */
  minify?: boolean;
}

function asset(path: string, body: Buffer): Asset {
  const type = TYPES[extname(path)] ?? 'application/octet-stream';
  const compressible = /^(text|application\/json|image\/svg)/.test(type) && body.length > 1024;
  return {
    body,
    gzip: compressible ? gzipSync(body) : undefined,
    type,
    etag: '"' + createHash('sha1').update(body).digest('base64url') + '"',
  };
}

/** Bundle the app and load the public files into memory. Throws with esbuild's messages when the sources do not compile. */
export async function buildUi(opts: UiOptions = {}): Promise<UiAssets> {
  const dir = opts.dir ?? join(ROOT, 'arena-ui');
  const t0 = performance.now();
  const out = await build({
    // `app.js` holds the router and the home page; every other page is a chunk loaded on first visit.
    entryPoints: { app: join(dir, 'src', 'main.ts') },
    bundle: true,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: opts.minify ?? true,
    sourcemap: 'external',
    outdir: join(ROOT, '.ui-build'),
    absWorkingDir: ROOT,
    logLevel: 'silent',
    legalComments: 'none',
    metafile: true,
  });
  const files = new Map<string, Asset>();
  for (const f of out.outputFiles) files.set('/' + f.path.split('/').pop()!, asset(f.path, Buffer.from(f.contents)));
  for (const name of await readdir(join(dir, 'public'))) {
    files.set('/' + name, asset(name, await readFile(join(dir, 'public', name))));
  }
  const index = files.get('/index.html');
  if (index) files.set('/', index);
  // What the first page load fetches: the page, its styles, app.js and the chunks app.js imports statically.
  const outputs = out.metafile!.outputs;
  const keyOf = (name: string) => Object.keys(outputs).find((k) => k.split('/').pop() === name);
  const first = new Set<string>([
    'index.html',
    ...[...files.keys()].filter((p) => p.endsWith('.css')).map((p) => p.slice(1)),
  ]);
  const walk = (name: string) => {
    if (first.has(name)) return;
    first.add(name);
    for (const imp of outputs[keyOf(name) ?? '']?.imports ?? [])
      if (imp.kind === 'import-statement') walk(imp.path.split('/').pop()!);
  };
  walk('app.js');
  const firstLoad = {
    files: [...first],
    gzipBytes: [...first].reduce(
      (n, f) => n + (files.get('/' + f)?.gzip ?? gzipSync(files.get('/' + f)?.body ?? Buffer.alloc(0))).length,
      0,
    ),
  };
  return { files, buildMs: Math.round(performance.now() - t0), firstLoad };
}

/** Answer a request for a UI file; false when the path is not one (the caller passes it on). */
export function serveUi(assets: UiAssets, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const a = assets.files.get(q < 0 ? url : url.slice(0, q));
  if (!a) return false;
  const headers: Record<string, string> = {
    'content-type': a.type,
    etag: a.etag,
    // The bundle is rebuilt at every boot; the etag makes revalidation cheap.
    'cache-control': 'no-cache',
    vary: 'accept-encoding',
  };
  if (req.headers['if-none-match'] === a.etag) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  const gzip = a.gzip !== undefined && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? a.gzip! : a.body;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

export interface UiHandle extends UiAssets {
  /** Stop serving (restores the server's request dispatch). */
  unmount(): void;
}

/** Build the UI (or reuse `opts.assets`) and serve it from `http` ahead of every other request listener. */
export async function mountUi(http: HttpServer, opts: UiOptions & { assets?: UiAssets } = {}): Promise<UiHandle> {
  const assets = opts.assets ?? (await buildUi(opts));
  const originalEmit = http.emit;
  const routedEmit = function (this: HttpServer, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      if (serveUi(assets, req, res)) return true;
    }
    return (originalEmit as (...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof http.emit;
  http.emit = routedEmit;
  return {
    ...assets,
    unmount() {
      if (http.emit === routedEmit) http.emit = originalEmit;
    },
  };
}
