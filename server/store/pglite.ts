/**
 * Embedded backend: PGlite (Postgres compiled to WebAssembly) in this process. A data directory
 * persists across boots; no directory means an in-memory database (tests). PGlite is a single
 * connection: its `transaction` holds the connection, so other queries wait until it ends, which
 * is exactly the serialisation the rating update needs.
 */
import { mkdirSync } from 'node:fs';
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

export async function openPglite(dataDir?: string): Promise<SqlDb> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const base = wrap(db);
  return {
    backend: 'pglite',
    ...base,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}
