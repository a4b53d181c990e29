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
 * Posterior covariance Σ ≈ (∇²f)⁻¹ at the optimum. The predicted score of i against j has the 95 %
 * interval σ(d ± 1.96·√(Σ_ii + Σ_jj − 2Σ_ij)).
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
  /** Posterior covariance of θ, row-major n×n. */
  cov: Float64Array;
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

/**
 * MAP Bradley–Terry ratings of n agents from pair totals.
 * @throws BradleyTerryError BAD_INPUT for indices out of range, negative weights or a score
 *   outside [0, weight], or a non-positive prior sd.
 */
export function fitBradleyTerry(n: number, pairs: readonly PairTotal[], opts: BradleyTerryOptions = {}): BradleyTerryFit {
  const priorSd = opts.priorSd ?? BT_PRIOR_SD_ELO;
  if (!(priorSd > 0 && Number.isFinite(priorSd))) throw new BradleyTerryError('BAD_INPUT', `priorSd must be a positive number of Elo points, got ${priorSd}`);
  const tolerance = opts.tolerance ?? 1e-10;
  const maxIterations = opts.maxIterations ?? 100;
  const tau2 = (priorSd / ELO_PER_NAT) ** 2;
  const data = pairs.filter((p) => p.weight > 0 && p.a !== p.b);
  for (const p of data) {
    if (!(Number.isInteger(p.a) && Number.isInteger(p.b) && p.a >= 0 && p.b >= 0 && p.a < n && p.b < n)) throw new BradleyTerryError('BAD_INPUT', `pair (${p.a}, ${p.b}) is out of range for ${n} agents`);
    if (!(p.score >= -1e-9 && p.score <= p.weight + 1e-9)) throw new BradleyTerryError('BAD_INPUT', `score ${p.score} is outside [0, ${p.weight}] for pair (${p.a}, ${p.b})`);
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
  while (!converged && iterations < maxIterations) {
    iterations++;
    const g = theta.map((x) => x / tau2);
    for (const p of data) {
      const r = p.score - p.weight * sigmoid(theta[p.a]! - theta[p.b]!);
      g[p.a]! -= r;
      g[p.b]! += r;
    }
    const step = choleskySolve(cholesky(hessian(theta), n), n, g);
    // Newton step with halving (f is strictly convex, so a full step is taken near the optimum).
    let len = 1;
    let next = theta;
    let fNext = f;
    for (; len > 1e-12; len /= 2) {
      next = theta.map((x, i) => x - len * step[i]!);
      fNext = objective(next);
      if (fNext <= f + 1e-15 * Math.abs(f)) break;
    }
    const delta = Math.max(0, ...step.map((s) => Math.abs(len * s)));
    for (let i = 0; i < n; i++) theta[i] = next[i]!;
    f = fNext;
    if (delta < tolerance) converged = true;
  }
  const H = n ? hessian(theta) : new Float64Array(0);
  const cov = n ? choleskyInverse(cholesky(H, n), n) : new Float64Array(0);
  // Var(θ_i − uᵀθ) with u = w_i / t_i, w_i the off-diagonal information of row i (w_ij = −H_ij),
  // t_i = Σ_j w_ij = H_ii − 1/τ². Since H e_i = H_ii e_i − w_i, Σ w_i = H_ii Σ e_i − e_i, so
  // (Σ w_i)_i = H_ii Σ_ii − 1 and w_iᵀ Σ w_i = H_ii (H_ii Σ_ii − 1): O(1) per agent from Σ_ii.
  const sd = theta.map((_, i) => {
    const h = H[i * n + i]!;
    const t = h - 1 / tau2;
    const sii = cov[i * n + i]!;
    if (!(t > 1e-12 * h)) return ELO_PER_NAT * Math.sqrt(sii);
    const g = h * sii - 1;
    const v = sii - (2 * g) / t + (h * g) / (t * t);
    return ELO_PER_NAT * Math.sqrt(Math.max(0, v));
  });
  return {
    theta,
    rating: theta.map((t) => ELO_BASE + ELO_PER_NAT * t),
    sd,
    sdMarginal: theta.map((_, i) => ELO_PER_NAT * Math.sqrt(cov[i * n + i]!)),
    cov,
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
export function predictScore(fit: BradleyTerryFit, i: number, j: number, z = 1.96): PredictedScore {
  const n = fit.theta.length;
  const d = fit.theta[i]! - fit.theta[j]!;
  const v = fit.cov[i * n + i]! + fit.cov[j * n + j]! - 2 * fit.cov[i * n + j]!;
  const half = z * Math.sqrt(Math.max(0, v));
  return { score: sigmoid(d), low: sigmoid(d - half), high: sigmoid(d + half) };
}
