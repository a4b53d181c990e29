/**
 * What the UI end-to-end tests need: the real arena on a random loopback port (PGlite in a
 * temporary directory), a way to play matches between built-in agents through its match service,
 * and headless Chromium.
 */
import type { Store } from '../../server/store/store.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { getAgent, instantiate } from '../../agents/registry.ts';
import { playMatch } from '../../games/core/runner.ts';
import { getGame } from '../../games/index.ts';
import type { ArenaConfig } from '../../server/config.ts';
import { finishedMatch } from '../../server/live/record.ts';
import { startArena } from '../../server/main.ts';
import { TEST_RATE_LIMITS } from '../support/arena-harness.ts';

export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--headless'],
  });
}

export interface Arena {
  url: string;
  /** The admin token (for uploads such as POST /api/checkpoints). */
  adminToken: string;
  /** The server's store (tests that set up rows the UI reads, such as finished evaluations). */
  store: Store;
  /** Play a rated match between registered built-in agents (by name) to the end; returns its id once stored. */
  playBuiltins(game: string, agents: string[], config: unknown): Promise<string>;
  /**
   * Play `rounds` round robins of rated matches between registered built-in agents in-process
   * (fast: no match service) and commit them; resolves when the leaderboard, Nash averaging and
   * α-Rank include them.
   */
  roundRobin(game: string, agents: string[], config: unknown, rounds: number): Promise<void>;
  close(): Promise<void>;
}

export async function bootArena(extra: Partial<ArenaConfig> = {}): Promise<Arena> {
  const dir = mkdtempSync(join(tmpdir(), 'ludus-ui-e2e-'));
  const adminToken = 'ludus_admin_ui-e2e-test-token';
  const config: ArenaConfig = {
    port: 0,
    host: '127.0.0.1',
    pgliteDir: join(dir, 'pglite'),
    // The tests play their own matches: no scheduled league rounds between them.
    league: { enabled: false, intervalSeconds: 3600, matchesPerGame: 1 },
    ui: true,
    adminToken,
    ...extra,
  };
  // Every request of these tests comes from 127.0.0.1: the rate limits have their own tests.
  const arena = await startArena(config, { log: () => {}, rateLimits: TEST_RATE_LIMITS });
  const url = `http://127.0.0.1:${arena.port}`;
  return {
    url,
    store: arena.store,
    adminToken,
    async playBuiltins(game, agents, cfg) {
      const seats = await Promise.all(
        agents.map(async (name) => {
          const agent = await arena.store.getAgentByName(name);
          if (!agent) throw new Error(`no registered agent ${name}`);
          return { agent };
        }),
      );
      const { matchId, done } = await arena.live!.startMatch({ game, config: cfg, seats });
      await done;
      await arena.live!.flush();
      return matchId;
    },
    async roundRobin(game, agents, cfg, rounds) {
      const g = getGame(game);
      const registered = await Promise.all(agents.map((name) => arena.store.getAgentByName(name)));
      let seed = 1;
      for (let r = 0; r < rounds; r++)
        for (let i = 0; i < agents.length; i++)
          for (let j = i + 1; j < agents.length; j++) {
            const pair = r % 2 ? [j, i] : [i, j];
            const s = seed++;
            const specs = pair.map((k) => getAgent(game, agents[k]!));
            const m = finishedMatch(playMatch(g, cfg, s, instantiate(g, cfg, s, specs)), {
              seats: pair.map((k, seat) => ({
                seat,
                agentId: registered[k]!.id,
                kind: 'builtin' as const,
                label: agents[k]!,
              })),
            });
            await arena.store.commitMatch(m);
          }
      await arena.store.boards.settled(game);
    },
    async close() {
      await arena.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
