/**
 * Server configuration from the environment, validated (a bad value stops the boot with one clear
 * line). Every setting has an embedded default, so `npm start` needs none.
 *
 *   PORT                    HTTP/WebSocket port (default 2567; 0 = any free port)
 *   HOST                    interface to listen on (default 0.0.0.0)
 *   DATABASE_URL            postgres://… → real Postgres; unset → embedded PGlite
 *   LUDUS_DB_SCHEMA         Postgres schema to use (default: the connection's search_path)
 *   LUDUS_DATA_DIR          data directory (default ./.ludus): PGlite in pglite/, the match journal in journal/
 *   LUDUS_ADMIN_TOKEN       admin token; unset → generated at first boot and printed once
 *   LUDUS_LEAGUE            'on' also runs the legacy 30-s league of every game (default off: the demo
 *                           tournaments, LUDUS_DEMO, are the demo)
 *   LUDUS_LEAGUE_INTERVAL   seconds between league rounds (default 30)
 *   LUDUS_LEAGUE_MATCHES    matches per game per round (default 1)
 *   LUDUS_TOURNAMENTS       'off' stops this process from running tournaments (default on)
 *   LUDUS_TOURNAMENT_LEASE_MS  a tournament game not renewed for this long is taken for lost (default 15000)
 *   LUDUS_TOURNAMENT_JOB_EXPIRE  seconds before a game job of a dead process is retried (default 60)
 *   LUDUS_DEMO              'off' skips the demo tournaments of a fresh server (default on)
 *   LUDUS_DEMO_PACE_MS      ms per turn of the demo tournaments' matches, so spectators can follow (default 200)
 *   LUDUS_EVALUATIONS       'off' stops this process from running attack jobs (default on; server/evaluation/)
 *   LUDUS_EVALUATION_LEASE_MS  an attack job not renewed for this long is resumed elsewhere (default 60000)
 *   LUDUS_EVALUATION_SNAPSHOT  seconds between an attack’s resume snapshots (default 30)
 *   LUDUS_EVALUATION_GAP_MS    ms between two arena evaluation matches against one bot (default 10000)
 *   LUDUS_DEMO_ATTACKS      'off' skips the demo's attacks on built-in agents (default on with LUDUS_DEMO)
 *   LUDUS_QUEUE_POLL        seconds between an idle worker's polls of the job queue (default 1)
 *   LUDUS_UI                'off' skips bundling the arena UI (a plain page lists the URLs)
 *   LUDUS_PUBLIC_URL        base URL to print (default http://localhost:PORT)
 *   LUDUS_REDIS_URL         redis://… → multi-process mode (server/live/cluster.ts, docs/deploy.md): seeks,
 *                           challenges, connections and Colyseus rooms shared with every process on this
 *                           Redis; needs DATABASE_URL (a Postgres all processes share). Unset: one process
 *   LUDUS_REDIS_PREFIX      prefix of every Redis key and channel (default `ludus:`), one per deployment
 *   LUDUS_PUBLIC_ADDRESS    host:port by which clients reach THIS process (Colyseus seat reservations;
 *                           default: the host of LUDUS_PUBLIC_URL, else HOST (127.0.0.1 for 0.0.0.0), and PORT)
 *   LUDUS_PROCESS_LEASE_MS  a process that has not renewed its Redis lease for this long is dead: the
 *                           others record its running matches as aborted (default 5000)
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { formatIssues } from '../games/core/kernel.ts';

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(2567),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LUDUS_DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  LUDUS_DATA_DIR: z.string().min(1).default('./.ludus'),
  LUDUS_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LUDUS_LEAGUE: onOff.default(false),
  LUDUS_LEAGUE_INTERVAL: z.coerce.number().int().min(1).max(86_400).default(30),
  LUDUS_LEAGUE_MATCHES: z.coerce.number().int().min(1).max(100).default(1),
  LUDUS_TOURNAMENTS: onOff.default(true),
  LUDUS_TOURNAMENT_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(15_000),
  LUDUS_TOURNAMENT_JOB_EXPIRE: z.coerce.number().int().min(1).max(86_400).default(60),
  LUDUS_EVALUATIONS: onOff.default(true),
  LUDUS_EVALUATION_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(60_000),
  LUDUS_EVALUATION_SNAPSHOT: z.coerce.number().min(0).max(3600).default(30),
  LUDUS_EVALUATION_GAP_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  LUDUS_DEMO_ATTACKS: onOff.default(true),
  LUDUS_QUEUE_POLL: z.coerce.number().min(0.5).max(60).default(1),
  LUDUS_DEMO: onOff.default(true),
  LUDUS_DEMO_PACE_MS: z.coerce.number().int().min(0).max(10_000).default(200),
  LUDUS_UI: onOff.default(true),
  LUDUS_PUBLIC_URL: z.url().optional(),
  LUDUS_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis://')
    .optional(),
  LUDUS_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/)
    .optional(),
  LUDUS_PUBLIC_ADDRESS: z
    .string()
    .regex(/^[A-Za-z0-9_.\[\]:-]+:\d{1,5}$/, 'must be host:port')
    .optional(),
  LUDUS_PROCESS_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(5000),
});

export interface ArenaConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  schema?: string;
  /** PGlite directory (unused with databaseUrl); undefined = in memory (tests). */
  pgliteDir?: string;
  /** The live match journal (server/live/journal.ts), on either backend; undefined = none (tests). */
  journalDir?: string;
  adminToken?: string;
  league: { enabled: boolean; intervalSeconds: number; matchesPerGame: number };
  /** Hosted tournaments (server/tournament/) and the job queue they run on; absent = off (tests). */
  tournaments?: { enabled: boolean; leaseMs: number; jobExpireSeconds: number; pollSeconds: number };
  /** Adversarial evaluations (server/evaluation/) on the same job queue; absent = off (tests). */
  evaluations?: { enabled: boolean; leaseMs: number; snapshotSeconds: number; arenaGapMs: number };
  /** Demo tournaments (server/tournament/demo.ts) and attacks (server/evaluation/demo.ts); absent = off (tests). */
  demo?: { enabled: boolean; paceMs: number; attacks?: boolean };
  ui: boolean;
  publicUrl?: string;
  /** Multi-process mode (server/live/cluster.ts); absent = one process. */
  cluster?: {
    redisUrl: string;
    prefix?: string;
    /** host:port of this process for clients; undefined = derived from the port once it listens. */
    publicAddress?: string;
    leaseMs: number;
  };
}

export class ConfigError extends Error {}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ArenaConfig {
  const known = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const r = EnvSchema.safeParse(known);
  if (!r.success) throw new ConfigError(`bad environment: ${formatIssues(r.error)}`);
  const e = r.data;
  if (e.LUDUS_REDIS_URL && !e.DATABASE_URL)
    throw new ConfigError(
      "LUDUS_REDIS_URL needs DATABASE_URL: processes that share a Redis must share one Postgres (the embedded PGlite is one process's)",
    );
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    schema: e.LUDUS_DB_SCHEMA,
    pgliteDir: resolve(e.LUDUS_DATA_DIR, 'pglite'),
    journalDir: resolve(e.LUDUS_DATA_DIR, 'journal'),
    adminToken: e.LUDUS_ADMIN_TOKEN,
    league: {
      enabled: e.LUDUS_LEAGUE,
      intervalSeconds: e.LUDUS_LEAGUE_INTERVAL,
      matchesPerGame: e.LUDUS_LEAGUE_MATCHES,
    },
    tournaments: {
      enabled: e.LUDUS_TOURNAMENTS,
      leaseMs: e.LUDUS_TOURNAMENT_LEASE_MS,
      jobExpireSeconds: e.LUDUS_TOURNAMENT_JOB_EXPIRE,
      pollSeconds: e.LUDUS_QUEUE_POLL,
    },
    evaluations: {
      enabled: e.LUDUS_EVALUATIONS,
      leaseMs: e.LUDUS_EVALUATION_LEASE_MS,
      snapshotSeconds: e.LUDUS_EVALUATION_SNAPSHOT,
      arenaGapMs: e.LUDUS_EVALUATION_GAP_MS,
    },
    demo: { enabled: e.LUDUS_DEMO, paceMs: e.LUDUS_DEMO_PACE_MS, attacks: e.LUDUS_DEMO_ATTACKS },
    ui: e.LUDUS_UI,
    publicUrl: e.LUDUS_PUBLIC_URL,
    ...(e.LUDUS_REDIS_URL
      ? {
          cluster: {
            redisUrl: e.LUDUS_REDIS_URL,
            ...(e.LUDUS_REDIS_PREFIX ? { prefix: e.LUDUS_REDIS_PREFIX } : {}),
            ...(e.LUDUS_PUBLIC_ADDRESS ? { publicAddress: e.LUDUS_PUBLIC_ADDRESS } : {}),
            leaseMs: e.LUDUS_PROCESS_LEASE_MS,
          },
        }
      : {}),
  };
}
