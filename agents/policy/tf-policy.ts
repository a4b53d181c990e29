/**
 * The same MLP as forward.ts, as tfjs variables, for training. Weights move between the flat
 * Float32Array (what checkpoints and the acting path use) and the variables with readFrom /
 * writeTo. The normaliser statistics are not variables: inputs reach this graph already
 * normalised (the rollout stores normalised inputs).
 */
import * as tf from '@tensorflow/tfjs';
import {
  paramLayout,
  type DenseLayer,
  type ParamLayout,
  type PolicyArchitecture,
  type Segment,
} from './architecture.ts';
import { actionNetTf, criticInputTf, type ActionNetVars } from './action-net.ts';

interface DenseVars {
  w: tf.Variable;
  b: tf.Variable;
  layer: DenseLayer;
}

export class TfPolicy {
  readonly layout: ParamLayout;
  readonly actor: DenseVars[];
  readonly critic: DenseVars[];
  readonly logStd?: tf.Variable;
  /** The action-feature network's head layers (its trunk is `actor`). */
  readonly actionHead?: DenseVars[];

  constructor(
    readonly arch: PolicyArchitecture,
    params: Float32Array,
  ) {
    this.layout = paramLayout(arch);
    const mk = (l: DenseLayer): DenseVars => ({
      w: tf.variable(tf.tensor2d(slice(params, l.w), [l.in, l.out])),
      b: tf.variable(tf.tensor1d(slice(params, l.b))),
      layer: l,
    });
    this.actor = this.layout.actor.map(mk);
    this.critic = this.layout.critic.map(mk);
    if (this.layout.logStd) this.logStd = tf.variable(tf.tensor1d(slice(params, this.layout.logStd)));
    const ah = this.layout.actionHead;
    if (ah) this.actionHead = [ah.fromAction, ah.fromState, ah.out, ah.preview, ah.previewFromState].map(mk);
  }

  /** Every dense layer with its variables (bias-free layers carry an empty bias). */
  private dense(): DenseVars[] {
    return [...this.actor, ...(this.actionHead ?? []), ...this.critic];
  }

  /** Every trainable variable (actor, log-std, critic). */
  variables(): tf.Variable[] {
    const v: tf.Variable[] = [];
    for (const d of this.actor) v.push(d.w, d.b);
    for (const d of this.actionHead ?? []) v.push(...(d.layer.b.length ? [d.w, d.b] : [d.w]));
    if (this.logStd) v.push(this.logStd);
    for (const d of this.critic) v.push(d.w, d.b);
    return v;
  }

  private mlp(stack: DenseVars[], x: tf.Tensor2D): tf.Tensor2D {
    let h = x;
    stack.forEach((d, i) => {
      const y = tf.add(tf.matMul(h, d.w), d.b) as tf.Tensor2D;
      h = i < stack.length - 1 ? tf.tanh(y) : y;
    });
    return h;
  }

  /** Head output [B, headSize] for normalised inputs [B, inputSize]. */
  head(x: tf.Tensor2D): tf.Tensor2D {
    if (this.arch.format === 'ludus-actfeat-v1') {
      const [fromAction, fromState, out, preview, previewFromState] = this.actionHead!;
      const vars: ActionNetVars = {
        trunk: this.actor,
        fromAction: fromAction!,
        fromState: fromState!,
        out: out!,
        preview: preview!,
        previewFromState: previewFromState!,
      };
      return actionNetTf(this.arch, vars, x);
    }
    return this.mlp(this.actor, x);
  }

  /** Values [B] for normalised inputs. */
  value(x: tf.Tensor2D): tf.Tensor1D {
    const input = this.arch.format === 'ludus-actfeat-v1' ? criticInputTf(this.arch, x) : x;
    return tf.reshape(this.mlp(this.critic, input), [-1]) as tf.Tensor1D;
  }

  /** Copy the variables into the trainable segments of `params` (normaliser segments untouched). */
  writeTo(params: Float32Array): void {
    const put = (v: tf.Variable, s: Segment) => params.set(v.dataSync() as Float32Array, s.offset);
    for (const d of this.dense()) {
      put(d.w, d.layer.w);
      if (d.layer.b.length) put(d.b, d.layer.b);
    }
    if (this.logStd) put(this.logStd, this.layout.logStd!);
  }

  /** Load the trainable segments of `params` into the variables. */
  readFrom(params: Float32Array): void {
    tf.tidy(() => {
      for (const d of this.dense()) {
        d.w.assign(tf.tensor2d(slice(params, d.layer.w), [d.layer.in, d.layer.out]));
        if (d.layer.b.length) d.b.assign(tf.tensor1d(slice(params, d.layer.b)));
      }
      if (this.logStd) this.logStd.assign(tf.tensor1d(slice(params, this.layout.logStd!)));
    });
  }

  dispose(): void {
    for (const v of this.variables()) v.dispose();
    for (const d of this.actionHead ?? []) if (!d.layer.b.length) d.b.dispose();
  }
}

function slice(p: Float32Array, s: Segment): Float32Array {
  return p.slice(s.offset, s.offset + s.length);
}
