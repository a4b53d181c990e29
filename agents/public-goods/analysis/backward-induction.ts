/**
 * Subgame-perfect equilibrium of the sequential public goods game by backward induction,
 * exhaustive over the game tree (integer contributions, small N).
 *
 * At every decision node the mover picks the contribution that maximises ITS payoff given that all
 * later movers follow the equilibrium (Selten 1965; e.g. Osborne & Rubinstein 1994, §6.2). Ties are
 * handled explicitly: a node where two or more contributions give the mover the same payoff (within
 * a relative 1e-9) is counted as a tie node and resolved by `tieBreak` ('lowest' contribution by
 * default, or 'highest'). The SPE is unique exactly when no decision node of the tree has a tie.
 *
 * Two scopes:
 *   'match'  the whole T-round tree (history included in every node): (e+1)^(N·T) leaves, tiny games only;
 *   'round'  one round's tree, then repeated. This is exact, not an approximation: a round's reward
 *            depends only on that round's contributions, so the game that follows any history is the
 *            same. If the one-round SPE is unique, the last round must play it after every history,
 *            so continuation payoffs are constants and, by induction over rounds, the unique SPE of the
 *            T-round game plays the one-round SPE every round. With ties, history-dependent selections
 *            give further SPE, and `unique` is false either way. Tests check both scopes agree.
 */
import { GameError } from '../../../games/core/errors.ts';
import { parseConfig } from '../../../games/core/kernel.ts';
import { roundOrder, type SequentialConfig } from '../../../games/public-goods/sequential-config.ts';
import { sequentialRewardParams, sequentialPublicGoods } from '../../../games/public-goods/sequential-engine.ts';
import { sequentialPayoffs } from '../../../games/public-goods/sequential-reward.ts';
import type { PublicGoodsView } from '../../../games/public-goods/view.ts';

export type TieBreak = 'lowest' | 'highest';

export interface SpeOptions {
  scope?: 'round' | 'match';
  tieBreak?: TieBreak;
  /** Refuse trees with more leaves than this (default 5 000 000). */
  maxLeaves?: number;
}

export interface SpeSolution {
  config: SequentialConfig;
  scope: 'round' | 'match';
  tieBreak: TieBreak;
  /** Rounds in the solved tree (1 for scope 'round'). */
  roundsSolved: number;
  /** Equilibrium path: contributions per round of the match, by seat. */
  path: number[][];
  /** SPE payoff per seat over the whole match. */
  payoffs: number[];
  /** One round of the equilibrium path by POSITION, and its payoffs by position. */
  stagePath: number[];
  stagePayoffs: number[];
  /** True when no decision node has a tie: the SPE (strategy profile) is unique. */
  unique: boolean;
  tieNodes: number;
  /** Ties on the equilibrium path itself. */
  pathTies: number;
  decisionNodes: number;
  leaves: number;
  /** Best one-round profile for the group (max Σ payoffs), by position, found in the same pass. */
  socialOptimum: { contributions: number[]; groupPayoff: number };
  /** SPE contribution at every decision node, keyed by nodeKey(). */
  policy: Map<string, number>;
}

/** Node key: each earlier round's contributions in move order, then this round's so far. */
export function nodeKey(roundsByPosition: readonly (readonly number[])[], current: readonly number[]): string {
  return [...roundsByPosition.map((r) => r.join(',')), current.join(',')].join('|');
}

export function solveSpe(rawConfig: unknown, opts: SpeOptions = {}): SpeSolution {
  const config = parseConfig(sequentialPublicGoods, rawConfig) as SequentialConfig;
  const scope = opts.scope ?? 'round';
  const tieBreak = opts.tieBreak ?? 'lowest';
  if (config.contributions !== 'integer')
    throw new GameError('BAD_CONFIG', 'backward induction needs integer contributions (contributions: "integer")');
  if (config.probEnd !== undefined)
    throw new GameError(
      'BAD_CONFIG',
      'backward induction needs a fixed number of rounds; a probEnd match has no last round',
    );
  const n = config.players;
  const levels = config.endowment + 1;
  const roundsSolved = scope === 'match' ? config.rounds : 1;
  const leavesNeeded = levels ** (n * roundsSolved);
  const maxLeaves = opts.maxLeaves ?? 5_000_000;
  if (leavesNeeded > maxLeaves) {
    const hint = scope === 'match' ? ", fewer rounds, or scope 'round'" : '';
    throw new GameError(
      'BAD_CONFIG',
      `the game tree has ${leavesNeeded.toExponential(2)} leaves (> ${maxLeaves}); use fewer players, a smaller endowment${hint}`,
    );
  }
  const params = sequentialRewardParams(config);
  const orders = Array.from({ length: roundsSolved }, (_, t) => roundOrder(config, t));
  const policy = new Map<string, number>();
  const past: number[][] = [];
  const moves: number[] = [];
  const roundPay = new Array<number>(n);
  let tieNodes = 0;
  let decisionNodes = 0;
  let leaves = 0;
  const tieKeys = new Set<string>();
  let bestGroup = -Infinity;
  let bestGroupProfile: number[] = [];

  // Payoffs by seat of the rest of the tree from (round t, position k).
  function rec(t: number, k: number): number[] {
    if (k === n) {
      sequentialPayoffs(params, moves, roundPay);
      if (t === 0) {
        const group = roundPay.reduce((a, b) => a + b, 0);
        if (group > bestGroup + 1e-9 * Math.max(1, Math.abs(group)))
          [bestGroup, bestGroupProfile] = [group, [...moves]];
      }
      const bySeat = new Array<number>(n);
      orders[t]!.forEach((seat, pos) => (bySeat[seat] = roundPay[pos]!));
      if (t + 1 === roundsSolved) {
        leaves++;
        return bySeat;
      }
      past.push([...moves]);
      const saved = moves.splice(0);
      const rest = rec(t + 1, 0);
      moves.push(...saved);
      past.pop();
      for (let s = 0; s < n; s++) bySeat[s] += rest[s]!;
      return bySeat;
    }
    decisionNodes++;
    const mover = orders[t]![k]!;
    let best: number[] | null = null;
    let bestC = -1;
    let ties = 1;
    for (let c = 0; c < levels; c++) {
      moves.push(c);
      const v = rec(t, k + 1);
      moves.pop();
      if (best === null) [best, bestC] = [v, c];
      else {
        const tol = 1e-9 * Math.max(1, Math.abs(best[mover]!));
        if (v[mover]! > best[mover]! + tol) [best, bestC, ties] = [v, c, 1];
        else if (Math.abs(v[mover]! - best[mover]!) <= tol) {
          ties++;
          if (tieBreak === 'highest') [best, bestC] = [v, c];
        }
      }
    }
    const key = nodeKey(past, moves);
    if (ties > 1) {
      tieNodes++;
      tieKeys.add(key);
    }
    policy.set(key, bestC);
    return best!;
  }
  rec(0, 0);

  // Follow the policy from the root to get the equilibrium path.
  const pathByPosition: number[][] = [];
  let pathTies = 0;
  for (let t = 0; t < roundsSolved; t++) {
    const cur: number[] = [];
    for (let k = 0; k < n; k++) {
      const key = nodeKey(pathByPosition, cur);
      if (tieKeys.has(key)) pathTies++;
      cur.push(policy.get(key)!);
    }
    pathByPosition.push(cur);
  }
  const stagePath = pathByPosition[0]!;
  const stagePayoffs = sequentialPayoffs(params, stagePath);
  // The match: the solved rounds, then (scope 'round') the stage SPE repeated.
  const path: number[][] = [];
  const payoffs = new Array<number>(n).fill(0);
  for (let t = 0; t < config.rounds; t++) {
    const byPosition = pathByPosition[scope === 'match' ? t : 0]!;
    const order = roundOrder(config, t);
    const pay = sequentialPayoffs(params, byPosition);
    const bySeat = new Array<number>(n);
    order.forEach((seat, pos) => {
      bySeat[seat] = byPosition[pos]!;
      payoffs[seat] += pay[pos]!;
    });
    path.push(bySeat);
  }
  return {
    config,
    scope,
    tieBreak,
    roundsSolved,
    path,
    payoffs,
    stagePath,
    stagePayoffs,
    unique: tieNodes === 0,
    tieNodes,
    pathTies,
    decisionNodes,
    leaves,
    socialOptimum: { contributions: bestGroupProfile, groupPayoff: bestGroup },
    policy,
  };
}

/** The SPE contribution for the seat to move, read from its view (what the SPE agent plays). */
export function speAction(sol: SpeSolution, v: PublicGoodsView): number {
  const c = sol.config;
  const order = v.order ?? roundOrder(c, v.round);
  const inOrder = (bySeat: readonly (number | null)[], o: readonly number[]) =>
    o.map((s) => bySeat[s]).filter((x): x is number => x !== null && x !== undefined);
  const current = inOrder(v.current, order);
  const past = sol.scope === 'match' ? v.history.map((r, t) => inOrder(r.contributions, roundOrder(c, t))) : [];
  const key = nodeKey(past, current);
  const a = sol.policy.get(key);
  if (a === undefined) throw new GameError('ILLEGAL_ACTION', `no SPE decision stored for node ${key}`);
  return a;
}

/** JSON summary (everything but the policy table). */
export function speSummary(sol: SpeSolution) {
  const { policy, ...rest } = sol;
  return { ...rest, policySize: policy.size };
}
