/**
 * Numeric encoding of an observation, fixed size OBS_SIZE, everything in [-1, 1]:
 *   [0, 20)  the last 5 realised joint moves, newest first, one-hot over (mine, theirs) ∈ {CC, CD, DC, DD}
 *            (all zero before the match has that many turns);
 *   20       turn / turns (progress, against the cap when probEnd > 0);
 *   21..24   own table R, S, T, P divided by the largest absolute payoff of both tables;
 *   25..28   the opponent's table, same scale;
 *   29       1 in the cheap-talk phase;
 *   30, 31   my and the opponent's cooperation rate so far (0 before the first turn).
 */
import type { DilemmaObservation } from './observe.ts';

export const HISTORY_DEPTH = 5;
export const OBS_SIZE = HISTORY_DEPTH * 4 + 1 + 8 + 1 + 2;

export function encode(obs: DilemmaObservation, out: Float32Array = new Float32Array(OBS_SIZE)): Float32Array {
  out.fill(0);
  const n = obs.myMoves.length;
  for (let k = 0; k < HISTORY_DEPTH && k < n; k++) {
    const t = n - 1 - k;
    out[k * 4 + (obs.myMoves[t] === 'D' ? 2 : 0) + (obs.oppMoves[t] === 'D' ? 1 : 0)] = 1;
  }
  out[20] = Math.min(1, obs.turn / obs.turns);
  const { own, opponent } = obs.payoffs;
  const table = [own.R, own.S, own.T, own.P, opponent.R, opponent.S, opponent.T, opponent.P];
  const scale = Math.max(1e-12, ...table.map(Math.abs));
  for (let i = 0; i < 8; i++) out[21 + i] = table[i]! / scale;
  out[29] = obs.phase === 'talk' ? 1 : 0;
  if (n > 0) {
    let mine = 0;
    let theirs = 0;
    for (let t = 0; t < n; t++) {
      if (obs.myMoves[t] === 'C') mine++;
      if (obs.oppMoves[t] === 'C') theirs++;
    }
    out[30] = mine / n;
    out[31] = theirs / n;
  }
  return out;
}
