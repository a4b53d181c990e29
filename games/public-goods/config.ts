/**
 * Config of the linear public goods game (simultaneous contributions, optional punishment stage),
 * and the pieces the sequential variant shares with it.
 *
 * MPCR = r/N (marginal per-capita return). It may be given as `mpcr` or as the multiplier `r`,
 * never both; the parsed config always carries `mpcr` only, so that parsing a parsed config again
 * gives the same config (replays rely on that). `turns` is accepted as an alias of `rounds` so the
 * generic `--turns` CLI flag works.
 */
import { z } from 'zod';

export const MIN_PLAYERS = 2;
export const MAX_PLAYERS = 32;
export const MAX_ENDOWMENT = 1000;
/**
 * Smallest endowment. Sums of continuous contributions are compared with a tolerance of 1e-9
 * (payoff.ts, sequential-reward.ts), which is only negligible next to amounts well above it.
 */
export const MIN_ENDOWMENT = 0.01;
/** Hard cap on rounds when the match ends by `probEnd` (so that every match terminates). */
export const PROB_END_ROUND_CAP = 10_000;
/**
 * Why these bounds keep every state, observation and return finite: a round pays each seat at most
 * e + MPCR · N · e ≤ 1000 + 32 · 32 · 1000 ≈ 1e6 (punishment only lowers it, never below 0), over at
 * most PROB_END_ROUND_CAP = 10 000 rounds; the encoding divides amounts by e ≥ MIN_ENDOWMENT and
 * points by maxPunish ≥ 1. test/public-goods/config-bounds.test.ts checks the property over configs
 * drawn from these bounds.
 */

/** Defaults: the usual laboratory design (N = 4, e = 20, MPCR 0.4, 10 periods; REFERENCES.md). */
export const DEFAULTS = { players: 4, endowment: 20, mpcr: 0.4, rounds: 10, levels: 21 } as const;

export type ContributionMode = 'integer' | 'continuous';

/** Keys shared by both public goods games (raw, before the cross-field checks). */
export const commonShape = {
  players: z.number().int().min(MIN_PLAYERS).max(MAX_PLAYERS).default(DEFAULTS.players),
  endowment: z.number().min(MIN_ENDOWMENT).max(MAX_ENDOWMENT).default(DEFAULTS.endowment),
  /** In (0, N]; the cross-field check (checkCommon) compares it with `players`. */
  mpcr: z.number().gt(0).max(MAX_PLAYERS).optional(),
  r: z
    .number()
    .gt(0)
    .max(MAX_PLAYERS * MAX_PLAYERS)
    .optional(),
  rounds: z.number().int().min(1).max(PROB_END_ROUND_CAP).optional(),
  turns: z.number().int().min(1).max(PROB_END_ROUND_CAP).optional(),
  probEnd: z.number().gt(0).max(1).optional(),
  contributions: z.enum(['integer', 'continuous']).default('integer'),
  /** Continuous mode: number of evenly spaced levels in [0, e] offered to networks (index space). */
  levels: z.number().int().min(2).max(1001).default(DEFAULTS.levels),
};

type CommonRaw = {
  players: number;
  endowment: number;
  mpcr?: number | undefined;
  r?: number | undefined;
  rounds?: number | undefined;
  turns?: number | undefined;
  probEnd?: number | undefined;
  contributions: ContributionMode;
  levels: number;
};

export interface CommonConfig {
  players: number;
  endowment: number;
  mpcr: number;
  /** Rounds played; with probEnd, a hard cap (default PROB_END_ROUND_CAP). */
  rounds: number;
  probEnd?: number;
  contributions: ContributionMode;
  levels: number;
}

/** Cross-field rules: MPCR in (0, N], one of mpcr/r, integer endowment in integer mode. */
export function checkCommon(c: CommonRaw, ctx: z.RefinementCtx): void {
  if (c.mpcr !== undefined && c.r !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['r'], message: 'give either mpcr or r (= mpcr × players), not both' });
  }
  const mpcr = c.mpcr ?? (c.r !== undefined ? c.r / c.players : DEFAULTS.mpcr);
  if (!(mpcr > 0 && mpcr <= c.players)) {
    ctx.addIssue({
      code: 'custom',
      path: [c.r !== undefined ? 'r' : 'mpcr'],
      message: `MPCR = r/N must be in (0, N] = (0, ${c.players}], got ${mpcr}`,
    });
  }
  if (c.contributions === 'integer' && !Number.isInteger(c.endowment)) {
    ctx.addIssue({
      code: 'custom',
      path: ['endowment'],
      message: 'integer contributions need a whole-number endowment',
    });
  }
  if (c.rounds !== undefined && c.turns !== undefined && c.rounds !== c.turns) {
    ctx.addIssue({ code: 'custom', path: ['turns'], message: 'turns is an alias of rounds; give one of them' });
  }
}

export function normaliseCommon(c: CommonRaw): CommonConfig {
  const out: CommonConfig = {
    players: c.players,
    endowment: c.endowment,
    mpcr: c.mpcr ?? (c.r !== undefined ? c.r / c.players : DEFAULTS.mpcr),
    rounds: c.rounds ?? c.turns ?? (c.probEnd !== undefined ? PROB_END_ROUND_CAP : DEFAULTS.rounds),
    contributions: c.contributions,
    levels: c.levels,
  };
  if (c.probEnd !== undefined) out.probEnd = c.probEnd;
  return out;
}

export interface PublicGoodsConfig extends CommonConfig {
  /** Fehr & Gächter punishment stage after each contribution stage. */
  punishment: boolean;
  /** What one punishment point costs the punisher. */
  punishCost: number;
  /** What one punishment point removes from its target (k; 3 in the usual design). */
  punishImpact: number;
  /** Most points one player may assign to one target in one round. */
  maxPunish: number;
}

/** Bounds of a punishment point's cost and impact (a point below 0.01 would be free in effect). */
export const PUNISH_MIN = 0.01;
export const PUNISH_MAX = 100;
export const MAX_POINTS_PER_TARGET = 50;

export const publicGoodsConfigSchema: z.ZodType<PublicGoodsConfig> = z
  .strictObject({
    ...commonShape,
    punishment: z.boolean().default(false),
    punishCost: z.number().min(PUNISH_MIN).max(PUNISH_MAX).default(1),
    punishImpact: z.number().min(PUNISH_MIN).max(PUNISH_MAX).default(3),
    maxPunish: z.number().int().min(1).max(MAX_POINTS_PER_TARGET).default(10),
  })
  .superRefine(checkCommon)
  .transform((c) => ({
    ...normaliseCommon(c),
    punishment: c.punishment,
    punishCost: c.punishCost,
    punishImpact: c.punishImpact,
    maxPunish: c.maxPunish,
  })) as unknown as z.ZodType<PublicGoodsConfig>;

/** Number of contribution levels in the discrete index space: 0..e (integer) or `levels` (continuous). */
export function levelCount(c: CommonConfig): number {
  return c.contributions === 'integer' ? c.endowment + 1 : c.levels;
}

/**
 * The contribution at level index i. The top level is exactly e: e·(L−1)/(L−1) can round one ulp
 * above e (e.g. e = 0.010000000000054743 with 1001 levels), which the legality check then refuses,
 * so a legal() action or an index a policy chose would be ILLEGAL_ACTION.
 */
export function levelAmount(c: CommonConfig, i: number): number {
  if (c.contributions === 'integer') return i;
  return i >= c.levels - 1 ? c.endowment : Math.min(c.endowment, (c.endowment * i) / (c.levels - 1));
}

/** Nearest level index of an amount (exact for integer mode). */
export function amountLevel(c: CommonConfig, amount: number): number {
  if (c.contributions === 'integer') return amount;
  return Math.round((amount / c.endowment) * (c.levels - 1));
}
