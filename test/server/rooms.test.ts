/**
 * The Colyseus path, with @colyseus/testing against the same server as /bot: bots joining with
 * their token play full matches (also mixed with a /bot seat), a person takes a human seat, and
 * spectators only ever receive the public view.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, type Room } from '@colyseus/sdk';
import { ColyseusTestServer } from '@colyseus/testing';
import { replay, stepChecked, parseConfig } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import type { AgentRecord } from '../../server/contracts.ts';
import { bootLive, RawBot, type LiveTestServer, type Msg } from '../support/live-harness.ts';

/** Collects a room's messages and answers its turns with `policy`; resolves with the result. */
function playRoom(room: Room, policy: ((turn: Msg) => unknown) | null, log: Msg[] = []): Promise<Msg> {
  return new Promise((resolve) => {
    room.onMessage('*', (type: string | number, msg: Msg) => {
      log.push(msg);
      if (type === 'turn' && policy) room.send('action', { step: msg.step, action: policy(msg) });
      if (type === 'result') resolve(msg);
    });
  });
}

async function joinError(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: number; message: string };
  }
  assert.fail('the join was accepted');
}

describe('Colyseus match rooms', () => {
  let s: LiveTestServer;
  let colyseus: ColyseusTestServer;
  let tft: AgentRecord;
  before(async () => {
    s = await bootLive();
    colyseus = new ColyseusTestServer(s.live.colyseus);
    s.store.addBuiltins(['tft'], ['ipd']);
    tft = (await s.store.getAgentByName('tft'))!;
  });
  after(async () => {
    await s.close();
  });

  it('two bots joining with their tokens through @colyseus/sdk play a whole match that replays to its hash', async () => {
    const a = s.store.add('sdk-a');
    const b = s.store.add('sdk-b');
    const { matchId } = await s.live.startMatch({
      game: 'ipd',
      config: { turns: 8 },
      seats: [{ agent: a.agent }, { agent: b.agent }],
    });
    const ra = await colyseus.sdk.joinOrCreate('match', { matchId, token: a.token });
    const logA: Msg[] = [];
    const doneA = playRoom(ra, (t) => (t.step % 3 ? 'C' : 'D'), logA);
    const rb = await colyseus.sdk.joinOrCreate('match', { matchId, token: b.token });
    const doneB = playRoom(rb, () => 'C');
    assert.equal(ra.roomId, rb.roomId, 'one room per match');
    assert.equal(
      s.live.liveMatches().find((m) => m.id === matchId)?.roomId,
      ra.roomId,
      'the live list names the room to spectate',
    );
    const [resA, resB] = await Promise.all([doneA, doneB]);
    assert.equal(resA.finalHash, resB.finalHash);
    assert.equal(logA[0]!.type, 'match-start');
    assert.equal(logA.filter((m) => m.type === 'turn').length, 8);
    const f = await s.store.committed(matchId);
    assert.equal(
      replay(getGame('ipd'), {
        game: 'ipd',
        config: f.config,
        seed: f.seed,
        actions: f.actions,
        finalHash: f.finalHash,
      }).hash,
      resA.finalHash,
    );
    await Promise.all([ra.leave(), rb.leave()]);
  });

  it('a /bot seat and a Colyseus seat play the same match', async () => {
    const a = s.store.add('mixed-ws');
    const b = s.store.add('mixed-room');
    const { bot } = await RawBot.login(s.botUrl, a.token);
    const { matchId } = await s.live.startMatch({
      game: 'ipd',
      config: { turns: 5 },
      seats: [{ agent: a.agent }, { agent: b.agent }],
    });
    const room = await colyseus.sdk.joinOrCreate('match', { matchId, token: b.token });
    const [r1, r2] = await Promise.all([bot.play(matchId, () => 'D'), playRoom(room, () => 'C')]);
    assert.deepEqual(r1.result.returns, [25, 0]);
    assert.equal(r2.finalHash, r1.finalHash);
    await Promise.all([bot.close(), room.leave()]);
  });

  it('spectators only ever receive the public view (hidden intentions stay hidden) and cannot act', async () => {
    const a = s.store.add('watched');
    const { matchId } = await s.live.startMatch({
      game: 'ipd',
      config: { turns: 6, noise: 0.5 },
      seats: [{ agent: a.agent }, { agent: tft }],
    });
    const room = await colyseus.createRoom('match', { matchId });
    const spectator = await colyseus.connectTo(room, { matchId, spectate: true });
    const anonymous = await colyseus.connectTo(room, { matchId });
    const seen: Msg[] = [];
    const seenAnon: Msg[] = [];
    const done = playRoom(spectator, null, seen);
    const doneAnon = playRoom(anonymous, null, seenAnon);
    spectator.send('sync'); // the view sent on join came before the handlers existed
    spectator.send('action', { step: 0, action: 'C' });
    const player = await colyseus.sdk.joinOrCreate('match', { matchId, token: a.token });
    assert.equal(player.roomId, room.roomId);
    await playRoom(player, (t) => (t.step % 2 ? 'C' : 'D'));
    await Promise.all([done, doneAnon]);

    const refused = seen.find((m) => m.type === 'error');
    assert.equal(refused?.code, 'NOT_YOUR_SEAT');
    for (const log of [seen, seenAnon]) {
      assert.deepEqual(
        [...new Set(log.map((m) => m.type))].sort(),
        log === seen ? ['error', 'result', 'spectators', 'view'] : ['result', 'spectators', 'view'],
      );
    }
    const views = seen.filter((m) => m.type === 'view');
    assert.equal(views[0]!.step, 0);
    assert.equal(views.at(-1)!.step, 6);
    // Every view equals the engine's spectator observation of the state at that step.
    const f = await s.store.committed(matchId);
    const game = getGame('ipd');
    const config = parseConfig(game, f.config);
    let state = game.init(config, f.seed);
    const snapshot = () => JSON.parse(JSON.stringify(game.observe(state, 'spectator')));
    const byStep = new Map<number, any>([[0, snapshot()]]);
    for (const [i, joint] of f.actions.entries()) {
      state = stepChecked(game, state, joint).state;
      byStep.set(i + 1, snapshot());
    }
    for (const v of views) {
      assert.deepEqual(v.observation, byStep.get(v.step));
      assert.equal(v.observation.seat, null);
      assert.equal(v.observation.myIntended, null, 'intended moves are private');
    }
    await Promise.all([spectator.leave(), anonymous.leave(), player.leave()]);
  });

  it('a person takes the human seat with its seat token, on a human clock; nobody without the token can take it', async () => {
    const seatToken = 'st_visitor_secret';
    const { matchId, done } = await s.live.startMatch({
      game: 'ipd',
      config: { turns: 3 },
      seats: [{ human: true, label: 'visitor', seatToken }, { agent: tft }],
    });
    const browser = new Client(`ws://127.0.0.1:${s.port}`);
    const person = await browser.joinOrCreate('match', { matchId, human: true, seatToken });
    const seen: Msg[] = [];
    const played = playRoom(person, () => 'C', seen);
    assert.match((await joinError(browser.joinOrCreate('match', { matchId, human: true }))).message, /^NOT_YOUR_SEAT/);
    assert.match(
      (await joinError(browser.joinOrCreate('match', { matchId, human: true, seatToken: 'st_guess' }))).message,
      /^NOT_YOUR_SEAT/,
    );
    const r = await played;
    assert.deepEqual(r.result.returns, [9, 9]);
    const turn = seen.find((m) => m.type === 'turn')!;
    assert.ok(
      turn.deadlineMs > 25_000 && turn.bankMs >= 150_000,
      `people get at least 30 s a turn and a 150 s bank, got ${turn.deadlineMs} / ${turn.bankMs}`,
    );
    const f = await done;
    assert.equal(f.rated, false, 'anonymous seats are never rated');
    assert.deepEqual(f.seats[0], { seat: 0, agentId: null, kind: 'human', label: 'visitor' });
    await person.leave();
  });

  it('a Colyseus bot whose connection drops is reconnected by the SDK, gets its pending turn again and finishes the match', async () => {
    const a = s.store.add('sdk-dropper');
    const { matchId, done } = await s.live.startMatch({
      game: 'ipd',
      config: { turns: 6 },
      seats: [{ agent: a.agent }, { agent: tft }],
    });
    const room = await colyseus.sdk.joinOrCreate('match', { matchId, token: a.token });
    // The SDK only reconnects rooms that have been up for minUptime (5 s by default); a test cannot wait that long.
    room.reconnection.minUptime = 0;
    let dropped = false;
    const reconnected = new Promise<void>((r) => room.onReconnect(() => r()));
    const seen: Msg[] = [];
    const result = new Promise<Msg>((resolve) => {
      room.onMessage('*', (type: string | number, msg: Msg) => {
        seen.push(msg);
        if (type === 'result') resolve(msg);
        if (type !== 'turn') return;
        if (msg.step === 2 && !dropped) {
          dropped = true;
          // Cut the connection from the server side, as a network failure would (close code 1006).
          const serverRoom = colyseus.getRoomById(room.roomId);
          (serverRoom.clients[0] as unknown as { ref: { terminate(): void } }).ref.terminate();
          return;
        }
        room.send('action', { step: msg.step, action: 'C' });
      });
    });
    await reconnected;
    const r = await result;
    assert.equal(r.outcome, 'normal', 'the reconnection window kept the seat');
    assert.deepEqual(
      seen.filter((m) => m.type === 'turn' && m.step === 2).length,
      2,
      'the pending turn was sent again after the reconnection',
    );
    assert.equal((await done).actions.length, 6);
    await room.leave();
  });

  it('joins are refused with typed reasons: bad token, no seat, unknown match; unknown room messages get UNKNOWN_TYPE', async () => {
    const a = s.store.add('owner');
    const other = s.store.add('stranger');
    const { matchId } = await s.live.startMatch({
      game: 'ipd',
      config: { turns: 2 },
      seats: [{ agent: a.agent }, { agent: tft }],
    });
    assert.match(
      (await joinError(colyseus.sdk.joinOrCreate('match', { matchId, token: 'tok_bad' }))).message,
      /^UNAUTHORIZED/,
    );
    assert.match(
      (await joinError(colyseus.sdk.joinOrCreate('match', { matchId, token: other.token }))).message,
      /^NOT_YOUR_SEAT/,
    );
    assert.match(
      (await joinError(colyseus.sdk.joinOrCreate('match', { matchId: 'm_missing' }))).message,
      /^UNKNOWN_MATCH/,
    );
    const room = await colyseus.sdk.joinOrCreate('match', { matchId, token: a.token });
    const log: Msg[] = [];
    const result = playRoom(room, (t) => (t.step === 0 ? 'C' : 'D'), log);
    room.send('dance', { x: 1 });
    room.send('action', { step: 0, action: 'Z' });
    await result;
    const codes = log.filter((m) => m.type === 'error').map((m) => m.code);
    assert.ok(codes.includes('UNKNOWN_TYPE'));
    assert.ok(codes.includes('SCHEMA'));
    await room.leave();
  });

  it('every refusal of the seat reservation (/matchmake) is in the vocabulary: { code: 4000 + status, error: "CODE: …" }', async () => {
    const post = async (path: string, body?: string, method = 'POST') => {
      const res = await fetch(`http://127.0.0.1:${s.port}${path}`, {
        method,
        ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}),
      });
      const json = (await res.json()) as { code: number; error: string };
      return [res.status, json.code, /^([A-Z_]+): /.exec(json.error)?.[1]];
    };
    assert.deepEqual(await post('/matchmake/joinOrCreate/match', 'not json'), [400, 4400, 'BAD_JSON']);
    assert.deepEqual(await post('/matchmake/joinOrCreate/match', '[1,2]'), [400, 4400, 'BAD_JSON']);
    assert.deepEqual(await post('/matchmake/joinOrCreate/match', JSON.stringify({ pad: 'x'.repeat(70_000) })), [
      413,
      4413,
      'TOO_LARGE',
    ]);
    assert.deepEqual(await post('/matchmake/joinOrCreate/no-such-room', '{}'), [404, 4404, 'NOT_FOUND']);
    assert.deepEqual(await post('/matchmake/joinById/m_gone', '{}'), [404, 4404, 'UNKNOWN_MATCH']);
    assert.deepEqual(await post('/matchmake/a/b/c'), [404, 4404, 'NOT_FOUND']);
    assert.deepEqual(await post('/matchmake'), [404, 4404, 'NOT_FOUND']);
    assert.deepEqual(await post('/matchmake', undefined, 'GET'), [404, 4404, 'NOT_FOUND']);
    const get = await fetch(`http://127.0.0.1:${s.port}/matchmake/joinOrCreate/match`);
    assert.equal(get.headers.get('allow'), 'POST, OPTIONS', 'a 405 names the methods allowed');
    assert.deepEqual(await post('/matchmake/joinOrCreate/match', undefined, 'GET'), [405, 4405, 'METHOD_NOT_ALLOWED']);
    assert.deepEqual(await post('/matchmake/joinOrCreate/match', JSON.stringify({ matchId: 'm_missing' })), [
      404,
      4404,
      'UNKNOWN_MATCH',
    ]);
  });

  it('plain HTTP requests still reach the API listener on the shared server', async () => {
    const res = await fetch(`http://127.0.0.1:${s.port}/api/anything`);
    assert.equal(await res.text(), 'api');
  });
});
