/** Pure parts of live play: the seat clock (turn allowance + bank), the token bucket, the message parser. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  clientMessageSchemas,
  parseClientMessage,
  parseClientObject,
  ERROR_CODES,
  ArenaError,
} from '../../server/live/protocol.ts';
import { TokenBucket } from '../../server/live/rate-limit.ts';
import { HUMAN_MIN_TIMING, SeatClock, seatTiming, timingFor } from '../../server/live/timing.ts';
import { Match } from '../../games/core/match.ts';
import { ipd } from '../../games/dilemmas/index.ts';
import { finishedMatch } from '../../server/live/record.ts';
import { pairResults } from '../../server/store/rating-policy.ts';

describe('timing table', () => {
  it('VGC gets Showdown’s 55 s turn and 420 s bank; cheap games get short clocks; overrides win', () => {
    assert.equal(timingFor('vgc').turnMs, 55_000);
    assert.equal(timingFor('vgc').bankMs, 420_000);
    assert.equal(timingFor('ipd').turnMs, 2_000);
    assert.equal(timingFor('ipd').bankMs, 30_000);
    assert.equal(timingFor('ipd').reconnectMs, 60_000);
    assert.equal(timingFor('ipd', { turnMs: 5, games: { ipd: { onTimeout: 'forfeit' } } }).onTimeout, 'forfeit');
    assert.equal(timingFor('ipd', { turnMs: 5 }).turnMs, 5);
    assert.equal(timingFor('chicken', { games: { ipd: { turnMs: 1 } } }).turnMs, 2_000);
  });
});

describe('human clock', () => {
  it('human seats get at least 30 s a turn and a 150 s bank; bots keep the game clock; longer game clocks win', () => {
    const ipd = timingFor('ipd');
    assert.deepEqual(seatTiming(ipd, 'remote'), ipd);
    assert.deepEqual(seatTiming(ipd, 'builtin'), ipd);
    const person = seatTiming(ipd, 'human');
    assert.equal(person.turnMs, HUMAN_MIN_TIMING.turnMs);
    assert.equal(person.bankMs, HUMAN_MIN_TIMING.bankMs);
    assert.equal(person.onTimeout, ipd.onTimeout);
    const vgc = seatTiming(timingFor('vgc'), 'human');
    assert.deepEqual([vgc.turnMs, vgc.bankMs], [55_000, 420_000]);
  });
});

describe('seat clock', () => {
  const timing = { turnMs: 100, bankMs: 300, onTimeout: 'default' as const, reconnectMs: 1000 };
  it('a turn within the allowance leaves the bank untouched', () => {
    const c = new SeatClock(timing);
    c.start(1000);
    assert.equal(c.remaining(1000), 400);
    assert.equal(c.stop(1080), 80);
    assert.equal(c.bankMs, 300);
  });
  it('an overrun drains the bank by exactly the excess, and the next turn has less slack', () => {
    const c = new SeatClock(timing);
    c.start(0);
    c.stop(250);
    assert.equal(c.bankMs, 150);
    c.start(1000);
    assert.equal(c.remaining(1000), 250);
    assert.equal(c.turnLeft(1040), 60);
  });
  it('expiry empties the bank', () => {
    const c = new SeatClock(timing);
    c.start(0);
    assert.equal(c.expire(400), 400);
    assert.equal(c.bankMs, 0);
  });
  it('the bank never goes negative and never grows (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 30 }), (thinks) => {
        const c = new SeatClock(timing);
        let t = 0;
        let prev = c.bankMs;
        for (const d of thinks) {
          c.start(t);
          t += d;
          c.stop(t);
          assert.ok(c.bankMs >= 0 && c.bankMs <= prev);
          prev = c.bankMs;
        }
      }),
    );
  });
});

describe('token bucket', () => {
  it('allows a burst, then refills at the stated rate', () => {
    let now = 0;
    const b = new TokenBucket({ burst: 3, perSecond: 2 }, () => now);
    assert.deepEqual([b.take(), b.take(), b.take(), b.take()], [true, true, true, false]);
    assert.equal(b.retryAfterMs(), 500);
    now = 499;
    assert.equal(b.take(), false);
    now = 1000;
    assert.equal(b.take(), true);
    now = 100_000;
    assert.deepEqual([b.take(), b.take(), b.take(), b.take()], [true, true, true, false], 'never above the burst');
  });
});

describe('message parser', () => {
  it('accepts each documented message', () => {
    for (const m of [
      { type: 'auth', token: 't' },
      { type: 'seek', game: 'ipd' },
      { type: 'seek', game: 'ipd', config: { turns: 5 } },
      { type: 'cancel-seek' },
      { type: 'challenge', opponent: 'tft', game: 'ipd' },
      { type: 'accept', challengeId: 'c_1' },
      { type: 'decline', challengeId: 'c_1' },
      { type: 'action', matchId: 'm_1', step: 0, action: 'C' },
      { type: 'action', matchId: 'm_1', step: 3, seat: 1, action: { say: 'hi' } },
      { type: 'ping' },
    ]) {
      assert.deepEqual(parseClientMessage(JSON.stringify(m)), m);
    }
  });
  it('rejects unknown fields and negative steps as SCHEMA', () => {
    for (const m of [
      { type: 'auth', token: 't', extra: 1 },
      { type: 'action', matchId: 'm', step: -1, action: 'C' },
      { type: 'seek', game: '' },
    ]) {
      assert.throws(
        () => parseClientMessage(JSON.stringify(m)),
        (e: unknown) => e instanceof ArenaError && e.code === 'SCHEMA',
      );
    }
  });
  it('any input either parses or fails with BAD_JSON, UNKNOWN_TYPE or SCHEMA — never anything else (property)', () => {
    const anyText = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .record({ type: fc.constantFrom('auth', 'seek', 'action', 'x'), token: fc.anything() })
        .map((o) => JSON.stringify(o)),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          const m = parseClientMessage(text);
          assert.equal(typeof m.type, 'string');
        } catch (e) {
          assert.ok(e instanceof ArenaError, String(e));
          assert.ok(['BAD_JSON', 'UNKNOWN_TYPE', 'SCHEMA'].includes(e.code));
          assert.ok((ERROR_CODES as readonly string[]).includes(e.code));
        }
      }),
      { numRuns: 500 },
    );
  });
  it('the fast path for actions accepts exactly what the zod action schema accepts (property)', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 70 }),
      fc.integer({ min: -3, max: 2 ** 54 }),
      fc.double(),
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
    );
    const actionLike = fc.record(
      { type: fc.constant('action'), matchId: value, step: value, seat: value, action: fc.jsonValue(), extra: value },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(actionLike, (o) => {
        const zodOk = clientMessageSchemas.action.safeParse(o).success;
        let ok = true;
        try {
          parseClientObject(o);
        } catch (e) {
          assert.ok(e instanceof ArenaError && e.code === 'SCHEMA');
          ok = false;
        }
        assert.equal(ok, zodOk, JSON.stringify(o));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the stored record of a match', () => {
  const seats = [0, 1].map((seat) => ({ seat, agentId: `a${seat}`, kind: 'remote' as const, label: `bot ${seat}` }));

  it('is rated when one seat is at fault: that seat ranks last', () => {
    const m = new Match(ipd, { turns: 5 }, 1);
    m.fault(0, 'disconnect');
    const f = finishedMatch(m.finish(), { seats });
    assert.equal(f.rated, true);
    assert.equal(f.outcome, 'disconnect');
    assert.equal(f.faultSeat, 0);
    assert.deepEqual(f.result.ranks, [2, 1]);
  });

  it('is never rated when every seat is at fault (both bots gone): no draw is scored between them', () => {
    const m = new Match(ipd, { turns: 5 }, 1);
    m.fault(0, 'disconnect');
    m.fault(1, 'disconnect');
    const f = finishedMatch(m.finish(), { seats });
    assert.equal(f.rated, false);
    assert.equal(f.outcome, 'disconnect');
    assert.deepEqual(pairResults(f), []);
  });
});
