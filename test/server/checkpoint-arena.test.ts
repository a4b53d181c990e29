/**
 * Training meets the arena, end to end: `ludus train` (a real child process) uploads its checkpoint
 * to a running arena, the checkpoint appears as an agent, and a remote bot speaking the plain JSON
 * protocol challenges it by name and plays a whole match that is stored, rated and replayable.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { replay } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import { startArena, type Arena } from '../../server/main.ts';
import { RawBot } from '../support/live-harness.ts';

const root = new URL('../..', import.meta.url).pathname;
let arena: Arena;
let base: string;
let out: string;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin/ludus.js'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const r = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, json: await r.json().catch(() => null) };
}

before(async () => {
  arena = await startArena(
    { port: 0, host: '127.0.0.1', league: { enabled: false, intervalSeconds: 30, matchesPerGame: 1 }, ui: false },
    { log: () => {} },
  );
  base = `http://127.0.0.1:${arena.port}`;
  out = mkdtempSync(join(tmpdir(), 'ludus-ck-'));
});
after(async () => {
  await arena?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('a checkpoint from `ludus train` in a running arena', () => {
  it('is uploaded, listed as an agent, and plays a full match against a remote bot', async () => {
    const trained = await run([
      'train',
      '--game',
      'ipd',
      '--iterations',
      '1',
      '--envs',
      '2',
      '--steps',
      '32',
      '--seed',
      '3',
      '--opponents',
      'random',
      '--eval',
      'random',
      '--eval-matches',
      '2',
      '--out',
      out,
      '--arena',
      base,
      '--token',
      arena.generatedAdminToken!,
      '--json',
    ]);
    assert.equal(trained.code, 0, trained.stderr);

    // The checkpoint is an agent of kind 'checkpoint' now.
    const agents = await api('GET', '/api/agents?limit=200');
    const ck = agents.json.items.find((a: any) => a.kind === 'checkpoint' && a.games.includes('ipd'));
    assert.ok(ck, `no checkpoint agent among ${agents.json.items.map((a: any) => a.name).join(', ')}`);

    // A remote bot (plain JSON over ws) challenges it by name and plays every turn.
    const reg = await api('POST', '/api/agents', {
      name: 'remote-vs-checkpoint',
      owner: 'test',
      games: ['ipd'],
      description: 'always cooperates',
    });
    assert.equal(reg.status, 201);
    const { bot } = await RawBot.login(`ws://127.0.0.1:${arena.port}/bot`, reg.json.token);
    bot.send({ type: 'challenge', opponent: ck.name, game: 'ipd', config: { turns: 12 } });
    const start = await bot.next('match-start', 10_000);
    const result = await bot.play(start.matchId, () => 'C');
    assert.equal(result.outcome, 'normal');
    await bot.close();
    await arena.live!.flush();

    // Stored with both seats, and the replay re-simulates to the recorded hash.
    const match = await api('GET', `/api/matches/${start.matchId}`);
    assert.equal(match.status, 200);
    const kinds = match.json.seats.map((s: any) => s.kind).sort();
    assert.deepEqual(kinds, ['checkpoint', 'remote']);
    const rep = await api('GET', `/api/matches/${start.matchId}/replay`);
    assert.equal(replay(getGame('ipd'), rep.json).hash, rep.json.finalHash);
    const board = await api('GET', '/api/leaderboard/ipd');
    assert.ok(board.json.items.some((x: any) => x.name === ck.name && x.games >= 1));
  });
});
