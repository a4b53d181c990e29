/**
 * Payoffs of the linear public goods game and of its punishment stage.
 *
 * Contribution stage (REFERENCES.md, "Public goods (linear)"):
 *   π_i = e − c_i + MPCR · Σ_j c_j,  MPCR = r / N.
 *
 * Punishment stage (Fehr & Gächter 2002, Nature 415:137, "pay 1 to remove k"): seat i assigns
 * p_ij points to seat j. A point costs the punisher `cost` and removes `impact` (k) from the target.
 * Floor (our choice, documented in docs/public-goods.md): spending is limited to the punisher's
 * stage-1 earnings, so it can always be paid in full; punishment received then removes at most
 * what is left. Hence every round payoff is ≥ 0:
 *   π'_i = π_i − cost·s_i − min(impact·R_i, π_i − cost·s_i),  s_i = Σ_j p_ij,  R_i = Σ_j p_ji.
 */

/** Stage-1 payoffs into `out` (allocation-free for hot loops). */
export function linearPayoffs(
  endowment: number,
  mpcr: number,
  contributions: readonly number[],
  out?: number[],
): number[] {
  let sum = 0;
  for (let i = 0; i < contributions.length; i++) sum += contributions[i]!;
  const share = mpcr * sum;
  if (out) {
    for (let i = 0; i < contributions.length; i++) out[i] = endowment - contributions[i]! + share;
    return out;
  }
  const fresh: number[] = [];
  for (let i = 0; i < contributions.length; i++) fresh.push(endowment - contributions[i]! + share);
  return fresh;
}

export interface PunishmentOutcome {
  /** Points each seat received (column sums). */
  received: number[];
  /** Points each seat assigned (row sums). */
  spent: number[];
  /** Round payoffs after punishment (≥ 0). */
  payoffs: number[];
}

/** Apply a punishment matrix (rows = punisher) to stage-1 payoffs. */
export function applyPunishment(
  stage1: readonly number[],
  points: readonly (readonly number[])[],
  cost: number,
  impact: number,
): PunishmentOutcome {
  const n = stage1.length;
  const received = new Array<number>(n).fill(0);
  const spent = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const row = points[i]!;
    for (let j = 0; j < n; j++) {
      const p = row[j] ?? 0;
      spent[i] += p;
      received[j] += p;
    }
  }
  const payoffs = stage1.map((pi, i) => {
    const left = pi - cost * spent[i]!;
    return left - Math.min(impact * received[i]!, left);
  });
  return { received, spent, payoffs };
}
