/**
 * Fresh weights for an architecture, drawn from a seeded Rng so that a run repeats exactly.
 * Initialisation follows common PPO practice (openai/baselines a2c/utils.py `ortho_init`, and
 * "What Matters in On-Policy RL", Andrychowicz et al. 2021, §3): hidden layers with gain √2,
 * policy output scaled by 0.01 (near-uniform initial policy), value output gain 1. We use a scaled
 * Gaussian (std = gain / √fan_in) instead of an orthogonal matrix: same variance, no QR needed.
 */
import { Rng } from '../../games/core/rng.ts';
import { paramLayout, type DenseLayer, type PolicyArchitecture } from './architecture.ts';

function fillDense(p: Float32Array, layer: DenseLayer, gain: number, rng: Rng): void {
  const std = gain / Math.sqrt(layer.in);
  for (let k = 0; k < layer.w.length; k++) p[layer.w.offset + k] = std * rng.normal();
  p.fill(0, layer.b.offset, layer.b.offset + layer.b.length);
}

export function initParams(
  arch: PolicyArchitecture,
  seed: number | string,
  opts: { initLogStd?: number } = {},
): Float32Array {
  const rng = Rng.derive(seed, 'policy-init');
  const layout = paramLayout(arch);
  const p = new Float32Array(layout.total);
  p.fill(0, layout.obsMean.offset, layout.obsMean.offset + layout.obsMean.length);
  p.fill(1, layout.obsStd.offset, layout.obsStd.offset + layout.obsStd.length);
  const ah = layout.actionHead;
  // The action-feature network's trunk is all hidden layers; its output layers are the score heads.
  layout.actor.forEach((l, i) => fillDense(p, l, !ah && i === layout.actor.length - 1 ? 0.01 : Math.SQRT2, rng));
  if (ah) {
    for (const l of [ah.fromAction, ah.fromState]) fillDense(p, l, 1, rng);
    for (const l of [ah.out, ah.preview, ah.previewFromState]) fillDense(p, l, 0.01, rng);
  }
  if (layout.logStd) p.fill(opts.initLogStd ?? -0.5, layout.logStd.offset, layout.logStd.offset + layout.logStd.length);
  layout.critic.forEach((l, i) => fillDense(p, l, i === layout.critic.length - 1 ? 1 : Math.SQRT2, rng));
  return p;
}
