/**
 * What a person in the browser relies on (issue 16), against a whole arena on loopback through the
 * Colyseus SDK: the clock match-start states is the one that applies to the seat, a refused action
 * leaves the turn open, a seat may resign, everyone in the room learns the spectator count, and the
 * person's seat carries the name they chose (never "you") for spectators and the live list.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, type Room } from '@colyseus/sdk';
import { HUMAN_MIN_TIMING } from '../../server/live/timing.ts';
import { bootArena, type TestArena } from '../support/arena-harness.ts';
import type { Msg } from '../support/live-harness.ts';
import { BACKENDS } from './store-backends.ts';

/** Every message a room receives, with a way to wait for the next one of a type. */
function inbox(room: Room) {
  const seen: Msg[] = [];
  const waiters: { pred: (m: Msg) => boolean; resolve: (m: Msg) => void }[] = [];
  room.onMessage('*', (type: string | number, msg: Msg) => {
    const m = { ...msg, type: String(type) };
    const w = waiters.findIndex((x) => x.pred(m));
    if (w >= 0) waiters.splice(w, 1)[0]!.resolve(m);
    else seen.push(m);
  });
  return {
    next(pred: (m: Msg) => boolean): Promise<Msg> {
      const i = seen.findIndex(pred);
      if (i >= 0) return Promise.resolve(seen.splice(i, 1)[0]!);
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

describe('a person playing through a Colyseus room', () => {
  let t: TestArena;
  let browser: Client;
  before(async () => {
    t = await bootArena(BACKENDS[0]!);
    browser = new Client(`ws://127.0.0.1:${t.arena.port}`);
  });
  after(async () => {
    await t.close();
  });

  it('the seat carries the chosen name (default "guest"), and match-start states the clock of that seat', async () => {
    const anon = await t.call('POST', '/api/play', { game: 'ipd', opponent: 'tft', config: { turns: 2 } });
    assert.equal(anon.status, 201);
    const named = await t.call('POST', '/api/play', {
      game: 'ipd',
      opponent: 'tft',
      seat: 1,
      name: '  Ada ',
      config: { turns: 2 },
    });
    assert.equal(named.status, 201);
    assert.equal(
      (await t.call('POST', '/api/play', { game: 'ipd', opponent: 'tft', name: 'x'.repeat(33) })).status,
      400,
    );
    const live = (await t.call('GET', '/api/live')).json.items as Msg[];
    const labels = (id: string) => live.find((m) => m.id === id)!.seats.map((s: Msg) => s.label);
    assert.deepEqual(labels(anon.json.matchId), ['guest', 'tft']);
    assert.deepEqual(labels(named.json.matchId), ['tft', 'Ada']);

    const room = await browser.joinOrCreate('match', {
      matchId: anon.json.matchId,
      human: true,
      seatToken: anon.json.seatToken,
    });
    const box = inbox(room);
    const start = await box.next((m) => m.type === 'match-start');
    // ipd's bot clock is 2 s + 30 s; a person gets at least 30 s + 150 s, and match-start says so.
    assert.equal(start.timing.turnMs, HUMAN_MIN_TIMING.turnMs);
    assert.equal(start.timing.bankMs, HUMAN_MIN_TIMING.bankMs);
    const turn = await box.next((m) => m.type === 'turn');
    assert.ok(
      turn.deadlineMs > HUMAN_MIN_TIMING.turnMs - 15_000 && turn.deadlineMs <= HUMAN_MIN_TIMING.turnMs,
      `deadline ${turn.deadlineMs} (the clock runs from the offer, joining included)`,
    );
    await room.leave();
  });

  it('a refused action leaves the turn open; spectators are counted for everyone; a resignation ends the match as a loss', async () => {
    const play = await t.call('POST', '/api/play', { game: 'ipd', opponent: 'tft', name: 'Ada', config: { turns: 5 } });
    const { matchId, seatToken } = play.json;
    const person = await browser.joinOrCreate('match', { matchId, human: true, seatToken });
    const me = inbox(person);
    assert.equal((await me.next((m) => m.type === 'spectators')).count, 0);
    const turn0 = await me.next((m) => m.type === 'turn');

    person.send('action', { step: turn0.step, action: 'cooperate please' });
    const refused = await me.next((m) => m.type === 'error');
    assert.deepEqual([refused.code, refused.step], ['SCHEMA', 0]);
    person.send('action', { step: 0, action: 'D' });
    assert.equal((await me.next((m) => m.type === 'turn')).step, 1, 'the same turn was still open after the refusal');

    const watcher = await new Client(`ws://127.0.0.1:${t.arena.port}`).joinOrCreate('match', {
      matchId,
      spectate: true,
    });
    const theirs = inbox(watcher);
    assert.equal((await me.next((m) => m.type === 'spectators')).count, 1, 'the player learns that someone watches');
    assert.equal((await theirs.next((m) => m.type === 'spectators')).count, 1);
    assert.equal(((await t.call('GET', '/api/live')).json.items as Msg[]).find((m) => m.id === matchId)!.spectators, 1);

    watcher.send('resign', {});
    assert.equal((await theirs.next((m) => m.type === 'error')).code, 'NOT_YOUR_SEAT', 'a spectator cannot resign');
    person.send('resign', { seat: 1 });
    assert.equal(
      (await me.next((m) => m.type === 'error')).code,
      'NOT_YOUR_SEAT',
      "the opponent's seat is not the person's",
    );

    person.send('resign', {});
    const result = await me.next((m) => m.type === 'result');
    assert.equal(result.outcome, 'disconnect');
    assert.equal(result.result.reason, 'resign');
    assert.deepEqual(result.result.ranks, [2, 1]);
    assert.equal(result.result.winner, 1);
    assert.equal(
      (await theirs.next((m) => m.type === 'result')).result.reason,
      'resign',
      'spectators read the same result',
    );
    const stored = await t.call('GET', `/api/matches/${matchId}`);
    assert.equal(stored.json.result.reason, 'resign');
    assert.equal(stored.json.steps, 1);
    person.send('resign', {});
    assert.equal((await me.next((m) => m.type === 'error')).code, 'GAME_OVER');
    await Promise.all([person.leave(), watcher.leave()]);
  });
});
