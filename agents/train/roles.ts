/**
 * AlphaStar's league roles as pure functions (Vinyals et al. 2019, Methods "League composition";
 * pseudocode in liuruoze/mini-AlphaStar `alphastarmini/core/ma/league.py`, players MainPlayer,
 * MainExploiter, LeagueExploiter). Each `*Match` function returns the DISTRIBUTION over
 * opponents for one match given the coin toss already drawn, so that every rule is testable
 * without training; `chooseMatch` draws from it.
 */
import type { Rng } from '../../games/core/rng.ts';
import { pfsp, sampleWeighted, type Weighting } from './pfsp.ts';

export type Role = 'main' | 'main-exploiter' | 'league-exploiter';

export interface LeaguePlayer {
  id: string;
  /** A learning player's role, or 'historical' for a frozen snapshot. */
  kind: Role | 'historical';
  /** For a snapshot: the learning player it was taken from. */
  parent?: string;
}

/** What the role rules may read: the players (snapshots in creation order) and win rates. */
export interface LeagueView {
  players: readonly LeaguePlayer[];
  /** Win rate of a against b (draw ½, unplayed ½), from the payoff table. */
  winRate(a: string, b: string): number;
}

export interface MatchChoice {
  candidates: string[];
  probs: number[];
  /** True when the opponent is a frozen snapshot (the pseudocode's second return value). */
  frozen: boolean;
  /** Which rule produced it, for logs and tests. */
  branch:
    | 'pfsp'
    | 'verify-exploiters'
    | 'verify-forgetting'
    | 'self-play'
    | 'self-play-curriculum'
    | 'exploit-main'
    | 'exploit-curriculum'
    | 'league-exploit';
}

/** Thresholds and probabilities from the pseudocode. */
export const RULES = {
  mainPfspProbability: 0.5,
  mainVerificationProbability: 0.15,
  selfPlayMinWinRate: 0.3,
  exploiterBeatsMain: 0.3,
  forgottenBelow: 0.7,
  mainExploiterMaxWinRate: 0.1,
  snapshotWinRate: 0.7,
  leagueExploiterResetProbability: 0.25,
} as const;

const historical = (v: LeagueView) => v.players.filter((p) => p.kind === 'historical');
const mains = (v: LeagueView) => v.players.filter((p) => p.kind === 'main');
const childrenOf = (v: LeagueView, parent: string) => historical(v).filter((p) => p.parent === parent);

function pfspChoice(
  v: LeagueView,
  self: string,
  players: readonly LeaguePlayer[],
  w: Weighting,
  branch: MatchChoice['branch'],
): MatchChoice {
  const ids = players.map((p) => p.id);
  return {
    candidates: ids,
    probs: pfsp(
      ids.map((id) => v.winRate(self, id)),
      w,
    ),
    frozen: true,
    branch,
  };
}

/**
 * mini-AlphaStar `remove_monotonic_suffix`: drop the trailing run of snapshots against which the
 * win rate only falls (newer snapshots being harder is expected, not forgetting).
 */
export function removeMonotonicSuffix<T>(
  winRates: readonly number[],
  players: readonly T[],
): { winRates: number[]; players: T[] } {
  for (let i = winRates.length - 1; i > 0; i--) {
    if (winRates[i - 1]! < winRates[i]!)
      return { winRates: winRates.slice(0, i + 1), players: players.slice(0, i + 1) };
  }
  return { winRates: [], players: [] };
}

/**
 * Main agent. coin < 0.5: PFSP(squared) over all snapshots. coin < 0.65: verification: main
 * exploiters' snapshots it loses to (min win rate < 0.3, PFSP squared), else its forgotten
 * snapshots of `opponent` (min win rate < 0.7 after removing the monotonic suffix, PFSP squared).
 * Otherwise (or when verification finds nothing) self-play against `opponent`, a main agent drawn
 * uniformly, unless its win rate is ≤ 0.3: then PFSP(variance) over that agent's snapshots.
 */
export function mainAgentMatch(self: string, v: LeagueView, coin: number, opponent: string): MatchChoice {
  if (coin < RULES.mainPfspProbability) return pfspChoice(v, self, historical(v), 'squared', 'pfsp');
  if (coin < RULES.mainPfspProbability + RULES.mainVerificationProbability) {
    const exploiters = new Set(v.players.filter((p) => p.kind === 'main-exploiter').map((p) => p.id));
    const expHist = historical(v).filter((p) => p.parent !== undefined && exploiters.has(p.parent));
    const expRates = expHist.map((p) => v.winRate(self, p.id));
    if (expRates.length && Math.min(...expRates) < RULES.exploiterBeatsMain)
      return pfspChoice(v, self, expHist, 'squared', 'verify-exploiters');
    const own = childrenOf(v, opponent);
    const r = removeMonotonicSuffix(
      own.map((p) => v.winRate(self, p.id)),
      own,
    );
    if (r.winRates.length && Math.min(...r.winRates) < RULES.forgottenBelow)
      return pfspChoice(v, self, r.players, 'squared', 'verify-forgetting');
  }
  if (v.winRate(self, opponent) > RULES.selfPlayMinWinRate || childrenOf(v, opponent).length === 0) {
    return { candidates: [opponent], probs: [1], frozen: false, branch: 'self-play' };
  }
  return pfspChoice(v, self, childrenOf(v, opponent), 'variance', 'self-play-curriculum');
}

/**
 * Main exploiter: plays a main agent (drawn uniformly: `opponent`) while its win rate against it
 * is above 0.1; otherwise PFSP(variance) over that agent's snapshots, as a curriculum.
 */
export function mainExploiterMatch(self: string, v: LeagueView, opponent: string): MatchChoice {
  if (v.winRate(self, opponent) > RULES.mainExploiterMaxWinRate || childrenOf(v, opponent).length === 0) {
    return { candidates: [opponent], probs: [1], frozen: true, branch: 'exploit-main' };
  }
  return pfspChoice(v, self, childrenOf(v, opponent), 'variance', 'exploit-curriculum');
}

/** League exploiter: PFSP(linear_capped) over every snapshot in the league. */
export function leagueExploiterMatch(self: string, v: LeagueView): MatchChoice {
  return pfspChoice(v, self, historical(v), 'linear_capped', 'league-exploit');
}

/** Draw the coin, the main agent and then the opponent, in the pseudocode's order. */
export function chooseMatch(self: LeaguePlayer, v: LeagueView, rng: Rng): { opponent: string; choice: MatchChoice } {
  let choice: MatchChoice;
  if (self.kind === 'main') {
    const coin = rng.float();
    const opp = rng.pick(mains(v)).id;
    choice = mainAgentMatch(self.id, v, coin, opp);
  } else if (self.kind === 'main-exploiter') {
    choice = mainExploiterMatch(self.id, v, rng.pick(mains(v)).id);
  } else if (self.kind === 'league-exploiter') {
    choice = leagueExploiterMatch(self.id, v);
  } else throw new Error('chooseMatch: a snapshot does not choose matches');
  if (choice.candidates.length === 0) throw new Error(`league: no opponent for ${self.id} (${choice.branch})`);
  return { opponent: choice.candidates[sampleWeighted(choice.probs, rng)]!, choice };
}

/** Snapshot targets: main exploiters measure against the main agents, the others against all snapshots. */
export function snapshotTargets(self: LeaguePlayer, v: LeagueView): string[] {
  return (self.kind === 'main-exploiter' ? mains(v) : historical(v)).map((p) => p.id);
}

/**
 * Snapshot rule (pseudocode `ready_to_checkpoint`): at least `minSteps` since the last snapshot,
 * AND (the minimum win rate against the targets > 0.7 OR more than 2 × minSteps have passed).
 * AlphaStar uses 2e9 / 4e9 steps; ours are scaled down and configurable.
 */
export function readyToSnapshot(stepsSince: number, minSteps: number, winRatesVsTargets: readonly number[]): boolean {
  if (stepsSince < minSteps) return false;
  const beatsAll = winRatesVsTargets.length > 0 && Math.min(...winRatesVsTargets) > RULES.snapshotWinRate;
  return beatsAll || stepsSince > 2 * minSteps;
}

/**
 * Reset rule after a snapshot: main exploiters always go back to their initial weights, league
 * exploiters with probability 0.25 (`u` is one uniform draw), main agents never.
 */
export function resetsAfterSnapshot(role: Role, u: number): boolean {
  if (role === 'main-exploiter') return true;
  if (role === 'league-exploiter') return u < RULES.leagueExploiterResetProbability;
  return false;
}
