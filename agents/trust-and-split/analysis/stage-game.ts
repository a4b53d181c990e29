/**
 * Exact analysis of Trust-and-Split's one-shot round.
 *
 * 1. The stage game given the values (`stageGame`): claims c₀, c₁ ∈ {0..N}, payoffs
 *    u_i = v_i · N · c_i / max(N, c₀ + c₁) (the engine's own `splitPoints`). For v_i > 0, u_i is
 *    strictly increasing in c_i whatever the other claims (c_i ≤ N − c_j: u_i = v_i c_i; beyond:
 *    ∂/∂c_i [N c_i / (c_i + c_j)] = N c_j / (c_i + c_j)² > 0, and at c_j = 0 the claim itself), so
 *    claiming N is strictly dominant and (N, N) is the unique Nash equilibrium, mixed ones included
 *    (`iteratedDominance` leaves one claim per seat). Each then gets N/2 coins: welfare N(v₀ + v₁)/2
 *    against the optimum N · max(v₀, v₁) of giving every coin to the higher value — a price of
 *    anarchy of 2·max/(v₀ + v₁), 100/55 ≈ 1.82 with the default 10 and 1. With v_i = 0 a seat is
 *    indifferent, and the dominance is only weak.
 * 2. The round as the paper sets it (`trustOrGrab`): hands are drawn, so before the draw each player
 *    is high or low with probability ½. Two strategies: **trust** (tell the hand truthfully; claim N
 *    when high, 0 when low — the efficient split) and **grab** (claim N). Their expected payoffs per
 *    round form a symmetric 2×2 game (R, S, T, P) = (NH/2, NH/4, NH/2 + NL/4, N(H + L)/4): a
 *    prisoner's dilemma (T > R > P > S and 2R > T + S) exactly when H > L > 0. This is the social
 *    dilemma the game is named for: mutual trust earns 50 a round, mutual grabbing 27.5 (default
 *    values), and grabbing against trust pays 52.5.
 * Everything here is computed by enumeration over the engine's payoff rule, not from these formulas;
 * test/trust-and-split/analysis.test.ts checks the enumeration against the formulas.
 */
import { splitPoints } from '../../../games/trust-and-split/rules.ts';

export interface StageGame {
  coins: number;
  values: [number, number];
  /** payoffs[seat][c0][c1]: seat's points when seat 0 claims c0 and seat 1 claims c1. */
  payoffs: [number[][], number[][]];
}

/** The (N+1)×(N+1) bimatrix of one round with known values. */
export function stageGame(coins: number, values: [number, number]): StageGame {
  const a: number[][] = [];
  const b: number[][] = [];
  for (let c0 = 0; c0 <= coins; c0++) {
    a.push([]);
    b.push([]);
    for (let c1 = 0; c1 <= coins; c1++) {
      const [p0, p1] = splitPoints(coins, [c0, c1], values);
      a[c0]!.push(p0);
      b[c0]!.push(p1);
    }
  }
  return { coins, values, payoffs: [a, b] };
}

/** `seat`'s payoff for its claim `mine` against the other's claim `theirs`. */
export function payoff(g: StageGame, seat: 0 | 1, mine: number, theirs: number): number {
  return seat === 0 ? g.payoffs[0][mine]![theirs]! : g.payoffs[1][theirs]![mine]!;
}

/** Every claim of `seat` that maximises its payoff against the other's claim `theirs` (exact ties kept). */
export function bestResponses(g: StageGame, seat: 0 | 1, theirs: number): number[] {
  let best = -Infinity;
  let out: number[] = [];
  for (let c = 0; c <= g.coins; c++) {
    const u = payoff(g, seat, c, theirs);
    if (u > best) {
      best = u;
      out = [c];
    } else if (u === best) out.push(c);
  }
  return out;
}

/** Every pure Nash equilibrium (c₀, c₁): each claim is a best response to the other. */
export function pureNashEquilibria(g: StageGame): [number, number][] {
  const out: [number, number][] = [];
  for (let c0 = 0; c0 <= g.coins; c0++)
    for (let c1 = 0; c1 <= g.coins; c1++)
      if (bestResponses(g, 0, c1).includes(c0) && bestResponses(g, 1, c0).includes(c1)) out.push([c0, c1]);
  return out;
}

/**
 * Iterated elimination of strictly dominated claims (dominance by a pure claim). What survives
 * contains the support of every Nash equilibrium, mixed ones included; one survivor per seat means a
 * unique equilibrium, in pure strategies.
 */
export function iteratedDominance(g: StageGame): [number[], number[]] {
  const alive: [number[], number[]] = [
    Array.from({ length: g.coins + 1 }, (_, c) => c),
    Array.from({ length: g.coins + 1 }, (_, c) => c),
  ];
  let changed = true;
  while (changed) {
    changed = false;
    for (const seat of [0, 1] as const) {
      const mine = alive[seat];
      const theirs = alive[1 - seat]!;
      const dominated = mine.filter((c) =>
        mine.some((d) => d !== c && theirs.every((t) => payoff(g, seat, d, t) > payoff(g, seat, c, t))),
      );
      if (dominated.length > 0) {
        alive[seat] = mine.filter((c) => !dominated.includes(c));
        changed = true;
      }
    }
  }
  return alive;
}

export interface StageSummary {
  equilibria: [number, number][];
  /** Survivors of iterated strict dominance, per seat. */
  survivors: [number[], number[]];
  /** Points at the first equilibrium, and their sum. */
  nashPoints: [number, number];
  nashWelfare: number;
  /** The largest sum of points over all claim pairs, and a pair reaching it. */
  optimum: number;
  optimumClaims: [number, number];
  /** optimum / nashWelfare (Infinity when the equilibrium earns nothing). */
  priceOfAnarchy: number;
}

export function summarise(g: StageGame): StageSummary {
  const equilibria = pureNashEquilibria(g);
  const [e0, e1] = equilibria[0] ?? [g.coins, g.coins];
  const nashPoints: [number, number] = [payoff(g, 0, e0, e1), payoff(g, 1, e1, e0)];
  let optimum = -Infinity;
  let optimumClaims: [number, number] = [0, 0];
  for (let c0 = 0; c0 <= g.coins; c0++)
    for (let c1 = 0; c1 <= g.coins; c1++) {
      const w = g.payoffs[0][c0]![c1]! + g.payoffs[1][c0]![c1]!;
      if (w > optimum) {
        optimum = w;
        optimumClaims = [c0, c1];
      }
    }
  const nashWelfare = nashPoints[0] + nashPoints[1];
  return {
    equilibria,
    survivors: iteratedDominance(g),
    nashPoints,
    nashWelfare,
    optimum,
    optimumClaims,
    priceOfAnarchy: nashWelfare > 0 ? optimum / nashWelfare : Infinity,
  };
}

export interface TrustOrGrab {
  /** Expected points per round for the row player: both trust, trust vs grab, grab vs trust, both grab. */
  R: number;
  S: number;
  T: number;
  P: number;
  /** T > R > P > S and 2R > T + S. */
  prisonersDilemma: boolean;
}

/**
 * The ex-ante 2×2 game between "trust" (claim N when high, 0 when low) and "grab" (claim N), each
 * player high with probability ½, computed by averaging the stage game over the two value draws.
 */
export function trustOrGrab(c: { coins: number; highValue: number; lowValue: number }): TrustOrGrab {
  const N = c.coins;
  const claim = (strategy: 'trust' | 'grab', high: boolean) => (strategy === 'grab' || high ? N : 0);
  const expected = (mine: 'trust' | 'grab', theirs: 'trust' | 'grab') => {
    let sum = 0;
    for (const high of [true, false]) {
      const g = stageGame(N, high ? [c.highValue, c.lowValue] : [c.lowValue, c.highValue]);
      sum += payoff(g, 0, claim(mine, high), claim(theirs, !high));
    }
    return sum / 2;
  };
  const R = expected('trust', 'trust');
  const S = expected('trust', 'grab');
  const T = expected('grab', 'trust');
  const P = expected('grab', 'grab');
  return { R, S, T, P, prisonersDilemma: T > R && R > P && P > S && 2 * R > T + S };
}
