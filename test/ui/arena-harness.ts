/**
 * What the UI end-to-end tests need: the real arena on a random loopback port (PGlite in a
 * temporary directory), a way to play matches between built-in agents through its match service,
 * and headless Chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { ArenaConfig } from '../../server/config.ts';
import { startArena } from '../../server/main.ts';

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
  /** Play a rated match between registered built-in agents (by name) to the end; returns its id once stored. */
  playBuiltins(game: string, agents: string[], config: unknown): Promise<string>;
  close(): Promise<void>;
}

export async function bootArena(): Promise<Arena> {
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
  };
  const arena = await startArena(config, { log: () => {} });
  const url = `http://127.0.0.1:${arena.port}`;
  return {
    url,
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
    async close() {
      await arena.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
