/**
 * The one query interface the store is written against, with two adapters (boardgame.io-style):
 * PGlite embedded (pglite.ts) and a real Postgres through postgres.js (postgres.ts). Only plain
 * SQL with $1-style parameters crosses it, so both backends run the same statements and the same
 * migrations. JSON goes in as text with an explicit `::jsonb` cast, and comes out parsed.
 */
export type Row = Record<string, unknown>;

export interface Sql {
  /** One statement with $n parameters; returns its rows. */
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface SqlDb extends Sql {
  readonly backend: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Timestamps come back as Date from both drivers; the API speaks ISO strings. */
export function iso(v: unknown): string {
  return v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
}

/** Postgres bigint (count(*), sums) arrives as a string from postgres.js and a number from PGlite. */
export function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}
