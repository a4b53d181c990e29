/**
 * How a finished match turns into Elo changes (docs/ratings.md explains the choices).
 *
 * - K = 44, initial 1000: DI-star's ladder (../shared/REFERENCES.md). One constant K, because
 *   agents on a bot ladder play thousands of games and do not need Showdown's low-rating
 *   protections (its variable K and floor at 1000 exist to keep new human players).
 * - A match of N seats is scored as the N(N−1)/2 pairs of distinct agents; each agent's update is
 *   elo-rank's `updateRating(Σ expected, Σ actual, current)` with K / (N − 1), so one match moves a
 *   rating by at most K whatever N is (a two-seat match is plain Elo).
 * - Pair score: from the seats' ranks (`result.ranks`, games/core/standings.ts, the single rule:
 *   a seat at fault ranks last; the engine's winner beats everyone, winner null = all draw;
 *   otherwise higher return wins). 'aborted', and a crash with no fault seat (the server's fault),
 *   are never rated, nor is a match with `rated: false`.
 * - Seats without an agent id (anonymous humans) and pairs where one agent holds both seats
 *   (self-play) are skipped.
 */
import EloRank from 'elo-rank';
import type { FinishedMatch } from '../contracts.ts';
import { pairScore, ranksOf } from '../../games/core/standings.ts';

export const ELO_K = 44;
export const ELO_INITIAL = 1000;

export interface PairResult {
  a: string;
  b: string;
  /** a's score against b: 1 win, 0.5 draw, 0 loss. */
  scoreA: number;
}

/** Whether a match changes ratings at all under the policy above. */
export function isRated(m: Pick<FinishedMatch, 'rated' | 'outcome' | 'faultSeat'>): boolean {
  if (!m.rated || m.outcome === 'aborted') return false;
  if (m.outcome !== 'normal' && m.faultSeat === undefined) return false;
  return true;
}

/** The seats' ranks (games/core/standings.ts: the one rule that turns faults and results into ranks). */
function ranks(m: FinishedMatch): number[] {
  return ranksOf(m.result, m.outcome !== 'normal' && m.faultSeat !== undefined ? [m.faultSeat] : []);
}

/** Pairwise results of a rated match (empty when the policy does not rate it). */
export function pairResults(m: FinishedMatch): PairResult[] {
  if (!isRated(m)) return [];
  const out: PairResult[] = [];
  const r = ranks(m);
  for (let i = 0; i < m.seats.length; i++) {
    for (let j = i + 1; j < m.seats.length; j++) {
      const a = m.seats[i]!.agentId;
      const b = m.seats[j]!.agentId;
      if (a === null || b === null || a === b) continue;
      out.push({ a, b, scoreA: pairScore(r, i, j) });
    }
  }
  return out;
}

export interface RatingChange {
  agentId: string;
  before: number;
  after: number;
  /** Mean pair score of this agent in the match (1 = beat everyone). */
  score: number;
  pairs: number;
}

/** New ratings from the ratings before the match (all updates use pre-match ratings). */
export function eloChanges(pairs: readonly PairResult[], before: ReadonlyMap<string, number>, seats: number, k = ELO_K): RatingChange[] {
  const elo = new EloRank(k / Math.max(1, seats - 1));
  const acc = new Map<string, { expected: number; actual: number; pairs: number }>();
  const add = (id: string, expected: number, actual: number) => {
    const e = acc.get(id) ?? { expected: 0, actual: 0, pairs: 0 };
    e.expected += expected;
    e.actual += actual;
    e.pairs++;
    acc.set(id, e);
  };
  const r = (id: string) => before.get(id) ?? ELO_INITIAL;
  for (const p of pairs) {
    add(p.a, elo.getExpected(r(p.a), r(p.b)), p.scoreA);
    add(p.b, elo.getExpected(r(p.b), r(p.a)), 1 - p.scoreA);
  }
  return [...acc.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([agentId, e]) => ({
      agentId,
      before: r(agentId),
      after: elo.updateRating(e.expected, e.actual, r(agentId)),
      score: e.actual / e.pairs,
      pairs: e.pairs,
    }));
}
