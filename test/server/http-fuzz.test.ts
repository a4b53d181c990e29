/**
 * Issue 15, deliver 6 (HTTP part): fast-check fuzzing of every route of the OpenAPI document —
 * and of the routes outside it (/metrics, the UI's page, the docs, Colyseus's /matchmake) —
 * random methods, path segments (any bytes, percent-encoded or not), query strings, bodies (JSON,
 * broken JSON, deep nesting, binary, gzip) and content types — while a normal bot plays a match over
 * /bot beside it. Every answer must be a success or a typed error of the vocabulary with that code's
 * status (never a 500), the match must finish normally and re-simulate to its stored hash, and the
 * server must still be ready afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { replay } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import { ERRORS, isErrorCode } from '../../server/errors.ts';
import { bootArena, type TestArena } from '../support/arena-harness.ts';
import { RawBot } from '../support/live-harness.ts';
import { BACKENDS } from './store-backends.ts';

const RUNS = 1000;

/** Bytes as a percent-encoded path segment or query value (any bytes, valid UTF-8 or not). */
const pctBytes = fc
  .uint8Array({ minLength: 0, maxLength: 12 })
  .map((b) => [...b].map((x) => '%' + x.toString(16).padStart(2, '0')).join(''));
const segment = fc.oneof(
  fc.constantFrom(
    'tft',
    'ipd',
    'sumo',
    'me',
    '00000000-0000-4000-8000-000000000000',
    '..',
    '%',
    '%zz',
    '%00',
    'a%2Fb',
    '',
  ),
  fc.string({ maxLength: 16 }).map(encodeURIComponent),
  pctBytes,
);
const query = fc.array(
  fc.tuple(
    fc.oneof(
      fc.constantFrom('game', 'agent', 'limit', 'offset', 'seat', 'a', 'b', 'top', 'kind', 'outcome', 'vectorsOnly'),
      segment,
    ),
    fc.oneof(segment, fc.integer().map(String)),
  ),
  { maxLength: 4 },
);

type Body = { bytes?: Uint8Array; type?: string; encoding?: string };
const deep = fc.integer({ min: 1, max: 5000 }).map((d) => '['.repeat(d) + ']'.repeat(d));
const jsonText = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        name: fc.string(),
        owner: fc.string(),
        games: fc.array(fc.string()),
        game: fc.constantFrom('ipd', 'sumo', 'x'),
        opponent: fc.constantFrom('tft', 'x'),
        config: fc.jsonValue({ maxDepth: 3 }),
        seat: fc.integer(),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  fc.string().map((s) => `{"name":${JSON.stringify(s)}`), // truncated
  deep,
);
const body: fc.Arbitrary<Body> = fc.oneof(
  fc.constant({}),
  jsonText.map((s) => ({ bytes: new TextEncoder().encode(s), type: 'application/json' })),
  jsonText.map((s) => ({ bytes: new Uint8Array(gzipSync(s)), type: 'application/json', encoding: 'gzip' })),
  fc
    .tuple(
      fc.uint8Array({ maxLength: 64 }),
      fc.constantFrom(
        'application/json',
        'application/json; charset=latin1',
        'text/plain',
        'application/octet-stream',
        'multipart/form-data; boundary=x',
      ),
    )
    .map(([bytes, type]) => ({ bytes, type })),
  fc.uint8Array({ maxLength: 32 }).map((bytes) => ({ bytes, type: 'application/json', encoding: 'gzip' })), // not gzip at all
);

describe('HTTP fuzz of every route beside a normal match (pglite)', () => {
  let t: TestArena;
  before(async () => {
    // bootArena's budgets are high enough that the fuzzer reaches the handlers (the limits have their own tests).
    t = await bootArena(BACKENDS[0]!);
  });
  after(() => t?.close());

  it(`answers ${RUNS} random requests with typed answers while a bot's match finishes correctly`, async () => {
    const doc = (await t.call('GET', '/api/docs-json')).json as { paths: Record<string, Record<string, unknown>> };
    // Every /api route of the document, and the routes outside it: metrics, the UI's page, docs, Colyseus's matchmaking.
    const others = ['/metrics', '/', '/api/docs', '/api/docs-json', '/matchmake/{method}/{room}', '/{anything}'];
    const templates = [...Object.keys(doc.paths), ...others];
    assert.ok(templates.length >= 20, `only ${templates.length} routes`);
    // Mostly a method the route has (to reach its handler), sometimes any method.
    const routes = [
      ...Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => [p, m.toUpperCase()] as const)),
      ...others.map((p) => [p, p.startsWith('/matchmake') ? 'POST' : 'GET'] as const),
    ];
    const anyMethod = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');
    const route = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...routes) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...templates), anyMethod) },
    );
    const statuses: Record<number, number> = {};

    // The normal match beside the fuzzing: a remote bot plays 300 turns against tft over /bot.
    const { token } = await t.register('steady-bot', ['ipd']);
    const { bot } = await RawBot.login(t.botUrl, token);
    bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: 300 } });
    const start = await bot.next('match-start', 10_000);
    const played = bot.play(start.matchId, (turn) => (turn.step % 3 === 0 ? 'D' : 'C'));

    let requests = 0;
    await fc.assert(
      fc.asyncProperty(
        route,
        fc.array(segment, { minLength: 3, maxLength: 3 }),
        query,
        body,
        fc.option(
          fc.oneof(
            fc.constant(token),
            fc.string({ maxLength: 40 }).filter((s) => /^[\x21-\x7e]*$/.test(s)),
          ),
          { nil: undefined },
        ),
        async ([template, method], segs, q, b, auth) => {
          let i = 0;
          const path =
            template.replace(/\{[^}]+\}/g, () => segs[i++ % segs.length]!) +
            (q.length ? '?' + q.map(([k, v]) => `${k}=${v}`).join('&') : '');
          const headers: Record<string, string> = {};
          if (b.type) headers['content-type'] = b.type;
          if (b.encoding) headers['content-encoding'] = b.encoding;
          if (auth !== undefined) headers.authorization = `Bearer ${auth}`;
          const hasBody = b.bytes !== undefined && method !== 'GET' && method !== 'HEAD';
          const res = await fetch(t.base + path, {
            method,
            headers,
            ...(hasBody ? { body: new Uint8Array(b.bytes!) } : {}),
          });
          const text = await res.text();
          requests++;
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const where = `${method} ${path} (${b.type ?? 'no body'}${b.encoding ? ', ' + b.encoding : ''}): ${res.status} ${text.slice(0, 160)}`;
          // Never a 500; a 503 only as UNAVAILABLE (a part of the server switched off, e.g. tournaments).
          // (A HEAD answer has no body to tell: its GET is checked the same way.)
          assert.ok(
            res.status < 500 || (res.status === 503 && (method === 'HEAD' || /"code":"UNAVAILABLE"/.test(text))),
            where,
          );
          // Our vocabulary on the API (the UI answers with pages).
          if (res.status >= 400 && method !== 'HEAD' && /^\/api(\/|\?|$)/.test(path) && !path.startsWith('/api/docs')) {
            const json = JSON.parse(text);
            assert.ok(isErrorCode(json.code), where);
            assert.equal(ERRORS[json.code as keyof typeof ERRORS].status, res.status, where);
          }
          // Colyseus's seat reservation: the join-refusal form, { code: 4000 + status, error: 'CODE: …' }.
          // (The path as the server saw it: fetch resolves dot segments, e.g. /matchmake/../x is /x.)
          if (res.status >= 400 && method !== 'HEAD' && new URL(t.base + path).pathname.startsWith('/matchmake/')) {
            const json = JSON.parse(text);
            const code = /^([A-Z_]+): /.exec(json.error)?.[1];
            assert.ok(isErrorCode(code), where);
            assert.equal(ERRORS[code as keyof typeof ERRORS].status, res.status, where);
            assert.equal(json.code, 4000 + res.status, where);
          }
        },
      ),
      { numRuns: RUNS },
    );
    assert.equal(requests, RUNS);
    // The fuzzer got past the boundary to the handlers, not only to 4xx at the door.
    assert.ok((statuses[200] ?? 0) + (statuses[201] ?? 0) > RUNS / 10, JSON.stringify(statuses));
    assert.ok((statuses[404] ?? 0) + (statuses[400] ?? 0) > RUNS / 10, JSON.stringify(statuses));

    const result = await played;
    assert.equal(result.outcome, 'normal');
    await t.arena.live!.flush();
    const stored = await t.call('GET', `/api/matches/${start.matchId}/replay`);
    assert.equal(stored.status, 200);
    assert.equal(stored.json.actions.length, 300);
    assert.equal(replay(getGame('ipd'), stored.json).hash, result.finalHash);
    await bot.close();
    assert.equal((await t.call('GET', '/api/health/ready')).status, 200);
  });
});
