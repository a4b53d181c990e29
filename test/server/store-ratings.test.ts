/** The rating policy without a database: which matches are rated and the pair results they give (the maths: test/eval/). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ELO_INITIAL, ELO_K, eloChanges, isRated, pairResults } from '../../server/store/rating-policy.ts';
import type { FinishedMatch, SeatRecord } from '../../server/contracts.ts';
import { adjudicate } from '../../games/core/standings.ts';
import type { MatchResult } from '../../games/core/types.ts';

/** A finished match as the match loop stores it: the result adjudicated (ranks, faults last). */
function match(
  over: Omit<Partial<FinishedMatch>, 'result'> & { agents: (string | null)[]; result?: MatchResult },
): FinishedMatch {
  const seats: SeatRecord[] = over.agents.map((agentId, seat) => ({
    seat,
    agentId,
    kind: 'builtin',
    label: String(agentId),
  }));
  const faults =
    over.faultSeat !== undefined && over.outcome !== undefined && over.outcome !== 'normal' ? [over.faultSeat] : [];
  return {
    id: 'm',
    game: 'g',
    config: {},
    seed: 1,
    seats,
    outcome: 'normal',
    actions: [],
    finalHash: 'h',
    rewards: [],
    thinkMs: [],
    rated: true,
    startedAt: '2026-01-01T00:00:00.000Z',
    endedAt: '2026-01-01T00:00:01.000Z',
    ...over,
    // A result that already carries ranks is stored as it is (the match loop adjudicated it).
    result:
      over.result && 'ranks' in over.result
        ? (over.result as FinishedMatch['result'])
        : adjudicate(over.result ?? { returns: over.agents.map(() => 0), winner: null }, faults),
  };
}

const short = (ps: { a: string; b: string; scoreA: number }[]) => ps.map(({ a, b, scoreA }) => ({ a, b, scoreA }));

describe('rating policy', () => {
  it('scores the engine winner 1 and the loser 0; winner null is a draw', () => {
    assert.deepEqual(short(pairResults(match({ agents: ['a', 'b'], result: { returns: [1, -1], winner: 0 } }))), [
      { a: 'a', b: 'b', scoreA: 1 },
    ]);
    assert.deepEqual(short(pairResults(match({ agents: ['a', 'b'], result: { returns: [3, 3], winner: null } }))), [
      { a: 'a', b: 'b', scoreA: 0.5 },
    ]);
  });

  it('compares returns when the game has no winner concept', () => {
    const r = short(pairResults(match({ agents: ['a', 'b', 'c'], result: { returns: [5, 7, 5] } })));
    assert.deepEqual(r, [
      { a: 'a', b: 'b', scoreA: 0 },
      { a: 'a', b: 'c', scoreA: 0.5 },
      { a: 'b', b: 'c', scoreA: 1 },
    ]);
  });

  it('makes the faulty seat lose to everyone on a forfeit, disconnect or crash, whatever the score', () => {
    for (const outcome of ['timeout-forfeit', 'disconnect', 'crash'] as const) {
      const r = pairResults(
        match({ agents: ['a', 'b'], outcome, faultSeat: 0, result: { returns: [10, 0], winner: 0 } }),
      );
      assert.deepEqual(short(r), [{ a: 'a', b: 'b', scoreA: 0 }], outcome);
    }
  });

  it('never rates aborted matches, unrated matches, or faults without a faulty seat', () => {
    assert.equal(isRated(match({ agents: ['a', 'b'], outcome: 'aborted' })), false);
    assert.equal(isRated(match({ agents: ['a', 'b'], rated: false })), false);
    assert.equal(isRated(match({ agents: ['a', 'b'], outcome: 'crash' })), false);
    assert.deepEqual(pairResults(match({ agents: ['a', 'b'], outcome: 'aborted' })), []);
  });

  it('skips self-play pairs and anonymous seats', () => {
    assert.deepEqual(pairResults(match({ agents: ['a', 'a'], result: { returns: [1, 0], winner: 0 } })), []);
    assert.deepEqual(pairResults(match({ agents: ['a', null], result: { returns: [1, 0], winner: 0 } })), []);
  });

  it('reads the stored ranks when the match loop put them in the result, and never re-derives a winner', () => {
    // The ranks say seat 1 won although its return is lower: the ranks are the input.
    const r = pairResults(
      match({ agents: ['a', 'b'], result: { returns: [5, 1], winner: null, ranks: [2, 1] } as never }),
    );
    assert.deepEqual(
      r.map((p) => [p.a, p.b, p.scoreA]),
      [['a', 'b', 0]],
    );
  });

  it('gives an agent holding three of four seats three results of weight 1/3 against its one opponent', () => {
    const r = pairResults(match({ agents: ['x', 'fr', 'fr', 'fr'], result: { returns: [30, 20, 20, 20] } }));
    assert.deepEqual(
      r.map((p) => [p.a, p.b, p.seatA, p.seatB, p.scoreA, p.weight]),
      [
        ['x', 'fr', 0, 1, 1, 1 / 3],
        ['x', 'fr', 0, 2, 1, 1 / 3],
        ['x', 'fr', 0, 3, 1, 1 / 3],
      ],
    );
    const c = eloChanges(r, new Map());
    for (const x of c) assert.equal(Math.abs(x.after - x.before), ELO_K / 2);
    assert.equal(c.find((x) => x.agentId === 'x')!.after, ELO_INITIAL + ELO_K / 2);
  });
});
