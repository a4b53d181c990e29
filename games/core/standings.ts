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
  const fault = new Array<boolean>(n).fill(false);
  for (const s of faults) if (s >= 0 && s < n) fault[s] = true;
  const w = result.winner;
  // A key per seat, higher is better: [not at fault, is the winner (or everyone in a draw), return].
  const key = (s: Seat): [number, number, number] =>
    fault[s] ? [0, 0, 0] : [1, w === null || w === s ? 1 : 0, w === null ? 0 : (result.returns[s] ?? 0)];
  const keys = Array.from({ length: n }, (_, s) => key(s));
  const better = (a: [number, number, number], b: [number, number, number]) =>
    a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] > b[2];
  const ranks = keys.map((k) => 1 + keys.filter((o) => better(o, k)).length);
  const out: Standings = { ...result, ranks };
  const hasWinnerConcept = w !== undefined || (faults.length > 0 && n === 2);
  if (hasWinnerConcept) {
    const top = ranks.flatMap((r, s) => (r === 1 ? [s] : []));
    out.winner = top.length === 1 ? top[0]! : null;
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
