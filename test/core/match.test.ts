/**
 * The one match loop (games/core/match.ts), operation by operation: the seats to act, submit (typed
 * errors, nothing held on a refusal), advance, and finish — where faults become losses and the hash is taken.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { GameError, Match, replay, type AnyGame } from '../../games/core/index.ts';
import { tinyGame } from '../support/tiny-game.ts';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof GameError ? e.code : String(e);
  }
  return 'no error';
};

describe('the match loop', () => {
  it('names the seats to act, holds validated actions, and advances once every acting seat has one', () => {
    const m = new Match(tinyGame, { rounds: 2 }, 5);
    assert.deepEqual(m.toAct(), [0, 1]);
    assert.equal(
      code(() => m.submit(0, { guess: 9 })),
      'ILLEGAL_ACTION',
    );
    assert.equal(
      code(() => m.submit(0, { nope: 1 })),
      'SCHEMA',
    );
    assert.equal(m.awaits(0), true, 'a refused action holds nothing');
    m.submit(0, { guess: 1 });
    assert.equal(
      code(() => m.submit(0, { guess: 2 })),
      'NOT_YOUR_TURN',
      'a seat answers a step once',
    );
    assert.equal(m.ready, false);
    assert.throws(() => m.advance(), /1 seat\(s\) have not acted/);
    m.playDefault(1);
    assert.equal(m.ready, true);
    const r = m.advance()!;
    assert.equal(r.rewards.length, 2);
    assert.equal(m.step, 1);
  });

  it('finishes normally with ranks and a hash that the replay reproduces; afterwards everything is GAME_OVER', () => {
    const m = new Match(tinyGame, { rounds: 3 }, 11);
    while (!m.done) {
      for (const seat of m.toAct()) m.submit(seat, { guess: seat });
      m.advance();
    }
    const rec = m.finish();
    assert.equal(rec.outcome, 'normal');
    assert.equal(rec.result.ranks.length, 2);
    assert.deepEqual(rec.rewardSums, rec.result.returns, 'the rewards sum to the returns');
    assert.equal(replay(tinyGame, rec.replay).hash, rec.finalHash);
    assert.equal(m.finish(), rec, 'finish is idempotent');
    assert.equal(
      code(() => m.submit(0, { guess: 0 })),
      'GAME_OVER',
    );
  });

  it('a fault ends as a loss for the faulty seat, whatever the score: the one fault-to-winner rule', () => {
    const m = new Match(tinyGame, { rounds: 5 }, 3);
    // Seat 1 guesses the secret it cannot see by luck only; give seat 1 the lead by making seat 0 wrong.
    m.submit(0, { guess: (m.state.secret + 1) % 4 });
    m.submit(1, { guess: m.state.secret });
    m.advance();
    m.fault(1, 'disconnect');
    const rec = m.finish();
    assert.ok(rec.result.returns[1]! > rec.result.returns[0]!, 'seat 1 was ahead');
    assert.deepEqual(
      [rec.outcome, rec.faultSeat, rec.result.winner, rec.result.reason],
      ['disconnect', 1, 0, 'disconnect'],
    );
    assert.deepEqual(rec.result.ranks, [1, 2]);
    assert.equal(rec.truncated, true);
  });

  it('names the outcome after the first fault; every faulty seat ranks last', () => {
    const m = new Match(tinyGame, { rounds: 5 }, 3);
    m.fault(0, 'timeout');
    m.fault(1, 'crash');
    const rec = m.finish();
    assert.equal(rec.outcome, 'timeout-forfeit');
    assert.deepEqual(rec.faultSeats, [0, 1]);
    assert.deepEqual(rec.result.ranks, [1, 1]);
    assert.equal(rec.result.winner, null);
  });

  it('an abort blames nobody; an engine failure is a crash with no fault seat', () => {
    const aborted = new Match(tinyGame, {}, 1);
    aborted.fault(0, 'disconnect');
    const a = aborted.finish('shutdown');
    assert.deepEqual([a.outcome, a.faultSeat, a.result.reason], ['aborted', undefined, 'shutdown']);
    const broken: AnyGame = {
      ...tinyGame,
      step: () => {
        throw new Error('engine bug');
      },
    };
    const m = new Match(broken, {}, 1);
    m.submit(0, { guess: 0 });
    m.submit(1, { guess: 0 });
    assert.equal(m.advance(), undefined);
    const rec = m.finish();
    assert.deepEqual(
      [rec.outcome, rec.faultSeat, rec.result.reason, rec.steps],
      ['crash', undefined, 'engine-error', 0],
    );
  });

  it('stops at the step cap with reason truncated; without recording it keeps no log', () => {
    const m = new Match(tinyGame, { rounds: 10 }, 2, { maxSteps: 4, record: false, validate: false });
    while (!m.done) {
      for (const seat of m.toAct()) m.submit(seat, { guess: 0 });
      m.advance();
    }
    const rec = m.finish();
    assert.deepEqual(
      [rec.steps, rec.result.reason, rec.replay.actions.length, rec.rewards.length],
      [4, 'truncated', 0, 0],
    );
  });

  it('refuses text the store cannot hold, in a config and in an action, with SCHEMA', () => {
    const labelled: AnyGame = {
      ...tinyGame,
      configSchema: z.strictObject({
        rounds: z.number().int().min(1).max(100).default(3),
        label: z.string().max(50).default(''),
      }),
    };
    assert.equal(
      code(() => new Match(labelled, { label: 'a\u0000b' }, 1)),
      'SCHEMA',
    );
    assert.equal(
      code(() => new Match(labelled, { label: 'half \ud800' }, 1)),
      'SCHEMA',
    );
    assert.equal(new Match(labelled, { label: 'pair \ud83d\udc4d' }, 1).config.label, 'pair \ud83d\udc4d');
    const talking: AnyGame = {
      ...tinyGame,
      actionSchema: z.strictObject({ guess: z.number().int(), note: z.string().optional() }),
    };
    const m = new Match(talking, {}, 1);
    assert.equal(
      code(() => m.submit(0, { guess: 0, note: '\udc00' })),
      'SCHEMA',
    );
    assert.equal(m.awaits(0), true);
  });
});
