/**
 * Configuration of the iterated 2×2 games: the payoff table, the match length (fixed `turns`, or
 * geometric ending with `probEnd`), action noise and the optional cheap-talk channel.
 *
 * A payoff table is written from a player's own point of view as (R, S, T, P), the classic names
 * from Axelrod's tournaments (axelrod/game.py): R = both cooperate, S = I cooperate and the other
 * defects, T = I defect and the other cooperates, P = both defect. A named game checks that the
 * table really is that game; `matrix` accepts any table, and also a pair of tables (seat 0's view,
 * seat 1's view) for asymmetric 2×2 games.
 */
import { z } from 'zod';
import { MAX_MESSAGE } from '../core/message.ts';
import { storableString } from '../core/storable.ts';

export type Move = 'C' | 'D';

export interface Payoffs {
  R: number;
  S: number;
  T: number;
  P: number;
}

export type DilemmaKind = 'ipd' | 'stag-hunt' | 'chicken' | 'matrix';

export interface DilemmaConfig {
  payoffs: Payoffs | [Payoffs, Payoffs];
  /** Fixed match length, or the safety cap when probEnd > 0. */
  turns: number;
  /** Probability that the match ends after each turn (Axelrod's prob_end); 0 = fixed length. */
  probEnd: number;
  /** Probability that each intended action is flipped (each seat independently). */
  noise: number;
  /** A message phase before every move. */
  cheapTalk: boolean;
}

/** Axelrod's default fixed match length (axelrod/match.py, DEFAULT_TURNS). */
export const DEFAULT_TURNS = 200;
/**
 * Length cap used when probEnd > 0 and no `turns` is given: the chance of reaching it is
 * (1 − p)^10000, below 1e-40 for p ≥ 0.01. The exact analysis uses the same cap, so both agree.
 */
export const PROB_END_CAP = 10_000;
/** Longest cheap-talk message, in UTF-16 code units, and its schema: shared with Trust-and-Split (games/core/message.ts). */
export { MAX_MESSAGE, messageSchema } from '../core/message.ts';

/**
 * Config bounds. Every payoff lies in [−MAX_PAYOFF, MAX_PAYOFF], so a return is at most
 * MAX_TURNS · MAX_PAYOFF = 1e12 in size: finite, and exact for whole-number tables. With cheap talk
 * a match has at most PROB_END_CAP turns, which bounds the messages one match stores (and that every
 * observation carries) to 2 · 10 000 · 500 characters. Probabilities are in [0, 1].
 */
export const MAX_PAYOFF = 1e6;
export const MAX_TURNS = 1_000_000;
export const MAX_TALK_TURNS = PROB_END_CAP;

/**
 * A string PostgreSQL can keep in jsonb (actions and configs are stored): no NUL character and no
 * unpaired UTF-16 surrogate ("unsupported Unicode escape sequence" otherwise; issue 10, fault 3).
 */
export function isStorableText(s: string): boolean {
  return storableString(s);
}

/** Default tables. PD: Axelrod's (3, 0, 5, 1). Stag hunt: Skyrms' (4, 0, 3, 3), where hare is safe. Chicken/snowdrift: (3, 1, 4, 0). */
export const DEFAULT_PAYOFFS: Record<DilemmaKind, Payoffs> = {
  ipd: { R: 3, S: 0, T: 5, P: 1 },
  'stag-hunt': { R: 4, S: 0, T: 3, P: 3 },
  chicken: { R: 3, S: 1, T: 4, P: 0 },
  matrix: { R: 3, S: 0, T: 5, P: 1 },
};

/** The defining inequalities of each named game; undefined when the table fits. */
export function tableProblem(kind: DilemmaKind, { R, S, T, P }: Payoffs): string | undefined {
  const got = `got R=${R}, S=${S}, T=${T}, P=${P}`;
  switch (kind) {
    case 'ipd':
      if (!(T > R && R > P && P > S)) return `not a prisoner's dilemma: needs T > R > P > S (${got})`;
      if (!(2 * R > T + S))
        return `not a prisoner's dilemma: needs 2R > T + S so that alternating does not beat mutual cooperation (${got})`;
      return undefined;
    case 'stag-hunt':
      return R > T && T >= P && P > S ? undefined : `not a stag hunt: needs R > T ≥ P > S (${got})`;
    case 'chicken':
      return T > R && R > S && S > P ? undefined : `not a game of chicken: needs T > R > S > P (${got})`;
    case 'matrix':
      return undefined;
  }
}

const payoff = z.number().min(-MAX_PAYOFF).max(MAX_PAYOFF);
const payoffsSchema = z.strictObject({ R: payoff, S: payoff, T: payoff, P: payoff });
const probability = z.number().min(0).max(1);

export function configSchemaFor(kind: DilemmaKind) {
  const payoffs =
    kind === 'matrix'
      ? z.union([payoffsSchema, z.tuple([payoffsSchema, payoffsSchema])]).default(DEFAULT_PAYOFFS.matrix)
      : payoffsSchema.default(DEFAULT_PAYOFFS[kind]);
  return z
    .strictObject({
      payoffs: payoffs.describe('(R, S, T, P) from a player’s own view; matrix also takes [seat0 view, seat1 view]'),
      turns: z
        .number()
        .int()
        .min(1)
        .max(MAX_TURNS)
        .optional()
        .describe(`match length (default ${DEFAULT_TURNS}); the cap when probEnd > 0 (default ${PROB_END_CAP})`),
      probEnd: probability.default(0).describe('probability the match ends after each turn'),
      noise: probability.default(0).describe('probability each intended action flips'),
      cheapTalk: z
        .boolean()
        .default(false)
        .describe(
          `a message (≤ ${MAX_MESSAGE} chars) from each seat before every move; at most ${MAX_TALK_TURNS} turns`,
        ),
    })
    .superRefine((c, ctx) => {
      if (c.cheapTalk && c.turns !== undefined && c.turns > MAX_TALK_TURNS) {
        ctx.addIssue({
          code: 'custom',
          path: ['turns'],
          message: `a match with cheap talk has at most ${MAX_TALK_TURNS} turns (got ${c.turns})`,
        });
      }
      const p = c.payoffs as Payoffs | [Payoffs, Payoffs];
      if (Array.isArray(p)) return;
      const problem = tableProblem(kind, p);
      if (problem) ctx.addIssue({ code: 'custom', path: ['payoffs'], message: problem });
    })
    .transform(
      (c): DilemmaConfig => ({
        payoffs: c.payoffs as DilemmaConfig['payoffs'],
        turns: c.turns ?? (c.probEnd > 0 ? PROB_END_CAP : DEFAULT_TURNS),
        probEnd: c.probEnd,
        noise: c.noise,
        cheapTalk: c.cheapTalk,
      }),
    );
}

/** The table from `seat`'s own point of view. */
export function seatPayoffs(config: Pick<DilemmaConfig, 'payoffs'>, seat: number): Payoffs {
  const p = config.payoffs;
  return Array.isArray(p) ? p[seat === 1 ? 1 : 0] : p;
}
