/**
 * A property over connections (fast-check): random interleavings of connect, authenticate, drop and
 * reconnect, with up to two connections per agent and an intruder acting in a match that is not its
 * own, against a whole arena on loopback (real WebSockets, real store). Whatever the interleaving:
 *   - a seat whose agent always had a live connection that answered at once is never rated a loss
 *     (no fault at all: the outcome is normal);
 *   - an agent that leaves for good is the one at fault, never the other;
 *   - nobody but a seat's agent can act in it (the intruder only ever gets NOT_YOUR_SEAT);
 *   - every finished match is stored, before any bot is told its result, and replays to its hash.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { replay } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import { bootArena, type TestArena } from '../support/arena-harness.ts';
import { RawBot, type Msg } from '../support/live-harness.ts';
import { BACKENDS } from './store-backends.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Op =
  | { kind: 'connect'; agent: 0 | 1; slot: 0 | 1 }
  | { kind: 'drop'; agent: 0 | 1; slot: 0 | 1 }
  | { kind: 'wait'; ms: number }
  | { kind: 'intrude'; step: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('connect' as const),
    agent: fc.constantFrom(0 as const, 1 as const),
    slot: fc.constantFrom(0 as const, 1 as const),
  }),
  fc.record({
    kind: fc.constant('drop' as const),
    agent: fc.constantFrom(0 as const, 1 as const),
    slot: fc.constantFrom(0 as const, 1 as const),
  }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 25 }) }),
  fc.record({ kind: fc.constant('intrude' as const), step: fc.integer({ min: 0, max: 30 }) }),
);

describe('connections: a property over random interleavings', () => {
  let t: TestArena;
  let run = 0;
  before(async () => {
    t = await bootArena(BACKENDS[0]!, { liveOptions: { timing: { turnMs: 2000, bankMs: 5000, reconnectMs: 500 } } });
  });
  after(async () => {
    await t?.close();
  });

  it('never rates a live, answering seat as a loss; only owners act; every result is stored before it is announced', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 30 }), fc.boolean(), async (ops, abandon) => {
        run++;
        const agents = [await t.register(`prop-x-${run}`, ['ipd']), await t.register(`prop-y-${run}`, ['ipd'])];
        const intruder = await t.register(`prop-z-${run}`, ['ipd']);
        const conns: (RawBot | null)[][] = [
          [null, null],
          [null, null],
        ];
        const announcedBeforeStored: string[] = [];
        const refusals: string[] = [];
        let matchId = '';
        const open = async (a: 0 | 1, slot: 0 | 1) => {
          const { bot } = await RawBot.login(t.botUrl, agents[a]!.token);
          // Answer every turn at once, as a healthy bot does; check every result is already stored.
          const handle = (m: Msg) => {
            if (m.type === 'turn')
              bot.send({ type: 'action', matchId: m.matchId, step: m.step, action: m.step % 3 ? 'C' : 'D' });
            if (m.type === 'result') {
              void t.arena.store.getMatch(m.matchId).then((s) => {
                if (!s) announcedBeforeStored.push(m.matchId);
              });
            }
          };
          bot.ws.on('message', (data) => handle(JSON.parse(data.toString()) as Msg));
          for (const m of bot.inbox.splice(0)) handle(m); // what arrived with the welcome
          conns[a]![slot] = bot;
        };
        const live = (a: 0 | 1) => conns[a]!.filter((c) => c && !c.closed).length;
        await open(0, 0);
        await open(1, 0);
        const { bot: z } = await RawBot.login(t.botUrl, intruder.token);
        z.ws.on('message', (data) => {
          const m = JSON.parse(data.toString()) as Msg;
          if (m.type === 'error') refusals.push(m.code);
        });
        const [x, y] = await Promise.all(agents.map((a) => t.arena.store.getAgent(a.id)));
        ({ matchId } = await t.arena.live!.startMatch({
          game: 'ipd',
          config: { turns: 30 },
          seats: [{ agent: x! }, { agent: y! }],
        }));
        let intrusions = 0;
        for (const op of ops) {
          if (op.kind === 'wait') await sleep(op.ms);
          else if (op.kind === 'intrude') {
            z.send({ type: 'action', matchId, step: op.step, action: 'D' });
            intrusions++;
          } else if (op.kind === 'connect') {
            if (!conns[op.agent]![op.slot] || conns[op.agent]![op.slot]!.closed) await open(op.agent, op.slot);
          } else {
            const c = conns[op.agent]![op.slot];
            // A healthy agent keeps at least one connection; drops only ever hit a spare one.
            if (c && !c.closed && live(op.agent) > 1) {
              c.kill();
              await sleep(1);
            }
          }
        }
        if (abandon) for (const c of conns[1]!) c?.kill(); // agent Y leaves for good
        const f = await t.arena.live!.waitFor(matchId).catch(async () => (await t.arena.store.getMatch(matchId))!);
        await sleep(30);
        const stored = (await t.arena.store.getMatch(matchId))!;
        assert.ok(stored, 'the finished match is stored');
        const log = await t.arena.store.getActionLog(matchId);
        assert.equal(
          replay(getGame('ipd'), { game: 'ipd', config: stored.config, seed: stored.seed, actions: log.actions }).hash,
          stored.finalHash,
        );
        if (abandon && stored.steps < 30) {
          assert.equal(stored.outcome, 'disconnect');
          assert.equal(stored.faultSeat, 1, 'only the agent that left is at fault');
        } else if (!abandon) {
          assert.equal(
            stored.outcome,
            'normal',
            `an agent that was always connected and answering lost by ${stored.outcome}`,
          );
          assert.equal(stored.faultSeat, null);
        } else {
          assert.notEqual(stored.faultSeat, 0, 'the agent that stayed is never at fault');
        }
        assert.equal(f.id, matchId);
        await sleep(20);
        assert.deepEqual(announcedBeforeStored, [], 'no result was announced before its match was stored');
        assert.ok(
          refusals.length <= intrusions && refusals.every((c) => c === 'NOT_YOUR_SEAT' || c === 'GAME_OVER'),
          `the intruder got ${refusals.join(', ')}`,
        );
        for (const row of conns) for (const c of row) c?.kill();
        z.kill();
      }),
      { numRuns: 14, endOnFailure: true },
    );
  });
});
