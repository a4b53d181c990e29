/**
 * Tournaments over the HTTP API on both backends, with built-in agents and remote bots playing over
 * /bot on loopback: a round robin whose standings are checked against a hand-computed table with a
 * bye for everyone (odd field), a no-show (a registered bot that never connects: it forfeits after
 * the grace period and is withdrawn after two forfeits in a row) and the forfeits its opponents win;
 * every other format created and played to the end (Swiss, double round robin, elimination, arena,
 * ladder) with open registration; admin checks; CSV/JSON export.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { bootArena, type TestArena } from '../support/arena-harness.ts';
import { BACKENDS } from '../server/store-backends.ts';
import { until } from './support.ts';

const ADMIN = 'test-admin-token-0123456789';
const CONFIG = { turns: 10 };

/** A remote bot over /bot that plays one fixed move every turn (null: never answers). */
function bot(url: string, token: string, move: 'C' | 'D' | null): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('error', reject);
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.type === 'welcome') resolve(ws);
      if (m.type === 'turn' && move !== null)
        ws.send(JSON.stringify({ type: 'action', matchId: m.matchId, step: m.step, action: move }));
    });
  });
}

for (const backend of BACKENDS) {
  describe(`tournaments API on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestArena;
    const sockets: WebSocket[] = [];
    const agent = new Map<string, { id: string; token?: string }>();
    before(async () => {
      t = await bootArena(
        backend,
        {},
        { adminToken: ADMIN, tournaments: { enabled: true, leaseMs: 5000, jobExpireSeconds: 10, pollSeconds: 0.5 } },
      );
      const builtins = (await t.call('GET', '/api/agents?game=ipd&kind=builtin&limit=100')).json.items as {
        id: string;
        name: string;
        ref: string;
      }[];
      for (const b of builtins) agent.set(b.ref ?? b.name, { id: b.id });
      for (const [name, move] of [
        ['coop-bot', 'C'],
        ['defect-bot', 'D'],
      ] as const) {
        const r = await t.register(name, ['ipd']);
        agent.set(name, r);
        sockets.push(await bot(t.botUrl, r.token, move));
      }
      agent.set('ghost-bot', await t.register('ghost-bot', ['ipd'])); // registered, never connects
    });
    after(async () => {
      for (const s of sockets) s.close();
      await t?.close();
    });

    const finished = (id: string) =>
      until(`tournament ${id} to finish`, async () => {
        const r = await t.call('GET', `/api/tournaments/${id}`);
        return r.json.status === 'finished' ? r.json : undefined;
      });

    it('plays a round robin of built-ins and remote bots to the hand-computed standings: byes, a no-show, its withdrawal', async () => {
      const entrants = ['tft', 'alld', 'coop-bot', 'defect-bot', 'ghost-bot'].map((n) => agent.get(n)!.id);
      const created = await t.call(
        'POST',
        '/api/tournaments',
        {
          name: 'mixed rr',
          game: 'ipd',
          config: CONFIG,
          rules: { format: { kind: 'round-robin' }, noShowGraceMs: 300, maxForfeits: 2 },
          seed: 3,
          entrants,
        },
        ADMIN,
      );
      assert.equal(created.status, 201, created.text);
      const v = await finished(created.json.id);
      const by = (name: string) => v.standings.find((r: any) => r.name === name);
      // tft: L alld, D coop, L defect, W ghost (forfeit) = 1.5 · alld: W tft, W coop, D defect, W ghost = 3.5
      // coop: D tft, L alld, L defect, W ghost = 1.5 · defect: W tft, W coop, D alld, W ghost = 3.5 · ghost 0
      assert.deepEqual(
        v.standings
          .map((r: any) => [r.rank, r.name, r.points])
          .sort((a: any, b: any) => a[0] - b[0] || a[1].localeCompare(b[1])),
        [
          [1, 'alld', 3.5],
          [1, 'defect-bot', 3.5],
          [3, 'coop-bot', 1.5],
          [3, 'tft', 1.5],
          [5, 'ghost-bot', 0],
        ],
      );
      // Tied on points, head-to-head (a draw: ½ each) and Sonneborn–Berger (4.75; 0.75) tie them too.
      assert.deepEqual(by('alld').tiebreaks, { 'head-to-head': 0.5, 'sonneborn-berger': 4.75, wins: 2 });
      assert.deepEqual(by('tft').tiebreaks, { 'head-to-head': 0.5, 'sonneborn-berger': 0.75, wins: 0 });
      for (const r of v.standings) assert.equal(r.byes, 1, `${r.name} rests once in a field of five`);
      const ghost = by('ghost-bot');
      assert.equal(ghost.forfeitLosses, 4);
      assert.equal(ghost.withdrawn, true, 'two forfeits in a row withdraw a no-show');
      assert.equal(by('alld').forfeitWins, 1);
      // Every played game is a stored match.
      const played = v.rounds
        .flatMap((r: any) => r.pairings.flatMap((p: any) => p.games))
        .filter((g: any) => g.outcome?.kind === 'played');
      assert.equal(played.length, 6);
      for (const g of played) assert.equal((await t.call('GET', `/api/matches/${g.matchId}`)).status, 200);
      const csv = await t.call('GET', `/api/tournaments/${v.id}/export?format=csv`);
      assert.match(csv.text.split('\r\n')[0]!, /^rank,agent_id,name,points/);
      assert.equal(csv.text.trim().split('\r\n').length, 6);
      const json = await t.call('GET', `/api/tournaments/${v.id}/export?format=json`);
      assert.deepEqual(json.json.standings, v.standings);
    });

    it('creates every format, with open registration, and plays each to the end', async () => {
      const ids = ['tft', 'alld', 'wsls', 'gtft'].map((n) => agent.get(n)!.id);
      const formats = [
        { kind: 'swiss', rounds: 2 },
        { kind: 'round-robin', cycles: 2 },
        { kind: 'elimination' },
        { kind: 'arena', durationMs: 1500 },
        { kind: 'ladder', maxGames: 6 },
      ];
      const made: string[] = [];
      for (const format of formats) {
        const r = await t.call(
          'POST',
          '/api/tournaments',
          {
            name: format.kind,
            game: 'ipd',
            config: CONFIG,
            rules: { format },
            entrants: ids,
            open: true,
            maxEntrants: 6,
            startInSeconds: 2,
          },
          ADMIN,
        );
        assert.equal(r.status, 201, r.text);
        // a remote bot joins with its own token
        const j = await t.call('POST', `/api/tournaments/${r.json.id}/join`, {}, agent.get('coop-bot')!.token);
        assert.equal(j.status, 200, j.text);
        assert.equal(j.json.entrants.length, 5);
        made.push(r.json.id);
      }
      for (const [i, id] of made.entries()) {
        const v = await finished(id);
        assert.equal(v.entrants.length, 5, formats[i]!.kind);
        assert.ok(v.progress.gamesDone > 0 && v.progress.gamesDone === v.progress.gamesScheduled, formats[i]!.kind);
        if (formats[i]!.kind === 'elimination') assert.equal(v.standings.filter((r: any) => r.rank === 1).length, 1);
        if (formats[i]!.kind === 'ladder') assert.equal(v.progress.gamesDone, 6);
      }
    });

    it("applies the tournament's time control: a silent bot loses on time (its fault: scored, not replayed)", async () => {
      const silent = await t.register('silent-bot', ['ipd']);
      sockets.push(await bot(t.botUrl, silent.token, null));
      const created = await t.call(
        'POST',
        '/api/tournaments',
        {
          name: 'blitz',
          game: 'ipd',
          config: CONFIG,
          rules: { format: { kind: 'round-robin' }, timeControl: { turnMs: 100, bankMs: 0, onTimeout: 'forfeit' } },
          entrants: [agent.get('tft')!.id, silent.id],
        },
        ADMIN,
      );
      assert.equal(created.status, 201, created.text);
      const v = await finished(created.json.id);
      const g = v.rounds[0].pairings[0].games[0];
      assert.equal(g.attempt, 0, 'not replayed');
      const m = (await t.call('GET', `/api/matches/${g.matchId}`)).json;
      assert.equal(m.outcome, 'timeout-forfeit');
      assert.deepEqual(
        v.standings.map((r: any) => [r.name, r.points]),
        [
          ['tft', 1],
          ['silent-bot', 0],
        ],
      );
    });

    it('refuses what it must, with stable codes', async () => {
      const ids = ['tft', 'alld'].map((n) => agent.get(n)!.id);
      const body = { name: 'x', game: 'ipd', rules: { format: { kind: 'round-robin' } }, entrants: ids };
      assert.equal((await t.call('POST', '/api/tournaments', body)).json.code, 'UNAUTHORIZED');
      assert.equal(
        (await t.call('POST', '/api/tournaments', { ...body, rules: { format: { kind: 'swiss', rounds: 0 } } }, ADMIN))
          .json.code,
        'SCHEMA',
      );
      assert.equal(
        (await t.call('POST', '/api/tournaments', { ...body, game: 'public-goods' }, ADMIN)).json.code,
        'TOURNAMENT_RULES',
      );
      assert.equal(
        (await t.call('POST', '/api/tournaments', { ...body, entrants: ['nobody'] }, ADMIN)).json.code,
        'UNKNOWN_AGENT',
      );
      assert.equal((await t.call('GET', '/api/tournaments/t_nope')).json.code, 'UNKNOWN_TOURNAMENT');
      const closed = await t.call('POST', '/api/tournaments', { ...body, startInSeconds: 3600 }, ADMIN);
      const join = await t.call('POST', `/api/tournaments/${closed.json.id}/join`, {}, agent.get('coop-bot')!.token);
      assert.equal(join.status, 409);
      assert.equal(join.json.code, 'TOURNAMENT_CLOSED');
      const cancel = await t.call('POST', `/api/tournaments/${closed.json.id}/cancel`, undefined, ADMIN);
      assert.equal(cancel.json.status, 'cancelled');
      assert.equal(
        (await t.call('POST', `/api/tournaments/${closed.json.id}/cancel`, undefined, ADMIN)).json.code,
        'TOURNAMENT_STATE',
      );
    });
  });
}
