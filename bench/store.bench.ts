/**
 * Store benches: finished-match commits per second (match row + seats + action log + Elo update +
 * rating history + pair results, ONE transaction) on PGlite and on Postgres, beside a bare
 * single-row INSERT loop on the same backend in the same run (the floor cost of one round-trip
 * and one commit). Postgres runs when LUDUS_TEST_DATABASE_URL (or DATABASE_URL) is set, in a
 * fresh schema dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import { getAgent } from '../agents/registry.ts';
import { getGame } from '../games/index.ts';
import type { FinishedMatch } from '../server/contracts.ts';
import { instantiate } from '../agents/registry.ts';
import { playMatch } from '../games/core/runner.ts';
import { finishedMatch } from '../server/live/record.ts';
import { dropSchema } from '../server/store/postgres.ts';
import { Store } from '../server/store/store.ts';
import type { Bench, BenchContext } from './harness.ts';

const SECONDS = 3;
const TURNS = 50;

/** Commits per second of distinct matches (each a fresh id of one played ipd match). */
async function measure(ctx: BenchContext, label: string, store: Store): Promise<void> {
  const a = (await store.registerAgent({ name: `bench-a-${randomUUID().slice(0, 8)}`, owner: 'bench', games: ['ipd'] }))
    .agent.id;
  const b = (await store.registerAgent({ name: `bench-b-${randomUUID().slice(0, 8)}`, owner: 'bench', games: ['ipd'] }))
    .agent.id;
  const game = getGame('ipd');
  const config = { turns: TURNS };
  const template = finishedMatch(
    playMatch(game, config, 1, instantiate(game, config, 1, [getAgent('ipd', 'tft'), getAgent('ipd', 'random')])),
    {
      seats: [
        { seat: 0, agentId: a, kind: 'builtin', label: 'tft' },
        { seat: 1, agentId: b, kind: 'builtin', label: 'random' },
      ],
    },
  );
  const next = (): FinishedMatch => ({ ...template, id: randomUUID() });

  await store.db.exec('CREATE TABLE IF NOT EXISTS bench_ref (id text PRIMARY KEY, payload jsonb NOT NULL)');
  const payload = JSON.stringify(template.actions);
  ctx.status(`${label}: bare INSERT loop`);
  let t0 = performance.now();
  let inserts = 0;
  while (performance.now() - t0 < SECONDS * 1000) {
    await store.db.query('INSERT INTO bench_ref (id, payload) VALUES ($1, $2::jsonb)', [randomUUID(), payload]);
    inserts++;
  }
  const insertRate = inserts / ((performance.now() - t0) / 1000);

  ctx.status(`${label}: match commits`);
  t0 = performance.now();
  let commits = 0;
  while (performance.now() - t0 < SECONDS * 1000) {
    await store.commitMatch(next());
    commits++;
  }
  const commitRate = commits / ((performance.now() - t0) / 1000);
  ctx.report({
    name: `store ${label}: match commits (ipd, ${TURNS} steps, rated)`,
    value: commitRate,
    unit: 'commits/s',
    baseline: `bare INSERT (1 row, autocommit)`,
    baselineValue: insertRate,
    ratio: commitRate / insertRate,
  });
}

const benches: Bench[] = [
  {
    name: 'store: match commits on PGlite',
    async run(ctx) {
      ctx.status('opening PGlite');
      const store = await Store.open();
      try {
        await measure(ctx, 'pglite', store);
      } finally {
        await store.close();
      }
    },
  },
  {
    name: 'store: match commits on Postgres',
    async run(ctx) {
      const url = process.env.LUDUS_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
      if (!url) {
        ctx.status('skipped: set LUDUS_TEST_DATABASE_URL to measure Postgres');
        return;
      }
      const schema = `ludus_bench_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
      const store = await Store.open({ databaseUrl: url, schema });
      try {
        await measure(ctx, 'postgres', store);
      } finally {
        await store.close();
        await dropSchema(url, schema);
      }
    },
  },
];

export default benches;
