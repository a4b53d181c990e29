/**
 * Bradley–Terry with a Gaussian prior (agents/eval/bradley-terry.ts) against an independent
 * reference (test/eval/reference/bradley_terry_map.py, its output checked in beside it), and the
 * behaviour of its intervals.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  BT_PRIOR_SD_ELO,
  BradleyTerryError,
  choleskyInverse,
  cholesky,
  covariance,
  diffVariance,
  fitBradleyTerry,
  predictScore,
  type PairTotal,
} from '../../agents/eval/bradley-terry.ts';

const reference = JSON.parse(readFileSync(new URL('./reference/bradley-terry-map.json', import.meta.url), 'utf8')) as {
  priorSdElo: number;
  n: number;
  games: [number, number, number, number][];
  rating: number[];
  sd: number[];
  cov01: number;
};

/** One winner-loser record of `wins` straight wins for agent 0 against agent 1. */
const unbeaten = (wins: number): PairTotal[] => (wins ? [{ a: 0, b: 1, score: wins, weight: wins }] : []);

describe('Bradley–Terry MAP (agents/eval/bradley-terry.ts)', () => {
  it('matches the independent Python reference (BFGS + finite-difference Hessian) on a mixed fixture', () => {
    // Aggregate the reference's games into pair totals, exactly as the store does.
    const pairs: PairTotal[] = reference.games.map(([a, b, s, w]) => ({ a, b, score: s * w, weight: w }));
    const fit = fitBradleyTerry(reference.n, pairs, { priorSd: reference.priorSdElo });
    assert.ok(fit.converged);
    fit.rating.forEach((r, i) =>
      assert.ok(Math.abs(r - reference.rating[i]!) < 1e-3, `rating ${i}: ${r} vs ${reference.rating[i]}`),
    );
    fit.sdMarginal.forEach((s, i) =>
      assert.ok(Math.abs(s - reference.sd[i]!) < 1e-2, `sd ${i}: ${s} vs ${reference.sd[i]}`),
    );
    // The relative sd of agents 5 and 6, who only met each other, is the sd of their difference.
    const n = reference.n;
    const cov = covariance(fit);
    const diff = Math.sqrt(cov[5 * n + 5]! + cov[6 * n + 6]! - 2 * cov[5 * n + 6]!) * (400 / Math.LN10);
    assert.ok(Math.abs(diffVariance(fit, 5, 6) - (cov[5 * n + 5]! + cov[6 * n + 6]! - 2 * cov[5 * n + 6]!)) < 1e-12);
    assert.ok(Math.abs(fit.sd[5]! - diff) < 1e-9 && Math.abs(fit.sd[6]! - diff) < 1e-9);
    assert.ok(Math.abs(cov[1]! - reference.cov01) < 1e-5);
  });

  it('converges (Newton to 1e-10) for an agent that never loses, in a few iterations', () => {
    const fit = fitBradleyTerry(3, [
      { a: 0, b: 1, score: 200, weight: 200 },
      { a: 0, b: 2, score: 150, weight: 150 },
      { a: 1, b: 2, score: 60, weight: 100 },
    ]);
    assert.ok(fit.converged);
    assert.ok(fit.iterations < 30, `${fit.iterations} iterations`);
    assert.ok(Number.isFinite(fit.rating[0]!) && fit.rating[0]! > fit.rating[1]!);
  });

  it('narrows the interval at every step of a growing unbeaten record, and keeps it finite', () => {
    let prev = Infinity;
    let prevRating = -Infinity;
    for (let w = 0; w <= 60; w++) {
      const fit = fitBradleyTerry(2, unbeaten(w));
      assert.ok(Number.isFinite(fit.sd[0]!) && fit.sd[0]! < prev, `${w} wins: sd ${fit.sd[0]} after ${prev}`);
      assert.ok(fit.rating[0]! > prevRating);
      prev = fit.sd[0]!;
      prevRating = fit.rating[0]!;
    }
    // Symmetric for the winless side.
    const fit = fitBradleyTerry(2, unbeaten(10));
    assert.ok(Math.abs(fit.rating[0]! - 1000 - (1000 - fit.rating[1]!)) < 1e-9);
    assert.ok(Math.abs(fit.sd[0]! - fit.sd[1]!) < 1e-9);
  });

  it('shrinks the ± without a floor as two agents play more (the field’s level is not part of it)', () => {
    const sd = (games: number) => fitBradleyTerry(2, [{ a: 0, b: 1, score: games * 0.6, weight: games }]).sd[0]!;
    assert.ok(sd(1000) < sd(100) / 3 && sd(10000) < 25, `${sd(100)} ${sd(1000)} ${sd(10000)}`);
    // The marginal sd keeps the prior's uncertainty about the level of the pair: ≥ σ/√2.
    assert.ok(
      fitBradleyTerry(2, [{ a: 0, b: 1, score: 6000, weight: 10000 }]).sdMarginal[0]! >
        BT_PRIOR_SD_ELO / Math.SQRT2 - 1,
    );
    assert.ok(Math.abs(fitBradleyTerry(1, []).sd[0]! - BT_PRIOR_SD_ELO) < 1e-9, 'no games: the prior sd');
  });

  it('does not change anybody’s estimate or interval when unrelated newcomers join', () => {
    const board: PairTotal[] = [
      { a: 0, b: 1, score: 20, weight: 28 },
      { a: 1, b: 2, score: 5, weight: 9 },
      { a: 0, b: 2, score: 7, weight: 10 },
    ];
    const before = fitBradleyTerry(3, board);
    // Two newcomers with one decisive game between them, and one with none at all.
    const after = fitBradleyTerry(6, [...board, { a: 3, b: 4, score: 1, weight: 1 }]);
    for (let i = 0; i < 3; i++) {
      assert.ok(Math.abs(before.rating[i]! - after.rating[i]!) < 1e-9);
      assert.ok(Math.abs(before.sd[i]! - after.sd[i]!) < 1e-9);
    }
    assert.equal(after.rating[5], 1000, 'no games: the prior');
  });

  it('gives pairwise predicted scores with intervals that contain the estimate and stay in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 0, max: 20 }),
            fc.integer({ min: 1, max: 20 }),
          ),
          { maxLength: 12 },
        ),
        (raw) => {
          const pairs = raw
            .filter(([a, b]) => a !== b)
            .map(([a, b, s, w]) => ({ a, b, score: Math.min(s, w), weight: w }));
          const fit = fitBradleyTerry(4, pairs);
          assert.ok(fit.converged);
          for (let i = 0; i < 4; i++)
            for (let j = 0; j < 4; j++) {
              if (i === j) continue;
              const p = predictScore(fit, i, j);
              const q = predictScore(fit, j, i);
              assert.ok(p.low >= 0 && p.low <= p.score && p.score <= p.high && p.high <= 1);
              assert.ok(Math.abs(p.score + q.score - 1) < 1e-12);
            }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('inverts through its Cholesky factor (H·H⁻¹ = I)', () => {
    const H = new Float64Array([4, -2, 1, -2, 4, -2, 1, -2, 4]);
    const inv = choleskyInverse(cholesky(H, 3), 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let v = 0;
        for (let k = 0; k < 3; k++) v += H[i * 3 + k]! * inv[k * 3 + j]!;
        assert.ok(Math.abs(v - (i === j ? 1 : 0)) < 1e-12);
      }
  });

  it('refuses bad input with a typed error', () => {
    assert.throws(
      () => fitBradleyTerry(2, [{ a: 0, b: 2, score: 1, weight: 1 }]),
      (e: unknown) => e instanceof BradleyTerryError && e.code === 'BAD_INPUT',
    );
    assert.throws(
      () => fitBradleyTerry(2, [{ a: 0, b: 1, score: 3, weight: 1 }]),
      (e: unknown) => e instanceof BradleyTerryError && e.code === 'BAD_INPUT',
    );
    assert.throws(
      () => fitBradleyTerry(2, [], { priorSd: 0 }),
      (e: unknown) => e instanceof BradleyTerryError && e.code === 'BAD_INPUT',
    );
  });
});
