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
 *   LUDUS_LEAGUE            'off' disables the scheduled demo league (default on)
 *   LUDUS_LEAGUE_INTERVAL   seconds between league rounds (default 30)
 *   LUDUS_LEAGUE_MATCHES    matches per game per round (default 1)
 *   LUDUS_UI                'off' skips bundling the arena UI (a plain page lists the URLs)
 *   LUDUS_PUBLIC_URL        base URL to print (default http://localhost:PORT)
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { formatIssues } from '../games/core/kernel.ts';

const onOff = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => v === 'on' || v === 'true' || v === '1');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(2567),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LUDUS_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
  LUDUS_DATA_DIR: z.string().min(1).default('./.ludus'),
  LUDUS_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LUDUS_LEAGUE: onOff.default(true),
  LUDUS_LEAGUE_INTERVAL: z.coerce.number().int().min(1).max(86_400).default(30),
  LUDUS_LEAGUE_MATCHES: z.coerce.number().int().min(1).max(100).default(1),
  LUDUS_UI: onOff.default(true),
  LUDUS_PUBLIC_URL: z.url().optional(),
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
  ui: boolean;
  publicUrl?: string;
}

export class ConfigError extends Error {}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ArenaConfig {
  const known = Object.fromEntries(Object.keys(EnvSchema.shape).filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const r = EnvSchema.safeParse(known);
  if (!r.success) throw new ConfigError(`bad environment: ${formatIssues(r.error)}`);
  const e = r.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    schema: e.LUDUS_DB_SCHEMA,
    pgliteDir: resolve(e.LUDUS_DATA_DIR, 'pglite'),
    journalDir: resolve(e.LUDUS_DATA_DIR, 'journal'),
    adminToken: e.LUDUS_ADMIN_TOKEN,
    league: { enabled: e.LUDUS_LEAGUE, intervalSeconds: e.LUDUS_LEAGUE_INTERVAL, matchesPerGame: e.LUDUS_LEAGUE_MATCHES },
    ui: e.LUDUS_UI,
    publicUrl: e.LUDUS_PUBLIC_URL,
  };
}
