/**
 * Ratings at scale (issue 12, item 7): 200 agents and 100,000 stored rated matches in one game,
 * on the real server (NestJS API over PGlite, or Postgres with LUDUS_TEST_DATABASE_URL).
 *   - GET /api/leaderboard/:game latency, p50 and p99 over 600 sequential requests, once with the
 *     arena idle and once while matches keep committing (each commit triggers a refit, and Nash
 *     averaging + α-Rank rerun in the worker thread); goal p99 < 50 ms. Reference in the same run,
 *     under the same load: GET /api (a constant JSON body: the floor of the HTTP stack).
 *   - The refit after a match (the ratings SELECT, then Bradley–Terry warm-started in the worker
 *     on the in-memory pair table): p50 and p99 over 60 commits; goal < 100 ms. Reference: that
 *     SELECT alone. The fit's own share is reported too.
 *   - Nash averaging + α-Rank with their posterior draws on the 200-agent table (off the request
 *     path, in the worker): informational.
 * The 100k matches are written in bulk with SQL (matches, pair_results, rating_history,
 * pair_totals, ratings), drawn from a Bradley–Terry ground truth so that every pair has met.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { adjudicate } from '../games/core/standings.ts';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ratingRows } from '../server/store/leaderboard.ts';
import { cholesky } from '../agents/eval/bradley-terry.ts';
import { dropSchema } from '../server/store/postgres.ts';
import { startArena, type Arena } from '../server/main.ts';
import { DEFAULT_HTTP_RATE_LIMITS } from '../server/api/rate-limits.ts';
import type { FinishedMatch } from '../server/contracts.ts';
import { Rng } from '../games/core/rng.ts';
import type { Bench, BenchContext } from './harness.ts';

const AGENTS = Number(process.env.RATINGS_BENCH_AGENTS ?? 200);
const MATCHES = Number(process.env.RATINGS_BENCH_MATCHES ?? 100_000);
const GAME = 'ipd';
const REQUESTS = 600;
const REFITS = 60;

function pct(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function fill(ctx: BenchContext, arena: Arena): Promise<string[]> {
  const db = arena.store.db;
  ctx.status(`registering ${AGENTS} agents`);
  const ids: string[] = [];
  for (let i = 0; i < AGENTS; i++)
    ids.push(
      (
        await arena.store.registerAgent({
          name: `bench-r-${i}-${randomUUID().slice(0, 6)}`,
          owner: 'bench',
          games: [GAME],
        })
      ).agent.id,
    );
  const rng = Rng.seeded(12);
  const theta = ids.map(() => rng.normal());
  const totals = new Map<string, { a: string; b: string; score: number; weight: number; results: number }>();
  const games = new Map(ids.map((id) => [id, { games: 0, wins: 0, losses: 0 }]));
  const CHUNK = 5000;
  let seq = 0;
  for (let start = 0; start < MATCHES; start += CHUNK) {
    ctx.status(
      `writing matches ${start.toLocaleString('en-US')}–${Math.min(MATCHES, start + CHUNK).toLocaleString('en-US')} of ${MATCHES.toLocaleString('en-US')}`,
    );
    const matches: unknown[] = [];
    const pairs: unknown[] = [];
    const history: unknown[] = [];
    for (let k = start; k < Math.min(MATCHES, start + CHUNK); k++) {
      const i = rng.int(AGENTS);
      let j = rng.int(AGENTS - 1);
      if (j >= i) j++;
      const aWins = rng.float() < 1 / (1 + Math.exp(theta[j]! - theta[i]!));
      const id = `bench-${k}`;
      const returns = aWins ? [1, 0] : [0, 1];
      matches.push({
        id,
        seats: [
          { seat: 0, agentId: ids[i], kind: 'remote', label: 'a' },
          { seat: 1, agentId: ids[j], kind: 'remote', label: 'b' },
        ],
        result: { returns, winner: aWins ? 0 : 1, ranks: aWins ? [1, 2] : [2, 1] },
      });
      const [a, b, s] = ids[i]! < ids[j]! ? [ids[i]!, ids[j]!, aWins ? 1 : 0] : [ids[j]!, ids[i]!, aWins ? 0 : 1];
      pairs.push({ id, a: ids[i], b: ids[j], s: aWins ? 1 : 0 });
      const key = `${a}\u0000${b}`;
      const t = totals.get(key) ?? { a, b, score: 0, weight: 0, results: 0 };
      t.score += s;
      t.weight += 1;
      t.results += 1;
      totals.set(key, t);
      for (const [x, won] of [
        [ids[i]!, aWins],
        [ids[j]!, !aWins],
      ] as const) {
        const g = games.get(x)!;
        g.games++;
        if (won) g.wins++;
        else g.losses++;
        history.push({ id, agent: x, seq: ++seq, score: won ? 1 : 0 });
      }
    }
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO matches (id, game, config, seed, seats, outcome, result, returns, winner, steps, final_hash, rated, started_at, ended_at)
         SELECT x.id, $2, '{}'::jsonb, 1, x.seats, 'normal', x.result, x.result->'returns', (x.result->>'winner')::int, 0, 'h', true, now(), now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id text, seats jsonb, result jsonb)`,
        [JSON.stringify(matches), GAME],
      );
      await tx.query(
        `INSERT INTO pair_results (match_id, game, seat_a, seat_b, a, b, score_a, weight)
         SELECT x.id, $2, 0, 1, x.a, x.b, x.s, 1 FROM jsonb_to_recordset($1::jsonb) AS x(id text, a text, b text, s double precision)`,
        [JSON.stringify(pairs), GAME],
      );
      await tx.query(
        `INSERT INTO rating_history (match_id, agent_id, game, elo_before, elo_after, score, at)
         SELECT x.id, x.agent, $2, 1000, 1000, x.score, now() FROM jsonb_to_recordset($1::jsonb) AS x(id text, agent text, seq bigint, score double precision) ORDER BY x.seq`,
        [JSON.stringify(history), GAME],
      );
    });
  }
  ctx.status('writing pair totals and ratings');
  await db.query(
    `INSERT INTO pair_totals (game, a, b, score, weight, results)
     SELECT $2, t.a, t.b, t.score, t.weight, t.results FROM jsonb_to_recordset($1::jsonb) AS t(a text, b text, score double precision, weight double precision, results integer)`,
    [JSON.stringify([...totals.values()]), GAME],
  );
  await db.query(
    `INSERT INTO ratings (agent_id, game, elo, games, wins, draws, losses)
     SELECT r.id, $2, 1000 + 400 * r.theta / ln(10), r.games, r.wins, 0, r.losses FROM jsonb_to_recordset($1::jsonb) AS r(id text, theta double precision, games integer, wins integer, losses integer)`,
    [JSON.stringify(ids.map((id, i) => ({ id, theta: theta[i], ...games.get(id)! }))), GAME],
  );
  return ids;
}

/** One real rated match between two of the agents, committed through the store (refit follows). */
function liveMatch(ids: string[], rng: Rng): FinishedMatch {
  const i = rng.int(ids.length);
  let j = rng.int(ids.length - 1);
  if (j >= i) j++;
  const w = rng.int(2);
  return {
    id: randomUUID(),
    game: GAME,
    config: {},
    seed: 1,
    seats: [
      { seat: 0, agentId: ids[i]!, kind: 'remote', label: 'a' },
      { seat: 1, agentId: ids[j]!, kind: 'remote', label: 'b' },
    ],
    result: adjudicate({ returns: w ? [0, 1] : [1, 0], winner: w }),
    outcome: 'normal',
    actions: [],
    finalHash: 'h',
    rewards: [],
    thinkMs: [],
    rated: true,
    startedAt: new Date().toISOString(),
    endedAt: new Date().toISOString(),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One GET over a kept-alive connection; resolves with the body's length. */
function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(bytes) : reject(new Error(`${url}: HTTP ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

async function latencies(url: string, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    await get(url);
    out.push(performance.now() - t0);
  }
  return out;
}

async function run(ctx: BenchContext, label: string, databaseUrl?: string): Promise<void> {
  const dir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'ludus-ratings-bench-'));
  const schema = databaseUrl ? `ludus_bench_${randomUUID().replaceAll('-', '').slice(0, 10)}` : undefined;
  ctx.status(`${label}: starting the arena`);
  const arena = await startArena(
    {
      port: 0,
      host: '127.0.0.1',
      databaseUrl,
      schema,
      pgliteDir: dir ? join(dir, 'pglite') : undefined,
      league: { enabled: false, intervalSeconds: 3600, matchesPerGame: 1 },
      ui: false,
      adminToken: 'bench-admin-token',
    },
    {
      log: () => {},
      // The bench itself is one client sending thousands of requests a minute: lift the per-address
      // HTTP budgets (server/api/rate-limits.ts) so that it measures latency, not the 429 policy.
      rateLimits: {
        ...DEFAULT_HTTP_RATE_LIMITS,
        route: { limit: 1_000_000, ttlMs: 60_000 },
        heavy: { limit: 1_000_000, ttlMs: 60_000 },
      },
    },
  );
  try {
    const ids = await fill(ctx, arena);
    const base = `http://127.0.0.1:${arena.port}`;
    ctx.status(`${label}: first load and game theory on ${AGENTS} agents`);
    let t0 = performance.now();
    const settled = await arena.store.boards.settled(GAME);
    const firstMs = performance.now() - t0;
    const gt = settled.gameTheory;
    const [{ n }] = (await arena.store.db.query('SELECT count(*)::int AS n FROM matches WHERE game = $1', [GAME])) as [
      { n: number },
    ];

    ctx.status(`${label}: ${REQUESTS} leaderboard requests, idle`);
    await latencies(`${base}/api`, 50);
    await latencies(`${base}/api/leaderboard/${GAME}`, 50);
    const refIdle = await latencies(`${base}/api`, REQUESTS);
    const idle = await latencies(`${base}/api/leaderboard/${GAME}`, REQUESTS);

    ctx.status(`${label}: ${REQUESTS} leaderboard requests while matches commit`);
    const rng = Rng.seeded(99);
    let stop = false;
    let committed = 0;
    const writer = (async () => {
      while (!stop) {
        await arena.store.commitMatch(liveMatch(ids, rng));
        committed++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // Alternate the leaderboard with the reference so both see the same load.
    const busy: number[] = [];
    const refBusy: number[] = [];
    for (let k = 0; k < REQUESTS; k++) {
      refBusy.push(...(await latencies(`${base}/api`, 1)));
      busy.push(...(await latencies(`${base}/api/leaderboard/${GAME}`, 1)));
    }
    stop = true;
    await writer;

    ctx.status(`${label}: ${REFITS} refits after a match`);
    const refits: number[] = [];
    const fits: number[] = [];
    const reads: number[] = [];
    for (let k = 0; k < REFITS; k++) {
      await arena.store.commitMatch(liveMatch(ids, rng));
      const board = await arena.store.boards.settledRatings(GAME);
      refits.push(board.refitMs);
      fits.push(board.fitMs);
      t0 = performance.now();
      await ratingRows(arena.store.db, GAME);
      reads.push(performance.now() - t0);
    }
    const p99 = (xs: number[]) => pct(xs, 0.99);
    const p50 = (xs: number[]) => pct(xs, 0.5);
    const where = `${label}, ${AGENTS} agents, ${n.toLocaleString('en-US')} matches`;
    ctx.report({
      name: `ratings ${where}: leaderboard p99, idle`,
      value: p99(idle),
      unit: 'ms',
      baseline: 'GET /api p99',
      baselineValue: p99(refIdle),
      ratio: p99(idle) / p99(refIdle),
      goal: '< 50 ms',
    });
    ctx.report({
      name: `ratings ${where}: leaderboard p50, idle`,
      value: p50(idle),
      unit: 'ms',
      baseline: 'GET /api p50',
      baselineValue: p50(refIdle),
      ratio: p50(idle) / p50(refIdle),
    });
    ctx.report({
      name: `ratings ${where}: leaderboard p99, ${committed} commits meanwhile`,
      value: p99(busy),
      unit: 'ms',
      baseline: 'GET /api p99, same load',
      baselineValue: p99(refBusy),
      ratio: p99(busy) / p99(refBusy),
      goal: '< 50 ms',
    });
    ctx.report({
      name: `ratings ${where}: leaderboard p50, ${committed} commits meanwhile`,
      value: p50(busy),
      unit: 'ms',
      baseline: 'GET /api p50, same load',
      baselineValue: p50(refBusy),
      ratio: p50(busy) / p50(refBusy),
    });
    ctx.report({
      name: `ratings ${where}: refit after a match p99`,
      value: p99(refits),
      unit: 'ms',
      baseline: 'the ratings SELECT alone, p99',
      baselineValue: p99(reads),
      ratio: p99(refits) / p99(reads),
      goal: '< 100 ms',
    });
    ctx.report({
      name: `ratings ${where}: refit after a match p50`,
      value: p50(refits),
      unit: 'ms',
      baseline: 'the ratings SELECT alone, p50',
      baselineValue: p50(reads),
      ratio: p50(refits) / p50(reads),
    });
    // A machine-independent yardstick for the fit: one dense 200×200 Cholesky factorisation, timed here.
    const H = new Float64Array(AGENTS * AGENTS);
    for (let i = 0; i < AGENTS; i++) for (let j = 0; j < AGENTS; j++) H[i * AGENTS + j] = i === j ? AGENTS : -0.5;
    const chol: number[] = [];
    for (let k = 0; k < 60; k++) {
      t0 = performance.now();
      cholesky(H, AGENTS);
      chol.push(performance.now() - t0);
    }
    ctx.report({
      name: `ratings ${where}: of which the Bradley–Terry fit (worker) p50`,
      value: p50(fits),
      unit: 'ms',
      baseline: `one ${AGENTS}×${AGENTS} Cholesky, p50`,
      baselineValue: p50(chol),
      ratio: p50(fits) / p50(chol),
    });
    ctx.report({
      name: `ratings ${where}: first load + Nash/α-Rank (${gt.agents} agents, ${gt.draws} draws)`,
      value: firstMs,
      unit: 'ms',
    });
    if (gt.ms !== null)
      ctx.report({ name: `ratings ${where}: Nash/α-Rank job in the worker`, value: gt.ms, unit: 'ms' });
  } finally {
    agent.destroy();
    await arena.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (databaseUrl && schema) await dropSchema(databaseUrl, schema);
  }
}

const benches: Bench[] = [
  { name: 'ratings: leaderboard and refit on PGlite', run: (ctx) => run(ctx, 'pglite') },
  {
    name: 'ratings: leaderboard and refit on Postgres',
    async run(ctx) {
      const url = process.env.LUDUS_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
      if (!url) return ctx.status('skipped: set LUDUS_TEST_DATABASE_URL to measure Postgres');
      await run(ctx, 'postgres', url);
    },
  },
];

export default benches;
