/**
 * Nash averaging (Balduzzi, Tuyls, Pérolat & Graepel 2018, "Re-evaluating Evaluation", NeurIPS;
 * arXiv 1806.02643, Sec. 4): for an antisymmetric payoff matrix A (A = −Aᵀ, agent i's payoff
 * against j), the maximum-entropy Nash equilibrium p* of the symmetric zero-sum game A, and each
 * agent's payoff against it, (A p*)_i. The value of the game is 0, so (A p*)_i ≤ 0 for everyone,
 * with equality on p*'s support. Adding copies of an agent changes nobody's Nash average (Prop. 3,
 * "invariant to redundancy", exact when the equilibrium is unique, see `NashAverage.unique`); Elo
 * changes. OpenSpiel computes the same thing with cvxpy
 * (open_spiel/python/algorithms/nash_averaging.py: min pᵀ log p s.t. A p ≤ 0, p ≥ 0, 1ᵀp = 1).
 *
 * How (no convex solver exists on npm, so the entropy step is ours; the LP is yalps):
 * 1. One linear program finds a strictly complementary equilibrium (Goldman & Tucker 1956; every
 *    LP has one): maximise s subject to p ≥ 0, 1ᵀp = 1, A p ≤ 0 and p_i − (A p)_i ≥ s for all i.
 *    At the optimum s* > 0, each agent either has p_i > 0 or (A p)_i < 0. Because the Nash set N
 *    is convex and every p ∈ N pays 0 against every member of every equilibrium's support
 *    (exchangeability of optimal strategies in zero-sum games), the support S of this p is the
 *    union of all equilibrium supports, and N = {p ≥ 0 on S, 0 off S, 1ᵀp = 1, A_SS p = 0,
 *    A_{S̄S} p ≤ 0}, of which the LP's p is a relative-interior point.
 * 2. If that affine set is a single point (the generic case), it is the answer. Otherwise the
 *    entropy is maximised over it by a barrier method (Boyd & Vandenberghe 2004, Convex
 *    Optimization, Sec. 11.3, with the equality constraints eliminated through a null-space basis
 *    from an SVD, Sec. 10.1.2), started at the LP's point: Newton steps with backtracking on
 *    t·Σ p log p − Σ_k log(−(A_{S̄S} p)_k), t ×10 until the duality gap bound (#rows off S)/t is
 *    below 1e-14. The result is an equilibrium to rounding; its mixture is exact to ~1e-12 except
 *    where the maximum-entropy point sits on an inequality with a zero multiplier (a degenerate
 *    vertex), where the central path converges like 1/√t and the mixture is exact to ~1e-8.
 */
import { CholeskyDecomposition, Matrix, pseudoInverse, SVD } from 'ml-matrix';
import { solve as solveLp, type Constraint, type Coefficients } from 'yalps';

export interface NashAverage {
  /** The maximum-entropy Nash equilibrium (sums to 1). */
  mixture: number[];
  /** (A p*)_i: agent i's payoff against the equilibrium mixture (≤ 0; 0 on the support). */
  payoff: number[];
  /** Agents with positive mass, best-paying first (all tie at 0). */
  support: number[];
  /**
   * Whether the equilibrium is unique (then every Nash average is invariant to clones). When the
   * Nash set is a polytope, agents off the support pay a different amount against different
   * equilibria, and the maximum-entropy choice among them moves when an agent is cloned (entropy
   * rewards splitting mass among copies); agents on the support always average 0.
   */
  unique: boolean;
}

export class NashAveragingError extends Error {
  constructor(
    readonly code: 'BAD_PAYOFF' | 'NOT_ANTISYMMETRIC' | 'SOLVER_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'NashAveragingError';
  }
}

function check(A: readonly (readonly number[])[], tol: number): number {
  const n = A.length;
  if (n === 0) throw new NashAveragingError('BAD_PAYOFF', 'payoff matrix is empty');
  for (const row of A) {
    if (row.length !== n)
      throw new NashAveragingError(
        'BAD_PAYOFF',
        `payoff matrix must be square (${n}×${n}), found a row of ${row.length}`,
      );
    for (const x of row)
      if (!Number.isFinite(x)) throw new NashAveragingError('BAD_PAYOFF', `payoff entries must be finite, found ${x}`);
  }
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++)
      if (Math.abs(A[i]![j]! + A[j]![i]!) > tol)
        throw new NashAveragingError(
          'NOT_ANTISYMMETRIC',
          `A[${i}][${j}] + A[${j}][${i}] = ${A[i]![j]! + A[j]![i]!}, expected 0`,
        );
  return n;
}

/** Step 1: a strictly complementary equilibrium and its slack s*. */
function complementaryEquilibrium(A0: readonly (readonly number[])[]): { p: number[]; s: number } {
  const n = A0.length;
  // Scale to max |A| = 1 (the equilibria do not change) so that yalps's default precision (1e-9)
  // means the same thing for every table.
  const big = Math.max(1e-300, ...A0.map((row) => Math.max(...row.map(Math.abs))));
  const A = A0.map((row) => row.map((x) => x / big));
  const constraints = new Map<string, Constraint>([
    ['sum', { equal: 1 }],
    ['cap', { max: 1 }],
  ]);
  for (let i = 0; i < n; i++) {
    constraints.set(`v${i}`, { max: 0 });
    constraints.set(`c${i}`, { min: 0 });
  }
  const variables = new Map<string, Coefficients>();
  for (let j = 0; j < n; j++) {
    const v = new Map<string, number>([['sum', 1]]);
    for (let i = 0; i < n; i++) {
      const a = A[i]![j]!;
      if (a !== 0) v.set(`v${i}`, a);
      const c = (i === j ? 1 : 0) - a;
      if (c !== 0) v.set(`c${i}`, c);
    }
    variables.set(`x${j}`, v);
  }
  const s = new Map<string, number>([
    ['obj', 1],
    ['cap', 1],
  ]);
  for (let i = 0; i < n; i++) s.set(`c${i}`, -1);
  variables.set('s', s);
  const res = solveLp({ direction: 'maximize', objective: 'obj', constraints, variables }, {});
  if (res.status !== 'optimal') throw new NashAveragingError('SOLVER_FAILED', `equilibrium LP: ${res.status}`);
  const p = new Array<number>(n).fill(0);
  let slack = 0;
  for (const [name, value] of res.variables) {
    if (name === 's') slack = value;
    else p[Number(name.slice(1))] = Math.max(0, value);
  }
  const total = p.reduce((a, b) => a + b, 0);
  return { p: p.map((x) => x / total), s: slack };
}

/** Orthonormal basis (columns) of the null space of M (rows × cols), by SVD. */
function nullSpace(M: number[][], cols: number): number[][] {
  if (M.length === 0)
    return Array.from({ length: cols }, (_, i) => Array.from({ length: cols }, (_, j) => (i === j ? 1 : 0)));
  // Pad to at least `cols` rows so that V is cols × cols.
  const rows =
    M.length >= cols ? M : [...M, ...Array.from({ length: cols - M.length }, () => new Array<number>(cols).fill(0))];
  const svd = new SVD(new Matrix(rows), {
    autoTranspose: false,
    computeLeftSingularVectors: false,
    computeRightSingularVectors: true,
  });
  const sv = svd.diagonal;
  const V = svd.rightSingularVectors;
  const tol = Math.max(1e-12, 1e-10 * (sv[0] ?? 0)) * Math.max(rows.length, cols);
  const basis: number[][] = [];
  for (let k = 0; k < cols; k++) if ((sv[k] ?? 0) <= tol) basis.push(V.getColumn(k));
  return basis; // each entry a vector of length cols
}

/** Step 2: maximum entropy over {p = p0 + Z w} ∩ {p > 0, C p ≤ 0}. */
function maxEntropy(p0: number[], Z: number[][], C: number[][]): number[] {
  const k = Z.length;
  const m = p0.length;
  if (k === 0) return p0;
  const at = (w: number[]) => p0.map((x, i) => x + Z.reduce((s, z, j) => s + z[i]! * w[j]!, 0));
  const slacks = (p: number[]) => C.map((row) => -row.reduce((s, c, i) => s + c * p[i]!, 0));
  const objective = (p: number[], t: number) => {
    let f = 0;
    for (const x of p) {
      if (!(x > 0)) return Infinity;
      f += t * x * Math.log(x);
    }
    for (const s of slacks(p)) {
      if (!(s > 0)) return Infinity;
      f -= Math.log(s);
    }
    return f;
  };
  let w = new Array<number>(k).fill(0);
  let t = 1;
  for (let outer = 0; outer < 60; outer++) {
    for (let it = 0; it < 100; it++) {
      const p = at(w);
      const s = slacks(p);
      // Gradient and Hessian in p, then projected on Z.
      const g = p.map((x) => t * (Math.log(x) + 1));
      const H = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? t / p[i]! : 0)));
      C.forEach((row, r) => {
        const inv = 1 / s[r]!;
        for (let i = 0; i < m; i++) {
          g[i]! += row[i]! * inv;
          if (row[i] === 0) continue;
          for (let j = 0; j < m; j++) H[i]![j]! += row[i]! * row[j]! * inv * inv;
        }
      });
      const gz = Z.map((z) => z.reduce((acc, zi, i) => acc + zi * g[i]!, 0));
      const Hz = Z.map((za) =>
        Z.map((zb) => {
          let acc = 0;
          for (let i = 0; i < m; i++) {
            if (za[i] === 0) continue;
            let row = 0;
            for (let j = 0; j < m; j++) row += H[i]![j]! * zb[j]!;
            acc += za[i]! * row;
          }
          return acc;
        }),
      );
      for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) Hz[a]![b] = Hz[b]![a] = (Hz[a]![b]! + Hz[b]![a]!) / 2;
      const step = solvePositiveDefinite(
        Hz,
        gz.map((x) => -x),
      );
      const decrement = -step.reduce((acc, d, i) => acc + d * gz[i]!, 0);
      // Stop when the step no longer moves p (the decrement scales with t, p does not).
      const moves = p.map((_, i) => Z.reduce((acc, z, j) => acc + z[i]! * step[j]!, 0));
      if (!(decrement > 0) || Math.max(...moves.map(Math.abs)) < 1e-15) break;
      // Backtracking line search (α = 0.25, β = 0.5), staying strictly feasible.
      const f0 = objective(p, t);
      let len = 1;
      for (; len > 1e-16; len /= 2) {
        const trial = w.map((x, i) => x + len * step[i]!);
        if (objective(at(trial), t) <= f0 - 0.25 * len * decrement + 1e-15 * Math.abs(f0)) break;
      }
      if (len <= 1e-16) break;
      w = w.map((x, i) => x + len * step[i]!);
    }
    if (C.length === 0 || C.length / t < 1e-14) break;
    t *= 10;
  }
  const p = at(w).map((x) => Math.max(0, x));
  const total = p.reduce((a, b) => a + b, 0);
  return p.map((x) => x / total);
}

/**
 * Nash averaging of an antisymmetric payoff matrix.
 * @param A n×n with A[i][j] = −A[j][i]: agent i's payoff against j (e.g. win rate − ½, or a
 *   logit of the win rate; any antisymmetric payoff).
 * @param opts.tolerance allowed |A[i][j] + A[j][i]| (default 1e-9).
 * @throws NashAveragingError BAD_PAYOFF, NOT_ANTISYMMETRIC, SOLVER_FAILED.
 */
export function nashAveraging(A0: readonly (readonly number[])[], opts: { tolerance?: number } = {}): NashAverage {
  const n = check(A0, opts.tolerance ?? 1e-9);
  // Payoff differences below 1e-9 of the largest are ties: they are rounding, not evidence, and
  // left in they make the LP's strict-complementarity slack vanish into its own tolerance.
  const big = Math.max(...A0.map((row) => Math.max(...row.map(Math.abs))));
  const A = A0.map((row, i) => row.map((x, j) => (i === j || Math.abs(x) <= 1e-9 * big ? 0 : (x - A0[j]![i]!) / 2)));
  if (n === 1) return { mixture: [1], payoff: [0], support: [0], unique: true };
  const { p: lp, s } = complementaryEquilibrium(A);
  if (!(s > 0))
    throw new NashAveragingError('SOLVER_FAILED', `no strictly complementary equilibrium found (s* = ${s})`);
  const S = lp.flatMap((x, i) => (x >= s / 2 ? [i] : []));
  const off = lp.flatMap((x, i) => (x >= s / 2 ? [] : [i]));
  // Affine hull of the Nash set within the support: A_SS p = 0 and 1ᵀ p = 1.
  const eq = [...S.map((i) => S.map((j) => A[i]![j]!)), S.map(() => 1)];
  // Directions that keep p in the affine hull (the last row of `eq` keeps 1ᵀp fixed).
  const Z = nullSpace(eq, S.length);
  // The LP's point satisfies the equalities to its precision (1e-9); project it onto them exactly
  // (least-squares correction through the pseudo-inverse) so the answer is an equilibrium to rounding.
  const p0 = S.map((i) => lp[i]!);
  const residual = eq.map((row, r) => row.reduce((acc, a, j) => acc + a * p0[j]!, 0) - (r === eq.length - 1 ? 1 : 0));
  const correction = pseudoInverse(new Matrix(eq)).mmul(Matrix.columnVector(residual)).getColumn(0);
  const start = p0.map((x, j) => x - correction[j]!);
  if (start.some((x) => !(x > 0)))
    throw new NashAveragingError('SOLVER_FAILED', 'the equilibrium LP left a support member at zero');
  const pS = maxEntropy(
    start,
    Z,
    off.map((k) => S.map((j) => A[k]![j]!)),
  );
  const mixture = new Array<number>(n).fill(0);
  S.forEach((i, k) => (mixture[i] = pS[k]!));
  const payoff = A0.map((row) => row.reduce((acc, a, j) => acc + a * mixture[j]!, 0));
  const worst = Math.max(...payoff);
  if (worst > 1e-7 * Math.max(big, 1e-300))
    throw new NashAveragingError(
      'SOLVER_FAILED',
      `the solution is not an equilibrium: an agent pays ${worst} > 0 against it`,
    );
  const support = S.slice().sort((a, b) => payoff[b]! - payoff[a]! || mixture[b]! - mixture[a]! || a - b);
  return { mixture, payoff, support, unique: Z.length === 0 };
}

/**
 * The antisymmetric matrix of a win-rate table: A[i][j] = (P[i][j] − P[j][i]) / 2, which is
 * P[i][j] − ½ when P[i][j] + P[j][i] = 1 (draws count half).
 */
export function antisymmetricFromWinRates(P: readonly (readonly number[])[]): number[][] {
  return P.map((row, i) => row.map((x, j) => (i === j ? 0 : (x - P[j]![i]!) / 2)));
}

/**
 * Solve H x = b for the Newton step, H symmetric positive definite in exact arithmetic (the projected
 * Hessian of a strictly convex barrier objective). Near the boundary its entries span many orders of
 * magnitude and rounding can make the Cholesky factorisation fail; then a ridge λI is added and grown
 * (a damped Newton step, still a descent direction, as in Levenberg–Marquardt), and as a last resort
 * the pseudo-inverse gives the minimum-norm solution.
 */
function solvePositiveDefinite(H: number[][], b: number[]): number[] {
  const scale = Math.max(1e-300, ...H.map((row, i) => Math.abs(row[i]!)));
  for (let ridge = 0; ridge <= scale; ridge = ridge === 0 ? scale * 1e-14 : ridge * 100) {
    const M = ridge === 0 ? H : H.map((row, i) => row.map((x, j) => (i === j ? x + ridge : x)));
    const chol = new CholeskyDecomposition(new Matrix(M));
    if (chol.isPositiveDefinite()) return chol.solve(Matrix.columnVector(b)).getColumn(0);
  }
  return pseudoInverse(new Matrix(H)).mmul(Matrix.columnVector(b)).getColumn(0);
}
