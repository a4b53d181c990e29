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

export const architectureSchema = z.strictObject({
  format: z.literal('ludus-mlp-v1'),
  /** Length of one encoded observation (game.obsSize(config)). */
  obsSize: z.number().int().min(1),
  /** Number of stacked observations (1 = no history); the input is the last k encodings, newest first. */
  history: z.number().int().min(1).max(64),
  hidden: z.array(z.number().int().min(1).max(4096)).max(8),
  activation: z.literal('tanh'),
  head: headSchema,
});
export type PolicyArchitecture = z.infer<typeof architectureSchema>;

export function inputSize(arch: PolicyArchitecture): number {
  return arch.obsSize * arch.history;
}

export function headSize(head: Head): number {
  return head.kind === 'categorical' ? head.n : head.dim;
}

/** An architecture for a game's encoder and action space. */
export function architectureFor(obsSize: number, space: ActionSpace, opts: { hidden?: number[]; history?: number } = {}): PolicyArchitecture {
  const head: Head =
    space.kind === 'discrete'
      ? { kind: 'categorical', n: space.n }
      : { kind: 'gaussian', dim: space.low.length, low: [...space.low], high: [...space.high] };
  return architectureSchema.parse({ format: 'ludus-mlp-v1', obsSize, history: opts.history ?? 1, hidden: opts.hidden ?? [64, 64], activation: 'tanh', head });
}

export function parseArchitecture(raw: unknown): PolicyArchitecture {
  const r = architectureSchema.safeParse(raw);
  if (!r.success) throw new GameError('BAD_CONFIG', `invalid policy architecture: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
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
export interface ParamLayout {
  obsMean: Segment;
  obsStd: Segment;
  actor: DenseLayer[];
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
  const stack = (outSize: number): DenseLayer[] => {
    const sizes = [n, ...arch.hidden, outSize];
    const layers: DenseLayer[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const i = sizes[l]!;
      const o = sizes[l + 1]!;
      layers.push({ w: seg(i * o), b: seg(o), in: i, out: o });
    }
    return layers;
  };
  const actor = stack(headSize(arch.head));
  const logStd = arch.head.kind === 'gaussian' ? seg(arch.head.dim) : undefined;
  const critic = stack(1);
  return { obsMean, obsStd, actor, logStd, critic, total: offset };
}
