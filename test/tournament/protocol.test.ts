/**
 * Tournaments over the bot protocol (PGlite arena, real WebSockets on loopback): the example
 * tournament bot, started in its own process before the event exists, is invited, joins, is paired,
 * plays its matches without seeking and reads the final standings; a raw connection sees the round,
 * then each pairing before its match-start, then the standings; refusals carry the stable codes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import { bootArena, type TestArena } from '../support/arena-harness.ts';
import { BACKENDS } from '../server/store-backends.ts';
import { ROOT, until } from './support.ts';

const ADMIN = 'protocol-admin-token-01234';

function connect(url: string, token: string): Promise<{ ws: WebSocket; seen: any[] }> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url);
    const seen: any[] = [];
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('error', fail);
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString());
      seen.push(m);
      if (m.type === 'welcome') ok({ ws, seen });
      if (m.type === 'turn') ws.send(JSON.stringify({ type: 'action', matchId: m.matchId, step: m.step, action: 'D' }));
    });
  });
}

describe('tournaments on the bot protocol', () => {
  let t: TestArena;
  before(async () => {
    t = await bootArena(
      BACKENDS[0]!,
      {},
      { adminToken: ADMIN, tournaments: { enabled: true, leaseMs: 5000, jobExpireSeconds: 10, pollSeconds: 0.5 } },
    );
  });
  after(async () => t?.close());

  it('the example bot is invited, joins, plays its pairings without seeking and reads the final standings', async () => {
    const ex = await t.register('example-tbot', ['ipd']);
    const raw = await t.register('raw-tbot', ['ipd']);
    const child = spawn(process.execPath, ['--import', 'tsx', 'agents/examples/tournament-bot.ts', t.botUrl], {
      cwd: ROOT,
      env: { ...process.env, LUDUS_TOKEN: ex.token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exit = new Promise<number | null>((ok) => child.once('exit', ok));
    await until('the example bot to connect', () => /connected as example-tbot/.test(out));
    const { ws, seen } = await connect(t.botUrl, raw.token);
    const builtins = (await t.call('GET', '/api/agents?game=ipd&kind=builtin&limit=100')).json.items as {
      id: string;
      ref: string;
    }[];
    const tft = builtins.find((b) => b.ref === 'tft')!.id;
    const created = await t.call(
      'POST',
      '/api/tournaments',
      {
        name: 'protocol swiss',
        game: 'ipd',
        config: { turns: 10 },
        rules: { format: { kind: 'swiss', rounds: 2 } },
        entrants: [tft],
        open: true,
        startInSeconds: 4,
        seed: 2,
      },
      ADMIN,
    );
    assert.equal(created.status, 201, created.text);
    const id = created.json.id;
    // The raw bot joins over the protocol too.
    await until('an invitation to the raw bot', () =>
      seen.some((m) => m.type === 'tournament-invitation' && m.tournamentId === id),
    );
    ws.send(JSON.stringify({ type: 'tournament-join', tournamentId: id }));
    await until('tournament-joined', () => seen.find((m) => m.type === 'tournament-joined' && m.tournamentId === id));
    assert.equal(await exit, 0, out);
    assert.match(out, new RegExp(`invited to ${id}`));
    assert.match(out, /joined .*entrants/);
    assert.match(out, /round 1 of 2/);
    assert.match(out, /pairing r1p\d+ game 0/);
    assert.match(out, /final standings:\n\s+1\. /);
    const v = (await t.call('GET', `/api/tournaments/${id}`)).json;
    assert.equal(v.status, 'finished');
    assert.deepEqual(v.entrants.map((e: any) => e.name).sort(), ['example-tbot', 'raw-tbot', 'tft']);
    const exRow = v.standings.find((r: any) => r.name === 'example-tbot');
    assert.equal(exRow.games + exRow.byes, 2, 'played or had a bye in both rounds');
    // Raw connection: round → pairing → match-start (same match) → … → standings (finished).
    await until('final standings on the raw connection', () =>
      seen.some((m) => m.type === 'tournament-standings' && m.status === 'finished'),
    );
    const iRound = seen.findIndex((m) => m.type === 'tournament-round' && m.round === 1);
    const pairing = seen.find((m) => m.type === 'tournament-pairing');
    if (pairing) {
      const iPair = seen.indexOf(pairing);
      const iStart = seen.findIndex((m) => m.type === 'match-start' && m.matchId === pairing.matchId);
      assert.ok(iRound < iPair && iPair < iStart, `round ${iRound} < pairing ${iPair} < match-start ${iStart}`);
      assert.equal(seen[iStart].origin.type, 'tournament');
    }
    const final = seen.filter((m) => m.type === 'tournament-standings').pop();
    assert.deepEqual(final.standings.map((r: any) => r.name).sort(), ['example-tbot', 'raw-tbot', 'tft']);
    ws.send(JSON.stringify({ type: 'tournament-join', tournamentId: 't_nope' }));
    await until('UNKNOWN_TOURNAMENT', () => seen.some((m) => m.type === 'error' && m.code === 'UNKNOWN_TOURNAMENT'));
    const alld = builtins.find((b) => b.ref === 'alld')!.id;
    const closed = await t.call(
      'POST',
      '/api/tournaments',
      {
        name: 'invitation only',
        game: 'ipd',
        rules: { format: { kind: 'round-robin' } },
        entrants: [tft, alld],
        startInSeconds: 3600,
      },
      ADMIN,
    );
    ws.send(JSON.stringify({ type: 'tournament-join', tournamentId: closed.json.id }));
    await until('TOURNAMENT_CLOSED', () => seen.some((m) => m.type === 'error' && m.code === 'TOURNAMENT_CLOSED'));
    // TOURNAMENT_ENTRANTS: an open event for a game the agent does not play; TOURNAMENT_STATE: withdrawing from a finished one.
    const other = await t.call(
      'POST',
      '/api/tournaments',
      {
        name: 'stag hunt',
        game: 'stag-hunt',
        rules: { format: { kind: 'round-robin' } },
        open: true,
        startInSeconds: 3600,
      },
      ADMIN,
    );
    assert.equal(other.status, 201, other.text);
    ws.send(JSON.stringify({ type: 'tournament-join', tournamentId: other.json.id }));
    await until('TOURNAMENT_ENTRANTS', () => seen.some((m) => m.type === 'error' && m.code === 'TOURNAMENT_ENTRANTS'));
    ws.send(JSON.stringify({ type: 'tournament-withdraw', tournamentId: id }));
    await until('TOURNAMENT_STATE', () => seen.some((m) => m.type === 'error' && m.code === 'TOURNAMENT_STATE'));
    ws.close();
  });
});
