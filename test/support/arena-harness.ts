/**
 * A whole arena for tests (startArena: the HTTP API, /bot, Colyseus rooms, the real store) on one of the
 * two backends — PGlite in memory, or the machine's real PostgreSQL in a fresh schema dropped afterwards —
 * with helpers to register agents and call the API.
 */
import type { AgentSpec } from '../../agents/core/agent.ts';
import { agentsFor } from '../../agents/registry.ts';
import { listGames } from '../../games/index.ts';
import { catalogWith, type GameCatalog } from '../../server/catalog.ts';
import { startArena, type Arena, type ArenaOptions } from '../../server/main.ts';
import { dropSchema } from '../../server/store/postgres.ts';
import type { ArenaConfig } from '../../server/config.ts';
import { freshSchema, type Backend } from '../server/store-backends.ts';

export interface TestArena {
  arena: Arena;
  base: string;
  botUrl: string;
  /** Register a remote agent through the API; returns its id and token. */
  register(name: string, games?: string[]): Promise<{ id: string; token: string }>;
  call(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; json: any; text: string }>;
  close(): Promise<void>;
}

/** The default catalog plus extra built-in agents (e.g. a deliberately broken one), registered at boot. */
export function catalogWithAgents(extra: AgentSpec[]): GameCatalog {
  const base = catalogWith();
  return {
    ...base,
    games: () => listGames(),
    agentsFor: (id) => [...agentsFor(id), ...extra.filter((a) => a.games.includes(id))],
  };
}

/**
 * Rate limits for tests that are not about rate limits: every request of a test comes from
 * 127.0.0.1, and a property test registers dozens of agents a minute. Tests of the limits pass
 * their own `rateLimits` (test/server/hardening-http.test.ts, with the defaults too).
 */
const UNLIMITED = { limit: 1_000_000, ttlMs: 60_000 };
export const TEST_RATE_LIMITS = {
  route: UNLIMITED,
  expensive: UNLIMITED,
  heavy: UNLIMITED,
  authFailures: { ...UNLIMITED, blockMs: 1000 },
};

export async function bootArena(
  backend: Backend,
  opts: ArenaOptions = {},
  config: Partial<ArenaConfig> = {},
): Promise<TestArena> {
  const url = process.env.LUDUS_TEST_DATABASE_URL;
  const schema = backend.name === 'postgres' ? freshSchema() : undefined;
  if (backend.name === 'postgres' && !url)
    throw new Error('LUDUS_TEST_DATABASE_URL is not set: CI must run these tests on the real Postgres');
  const arena = await startArena(
    {
      port: 0,
      host: '127.0.0.1',
      ...(backend.name === 'postgres' ? { databaseUrl: url, schema } : {}),
      league: { enabled: false, intervalSeconds: 30, matchesPerGame: 1 },
      ui: false,
      ...config,
    },
    { log: () => {}, rateLimits: TEST_RATE_LIMITS, ...opts },
  );
  const base = `http://127.0.0.1:${arena.port}`;
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(base + path, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  };
  return {
    arena,
    base,
    botUrl: `ws://127.0.0.1:${arena.port}/bot`,
    call,
    async register(name, games = []) {
      const r = await call('POST', '/api/agents', { name, owner: 'tests', games });
      if (r.status !== 201) throw new Error(`register ${name}: ${r.status} ${r.text}`);
      return { id: r.json.agent.id, token: r.json.token };
    },
    async close() {
      await arena.close();
      if (schema && url) {
        await dropSchema(url, schema);
        await dropSchema(url, `${schema}_boss`); // the job queue's tables (server/tournament/queue.ts)
      }
    },
  };
}
