/**
 * The arena's one durable job queue: pg-boss (v10; v11+ needs Node 22) in the store's own database,
 * on both backends. pg-boss talks through its `db` adapter to the store's `Sql` (server/store/sql.ts),
 * so on Postgres its jobs live in a schema of their own beside the arena's tables, and on embedded
 * PGlite — which has no socket for pg-boss's `pg` pool — in the same single connection. Jobs survive
 * a crash (they are rows), are fetched with SELECT … FOR UPDATE SKIP LOCKED (each job runs in one
 * process), and are retried after a failure or after their expiry when their process died.
 *
 * Why pg-boss: it runs on the Postgres we already have (no Redis to add for the default install),
 * takes an injected `db` (graphile-worker needs its own `pg` pool and LISTEN/NOTIFY, which PGlite
 * does not serve to another driver), and is widely used. Its cron is per minute, so recurring
 * tournaments are scheduled by server/tournament/schedules.ts (croner + compare-and-set) instead.
 *
 * Job ids are derived from what the job is for (`jobId`), so sending the same job twice — from two
 * processes, or again after a restart — inserts it once (pg-boss: ON CONFLICT DO NOTHING).
 */
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { SqlDb } from '../store/sql.ts';

/** A UUID (v4 layout) from a stable key, for job ids that deduplicate. */
export function jobId(key: string): string {
  const h = createHash('sha256').update(key).digest();
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/**
 * pg-boss's `db` adapter over the store's query interface. pg-boss sends some scripts as several
 * statements wrapped in BEGIN … COMMIT; postgres.js refuses a bare BEGIN on a pooled connection, so
 * such a script runs inside the store's own transaction instead (same effect, on both backends).
 */
function adapter(db: SqlDb): PgBoss.Db {
  return {
    async executeSql(text: string, values: any[] = []) {
      if (values.length > 0) {
        // pg-boss leaves unset options undefined (node-postgres sends NULL; postgres.js refuses them).
        const rows = await db.query(
          text,
          values.map((v) => (v === undefined ? null : v)),
        );
        return { rows, rowCount: rows.length };
      }
      const wrapped = /^\s*BEGIN\s*;([\s\S]*?)COMMIT\s*;?\s*$/i.exec(text);
      if (wrapped) {
        await db.transaction((tx) => tx.exec(wrapped[1]!));
        return { rows: [], rowCount: 0 };
      }
      try {
        const rows = await db.query(text);
        return { rows, rowCount: rows.length };
      } catch (e) {
        // Other multi-statement scripts: the simple protocol runs them (pg-boss reads no rows from these).
        if (!/multiple commands|cannot insert multiple/i.test(String((e as Error).message))) throw e;
        await db.exec(text);
        return { rows: [], rowCount: 0 };
      }
    },
  };
}

export interface QueueOptions {
  /** Schema of pg-boss's tables (default `pgboss`; tests use one per run). */
  schema?: string;
  /** How often an idle worker polls (s, ≥ 0.5; default 1). */
  pollingIntervalSeconds?: number;
  log?: (line: string) => void;
}

export interface JobSpec {
  /** Key the job id is derived from (the same key = the same job). */
  key: string;
  retryLimit?: number;
  retryDelay?: number;
  /** A job whose process died is retried this long after it started (s). */
  expireInSeconds?: number;
  startAfter?: Date;
}

export class JobQueue {
  private readonly boss: PgBoss;
  private readonly queues = new Set<string>();

  constructor(
    private readonly sql: SqlDb,
    private readonly opts: QueueOptions = {},
  ) {
    this.boss = new PgBoss({
      db: adapter(sql),
      schema: opts.schema ?? 'pgboss',
      schedule: false,
      supervise: true,
      migrate: true,
      maintenanceIntervalSeconds: 60,
    } as PgBoss.ConstructorOptions);
    this.boss.on('error', (e: Error) => opts.log?.(`queue: ${e.message}`));
  }

  async start(): Promise<void> {
    // Servers booting together on a fresh database: pg-boss creates its tables under an advisory lock,
    // but `CREATE SCHEMA IF NOT EXISTS` can still lose a race on pg_namespace's unique index (23505),
    // which pg-boss does not recognise as "already exists" and rethrows. Create the schema first,
    // tolerating the race, so that pg-boss always finds it.
    const schema = this.opts.schema ?? 'pgboss';
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad queue schema name ${schema}`);
    try {
      await this.sql.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== '23505' && code !== '42P06') throw e;
    }
    await this.boss.start();
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true, close: false } as PgBoss.StopOptions);
  }

  /**
   * Create a queue once. pg-boss's `create_queue` inserts the queue row, then creates and attaches its
   * partition; two servers creating queues at the same moment (a cluster booting together) can deadlock
   * on those locks, and PostgreSQL aborts one of them (40P01). The aborted one is retried after a short
   * random wait; the winner's queue is then found by `ON CONFLICT DO NOTHING`.
   */
  private async ensure(name: string): Promise<void> {
    if (this.queues.has(name)) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.boss.createQueue(name, { name, policy: 'standard' });
        break;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (attempt >= 8 || (code !== '40P01' && code !== '23505' && code !== '40001')) throw e;
        await new Promise((r) => setTimeout(r, 25 * attempt + Math.random() * 100));
      }
    }
    this.queues.add(name);
  }

  /**
   * Readiness of the queue (GET /api/health/ready): the database answers pg-boss's own query, and the
   * backlog per queue (jobs waiting to run, created or retrying). Throws when the queue cannot be read.
   */
  async health(): Promise<{ backlog: Record<string, number>; waiting: number }> {
    const backlog: Record<string, number> = {};
    for (const name of this.queues) backlog[name] = await this.boss.getQueueSize(name);
    return { backlog, waiting: Object.values(backlog).reduce((a, b) => a + b, 0) };
  }

  /** Enqueue once per key; returns false when that job exists already. */
  async send(name: string, data: object, job: JobSpec): Promise<boolean> {
    await this.ensure(name);
    const id = await this.boss.send(name, data, {
      id: jobId(`${name}/${job.key}`),
      retryLimit: job.retryLimit ?? 20,
      retryDelay: job.retryDelay ?? 1,
      expireInSeconds: job.expireInSeconds ?? 15 * 60,
      ...(job.startAfter ? { startAfter: job.startAfter } : {}),
    });
    return id !== null;
  }

  /** Run `handler` for each job of `name`, `concurrency` at a time; a throw retries the job. */
  async work<T extends object>(name: string, concurrency: number, handler: (data: T) => Promise<void>): Promise<void> {
    await this.ensure(name);
    for (let i = 0; i < concurrency; i++) {
      await this.boss.work<T>(
        name,
        { pollingIntervalSeconds: this.opts.pollingIntervalSeconds ?? 1, batchSize: 1 },
        async (jobs) => {
          for (const j of jobs) await handler(j.data);
        },
      );
    }
  }
}
