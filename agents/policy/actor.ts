/**
 * One action decision from a PlainPolicy: normalise the stacked input, run the head, sample from
 * the (masked) distribution with the caller's Rng. Used by rollouts (which also want log-prob and
 * value) and by checkpoint agents (which only want the action). No allocation per call except
 * the returned box vector.
 */
import type { Rng } from '../../games/core/rng.ts';
import { argmax, gaussianLogProb, maskedSoftmax, sampleIndex } from './heads.ts';
import type { PlainPolicy } from './forward.ts';

export interface Decision {
  /** Discrete: the action index. Box: -1. */
  index: number;
  /** Box: the unclipped sample (clip before sending to the engine). Discrete: empty. */
  vector: Float32Array;
  logProb: number;
  value: number;
}

export class Actor {
  readonly probs: Float32Array;
  private readonly sample: Float32Array;

  constructor(readonly policy: PlainPolicy) {
    this.probs = new Float32Array(policy.arch.head.kind === 'categorical' ? policy.headSize : 0);
    this.sample = new Float32Array(policy.arch.head.kind === 'gaussian' ? policy.headSize : 0);
  }

  /**
   * Decide from a RAW stacked input. `normalizedOut`, when given, receives the normalised input
   * (the rollout buffer stores it). `greedy` takes the mode instead of sampling.
   */
  decide(
    raw: Float32Array,
    mask: Uint8Array | undefined,
    rng: Rng,
    opts: { normalizedOut?: Float32Array; withValue?: boolean; greedy?: boolean } = {},
  ): Decision {
    const p = this.policy;
    const x = p.normalize(raw, opts.normalizedOut);
    const out = p.head(x);
    const value = opts.withValue ? p.value(x) : 0;
    if (p.arch.head.kind === 'categorical') {
      maskedSoftmax(out, mask, this.probs);
      const index = opts.greedy ? argmax(this.probs) : sampleIndex(this.probs, rng);
      return { index, vector: this.sample, logProb: Math.log(this.probs[index]!), value };
    }
    const v = this.sample;
    for (let i = 0; i < v.length; i++) v[i] = opts.greedy ? out[i]! : out[i]! + Math.exp(p.logStd(i)) * rng.normal();
    return { index: -1, vector: v, logProb: gaussianLogProb(v, out, (i) => p.logStd(i)), value };
  }
}
