/**
 * Servers booting together on a fresh PostgreSQL (docker-compose starts every arena process at once):
 * `CREATE SCHEMA IF NOT EXISTS` is not safe against itself, and the loser of the race failed on
 * pg_namespace's unique index and exited. Opening the store's schema and starting the job queue's
 * (pg-boss) schema must both survive any number of concurrent starters. Real Postgres only (PGlite
 * is one process's).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dropSchema, openPostgres } from '../../server/store/postgres.ts';
import { JobQueue } from '../../server/tournament/queue.ts';
import { freshSchema } from './store-backends.ts';

const url = process.env.LUDUS_TEST_DATABASE_URL;
const skip = url || process.env.CI === 'true' ? undefined : 'LUDUS_TEST_DATABASE_URL is not set';

describe('servers booting together on one fresh Postgres', { skip }, () => {
  it('all open the same new schema at once (10 rounds of 4 concurrent openers)', async () => {
    for (let round = 0; round < 10; round++) {
      const schema = freshSchema();
      const opened = await Promise.allSettled([0, 1, 2, 3].map(() => openPostgres(url!, { schema })));
      for (const r of opened) if (r.status === 'fulfilled') await r.value.close();
      await dropSchema(url!, schema);
      const failed = opened.filter((r) => r.status === 'rejected');
      assert.deepEqual(
        failed.map((r) => String((r as PromiseRejectedResult).reason)),
        [],
        `round ${round}: every opener succeeds`,
      );
    }
  });

  it('all start the job queue and create its queues on the same new schema at once (5 rounds of 3)', async () => {
    for (let round = 0; round < 5; round++) {
      const schema = freshSchema();
      const dbs = await Promise.all([0, 1, 2].map(() => openPostgres(url!, { schema })));
      const queues = dbs.map((db) => new JobQueue(db, { schema: `${schema}_boss` }));
      // Start, then create the same two queues from every server at once (pg-boss's create_queue can
      // deadlock against itself; PostgreSQL aborts one side).
      const started = await Promise.allSettled(
        queues.map(async (q) => {
          await q.start();
          await Promise.all(['tournament-game', 'evaluation'].map((n) => q.send(n, {}, { key: 'k' })));
        }),
      );
      await Promise.allSettled(queues.map((q) => q.stop()));
      await Promise.all(dbs.map((d) => d.close()));
      await dropSchema(url!, `${schema}_boss`);
      await dropSchema(url!, schema);
      assert.deepEqual(
        started.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)),
        [],
        `round ${round}: every queue starts`,
      );
    }
  });
});
