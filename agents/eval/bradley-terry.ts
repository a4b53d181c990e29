/**
 * Bradley–Terry ratings with a Gaussian prior: the maximum a posteriori estimate, solved by
 * Newton's method to a tolerance, and its Laplace-approximation posterior covariance.
 *
 * Model (Bradley & Terry 1952; Elo scale as in OpenSpiel's open_spiel/evaluation/elo.cc):
 *   P(i beats j) = σ(θ_i − θ_j) = 1 / (1 + e^{−(θ_i − θ_j)}),   rating_i = 1000 + (400 / ln 10)·θ_i,
 * so a 400-point gap is 10:1 odds and 1000 is the online Elo's starting point.
 * Data: for each pair, a weighted score S_ij of i against j (win 1, draw ½, loss 0, each result
 * times its weight, agents/eval/rating-pairs.ts) out of weighted games W_ij; a draw is half a win
 * each way (the likelihood S log σ(d) + (W − S) log σ(−d), as elo.cc counts draws).
 * Prior: θ_i ~ N(0, τ²) independently, τ = priorSd·ln10/400. It is proper, so the posterior is
 * (i) finite for unbeaten and winless records (no smoothing constant needed: elo.cc adds 0.01 per
 * cell, and its error bar is set by that constant), and (ii) centred on a fixed point, not on the
 * field's mean, so an agent's estimate and interval depend only on the games connected to it.
 * Negative log posterior (Gelman et al. 2013, Bayesian Data Analysis, Sec. 4.1 for the Laplace
 * approximation; the gradient and Hessian are the logistic-regression ones):
 *   f(θ) = −Σ_{pairs} [S log σ(d) + (W − S) log σ(−d)] + Σ_i θ_i² / (2τ²),  d = θ_i − θ_j,
 *   ∇_i f = −Σ_j (S_ij − W_ij σ(d_ij)) + θ_i/τ²,
 *   ∇²f = Σ_pairs W σ(d)σ(−d) (e_i − e_j)(e_i − e_j)ᵀ + I/τ²  (positive definite),
 * minimised by Newton steps with step halving until max|Δθ| < tolerance (default 1e-10): no
 * iteration cap decides the answer (the 100-step guard reports `converged: false` if ever hit).
 * Posterior covariance Σ ≈ (∇²f)⁻¹ at the optimum, kept as the Cholesky factor of ∇²f (the last
 * Newton step's: the step after it was below the tolerance); its diagonal from L⁻¹. The predicted
 * score of i against j has the 95 % interval σ(d ± 1.96·√Var(θ_i − θ_j)), Var(θ_i − θ_j) =
 * ‖L⁻¹(e_i − e_j)‖² by one forward substitution.
 * The ± of a rating: the data identify only differences, so the marginal sd √Σ_ii never falls below
 * the prior's uncertainty about the whole field's level (τ/√k for k connected agents, e.g. 212 Elo
 * for two agents however many games they play). We report instead the posterior sd of the agent's
 * rating relative to the agents it has played, each weighted by its share of the information,
 *   sd_i² = Var(θ_i − Σ_j u_ij θ_j),  u_ij = H_ij-weight W_ij σ(d_ij)σ(−d_ij) / Σ_k (same),
 * which is gauge-free (the field's level cancels), shrinks as the agent's games accumulate, is the
 * exact sd of the difference for two agents, and depends only on the games connected to the agent
 * (an unrelated newcomer changes nothing). An agent with no games gets the prior sd. `sdMarginal`
 * keeps √Σ_ii.
 *
 * Why hand-written: no npm package fits a Bradley–Terry model with a prior and its covariance
 * (elo-rank is the online update only); the Cholesky factorisation is here too because the refit
 * after every match runs on a flat Float64Array in well under the 100 ms budget (bench/ratings).
 */

export interface PairTotal {
  /** Indices of the two agents. */
  a: number;
  b: number;
  /** Weighted score of a against b (win 1, draw ½), summed over results. */
  score: number;
  /** Weighted number of results (the weights of agents/eval/rating-pairs.ts). */
  weight: number;
}

export interface BradleyTerryOptions {
  /** Prior standard deviation of a rating, in Elo points (default BT_PRIOR_SD_ELO). */
  priorSd?: number;
  /** Stop when max |Δθ| < tolerance (natural-log units; default 1e-10). */
  tolerance?: number;
  /** Guard only; reaching it sets converged = false (default 100). */
  maxIterations?: number;
  /** Starting point θ (e.g. the previous fit), same length as the agents. */
  warmStart?: readonly number[];
}

export interface BradleyTerryFit {
  /** θ_i (natural-log strength; 0 = the prior's centre). */
  theta: number[];
  /** Elo-scale estimates, 1000 + (400/ln10)·θ_i. */
  rating: number[];
  /** One posterior sd of each rating relative to the agents it played (see the header), in Elo points. */
  sd: number[];
  /** Marginal posterior sd √Σ_ii, in Elo points (includes the prior's uncertainty about the field's level). */
  sdMarginal: number[];
  /** Cholesky factor L of the posterior precision H = L Lᵀ (row-major n×n): Σ = H⁻¹ (see `covariance`, `diffVariance`). */
  chol: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Prior sd of a rating, in Elo points. Chosen by held-out calibration on the built-in agents'
 * matches (docs/ratings.md, "Choosing the prior", reproduced by scripts/calibrate-ratings.ts).
 */
export const BT_PRIOR_SD_ELO = 400;
export const ELO_PER_NAT = 400 / Math.LN10;
export const ELO_BASE = 1000;

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
/** log σ(x), stable for large |x|. */
const logSigmoid = (x: number) => (x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x)));

export class BradleyTerryError extends Error {
  constructor(
    readonly code: 'BAD_INPUT' | 'NOT_POSITIVE_DEFINITE',
    message: string,
  ) {
    super(message);
    this.name = 'BradleyTerryError';
  }
}

/** In-place Cholesky factor (lower triangle) of a symmetric positive-definite n×n row-major matrix. */
export function cholesky(H: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = H[j * n + j]!;
    const rj = j * n;
    for (let k = 0; k < j; k++) d -= L[rj + k]! * L[rj + k]!;
    if (!(d > 0)) throw new BradleyTerryError('NOT_POSITIVE_DEFINITE', 'cholesky: matrix is not positive definite');
    const ljj = Math.sqrt(d);
    L[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = H[ri + j]!;
      for (let k = 0; k < j; k++) s -= L[ri + k]! * L[rj + k]!;
      L[ri + j] = s / ljj;
    }
  }
  return L;
}

/** Solve L Lᵀ x = b. */
export function choleskySolve(L: Float64Array, n: number, b: readonly number[]): number[] {
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * n + k]! * y[k]!;
    y[i] = s / L[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * y[k]!;
    y[i] = s / L[i * n + i]!;
  }
  return y;
}

/**
 * (L Lᵀ)⁻¹ from the Cholesky factor: the columns w_j of W = L⁻¹ by forward substitution (stored
 * as rows of Wᵀ, so every inner loop runs over contiguous memory), then (L Lᵀ)⁻¹ = Wᵀ W.
 */
export function choleskyInverse(L: Float64Array, n: number): Float64Array {
  const Wt = inverseFactor(L, n);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const wi = i * n;
    for (let j = 0; j <= i; j++) {
      const wj = j * n;
      let s = 0;
      for (let k = i; k < n; k++) s += Wt[wi + k]! * Wt[wj + k]!;
      inv[i * n + j] = inv[j * n + i] = s;
    }
  }
  return inv;
}

/** (L⁻¹)ᵀ, row-major: row j is the column j of L⁻¹ (zero before index j). */
export function inverseFactor(L: Float64Array, n: number): Float64Array {
  const Wt = new Float64Array(n * n); // Wt[j*n + i] = (L⁻¹)[i][j], zero for i < j
  for (let j = 0; j < n; j++) {
    const w = j * n;
    Wt[w + j] = 1 / L[j * n + j]!;
    for (let i = j + 1; i < n; i++) {
      const li = i * n;
      let s = 0;
      for (let k = j; k < i; k++) s -= L[li + k]! * Wt[w + k]!;
      Wt[w + i] = s / L[li + i]!;
    }
  }
  return Wt;
}

/**
 * MAP Bradley–Terry ratings of n agents from pair totals.
 * @throws BradleyTerryError BAD_INPUT for indices out of range, negative weights or a score
 *   outside [0, weight], or a non-positive prior sd.
 */
export function fitBradleyTerry(
  n: number,
  pairs: readonly PairTotal[],
  opts: BradleyTerryOptions = {},
): BradleyTerryFit {
  const priorSd = opts.priorSd ?? BT_PRIOR_SD_ELO;
  if (!(priorSd > 0 && Number.isFinite(priorSd)))
    throw new BradleyTerryError('BAD_INPUT', `priorSd must be a positive number of Elo points, got ${priorSd}`);
  const tolerance = opts.tolerance ?? 1e-10;
  const maxIterations = opts.maxIterations ?? 100;
  const tau2 = (priorSd / ELO_PER_NAT) ** 2;
  const data = pairs.filter((p) => p.weight > 0 && p.a !== p.b);
  for (const p of data) {
    if (!(Number.isInteger(p.a) && Number.isInteger(p.b) && p.a >= 0 && p.b >= 0 && p.a < n && p.b < n))
      throw new BradleyTerryError('BAD_INPUT', `pair (${p.a}, ${p.b}) is out of range for ${n} agents`);
    if (!(p.score >= -1e-9 && p.score <= p.weight + 1e-9))
      throw new BradleyTerryError(
        'BAD_INPUT',
        `score ${p.score} is outside [0, ${p.weight}] for pair (${p.a}, ${p.b})`,
      );
  }
  const theta = opts.warmStart && opts.warmStart.length === n ? [...opts.warmStart] : new Array<number>(n).fill(0);
  const objective = (t: readonly number[]) => {
    let f = 0;
    for (const p of data) {
      const d = t[p.a]! - t[p.b]!;
      f -= p.score * logSigmoid(d) + (p.weight - p.score) * logSigmoid(-d);
    }
    for (const x of t) f += (x * x) / (2 * tau2);
    return f;
  };
  const hessian = (t: readonly number[]) => {
    const H = new Float64Array(n * n);
    for (let i = 0; i < n; i++) H[i * n + i] = 1 / tau2;
    for (const p of data) {
      const q = sigmoid(t[p.a]! - t[p.b]!);
      const w = p.weight * q * (1 - q);
      H[p.a * n + p.a]! += w;
      H[p.b * n + p.b]! += w;
      H[p.a * n + p.b]! -= w;
      H[p.b * n + p.a]! -= w;
    }
    return H;
  };
  let iterations = 0;
  let converged = n === 0;
  let f = objective(theta);
  // The last Hessian and its Cholesky factor: once the final step is below the tolerance they are
  // the Hessian at the optimum to ~1e-10, and serve for the covariance without a second factorisation.
  let H: Float64Array = new Float64Array(0);
  let L: Float64Array = new Float64Array(0);
  while (!converged && iterations < maxIterations) {
    iterations++;
    const g = theta.map((x) => x / tau2);
    for (const p of data) {
      const r = p.score - p.weight * sigmoid(theta[p.a]! - theta[p.b]!);
      g[p.a]! -= r;
      g[p.b]! += r;
    }
    H = hessian(theta);
    L = cholesky(H, n);
    const step = choleskySolve(L, n, g);
    // Newton step with halving (f is strictly convex, so a full step is taken near the optimum;
    // a step below 1e-4 in every coordinate is inside the region of quadratic convergence here,
    // the Hessian's entries changing by less than 1e-4 relative, and is taken without the check).
    let len = 1;
    let next = theta;
    let fNext = f;
    const small = step.every((x) => Math.abs(x) < 1e-4);
    if (!small && Number.isNaN(f)) f = objective(theta);
    for (; len > 1e-12; len /= 2) {
      next = theta.map((x, i) => x - len * step[i]!);
      if (small) {
        fNext = NaN;
        break;
      }
      fNext = objective(next);
      if (fNext <= f + 1e-15 * Math.abs(f)) break;
    }
    const delta = Math.max(0, ...step.map((s) => Math.abs(len * s)));
    for (let i = 0; i < n; i++) theta[i] = next[i]!;
    f = fNext; // NaN after an unchecked small step: recomputed only if a later step needs the check
    if (delta < tolerance) converged = true;
  }
  if (n && (!converged || iterations === 0)) {
    H = hessian(theta);
    L = cholesky(H, n);
  }
  // Diagonal of Σ = H⁻¹ = L⁻ᵀL⁻¹: Σ_ii = Σ_k (L⁻¹)_ki², from the columns of L⁻¹ (rows of Wt).
  const Wt = n ? inverseFactor(L, n) : new Float64Array(0);
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = i; k < n; k++) s += Wt[i * n + k]! ** 2;
    diag[i] = s;
  }
  const cov = { at: (i: number) => diag[i]! };
  // Var(θ_i − uᵀθ) with u = w_i / t_i, w_i the off-diagonal information of row i (w_ij = −H_ij),
  // t_i = Σ_j w_ij = H_ii − 1/τ². Since H e_i = H_ii e_i − w_i, Σ w_i = H_ii Σ e_i − e_i, so
  // (Σ w_i)_i = H_ii Σ_ii − 1 and w_iᵀ Σ w_i = H_ii (H_ii Σ_ii − 1): O(1) per agent from Σ_ii.
  const sd = theta.map((_, i) => {
    const h = H[i * n + i]!;
    const t = h - 1 / tau2;
    const sii = cov.at(i);
    if (!(t > 1e-12 * h)) return ELO_PER_NAT * Math.sqrt(sii);
    const g = h * sii - 1;
    const v = sii - (2 * g) / t + (h * g) / (t * t);
    return ELO_PER_NAT * Math.sqrt(Math.max(0, v));
  });
  return {
    theta,
    rating: theta.map((t) => ELO_BASE + ELO_PER_NAT * t),
    sd,
    sdMarginal: theta.map((_, i) => ELO_PER_NAT * Math.sqrt(diag[i]!)),
    chol: L,
    iterations,
    converged,
  };
}

export interface PredictedScore {
  /** Predicted score of i against j (probability of a win, draws half). */
  score: number;
  low: number;
  high: number;
}

/** Predicted score of agent i against agent j with its 95 % (z = 1.96) interval. */
/** Var(θ_i − θ_j) = ‖L⁻¹(e_i − e_j)‖² (one forward substitution, O(n²)). */
export function diffVariance(fit: BradleyTerryFit, i: number, j: number): number {
  const n = fit.theta.length;
  const L = fit.chol;
  const y = new Float64Array(n);
  let v = 0;
  for (let r = Math.min(i, j); r < n; r++) {
    let s = r === i ? 1 : r === j ? -1 : 0;
    const lr = r * n;
    for (let k = Math.min(i, j); k < r; k++) s -= L[lr + k]! * y[k]!;
    y[r] = s / L[lr + r]!;
    v += y[r]! ** 2;
  }
  return v;
}

/** The full posterior covariance Σ = H⁻¹ (row-major n×n; O(n³), for tests and offline use). */
export function covariance(fit: BradleyTerryFit): Float64Array {
  return choleskyInverse(fit.chol, fit.theta.length);
}

export function predictScore(fit: BradleyTerryFit, i: number, j: number, z = 1.96): PredictedScore {
  const d = fit.theta[i]! - fit.theta[j]!;
  const v = i === j ? 0 : diffVariance(fit, i, j);
  const half = z * Math.sqrt(Math.max(0, v));
  return { score: sigmoid(d), low: sigmoid(d - half), high: sigmoid(d + half) };
}
