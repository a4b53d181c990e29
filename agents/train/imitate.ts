/**
 * Behaviour cloning (issue 19): record a teacher agent's choices, then train a policy to copy them
 * by minimising the cross-entropy of the masked policy against the teacher's action (the
 * supervised warm start of AlphaStar, Vinyals et al. 2019, and VGC-Bench's BC baseline). The
 * result is an ordinary checkpoint that PPO can start from (`ludus train --resume`, with or
 * without a KL penalty toward it: ppo-update.ts `klCoef`).
 *
 * Demonstrations are recorded from matches in which the teacher plays every seat (or one seat,
 * seats alternating, against a given opponent); each sample is the policy's raw input for the
 * teacher's observation, the legal mask, the teacher's action index and the phase it was taken
 * in. Accuracy is the share of samples where the policy's most likely legal action is the
 * teacher's, reported overall and per phase, on held-out matches (other seeds).
 */
import * as tf from '@tensorflow/tfjs';
import { agentSeed, type Controller } from '../../games/core/runner.ts';
import { deriveSeed, Rng } from '../../games/core/rng.ts';
import type { AnyGame, Seat } from '../../games/core/types.ts';
import type { AgentSpec } from '../core/agent.ts';
import { normalizedSize, paramLayout, type PolicyArchitecture } from '../policy/architecture.ts';
import type { InputEncoder } from '../policy/encoders.ts';
import { OBS_CLIP, PlainPolicy } from '../policy/forward.ts';
import { argmax, maskedSoftmax } from '../policy/heads.ts';
import { TfPolicy } from '../policy/tf-policy.ts';
import { actInfo } from './rollout.ts';

export interface Demonstrations {
  size: number;
  inputSize: number;
  nActions: number;
  /** Raw (unnormalised) inputs [size × inputSize]. */
  obs: Float32Array;
  actions: Int32Array;
  masks: Uint8Array;
  /** The phase of each sample (the observation's `phase`, or 'step' for games without phases). */
  phases: string[];
  matches: number;
}

export interface RecordOptions {
  game: AnyGame;
  /** Parsed game config. */
  config: any;
  teacher: AgentSpec;
  /** Absent: the teacher plays every seat and every seat is recorded. */
  opponent?: AgentSpec;
  matches: number;
  seed: number;
  encoder: InputEncoder;
  /** Stop a match after this many steps (engines have their own caps). */
  maxSteps?: number;
}

/** Play `matches` matches (seeds derived from `seed`) and record the teacher's decisions. */
export function recordDemonstrations(o: RecordOptions): Demonstrations {
  const { game, config, encoder } = o;
  const space = game.actionSpace(config);
  if (space.kind !== 'discrete') throw new Error('behaviour cloning needs a discrete action space');
  const n = game.numSeats(config);
  const inp = encoder.size;
  let cap = 1024;
  let obs = new Float32Array(cap * inp);
  let actions = new Int32Array(cap);
  let masks = new Uint8Array(cap * space.n);
  const phases: string[] = [];
  let size = 0;
  const grow = () => {
    cap *= 2;
    const o2 = new Float32Array(cap * inp);
    o2.set(obs);
    obs = o2;
    const a2 = new Int32Array(cap);
    a2.set(actions);
    actions = a2;
    const m2 = new Uint8Array(cap * space.n);
    m2.set(masks);
    masks = m2;
  };
  for (let k = 0; k < o.matches; k++) {
    const seed = deriveSeed(o.seed, 'demo', k);
    let state = game.init(config, seed);
    const teacherSeat = k % n;
    const recorded = (s: Seat) => !o.opponent || s === teacherSeat;
    const controllers: Controller[] = Array.from({ length: n }, (_, s) =>
      (recorded(s) ? o.teacher : o.opponent!).create({ game, config, seat: s, rng: Rng.seeded(agentSeed(seed, s)) }),
    );
    let steps = 0;
    while (!game.isTerminal(state) && steps < (o.maxSteps ?? 10_000)) {
      const joint: unknown[] = new Array(n).fill(undefined);
      for (const seat of game.toAct(state)) {
        const view = game.observe(state, seat);
        const action = controllers[seat]!.act(view, actInfo(game, state, seat, steps));
        joint[seat] = action;
        if (!recorded(seat)) continue;
        if (size === cap) grow();
        encoder.encode(view, obs.subarray(size * inp, (size + 1) * inp));
        masks.set(game.mask(state, seat), size * space.n);
        actions[size] = game.actionToIndex(state, seat, action);
        phases.push(String((view as { phase?: unknown }).phase ?? 'step'));
        size++;
      }
      state = game.step(state, joint).state;
      steps++;
    }
  }
  return {
    size,
    inputSize: inp,
    nActions: space.n,
    obs: obs.subarray(0, size * inp),
    actions: actions.subarray(0, size),
    masks: masks.subarray(0, size * space.n),
    phases,
    matches: o.matches,
  };
}

export interface CloneOptions {
  epochs: number;
  batchSize: number;
  lr: number;
  seed: number;
  /** Called after each epoch with its mean cross-entropy. */
  onEpoch?(epoch: number, loss: number): void;
}

export const DEFAULT_CLONE: CloneOptions = { epochs: 8, batchSize: 128, lr: 1e-3, seed: 1 };

/**
 * Fit `params` (architecture `arch`) to the demonstrations: the observation normaliser is set to
 * the demonstrations' mean and std (over the normalised inputs), then Adam on the masked
 * cross-entropy of the actor; the critic is left as it was. Returns the new weights and the
 * per-epoch training losses.
 */
export function behaviourClone(
  arch: PolicyArchitecture,
  init: Float32Array,
  demos: Demonstrations,
  o: CloneOptions,
): { params: Float32Array; losses: number[] } {
  if (arch.head.kind !== 'categorical') throw new Error('behaviour cloning needs a categorical head');
  if (demos.inputSize !== arch.obsSize * arch.history || arch.history !== 1)
    throw new Error(
      `demonstrations of ${demos.inputSize} inputs do not fit the architecture (${arch.obsSize} × history ${arch.history})`,
    );
  const params = Float32Array.from(init);
  const layout = paramLayout(arch);
  const inp = demos.inputSize;
  const nn = normalizedSize(arch);
  // Normaliser: per-input mean and std of the demonstrations.
  const mean = new Float64Array(nn),
    sq = new Float64Array(nn);
  for (let i = 0; i < demos.size; i++)
    for (let j = 0; j < nn; j++) {
      const x = demos.obs[i * inp + j]!;
      mean[j] += x;
      sq[j] += x * x;
    }
  for (let j = 0; j < nn; j++) {
    const m = mean[j]! / Math.max(1, demos.size);
    params[layout.obsMean.offset + j] = m;
    params[layout.obsStd.offset + j] = Math.sqrt(Math.max(0, sq[j]! / Math.max(1, demos.size) - m * m) + 1e-8);
  }
  const x = normalizeAll(arch, params, demos);
  const policy = new TfPolicy(arch, params);
  const opt = tf.train.adam(o.lr);
  const vars = policy.actor
    .flatMap((d) => [d.w, d.b])
    .concat((policy.actionHead ?? []).flatMap((d) => (d.layer.b.length ? [d.w, d.b] : [d.w])));
  const rng = Rng.derive(o.seed, 'bc-minibatches');
  const order = Array.from({ length: demos.size }, (_, i) => i);
  const n = arch.head.n;
  const losses: number[] = [];
  for (let e = 0; e < o.epochs; e++) {
    rng.shuffle(order);
    let sum = 0,
      batches = 0;
    for (let start = 0; start < demos.size; start += o.batchSize) {
      const idx = order.slice(start, start + o.batchSize);
      const m = idx.length;
      const xb = new Float32Array(m * inp),
        mb = new Float32Array(m * n),
        ab = new Int32Array(m);
      idx.forEach((i, k) => {
        xb.set(x.subarray(i * inp, (i + 1) * inp), k * inp);
        for (let a = 0; a < n; a++) mb[k * n + a] = demos.masks[i * n + a]!;
        ab[k] = demos.actions[i]!;
      });
      const loss = tf.tidy(() => {
        const xt = tf.tensor2d(xb, [m, inp]);
        const mt = tf.tensor2d(mb, [m, n]);
        const at = tf.oneHot(tf.tensor1d(ab, 'int32'), n);
        const cost = opt.minimize(
          () => {
            const logits = tf.add(policy.head(xt), tf.mul(tf.sub(mt, 1), 1e9));
            return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), at), 1))) as tf.Scalar;
          },
          true,
          vars,
        );
        return cost!.dataSync()[0]!;
      });
      sum += loss;
      batches++;
    }
    losses.push(sum / Math.max(1, batches));
    o.onEpoch?.(e + 1, losses[e]!);
  }
  policy.writeTo(params);
  policy.dispose();
  opt.dispose();
  return { params, losses };
}

function normalizeAll(arch: PolicyArchitecture, params: Float32Array, demos: Demonstrations): Float32Array {
  const layout = paramLayout(arch);
  const inp = demos.inputSize;
  const out = new Float32Array(demos.obs.length);
  for (let i = 0; i < demos.size; i++)
    for (let j = 0; j < inp; j++) {
      const z = (demos.obs[i * inp + j]! - params[layout.obsMean.offset + j]!) / params[layout.obsStd.offset + j]!;
      out[i * inp + j] = z > OBS_CLIP ? OBS_CLIP : z < -OBS_CLIP ? -OBS_CLIP : z;
    }
  return out;
}

export interface Accuracy {
  samples: number;
  /** Share of samples where the policy's most likely legal action is the teacher's. */
  accuracy: number;
  /** The same, per phase. */
  byPhase: Record<string, { samples: number; accuracy: number }>;
}

/** Imitation accuracy of a policy on demonstrations (greedy legal action = teacher's action). */
export function imitationAccuracy(arch: PolicyArchitecture, params: Float32Array, demos: Demonstrations): Accuracy {
  const p = new PlainPolicy(arch, params);
  const probs = new Float32Array(demos.nActions);
  const inp = demos.inputSize;
  const by: Record<string, { samples: number; hits: number }> = {};
  let hits = 0;
  for (let i = 0; i < demos.size; i++) {
    const logits = p.head(p.normalize(demos.obs.subarray(i * inp, (i + 1) * inp)));
    maskedSoftmax(logits, demos.masks.subarray(i * demos.nActions, (i + 1) * demos.nActions), probs);
    const hit = argmax(probs) === demos.actions[i]! ? 1 : 0;
    hits += hit;
    const b = (by[demos.phases[i]!] ??= { samples: 0, hits: 0 });
    b.samples++;
    b.hits += hit;
  }
  return {
    samples: demos.size,
    accuracy: demos.size ? hits / demos.size : NaN,
    byPhase: Object.fromEntries(
      Object.entries(by).map(([k, v]) => [k, { samples: v.samples, accuracy: v.hits / v.samples }]),
    ),
  };
}
