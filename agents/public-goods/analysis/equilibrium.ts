/**
 * Closed-form equilibrium and social optimum of the simultaneous linear public goods game
 * (REFERENCES.md, "Public goods (linear)"). With π_i = e − c_i + MPCR·Σ_j c_j:
 *   ∂π_i/∂c_i = MPCR − 1       → contributing 0 is strictly dominant when MPCR < 1, e when MPCR > 1,
 *                                 and every profile is a Nash equilibrium when MPCR = 1;
 *   ∂Σπ/∂c_i  = N·MPCR − 1 = r − 1 → the group's payoff is maximised by full contribution when
 *                                 MPCR > 1/N, by zero when MPCR < 1/N.
 * It is a social dilemma exactly when 1/N < MPCR < 1. With a fixed number of rounds the stage
 * equilibrium (in dominant strategies) is also the unique SPE of the repeated game; a punishment
 * stage does not change that for payoff maximisers, because punishing costs the punisher and
 * cannot pay in the last round (so, by induction, in none). With probEnd there is no last round and
 * other equilibria exist (folk theorem); the figures below are then per round.
 */
import { parseConfig } from '../../../games/core/kernel.ts';
import type { PublicGoodsConfig } from '../../../games/public-goods/config.ts';
import { publicGoods } from '../../../games/public-goods/engine.ts';

export type Contribution = number | 'any';

export interface SimultaneousAnalysis {
  config: PublicGoodsConfig;
  /** 1/N < MPCR < 1. */
  dilemma: boolean;
  nash: { contribution: Contribution; dominant: boolean; payoffPerRound: number; punishes: boolean };
  socialOptimum: { contribution: Contribution; payoffPerRound: number; groupPayoffPerRound: number };
  /** Rounds the per-match figures use: T, or the expected length under probEnd (capped at T). */
  expectedRounds: number;
  nashMatchPayoff: number;
  optimumMatchPayoff: number;
  notes: string[];
}

/** Expected number of rounds: T, or Σ_{t=1..T} (1 − p)^(t−1) = (1 − (1 − p)^T) / p under probEnd. */
export function expectedRounds(c: { rounds: number; probEnd?: number }): number {
  if (c.probEnd === undefined) return c.rounds;
  return (1 - (1 - c.probEnd) ** c.rounds) / c.probEnd;
}

export function analyseSimultaneous(rawConfig: unknown): SimultaneousAnalysis {
  const config = parseConfig(publicGoods, rawConfig) as PublicGoodsConfig;
  const { players: n, endowment: e, mpcr } = config;
  const nashC: Contribution = mpcr < 1 ? 0 : mpcr > 1 ? e : 'any';
  // At MPCR = 1, π_i = e + Σ_{j≠i} c_j whatever i gives; the payoff reported is the all-0 profile's.
  const nashPay = nashC === e ? mpcr * n * e : e;
  const optC: Contribution = mpcr * n > 1 ? e : mpcr * n < 1 ? 0 : 'any';
  const optPay = optC === e ? mpcr * n * e : e;
  const rounds = expectedRounds(config);
  const notes: string[] = [];
  if (mpcr === 1) notes.push('MPCR = 1: each player is indifferent; every contribution profile is a Nash equilibrium.');
  if (mpcr * n === 1) notes.push('MPCR = 1/N: the group payoff does not depend on contributions.');
  if (config.punishment)
    notes.push('Punishment costs the punisher; payoff maximisers never punish, so the equilibrium is unchanged.');
  if (config.probEnd !== undefined)
    notes.push(
      'probEnd: no last round, so cooperative equilibria of the repeated game also exist (folk theorem); figures are for the stage equilibrium.',
    );
  return {
    config,
    dilemma: 1 / n < mpcr && mpcr < 1,
    nash: { contribution: nashC, dominant: mpcr !== 1, payoffPerRound: nashPay, punishes: false },
    socialOptimum: { contribution: optC, payoffPerRound: optPay, groupPayoffPerRound: n * optPay },
    expectedRounds: rounds,
    nashMatchPayoff: nashPay * rounds,
    optimumMatchPayoff: optPay * rounds,
    notes,
  };
}
