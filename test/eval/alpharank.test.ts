/**
 * α-Rank against answers known or computed here independently of agents/eval/alpharank.ts:
 * rock–paper–scissors, clones, a transitive set, and a biased rock–paper–scissors whose stationary
 * distribution this file computes by the Markov chain tree theorem from the paper's ρ formula.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  alphaRank,
  alphaRankTransitions,
  AlphaRankError,
  gthStationary,
  gthStationaryLog,
} from '../../agents/eval/alpharank.ts';

const close = (a: readonly number[], b: readonly number[], tol: number, msg?: string) => {
  assert.equal(a.length, b.length);
  a.forEach((x, i) =>
    assert.ok(Math.abs(x - b[i]!) <= tol, `${msg ?? ''} [${i}] ${x} vs ${b[i]} (${JSON.stringify(a)})`),
  );
};

// Win rates (draws half): rock beats scissors, scissors paper, paper rock.
const RPS = [
  [0.5, 0, 1],
  [1, 0.5, 0],
  [0, 1, 0.5],
];

/** RPS with three clones of rock appended (indices 3, 4, 5 are rock again). */
function withRockClones(): number[][] {
  const idx = [0, 1, 2, 0, 0, 0];
  return idx.map((i) => idx.map((j) => RPS[i]![j]!));
}

describe('α-Rank (agents/eval/alpharank.ts)', () => {
  it('gives rock–paper–scissors the uniform distribution, at α = 100 and at infinite α', () => {
    for (const alpha of [100, 'infinite'] as const) {
      const { pi, ranking } = alphaRank(RPS, { alpha });
      close(pi, [1 / 3, 1 / 3, 1 / 3], 1e-12, String(alpha));
      assert.deepEqual([...ranking].sort(), [0, 1, 2]);
    }
  });

  it('is not clone-invariant: three clones of rock give each rock 1/9, paper 4/9, scissors 1/9 (exact, by flow balance)', () => {
    // Infinite α, η = 1/5: paper's inflow 4·r·η = its outflow p·η → p = 4r; the rocks' inflow from
    // scissors 4·s·η = their outflow to paper 4·r·η → s = r. So r : p : s = 1 : 4 : 1 per strategy.
    const expected = [1 / 9, 4 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9];
    close(alphaRank(withRockClones(), { alpha: 'infinite' }).pi, expected, 1e-12, 'infinite');
    // At α = 100 the losing transitions are e^{-4900}-small and the ties are 1/m: the same balance.
    close(alphaRank(withRockClones()).pi, expected, 1e-12, 'α = 100');
    assert.equal(alphaRank(withRockClones()).ranking[0], 1);
  });

  it('puts all the mass on the top strategy of a transitive set', () => {
    // i beats j with probability 0.5 + 0.1·(j − i): strategy 0 is the strongest.
    const n = 5;
    const P = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 0.5 + 0.1 * (j - i)));
    for (const alpha of [100, 'infinite'] as const) {
      const { pi, ranking } = alphaRank(P, { alpha });
      assert.ok(Math.abs(pi[0]! - 1) < 1e-12, `${alpha}: ${pi}`);
      assert.deepEqual(ranking, [0, 1, 2, 3, 4], String(alpha));
    }
  });

  it('matches a biased rock–paper–scissors computed independently (paper ρ + Markov chain tree theorem)', () => {
    // Rock beats scissors 90 % of the time, paper beats rock 60 %, scissors beat paper 70 %.
    const P = [
      [0.5, 0.4, 0.9],
      [0.6, 0.5, 0.3],
      [0.1, 0.7, 0.5],
    ];
    for (const [alpha, m] of [
      [5, 10],
      [2, 50],
      [100, 50],
    ] as const) {
      // Omidshafiei et al. 2019: ρ_{s→r} = (1 − e^{−u}) / (1 − e^{−m u}), u = α (P[r][s] − P[s][r]); η = 1/2.
      const rho = (s: number, r: number) => {
        const u = alpha * (P[r]![s]! - P[s]![r]!);
        return u === 0 ? 1 / m : (1 - Math.exp(-u)) / (1 - Math.exp(-m * u));
      };
      const c = (s: number, r: number) => 0.5 * rho(s, r);
      // Markov chain tree theorem: π_i ∝ Σ over spanning trees directed into i of the product of edges.
      const tree = (i: number) => {
        const [j, k] = [0, 1, 2].filter((x) => x !== i) as [number, number];
        return c(j, i) * c(k, i) + c(j, k) * c(k, i) + c(k, j) * c(j, i);
      };
      const w = [tree(0), tree(1), tree(2)];
      const total = w[0]! + w[1]! + w[2]!;
      const expected = w.map((x) => x / total);
      close(alphaRank(P, { alpha, m }).pi, expected, 1e-9, `α ${alpha}, m ${m}`);
    }
  });

  it('agrees with OpenSpiel’s closed form for constant-sum games under the population model', () => {
    // OpenSpiel's `_get_rho_sr`, constant-sum branch: u = α·m/(m−1)·(P[r][s] − 1/2).
    const P = [
      [0.5, 0.45, 0.8],
      [0.55, 0.5, 0.35],
      [0.2, 0.65, 0.5],
    ];
    const alpha = 3;
    const m = 20;
    const C = alphaRankTransitions(P, { alpha, m, model: 'population' });
    for (let s = 0; s < 3; s++)
      for (let r = 0; r < 3; r++) {
        if (r === s) continue;
        const u = ((alpha * m) / (m - 1)) * (P[r]![s]! - 0.5);
        const rho = (1 - Math.exp(-u)) / (1 - Math.exp(-m * u));
        assert.ok(Math.abs(C[s]![r]! - rho / 2) < 1e-12, `${s}→${r}: ${C[s]![r]} vs ${rho / 2}`);
      }
  });

  it('returns a stationary distribution of its own transition matrix (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }).chain((n) =>
          fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
        ),
        fc.constantFrom(0.5, 5, 100),
        (raw, alpha) => {
          const n = raw.length;
          // A constant-sum win-rate table from arbitrary upper-triangle entries.
          const P = raw.map((row, i) => row.map((x, j) => (i === j ? 0.5 : i < j ? x : 1 - raw[j]![i]!)));
          const { pi, ranking } = alphaRank(P, { alpha });
          const C = alphaRankTransitions(P, { alpha });
          assert.ok(Math.abs(pi.reduce((a, b) => a + b, 0) - 1) < 1e-9);
          for (let r = 0; r < n; r++) {
            const next = pi.reduce((s, p, i) => s + p * C[i]![r]!, 0);
            assert.ok(Math.abs(next - pi[r]!) < 1e-9, `πC ≠ π at ${r}`);
          }
          assert.deepEqual(
            [...ranking].sort((a, b) => a - b),
            Array.from({ length: n }, (_, i) => i),
          );
          for (let k = 1; k < n; k++) assert.ok(pi[ranking[k - 1]!]! >= pi[ranking[k]!]!);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses bad input with typed errors', () => {
    assert.throws(
      () => alphaRank([]),
      (e: unknown) => e instanceof AlphaRankError && e.code === 'BAD_PAYOFF',
    );
    assert.throws(
      () => alphaRank([[0.5, 1]]),
      (e: unknown) => e instanceof AlphaRankError && e.code === 'BAD_PAYOFF',
    );
    assert.throws(
      () =>
        alphaRank([
          [0.5, NaN],
          [0.5, 0.5],
        ]),
      (e: unknown) => e instanceof AlphaRankError && e.code === 'BAD_PAYOFF',
    );
    assert.throws(
      () => alphaRank(RPS, { alpha: -1 }),
      (e: unknown) => e instanceof AlphaRankError && e.code === 'BAD_OPTIONS',
    );
    assert.throws(
      () => alphaRank(RPS, { m: 1 }),
      (e: unknown) => e instanceof AlphaRankError && e.code === 'BAD_OPTIONS',
    );
    assert.deepEqual(alphaRank([[0.5]]), { pi: [1], ranking: [0] });
  });

  it('GTH solves a chain with transitions far below double precision relative to 1', () => {
    const P = [
      [1 - 1e-200, 1e-200],
      [0.5, 0.5],
    ];
    const pi = gthStationary(P);
    assert.ok(Math.abs(pi[1]! / pi[0]! - 2e-200) < 1e-210);
  });

  it('ranks a transitive table whose eliminations leave the double range (1e-214 × 1e-214), as a short tournament gives', () => {
    // 1 beats 0 and 2 by 0.6 and 0.55, 2 beats 0 by 0.55: at α = 100, m = 50 the transition 1→2 is
    // 7.8e-214 and 2→0 as small, so GTH's product for 1→0 is 6e-427: 0 in floating point.
    const P = [
      [0.5, 0.4, 0.45],
      [0.6, 0.5, 0.55],
      [0.55, 0.45, 0.5],
    ];
    const { pi, ranking } = alphaRank(P);
    assert.deepEqual(ranking, [1, 2, 0]);
    const C = alphaRankTransitions(P);
    // π is the chain's own stationary distribution: mass flows balance between 1 and 2.
    assert.ok(Math.abs(pi[1]! * C[1]![2]! - pi[2]! * C[2]![1]!) <= 1e-12 * pi[1]! * C[1]![2]!);
    assert.ok(pi[0]! < 1e-300);
  });

  it('ranks every constant-sum table on a 0.05 grid at α = 100 (the scores of short tournaments), property', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((n) =>
          fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
        ),
        (raw) => {
          const n = raw.length;
          const P = raw.map((row, i) => row.map((x, j) => (i === j ? 0.5 : i < j ? x / 20 : 1 - raw[j]![i]! / 20)));
          const { pi } = alphaRank(P);
          assert.ok(pi.every((x) => Number.isFinite(x) && x >= 0));
          assert.ok(Math.abs(pi.reduce((a, b) => a + b, 0) - 1) < 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the log-space GTH agrees with the linear one on well-conditioned chains', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((n) =>
          fc.array(fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n, maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
        ),
        (raw) => {
          const P = raw.map((row) => {
            const t = row.reduce((a, b) => a + b, 0);
            return row.map((x) => x / t);
          });
          close(gthStationaryLog(P), gthStationary(P), 1e-12);
        },
      ),
      { numRuns: 200 },
    );
    assert.throws(
      () =>
        gthStationaryLog([
          [1, 0],
          [0, 1],
        ]),
      (e: unknown) => e instanceof AlphaRankError && e.code === 'NO_UNIQUE_STATIONARY',
    );
  });
});
