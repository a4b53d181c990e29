/**
 * Prioritised fictitious self-play (AlphaStar, Vinyals et al. 2019; pseudocode in
 * liuruoze/mini-AlphaStar `alphastarmini/core/ma/pfsp.py` and opendilab/DI-star):
 *   p_i = f(x_i) / Σ_j f(x_j), x_i = the learner's win rate against opponent i,
 * with f one of the weightings below; when Σ f < 1e-10 the choice is uniform.
 */
import type { Rng } from '../../games/core/rng.ts';

export type Weighting = 'squared' | 'variance' | 'linear' | 'linear_capped';

export const WEIGHTINGS: Record<Weighting, (x: number) => number> = {
  /** Focus on the hardest opponents. */
  squared: (x) => (1 - x) ** 2,
  /** Focus on opponents of about equal strength. */
  variance: (x) => x * (1 - x),
  linear: (x) => 1 - x,
  /** Like linear, but no opponent counts more than one we beat half the time. */
  linear_capped: (x) => Math.min(0.5, 1 - x),
};

/** Sampling probabilities over opponents from the learner's win rates against them. */
export function pfsp(winRates: readonly number[], weighting: Weighting): number[] {
  if (winRates.length === 0) return [];
  const f = WEIGHTINGS[weighting];
  const w = winRates.map(f);
  const sum = w.reduce((a, b) => a + b, 0);
  if (sum < 1e-10) return winRates.map(() => 1 / winRates.length);
  return w.map((x) => x / sum);
}

/** Draw an index from probabilities (inverse CDF on one uniform). */
export function sampleWeighted(probs: readonly number[], rng: Rng): number {
  const u = rng.float();
  let acc = 0;
  for (let i = 0; i < probs.length; i++) {
    acc += probs[i]!;
    if (u < acc) return i;
  }
  // Rounding left u ≥ acc: the last index with mass.
  for (let i = probs.length - 1; i >= 0; i--) if (probs[i]! > 0) return i;
  throw new Error('sampleWeighted: empty distribution');
}
