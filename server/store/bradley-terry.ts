/**
 * Maximum-likelihood Elo (Bradley–Terry) with standard errors, for the leaderboard's "mle ±".
 *
 * Fit: Hunter's MM algorithm, as in OpenSpiel's open_spiel/evaluation/elo.cc (Hunter 2004,
 * "MM algorithms for generalized Bradley–Terry models", Ann. Statist. 32(1), eq. 3):
 *   γ_i ← W_i / Σ_{j≠i} N_ij / (γ_i + γ_j),  then normalise Σγ = 1,
 * with W_ij = wins + draws/2 + smoothing, N_ij = W_ij + W_ji, at most 2000 iterations, stopping
 * when max |Δγ| < 1e-10, and rating_i = 400·log10 γ_i shifted so the minimum is 0.
 * Smoothing is 0.01 per cell (../shared/REFERENCES.md; elo.h's default constant is 0.1).
 *
 * Standard errors (not in elo.cc): the observed Fisher information of the BT log-likelihood in
 * θ = ln γ is the weighted Laplacian I_ii = Σ_j N_ij p_ij p_ji, I_ij = −N_ij p_ij p_ji. It is
 * singular along θ + c·1 (only differences are identified), so the covariance is its
 * Moore–Penrose inverse L⁺ = (L + J/n)⁻¹ − J/n (J = all-ones), i.e. errors relative to the mean
 * rating. In Elo units se_i = (400 / ln 10)·√L⁺_ii.
 *
 * No installed npm package does this (elo-rank is the incremental update only), hence this file.
 */
export interface PairCounts {
  /** Index of the two players in the result arrays. */
  a: number;
  b: number;
  /** Score of a against b summed over games (win 1, draw 0.5, loss 0). */
  scoreA: number;
  games: number;
}

export interface MleElo {
  ratings: number[];
  /** One standard error of each rating, in Elo points. */
  se: number[];
  iterations: number;
}

export const MLE_DEFAULTS = { smoothing: 0.01, maxIterations: 2000, tolerance: 1e-10, scale: 400 } as const;

export function mleElo(n: number, pairs: readonly PairCounts[], opts: Partial<typeof MLE_DEFAULTS> = {}): MleElo {
  const { smoothing, maxIterations, tolerance, scale } = { ...MLE_DEFAULTS, ...opts };
  if (n === 0) return { ratings: [], se: [], iterations: 0 };
  const W = Array.from({ length: n }, () => new Array<number>(n).fill(smoothing));
  for (const p of pairs) {
    if (p.a === p.b) continue;
    W[p.a]![p.b]! += p.scoreA;
    W[p.b]![p.a]! += p.games - p.scoreA;
  }
  const wins = new Array<number>(n).fill(0);
  const N = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      wins[i]! += W[i]![j]!;
      wins[j]! += W[j]![i]!;
      N[i]![j] = N[j]![i] = W[i]![j]! + W[j]![i]!;
    }
  }
  let gamma = new Array<number>(n).fill(1 / n);
  let iterations = 0;
  if (n > 1) {
    for (; iterations < maxIterations; ) {
      iterations++;
      const next = gamma.map((g, i) => {
        let ratios = 0;
        for (let j = 0; j < n; j++) if (j !== i) ratios += N[i]![j]! / (g + gamma[j]!);
        return wins[i]! / ratios;
      });
      const total = next.reduce((s, x) => s + x, 0);
      for (let i = 0; i < n; i++) next[i] = Math.max(next[i]! / total, Number.MIN_VALUE);
      const delta = Math.max(...next.map((x, i) => Math.abs(x - gamma[i]!)));
      gamma = next;
      if (delta < tolerance) break;
    }
  }
  const raw = gamma.map((g) => scale * Math.log10(g));
  const min = Math.min(...raw);
  const ratings = raw.map((r) => r - min);

  // Fisher information (weighted Laplacian in θ = ln γ) and its pseudo-inverse.
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const p = gamma[i]! / (gamma[i]! + gamma[j]!);
      const w = N[i]![j]! * p * (1 - p);
      L[i]![j]! -= w;
      L[i]![i]! += w;
    }
  }
  const shifted = L.map((row) => row.map((x) => x + 1 / n));
  const inv = invert(shifted);
  const unit = scale / Math.LN10;
  const se = inv.map((row, i) => unit * Math.sqrt(Math.max(0, row[i]! - 1 / n)));
  return { ratings, se, iterations };
}

/** Gauss–Jordan inverse with partial pivoting (n is the number of agents of one game: small). */
export function invert(m: readonly (readonly number[])[]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (Math.abs(a[p]![c]!) < 1e-300) throw new RangeError('invert: singular matrix');
    [a[c], a[p]] = [a[p]!, a[c]!];
    const pivot = a[c]![c]!;
    for (let k = 0; k < 2 * n; k++) a[c]![k]! /= pivot;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      if (f === 0) continue;
      for (let k = 0; k < 2 * n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row) => row.slice(n));
}
