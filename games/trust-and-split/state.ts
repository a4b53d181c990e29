/**
 * The engine state of Trust-and-Split: plain data (the PRNG as its four-word state), so that
 * serialisation and cloning are structural. `history` is append-only; a finished round is frozen.
 */
import type { RngState } from '../core/rng.ts';
import type { Seat } from '../core/types.ts';
import type { Hand, TrustSplitConfig } from './config.ts';

export type Phase = 'talk' | 'split' | 'over';

export interface ChatLine {
  seat: Seat;
  text: string;
}

/** A finished round: everything in it is public once it is over. */
export interface RoundRecord {
  hands: [Hand, Hand];
  /** Per-coin values, [seat 0, seat 1]. */
  values: [number, number];
  /** Coins each seat claimed. */
  claims: [number, number];
  /** Coins each seat received: claims scaled down by coins / (claim sum) when they exceed `coins` (fractional). */
  coins: [number, number];
  /** Points = coins received × value. */
  points: [number, number];
  /** The seat that spoke first. */
  firstSpeaker: Seat;
  chat: ChatLine[];
}

export interface TrustSplitState {
  config: TrustSplitConfig;
  rng: RngState;
  /** Completed rounds (the tournament code reads `round` as the match length). */
  round: number;
  phase: Phase;
  /** The current round's hands: each seat may see only its own. */
  hands: [Hand, Hand];
  /** Who speaks first this round (drawn at the start, then alternating, as in their code). */
  firstSpeaker: Seat;
  /** This round's messages so far. */
  chat: ChatLine[];
  history: RoundRecord[];
  scores: [number, number];
}
