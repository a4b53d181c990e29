/**
 * From one match's ranking to the pairwise results every rating reads (online Elo, Bradley–Terry,
 * the payoff table of Nash averaging and α-Rank), and the online Elo update itself.
 *
 * Input is the seats' ranks (games/core/standings.ts, the one rule that turns faults, the
 * engine's winner and returns into ranks; 1 = best, ties share a rank) and the agent of each seat.
 *
 * Exactly-once rule:
 *   - every unordered pair of seats {s, t} held by two DIFFERENT agents is one result, scored from
 *     the ranks (1 if s ranks higher, ½ if tied, 0 if lower), and appears once, whatever the
 *     number of seats an agent holds (a 4-seat match with one agent in three seats gives that
 *     agent's opponent three results);
 *   - seats of the same agent are never compared with each other (self-play says nothing about
 *     the agent's strength), and seats without an agent (anonymous people) are skipped.
 * Weights, so that one match's total influence on any agent is at most one game:
 *   let P_x = the number of results agent x takes part in in this match; a result between x and y
 *   has weight w = 1 / max(P_x, P_y). Then Σ_{results of x} w ≤ Σ 1/P_x = 1 for every agent.
 *   With N seats held by N different agents, P = N − 1 for everyone and w = 1/(N − 1), so a
 *   two-seat match is one plain game and an N-seat ranking counts as one game per agent, spread
 *   over its N − 1 opponents (composite pairwise likelihood, "rank breaking": Azari Soufiani,
 *   Parkes & Xia 2014, "Computing Parametric Ranking Models via Rank-Breaking", ICML). We chose
 *   this over Plackett–Luce (or Weng–Lin/openskill) because it gives the two-seat and N-seat games
 *   one model, one prior and one kind of interval, it needs no extra rule for tied returns (ties
 *   are half-wins, as in two-seat games), and its intervals err wide, not narrow: a full ranking
 *   of N carries more information than the one game it is counted as.
 * The online Elo uses the same results and weights: each agent's update is
 *   elo-rank's updateRating(Σ w·expected, Σ w·actual, current) with K,
 * so |change| ≤ K in every match (with N distinct agents this is the former K/(N − 1) per pair).
 */
import EloRank from 'elo-rank';

export const ELO_K = 44;
export const ELO_INITIAL = 1000;

export interface PairResult {
  /** Agents, a ≠ b; seatA/seatB are their seats in the match. */
  a: string;
  b: string;
  seatA: number;
  seatB: number;
  /** a's score against b: 1 win, 0.5 draw, 0 loss. */
  scoreA: number;
  /** The result's weight (1 / max(P_a, P_b), see the header). */
  weight: number;
}

/** Seat i's score against seat j from their ranks (competition ranks, 1 = best). */
export function rankScore(ranks: readonly number[], i: number, j: number): number {
  const a = ranks[i]!;
  const b = ranks[j]!;
  return a < b ? 1 : a > b ? 0 : 0.5;
}

/**
 * The pairwise results of one rated match.
 * @param agents agent id per seat (null = anonymous seat)
 * @param ranks rank per seat (same length)
 */
export function pairResults(agents: readonly (string | null)[], ranks: readonly number[]): PairResult[] {
  if (agents.length !== ranks.length)
    throw new RangeError(`pairResults: ${agents.length} seats but ${ranks.length} ranks`);
  const out: PairResult[] = [];
  const count = new Map<string, number>();
  for (let i = 0; i < agents.length; i++) {
    for (let j = i + 1; j < agents.length; j++) {
      const a = agents[i];
      const b = agents[j];
      if (a === null || b === null || a === undefined || b === undefined || a === b) continue;
      out.push({ a, b, seatA: i, seatB: j, scoreA: rankScore(ranks, i, j), weight: 0 });
      count.set(a, (count.get(a) ?? 0) + 1);
      count.set(b, (count.get(b) ?? 0) + 1);
    }
  }
  for (const p of out) p.weight = 1 / Math.max(count.get(p.a)!, count.get(p.b)!);
  return out;
}

export interface RatingChange {
  agentId: string;
  before: number;
  after: number;
  /** Weighted mean pair score of this agent in the match (1 = beat everyone). */
  score: number;
  /** Number of pair results of this agent in the match. */
  pairs: number;
}

/** New online Elo ratings after one match (every update uses the ratings from before it). */
export function eloChanges(
  pairs: readonly PairResult[],
  before: ReadonlyMap<string, number>,
  k = ELO_K,
): RatingChange[] {
  const elo = new EloRank(k);
  const acc = new Map<string, { expected: number; actual: number; weight: number; pairs: number }>();
  const add = (id: string, expected: number, actual: number, w: number) => {
    const e = acc.get(id) ?? { expected: 0, actual: 0, weight: 0, pairs: 0 };
    e.expected += w * expected;
    e.actual += w * actual;
    e.weight += w;
    e.pairs++;
    acc.set(id, e);
  };
  const r = (id: string) => before.get(id) ?? ELO_INITIAL;
  for (const p of pairs) {
    add(p.a, elo.getExpected(r(p.a), r(p.b)), p.scoreA, p.weight);
    add(p.b, elo.getExpected(r(p.b), r(p.a)), 1 - p.scoreA, p.weight);
  }
  return [...acc.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([agentId, e]) => ({
      agentId,
      before: r(agentId),
      after: elo.updateRating(e.expected, e.actual, r(agentId)),
      score: e.actual / e.weight,
      pairs: e.pairs,
    }));
}

/** Totals of one unordered pair of agents (a < b by string order). */
export interface PairCell {
  a: string;
  b: string;
  /** Σ w·score of a against b. */
  score: number;
  /** Σ w. */
  weight: number;
  /** Number of results (unweighted). */
  results: number;
}

/** Running totals per pair of agents: what every estimate is refitted from. */
export class PairTable {
  private readonly cells = new Map<string, PairCell>();

  static key(a: string, b: string): string {
    return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
  }

  /** Add totals: `score` is a's weighted score against b out of `weight`, from `results` results. */
  add(a: string, b: string, score: number, weight: number, results = 1): void {
    if (a === b) return;
    const [lo, hi, s] = a < b ? [a, b, score] : [b, a, weight - score];
    const k = PairTable.key(lo, hi);
    const c = this.cells.get(k) ?? { a: lo, b: hi, score: 0, weight: 0, results: 0 };
    c.score += s;
    c.weight += weight;
    c.results += results;
    this.cells.set(k, c);
  }

  /** Add one match's results (weighted). */
  addResults(pairs: readonly PairResult[]): void {
    for (const p of pairs) this.add(p.a, p.b, p.weight * p.scoreA, p.weight);
  }

  get(a: string, b: string): { score: number; weight: number; results: number } | undefined {
    const c = this.cells.get(PairTable.key(a, b));
    if (!c) return undefined;
    return a === c.a
      ? { score: c.score, weight: c.weight, results: c.results }
      : { score: c.weight - c.score, weight: c.weight, results: c.results };
  }

  entries(): IterableIterator<PairCell> {
    return this.cells.values();
  }

  get size(): number {
    return this.cells.size;
  }
}
