/**
 * The fast acting path: a forward pass of the MLP in plain Float32Arrays, with every buffer
 * allocated once. Single-sample tfjs inference costs 31–42 µs on this machine against ~5 µs for
 * this loop (issue 6), and acting is one sample at a time, so rollouts and checkpoint agents use
 * this; training uses the tfjs graph of the same weights (tf-policy.ts), checked equal to 1e-5
 * in test/training/forward-parity.test.ts.
 */
import {
  headSize,
  inputSize,
  paramLayout,
  type DenseLayer,
  type ParamLayout,
  type PolicyArchitecture,
} from './architecture.ts';
import { ActionNetBuffers, actionNetForward, criticInput } from './action-net.ts';

/** Normalised inputs are clipped to ±CLIP (as in SB3's VecNormalize, clip_obs = 10). */
export const OBS_CLIP = 10;

export class PlainPolicy {
  readonly layout: ParamLayout;
  readonly inputSize: number;
  readonly headSize: number;
  /** Scratch buffers: one per layer output, reused on every call. */
  private readonly actorBufs: Float32Array[];
  private readonly criticBufs: Float32Array[];
  readonly normalized: Float32Array;
  /** Action-feature network only: its scratch buffers and logits. */
  private readonly actionBufs?: ActionNetBuffers;
  private readonly logits?: Float32Array;
  private readonly criticIn?: Float32Array;

  constructor(
    readonly arch: PolicyArchitecture,
    /** The flat weights; shared, not copied, so that the trainer can refresh them in place. */
    public params: Float32Array,
  ) {
    this.layout = paramLayout(arch);
    if (params.length !== this.layout.total)
      throw new Error(`policy weights: expected ${this.layout.total} floats, got ${params.length}`);
    this.inputSize = inputSize(arch);
    this.headSize = headSize(arch.head);
    this.actorBufs = this.layout.actor.map((l) => new Float32Array(l.out));
    this.criticBufs = this.layout.critic.map((l) => new Float32Array(l.out));
    this.normalized = new Float32Array(this.inputSize);
    if (arch.format === 'ludus-actfeat-v1') {
      this.actionBufs = new ActionNetBuffers(arch);
      this.logits = new Float32Array(this.headSize);
      this.criticIn = new Float32Array(this.layout.critic[0]!.in);
    }
  }

  /** (x − mean) / std, clipped; writes into `out` (default: an internal buffer). */
  normalize(raw: Float32Array, out: Float32Array = this.normalized): Float32Array {
    const p = this.params;
    const m = this.layout.obsMean.offset;
    const s = this.layout.obsStd.offset;
    for (let i = 0; i < this.inputSize; i++) {
      const z = (raw[i]! - p[m + i]!) / p[s + i]!;
      out[i] = z > OBS_CLIP ? OBS_CLIP : z < -OBS_CLIP ? -OBS_CLIP : z;
    }
    return out;
  }

  private run(layers: DenseLayer[], bufs: Float32Array[], x: Float32Array): Float32Array {
    const p = this.params;
    let input = x;
    for (let l = 0; l < layers.length; l++) {
      const layer = layers[l]!;
      const nin = layer.in;
      const nout = layer.out;
      const bo = layer.b.offset;
      const y = bufs[l]!;
      for (let j = 0; j < nout; j++) y[j] = p[bo + j]!;
      // Four input rows at a time: a quarter of the loads and stores of y (the hot loop of acting).
      let i = 0;
      let row = layer.w.offset;
      for (; i + 3 < nin; i += 4, row += 4 * nout) {
        const x0 = input[i]!;
        const x1 = input[i + 1]!;
        const x2 = input[i + 2]!;
        const x3 = input[i + 3]!;
        const r1 = row + nout;
        const r2 = r1 + nout;
        const r3 = r2 + nout;
        for (let j = 0; j < nout; j++) y[j] += x0 * p[row + j]! + x1 * p[r1 + j]! + x2 * p[r2 + j]! + x3 * p[r3 + j]!;
      }
      for (; i < nin; i++, row += nout) {
        const xi = input[i]!;
        for (let j = 0; j < nout; j++) y[j] += xi * p[row + j]!;
      }
      if (l < layers.length - 1) for (let j = 0; j < nout; j++) y[j] = Math.tanh(y[j]!);
      input = y;
    }
    return input;
  }

  /** Head output for a NORMALISED input: logits (categorical) or the Gaussian mean. Reused buffer. */
  head(x: Float32Array): Float32Array {
    if (this.arch.format === 'ludus-actfeat-v1')
      return actionNetForward(this.arch, this.params, this.layout, x, this.actionBufs!, this.logits!);
    return this.run(this.layout.actor, this.actorBufs, x);
  }

  /** State value for a NORMALISED input. */
  value(x: Float32Array): number {
    if (this.arch.format === 'ludus-actfeat-v1')
      return this.run(this.layout.critic, this.criticBufs, criticInput(this.arch, x, this.criticIn!))[0]!;
    return this.run(this.layout.critic, this.criticBufs, x)[0]!;
  }

  logStd(i: number): number {
    return this.params[this.layout.logStd!.offset + i]!;
  }
}
