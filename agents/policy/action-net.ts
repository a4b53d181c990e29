/**
 * The action-feature network (architecture 'ludus-actfeat-v1', issue 19), in plain arrays (acting)
 * and in tfjs (training), reading the same flat weights (architecture.ts, ParamLayout.actionHead).
 *
 *   h        = tanh-MLP(state)                                   state trunk (arch.hidden)
 *   s[k, c]  = w·tanh(A·f[k, c] + B·h + b) + b'                  one score per slot k and slot code c,
 *                                                                one head shared by every action
 *   joint    = logits[cA·codes + cB] = s[0, cA] + s[1, cB]       (a product of per-slot policies; the
 *                                                                game's joint mask removes illegal pairs)
 *   preview  = logits[i] = p[i]·(w_p + U_p·h) + b_p                for the team-preview choices (bilinear:
 *                                                                90 choices, so no hidden layer per choice)
 *   logits   = flag_preview · preview + (1 − flag_preview) · joint
 * The action features f and p and the preview flag are read raw (not normalised), so a zero row
 * stays zero. The scoring of actions from their own features is the "action-feature head" of
 * Dulac-Arnold et al. 2015 / He et al. 2016 (DRRN: one network scores each (state, action) pair).
 * Hand-written: no npm package provides this network for tfjs and a plain-array twin.
 */
import * as tf from '@tensorflow/tfjs';
import type { ActionFeatureArchitecture, ParamLayout, DenseLayer } from './architecture.ts';

/**
 * The critic's input (architecture.ts criticInputSize): state and flags as they are, then per slot
 * the maximum of each action feature over the slot's codes (a permutation-invariant summary of
 * what the actions offer; the full input would make the critic the bulk of the update's cost).
 */
export function criticInput(arch: ActionFeatureArchitecture, x: Float32Array, out: Float32Array): Float32Array {
  const head = arch.stateSize + 2;
  for (let i = 0; i < head; i++) out[i] = x[i]!;
  const F = arch.actionFeatures;
  for (let k = 0; k < arch.slots; k++) {
    const o = head + k * F;
    for (let f = 0; f < F; f++) {
      let m = -Infinity;
      for (let c = 0; c < arch.codes; c++) {
        const v = x[head + (k * arch.codes + c) * F + f]!;
        if (v > m) m = v;
      }
      out[o + f] = m;
    }
  }
  return out;
}

/** The same summary in tfjs: [B, obsSize] → [B, criticInputSize]. */
export function criticInputTf(arch: ActionFeatureArchitecture, x: tf.Tensor2D): tf.Tensor2D {
  const bsz = x.shape[0];
  const head = arch.stateSize + 2;
  const F = arch.actionFeatures;
  const rows = tf.reshape(tf.slice(x, [0, head], [bsz, arch.slots * arch.codes * F]), [bsz, arch.slots, arch.codes, F]);
  const pooled = tf.reshape(tf.max(rows, 2), [bsz, arch.slots * F]);
  return tf.concat([tf.slice(x, [0, 0], [bsz, head]), pooled], 1) as tf.Tensor2D;
}

/** Scratch buffers for one plain forward pass. */
export class ActionNetBuffers {
  readonly trunk: Float32Array[];
  readonly fromState: Float32Array;
  readonly previewWeights: Float32Array;
  readonly scores: Float32Array;
  readonly hidden: Float32Array;

  constructor(arch: ActionFeatureArchitecture) {
    this.trunk = arch.hidden.map((n) => new Float32Array(n));
    this.fromState = new Float32Array(arch.actionHidden);
    this.previewWeights = new Float32Array(arch.previewFeatures);
    this.scores = new Float32Array(arch.slots * arch.codes);
    this.hidden = new Float32Array(arch.actionHidden);
  }
}

/** y = xW (+ b), W row-major [in × out], x read from `x` at offset `xo`. */
function dense(p: Float32Array, l: DenseLayer, x: ArrayLike<number>, xo: number, y: Float32Array): void {
  const nout = l.out;
  if (l.b.length) for (let j = 0; j < nout; j++) y[j] = p[l.b.offset + j]!;
  else y.fill(0, 0, nout);
  let row = l.w.offset;
  for (let i = 0; i < l.in; i++, row += nout) {
    const xi = x[xo + i]!;
    if (xi === 0) continue;
    for (let j = 0; j < nout; j++) y[j] += xi * p[row + j]!;
  }
}

/** State embedding h for a NORMALISED input (the trunk's last hidden layer). */
export function trunkForward(
  p: Float32Array,
  layout: ParamLayout,
  x: Float32Array,
  bufs: ActionNetBuffers,
): Float32Array {
  let input: ArrayLike<number> = x;
  for (let l = 0; l < layout.actor.length; l++) {
    const y = bufs.trunk[l]!;
    dense(p, layout.actor[l]!, input, 0, y);
    for (let j = 0; j < y.length; j++) y[j] = Math.tanh(y[j]!);
    input = y;
  }
  return input as Float32Array;
}

/** score = w·tanh(A·x[xo..] + s) + b' for one action row. */
function score(
  p: Float32Array,
  a: DenseLayer,
  out: DenseLayer,
  x: Float32Array,
  xo: number,
  fromState: Float32Array,
  hid: Float32Array,
): number {
  dense(p, a, x, xo, hid);
  let v = p[out.b.offset]!;
  for (let j = 0; j < hid.length; j++) v += Math.tanh(hid[j]! + fromState[j]!) * p[out.w.offset + j]!;
  return v;
}

/** Logits [head.n] for a NORMALISED input, written into `logits`. */
export function actionNetForward(
  arch: ActionFeatureArchitecture,
  p: Float32Array,
  layout: ParamLayout,
  x: Float32Array,
  bufs: ActionNetBuffers,
  logits: Float32Array,
): Float32Array {
  const ah = layout.actionHead!;
  const h = trunkForward(p, layout, x, bufs);
  const flags = arch.stateSize;
  logits.fill(0);
  if (x[flags]! > 0.5) {
    const P = arch.previewFeatures;
    const w = bufs.previewWeights;
    dense(p, ah.previewFromState, h, 0, w);
    for (let f = 0; f < P; f++) w[f] += p[ah.preview.w.offset + f]!;
    const b = p[ah.preview.b.offset]!;
    const base = flags + 2 + arch.slots * arch.codes * arch.actionFeatures;
    for (let i = 0; i < arch.previewChoices; i++) {
      let v = b;
      for (let f = 0; f < P; f++) v += x[base + i * P + f]! * w[f]!;
      logits[i] = v;
    }
    return logits;
  }
  dense(p, ah.fromState, h, 0, bufs.fromState);
  const s = bufs.scores;
  for (let k = 0; k < arch.slots * arch.codes; k++)
    s[k] = score(p, ah.fromAction, ah.out, x, flags + 2 + k * arch.actionFeatures, bufs.fromState, bufs.hidden);
  const c = arch.codes;
  if (arch.slots === 1) for (let a = 0; a < c; a++) logits[a] = s[a]!;
  else for (let a = 0; a < c; a++) for (let b = 0; b < c; b++) logits[a * c + b] = s[a]! + s[c + b]!;
  return logits;
}

export interface ActionNetVars {
  trunk: { w: tf.Variable; b: tf.Variable }[];
  fromAction: { w: tf.Variable; b: tf.Variable };
  fromState: { w: tf.Variable };
  out: { w: tf.Variable; b: tf.Variable };
  preview: { w: tf.Variable; b: tf.Variable };
  previewFromState: { w: tf.Variable };
}

/** Logits [B, head.n] for NORMALISED inputs [B, obsSize] (the same function as actionNetForward). */
export function actionNetTf(arch: ActionFeatureArchitecture, v: ActionNetVars, x: tf.Tensor2D): tf.Tensor2D {
  const bsz = x.shape[0];
  const S = arch.stateSize;
  const A = arch.actionHidden;
  const K = arch.slots * arch.codes;
  const F = arch.actionFeatures;
  let h = tf.slice(x, [0, 0], [bsz, S]) as tf.Tensor2D;
  for (const l of v.trunk) h = tf.tanh(tf.add(tf.matMul(h, l.w), l.b)) as tf.Tensor2D;
  const flag = tf.slice(x, [0, S], [bsz, 1]);
  const rows = (
    offset: number,
    n: number,
    width: number,
    a: { w: tf.Variable; b: tf.Variable },
    s: { w: tf.Variable },
    o: { w: tf.Variable; b: tf.Variable },
  ) => {
    const f = tf.reshape(tf.slice(x, [0, offset], [bsz, n * width]), [bsz * n, width]);
    const fromA = tf.reshape(tf.add(tf.matMul(f, a.w), a.b), [bsz, n, A]);
    const fromS = tf.expandDims(tf.matMul(h, s.w), 1);
    const z = tf.reshape(tf.tanh(tf.add(fromA, fromS)), [bsz * n, A]);
    return tf.reshape(tf.add(tf.matMul(z, o.w), o.b), [bsz, n]) as tf.Tensor2D;
  };
  const s = rows(S + 2, K, F, v.fromAction, v.fromState, v.out);
  const c = arch.codes;
  const n = arch.head.kind === 'categorical' ? arch.head.n : K;
  let joint: tf.Tensor2D;
  if (arch.slots === 1) joint = s;
  else {
    const s0 = tf.slice(s, [0, 0], [bsz, c]);
    const s1 = tf.slice(s, [0, c], [bsz, c]);
    joint = tf.reshape(tf.add(tf.expandDims(s0, 2), tf.expandDims(s1, 1)), [bsz, c * c]) as tf.Tensor2D;
  }
  if (joint.shape[1] < n) joint = tf.concat([joint, tf.zeros([bsz, n - joint.shape[1]]) as tf.Tensor2D], 1);
  if (arch.previewChoices === 0) return joint;
  const P = arch.previewFeatures;
  const pf = tf.reshape(tf.slice(x, [0, S + 2 + K * F], [bsz, arch.previewChoices * P]), [bsz, arch.previewChoices, P]);
  const w = tf.expandDims(tf.add(tf.matMul(h, v.previewFromState.w), tf.reshape(v.preview.w, [1, P])), 2);
  let prev = tf.add(tf.reshape(tf.matMul(pf, w), [bsz, arch.previewChoices]), v.preview.b) as tf.Tensor2D;
  if (arch.previewChoices < n) prev = tf.concat([prev, tf.zeros([bsz, n - arch.previewChoices]) as tf.Tensor2D], 1);
  return tf.add(tf.mul(flag, prev), tf.mul(tf.sub(1, flag), joint)) as tf.Tensor2D;
}
