/** The rating maths, without a database: the Elo policy and the Bradley–Terry fit. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { invert, mleElo } from '../../server/store/bradley-terry.ts';
import { ELO_INITIAL, ELO_K, eloChanges, isRated, pairResults } from '../../server/store/rating-policy.ts';
import type { FinishedMatch, SeatRecord } from '../../server/contracts.ts';
import { adjudicate } from '../../games/core/standings.ts';
import type { MatchResult } from '../../games/core/types.ts';

/** A finished match as the match loop stores it: the result adjudicated (ranks, faults last). */
function match(over: Omit<Partial<FinishedMatch>, 'result'> & { agents: (string | null)[]; result?: MatchResult }): FinishedMatch {
  const seats: SeatRecord[] = over.agents.map((agentId, seat) => ({ seat, agentId, kind: 'builtin', label: String(agentId) }));
  const faults = over.faultSeat !== undefined && over.outcome !== undefined && over.outcome !== 'normal' ? [over.faultSeat] : [];
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
    result: adjudicate(over.result ?? { returns: over.agents.map(() => 0), winner: null }, faults),
  };
}

describe('rating policy', () => {
  it('scores the engine winner 1 and the loser 0; winner null is a draw', () => {
    assert.deepEqual(pairResults(match({ agents: ['a', 'b'], result: { returns: [1, -1], winner: 0 } })), [{ a: 'a', b: 'b', scoreA: 1 }]);
    assert.deepEqual(pairResults(match({ agents: ['a', 'b'], result: { returns: [3, 3], winner: null } })), [{ a: 'a', b: 'b', scoreA: 0.5 }]);
  });

  it('compares returns when the game has no winner concept', () => {
    const r = pairResults(match({ agents: ['a', 'b', 'c'], result: { returns: [5, 7, 5] } }));
    assert.deepEqual(r, [
      { a: 'a', b: 'b', scoreA: 0 },
      { a: 'a', b: 'c', scoreA: 0.5 },
      { a: 'b', b: 'c', scoreA: 1 },
    ]);
  });

  it('makes the faulty seat lose to everyone on a forfeit, disconnect or crash, whatever the score', () => {
    for (const outcome of ['timeout-forfeit', 'disconnect', 'crash'] as const) {
      const r = pairResults(match({ agents: ['a', 'b'], outcome, faultSeat: 0, result: { returns: [10, 0], winner: 0 } }));
      assert.deepEqual(r, [{ a: 'a', b: 'b', scoreA: 0 }], outcome);
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

  it('moves two equal ratings by K/2 each way for a win (K = 44, elo-rank rounding)', () => {
    const c = eloChanges([{ a: 'a', b: 'b', scoreA: 1 }], new Map(), 2);
    assert.deepEqual(
      c.map((x) => [x.agentId, x.before, x.after]),
      [
        ['a', ELO_INITIAL, ELO_INITIAL + ELO_K / 2],
        ['b', ELO_INITIAL, ELO_INITIAL - ELO_K / 2],
      ],
    );
  });

  it('bounds one match’s change by K whatever the number of seats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 8, maxLength: 8 }), (n, elos) => {
        const ids = Array.from({ length: n }, (_, i) => `p${i}`);
        const pairs = [];
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push({ a: ids[i]!, b: ids[j]!, scoreA: 1 });
        const before = new Map(ids.map((id, i) => [id, elos[i]!]));
        for (const c of eloChanges(pairs, before, n)) assert.ok(Math.abs(c.after - c.before) <= ELO_K + 0.5, `${c.before} → ${c.after}`);
      }),
    );
  });
});

describe('maximum-likelihood Elo (Bradley–Terry, Hunter MM)', () => {
  it('gives equal ratings to players with equal records', () => {
    const r = mleElo(3, [
      { a: 0, b: 1, scoreA: 5, games: 10 },
      { a: 1, b: 2, scoreA: 5, games: 10 },
      { a: 0, b: 2, scoreA: 5, games: 10 },
    ]);
    for (const x of r.ratings) assert.ok(Math.abs(x) < 1e-6);
  });

  it('matches the closed form for two players: 400·log10 of the smoothed odds', () => {
    const r = mleElo(2, [{ a: 0, b: 1, scoreA: 30, games: 40 }]);
    const expected = 400 * Math.log10((30 + 0.01) / (10 + 0.01));
    assert.ok(Math.abs(r.ratings[0]! - expected) < 1e-6, `${r.ratings[0]} vs ${expected}`);
    assert.equal(r.ratings[1], 0);
  });

  it('gives two players the standard error of a log-odds estimate, shared between them', () => {
    const games = 40;
    const r = mleElo(2, [{ a: 0, b: 1, scoreA: 30, games }]);
    const n = games + 0.02;
    const p = (30 + 0.01) / n;
    const seDiff = (400 / Math.LN10) / Math.sqrt(n * p * (1 - p));
    assert.ok(Math.abs(r.se[0]! - seDiff / 2) < 1e-6);
    assert.ok(Math.abs(r.se[1]! - seDiff / 2) < 1e-6);
  });

  it('shrinks the standard error as games accumulate', () => {
    const few = mleElo(2, [{ a: 0, b: 1, scoreA: 6, games: 10 }]);
    const many = mleElo(2, [{ a: 0, b: 1, scoreA: 600, games: 1000 }]);
    assert.ok(many.se[0]! < few.se[0]! / 5);
  });

  it('orders players by strength in a transitive league', () => {
    const r = mleElo(3, [
      { a: 0, b: 1, scoreA: 8, games: 10 },
      { a: 1, b: 2, scoreA: 8, games: 10 },
      { a: 0, b: 2, scoreA: 9, games: 10 },
    ]);
    assert.ok(r.ratings[0]! > r.ratings[1]! && r.ratings[1]! > r.ratings[2]!);
    assert.equal(Math.min(...r.ratings), 0);
  });

  it('inverts matrices (A·A⁻¹ = I)', () => {
    const a = [
      [4, -2, 1],
      [-2, 4, -2],
      [1, -2, 4],
    ];
    const inv = invert(a);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        const v = a[i]!.reduce((s, x, k) => s + x * inv[k]![j]!, 0);
        assert.ok(Math.abs(v - (i === j ? 1 : 0)) < 1e-12);
      }
  });
});
