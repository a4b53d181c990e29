/**
 * α-Rank (Omidshafiei et al. 2019, "α-Rank: Multi-Agent Evaluation by Evolution", Sci. Rep. 9:9937),
 * single-population form for a symmetric two-player meta-game, as in OpenSpiel's
 * open_spiel/python/egt/alpharank.py (`compute`, whose default is the local selection model).
 *
 * A population of m individuals is monomorphic in strategy s; a mutant r appears (each other
 * strategy with probability η = 1/(n − 1)) and fixates with probability ρ_{s→r}. The stationary
 * distribution π of that Markov chain over the n strategies is the ranking: more mass = better.
 *
 * Local selection model (OpenSpiel's default; paper Sec. "Methods", Eq. for ρ with fixed fitness):
 *   u = α·(f_r − f_s) with f_r = payoff[r][s], f_s = payoff[s][r],
 *   ρ_{s→r} = (1 − e^{−u}) / (1 − e^{−m·u})   (= 1/m when u = 0),
 * written here as ρ = 1 / Σ_{l=0}^{m−1} e^{−l·u} and summed in log space, so that α = 100 with
 * payoffs in [0, 1] neither overflows nor loses the small transitions.
 * Population model (`model: 'population'`, OpenSpiel's `use_local_selection_model=False`):
 *   f_r(k) = ((k−1)·M_rr + (m−k)·M_rs)/(m−1), f_s(k) = (k·M_sr + (m−k−1)·M_ss)/(m−1) with k mutants,
 *   ρ_{s→r} = 1 / (1 + Σ_{l=1}^{m−1} Π_{k=1}^{l} e^{−α(f_r(k) − f_s(k))}).
 * Transition matrix: C[s][r] = η·ρ_{s→r} (r ≠ s), C[s][s] = 1 − Σ_{r≠s} C[s][r].
 *
 * Infinite α (`alpha: 'infinite'`, how VGC-Bench ranks): OpenSpiel perturbs the response graph
 * (C[s][r] = η(1−ε) if r beats s, ηε if it loses, η/2 on a tie) and sweeps ε → 0
 * (`sweep_pi_vs_epsilon`). We take that limit exactly: with ε = 0 the chain's only closed class is
 * the unique sink strongly connected component of the response graph (every pair of strategies is
 * joined by at least one edge, so the condensation is a total order), and the limit distribution
 * is the ε = 0 chain's stationary distribution on it. A chain with a single closed class has a
 * stationary distribution continuous in the perturbation, so this is the ε → 0 limit.
 *
 * Stationary distribution: the closed class of the (numerically) positive transitions is found by
 * Tarjan's SCC algorithm, and π on it by the GTH algorithm (Grassmann, Taksar & Heyman 1985,
 * "Regenerative analysis and steady state distributions for Markov chains", Oper. Res. 33(5)),
 * which uses no subtractions and so keeps transitions of 1e-200 exact. Strategies outside the
 * closed class get π = 0.
 *
 * Ranking: π descending; ties (e.g. strategies with π = 0) by how close their strongly connected
 * component is to the sink in the response graph, then by index.
 *
 * Why hand-written: the algorithm is a few dozen lines over an n×n matrix, and no npm package
 * implements α-Rank or a GTH solver (an eigen-solver would lose the tiny transitions at α = 100).
 */

export type AlphaRankModel = 'local' | 'population';

export interface AlphaRankOptions {
  /** Selection intensity α (default 100, the paper's and OpenSpiel's); 'infinite' for the α → ∞ limit. */
  alpha?: number | 'infinite';
  /** Population size m (default 50). */
  m?: number;
  /** Fitness model (default 'local', OpenSpiel's default; see the header). */
  model?: AlphaRankModel;
}

export interface AlphaRankResult {
  /** Stationary distribution over the strategies (sums to 1). */
  pi: number[];
  /** Strategy indices, best first. */
  ranking: number[];
}

export const ALPHARANK_DEFAULTS = { alpha: 100, m: 50 } as const;

export class AlphaRankError extends Error {
  constructor(
    readonly code: 'BAD_PAYOFF' | 'BAD_OPTIONS' | 'NO_UNIQUE_STATIONARY',
    message: string,
  ) {
    super(message);
    this.name = 'AlphaRankError';
  }
}

/** log(e^a + e^b) without overflow. */
function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const hi = Math.max(a, b);
  return hi + Math.log1p(Math.exp(Math.min(a, b) - hi));
}

/** ρ = 1 / Σ_{l=0}^{m−1} e^{−l·u} (the closed form (1 − e^{−u})/(1 − e^{−mu}), stable for any u). */
function rhoLocal(u: number, m: number): number {
  if (u === 0) return 1 / m;
  // Σ_{l=0}^{m−1} e^{−l u} as a geometric series in log space.
  let logSum = -Infinity;
  if (u > 0) {
    // Terms decrease: log Σ = log((1 − e^{−mu}) / (1 − e^{−u})).
    logSum = Math.log(-Math.expm1(-m * u)) - Math.log(-Math.expm1(-u));
  } else {
    // Terms increase: Σ = e^{−(m−1)u} · Σ_{l} e^{l u}; with v = −u > 0, log Σ = (m−1)v + log((1 − e^{−mv})/(1 − e^{−v})).
    const v = -u;
    logSum = (m - 1) * v + Math.log(-Math.expm1(-m * v)) - Math.log(-Math.expm1(-v));
  }
  return Math.exp(-logSum);
}

/** OpenSpiel's `_get_rho_sr` without local selection: the k-dependent fitness sum, in log space. */
function rhoPopulation(M: readonly (readonly number[])[], r: number, s: number, alpha: number, m: number): number {
  let logSum = 0; // the leading 1
  let exponent = 0; // Σ_{k≤l} −α(f_r(k) − f_s(k))
  for (let l = 1; l < m; l++) {
    const k = l;
    const fr = ((k - 1) * M[r]![r]! + (m - k) * M[r]![s]!) / (m - 1);
    const fs = (k * M[s]![r]! + (m - k - 1) * M[s]![s]!) / (m - 1);
    exponent += -alpha * (fr - fs);
    logSum = logAdd(logSum, exponent);
  }
  return Math.exp(-logSum);
}

/**
 * Tarjan's strongly connected components of the graph with an edge s→r where adj(s, r).
 * Returns the component of each node and the components in reverse topological order
 * (Tarjan emits sinks first).
 */
export function stronglyConnected(
  n: number,
  adj: (s: number, r: number) => boolean,
): { comp: number[]; order: number[][] } {
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const comp = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  const order: number[][] = [];
  let counter = 0;
  // Iterative DFS (n may be a few hundred; no recursion-depth risk).
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length) {
      const top = work[work.length - 1]!;
      const [v, next] = top;
      let r = next;
      for (; r < n; r++) {
        if (r === v || !adj(v, r)) continue;
        if (index[r] === -1) break;
        if (onStack[r]) low[v] = Math.min(low[v]!, index[r]!);
      }
      if (r < n) {
        top[1] = r + 1;
        index[r] = low[r] = counter++;
        stack.push(r);
        onStack[r] = true;
        work.push([r, 0]);
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          comp[w] = order.length;
          members.push(w);
        } while (w !== v);
        order.push(members.sort((a, b) => a - b));
      }
    }
  }
  return { comp, order };
}

/**
 * Stationary distribution of an irreducible stochastic matrix P (rows sum to 1) by the GTH
 * algorithm (no subtractions). P is not modified.
 *
 * GTH keeps tiny transitions exact, but its products can still leave the double range: at α = 100
 * a transition of 1e-214 times another of 1e-214 is 1e-428, which is 0 in floating point, and the
 * elimination then finds a state with no way back (a transitive 3×3 win-rate table with margins of
 * 0.05–0.1 does it). Whenever an elimination pivot falls below 1e-280, the whole computation is redone
 * in log space (`gthStationaryLog`), where such products are ordinary numbers; the linear pass is
 * kept for speed, since the leaderboard runs α-Rank on 200 agents for every posterior draw.
 * @throws AlphaRankError NO_UNIQUE_STATIONARY when the chain is not irreducible
 */
export function gthStationary(P: readonly (readonly number[])[]): number[] {
  const n = P.length;
  if (n === 1) return [1];
  const a = P.map((row) => [...row]);
  for (let k = n - 1; k > 0; k--) {
    let s = 0;
    for (let j = 0; j < k; j++) s += a[k]![j]!;
    if (!(s > 1e-280)) return gthStationaryLog(P);
    for (let i = 0; i < k; i++) a[i]![k]! /= s;
    for (let i = 0; i < k; i++) {
      const aik = a[i]![k]!;
      if (aik === 0) continue;
      for (let j = 0; j < k; j++) a[i]![j]! += aik * a[k]![j]!;
    }
  }
  const pi = new Array<number>(n).fill(0);
  pi[0] = 1;
  for (let k = 1; k < n; k++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += pi[i]! * a[i]![k]!;
    pi[k] = s;
  }
  const total = pi.reduce((x, y) => x + y, 0);
  return pi.map((x) => x / total);
}

/**
 * The GTH algorithm on log(P): the same eliminations, with products as sums of logs and sums by
 * log-sum-exp, so that no intermediate value underflows. O(n³) exp/log calls: the fallback of
 * `gthStationary`, not its default.
 * @throws AlphaRankError NO_UNIQUE_STATIONARY when the chain is not irreducible
 */
export function gthStationaryLog(P: readonly (readonly number[])[]): number[] {
  const n = P.length;
  if (n === 1) return [1];
  const la = P.map((row) => row.map((x) => (x > 0 ? Math.log(x) : -Infinity)));
  for (let k = n - 1; k > 0; k--) {
    let ls = -Infinity;
    for (let j = 0; j < k; j++) ls = logAdd(ls, la[k]![j]!);
    if (ls === -Infinity)
      throw new AlphaRankError('NO_UNIQUE_STATIONARY', 'gthStationary: the chain is not irreducible');
    for (let i = 0; i < k; i++) la[i]![k]! -= ls;
    for (let i = 0; i < k; i++) {
      const lik = la[i]![k]!;
      if (lik === -Infinity) continue;
      for (let j = 0; j < k; j++) {
        const lkj = la[k]![j]!;
        if (lkj !== -Infinity) la[i]![j] = logAdd(la[i]![j]!, lik + lkj);
      }
    }
  }
  const lpi = new Array<number>(n).fill(-Infinity);
  lpi[0] = 0;
  for (let k = 1; k < n; k++) {
    let s = -Infinity;
    for (let i = 0; i < k; i++) s = logAdd(s, lpi[i]! + la[i]![k]!);
    lpi[k] = s;
  }
  let total = -Infinity;
  for (const x of lpi) total = logAdd(total, x);
  return lpi.map((x) => Math.exp(x - total));
}

/**
 * The α-Rank transition matrix C (n×n, rows sum to 1) of a symmetric two-player meta-game.
 * For 'infinite' α it is the ε = 0 response-graph chain (η on improvements, η/2 on ties).
 */
export function alphaRankTransitions(payoff: readonly (readonly number[])[], opts: AlphaRankOptions = {}): number[][] {
  const n = checkPayoff(payoff);
  const alpha = opts.alpha ?? ALPHARANK_DEFAULTS.alpha;
  const m = opts.m ?? ALPHARANK_DEFAULTS.m;
  const model = opts.model ?? 'local';
  if (alpha !== 'infinite' && !(Number.isFinite(alpha) && alpha >= 0))
    throw new AlphaRankError('BAD_OPTIONS', `alpha must be a finite number ≥ 0 or 'infinite', got ${alpha}`);
  if (!(Number.isInteger(m) && m >= 2)) throw new AlphaRankError('BAD_OPTIONS', `m must be an integer ≥ 2, got ${m}`);
  if (model !== 'local' && model !== 'population')
    throw new AlphaRankError('BAD_OPTIONS', `model must be 'local' or 'population', got ${String(model)}`);
  const eta = n > 1 ? 1 / (n - 1) : 0;
  const C = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let s = 0; s < n; s++) {
    let out = 0;
    for (let r = 0; r < n; r++) {
      if (r === s) continue;
      let rho: number;
      if (alpha === 'infinite') {
        const d = payoff[r]![s]! - payoff[s]![r]!;
        rho = Math.abs(d) <= 1e-14 ? 0.5 : d > 0 ? 1 : 0;
      } else if (model === 'local') {
        rho = rhoLocal(alpha * (payoff[r]![s]! - payoff[s]![r]!), m);
      } else {
        rho = rhoPopulation(payoff, r, s, alpha, m);
      }
      C[s]![r] = eta * rho;
      out += C[s]![r]!;
    }
    C[s]![s] = Math.max(0, 1 - out);
  }
  return C;
}

function checkPayoff(payoff: readonly (readonly number[])[]): number {
  const n = payoff.length;
  if (n === 0) throw new AlphaRankError('BAD_PAYOFF', 'payoff matrix is empty');
  for (const row of payoff) {
    if (row.length !== n)
      throw new AlphaRankError('BAD_PAYOFF', `payoff matrix must be square (${n}×${n}), found a row of ${row.length}`);
    for (const x of row)
      if (!Number.isFinite(x))
        throw new AlphaRankError('BAD_PAYOFF', `payoff entries must be finite numbers, found ${x}`);
  }
  return n;
}

/**
 * α-Rank of a symmetric two-player meta-game.
 *
 * @param payoff n×n, `payoff[i][j]` = strategy i's mean payoff (score) against strategy j, e.g. a
 *   win rate in [0, 1] (draws half) so that payoff[i][j] + payoff[j][i] = 1; any general symmetric
 *   two-player payoff table also works (the local model reads only the off-diagonal pairs; the
 *   population model also reads the diagonal, i's payoff against itself). The units of payoff and α
 *   go together: α = 100 is meant for payoffs of order 1.
 * @param opts α (default 100, or 'infinite'), m (default 50), model (default 'local').
 * @returns π (stationary distribution, sums to 1) and the strategy indices best first.
 * @throws AlphaRankError BAD_PAYOFF (not square, empty, non-finite), BAD_OPTIONS,
 *   NO_UNIQUE_STATIONARY (several closed classes; cannot happen for finite α without underflow
 *   of an improving transition, nor for infinite α).
 */
export function alphaRank(payoff: number[][], opts: AlphaRankOptions = {}): AlphaRankResult {
  const n = checkPayoff(payoff);
  if (n === 1) return { pi: [1], ranking: [0] };
  const C = alphaRankTransitions(payoff, opts);
  // Closed classes = sink components of the graph of positive transitions.
  const { comp, order } = stronglyConnected(n, (s, r) => C[s]![r]! > 0);
  const isSink = order.map((members, c) =>
    members.every((s) => members.length === n || C[s]!.every((x, r) => x === 0 || r === s || comp[r] === c)),
  );
  const sinks = order.flatMap((_, c) => (isSink[c] ? [c] : []));
  if (sinks.length !== 1)
    throw new AlphaRankError('NO_UNIQUE_STATIONARY', `expected one closed class of strategies, found ${sinks.length}`);
  const members = order[sinks[0]!]!;
  const sub = members.map((s) => {
    const row = members.map((r) => C[s]![r]!);
    const total = row.reduce((x, y) => x + y, 0);
    return row.map((x) => x / total);
  });
  const piSub = gthStationary(sub);
  const pi = new Array<number>(n).fill(0);
  members.forEach((s, k) => (pi[s] = piSub[k]!));
  // Distance of each component from the sink along the condensation (Tarjan emits sinks first,
  // so a smaller component number is at most as far from the sink).
  const ranking = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => pi[b]! - pi[a]! || comp[a]! - comp[b]! || a - b,
  );
  return { pi, ranking };
}
