/**
 * How a match's end becomes a ranking of its seats: the ONE place where a fault (a seat that timed
 * out under a forfeit rule, left for good, or crashed) becomes a loss, and where the engine's
 * `winner` and `returns` become per-seat ranks. Live play, the CLI, tournaments, leagues and the
 * rating code all read the ranks this produces; none of them re-derives a winner.
 *
 * Ranks use standard competition ranking ("1224"): rank = 1 + the number of seats strictly better.
 * The order, from the top:
 *   1. seats at fault rank below every other seat (tied among themselves);
 *   2. among the others, the engine's winner (a seat) ranks first; `winner: null` ties them all
 *      (a draw, whatever the returns); with no winner concept (public goods), higher return ranks
 *      higher and equal returns tie;
 *   3. below a winner, the other seats are ranked by return.
 * The adjudicated `winner` agrees with the ranks: the unique seat of rank 1 where the game has
 * winners (or a fault decided a two-seat match), `null` when rank 1 is shared.
 */
import type { MatchResult, Seat } from './types.ts';

/** A match result after adjudication: the engine's result plus the ranks every consumer reads. */
export interface Standings extends MatchResult {
  /** ranks[seat]: 1 = best; tied seats share a rank (competition ranking). */
  ranks: number[];
}

/**
 * Rank the seats of a finished (or cut-short) match.
 * @param result the engine's result (`game.result(state)`), possibly of a non-terminal state
 * @param faults seats at fault, in the order their faults happened (may be empty)
 * @returns the result with `ranks`, and `winner` adjusted so that it agrees with them
 */
export function adjudicate(result: MatchResult, faults: readonly Seat[] = []): Standings {
  const n = result.returns.length;
  const w = result.winner;
  // A key per seat, higher is better, compared lexicographically:
  // [not at fault, is the winner (or everyone in a draw), return (only below a winner)].
  // Plain loops over flat arrays: this runs once per match of every tournament.
  const ok = new Array<number>(n).fill(1);
  for (const s of faults) if (s >= 0 && s < n) ok[s] = 0;
  const top = new Array<number>(n);
  const ret = new Array<number>(n);
  for (let s = 0; s < n; s++) {
    top[s] = ok[s] === 1 && (w === null || w === s) ? 1 : 0;
    ret[s] = ok[s] === 1 && w !== null ? (result.returns[s] ?? 0) : 0;
  }
  const ranks = new Array<number>(n);
  for (let s = 0; s < n; s++) {
    let better = 0;
    for (let o = 0; o < n; o++) {
      if (ok[o] !== ok[s] ? ok[o]! > ok[s]! : top[o] !== top[s] ? top[o]! > top[s]! : ret[o]! > ret[s]!) better++;
    }
    ranks[s] = 1 + better;
  }
  const out: Standings = { ...result, ranks };
  const hasWinnerConcept = w !== undefined || (faults.length > 0 && n === 2);
  if (hasWinnerConcept) {
    let first = -1;
    let count = 0;
    for (let s = 0; s < n; s++) if (ranks[s] === 1) (first = s), count++;
    out.winner = count === 1 ? first : null;
  }
  return out;
}

/**
 * Seat i's score against seat j from their ranks: 1 if i ranks higher, 0 if lower, 0.5 if tied.
 * This is the pairwise result the ratings use (docs/ratings.md).
 */
export function pairScore(ranks: readonly number[], i: Seat, j: Seat): number {
  const a = ranks[i]!;
  const b = ranks[j]!;
  return a < b ? 1 : a > b ? 0 : 0.5;
}

/** The ranks of a stored result; results stored before ranks existed are adjudicated on the fly. */
export function ranksOf(result: MatchResult & { ranks?: number[] }, faults: readonly Seat[] = []): number[] {
  return result.ranks ?? adjudicate(result, faults).ranks;
}
