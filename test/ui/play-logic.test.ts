/**
 * The pure parts of the play page (arena-ui/src): the outcome in words from the adjudicated result,
 * the clock reading a person sees, what a VGC move button says, when a rating is provisional, and
 * score formatting.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { clockReading, clockSummary, LOW_TIME_MS } from '../../arena-ui/src/clock.ts';
import { ordinal, score } from '../../arena-ui/src/dom.ts';
import { outcomeWords } from '../../arena-ui/src/outcome.ts';
import { effectWords, moveData, moveDescription, moveEffect, multiplierText } from '../../arena-ui/src/vgc-info.ts';
import { MOVES } from '../../games/vgc/data/moves.ts';

describe('the end of a match in words', () => {
  const labels = ['Ada', 'edge'];
  it('a sumo ring-out scored −1 : 0 is a loss for the robot that left, never a draw', () => {
    const r = { result: { returns: [-1, 0], ranks: [2, 1], winner: 1, reason: 'ring-out' }, outcome: 'normal' };
    assert.deepEqual(outcomeWords(r, 0, labels), { headline: 'You lost', reason: 'you left the ring', tone: 'loss' });
    assert.deepEqual(outcomeWords(r, 1, labels), { headline: 'You won!', reason: 'Ada left the ring', tone: 'win' });
    assert.deepEqual(
      outcomeWords(r, null, labels),
      { headline: 'edge won', reason: 'Ada left the ring', tone: 'neutral' },
      'names keep their own case',
    );
  });
  it('faults name who: a resignation, a timeout, a disconnection; spectators never read "you"', () => {
    const resign = {
      result: { returns: [0, 3], ranks: [2, 1], winner: 1, reason: 'resign' },
      outcome: 'disconnect',
      faultSeat: 0,
    };
    assert.equal(outcomeWords(resign, 0, labels).reason, 'you resigned');
    assert.equal(outcomeWords(resign, null, labels).reason, 'Ada resigned');
    const timeout = {
      result: { returns: [1, 0], ranks: [1, 2], winner: 0, reason: 'timeout' },
      outcome: 'timeout-forfeit',
      faultSeat: 1,
    };
    assert.equal(outcomeWords(timeout, 0, labels).reason, 'edge ran out of time');
    assert.equal(outcomeWords(timeout, 1, labels).reason, 'your time ran out');
    fc.assert(
      fc.property(
        fc.constantFrom('resign', 'disconnect', 'timeout', 'crash', 'ring-out', 'all-fainted', 'turns', 'step-cap'),
        fc.integer({ min: 0, max: 1 }),
        (reason, w) => {
          const words = outcomeWords(
            {
              result: { returns: [0, 0], ranks: w ? [2, 1] : [1, 2], winner: w, reason },
              outcome: 'normal',
              faultSeat: 1 - w,
            },
            null,
            labels,
          );
          return !/\byou(r)?\b/i.test(words.headline + ' ' + words.reason);
        },
      ),
    );
  });
  it('games without a winner give a place, ties shared, and rounded returns', () => {
    const r = {
      result: { returns: [274.40000000000003, 300, 274.4], ranks: [2, 1, 2], reason: 'rounds' },
      outcome: 'normal',
    };
    assert.equal(outcomeWords(r, 0, ['you', 'b', 'c']).headline, 'You finished joint 2nd of 3 with 274.4');
    assert.equal(outcomeWords(r, 1, ['a', 'you', 'c']).headline, 'You finished 1st of 3 with 300');
  });
});

describe('the clock a person sees', () => {
  const timing = { turnMs: 30_000, bankMs: 150_000 };
  it('states the turn and the bank, counts the turn down first, then the bank, then runs out', () => {
    assert.equal(clockSummary(timing), '30 s a turn + 2:30 bank');
    const t = { deadlineMs: 30_000, bankMs: 150_000 };
    assert.deepEqual(
      [clockReading(t, 1000, timing).phase, clockReading(t, 1000, timing).text],
      ['turn', '29 s to move · then 2:30 in your bank'],
    );
    const bank = clockReading(t, 40_000, timing);
    assert.deepEqual([bank.phase, bank.bankLeftMs, bank.text], ['bank', 140_000, 'Using your bank: 2:20 left']);
    assert.equal(clockReading(t, 181_000, timing).phase, 'out');
  });
  it('moves continuously (never up as time passes) and warns exactly when little time is left', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 0, max: 150_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 1, max: 5000 }),
        (d, b, e, de) => {
          const a = clockReading({ deadlineMs: d, bankMs: b }, e, timing);
          const later = clockReading({ deadlineMs: d, bankMs: b }, e + de, timing);
          const total = (r: typeof a) => r.turnLeftMs + r.bankLeftMs;
          return total(later) <= total(a) && a.low === total(a) <= LOW_TIME_MS && a.fraction >= 0 && a.fraction <= 1;
        },
      ),
    );
  });
});

describe('what a VGC move button says', () => {
  it('every move has a description and facts; effectiveness follows the type chart', () => {
    for (const mv of MOVES) assert.ok(moveDescription(mv).length > 5, mv.id);
    const ember = MOVES.find((m) => m.type === 'Fire' && m.category !== 'status')!;
    assert.equal(moveEffect(ember, ['Grass']), 2);
    assert.equal(moveEffect(ember, ['Grass', 'Steel']), 4);
    assert.equal(moveEffect(ember, ['Water']), 0.5);
    assert.equal(multiplierText(0.5), '½×');
    assert.equal(effectWords(4), 'super effective');
    const ground = MOVES.find((m) => m.type === 'Ground' && m.category !== 'status')!;
    assert.equal(effectWords(moveEffect(ground, ['Flying'])), 'no effect');
    assert.equal(moveData('no-such-move'), undefined);
  });
});

describe('small formats', () => {
  it('scores drop float noise; ordinals', () => {
    assert.equal(score(274.40000000000003), '274.4');
    assert.equal(score(-0.0001), '0');
    assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22].map(ordinal), [
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
    ]);
  });
});
