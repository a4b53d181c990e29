/**
 * What every /api request passes before a controller sees it (issue 15, faults 2 and 9):
 *
 * - **Body size after decompression.** A JSON body may be gzip/deflate/br encoded, but the limit
 *   counts the decoded bytes (body-parser reads the inflated stream into raw-body with the limit),
 *   and reading stops at the limit: a 60 KB gzip bomb costs at most `JSON_BODY_LIMIT` bytes of
 *   memory, never its 60 MB. Only `POST /api/checkpoints` (weights) reads up to
 *   `CHECKPOINT_BODY_LIMIT`, and only after the admin token was checked: nobody without it makes
 *   the server read a large body.
 * - **JSON depth before parsing.** `maxJsonDepth` scans the raw bytes (one pass, no allocation)
 *   before `JSON.parse` runs; deeper than `MAX_JSON_DEPTH` is 413 `TOO_LARGE`.
 * - **Media type.** A body on a route must be `application/json` (or `+json`) in UTF-8; anything
 *   else is 415 `UNSUPPORTED_MEDIA_TYPE`, a code docs/api.md lists.
 * - **Methods.** The route table of the OpenAPI document (generated from the controllers) answers
 *   `OPTIONS` on an existing route with 204 and `Allow`, and a method the route does not have with
 *   405 `METHOD_NOT_ALLOWED` and `Allow`, instead of 404.
 * - **CORS.** The API is public data plus bearer tokens, never cookies, so any origin may call it:
 *   `Access-Control-Allow-Origin: *` without credentials, preflight answered from the same route
 *   table. The arena UI (`/`) is same-origin and gets no CORS headers. These are four fixed headers,
 *   so they are written here rather than through the `cors` middleware, which would answer a
 *   preflight on any path, routes or not.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { ArenaError } from '../errors.ts';
import { toBody } from './error-filter.ts';

/** Decoded JSON body limit of every route but checkpoint upload, bytes. */
export const JSON_BODY_LIMIT = 1024 * 1024;
/** Decoded JSON body limit of `POST /api/checkpoints` (admin only; a policy's weights), bytes. */
export const CHECKPOINT_BODY_LIMIT = 64 * 1024 * 1024;
/** Deepest nesting of arrays and objects a JSON body may have. */
export const MAX_JSON_DEPTH = 64;

type Next = (err?: unknown) => void;
type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/**
 * The deepest nesting of `[`/`{` in JSON text, scanning raw bytes (strings skipped, escapes
 * honoured); stops early and returns `limit + 1` once past `limit`.
 */
export function maxJsonDepth(buf: Uint8Array, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** body-parser's `verify` hook: runs on the raw (decoded) bytes before JSON.parse. */
export function verifyJsonDepth(_req: IncomingMessage, _res: ServerResponse, buf: Buffer): void {
  if (maxJsonDepth(buf, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    // A plain error with a status (body-parser wraps it with http-errors, which sets `status`).
    throw Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), {
      status: 413,
      type: 'entity.too.deep',
    });
  }
}

function sendError(res: ServerResponse, e: ArenaError, headers: Record<string, string> = {}): void {
  const { status, body } = toBody(e);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** 415 for a request body that is not JSON in UTF-8. Runs before the body parser. */
export const requireJsonBody: Middleware = (req, res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return next();
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  const [mime, ...params] = type.split(';').map((s) => s.trim());
  const json = mime === 'application/json' || /^application\/[\w.-]+\+json$/.test(mime ?? '');
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  if (!json || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    req.resume(); // drain what was sent, unread
    return sendError(
      res,
      new ArenaError(
        'UNSUPPORTED_MEDIA_TYPE',
        `send the body as application/json in UTF-8 (got ${JSON.stringify(type || 'no content-type')})`,
      ),
    );
  }
  next();
};

// ---- the route table: 405 with Allow, OPTIONS, CORS ---------------------------------------------

export interface RouteTable {
  /** The methods of the route matching `path` (upper case, HEAD with GET), or undefined if no route matches. */
  allowed(path: string): string[] | undefined;
}

/** A route table from an OpenAPI document's `paths` (`/api/agents/{id}` → /^\/api\/agents\/[^/]+$/). */
export function routeTable(paths: Record<string, Record<string, unknown>>): RouteTable {
  const routes = Object.entries(paths).map(([p, ops]) => {
    const re = new RegExp('^' + p.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '/?$');
    const methods = Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => m.toUpperCase());
    return { re, methods };
  });
  return {
    allowed(path) {
      const hit = routes.filter((r) => r.re.test(path));
      if (hit.length === 0) return undefined;
      const m = new Set(hit.flatMap((r) => r.methods));
      if (m.has('GET')) m.add('HEAD');
      m.add('OPTIONS');
      return [...m];
    },
  };
}

const CORS_ALLOW_HEADERS = 'authorization, content-type, content-encoding';
const CORS_EXPOSE_HEADERS = 'retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset';

/** OPTIONS, 405 with Allow, and CORS headers on /api routes (see the header). */
export function methodsAndCors(table: RouteTable): Middleware {
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!path.startsWith('/api')) return next();
    const allowed = table.allowed(path);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
    if (!allowed) return next(); // 404 NOT_FOUND from the router
    const method = (req.method ?? 'GET').toUpperCase();
    const allow = allowed.join(', ');
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        Allow: allow,
        'Access-Control-Allow-Methods': allow,
        'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
        'Access-Control-Max-Age': '600',
      });
      return void res.end();
    }
    if (!allowed.includes(method)) {
      req.resume();
      return sendError(
        res,
        new ArenaError('METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}; allowed: ${allow}`, {
          allow: allowed,
        }),
        { Allow: allow },
      );
    }
    next();
  };
}

// body-parser comes with express (under @nestjs/platform-express); it ships no types of its own.
const bodyParser = createRequire(import.meta.url)('body-parser') as {
  json(opts: { limit: number; verify: typeof verifyJsonDepth; strict: boolean }): Middleware;
};

/** The JSON body parser with a decoded-size limit and the depth check. */
export function jsonParser(limit: number): Middleware {
  return bodyParser.json({ limit, verify: verifyJsonDepth, strict: true });
}

/**
 * `POST /api/checkpoints` only: `authorize` (the admin check) runs before a byte of the body is
 * read; then the body is read with the large limit. Other methods and paths pass through.
 */
export function checkpointUpload(authorize: (req: IncomingMessage) => Promise<void>): Middleware {
  const parse = jsonParser(CHECKPOINT_BODY_LIMIT);
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0]!.replace(/\/$/, '');
    if (req.method !== 'POST' || path !== '/api/checkpoints') return next();
    authorize(req).then(
      () => parse(req, res, next),
      (e: unknown) => {
        req.resume();
        next(e);
      },
    );
  };
}
