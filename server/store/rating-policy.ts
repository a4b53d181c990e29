/**
 * Which finished matches are rated, and the ranks a rated match is read from; the rating maths
 * itself lives in agents/eval/rating-pairs.ts (pair results, weights, online Elo), shared with
 * `ludus tournament` and `ludus league` (docs/ratings.md explains every choice).
 *
 * - K = 44, initial 1000: DI-star's ladder (docs/references.md). One constant K, because
 *   agents on a bot ladder play thousands of games and do not need Showdown's low-rating
 *   protections (its variable K and floor at 1000 exist to keep new human players).
 * - The per-match input is the seats' ranks: `result.ranks` when the match loop put them there,
 *   else games/core/standings.ts adjudicates the stored result (the single rule: a seat at fault
 *   ranks last; the engine's winner beats everyone, winner null = all draw; otherwise higher
 *   return wins). Nothing here re-derives a winner.
 * - 'aborted', and a crash with no fault seat (the server's fault), are never rated, nor is a
 *   match with `rated: false`.
 */
import type { FinishedMatch } from '../contracts.ts';
import { ranksOf } from '../../games/core/standings.ts';
import { pairResults as pairsFromRanks, type PairResult } from '../../agents/eval/rating-pairs.ts';

export { ELO_INITIAL, ELO_K, eloChanges, type PairResult, type RatingChange } from '../../agents/eval/rating-pairs.ts';

/** Whether a match changes ratings at all under the policy above. */
export function isRated(m: Pick<FinishedMatch, 'rated' | 'outcome' | 'faultSeat'>): boolean {
  if (!m.rated || m.outcome === 'aborted') return false;
  if (m.outcome !== 'normal' && m.faultSeat === undefined) return false;
  return true;
}

/** The seats' ranks of a finished match (games/core/standings.ts). */
export function matchRanks(m: Pick<FinishedMatch, 'result' | 'outcome' | 'faultSeat'>): number[] {
  return ranksOf(m.result, m.outcome !== 'normal' && m.faultSeat !== undefined ? [m.faultSeat] : []);
}

/** Pairwise results of a rated match, each pair of seats of different agents once (empty when unrated). */
export function pairResults(
  m: Pick<FinishedMatch, 'rated' | 'outcome' | 'faultSeat' | 'result' | 'seats'>,
): PairResult[] {
  if (!isRated(m)) return [];
  const agents = new Array<string | null>(m.seats.length).fill(null);
  for (const s of m.seats) agents[s.seat] = s.agentId;
  return pairsFromRanks(agents, matchRanks(m));
}
