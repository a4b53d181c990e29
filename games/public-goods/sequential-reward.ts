/**
 * The parameterised reward of the sequential public goods game, in the spirit of MAC-SPGG
 * (arXiv 2508.02076). The paper's exact formula was not recovered (REFERENCES.md); this one is our
 * own design, documented in docs/public-goods.md. For the player at position k (0-based) of the
 * round's order, with contribution c_k ∈ [0, e], total S = Σ c, and predecessors' sum P_k:
 *
 *   u_k = e − (1 + κ)·c_k + MPCR·S + β·c_k·m_k − δ·[S < B]
 *
 *   κ  effortCost        extra cost per unit contributed (beyond giving the unit up)
 *   β  predecessorBonus  bonus per unit contributed, scaled by m_k = P_k / (k·e), the predecessors'
 *                        mean contribution as a fraction of e; the first mover has no predecessors
 *                        and gets m_0 = 1 (it is rewarded as if following full contributors)
 *   B  threshold         group target for S
 *   δ  penalty           paid by EVERY player when S < B
 *
 * κ = β = δ = 0 is the plain linear game (u = e − c + MPCR·S), where free-riding is the SPE when
 * MPCR < 1. Presets that make full contribution the unique SPE are in sequential-config.ts and are
 * verified by exhaustive backward induction (agents/public-goods/analysis/backward-induction.ts).
 */

export interface SequentialRewardParams {
  endowment: number;
  mpcr: number;
  effortCost: number;
  predecessorBonus: number;
  threshold: number;
  penalty: number;
}

/** Float tolerance for S < B, so that sums of continuous amounts do not flicker at the threshold. */
const EPS = 1e-9;

/** Payoffs by POSITION for contributions listed in move order. */
export function sequentialPayoffs(
  p: SequentialRewardParams,
  byPosition: readonly number[],
  out: number[] = new Array(byPosition.length),
): number[] {
  let total = 0;
  for (const c of byPosition) total += c;
  const base = p.endowment + p.mpcr * total - (total < p.threshold - EPS ? p.penalty : 0);
  let before = 0;
  for (let k = 0; k < byPosition.length; k++) {
    const c = byPosition[k]!;
    const m = k === 0 ? 1 : before / (k * p.endowment);
    out[k] = base - (1 + p.effortCost) * c + p.predecessorBonus * c * m;
    before += c;
  }
  return out;
}
