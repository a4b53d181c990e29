/**
 * The whole rating picture of one game from its pair table, as pure functions shared by the
 * server's leaderboard, `ludus tournament` and `ludus league` (so the three show the same numbers
 * for the same data):
 *   - Bradley–Terry MAP rating ± its posterior sd and 95 % interval, with a provisional flag
 *     (agents/eval/bradley-terry.ts);
 *   - the empirical payoff table of the agents with enough games, Nash averaging on it
 *     (agents/eval/nash-averaging.ts) and α-Rank at α = 100, m = 50 and at infinite α
 *     (agents/eval/alpharank.ts), each with a 95 % interval from posterior draws of the table.
 *
 * Payoff table: P_ij = (S_ij + c·q_ij) / (W_ij + c), S and W the weighted score and results of i
 * against j, q_ij the Bradley–Terry predicted score and c = 1: a Beta posterior mean with a prior
 * worth one game centred on the transitive model's prediction. A pair with many results is its
 * empirical win rate; a pair that never met falls back to the prediction instead of a made-up ½.
 * P_ij + P_ji = 1, so Nash averaging reads A = P − ½ (antisymmetric) and α-Rank reads P directly.
 *
 * Intervals of Nash averaging and α-Rank: `draws` tables are sampled cell by cell from those Beta
 * posteriors, Beta(S + c·q, W − S + c·(1 − q)), each is solved, and the 2.5 % and 97.5 % points of
 * every agent's value across draws are reported (a posterior bootstrap; percentile intervals).
 * Draws are seeded, so the same data give the same intervals. An interval is widened to contain the
 * point estimate when the posterior is too skewed for its central 95 % to hold its mean.
 */
import { Rng } from '../../games/core/rng.ts';
import { alphaRank } from './alpharank.ts';
import {
  BT_PRIOR_SD_ELO,
  fitBradleyTerry,
  predictScore,
  type BradleyTerryFit,
  type PairTotal,
} from './bradley-terry.ts';
import { nashAveraging } from './nash-averaging.ts';
import type { PairTable } from './rating-pairs.ts';

export interface RatingOptions {
  /** Prior sd of a rating in Elo points (default BT_PRIOR_SD_ELO). */
  priorSd?: number;
  /**
   * A rating is provisional while its posterior sd is at least this many Elo points (default
   * 110: Lichess marks a Glicko-2 rating provisional, "?", while its deviation is ≥ 110).
   */
  provisionalSd?: number;
}

export interface GameTheoryOptions {
  /** Agents enter the payoff table with at least this many weighted results (default 10). */
  minGames?: number;
  /** α-Rank selection intensity and population (default 100 and 50). */
  alpha?: number;
  m?: number;
  /** Posterior draws for the intervals (default 50; 0 = no intervals). */
  draws?: number;
  seed?: number;
  /** Called between draws (lets a caller yield or give up). */
  onDraw?: (done: number) => void;
}

export const RATING_DEFAULTS = {
  provisionalSd: 110,
  minGames: 10,
  alpha: 100,
  m: 50,
  draws: 50,
  seed: 1,
  z: 1.96,
} as const;

export interface BtRow {
  agentId: string;
  /** MAP rating (Elo scale, 1000 = prior centre), one sd, and the 95 % interval. */
  rating: number;
  sd: number;
  low: number;
  high: number;
  provisional: boolean;
  /** Σ weights of the agent's results (a two-seat match counts 1). */
  games: number;
}

export interface RatingFit {
  ids: string[];
  index: Map<string, number>;
  fit: BradleyTerryFit;
  rows: BtRow[];
}

/** Bradley–Terry fit of the given agents (agents absent from the table get the prior). */
export function fitRatings(
  ids: readonly string[],
  table: PairTable,
  opts: RatingOptions = {},
  warmStart?: ReadonlyMap<string, number>,
): RatingFit {
  const index = new Map(ids.map((id, i) => [id, i]));
  const pairs: PairTotal[] = [];
  const games = new Array<number>(ids.length).fill(0);
  for (const c of table.entries()) {
    const a = index.get(c.a);
    const b = index.get(c.b);
    if (a === undefined || b === undefined) continue;
    pairs.push({ a, b, score: c.score, weight: c.weight });
    games[a]! += c.weight;
    games[b]! += c.weight;
  }
  const warm = warmStart ? ids.map((id) => warmStart.get(id) ?? 0) : undefined;
  const fit = fitBradleyTerry(ids.length, pairs, {
    priorSd: opts.priorSd ?? BT_PRIOR_SD_ELO,
    ...(warm ? { warmStart: warm } : {}),
  });
  const provisionalSd = opts.provisionalSd ?? RATING_DEFAULTS.provisionalSd;
  const rows = ids.map((agentId, i) => ({
    agentId,
    rating: fit.rating[i]!,
    sd: fit.sd[i]!,
    low: fit.rating[i]! - RATING_DEFAULTS.z * fit.sd[i]!,
    high: fit.rating[i]! + RATING_DEFAULTS.z * fit.sd[i]!,
    provisional: fit.sd[i]! >= provisionalSd,
    games: games[i]!,
  }));
  return { ids: [...ids], index, fit, rows };
}

export interface PayoffCell {
  /** Weighted score of the row agent against the column agent, and weighted results. */
  score: number;
  weight: number;
  results: number;
  /** The table's value (posterior mean, see the header). */
  value: number;
  /** Bradley–Terry predicted score with its 95 % interval. */
  predicted: number;
  predictedLow: number;
  predictedHigh: number;
}

/** The payoff cells among `ids` (a subset of the fit's agents), row agent against column agent. */
export function payoffCells(ids: readonly string[], table: PairTable, rf: RatingFit): PayoffCell[][] {
  return ids.map((a) =>
    ids.map((b) => {
      if (a === b)
        return { score: 0, weight: 0, results: 0, value: 0.5, predicted: 0.5, predictedLow: 0.5, predictedHigh: 0.5 };
      const q = predictScore(rf.fit, rf.index.get(a)!, rf.index.get(b)!);
      const c = table.get(a, b) ?? { score: 0, weight: 0, results: 0 };
      return {
        score: c.score,
        weight: c.weight,
        results: c.results,
        value: (c.score + q.score) / (c.weight + 1),
        predicted: q.score,
        predictedLow: q.low,
        predictedHigh: q.high,
      };
    }),
  );
}

export interface Estimate {
  value: number;
  low: number | null;
  high: number | null;
}

export interface GameTheoryRow {
  agentId: string;
  /** Mass in the maximum-entropy Nash equilibrium. */
  nashMass: Estimate;
  /** Expected score against the Nash mixture, ½ + (A p*)_i (≤ ½; ½ on the support). */
  nashScore: Estimate;
  /** α-Rank stationary mass at the configured α and m, and the agent's place (1 = top). */
  alphaRank: Estimate;
  alphaRankPlace: number;
  /** α-Rank mass at infinite α (VGC-Bench's ranking) and place. */
  alphaRankInfinite: Estimate;
  alphaRankInfinitePlace: number;
}

export interface GameTheory {
  ids: string[];
  rows: GameTheoryRow[];
  /** Whether the Nash equilibrium of the point estimate is unique. */
  nashUnique: boolean;
  draws: number;
  alpha: number;
  m: number;
}

/** Agents that enter the payoff table (enough weighted results), in the fit's order. */
export function eligibleAgents(rf: RatingFit, minGames: number = RATING_DEFAULTS.minGames): string[] {
  return rf.rows.filter((r) => r.games >= minGames).map((r) => r.agentId);
}

/** Marsaglia & Tsang (2000), "A simple method for generating gamma variables", ACM TOMS 26(3). */
function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng.float() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.float();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x + y > 0 ? x / (x + y) : 0.5;
}

function solveTable(P: number[][], alpha: number, m: number) {
  const A = P.map((row, i) => row.map((x, j) => (i === j ? 0 : x - 0.5)));
  const nash = nashAveraging(A);
  const ar = alphaRank(P, { alpha, m });
  const inf = alphaRank(P, { alpha: 'infinite' });
  const place = (ranking: number[]) => {
    const out = new Array<number>(ranking.length);
    ranking.forEach((i, k) => (out[i] = k + 1));
    return out;
  };
  return { nash, ar, inf, arPlace: place(ar.ranking), infPlace: place(inf.ranking) };
}

function percentile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Nash averaging and α-Rank of the eligible agents, with posterior-draw intervals. */
export function gameTheory(
  agents: readonly string[],
  table: PairTable,
  rf: RatingFit,
  opts: GameTheoryOptions = {},
): GameTheory {
  // One canonical order (code-unit order of the ids), so that the same data give the same draws
  // whatever order the caller lists the agents in (the server by Elo, the CLI as given).
  const ids = [...agents].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const alpha = opts.alpha ?? RATING_DEFAULTS.alpha;
  const m = opts.m ?? RATING_DEFAULTS.m;
  const draws = opts.draws ?? RATING_DEFAULTS.draws;
  if (ids.length === 0) return { ids: [], rows: [], nashUnique: true, draws: 0, alpha, m };
  const cells = payoffCells(ids, table, rf);
  const P = cells.map((row) => row.map((c) => c.value));
  const point = solveTable(P, alpha, m);
  const samples = ids.map(() => ({
    nashMass: [] as number[],
    nashScore: [] as number[],
    ar: [] as number[],
    inf: [] as number[],
  }));
  const rng = Rng.seeded(opts.seed ?? RATING_DEFAULTS.seed);
  for (let d = 0; d < draws; d++) {
    const D = ids.map(() => new Array<number>(ids.length).fill(0.5));
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const c = cells[i]![j]!;
        const x = beta(rng, c.score + c.predicted, c.weight - c.score + (1 - c.predicted));
        D[i]![j] = x;
        D[j]![i] = 1 - x;
      }
    const s = solveTable(D, alpha, m);
    ids.forEach((_, i) => {
      samples[i]!.nashMass.push(s.nash.mixture[i]!);
      samples[i]!.nashScore.push(0.5 + s.nash.payoff[i]!);
      samples[i]!.ar.push(s.ar.pi[i]!);
      samples[i]!.inf.push(s.inf.pi[i]!);
    });
    opts.onDraw?.(d + 1);
  }
  const est = (value: number, xs: number[]): Estimate => {
    if (xs.length < 2) return { value, low: null, high: null };
    const sorted = [...xs].sort((a, b) => a - b);
    // A cell with no win in n results has a posterior so skewed (Beta(q, n + 1 − q), q ≪ 1) that its
    // mean can lie above the 97.5 % point of the draws; the interval is widened to contain it.
    return { value, low: Math.min(value, percentile(sorted, 0.025)), high: Math.max(value, percentile(sorted, 0.975)) };
  };
  const rows = ids.map((agentId, i) => ({
    agentId,
    nashMass: est(point.nash.mixture[i]!, samples[i]!.nashMass),
    nashScore: est(0.5 + point.nash.payoff[i]!, samples[i]!.nashScore),
    alphaRank: est(point.ar.pi[i]!, samples[i]!.ar),
    alphaRankPlace: point.arPlace[i]!,
    alphaRankInfinite: est(point.inf.pi[i]!, samples[i]!.inf),
    alphaRankInfinitePlace: point.infPlace[i]!,
  }));
  return { ids: [...ids], rows, nashUnique: point.nash.unique, draws, alpha, m };
}

export interface RatingReportRow extends BtRow {
  /** Null when the agent has fewer than minGames weighted results. */
  gameTheory: GameTheoryRow | null;
}

export interface RatingReport {
  rows: RatingReportRow[];
  gameTheory: Omit<GameTheory, 'rows'>;
  priorSd: number;
  provisionalSd: number;
}

/**
 * Everything at once (for the CLI): Bradley–Terry for every agent, and Nash averaging and α-Rank
 * for those with enough games. The server computes the same two parts separately (the second in
 * a worker thread) with the same functions.
 */
export function ratingReport(
  ids: readonly string[],
  table: PairTable,
  opts: RatingOptions & GameTheoryOptions = {},
): RatingReport {
  const rf = fitRatings(ids, table, opts);
  const eligible = eligibleAgents(rf, opts.minGames ?? RATING_DEFAULTS.minGames);
  const gt =
    eligible.length >= 2
      ? gameTheory(eligible, table, rf, opts)
      : {
          ids: [],
          rows: [],
          nashUnique: true,
          draws: 0,
          alpha: opts.alpha ?? RATING_DEFAULTS.alpha,
          m: opts.m ?? RATING_DEFAULTS.m,
        };
  const byId = new Map(gt.rows.map((r) => [r.agentId, r]));
  const { rows: _rows, ...meta } = gt;
  return {
    rows: rf.rows.map((r) => ({ ...r, gameTheory: byId.get(r.agentId) ?? null })),
    gameTheory: meta,
    priorSd: opts.priorSd ?? BT_PRIOR_SD_ELO,
    provisionalSd: opts.provisionalSd ?? RATING_DEFAULTS.provisionalSd,
  };
}

/** Text cells of one report row, as `ludus tournament` and `ludus league` print them (and the UI shows them). */
export function reportCells(r: RatingReportRow): { rating: string; nash: string; alphaRank: string } {
  const iv = (e: Estimate, d: number) =>
    `${e.value.toFixed(d)}${e.low !== null && e.high !== null ? ` [${e.low.toFixed(d)}, ${e.high.toFixed(d)}]` : ''}`;
  const g = r.gameTheory;
  return {
    rating: `${r.rating.toFixed(0)}${r.provisional ? '?' : ''} [${r.low.toFixed(0)}, ${r.high.toFixed(0)}]`,
    nash: g ? `${iv(g.nashScore, 3)} · p ${g.nashMass.value.toFixed(2)}` : '—',
    alphaRank: g ? `${iv(g.alphaRank, 3)} · ∞: #${g.alphaRankInfinitePlace}` : '—',
  };
}
