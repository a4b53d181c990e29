/** Nash averaging against known answers: RPS, clone invariance, a transitive set, and a hand-solved non-uniform game. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { antisymmetricFromWinRates, nashAveraging, NashAveragingError } from '../../agents/eval/nash-averaging.ts';

const RPS = [
  [0, -1, 1],
  [1, 0, -1],
  [-1, 1, 0],
];
const entropy = (p: readonly number[]) => -p.reduce((s, x) => (x > 0 ? s + x * Math.log(x) : s), 0);

/** Append `copies` clones of agent k to antisymmetric A. */
function withClones(A: number[][], k: number, copies: number): number[][] {
  const idx = [...A.keys(), ...Array.from({ length: copies }, () => k)];
  return idx.map((i) => idx.map((j) => A[i]![j]!));
}

describe('Nash averaging (agents/eval/nash-averaging.ts)', () => {
  it('gives rock–paper–scissors the uniform mixture and everyone a Nash average of 0', () => {
    const r = nashAveraging(RPS);
    r.mixture.forEach((x) => assert.ok(Math.abs(x - 1 / 3) < 1e-9, String(r.mixture)));
    r.payoff.forEach((x) => assert.ok(Math.abs(x) < 1e-9));
  });

  it('puts all the mass on the top agent of a transitive set', () => {
    const n = 6;
    const P = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 1 / (1 + Math.exp(j - i))));
    const r = nashAveraging(antisymmetricFromWinRates(P));
    assert.ok(Math.abs(r.mixture[n - 1]! - 1) < 1e-12, String(r.mixture));
    assert.deepEqual(r.support, [n - 1]);
    for (let i = 0; i < n - 1; i++)
      assert.ok(r.payoff[i]! < r.payoff[i + 1]!, 'payoff against the top agent orders the rest');
  });

  it('does not change anybody’s Nash average when three clones of one agent join (RPS)', () => {
    const r = nashAveraging(withClones(RPS, 0, 3));
    assert.equal(r.unique, false);
    r.payoff.forEach((x) => assert.ok(Math.abs(x) < 1e-9));
    // Maximum entropy splits rock's third equally among its four copies.
    const expected = [1 / 12, 1 / 3, 1 / 3, 1 / 12, 1 / 12, 1 / 12];
    r.mixture.forEach((x, i) => assert.ok(Math.abs(x - expected[i]!) < 1e-7, `${i}: ${x}`));
  });

  it('is invariant to clones on games with a unique equilibrium (property over measured-like win rates): originals keep their averages, clones get the original’s', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((n) =>
          fc.tuple(
            fc.array(
              fc.array(
                fc.integer({ min: -1000, max: 1000 }).map((x) => x / 500),
                { minLength: n, maxLength: n },
              ),
              { minLength: n, maxLength: n },
            ),
            fc.integer({ min: 0, max: n - 1 }),
            fc.integer({ min: 1, max: 3 }),
          ),
        ),
        ([raw, k, copies]) => {
          const n = raw.length;
          const A = raw.map((row, i) => row.map((x, j) => (i === j ? 0 : i < j ? x / 4 : -raw[j]![i]! / 4)));
          const base = nashAveraging(A);
          fc.pre(base.unique);
          const cloned = nashAveraging(withClones(A, k, copies));
          for (let i = 0; i < n; i++)
            assert.ok(
              Math.abs(base.payoff[i]! - cloned.payoff[i]!) < 1e-7,
              `agent ${i}: ${base.payoff[i]} vs ${cloned.payoff[i]}`,
            );
          for (let c = 0; c < copies; c++) assert.ok(Math.abs(cloned.payoff[n + c]! - base.payoff[k]!) < 1e-7);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('solves a payoff table whose Newton system rounds to not positive definite (found by the property below)', () => {
    const raw = [
      [0, 0, 3, 2, -1],
      [0, 0, 0, 0, -1],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ];
    const A = raw.map((row, i) => row.map((x, j) => (i === j ? 0 : i < j ? x : -raw[j]![i]!)));
    const { mixture, payoff } = nashAveraging(A);
    assert.ok(Math.abs(mixture.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    payoff.forEach((x) => assert.ok(x <= 1e-8, `not an equilibrium: ${payoff}`));
  });

  it('returns an equilibrium of maximum entropy (property: feasible, and no feasible direction raises the entropy)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }).chain((n) =>
          fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
        ),
        (raw) => {
          const A = raw.map((row, i) => row.map((x, j) => (i === j ? 0 : i < j ? x : -raw[j]![i]!)));
          const { mixture, payoff } = nashAveraging(A);
          assert.ok(Math.abs(mixture.reduce((a, b) => a + b, 0) - 1) < 1e-9);
          mixture.forEach((x) => assert.ok(x >= 0));
          payoff.forEach((x) => assert.ok(x <= 1e-8, `not an equilibrium: ${payoff}`));
          // Moving towards any other equilibrium (here: the pure ones, and the uniform mixture over
          // the support when it is one) must not increase the entropy by more than rounding.
          const h = entropy(mixture);
          const support = mixture.flatMap((x, i) => (x > 1e-9 ? [i] : []));
          const uniform = mixture.map((_, i) => (support.includes(i) ? 1 / support.length : 0));
          const isEq = (p: number[]) => A.every((row) => row.reduce((s, a, j) => s + a * p[j]!, 0) <= 1e-12);
          if (isEq(uniform)) assert.ok(entropy(uniform) <= h + 1e-7);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('says when the equilibrium is not unique; agents off the support then depend on the max-entropy choice', () => {
    // Agent 2 is a clone of agent 0 in an all-draws-but-one game: a segment of equilibria.
    const r = nashAveraging([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    assert.equal(r.unique, false);
    r.mixture.forEach((x) => assert.ok(Math.abs(x - 1 / 3) < 1e-9));
    assert.equal(nashAveraging(RPS).unique, true);
  });

  it('solves a non-uniform game by hand: A = [[0,2,−1],[−2,0,1],[1,−1,0]] has p* = (1/4, 1/4, 1/2)', () => {
    // A p = 0 with Σp = 1: 2p2 − p3 = 0, −2p1 + p3 = 0 → p1 = p2 = p3/2.
    const r = nashAveraging([
      [0, 2, -1],
      [-2, 0, 1],
      [1, -1, 0],
    ]);
    [0.25, 0.25, 0.5].forEach((x, i) => assert.ok(Math.abs(r.mixture[i]! - x) < 1e-9, String(r.mixture)));
  });

  it('refuses matrices that are not square or not antisymmetric', () => {
    assert.throws(
      () => nashAveraging([]),
      (e: unknown) => e instanceof NashAveragingError && e.code === 'BAD_PAYOFF',
    );
    assert.throws(
      () => nashAveraging([[0, 1]]),
      (e: unknown) => e instanceof NashAveragingError && e.code === 'BAD_PAYOFF',
    );
    assert.throws(
      () =>
        nashAveraging([
          [0, 1],
          [1, 0],
        ]),
      (e: unknown) => e instanceof NashAveragingError && e.code === 'NOT_ANTISYMMETRIC',
    );
  });
});
