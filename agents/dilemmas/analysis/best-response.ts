/**
 * The exact best response to a memory-one strategy (the "victim"). Because the victim's next move
 * depends only on the last realised joint outcome, that outcome is a sufficient state: the
 * responder faces a Markov decision process over {CC, CD, DC, DD} (its own view: 2·a_R + a_V,
 * D = 1) plus the start, with its intended action C or D. Its optimum over ALL strategies, however
 * long their memory, is therefore found by:
 *  - fixed T: finite-horizon backward induction, V_t(s) = max_a Σ_o P(o | s, a)(u_R(o) + V_{t+1}(o));
 *  - prob_end p: the same with continuation 1 − p (a discount), up to the length cap;
 *  - infinite horizon: the best long-run average, by enumerating the 2 · 2^4 deterministic
 *    stationary policies (first move × action per state), each evaluated with the exact Cesàro
 *    limit (an optimal stationary deterministic policy exists for finite average-reward MDPs,
 *    Puterman 1994, thm 9.1.8).
 * Noise flips the responder's intended action too. Ties between actions go to the one that is
 * better for the victim (the friendliest best response), then to C.
 */
import {
  cesaroLimit,
  continuation,
  dot,
  expectedTurns,
  flip,
  horizonLength,
  outcome,
  payoffVectors,
  swap,
  vecMat,
  type Horizon,
  type Mat4,
  type Vec4,
} from './markov.ts';
import type { MemoryOne, Table } from './memory-one.ts';

export type Act = 'C' | 'D';
export const STATES = ['CC', 'CD', 'DC', 'DD'] as const;
/** An action per state (responder's view: own last move first). */
export type StatePolicy = Record<(typeof STATES)[number], Act>;

export interface PolicySegment {
  /** 1-based turn numbers, inclusive. */
  from: number;
  to: number;
  policy: StatePolicy;
}

export interface BestResponse {
  /** Responder's and victim's expected payoff per turn under the best response. */
  responderPerTurn: number;
  victimPerTurn: number;
  responderTotal?: number;
  victimTotal?: number;
  expectedTurns: number;
  first: Act;
  /** The optimal action per state, grouped into runs of turns with the same rule. */
  segments: PolicySegment[];
  description: string;
}

const EPS = 1e-12;

/** P(outcome | state, responder's action), outcome and state from the responder's view. */
function kernel(v: MemoryOne, noise: number): (s: number, a: 0 | 1) => Vec4 {
  const rows: Vec4[][] = [];
  for (let s = 0; s < 5; s++) {
    const y = flip(s === 4 ? v.initial : v.p[swap(s)]!, noise); // s = 4: the start
    rows.push([outcome(flip(1, noise), y), outcome(flip(0, noise), y)]);
  }
  return (s, a) => rows[s]![a]!;
}

function policyOf(actions: ArrayLike<number>): StatePolicy {
  const p = {} as StatePolicy;
  STATES.forEach((name, s) => (p[name] = actions[s] ? 'D' : 'C'));
  return p;
}

export function describePolicy(first: Act, segments: PolicySegment[]): string {
  const rule = (p: StatePolicy) => {
    const acts = STATES.map((s) => p[s]);
    if (acts.every((a) => a === 'C')) return 'always C';
    if (acts.every((a) => a === 'D')) return 'always D';
    return STATES.map((s) => `${s}→${p[s]}`).join(' ');
  };
  const parts = [`first move ${first}`];
  const shown = segments.slice(0, 4);
  for (const seg of shown)
    parts.push(
      `${seg.from === seg.to ? `turn ${seg.from}` : `turns ${seg.from}–${seg.to === Infinity ? '∞' : seg.to}`}: ${rule(seg.policy)}`,
    );
  if (segments.length > shown.length) parts.push(`… (${segments.length - shown.length} more changes near the end)`);
  return parts.join('; ');
}

export function bestResponse(
  victim: MemoryOne,
  victimTable: Table,
  responderTable: Table,
  noise: number,
  horizon: Horizon,
): BestResponse {
  const [uR, uV] = payoffVectors(responderTable, victimTable);
  const P = kernel(victim, noise);
  return horizon.kind === 'infinite' ? averageReward(P, uR, uV) : backwardInduction(P, uR, uV, horizon);
}

function backwardInduction(P: (s: number, a: 0 | 1) => Vec4, uR: Vec4, uV: Vec4, horizon: Horizon): BestResponse {
  const n = horizonLength(horizon);
  let V: Vec4 = [0, 0, 0, 0];
  let W: Vec4 = [0, 0, 0, 0];
  const chosen = new Uint8Array(n * 4);
  let first: Act = 'C';
  let total = [0, 0];
  for (let t = n - 1; t >= 0; t--) {
    const c = continuation(horizon, t + 1);
    const nextV: Vec4 = [0, 0, 0, 0];
    const nextW: Vec4 = [0, 0, 0, 0];
    const states = t === 0 ? [4] : [0, 1, 2, 3];
    for (const s of states) {
      let best = -Infinity;
      let bestW = -Infinity;
      let bestA: 0 | 1 = 0;
      for (const a of [0, 1] as const) {
        const o = P(s, a);
        const q = dot(o, uR) + c * dot(o, V);
        const w = dot(o, uV) + c * dot(o, W);
        if (q > best + EPS || (q > best - EPS && w > bestW + EPS)) {
          best = q;
          bestW = w;
          bestA = a;
        }
      }
      if (s === 4) {
        first = bestA ? 'D' : 'C';
        total = [best, bestW];
      } else {
        nextV[s] = best;
        nextW[s] = bestW;
        chosen[t * 4 + s] = bestA;
      }
    }
    V = nextV;
    W = nextW;
  }
  const segments: PolicySegment[] = [];
  for (let t = 1; t < n; t++) {
    const acts = chosen.subarray(t * 4, t * 4 + 4);
    const prev = segments[segments.length - 1];
    const policy = policyOf(acts);
    if (prev && STATES.every((s) => prev.policy[s] === policy[s])) prev.to = t + 1;
    else segments.push({ from: t + 1, to: t + 1, policy });
  }
  const turns = expectedTurns(horizon);
  return {
    responderPerTurn: total[0]! / turns,
    victimPerTurn: total[1]! / turns,
    responderTotal: total[0],
    victimTotal: total[1],
    expectedTurns: turns,
    first,
    segments,
    description: describePolicy(first, segments),
  };
}

function averageReward(P: (s: number, a: 0 | 1) => Vec4, uR: Vec4, uV: Vec4): BestResponse {
  let best = { r: -Infinity, v: -Infinity, first: 0 as 0 | 1, mask: 0 };
  for (let mask = 0; mask < 16; mask++) {
    const m: Mat4 = [0, 1, 2, 3].map((s) => P(s, ((mask >> s) & 1) as 0 | 1));
    const limit = cesaroLimit(m);
    for (const first of [0, 1] as const) {
      const d = vecMat(P(4, first), limit);
      const r = dot(d, uR);
      const v = dot(d, uV);
      if (r > best.r + EPS || (r > best.r - EPS && v > best.v + EPS)) best = { r, v, first, mask };
    }
  }
  const acts = [0, 1, 2, 3].map((s) => (best.mask >> s) & 1);
  const first: Act = best.first ? 'D' : 'C';
  const segments = [{ from: 2, to: Infinity, policy: policyOf(acts) }];
  return {
    responderPerTurn: best.r,
    victimPerTurn: best.v,
    expectedTurns: Infinity,
    first,
    segments,
    description: describePolicy(first, segments),
  };
}
