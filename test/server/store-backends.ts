/**
 * The two store backends every store test runs against: PGlite in memory (one per test file) and
 * the machine's real Postgres at LUDUS_TEST_DATABASE_URL, in a fresh schema dropped afterwards.
 * Without that variable the Postgres suite is skipped with its reason printed, except under
 * CI=true where it fails loudly (CI must exercise both backends).
 */
import { randomBytes } from 'node:crypto';
import { Store } from '../../server/store/store.ts';
import { dropSchema } from '../../server/store/postgres.ts';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** Reason to skip this backend, or undefined to run it. */
  skip?: string;
  open(): Promise<{ store: Store; cleanup(): Promise<void> }>;
}

const url = process.env.LUDUS_TEST_DATABASE_URL;

export function freshSchema(): string {
  return `ludus_test_${randomBytes(6).toString('hex')}`;
}

export const BACKENDS: Backend[] = [
  {
    name: 'pglite',
    async open() {
      const store = await Store.open();
      return { store, cleanup: () => store.close() };
    },
  },
  {
    name: 'postgres',
    skip:
      url || process.env.CI === 'true'
        ? undefined
        : 'LUDUS_TEST_DATABASE_URL is not set (set it to run the real-Postgres store tests)',
    async open() {
      if (!url)
        throw new Error(
          'LUDUS_TEST_DATABASE_URL is not set: CI must run the store tests against the real Postgres (see .ci/run)',
        );
      const schema = freshSchema();
      const store = await Store.open({ databaseUrl: url, schema });
      return {
        store,
        async cleanup() {
          await store.close();
          await dropSchema(url, schema);
        },
      };
    },
  },
];

for (const b of BACKENDS) if (b.skip) process.stderr.write(`# store tests: skipping ${b.name}: ${b.skip}\n`);
