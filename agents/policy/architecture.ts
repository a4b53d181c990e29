/**
 * The network description stored with every checkpoint (CheckpointRecord.architecture) and the
 * layout of the one flat Float32Array that holds all weights. Both the plain-array forward pass
 * (forward.ts, for acting) and the tfjs graph (tf-policy.ts, for training) read weights through
 * this layout, so a checkpoint means the same network to both.
 *
 * Layout, in order (row-major weights, W[i * out + j] connects input i to unit j):
 *   obsMean[inputSize], obsStd[inputSize]            observation normaliser (frozen running stats)
 *   actor:  for each layer  W[in × out], b[out]      hidden layers (tanh) then the head layer
 *   logStd[dim]                                      only for the Gaussian head
 *   critic: for each layer  W[in × out], b[out]      hidden layers (tanh) then one linear output
 * Separate actor and critic trunks, as in the PPO paper's continuous-control setup
 * (Schulman et al. 2017, §6.1), so that value-loss scale never disturbs the policy features.
 */
import { z } from 'zod';
import { GameError } from '../../games/core/errors.ts';
import type { ActionSpace } from '../../games/core/types.ts';

export const headSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('categorical'), n: z.number().int().min(1) }),
  z.strictObject({
    kind: z.literal('gaussian'),
    dim: z.number().int().min(1),
    low: z.array(z.number()),
    high: z.array(z.number()),
  }),
]);
export type Head = z.infer<typeof headSchema>;

export const mlpArchitectureSchema = z.strictObject({
  format: z.literal('ludus-mlp-v1'),
  /** Length of one encoded observation (game.obsSize(config)). */
  obsSize: z.number().int().min(1),
  /** Number of stacked observations (1 = no history); the input is the last k encodings, newest first. */
  history: z.number().int().min(1).max(64),
  hidden: z.array(z.number().int().min(1).max(4096)).max(8),
  activation: z.literal('tanh'),
  head: headSchema,
});

/**
 * The action-feature network (action-net.ts): a state trunk, one score per (slot, slot code) from
 * a shared head over that action's features, joint logits as the sum of the two slots' scores,
 * and a preview head over per-choice features. The input comes from a named encoder
 * (encoders.ts), not from game.encode.
 */
export const actionFeatureArchitectureSchema = z.strictObject({
  format: z.literal('ludus-actfeat-v1'),
  /** The input encoder (encoders.ts), e.g. 'vgc-features-v1'. */
  encoder: z.string().min(1),
  /** Length of one encoded input = stateSize + 2 + slots·codes·actionFeatures + previewChoices·previewFeatures. */
  obsSize: z.number().int().min(1),
  history: z.literal(1),
  /** The leading inputs that are normalised; the rest (flags, action features) are read raw. */
  stateSize: z.number().int().min(1),
  slots: z.number().int().min(1).max(4),
  codes: z.number().int().min(1).max(64),
  actionFeatures: z.number().int().min(1).max(256),
  previewChoices: z.number().int().min(0).max(1024),
  previewFeatures: z.number().int().min(0).max(256),
  /** State trunk (tanh); its last layer is the state embedding h. Also the critic's hidden layers. */
  hidden: z.array(z.number().int().min(1).max(4096)).min(1).max(8),
  /** Hidden units of the shared action-scoring head. */
  actionHidden: z.number().int().min(1).max(1024),
  activation: z.literal('tanh'),
  head: headSchema,
});

export const architectureSchema = z.union([mlpArchitectureSchema, actionFeatureArchitectureSchema]);
export type MlpArchitecture = z.infer<typeof mlpArchitectureSchema>;
export type ActionFeatureArchitecture = z.infer<typeof actionFeatureArchitectureSchema>;
export type PolicyArchitecture = MlpArchitecture | ActionFeatureArchitecture;

export function inputSize(arch: PolicyArchitecture): number {
  return arch.obsSize * arch.history;
}

/**
 * The critic's input: the whole input for the MLP; for the action-feature network, the state,
 * the flags and each slot's action features max-pooled over its codes (action-net.ts criticInput).
 */
export function criticInputSize(arch: PolicyArchitecture): number {
  return arch.format === 'ludus-actfeat-v1' ? arch.stateSize + 2 + arch.slots * arch.actionFeatures : inputSize(arch);
}

/** How many leading inputs the observation normaliser covers (all of them for the MLP). */
export function normalizedSize(arch: PolicyArchitecture): number {
  return arch.format === 'ludus-actfeat-v1' ? arch.stateSize : inputSize(arch);
}

export function headSize(head: Head): number {
  return head.kind === 'categorical' ? head.n : head.dim;
}

/** An architecture for a game's encoder and action space. */
export function architectureFor(
  obsSize: number,
  space: ActionSpace,
  opts: { hidden?: number[]; history?: number } = {},
): PolicyArchitecture {
  const head: Head =
    space.kind === 'discrete'
      ? { kind: 'categorical', n: space.n }
      : { kind: 'gaussian', dim: space.low.length, low: [...space.low], high: [...space.high] };
  return mlpArchitectureSchema.parse({
    format: 'ludus-mlp-v1',
    obsSize,
    history: opts.history ?? 1,
    hidden: opts.hidden ?? [64, 64],
    activation: 'tanh',
    head,
  });
}

export function parseArchitecture(raw: unknown): PolicyArchitecture {
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== 'ludus-mlp-v1' && format !== 'ludus-actfeat-v1')
    throw new GameError(
      'BAD_CONFIG',
      `invalid policy architecture: unknown format ${JSON.stringify(format)} (this version reads ludus-mlp-v1 and ludus-actfeat-v1)`,
    );
  const r = (format === 'ludus-mlp-v1' ? mlpArchitectureSchema : actionFeatureArchitectureSchema).safeParse(raw);
  if (!r.success)
    throw new GameError(
      'BAD_CONFIG',
      `invalid policy architecture: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return r.data;
}

export interface Segment {
  offset: number;
  length: number;
}
export interface DenseLayer {
  w: Segment;
  b: Segment;
  in: number;
  out: number;
}
/** The action-feature head (ludus-actfeat-v1); `fromState` layers have no bias (b.length 0). */
export interface ActionHeadLayout {
  /** Action features → hidden (with the bias), state embedding → hidden, hidden → score. */
  fromAction: DenseLayer;
  fromState: DenseLayer;
  out: DenseLayer;
  /** Preview score = p·(w + U·h) + b: `preview` holds w [P × 1] and b, `previewFromState` U [h × P]. */
  preview: DenseLayer;
  previewFromState: DenseLayer;
}

export interface ParamLayout {
  obsMean: Segment;
  obsStd: Segment;
  /** MLP: hidden layers then the head layer. Action-feature network: the state trunk only. */
  actor: DenseLayer[];
  actionHead?: ActionHeadLayout;
  logStd?: Segment;
  critic: DenseLayer[];
  total: number;
}

export function paramLayout(arch: PolicyArchitecture): ParamLayout {
  let offset = 0;
  const seg = (length: number): Segment => {
    const s = { offset, length };
    offset += length;
    return s;
  };
  const n = inputSize(arch);
  const obsMean = seg(n);
  const obsStd = seg(n);
  const stack = (outSize: number | null, from = n): DenseLayer[] => {
    const sizes = outSize === null ? [from, ...arch.hidden] : [from, ...arch.hidden, outSize];
    const layers: DenseLayer[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const i = sizes[l]!;
      const o = sizes[l + 1]!;
      layers.push({ w: seg(i * o), b: seg(o), in: i, out: o });
    }
    return layers;
  };
  if (arch.format === 'ludus-actfeat-v1') {
    const actor = stack(null, arch.stateSize);
    const h = arch.hidden[arch.hidden.length - 1]!;
    const a = arch.actionHidden;
    const dense = (i: number, o: number, bias: boolean): DenseLayer => ({
      w: seg(i * o),
      b: seg(bias ? o : 0),
      in: i,
      out: o,
    });
    const actionHead: ActionHeadLayout = {
      fromAction: dense(arch.actionFeatures, a, true),
      fromState: dense(h, a, false),
      out: dense(a, 1, true),
      preview: dense(arch.previewFeatures, 1, true),
      previewFromState: dense(h, arch.previewFeatures, false),
    };
    const critic = stack(1, criticInputSize(arch));
    return { obsMean, obsStd, actor, actionHead, critic, total: offset };
  }
  const actor = stack(headSize(arch.head));
  const logStd = arch.head.kind === 'gaussian' ? seg(arch.head.dim) : undefined;
  const critic = stack(1);
  return { obsMean, obsStd, actor, logStd, critic, total: offset };
}
