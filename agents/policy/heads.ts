/**
 * Action distributions on top of the network's head output, in plain arrays.
 * - Categorical with masking: illegal logits are excluded before the softmax (equivalent to
 *   setting them to −∞, "A Closer Look at Invalid Action Masking", Huang & Ontañón 2022).
 * - Diagonal Gaussian with a state-independent log-std (Schulman et al. 2017, §6.1); the sample
 *   is clipped to the action box only when sent to the engine; its log-probability is computed on
 *   the unclipped sample, as in SB3.
 */
import type { Rng } from '../../games/core/rng.ts';

const LOG_2PI = Math.log(2 * Math.PI);

/** Softmax over legal entries (mask[i] = 1); illegal probabilities are 0. Returns `probs`. */
export function maskedSoftmax(
  logits: ArrayLike<number>,
  mask: ArrayLike<number> | undefined,
  probs: Float32Array,
): Float32Array {
  const n = probs.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) if ((!mask || mask[i]) && logits[i]! > max) max = logits[i]!;
  if (max === -Infinity) throw new Error('maskedSoftmax: no legal action');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const e = !mask || mask[i] ? Math.exp(logits[i]! - max) : 0;
    probs[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) probs[i] = probs[i]! / sum;
  return probs;
}

/** Inverse-CDF draw from a probability vector; never returns a zero-probability index. */
export function sampleIndex(probs: ArrayLike<number>, rng: Rng): number {
  const u = rng.float();
  let acc = 0;
  let last = -1;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i]! <= 0) continue;
    last = i;
    acc += probs[i]!;
    if (u < acc) return i;
  }
  return last;
}

export function argmax(probs: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < probs.length; i++) if (probs[i]! > probs[best]!) best = i;
  return best;
}

/** log N(x; mean, exp(logStd)) summed over dimensions. */
export function gaussianLogProb(x: ArrayLike<number>, mean: ArrayLike<number>, logStd: (i: number) => number): number {
  let lp = 0;
  for (let i = 0; i < x.length; i++) {
    const ls = logStd(i);
    const z = (x[i]! - mean[i]!) / Math.exp(ls);
    lp += -0.5 * z * z - ls - 0.5 * LOG_2PI;
  }
  return lp;
}

/** Clip a sample to the box; a NaN component (only from broken weights) becomes the box centre. */
export function clipToBox(x: ArrayLike<number>, low: readonly number[], high: readonly number[]): number[] {
  const out: number[] = new Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    out[i] = !Number.isNaN(v) ? Math.min(high[i]!, Math.max(low[i]!, v)) : (low[i]! + high[i]!) / 2;
  }
  return out;
}
