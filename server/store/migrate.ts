/**
 * The migration runner: migrations/NNN_name.sql, applied in order at boot, each in its own
 * transaction together with its row in `schema_migrations`, so a re-run skips what is done.
 *
 * Why a dozen lines of our own: the npm runners either speak to one driver (postgres-shift is
 * postgres.js only; node-pg-migrate needs `pg`) or bring an ORM; none runs on both postgres.js and
 * PGlite. This one only needs the store's `Sql` interface, so both backends share it.
 *
 * Two servers booting on one Postgres at once are serialised by a transaction-scoped advisory
 * lock. An applied migration whose file changed is an error (its checksum is recorded), never
 * silently skipped: add a new migration instead of editing an old one.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlDb } from './sql.ts';

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');
const LOCK_KEY = 73_117_001; // arbitrary constant shared by every Ludus server

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const list = readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(join(dir, f), 'utf8');
      return { version: Number(f.slice(0, 3)), name: f, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.version === list[i - 1]!.version)
      throw new Error(`two migrations numbered ${list[i]!.version}: ${list[i - 1]!.name}, ${list[i]!.name}`);
  }
  return list;
}

/** Apply pending migrations; returns the names applied by this call. */
export async function migrate(db: SqlDb, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = loadMigrations(dir);
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  const applied: string[] = [];
  for (const m of migrations) {
    const did = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const [row] = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = $1', [
        m.version,
      ]);
      if (row) {
        if (row.checksum !== m.checksum)
          throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
        return false;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
      return true;
    });
    if (did) applied.push(m.name);
  }
  return applied;
}
