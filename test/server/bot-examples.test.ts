/**
 * Every game has an example bot in agents/examples: its own strategy plus the shared connection shell
 * (plain `ws`, no Ludus imports), and each one plays a whole seek match against a real server from its own process.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { listGames } from '../../games/index.ts';
import { bootLive, type LiveTestServer } from '../support/live-harness.ts';

const root = new URL('../..', import.meta.url).pathname;
const SHORT: Record<string, object> = {
  ipd: { turns: 10 },
  'stag-hunt': { turns: 10 },
  chicken: { turns: 10 },
  matrix: { turns: 10 },
  'public-goods': { rounds: 3 },
  'sequential-public-goods': { rounds: 3 },
  'trust-and-split': { rounds: 3 },
};

function run(
  file: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The modules a file imports (static imports, in order). */
const importsOf = (file: string) =>
  [...readFileSync(root + file, 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);

describe('example bots', () => {
  it('share one connection shell that depends on nothing but ws, so a bot and the shell can be copied as a pair', () => {
    assert.deepEqual(importsOf('agents/examples/shell.ts'), ['ws']);
  });

  it('each play a strategy of their own (no two choose functions are the same)', () => {
    const bodies = new Map<string, string>();
    for (const game of listGames()) {
      const file = `agents/examples/${game.id}-bot.ts`;
      if (!existsSync(root + file)) continue;
      const src = readFileSync(root + file, 'utf8');
      const body = src.slice(src.indexOf('function choose')).replace(/\s+/g, ' ');
      for (const [other, b] of bodies) assert.notEqual(body, b, `${game.id} plays the same strategy as ${other}`);
      bodies.set(game.id, body);
    }
  });

  let s: LiveTestServer;
  const runs = new Map<string, Promise<{ code: number | null; stdout: string; stderr: string }>>();
  before(async () => {
    s = await bootLive({ matchmaking: { fillerAfterMs: 20 } });
    // All examples run at once (they mostly wait on each other's turns), each from its own process.
    for (const game of listGames()) {
      const file = `agents/examples/${game.id}-bot.ts`;
      if (!existsSync(root + file)) continue;
      const { token } = s.store.add(`example-${game.id}`, { games: [game.id] });
      runs.set(
        game.id,
        run(file, { LUDUS_TOKEN: token, LUDUS_URL: s.botUrl, LUDUS_CONFIG: JSON.stringify(SHORT[game.id] ?? {}) }),
      );
    }
  });
  after(async () => {
    await s.close();
  });

  for (const game of listGames()) {
    const file = `agents/examples/${game.id}-bot.ts`;
    it(`${file} exists, imports only ws, and plays a whole ${game.id} match`, async () => {
      assert.ok(existsSync(root + file), `missing example bot for ${game.id}`);
      assert.deepEqual(importsOf(file), ['./shell.ts'], 'an example is its strategy plus the shared shell');
      const out = await runs.get(game.id)!;
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stdout, /result m_\S+: normal, returns/);
      assert.doesNotMatch(out.stderr, /ILLEGAL_ACTION|SCHEMA/, 'the example strategy only plays legal actions');
    });
  }

  it('an example bot whose seek is refused (its agent is not registered for the game) exits 2 instead of waiting forever', async () => {
    const { token } = s.store.add('example-refused', { games: ['ipd'] });
    const out = await run('agents/examples/vgc-bot.ts', { LUDUS_TOKEN: token, LUDUS_URL: s.botUrl });
    assert.equal(out.code, 2, out.stderr);
    assert.match(out.stderr, /server says UNKNOWN_GAME/);
  });
});
