/**
 * Issue 15 (hardening), the HTTP half: each fault measured on the API as a named test with the right
 * behaviour, against a whole arena on loopback (PGlite, and the real PostgreSQL where the store is
 * involved): bounded anonymous matches (fault 1), body limits after decompression and JSON depth
 * before parsing (fault 2), NUL bytes on every route of the OpenAPI document (fault 6), 429 with
 * Retry-After (fault 7), agent names (fault 8), health, 415, 405/OPTIONS/CORS (fault 9), and the
 * Prometheus metrics (deliver 5).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, copyFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { AgentSpec } from '../../agents/core/agent.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { listGames } from '../../games/index.ts';
import { ANONYMOUS_PLAY_LIMITS, checkAnonymousPlay } from '../../server/play-limits.ts';
import { JSON_BODY_LIMIT, MAX_JSON_DEPTH, maxJsonDepth } from '../../server/api/http-boundary.ts';
import { DEFAULT_HTTP_RATE_LIMITS } from '../../server/api/rate-limits.ts';
import { DEFAULT_AUTH_FAILURES } from '../../server/auth-failures.ts';
import { ERRORS, isErrorCode } from '../../server/errors.ts';
import { startArena, type Arena } from '../../server/main.ts';
import { ArenaMetrics } from '../../server/metrics.ts';
import { dropSchema } from '../../server/store/postgres.ts';
import { MIGRATIONS_DIR } from '../../server/store/migrate.ts';
import { Store } from '../../server/store/store.ts';
import { bootArena, catalogWithAgents, type TestArena } from '../support/arena-harness.ts';
import { RawBot } from '../support/live-harness.ts';
import { BACKENDS, freshSchema, type Backend } from './store-backends.ts';

const ADMIN = 'ludus_admin_test_token_0123456789';

/**
 * Every answer of the API is a success or a typed error of the vocabulary with that code's status;
 * never a 500 (503 only as UNAVAILABLE, e.g. a part of the server that is switched off).
 */
function assertTyped(r: { status: number; json: any; text: string }, where: string): void {
  assert.ok(
    r.status < 500 || (r.status === 503 && r.json?.code === 'UNAVAILABLE'),
    `${where}: ${r.status} ${r.text.slice(0, 200)}`,
  );
  if (r.status >= 400) {
    assert.ok(isErrorCode(r.json?.code), `${where}: ${r.status} without a code: ${r.text.slice(0, 200)}`);
    assert.equal(
      ERRORS[r.json.code as keyof typeof ERRORS].status,
      r.status,
      `${where}: ${r.json.code} with status ${r.status}`,
    );
  }
}

async function raw(
  base: string,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: Uint8Array | string } = {},
) {
  const body = typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body);
  const res = await fetch(base + path, { method, headers: init.headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

describe('hardening, HTTP boundary (pglite)', () => {
  let t: TestArena;
  let doc: { paths: Record<string, Record<string, any>> };
  before(async () => {
    t = await bootArena(BACKENDS[0]!);
    await t.arena.store.ensureAdminToken(ADMIN);
    doc = (await t.call('GET', '/api/docs-json')).json;
  });
  after(() => t?.close());

  // ---- fault 1 ---------------------------------------------------------------------------------------
  describe('fault 1: an anonymous match is bounded', () => {
    it('refuses POST /api/play with a million turns with BAD_CONFIG naming the limit, and starts nothing', async () => {
      const r = await t.call('POST', '/api/play', { game: 'ipd', opponent: 'tft', config: { turns: 1_000_000 } });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json.code, 'BAD_CONFIG');
      assert.deepEqual(r.json.details, { limit: 'turns', max: 1000, value: 1_000_000 });
      assert.deepEqual((await t.call('GET', '/api/live')).json.items, []);
    });

    it('bounds every game: long sumo, VGC and public-goods matches, a big config, and the dilemma cap reached by probEnd', async () => {
      const refused: [string, unknown, string][] = [
        ['sumo', { maxSteps: 100_000 }, 'maxSteps'],
        ['sumo', { maxSteps: 1000, physics: { frameSkip: 100 } }, 'maxSteps × physics.frameSkip'],
        ['vgc', { turnCap: 1000 }, 'turnCap'],
        ['public-goods', { players: 32 }, 'players'],
        ['sequential-public-goods', { rounds: 10_000 }, 'rounds'],
        ['ipd', { probEnd: 0.01 }, 'turns'], // the probEnd cap (10 000 turns) applies
        ['ipd', { turns: 5, payoffs: { R: 3, S: 0, T: 5, P: 1, pad: 'x'.repeat(5000) } }, 'config bytes'],
      ];
      for (const [game, config, limit] of refused) {
        const opponent = (await t.call('GET', `/api/agents?game=${game}&kind=builtin&limit=1`)).json.items[0].name;
        const r = await t.call('POST', '/api/play', { game, opponent, config });
        assert.equal(r.status, 400, `${game} ${JSON.stringify(config).slice(0, 80)}: ${r.text}`);
        assert.equal(r.json.code, 'BAD_CONFIG');
        assert.equal(r.json.details.limit, limit);
      }
      const ok = await t.call('POST', '/api/play', { game: 'ipd', opponent: 'tft', config: { turns: 1000 } });
      assert.equal(ok.status, 201, ok.text);
    });

    it('has limits for every registered game, and every default config fits them', () => {
      for (const g of listGames()) {
        assert.ok(ANONYMOUS_PLAY_LIMITS[g.id], `${g.id} has no anonymous play limits`);
        assert.doesNotThrow(() => checkAnonymousPlay(g.id, parseConfig(g, {}), parseConfig(g, {})));
      }
      // A game without limits (a fixture) plays only its default config.
      assert.throws(() => checkAnonymousPlay('fixture', { n: 2 }, { n: 1 }), { code: 'BAD_CONFIG' });
    });
  });

  // ---- fault 2 ---------------------------------------------------------------------------------------
  describe('fault 2: body limits after decompression, JSON depth before parsing', () => {
    it('refuses a gzip bomb (8 KB that unpack to 8 MB) with 413 TOO_LARGE', async () => {
      const json = `{"name":"${'a'.repeat(8 * 1024 * 1024)}","owner":"x","games":["ipd"]}`;
      const bomb = gzipSync(json, { level: 9 });
      assert.ok(bomb.length < 64 * 1024);
      const r = await raw(t.base, 'POST', '/api/agents', {
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: bomb,
      });
      assert.equal(r.status, 413, r.text.slice(0, 200));
      assert.equal(r.json.code, 'TOO_LARGE');
    });

    it('still reads a small gzip body, and refuses a plain body above the limit', async () => {
      const small = gzipSync(JSON.stringify({ name: 'gz-bot', owner: 'x', games: ['ipd'] }));
      const r = await raw(t.base, 'POST', '/api/agents', {
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: small,
      });
      assert.equal(r.status, 201, r.text);
      const big = await t.call(
        'POST',
        '/api/agents',
        JSON.stringify({ name: 'big-bot', owner: 'x'.repeat(JSON_BODY_LIMIT), games: ['ipd'] }),
      );
      assert.equal(big.status, 413);
      assert.equal(big.json.code, 'TOO_LARGE');
    });

    it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} with 413 before parsing it, on every JSON route`, async () => {
      const deep = (d: number) => '['.repeat(d) + ']'.repeat(d);
      for (const path of ['/api/agents', '/api/play', '/api/agents/tft/rotate']) {
        const r = await t.call('POST', path, `{"a":${deep(100_000)}}`);
        assert.equal(r.status, 413, `${path}: ${r.text.slice(0, 200)}`);
        assert.equal(r.json.code, 'TOO_LARGE');
      }
      // At the limit the body is parsed (and then refused for its shape, not its depth).
      const atLimit = await t.call('POST', '/api/agents', `{"a":${deep(MAX_JSON_DEPTH - 1)}}`);
      assert.equal(atLimit.json.code, 'SCHEMA');
      // Brackets inside strings do not count.
      assert.equal(maxJsonDepth(Buffer.from(`{"s":"${'['.repeat(1000)}\\"["}`)), 1);
    });

    it('reads no checkpoint body before the admin token was checked; the admin may send more than the general limit', async () => {
      const body = JSON.stringify({ id: 'x', weights: 'A'.repeat(2 * JSON_BODY_LIMIT) });
      const anon = await t.call('POST', '/api/checkpoints', body);
      assert.equal(anon.status, 401, anon.text.slice(0, 200));
      assert.equal(anon.json.code, 'UNAUTHORIZED');
      const admin = await t.call('POST', '/api/checkpoints', body, ADMIN);
      assert.equal(admin.status, 400, admin.text.slice(0, 200));
      assert.equal(admin.json.code, 'SCHEMA'); // read and parsed, then refused for its shape
    });
  });

  // ---- fault 6 ---------------------------------------------------------------------------------------
  describe('fault 6: NUL bytes on every route give 400 SCHEMA', () => {
    it('checks every route of the OpenAPI document with %00 in each path parameter, query value and body string', async () => {
      let checked = 0;
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const params: any[] = op.parameters ?? [];
          const inPath = params.filter((p) => p.in === 'path').map((p) => p.name);
          const inQuery = params.filter((p) => p.in === 'query').map((p) => p.name);
          const good = (name: string) =>
            name === 'game' || path.startsWith('/api/games/') ? 'ipd' : name === 'id' || name === 'agent' ? 'tft' : 'x';
          const fill = (bad: string | null) =>
            path.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === bad ? 'tft%00' : good(name)));
          const cases: { url: string; body?: string }[] = [];
          for (const p of inPath) cases.push({ url: fill(p) });
          for (const q of inQuery) cases.push({ url: `${fill(null)}?${q}=a%00b` });
          cases.push({ url: `${fill(null)}?unknown%00=1` });
          if (method === 'post')
            cases.push({
              url: fill(null),
              body: JSON.stringify({
                name: 'a\u0000b',
                owner: 'x\u0000',
                games: ['ipd\u0000'],
                game: 'ipd',
                opponent: 'tft\u0000',
                'k\u0000': 1,
              }),
            });
          for (const c of cases) {
            const r = await t.call(method.toUpperCase(), c.url, c.body, ADMIN);
            assertTyped(r, `${method} ${c.url}`);
            // A route that reads no query (or no body) may ignore it: then it answers as without it.
            const extra = c.url.includes('unknown%00') || c.body !== undefined;
            const ignored =
              extra && r.status === (await t.call(method.toUpperCase(), c.url.split('?')[0]!, undefined, ADMIN)).status;
            if (!ignored)
              assert.equal(
                r.json?.code,
                'SCHEMA',
                `${method.toUpperCase()} ${c.url}: ${r.status} ${r.text.slice(0, 200)}`,
              );
            checked++;
          }
        }
      }
      assert.ok(checked >= 30, `only ${checked} cases`);
    });
  });

  // ---- fault 9 ---------------------------------------------------------------------------------------
  describe('fault 9: 415, 405 with Allow, OPTIONS, CORS', () => {
    it('answers 415 UNSUPPORTED_MEDIA_TYPE (a code docs/api.md lists) for another charset or a body that is not JSON', async () => {
      const apiDoc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
      const body = JSON.stringify({ name: 'latin-bot', owner: 'x', games: ['ipd'] });
      for (const type of [
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'text/plain',
        'application/x-www-form-urlencoded',
      ]) {
        const r = await raw(t.base, 'POST', '/api/agents', { headers: { 'content-type': type }, body });
        assert.equal(r.status, 415, `${type}: ${r.text}`);
        assert.equal(r.json.code, 'UNSUPPORTED_MEDIA_TYPE');
        assert.ok(apiDoc.includes(`\`${r.json.code}\` | 415`), 'docs/api.md lists the code');
      }
      const ok = await raw(t.base, 'POST', '/api/agents', {
        headers: { 'content-type': 'application/json; charset=UTF-8' },
        body: JSON.stringify({ name: 'utf8-bot', owner: 'x', games: ['ipd'] }),
      });
      assert.equal(ok.status, 201, ok.text);
    });

    it('answers a method a route does not have with 405 METHOD_NOT_ALLOWED and Allow, on every route', async () => {
      for (const [path, ops] of Object.entries(doc.paths)) {
        const url = path.replace(/\{game\}/g, 'ipd').replace(/\{[^}]+\}/g, 'tft');
        // The methods of every route this URL matches (/api/tournaments/schedules is also /api/tournaments/{id}).
        const matching = Object.entries(doc.paths).filter(([p]) =>
          new RegExp('^' + p.replace(/\{[^}]+\}/g, '[^/]+') + '$').test(url),
        );
        const have = [...new Set(matching.flatMap(([, o]) => Object.keys(o).map((m) => m.toUpperCase())))];
        void ops;
        for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((x) => !have.includes(x))) {
          const r = await raw(t.base, m, url);
          assert.equal(r.status, 405, `${m} ${url}: ${r.status} ${r.text.slice(0, 100)}`);
          assert.equal(r.json.code, 'METHOD_NOT_ALLOWED');
          const allow = r.headers.get('allow')!.split(', ');
          for (const h of have) assert.ok(allow.includes(h), `${m} ${url}: Allow ${allow} lacks ${h}`);
          assert.ok(!allow.includes(m));
        }
      }
      assert.equal((await raw(t.base, 'DELETE', '/api/nothing-here')).status, 404);
    });

    it('answers OPTIONS with 204, Allow and a CORS preflight on routes, 404 elsewhere; the API allows any origin, the UI none', async () => {
      const pre = await raw(t.base, 'OPTIONS', '/api/agents', {
        headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' },
      });
      assert.equal(pre.status, 204);
      assert.deepEqual(pre.headers.get('allow')!.split(', ').sort(), ['GET', 'HEAD', 'OPTIONS', 'POST']);
      assert.equal(pre.headers.get('access-control-allow-origin'), '*');
      assert.match(pre.headers.get('access-control-allow-methods')!, /POST/);
      assert.match(pre.headers.get('access-control-allow-headers')!, /authorization/);
      assert.equal(pre.headers.get('access-control-allow-credentials'), null);
      assert.equal((await raw(t.base, 'OPTIONS', '/api/nothing-here')).status, 404);
      const get = await raw(t.base, 'GET', '/api/games', { headers: { origin: 'https://example.org' } });
      assert.equal(get.headers.get('access-control-allow-origin'), '*');
      const home = await raw(t.base, 'GET', '/', { headers: { origin: 'https://example.org' } });
      assert.equal(home.headers.get('access-control-allow-origin'), null);
    });
  });

  // ---- deliver 5 -------------------------------------------------------------------------------------
  describe('deliver 5: Prometheus metrics at /metrics', () => {
    it('counts the turns of a live match, its commit, live matches, event-loop lag and connections', async () => {
      const a = t.arena;
      const tft = (await a.store.getAgentByName('tft'))!;
      const alld = (await a.store.getAgentByName('alld'))!;
      const { done } = await a.live!.startMatch({
        game: 'ipd',
        config: parseConfig(listGames().find((g) => g.id === 'ipd')!, { turns: 37 }),
        seats: [{ agent: tft }, { agent: alld }],
        rated: false,
      });
      await done;
      const { token } = await t.register('metered-bot', ['ipd']);
      const { bot } = await RawBot.login(t.botUrl, token);
      const m = await raw(t.base, 'GET', '/metrics');
      await bot.close();
      assert.equal(m.status, 200);
      assert.match(m.headers.get('content-type')!, /text\/plain/);
      const value = (re: RegExp) => Number(m.text.match(re)?.[1]);
      assert.ok(value(/^ludus_turns_total\{game="ipd"\} (\d+)/m) >= 37, m.text.match(/^ludus_turns_total.*$/m)?.[0]);
      assert.ok(value(/^ludus_match_commit_seconds_count (\d+)/m) >= 1);
      assert.match(m.text, /^ludus_match_commit_failures_total 0$/m);
      assert.match(m.text, /^# TYPE ludus_live_matches gauge$/m);
      assert.match(m.text, /^ludus_connections\{transport="bot"\} 1$/m);
      assert.match(m.text, /^ludus_connections\{transport="room"\} \d+$/m);
      assert.match(m.text, /^nodejs_eventloop_lag_seconds \d/m);
      assert.match(m.text, /^ludus_http_requests_total\{status="2xx"\} \d+/m);
    });

    it('counts a failed commit attempt and its latency', async () => {
      const metrics = new ArenaMetrics();
      const f = { id: 'm1', game: 'ipd', actions: [[], []] } as any;
      await assert.rejects(metrics.timeCommit(f, () => Promise.reject(new Error('db down'))));
      await metrics.timeCommit(f, async () => undefined);
      const text = (await metrics.text()).body;
      assert.match(text, /^ludus_match_commit_failures_total 1$/m);
      assert.match(text, /^ludus_match_commit_seconds_count 2$/m);
      assert.match(text, /^ludus_turns_total\{game="ipd"\} 2$/m);
    });
  });
});

// ---- fault 7 ---------------------------------------------------------------------------------------------
describe('fault 7: rate limits answer 429 with Retry-After (pglite)', () => {
  let t: TestArena;
  before(async () => {
    t = await bootArena(BACKENDS[0]!, {
      rateLimits: {
        route: { limit: 40, ttlMs: 60_000 },
        expensive: { limit: 3, ttlMs: 60_000 },
        heavy: { limit: 5, ttlMs: 60_000 },
        authFailures: { limit: 5, ttlMs: 60_000, blockMs: 60_000 },
      },
    });
  });
  after(() => t?.close());

  it('blocks an address after repeated wrong tokens, on every authenticated route, even with a good token then', async () => {
    const good = await t.register('good-bot', ['ipd']);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await t.call('GET', '/api/agents/me', undefined, `ludus_wrong_${i}`)).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429]); // 5 failures allowed a minute
    const blocked = await raw(t.base, 'GET', '/api/agents/me', { headers: { authorization: `Bearer ${good.token}` } });
    assert.equal(blocked.status, 429);
    assert.equal(blocked.json.code, 'RATE_LIMITED');
    const retry = Number(blocked.headers.get('retry-after'));
    assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
    assert.ok(blocked.json.details.retryAfterMs > 0);
    const rotate = await t.call('POST', '/api/agents/good-bot/rotate', undefined, good.token);
    assert.equal(rotate.status, 429);
    // Unauthenticated routes still answer.
    assert.equal((await t.call('GET', '/api/games')).status, 200);
  });

  it('limits registration and POST /api/play per address, with Retry-After', async () => {
    const reg: number[] = [];
    for (let i = 0; i < 4; i++)
      reg.push((await t.call('POST', '/api/agents', { name: `reg-${i}`, owner: 'x', games: ['ipd'] })).status);
    assert.deepEqual(reg, [201, 201, 429, 429]); // good-bot was the first of 3
    const play: { status: number; retry: string | null }[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await raw(t.base, 'POST', '/api/play', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ game: 'ipd', opponent: 'tft', config: { turns: 2 } }),
      });
      play.push({ status: r.status, retry: r.headers.get('retry-after') });
    }
    assert.deepEqual(
      play.map((p) => p.status),
      [201, 201, 201, 429],
    );
    assert.ok(Number(play[3]!.retry) >= 1);
  });

  it('applies the default budgets when none are given: the 21st wrong token in a minute gets 429', async () => {
    // No live play: Colyseus is one per process, and this file's other arena has it.
    const d = await bootArena(BACKENDS[0]!, { rateLimits: DEFAULT_HTTP_RATE_LIMITS, live: false });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++)
        statuses.push((await d.call('GET', '/api/agents/me', undefined, `ludus_guess_${i}`)).status);
      assert.deepEqual(statuses, [
        ...Array(DEFAULT_AUTH_FAILURES.limit).fill(401),
        ...Array(25 - DEFAULT_AUTH_FAILURES.limit).fill(429),
      ]);
    } finally {
      await d.close();
    }
  });

  it('limits any route per address', async () => {
    const s: number[] = [];
    for (let i = 0; i < 45; i++) s.push((await t.call('GET', '/api/games')).status);
    assert.ok(
      s.slice(0, 38).every((x) => x === 200),
      String(s),
    );
    assert.equal(s.at(-1), 429);
  });
});

describe('fault 9: readiness includes the extra checks (the job queue hook) (pglite)', () => {
  it('reports each extra check, and is not ready while one fails', async () => {
    let backlog = 3;
    const t = await bootArena(BACKENDS[0]!, {
      readiness: {
        queue: async () => {
          if (backlog > 100) throw new Error(`backlog of ${backlog} jobs`);
          return { backlog };
        },
      },
    });
    try {
      const ok = await t.call('GET', '/api/health/ready');
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(ok.json.details.queue, { status: 'up', backlog: 3 });
      backlog = 500;
      const down = await t.call('GET', '/api/health/ready');
      assert.equal(down.status, 503);
      assert.equal(down.json.code, 'UNAVAILABLE');
      assert.match(down.json.message, /queue/);
      assert.deepEqual(down.json.details.error.queue, { status: 'down', message: 'backlog of 500 jobs' });
      assert.equal(down.json.details.details.database.status, 'up');
    } finally {
      await t.close();
    }
  });
});

/**
 * A loopback TCP proxy in front of a Postgres server: `cut()` drops every connection and refuses new
 * ones (the database is gone, as far as the arena can tell), `restore()` lets them through again.
 */
async function dbProxy(target: URL): Promise<{ url: string; cut(): void; restore(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let up = true;
  const server = createServer((client) => {
    if (!up) return void client.destroy();
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = new URL(target.href);
  url.host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: url.href,
    cut() {
      up = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      up = true;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

describe('fault 9: readiness follows a real PostgreSQL connection that goes away and comes back (postgres)', {
  skip: BACKENDS[1]!.skip,
}, () => {
  it('is ready, then 503 while the database cannot be reached, then ready again, and live throughout', async () => {
    const proxy = await dbProxy(new URL(process.env.LUDUS_TEST_DATABASE_URL!));
    const schema = freshSchema();
    const a = await startArena(
      {
        port: 0,
        host: '127.0.0.1',
        databaseUrl: proxy.url,
        schema,
        league: { enabled: false, intervalSeconds: 30, matchesPerGame: 1 },
        ui: false,
      },
      { log: () => {}, live: false },
    );
    const base = `http://127.0.0.1:${a.port}`;
    try {
      assert.equal((await raw(base, 'GET', '/api/health/ready')).status, 200);
      proxy.cut();
      const down = await raw(base, 'GET', '/api/health/ready');
      assert.equal(down.status, 503, down.text);
      assert.equal(down.json.code, 'UNAVAILABLE');
      assert.equal(down.json.details.error.database.status, 'down');
      assert.equal((await raw(base, 'GET', '/api/health')).status, 503);
      assert.equal((await raw(base, 'GET', '/api/health/live')).status, 200);
      proxy.restore();
      let status = 0;
      for (let i = 0; i < 50 && status !== 200; i++) {
        status = (await raw(base, 'GET', '/api/health/ready')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(status, 200, 'ready again once the database is back');
    } finally {
      proxy.restore();
      await a.close().catch(() => undefined);
      await proxy.close();
      await dropSchema(process.env.LUDUS_TEST_DATABASE_URL!, schema);
    }
  });
});

// ---- faults 8 and 9 on both backends ---------------------------------------------------------------------
const newbie = (id: string): AgentSpec => ({
  id,
  games: ['ipd'],
  title: id,
  description: 'a built-in added by a later version (test)',
  create: () => ({ act: () => 'C' }),
});

interface Place {
  config: { databaseUrl?: string; schema?: string; pgliteDir?: string };
  cleanup(): Promise<void>;
}

function place(backend: Backend): Place {
  if (backend.name === 'postgres') {
    const url = process.env.LUDUS_TEST_DATABASE_URL!;
    const schema = freshSchema();
    return { config: { databaseUrl: url, schema }, cleanup: () => dropSchema(url, schema) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'ludus-names-'));
  return { config: { pgliteDir: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function boot(p: Place, extra: AgentSpec[] = []): Promise<Arena> {
  return startArena(
    {
      port: 0,
      host: '127.0.0.1',
      ...p.config,
      league: { enabled: false, intervalSeconds: 30, matchesPerGame: 1 },
      ui: false,
    },
    { log: () => {}, catalog: catalogWithAgents(extra), live: false },
  );
}

for (const backend of BACKENDS) {
  describe(`fault 8: agent names (${backend.name})`, { skip: backend.skip }, () => {
    it('refuses names equal but for case, shaped like an id, or in the built-ins’ namespace; finds names regardless of case', async () => {
      const t = await bootArena(backend);
      try {
        const reg = (name: string) => t.call('POST', '/api/agents', { name, owner: 'x', games: ['ipd'] });
        const tft = await reg('tFt');
        assert.equal(tft.status, 409, tft.text);
        assert.equal(tft.json.code, 'CONFLICT');
        const tftId = (await t.call('GET', '/api/agents/tft')).json.id;
        for (const name of [tftId, tftId.toUpperCase(), tftId.replace(/-/g, ''), 'builtin-tft', 'BuiltIn-x', 'ME']) {
          const r = await reg(name);
          assert.equal(r.status, 400, `${name}: ${r.text}`);
          assert.equal(r.json.code, 'SCHEMA');
        }
        assert.equal((await reg('Mixed-Case')).status, 201);
        assert.equal((await reg('mixed-case')).status, 409);
        const found = await t.call('GET', '/api/agents/MIXED-CASE');
        assert.equal(found.json.name, 'Mixed-Case');
        assert.equal((await t.call('GET', `/api/agents/${tftId}`)).json.name, 'tft');
      } finally {
        await t.close();
      }
    });

    it('boots when a later version adds a built-in whose name a bot already has (in any case)', async () => {
      const p = place(backend);
      try {
        let a = await boot(p);
        const base = `http://127.0.0.1:${a.port}`;
        for (const name of ['Newcomer', 'newcomer-2']) {
          const r = await raw(base, 'POST', '/api/agents', {
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name, owner: 'x', games: ['ipd'] }),
          });
          assert.equal(r.status, 201, r.text);
        }
        await a.close();
        a = await boot(p, [newbie('newcomer')]);
        try {
          const built = (await a.store.listAgents({ kind: 'builtin', limit: 500, offset: 0 })).items.find(
            (x) => x.ref === 'newcomer',
          );
          assert.equal(built?.name, 'builtin-newcomer');
          assert.equal((await a.store.getAgentByName('newcomer'))?.kind, 'remote');
        } finally {
          await a.close();
        }
      } finally {
        await p.cleanup();
      }
    });

    it('upgrades a database whose rows break the rules (rows an older server accepted) without failing the boot', async () => {
      const p = place(backend);
      const old = mkdtempSync(join(tmpdir(), 'ludus-old-migrations-'));
      try {
        for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_/.test(f) && Number(f.slice(0, 3)) < 4))
          copyFileSync(join(MIGRATIONS_DIR, f), join(old, f));
        const storeOpts = { databaseUrl: p.config.databaseUrl, schema: p.config.schema, dataDir: p.config.pgliteDir };
        const s = await Store.open({ ...storeOpts, migrationsDir: old });
        const ins = (id: string, name: string, kind: string, ref: string | null, at: string) =>
          s.db.query(
            `INSERT INTO agents (id, name, owner, games, kind, ref, created_at) VALUES ($1, $2, 'x', '["ipd"]'::jsonb, $3, $4, $5)`,
            [id, name, kind, ref, at],
          );
        await ins('00000000-0000-4000-8000-000000000001', 'tft', 'builtin', 'tft', '2024-01-02');
        await ins('00000000-0000-4000-8000-000000000002', 'tFt', 'remote', null, '2024-01-01');
        await ins('00000000-0000-4000-8000-000000000003', 'builtin-later', 'remote', null, '2024-01-01');
        await ins('00000000-0000-4000-8000-000000000004', 'later', 'remote', null, '2024-01-01');
        await ins(
          '00000000-0000-4000-8000-000000000005',
          '00000000-0000-4000-8000-000000000001',
          'remote',
          null,
          '2024-01-01',
        );
        await ins('00000000-0000-4000-8000-000000000006', 'Dup', 'remote', null, '2024-01-01');
        await ins('00000000-0000-4000-8000-000000000007', 'dUP', 'remote', null, '2024-01-03');
        await s.close();
        const a = await boot(p, [newbie('later')]);
        try {
          const name = async (id: string) => (await a.store.getAgent(id))!.name;
          assert.equal(await name('00000000-0000-4000-8000-000000000001'), 'tft');
          assert.match(await name('00000000-0000-4000-8000-000000000002'), /^tFt-[0-9a-f]{12}$/);
          assert.match(await name('00000000-0000-4000-8000-000000000003'), /^later-[0-9a-f]{12}$/);
          assert.equal(await name('00000000-0000-4000-8000-000000000004'), 'later');
          assert.match(await name('00000000-0000-4000-8000-000000000005'), /^renamed-[0-9a-f]{12}$/);
          assert.equal(await name('00000000-0000-4000-8000-000000000006'), 'Dup');
          assert.match(await name('00000000-0000-4000-8000-000000000007'), /^dUP-[0-9a-f]{12}$/);
          const built = (await a.store.listAgents({ kind: 'builtin', limit: 500, offset: 0 })).items.find(
            (x) => x.ref === 'later',
          );
          assert.equal(built?.name, 'builtin-later');
        } finally {
          await a.close();
        }
      } finally {
        rmSync(old, { recursive: true, force: true });
        await p.cleanup();
      }
    });
  });

  describe(`fault 9: liveness and readiness (${backend.name})`, { skip: backend.skip }, () => {
    it('is ready while the database answers, and not ready (503 UNAVAILABLE) once it does not, while still live', async () => {
      const t = await bootArena(backend);
      try {
        const ready = await t.call('GET', '/api/health/ready');
        assert.equal(ready.status, 200, ready.text);
        assert.equal(ready.json.status, 'ok');
        assert.equal(ready.json.details.database.status, 'up');
        assert.equal((await t.call('GET', '/api/health')).status, 200);
        await t.arena.store.db.close(); // the database is gone
        for (const path of ['/api/health', '/api/health/ready']) {
          const down = await t.call('GET', path);
          assert.equal(down.status, 503, down.text);
          assert.equal(down.json.code, 'UNAVAILABLE');
          assert.equal(down.json.details.error.database.status, 'down');
        }
        const live = await t.call('GET', '/api/health/live');
        assert.equal(live.status, 200);
        assert.equal(live.json.status, 'ok');
      } finally {
        await t.close().catch(() => undefined);
      }
    });
  });
}
