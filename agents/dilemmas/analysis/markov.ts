/**
 * Exact expected payoffs of two memory-one strategies through the Markov chain over the realised
 * joint outcome of the last turn, {CC, CD, DC, DD} seen from player A (index 2·a_A + a_B, D = 1).
 * Game-agnostic: it needs only the two vectors, each player's own-view table and the noise.
 *
 * Each vector is read from its owner's point of view, so player B in state s uses index swap(s)
 * (CD ↔ DC). Noise ε flips each intended action independently: P(realised C) = x(1 − ε) + (1 − x)ε.
 * Transition: M[s][o] = P(o_A) · P(o_B) with those probabilities (Press & Dyson 2012, eq. 1;
 * Nowak & Sigmund 1990 for the noisy chain).
 *
 * Horizons:
 *  - fixed T: Σ_{t<T} d_t · u, with d_0 the first-turn distribution and d_{t+1} = d_t M;
 *  - prob_end p with cap N: turn t is played with probability (1 − p)^t (the match ends after each
 *    turn with probability p, axelrod/match.py), so the total is Σ_{t<N} (1 − p)^t d_t · u;
 *  - infinite: the long-run average d_0 M* u, where M* = lim (1/n) Σ M^t is the Cesàro limit
 *    (computed exactly for any chain, periodic or multichain included, see cesaroLimit).
 * Per-turn payoffs are expected totals over the expected number of turns.
 */
import type { MemoryOne, Table } from './memory-one.ts';

export type Horizon =
  | { kind: 'fixed'; turns: number }
  | { kind: 'prob-end'; p: number; cap: number }
  | { kind: 'infinite' };

export type Vec4 = [number, number, number, number];
export type Mat4 = Vec4[];

/** Player B's own-view index for joint outcome s (A's view): swap CD and DC. */
export const swap = (s: number): number => ((s & 1) << 1) | (s >> 1);

export const flip = (x: number, noise: number): number => x * (1 - noise) + (1 - x) * noise;

/** Own-view payoff of player A per joint outcome, and of player B (reindexed to A's view). */
export function payoffVectors(tableA: Table, tableB: Table): [Vec4, Vec4] {
  const a: Vec4 = [tableA.R, tableA.S, tableA.T, tableA.P];
  const bOwn: Vec4 = [tableB.R, tableB.S, tableB.T, tableB.P];
  const b: Vec4 = [0, 0, 0, 0];
  for (let s = 0; s < 4; s++) b[s] = bOwn[swap(s)]!;
  return [a, b];
}

/** Distribution of a joint outcome when A cooperates w.p. x and B w.p. y (already noisy). */
export function outcome(x: number, y: number): Vec4 {
  return [x * y, x * (1 - y), (1 - x) * y, (1 - x) * (1 - y)];
}

export function transition(a: MemoryOne, b: MemoryOne, noise: number): Mat4 {
  const m: Mat4 = [];
  for (let s = 0; s < 4; s++) m.push(outcome(flip(a.p[s]!, noise), flip(b.p[swap(s)]!, noise)));
  return m;
}

export function firstTurn(a: MemoryOne, b: MemoryOne, noise: number): Vec4 {
  return outcome(flip(a.initial, noise), flip(b.initial, noise));
}

export function vecMat(d: Vec4, m: Mat4): Vec4 {
  const o: Vec4 = [0, 0, 0, 0];
  for (let s = 0; s < 4; s++) {
    const ds = d[s]!;
    if (ds === 0) continue;
    const row = m[s]!;
    for (let k = 0; k < 4; k++) o[k]! += ds * row[k]!;
  }
  return o;
}

function matMul(x: Mat4, y: Mat4): Mat4 {
  return x.map((row) => vecMat(row, y));
}

export const dot = (x: Vec4, y: Vec4): number => x[0] * y[0] + x[1] * y[1] + x[2] * y[2] + x[3] * y[3];

/**
 * Cesàro limit M* of a stochastic matrix. The lazy chain L = (I + M)/2 has the same stationary
 * distributions and absorption probabilities, and is aperiodic, so L^n → M* (every eigenvalue
 * λ ≠ 1 of M becomes (1 + λ)/2 with modulus < 1). 64 squarings give L^(2^64).
 */
export function cesaroLimit(m: Mat4): Mat4 {
  let l: Mat4 = m.map((row, i) => row.map((v, j) => (v + (i === j ? 1 : 0)) / 2) as Vec4);
  for (let k = 0; k < 64; k++) {
    // Renormalise the rows: rounding would otherwise compound over 2^64 steps.
    const next = matMul(l, l).map((row) => {
      const sum = row[0] + row[1] + row[2] + row[3];
      return row.map((v) => v / sum) as Vec4;
    });
    let delta = 0;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) delta = Math.max(delta, Math.abs(next[i]![j]! - l[i]![j]!));
    l = next;
    if (delta === 0) break;
  }
  return l;
}

/** Probability that turn t is played given that turn t − 1 was (0 past the end). */
export function continuation(h: Horizon, t: number): number {
  if (h.kind === 'fixed') return t < h.turns ? 1 : 0;
  if (h.kind === 'prob-end') return t < h.cap ? 1 - h.p : 0;
  return 1;
}

/** Number of turns to sum over (the infinite horizon has none). */
export function horizonLength(h: Horizon): number {
  return h.kind === 'fixed' ? h.turns : h.kind === 'prob-end' ? h.cap : Infinity;
}

/** Expected number of turns: T, or Σ_{t<N} (1 − p)^t = (1 − (1 − p)^N)/p. */
export function expectedTurns(h: Horizon): number {
  if (h.kind === 'fixed') return h.turns;
  if (h.kind === 'prob-end') return h.p === 0 ? h.cap : (1 - Math.pow(1 - h.p, h.cap)) / h.p;
  return Infinity;
}

export interface PairValue {
  /** Expected payoff per turn of A and B. */
  perTurn: [number, number];
  /** Expected match totals (undefined for the infinite horizon). */
  total?: [number, number];
  expectedTurns: number;
  /** Long-run (infinite) or horizon-averaged distribution over CC, CD, DC, DD from A's view. */
  outcomes: Vec4;
}

export function pairPayoffs(
  a: MemoryOne,
  b: MemoryOne,
  tableA: Table,
  tableB: Table,
  noise: number,
  horizon: Horizon,
): PairValue {
  const [ua, ub] = payoffVectors(tableA, tableB);
  const m = transition(a, b, noise);
  let d = firstTurn(a, b, noise);
  if (horizon.kind === 'infinite') {
    const dStar = vecMat(d, cesaroLimit(m));
    return { perTurn: [dot(dStar, ua), dot(dStar, ub)], expectedTurns: Infinity, outcomes: dStar };
  }
  const n = horizonLength(horizon);
  const acc: Vec4 = [0, 0, 0, 0];
  let w = 1;
  for (let t = 0; t < n && w > 1e-300; t++) {
    for (let s = 0; s < 4; s++) acc[s]! += w * d[s]!;
    w *= continuation(horizon, t + 1);
    d = vecMat(d, m);
  }
  const turns = expectedTurns(horizon);
  const total: [number, number] = [dot(acc, ua), dot(acc, ub)];
  return {
    perTurn: [total[0] / turns, total[1] / turns],
    total,
    expectedTurns: turns,
    outcomes: acc.map((x) => x / turns) as Vec4,
  };
}
