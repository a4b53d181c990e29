/**
 * The standing fuzz suite of live play (issue 15, deliver 6): 100k mixed malformed frames on /bot and
 * 100k malformed messages on the Colyseus room path, made by fast-check generators, against one server
 * on loopback, while a normal match plays beside them and must finish correctly. Every answer to a
 * fuzzed frame is a typed error of the one vocabulary, never INTERNAL; the process never fails.
 * The budget is raised for the fuzzing connections so that every frame is parsed and handled (the
 * limits themselves are tested in hardening-live.test.ts). CI-short: well under a minute.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@colyseus/sdk';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import { isErrorCode } from '../../server/errors.ts';
import { bootLive, RawBot, type LiveTestServer, type Msg } from '../support/live-harness.ts';

const FRAMES = 100_000;
const TYPES = [
  'auth',
  'seek',
  'cancel-seek',
  'challenge',
  'accept',
  'decline',
  'action',
  'ping',
  'bogus',
  '',
  'ACTION',
];

/** Frames a confused or hostile client might send: random JSON, message-shaped objects with wrong fields, broken text, deep nesting. */
function frameArb(matchIds: string[]): fc.Arbitrary<string | Buffer> {
  const id = fc.oneof(
    fc.constantFrom(...matchIds),
    fc.string({ maxLength: 80 }),
    fc.constant('m_\u0000'),
    fc.integer(),
  );
  const shaped = fc
    .record(
      {
        type: fc.oneof(fc.constantFrom(...TYPES), fc.jsonValue()),
        matchId: id,
        step: fc.oneof(fc.nat(5), fc.integer(), fc.double(), fc.string({ maxLength: 4 })),
        seat: fc.oneof(fc.nat(3), fc.integer({ min: -5, max: 5 }), fc.constant(null)),
        action: fc.oneof(
          fc.constantFrom('C', 'D', 'X', ''),
          fc.jsonValue({ maxDepth: 4 }),
          fc.array(fc.double(), { maxLength: 3 }),
        ),
        token: fc.oneof(fc.string({ maxLength: 40 }), fc.constant(''), fc.integer()),
        game: fc.oneof(fc.constantFrom('ipd', 'sumo', 'vgc', 'nope'), fc.string({ maxLength: 10 })),
        config: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ turns: fc.integer({ min: -10, max: 2_000_000 }) })),
        opponent: fc.oneof(fc.constantFrom('tft', 'alld', 'nobody'), fc.string({ maxLength: 20 })),
        challengeId: fc.string({ maxLength: 70 }),
        id: fc.oneof(fc.string({ maxLength: 70 }), fc.double()),
        extra: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o));
  const text = fc.oneof(
    { weight: 5, arbitrary: shaped },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: shaped.chain((s) => fc.nat(s.length).map((n) => s.slice(0, n))) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: 33, max: 400 }).map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)) },
    { weight: 1, arbitrary: fc.integer({ min: 30, max: 5000 }).map((d) => '['.repeat(d)) },
  );
  return fc.oneof(
    { weight: 20, arbitrary: text },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)) },
  );
}

describe('fuzz: live play', () => {
  let s: LiveTestServer;
  const logs: string[] = [];
  before(async () => {
    s = await bootLive({
      timing: { turnMs: 5000, bankMs: 30_000, reconnectMs: 10_000 },
      rateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
      connectionLimits: { perIp: 1000, perAgent: 100, authFailures: { burst: 1_000_000, perSecond: 1_000_000 } },
      log: (l) => logs.push(l),
    });
    s.store.addBuiltins(['tft', 'alld'], ['ipd', 'stag-hunt']);
  });
  after(async () => {
    await s.close();
  });

  it(`${FRAMES} malformed frames on /bot and ${FRAMES} on the room path: typed errors only, and a normal match beside them finishes correctly`, {
    timeout: 120_000,
  }, async () => {
    // The normal match: a bot against tft, 60 turns, always cooperating: 3 points a turn each.
    const honest = s.store.add('honest');
    const { bot } = await RawBot.login(s.botUrl, honest.token);
    bot.send({ type: 'challenge', opponent: 'tft', game: 'ipd', config: { turns: 60 } });
    const start = await bot.next('match-start');
    const honestResult = (async () => {
      let turns = 0;
      for (;;) {
        const m = await bot.next(
          (x) => x.matchId === start.matchId && (x.type === 'turn' || x.type === 'result'),
          60_000,
        );
        if (m.type === 'result') return { m, turns };
        turns++;
        await new Promise((r) => setTimeout(r, 20)); // spread the match over the fuzzing
        bot.send({ type: 'action', matchId: start.matchId, step: m.step, action: 'C' });
      }
    })();

    // Fuzzers: unauthenticated ones, and authenticated ones with a seat in a live match of their own.
    const fuzzAgents = [0, 1, 2].map((i) => s.store.add(`fuzzer-${i}`));
    const tft = (await s.store.getAgentByName('tft'))!;
    const theirs = await Promise.all(
      fuzzAgents.map((a) =>
        s.live.startMatch({ game: 'ipd', config: { turns: 1000 }, seats: [{ agent: a.agent }, { agent: tft }] }),
      ),
    );
    const matchIds = [start.matchId, ...theirs.map((t) => t.matchId)];
    const frames = fc.sample(frameArb(matchIds), { numRuns: FRAMES, seed: 15 });

    const codes = new Map<string, number>();
    const conns = await Promise.all(
      [null, null, ...fuzzAgents].map(async (a) => {
        const ws = new WebSocket(s.botUrl);
        await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
        const inbox: Msg[] = [];
        ws.on('message', (d) => {
          const m = JSON.parse(d.toString()) as Msg;
          inbox.push(m);
          if (m.type === 'error') codes.set(m.code, (codes.get(m.code) ?? 0) + 1);
        });
        if (a) ws.send(JSON.stringify({ type: 'auth', token: a.token }));
        return { ws, inbox };
      }),
    );
    const per = Math.ceil(frames.length / conns.length);
    await Promise.all(
      conns.map(async ({ ws, inbox }, c) => {
        const mine = frames.slice(c * per, (c + 1) * per);
        for (let i = 0; i < mine.length; i++) {
          ws.send(mine[i]!);
          if (i % 500 === 499)
            await new Promise<void>((r) =>
              ws.send(JSON.stringify({ type: 'ping', id: `sync-${i}` }), () => setImmediate(r)),
            );
        }
        // Frames are handled in order: the pong of a last ping says every frame before it was handled.
        ws.send(JSON.stringify({ type: 'ping', id: 'end' }));
        const t0 = performance.now();
        while (!inbox.some((m) => m.type === 'pong' && m.id === 'end')) {
          if (ws.readyState !== WebSocket.OPEN) assert.fail(`fuzz connection ${c} was closed`);
          if (performance.now() - t0 > 60_000) assert.fail('the server did not work through the frames');
          await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    for (const code of codes.keys()) assert.ok(isErrorCode(code), `unknown error code ${code}`);
    assert.equal(
      codes.get('INTERNAL') ?? 0,
      0,
      `no INTERNAL errors; logs: ${logs
        .filter((l) => /internal|Error/.test(l))
        .slice(0, 3)
        .join(' | ')}`,
    );
    assert.ok(
      (codes.get('BAD_JSON') ?? 0) > 100 && (codes.get('SCHEMA') ?? 0) > 100 && (codes.get('TOO_LARGE') ?? 0) > 100,
      JSON.stringify([...codes]),
    );

    // The room path: a spectator and a seated bot send malformed room messages to a live match's room.
    const client = new Client(`ws://127.0.0.1:${s.port}`);
    const roomErrors = new Map<string, number>();
    const rooms = await Promise.all([
      client.joinOrCreate('match', { matchId: theirs[0]!.matchId, spectate: true }),
      client.joinOrCreate('match', { matchId: theirs[1]!.matchId, token: fuzzAgents[1]!.token }),
    ]);
    for (const room of rooms) {
      room.onMessage('error', (m: Msg) => roomErrors.set(m.code, (roomErrors.get(m.code) ?? 0) + 1));
      room.onMessage('*', () => {});
    }
    const roomTypes = fc.oneof(
      fc.constantFrom('action', 'ping', 'sync', 'resign', 'bogus', '__proto__', 'constructor'),
      fc.string({ maxLength: 20 }),
    );
    const payloads = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record(
        {
          step: fc.oneof(fc.nat(3), fc.double(), fc.string()),
          action: fc.jsonValue({ maxDepth: 3 }),
          seat: fc.integer(),
          id: fc.string(),
        },
        { requiredKeys: [] },
      ),
    );
    const roomMsgs = fc.sample(fc.tuple(roomTypes, payloads), { numRuns: FRAMES, seed: 16 });
    let resigned = 0;
    for (let i = 0; i < roomMsgs.length; i++) {
      const [type, payload] = roomMsgs[i]!;
      const room = rooms[i % 2]!;
      if (type === 'resign' && room === rooms[1]) {
        resigned++;
        continue; // a resignation would end the fuzzed match early; the room's resign is tested elsewhere
      }
      room.send(type, payload);
      if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
    }
    // Round trip: a ping through each room after everything else.
    await Promise.all(
      rooms.map(
        (room) =>
          new Promise<void>(
            (resolve) => (
              room.onMessage('pong', (m: Msg) => m.id === 'end' && resolve()), room.send('ping', { id: 'end' })
            ),
          ),
      ),
    );
    for (const code of roomErrors.keys()) assert.ok(isErrorCode(code), `unknown room error code ${code}`);
    assert.equal(roomErrors.get('INTERNAL') ?? 0, 0);
    assert.ok(
      (roomErrors.get('SCHEMA') ?? 0) + (roomErrors.get('UNKNOWN_TYPE') ?? 0) > 1000,
      JSON.stringify([...roomErrors]),
    );
    assert.ok(resigned < FRAMES);
    await Promise.all(rooms.map((r) => r.leave()));

    // The normal match finished correctly beside all this.
    const { m: result, turns } = await honestResult;
    assert.equal(turns, 60);
    assert.equal(result.outcome, 'normal');
    assert.deepEqual(result.result.returns, [180, 180]);
    const stored = await s.store.committed(start.matchId);
    assert.equal(stored.finalHash, result.finalHash);
    await bot.close();
    for (const { ws } of conns) ws.terminate();
  });
});
