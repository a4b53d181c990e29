/**
 * Configuration of Trust-and-Split (the Advantage Alignment LLM paper, arXiv 2511.19405; its code,
 * dereckpiche/llm_negotiation, mllm/markov_games/negotiation/tas_rps_simulation.py and
 * configs/tas_rps_*.yaml). Defaults are theirs: 10 rounds of 10 coins, a coin worth 10 to the
 * winner of the round's rock–paper–scissors draw and 1 to the loser, one message of at most 500
 * characters per player per round (`quota_messages_per_agent_per_round: 1`), independent draws each
 * round (`alternating_hands: False`).
 *
 * Bounds keep every match short and every number finite: a return is at most
 * MAX_ROUNDS · MAX_COINS · MAX_VALUE = 1e11, and a match stores at most
 * MAX_ROUNDS · 2 · MAX_MESSAGES_PER_ROUND messages of 500 characters.
 */
import { z } from 'zod';

export type Hand = 'rock' | 'paper' | 'scissors';
export const HANDS: readonly Hand[] = Object.freeze(['rock', 'paper', 'scissors'] as Hand[]);

/** What each hand beats (rock blunts scissors, scissors cut paper, paper covers rock). */
export const BEATS: Readonly<Record<Hand, Hand>> = Object.freeze({
  rock: 'scissors',
  paper: 'rock',
  scissors: 'paper',
});

export const MAX_ROUNDS = 1000;
export const MAX_COINS = 100;
export const MAX_VALUE = 1e6;
export const MAX_MESSAGES_PER_ROUND = 5;

export interface TrustSplitConfig {
  /** Rounds in a match. */
  rounds: number;
  /** Coins to split each round. */
  coins: number;
  /** Value of a coin to the winner of the round's draw. */
  highValue: number;
  /** Value of a coin to the loser (≤ highValue). */
  lowValue: number;
  /** Messages each player sends per round before the split, in alternation (0 = no talk). */
  messages: number;
  /** The loser of a round wins the next (their `alternating_hands`); the first round is drawn. */
  alternateHands: boolean;
}

export const trustSplitConfig = z
  .strictObject({
    rounds: z.number().int().min(1).max(MAX_ROUNDS).default(10).describe('rounds in a match'),
    coins: z.number().int().min(1).max(MAX_COINS).default(10).describe('coins to split each round'),
    highValue: z
      .number()
      .gt(0)
      .max(MAX_VALUE)
      .default(10)
      .describe('value of a coin to the winner of the rock–paper–scissors draw'),
    lowValue: z.number().min(0).max(MAX_VALUE).default(1).describe('value of a coin to the loser (≤ highValue)'),
    messages: z
      .number()
      .int()
      .min(0)
      .max(MAX_MESSAGES_PER_ROUND)
      .default(1)
      .describe('messages (≤ 500 chars) each player sends per round, in alternation, before the split'),
    alternateHands: z.boolean().default(false).describe('the loser of a round wins the next one'),
  })
  .superRefine((c, ctx) => {
    if (c.lowValue > c.highValue)
      ctx.addIssue({
        code: 'custom',
        path: ['lowValue'],
        message: `lowValue may not exceed highValue (got ${c.lowValue} > ${c.highValue})`,
      });
  });
