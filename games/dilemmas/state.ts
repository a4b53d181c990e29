/**
 * The engine state of an iterated 2×2 game. Histories are append-only arrays that grow by one
 * entry per seat per turn; observations hand out these arrays by reference (see observe.ts), which
 * keeps a 200-turn match O(turns) instead of O(turns²).
 */
import type { Rng } from '../core/rng.ts';
import type { DilemmaConfig, Move, Payoffs } from './config.ts';

export interface DilemmaState {
  config: DilemmaConfig;
  rng: Rng;
  /** Completed turns. */
  turn: number;
  /** True when the cheap-talk message of the current turn is still to come. */
  talking: boolean;
  over: boolean;
  reason: 'turns' | 'prob-end' | null;
  /** Realised (possibly noise-flipped) moves per seat: public. */
  moves: [Move[], Move[]];
  /** Intended moves per seat: each seat sees only its own. */
  intended: [Move[], Move[]];
  /** Cheap-talk messages per seat, one per turn when cheapTalk is on: public. */
  messages: [string[], string[]];
  scores: [number, number];
  /** Derived from the config (not serialised): pay[seat * 4 + own * 2 + other], 0 = C, 1 = D. */
  pay: readonly number[];
  /** Derived: each seat's own-view table and the opponent's. */
  views: readonly [SeatView, SeatView];
}

export interface SeatView {
  own: Payoffs;
  opponent: Payoffs;
}
