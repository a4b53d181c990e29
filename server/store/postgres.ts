/**
 * Server backend: a real Postgres through the `postgres` package (postgres.js), with a small pool.
 * `schema` puts every table in one schema through the connection's search_path (tests use a fresh
 * `ludus_test_<random>` schema per run so parallel runs never see each other).
 */
import postgres from 'postgres';
import type { Row, Sql, SqlDb } from './sql.ts';

type Client = postgres.Sql | postgres.TransactionSql;

function wrap(q: Client): Sql {
  return {
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      // postgres.js sends a parameterless unsafe() with the simple protocol; force the extended one
      // so that a single statement behaves the same with or without parameters.
      return (await q.unsafe(text, params as any[], { prepare: false, simple: false } as any)) as unknown as T[];
    },
    async exec(script: string) {
      await q.unsafe(script, [], { simple: true } as any);
    },
  };
}

export interface PostgresOptions {
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
}

/**
 * `CREATE SCHEMA IF NOT EXISTS` is not safe against itself: two servers booting at once on a fresh
 * database can both pass the "not exists" check, and the loser fails on pg_namespace's unique index
 * (23505) or with duplicate_schema (42P06). Either means the schema exists now, which is all we want.
 */
async function createSchemaIfMissing(admin: postgres.Sql, schema: string): Promise<void> {
  try {
    await admin.unsafe(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw e;
  }
}

export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<SqlDb> {
  if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(opts.schema))
    throw new Error(`bad schema name ${opts.schema}`);
  const common = { onnotice: () => {}, idle_timeout: 20, connect_timeout: 10 };
  if (opts.schema) {
    const admin = postgres(url, { ...common, max: 1 });
    try {
      await createSchemaIfMissing(admin, opts.schema);
    } finally {
      await admin.end();
    }
  }
  const sql = postgres(url, {
    ...common,
    // JSON parameters arrive already serialised (the store's convention, which PGlite shares);
    // postgres.js would stringify them a second time.
    types: {
      json: {
        to: 114,
        from: [114, 3802],
        serialize: (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x)),
        parse: (x: string) => JSON.parse(x),
      },
    },
    max: opts.max ?? 10,
    connection: opts.schema ? { search_path: opts.schema } : {},
  });
  await sql.unsafe('SELECT 1'); // fail fast on a bad URL
  const base = wrap(sql);
  return {
    backend: 'postgres',
    ...base,
    transaction: <T>(fn: (tx: Sql) => Promise<T>) => sql.begin((tx) => fn(wrap(tx))) as Promise<T>,
    close: () => sql.end({ timeout: 5 }),
  };
}

/** Drop a schema made by openPostgres({schema}) (tests clean up after themselves). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  const admin = postgres(url, { onnotice: () => {}, max: 1 });
  try {
    await admin.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await admin.end();
  }
}
