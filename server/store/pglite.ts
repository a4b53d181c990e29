/**
 * Embedded backend: PGlite (Postgres compiled to WebAssembly) in this process. A data directory
 * persists across boots; no directory means an in-memory database (tests). PGlite is a single
 * connection: its `transaction` holds the connection, so other queries wait until it ends, which
 * is exactly the serialisation the rating update needs.
 *
 * One process per data directory: two PGlite instances writing one directory corrupt it. The lock
 * is a pid file, as PostgreSQL's own `postmaster.pid`: created exclusively, naming the owner's pid;
 * a file whose process is gone (a SIGKILL) is taken over at once, so a crashed server restarts
 * without waiting for a lease to expire (lock libraries such as proper-lockfile detect staleness by
 * mtime after several seconds). Hand-written for that reason, in a dozen lines.
 */
import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Row, Sql, SqlDb } from './sql.ts';

function wrap(q: PGlite | Transaction): Sql {
  return {
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      return (await q.query<T>(text, params as unknown[])).rows;
    },
    async exec(script: string) {
      await q.exec(script);
    },
  };
}

/** Another live process (or this one) holds the data directory. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `the data directory ${dir} is in use by another Ludus server (pid ${pid}); stop it, or set LUDUS_DATA_DIR to another directory`,
    );
    this.name = 'DataDirInUseError';
  }
}

const LOCK_FILE = 'ludus.pid';
/** Directories this process holds (a second open in the same process is refused too). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * Take the data directory for this process, or throw DataDirInUseError.
 * @returns the release function (idempotent)
 */
export function lockDataDir(dataDir: string): () => void {
  const dir = resolve(dataDir);
  const file = join(dir, LOCK_FILE);
  if (held.has(dir)) throw new DataDirInUseError(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(dir);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(dir);
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirInUseError(dir, pid);
      unlinkSync(file); // its owner is gone (or it is a leftover of this very pid): take it over
    }
  }
  throw new DataDirInUseError(dir, Number.NaN);
}

export async function openPglite(dataDir?: string): Promise<SqlDb> {
  let release = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (e) {
    release();
    throw e;
  }
  const base = wrap(db);
  return {
    backend: 'pglite',
    ...base,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: async () => {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}
