/**
 * The exact best response an attack is measured against, where one is computable:
 *
 * - Dilemmas (ipd, stag-hunt, chicken; symmetric tables): a memory-one victim makes the game an MDP
 *   over the last joint outcome; agents/dilemmas/analysis/best-response.ts solves it over ALL
 *   strategies (backward induction for fixed or probabilistic horizons).
 * - Public goods (simultaneous game, fixed rounds, no punishment stage): when every other seat plays
 *   the same deterministic victim whose contribution depends only on the last completed round
 *   (`meta.memory === 'last-round'`, set by the contributor baselines), the next joint contribution
 *   profile is a function of (round, last profile, own contribution). The best response is then
 *   found by dynamic programming over the engine's own states (round, last contributions), each
 *   value the best over the adversary's legal contributions of (this round's reward + the value of
 *   the next state); payoffs are additive per round, so the memo is exact. This extends the exact
 *   analysis beyond memory-one dilemma strategies to group strategies of any N.
 *
 * The engine code is the one the matches run (step, rewards, masks): hand-written because no
 * package solves MDPs over a TypeScript game engine. Payoffs are per match (expected totals).
 */
import type { AnyGame } from '../../games/core/types.ts';
import { Rng } from '../../games/core/rng.ts';
import { agentSeed } from '../../games/core/runner.ts';
import type { AgentSpec } from '../core/agent.ts';
import { exploitabilityDetail } from '../dilemmas/analysis/exploitability.ts';
import { actInfo } from '../train/rollout.ts';

export interface BestResponseReference {
  kind: 'exact';
  /** Expected match payoff of the best response against the victim (the victim in every other seat). */
  payoff: number;
  /** The victim's expected match payoff in that match (per victim seat). */
  victimPayoff: number;
  /** The victim's expected match payoff in self-play, V(π, π). */
  selfPlayPayoff: number;
  /** Rounds (turns) the payoffs are summed over (expected number under probEnd). */
  rounds: number;
  method: string;
  /** The best response in words (dilemmas) or its contributions along the optimal path (public goods). */
  description: string;
}

const SYMMETRIC_DILEMMAS = new Set(['ipd', 'stag-hunt', 'chicken']);

/** The exact best-response reference for `victim` in this game and config, or null where none is computable. */
export function bestResponseReference(game: AnyGame, config: any, victim: AgentSpec): BestResponseReference | null {
  if (SYMMETRIC_DILEMMAS.has(game.id)) {
    const d = exploitabilityDetail(game.id, victim, config);
    if (!d) return null;
    const br = d.bestResponse;
    const rounds = br.expectedTurns;
    return {
      kind: 'exact',
      payoff: br.responderTotal ?? br.responderPerTurn * rounds,
      victimPayoff: br.victimTotal ?? br.victimPerTurn * rounds,
      selfPlayPayoff: d.selfPlayPayoff * rounds,
      rounds,
      method: 'memory-one MDP, backward induction over all strategies (agents/dilemmas/analysis/best-response.ts)',
      description: br.description,
    };
  }
  if (game.id === 'public-goods') return publicGoodsBestResponse(game, config, victim);
  return null;
}

/**
 * Exact best response of seat 0 to `victim` in every other seat of the simultaneous public goods
 * game (see the file header for when it applies); null otherwise.
 */
export function publicGoodsBestResponse(game: AnyGame, config: any, victim: AgentSpec): BestResponseReference | null {
  if (config.punishment || config.probEnd !== undefined) return null;
  if ((victim.meta as { memory?: string } | undefined)?.memory !== 'last-round') return null;
  const n = game.numSeats(config);
  const seed = 1;
  const controllers = Array.from({ length: n }, (_, s) =>
    s === 0 ? null : victim.create({ game, config, seat: s, rng: Rng.seeded(agentSeed(seed, s)) }),
  );
  const memo = new Map<string, { value: number; victim: number; action: number }>();
  const keyOf = (state: any) => {
    const v = game.observe(state, 0) as { round: number; history: { contributions: number[] }[] };
    const last = v.history[v.history.length - 1];
    return `${v.round}|${last ? last.contributions.join(',') : '-'}`;
  };
  const others = (state: any): unknown[] => {
    const joint: unknown[] = new Array(n).fill(undefined);
    for (let s = 1; s < n; s++) joint[s] = controllers[s]!.act(game.observe(state, s), actInfo(game, state, s, 0));
    return joint;
  };
  const solve = (state: any): { value: number; victim: number; action: number } => {
    if (game.isTerminal(state)) return { value: 0, victim: 0, action: -1 };
    const key = keyOf(state);
    const hit = memo.get(key);
    if (hit) return hit;
    const joint = others(state);
    const mask = game.mask(state, 0);
    let best = { value: -Infinity, victim: 0, action: -1 };
    for (let a = 0; a < mask.length; a++) {
      if (!mask[a]) continue;
      const next = structuredClone(state);
      joint[0] = game.indexToAction(next, 0, a);
      const r = game.step(next, joint);
      const rest = solve(r.state);
      const value = (r.rewards[0] ?? 0) + rest.value;
      let victimReward = 0;
      for (let s = 1; s < n; s++) victimReward += r.rewards[s] ?? 0;
      const cand = { value, victim: victimReward / (n - 1) + rest.victim, action: a };
      // Ties go to the response that is better for the victims, then to the smaller index.
      if (value > best.value + 1e-9 || (Math.abs(value - best.value) <= 1e-9 && cand.victim > best.victim + 1e-9))
        best = cand;
    }
    memo.set(key, best);
    return best;
  };
  const start = game.init(config, seed);
  const br = solve(start);
  // The optimal path's contributions, and self-play of the victim for V(π, π).
  const path: number[] = [];
  let s = structuredClone(start);
  while (!game.isTerminal(s)) {
    const b = solve(s);
    const joint = others(s);
    joint[0] = game.indexToAction(s, 0, b.action);
    path.push((joint[0] as { amount: number }).amount);
    s = game.step(s, joint).state;
  }
  const self = selfPlay(game, config, victim, seed);
  return {
    kind: 'exact',
    payoff: br.value,
    victimPayoff: br.victim,
    selfPlayPayoff: self,
    rounds: config.rounds,
    method: `dynamic programming over (round, last contributions) with the victim in the ${n - 1} other seats (${memo.size} states)`,
    description: `contribute ${path.join(', ')}`,
  };
}

/** Seat 0's payoff when the deterministic victim plays every seat. */
function selfPlay(game: AnyGame, config: any, victim: AgentSpec, seed: number): number {
  const n = game.numSeats(config);
  const cs = Array.from({ length: n }, (_, s) =>
    victim.create({ game, config, seat: s, rng: Rng.seeded(agentSeed(seed, s)) }),
  );
  let state = game.init(config, seed);
  let total = 0;
  while (!game.isTerminal(state)) {
    const joint = cs.map((c, s) => c.act(game.observe(state, s), actInfo(game, state, s, 0)));
    const r = game.step(state, joint);
    total += r.rewards[0] ?? 0;
    state = r.state;
  }
  return total;
}
