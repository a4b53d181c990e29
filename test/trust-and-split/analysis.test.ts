/**
 * The exact analysis of one round (agents/trust-and-split/analysis/stage-game.ts) against values
 * computed here independently: the payoff rule by hand, the dominance argument, and the closed forms
 * of the trust-or-grab game (R, S, T, P) = (NH/2, NH/4, NH/2 + NL/4, N(H + L)/4).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  bestResponses,
  iteratedDominance,
  pureNashEquilibria,
  stageGame,
  summarise,
  trustOrGrab,
} from '../../agents/trust-and-split/analysis/stage-game.ts';
import { parseConfig, stepChecked } from '../../games/core/kernel.ts';
import { trustAndSplit } from '../../games/trust-and-split/index.ts';

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

describe('trust-and-split: the one-shot round', () => {
  it('the bimatrix with the default values, cell by cell against the rule worked by hand', () => {
    const g = stageGame(10, [10, 1]);
    // Fits: paid as claimed.
    assert.equal(g.payoffs[0][3]![4], 30);
    assert.equal(g.payoffs[1][3]![4], 4);
    // 7 + 6 = 13 > 10: 70/13 and 60/13 coins.
    close(g.payoffs[0][7]![6]!, 700 / 13, 'high at (7, 6)');
    close(g.payoffs[1][7]![6]!, 60 / 13, 'low at (7, 6)');
    // Both claim all: 5 coins each.
    assert.equal(g.payoffs[0][10]![10], 50);
    assert.equal(g.payoffs[1][10]![10], 5);
    assert.equal(g.payoffs[0][0]![10], 0);
    assert.equal(g.payoffs[1][0]![10], 10);
  });

  it('matches what the engine pays for every pair of claims', () => {
    const config = parseConfig(trustAndSplit, { rounds: 1, messages: 0, coins: 6 });
    for (let c0 = 0; c0 <= 6; c0++)
      for (let c1 = 0; c1 <= 6; c1++) {
        const s = trustAndSplit.init(config, 100 + c0 * 7 + c1);
        const high =
          s.hands[0] === 'rock'
            ? s.hands[1] === 'scissors'
            : s.hands[0] === 'paper'
              ? s.hands[1] === 'rock'
              : s.hands[1] === 'paper';
        const values: [number, number] = high ? [10, 1] : [1, 10];
        const g = stageGame(6, values);
        const r = stepChecked(trustAndSplit, s, [{ claim: c0 }, { claim: c1 }]).rewards;
        assert.deepEqual(r, [g.payoffs[0][c0]![c1], g.payoffs[1][c0]![c1]]);
      }
  });

  it('claiming every coin is the unique best response to anything, so (N, N) is the unique equilibrium (mixed included) when both values are positive', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (N, a, b) => {
          const g = stageGame(N, [a, b]);
          for (let t = 0; t <= N; t++) {
            assert.deepEqual(bestResponses(g, 0, t), [N]);
            assert.deepEqual(bestResponses(g, 1, t), [N]);
          }
          assert.deepEqual(pureNashEquilibria(g), [[N, N]]);
          assert.deepEqual(iteratedDominance(g), [[N], [N]]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a player who values coins at 0 is indifferent: every claim of it is an equilibrium with the other claiming all', () => {
    const g = stageGame(4, [10, 0]);
    assert.deepEqual(pureNashEquilibria(g), [
      [4, 0],
      [4, 1],
      [4, 2],
      [4, 3],
      [4, 4],
    ]);
    assert.deepEqual(iteratedDominance(g), [[4], [0, 1, 2, 3, 4]]);
  });

  it('welfare: equilibrium N(H + L)/2, optimum N·H (every coin to the high value), price of anarchy 2H/(H + L)', () => {
    const s = summarise(stageGame(10, [10, 1]));
    assert.deepEqual(s.nashPoints, [50, 5]);
    assert.equal(s.nashWelfare, 55);
    assert.equal(s.optimum, 100);
    assert.deepEqual(s.optimumClaims, [10, 0]);
    close(s.priceOfAnarchy, (2 * 10) / (10 + 1), 'PoA');
  });

  it("before the draw, trust-or-grab is the closed-form (NH/2, NH/4, NH/2 + NL/4, N(H+L)/4): a prisoner's dilemma iff H > L > 0", () => {
    const d = trustOrGrab({ coins: 10, highValue: 10, lowValue: 1 });
    assert.deepEqual(d, { R: 50, S: 25, T: 52.5, P: 27.5, prisonersDilemma: true });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (N, H, share) => {
          const L = H * share;
          const got = trustOrGrab({ coins: N, highValue: H, lowValue: L });
          close(got.R, (N * H) / 2, 'R');
          close(got.S, (N * H) / 4, 'S');
          close(got.T, (N * H) / 2 + (N * L) / 4, 'T');
          close(got.P, (N * (H + L)) / 4, 'P');
          if (L > 1e-9 && H - L > 1e-9) assert.equal(got.prisonersDilemma, true);
          if (L === 0 || L === H) assert.equal(got.prisonersDilemma, false);
        },
      ),
      { numRuns: 80 },
    );
  });
});
