/**
 * The demo of a fresh server (LUDUS_DEMO): a recurring round robin of built-ins and an open Swiss are
 * scheduled once, one of each starts at once, and the demo's matches are paced so that the Live page
 * has something to follow (a 30-turn match at 20 ms a turn lasts at least 0.6 s; unpaced, milliseconds).
 * The first double round robin alone gives every built-in 8 rated games on the leaderboard, so the
 * next one (5 minutes later at most) takes them past the 10 games Nash averaging and α-Rank need.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bootArena, type TestArena } from '../support/arena-harness.ts';
import { BACKENDS } from '../server/store-backends.ts';
import { listSchedules } from '../../server/tournament/schedules.ts';
import { DEMO_FIELD, DEMO_RR_GAMES, ensureDemo } from '../../server/tournament/demo.ts';
import { RATING_DEFAULTS } from '../../agents/eval/rating-board.ts';

describe('npm start demo tournaments', () => {
  let t: TestArena;
  before(async () => {
    t = await bootArena(
      BACKENDS[0]!,
      {},
      {
        adminToken: 'demo-admin-token-0123456789',
        tournaments: { enabled: true, leaseMs: 5000, jobExpireSeconds: 10, pollSeconds: 0.5 },
        demo: { enabled: true, paceMs: 20 },
      },
    );
  });
  after(async () => t?.close());

  it('schedules a recurring round robin and an open Swiss once, starts one of each, and paces their matches', async () => {
    const schedules = await listSchedules(t.arena.store.db);
    assert.deepEqual(schedules.map((s) => s.name).sort(), ['Demo round robin', 'Open Swiss']);
    await ensureDemo(t.arena.tournaments!, t.arena.store, { paceMs: 20 });
    assert.equal((await listSchedules(t.arena.store.db)).length, 2, 'a second boot adds nothing');
    const list = (await t.call('GET', '/api/tournaments')).json.items as any[];
    assert.equal(list.length, 2);
    const swiss = list.find((x) => x.rules.format.kind === 'swiss');
    assert.equal(swiss.open, true);
    assert.equal(swiss.status, 'registration');
    const rr = list.find((x) => x.rules.format.kind === 'round-robin');
    const v = await (async () => {
      for (let i = 0; i < 600; i++) {
        const r = (await t.call('GET', `/api/tournaments/${rr.id}`)).json;
        const g = r.rounds.flatMap((x: any) => x.pairings.flatMap((p: any) => p.games)).find((g: any) => g.matchId);
        if (g) return g;
        await new Promise((ok) => setTimeout(ok, 100));
      }
      throw new Error('no demo match was played');
    })();
    const m = (await t.call('GET', `/api/matches/${v.matchId}`)).json;
    assert.ok(m.durationMs >= 30 * 20 * 0.9, `paced: ${m.durationMs} ms for 30 turns`);
  });

  it('fills the leaderboard: the first round robin is double and rates 8 games for each built-in', async () => {
    const schedules = await listSchedules(t.arena.store.db);
    assert.equal(schedules.find((s) => s.name === 'Demo round robin')!.cron, '0 */5 * * * *');
    const rr = ((await t.call('GET', '/api/tournaments')).json.items as any[]).find(
      (x) => x.rules.format.kind === 'round-robin',
    );
    assert.equal(rr.rules.format.cycles, 2);
    for (let i = 0; i < 1200; i++) {
      if ((await t.call('GET', `/api/tournaments/${rr.id}`)).json.status === 'finished') break;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    const board = (await t.call('GET', '/api/leaderboard/ipd')).json.items as any[];
    const games = Object.fromEntries(DEMO_FIELD.map((ref) => [ref, board.find((r) => r.ref === ref)?.games ?? 0]));
    assert.deepEqual(games, Object.fromEntries(DEMO_FIELD.map((ref) => [ref, 8])));
    assert.equal(DEMO_RR_GAMES, 8);
    assert.ok(2 * DEMO_RR_GAMES >= RATING_DEFAULTS.minGames, 'two events reach the payoff table');
  });
});
