/** The closed-form Nash equilibrium and social optimum of the simultaneous game, checked through the engine. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseConfig, stepChecked } from '../../games/core/index.ts';
import { publicGoods } from '../../games/public-goods/index.ts';
import { analyseSimultaneous, expectedRounds } from '../../agents/public-goods/analysis/equilibrium.ts';
import { solveSpe } from '../../agents/public-goods/analysis/backward-induction.ts';

/** Round payoffs of one joint contribution, computed by the engine. */
function enginePayoffs(players: number, endowment: number, mpcr: number, c: number[]): number[] {
  const s = publicGoods.init(parseConfig(publicGoods, { players, endowment, mpcr, rounds: 1 }), 1);
  return publicGoods.result(
    stepChecked(
      publicGoods,
      s,
      c.map((amount) => ({ type: 'contribute', amount })),
    ).state,
  ).returns;
}

const groupCase = fc.integer({ min: 2, max: 12 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    e: fc.integer({ min: 1, max: 30 }),
    others: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    dev: fc.double({ min: 0, max: 1, noNaN: true }),
    frac: fc.double({ min: 0.02, max: 0.98, noNaN: true }),
  }),
);

describe('simultaneous public goods: closed-form analysis', () => {
  it('free-riding is the dominant Nash play when MPCR < 1: giving c > 0 always pays less than 0, whatever the others do', () => {
    fc.assert(
      fc.property(groupCase, ({ n, e, others, dev, frac }) => {
        const mpcr = frac; // < 1
        const a = analyseSimultaneous({ players: n, endowment: e, mpcr });
        assert.equal(a.nash.contribution, 0);
        assert.equal(a.nash.dominant, true);
        const profile = others.map((x) => Math.round(x * e));
        const give = Math.max(1, Math.round(dev * e));
        const zero = enginePayoffs(n, e, mpcr, [0, ...profile.slice(1)])[0]!;
        const some = enginePayoffs(n, e, mpcr, [give, ...profile.slice(1)])[0]!;
        assert.ok(some < zero, `giving ${give} pays ${some} ≥ ${zero}`);
        assert.ok(Math.abs(zero - (e + mpcr * profile.slice(1).reduce((x, y) => x + y, 0))) < 1e-9);
      }),
      { numRuns: 80 },
    );
  });

  it('full contribution maximises the group payoff when MPCR > 1/N, and the optimum payoff is r·e each', () => {
    fc.assert(
      fc.property(groupCase, ({ n, e, others, frac }) => {
        const mpcr = 1 / n + frac * (1 - 1 / n); // in (1/N, 1)
        const a = analyseSimultaneous({ players: n, endowment: e, mpcr });
        assert.equal(a.dilemma, true);
        assert.equal(a.socialOptimum.contribution, e);
        const full = enginePayoffs(n, e, mpcr, new Array(n).fill(e));
        const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
        assert.ok(Math.abs(sum(full) - a.socialOptimum.groupPayoffPerRound) < 1e-6);
        assert.ok(Math.abs(full[0]! - mpcr * n * e) < 1e-9);
        const random = enginePayoffs(
          n,
          e,
          mpcr,
          others.map((x) => Math.round(x * e)),
        );
        assert.ok(sum(random) <= sum(full) + 1e-9);
      }),
      { numRuns: 80 },
    );
  });

  it('is not a dilemma outside 1/N < MPCR < 1, and says so', () => {
    const low = analyseSimultaneous({ players: 4, mpcr: 0.2 });
    assert.deepEqual([low.dilemma, low.nash.contribution, low.socialOptimum.contribution], [false, 0, 0]);
    const high = analyseSimultaneous({ players: 4, mpcr: 1.5 });
    assert.deepEqual([high.dilemma, high.nash.contribution, high.socialOptimum.contribution], [false, 20, 20]);
    const edge = analyseSimultaneous({ players: 4, mpcr: 1 });
    assert.deepEqual([edge.nash.contribution, edge.nash.dominant], ['any', false]);
  });

  it('gives per-match figures: T rounds, or the expected length under probEnd', () => {
    const a = analyseSimultaneous({});
    assert.deepEqual([a.nashMatchPayoff, a.optimumMatchPayoff], [200, 320]);
    assert.equal(expectedRounds({ rounds: 10_000, probEnd: 0.1 }), (1 - 0.9 ** 10_000) / 0.1);
    assert.equal(expectedRounds({ rounds: 1, probEnd: 0.5 }), 1);
  });

  it('agrees with backward induction on the sequential game with the plain linear reward', () => {
    for (const [players, mpcr] of [
      [3, 0.5],
      [4, 0.4],
      [2, 1.5],
    ] as const) {
      const a = analyseSimultaneous({ players, endowment: 5, mpcr });
      const s = solveSpe({ players, endowment: 5, mpcr, preset: 'linear' });
      assert.deepEqual(s.stagePath, new Array(players).fill(a.nash.contribution));
    }
  });
});
