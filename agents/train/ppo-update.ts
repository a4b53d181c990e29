/**
 * The PPO update (Schulman et al. 2017, "Proximal Policy Optimization Algorithms", eq. 7 and 9):
 *   L = −E[min(ρ Â, clip(ρ, 1−ε, 1+ε) Â)] + c_v · ½ E[(V − R)²] − c_e · E[H(π)],  ρ = π/π_old,
 * over `epochs` passes of shuffled minibatches, advantages normalised per minibatch, gradients
 * clipped to a global norm (Pascanu et al. 2013), Adam. Runs on whichever tfjs backend is active.
 * Diagnostics: approximate KL E[(ρ − 1) − log ρ] (Schulman's k3 estimator, low variance, ≥ 0) and
 * the clip fraction.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../games/core/rng.ts';
import type { TfPolicy } from '../policy/tf-policy.ts';
import type { Batch } from './rollout.ts';

export interface PpoHyper {
  epochs: number;
  minibatches: number;
  clip: number;
  vfCoef: number;
  entCoef: number;
  maxGradNorm: number;
  normalizeAdvantages: boolean;
  /**
   * Weight of a KL penalty toward a fixed reference policy (e.g. the behaviour-cloned start):
   * + klCoef · E[KL(π_ref ‖ π_θ)] over the legal actions, as in AlphaStar's KL toward the
   * supervised policy (Vinyals et al. 2019). 0 or unset: no penalty.
   */
  klCoef?: number;
}

export interface UpdateMetrics {
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  clipFraction: number;
  /** Mean KL(π_ref ‖ π) toward the reference policy (0 without one). */
  refKl: number;
  /** Total loss of the first minibatch of the first epoch and of the last one (to see it fall). */
  lossFirst: number;
  lossLast: number;
  samples: number;
}

const HALF_LOG_2PI_E = 0.5 * (1 + Math.log(2 * Math.PI));
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Log-probabilities [B] and entropies [B] of the taken actions under the current network. */
function distribution(policy: TfPolicy, x: tf.Tensor2D, mb: MiniBatch): { logp: tf.Tensor1D; entropy: tf.Tensor1D } {
  const out = policy.head(x);
  const arch = policy.arch;
  if (arch.head.kind === 'categorical') {
    // Masked log-softmax: illegal logits pushed to −1e9 (their probability underflows to 0).
    const masked = tf.add(out, tf.mul(tf.sub(mb.mask!, 1), 1e9));
    const logsm = tf.logSoftmax(masked);
    const logp = tf.sum(tf.mul(logsm, tf.oneHot(mb.actions!, arch.head.n)), 1) as tf.Tensor1D;
    const p = tf.exp(logsm);
    const entropy = tf.neg(tf.sum(tf.mul(p, tf.mul(logsm, mb.mask!)), 1)) as tf.Tensor1D;
    return { logp, entropy };
  }
  const logStd = policy.logStd!;
  const z = tf.div(tf.sub(mb.vectors!, out), tf.exp(logStd));
  const logp = tf.sum(tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), logStd), HALF_LOG_2PI), 1) as tf.Tensor1D;
  const entRow = tf.sum(tf.add(logStd, HALF_LOG_2PI_E));
  const entropy = tf.mul(tf.onesLike(logp), entRow) as tf.Tensor1D;
  return { logp, entropy };
}

interface MiniBatch {
  obs: tf.Tensor2D;
  actions?: tf.Tensor1D;
  mask?: tf.Tensor2D;
  vectors?: tf.Tensor2D;
  oldLogp: tf.Tensor1D;
  adv: tf.Tensor1D;
  ret: tf.Tensor1D;
}

function gather(
  batch: Batch,
  idx: Int32Array,
  discrete: boolean,
  nActions: number,
  dim: number,
  normalize: boolean,
): MiniBatch {
  const m = idx.length;
  const inp = batch.inputSize;
  const obs = new Float32Array(m * inp);
  const oldLogp = new Float32Array(m);
  const adv = new Float32Array(m);
  const ret = new Float32Array(m);
  const actions = new Int32Array(discrete ? m : 0);
  const mask = new Float32Array(discrete ? m * nActions : 0);
  const vectors = new Float32Array(discrete ? 0 : m * dim);
  for (let k = 0; k < m; k++) {
    const i = idx[k]!;
    obs.set(batch.obs.subarray(i * inp, (i + 1) * inp), k * inp);
    oldLogp[k] = batch.logProbs[i]!;
    adv[k] = batch.advantages[i]!;
    ret[k] = batch.returns[i]!;
    if (discrete) {
      actions[k] = batch.actions[i]!;
      for (let a = 0; a < nActions; a++) mask[k * nActions + a] = batch.masks[i * nActions + a]!;
    } else vectors.set(batch.vectors.subarray(i * dim, (i + 1) * dim), k * dim);
  }
  if (normalize && m > 1) {
    let mean = 0;
    for (const a of adv) mean += a;
    mean /= m;
    let v = 0;
    for (const a of adv) v += (a - mean) ** 2;
    const std = Math.sqrt(v / m) + 1e-8;
    for (let k = 0; k < m; k++) adv[k] = (adv[k]! - mean) / std;
  }
  return {
    obs: tf.tensor2d(obs, [m, inp]),
    actions: discrete ? tf.tensor1d(actions, 'int32') : undefined,
    mask: discrete ? tf.tensor2d(mask, [m, nActions]) : undefined,
    vectors: discrete ? undefined : tf.tensor2d(vectors, [m, dim]),
    oldLogp: tf.tensor1d(oldLogp),
    adv: tf.tensor1d(adv),
    ret: tf.tensor1d(ret),
  };
}

/**
 * KL(π_ref ‖ π) per sample over the legal actions of a categorical head. Both networks read the
 * same normalised input, so the reference must share the learner's (frozen) normaliser.
 */
function klToReference(policy: TfPolicy, ref: TfPolicy, x: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  const off = tf.mul(tf.sub(mask, 1), 1e9);
  const lp = tf.logSoftmax(tf.add(policy.head(x), off));
  const lr = tf.logSoftmax(tf.add(ref.head(x), off));
  return tf.sum(tf.mul(tf.mul(tf.exp(lr), mask), tf.sub(lr, lp)), 1) as tf.Tensor1D;
}

export function ppoUpdate(
  policy: TfPolicy,
  optimizer: tf.Optimizer,
  batch: Batch,
  h: PpoHyper,
  rng: Rng,
  reference?: TfPolicy,
): UpdateMetrics {
  const arch = policy.arch;
  const discrete = arch.head.kind === 'categorical';
  const nActions = arch.head.kind === 'categorical' ? arch.head.n : 0;
  const dim = arch.head.kind === 'gaussian' ? arch.head.dim : 0;
  const vars = policy.variables();
  const order = Int32Array.from({ length: batch.size }, (_, i) => i);
  const mbSize = Math.max(1, Math.floor(batch.size / h.minibatches));
  const sums = { policyLoss: 0, valueLoss: 0, entropy: 0, approxKl: 0, clipFraction: 0, refKl: 0, n: 0 };
  const klCoef = reference && discrete ? (h.klCoef ?? 0) : 0;
  let lossFirst = NaN;
  let lossLast = NaN;
  for (let epoch = 0; epoch < h.epochs; epoch++) {
    rng.shuffle(order as unknown as number[]);
    for (let start = 0; start + mbSize <= batch.size; start += mbSize) {
      const mb = gather(batch, order.subarray(start, start + mbSize), discrete, nActions, dim, h.normalizeAdvantages);
      const stats = tf.tidy(() => {
        let parts: tf.Scalar[] = [];
        const { value: loss, grads } = tf.variableGrads(() => {
          const { logp, entropy } = distribution(policy, mb.obs, mb);
          const ratio = tf.exp(tf.sub(logp, mb.oldLogp));
          const surr1 = tf.mul(ratio, mb.adv);
          const surr2 = tf.mul(tf.clipByValue(ratio, 1 - h.clip, 1 + h.clip), mb.adv);
          const pg = tf.neg(tf.mean(tf.minimum(surr1, surr2))) as tf.Scalar;
          const v = policy.value(mb.obs);
          const vl = tf.mul(0.5, tf.mean(tf.square(tf.sub(v, mb.ret)))) as tf.Scalar;
          const ent = tf.mean(entropy) as tf.Scalar;
          const logRatio = tf.sub(logp, mb.oldLogp);
          const kl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio)) as tf.Scalar;
          const clipped = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), h.clip), 'float32')) as tf.Scalar;
          const refKl =
            klCoef > 0 ? (tf.mean(klToReference(policy, reference!, mb.obs, mb.mask!)) as tf.Scalar) : tf.scalar(0);
          parts = [pg, vl, ent, kl, clipped, refKl].map((t) => tf.keep(t));
          return tf.add(
            tf.add(tf.add(pg, tf.mul(h.vfCoef, vl)), tf.mul(-h.entCoef, ent)),
            tf.mul(klCoef, refKl),
          ) as tf.Scalar;
        }, vars);
        // Global-norm clipping: g ← g · min(1, maxNorm / ‖g‖₂) over all variables together.
        const names = Object.keys(grads);
        const norm = tf.sqrt(tf.addN(names.map((k) => tf.sum(tf.square(grads[k]!)))));
        const scale = tf.minimum(1, tf.div(h.maxGradNorm, tf.add(norm, 1e-6)));
        const clippedGrads: Record<string, tf.Tensor> = {};
        for (const k of names) clippedGrads[k] = tf.mul(grads[k]!, scale);
        optimizer.applyGradients(clippedGrads as tf.NamedTensorMap);
        const values = [loss, ...parts].map((t) => t.dataSync()[0]!);
        parts.forEach((t) => t.dispose());
        return values;
      });
      for (const t of Object.values(mb)) (t as tf.Tensor | undefined)?.dispose();
      const [loss, pg, vl, ent, kl, cf, rk] = stats as [number, number, number, number, number, number, number];
      sums.refKl += rk;
      if (Number.isNaN(lossFirst)) lossFirst = loss;
      lossLast = loss;
      sums.policyLoss += pg;
      sums.valueLoss += vl;
      sums.entropy += ent;
      sums.approxKl += kl;
      sums.clipFraction += cf;
      sums.n++;
    }
  }
  const n = Math.max(1, sums.n);
  return {
    policyLoss: sums.policyLoss / n,
    valueLoss: sums.valueLoss / n,
    entropy: sums.entropy / n,
    approxKl: sums.approxKl / n,
    clipFraction: sums.clipFraction / n,
    refKl: sums.refKl / n,
    lossFirst,
    lossLast,
    samples: sums.n * mbSize,
  };
}
