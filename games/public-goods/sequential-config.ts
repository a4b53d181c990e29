/**
 * Config of the sequential public goods game: the common keys (config.ts) plus the move order and
 * the reward redesign (sequential-reward.ts), chosen by a preset and optionally overridden key by key.
 *
 * Presets (MPCR < 1 assumed in the comments; κ effort cost, β predecessor bonus, B threshold, δ penalty):
 *   linear     κ = β = δ = 0, B = 0          plain linear reward: the SPE is to contribute 0
 *   threshold  B = N·e, δ = e                anything short of full contribution costs everyone e:
 *                                            full contribution is the unique SPE when δ > (1 − MPCR)·e
 *   bonus      κ = 0.1, β = 0.9              following full contributors pays β − κ − 1 + MPCR > 0 per unit
 *   mac-spgg   κ = 0.1, β = 0.9, B = N·e/2, δ = e/4   all four components at once
 * Uniqueness of each preset's SPE is checked exhaustively in test/public-goods/backward-induction.test.ts.
 */
import { z } from 'zod';
import { checkCommon, commonShape, MAX_ENDOWMENT, MAX_PLAYERS, normaliseCommon, type CommonConfig } from './config.ts';

export const SEQUENTIAL_PRESETS = ['linear', 'threshold', 'bonus', 'mac-spgg'] as const;
export type SequentialPreset = (typeof SEQUENTIAL_PRESETS)[number];

export interface SequentialConfig extends CommonConfig {
  /** 'fixed': seat 0 moves first every round; 'rotate': the first mover advances by one each round. */
  order: 'fixed' | 'rotate';
  preset: SequentialPreset;
  effortCost: number;
  predecessorBonus: number;
  threshold: number;
  penalty: number;
}

/** The reward parameters of a preset for a group of `players` with endowment e. */
export function presetParams(preset: SequentialPreset, players: number, e: number) {
  switch (preset) {
    case 'linear':
      return { effortCost: 0, predecessorBonus: 0, threshold: 0, penalty: 0 };
    case 'threshold':
      return { effortCost: 0, predecessorBonus: 0, threshold: players * e, penalty: e };
    case 'bonus':
      return { effortCost: 0.1, predecessorBonus: 0.9, threshold: 0, penalty: 0 };
    case 'mac-spgg':
      return { effortCost: 0.1, predecessorBonus: 0.9, threshold: (players * e) / 2, penalty: e / 4 };
  }
}

/**
 * Bounds of the reward parameters. κ and β multiply a contribution (≤ e), so they are per-unit
 * factors; 100 is far beyond any design that means something. The threshold B is a group total, so
 * it lies in [0, N·e] (checked below: a B above the most the group can give would charge δ every
 * round whatever anyone does). With these, a round pays at most e(2 + κ + β) + MPCR·N·e + δ in size.
 */
export const MAX_UNIT_FACTOR = 100;
export const MAX_PENALTY = 1e6;

export const sequentialConfigSchema: z.ZodType<SequentialConfig> = z
  .strictObject({
    ...commonShape,
    order: z.enum(['fixed', 'rotate']).default('fixed'),
    preset: z.enum(SEQUENTIAL_PRESETS).default('linear'),
    effortCost: z.number().min(0).max(MAX_UNIT_FACTOR).optional(),
    predecessorBonus: z.number().min(0).max(MAX_UNIT_FACTOR).optional(),
    threshold: z
      .number()
      .min(0)
      .max(MAX_PLAYERS * MAX_ENDOWMENT)
      .optional(),
    penalty: z.number().min(0).max(MAX_PENALTY).optional(),
  })
  .superRefine(checkCommon)
  .superRefine((c, ctx) => {
    if (c.threshold !== undefined && c.threshold > c.players * c.endowment) {
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: `the threshold is a group total: at most players × endowment = ${c.players * c.endowment}, got ${c.threshold}`,
      });
    }
  })
  .transform((c) => {
    const p = presetParams(c.preset, c.players, c.endowment);
    return {
      ...normaliseCommon(c),
      order: c.order,
      preset: c.preset,
      effortCost: c.effortCost ?? p.effortCost,
      predecessorBonus: c.predecessorBonus ?? p.predecessorBonus,
      threshold: c.threshold ?? p.threshold,
      penalty: c.penalty ?? p.penalty,
    };
  }) as unknown as z.ZodType<SequentialConfig>;

/** Seat order of a round: seat (first + k) mod N at position k. */
export function roundOrder(c: SequentialConfig, round: number): number[] {
  const first = c.order === 'rotate' ? round % c.players : 0;
  return Array.from({ length: c.players }, (_, k) => (first + k) % c.players);
}
