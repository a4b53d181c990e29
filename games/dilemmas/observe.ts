/**
 * What a seat may see: every realised move, scores and messages (public), and its own intended
 * moves (private: under noise they differ from the realised ones). The opponent's intended moves
 * are hidden. A spectator sees the public part from seat 0's side.
 *
 * History arrays are shared with the engine and only ever appended to: an observation is valid
 * until the next step. Copy the arrays if you keep an observation longer.
 */
import type { SeatOrSpectator } from '../core/types.ts';
import type { DilemmaKind, Move, Payoffs } from './config.ts';
import type { DilemmaState } from './state.ts';

export interface DilemmaObservation {
  game: DilemmaKind;
  /** The observing seat, or null for a spectator (who sees seat 0 as "my"). */
  seat: 0 | 1 | null;
  phase: 'talk' | 'move' | 'over';
  /** Completed turns. */
  turn: number;
  /** The fixed length, or the cap when probEnd > 0. */
  turns: number;
  probEnd: number;
  noise: number;
  cheapTalk: boolean;
  payoffs: { own: Payoffs; opponent: Payoffs };
  myMoves: readonly Move[];
  oppMoves: readonly Move[];
  /** Own intended moves (null for a spectator). */
  myIntended: readonly Move[] | null;
  /** [mine, opponent's] totals so far. */
  scores: readonly [number, number];
  myMessages: readonly string[];
  oppMessages: readonly string[];
}

export function observe(kind: DilemmaKind, s: DilemmaState, who: SeatOrSpectator): DilemmaObservation {
  const me = who === 1 ? 1 : 0;
  const op = 1 - me;
  const c = s.config;
  return {
    game: kind,
    seat: who === 'spectator' ? null : me,
    phase: s.over ? 'over' : s.talking ? 'talk' : 'move',
    turn: s.turn,
    turns: c.turns,
    probEnd: c.probEnd,
    noise: c.noise,
    cheapTalk: c.cheapTalk,
    payoffs: s.views[me]!,
    myMoves: s.moves[me],
    oppMoves: s.moves[op]!,
    myIntended: who === 'spectator' ? null : s.intended[me],
    scores: [s.scores[me], s.scores[op]!],
    myMessages: s.messages[me],
    oppMessages: s.messages[op]!,
  };
}
