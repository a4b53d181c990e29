/** Episode start: ring radius and start positions, after gym-compete's `sumo.py` reset. */
import type { Rng } from '../core/rng.ts';
import { curriculumMaxRadius, type SumoConfig } from './config.ts';
import type { BodyState } from './physics.ts';

/** gym-compete `_reset_radius`: R ~ U[MIN_RADIUS, current max radius]. */
export function drawRadius(config: SumoConfig, rng: Rng): number {
  return rng.uniform(
    config.radiusMin,
    curriculumMaxRadius(config.radiusMin, config.radiusMax, config.curriculumVersion),
  );
}

/**
 * gym-compete `_reset_agents`: min_gap = 0.3 + MIN_RADIUS / 2; agent 0 at x ~ U[−R + gap, −0.3],
 * agent 1 at x ~ U[0.3, R − gap], each y ~ U[−y_lim + gap, y_lim − gap] with y_lim = √(R² − x²).
 * (numpy's uniform accepts low > high and so does Rng.uniform: the draw lies between the two.)
 * Both robots start at rest, each facing the other (gym-compete's bodies face each other too).
 */
export function startPositions(config: SumoConfig, radius: number, rng: Rng): [BodyState, BodyState] {
  const gap = 0.3 + config.radiusMin / 2;
  const x0 = rng.uniform(-radius + gap, -0.3);
  const lim0 = Math.sqrt(radius * radius - x0 * x0);
  const y0 = rng.uniform(-lim0 + gap, lim0 - gap);
  const x1 = rng.uniform(0.3, radius - gap);
  const lim1 = Math.sqrt(radius * radius - x1 * x1);
  const y1 = rng.uniform(-lim1 + gap, lim1 - gap);
  const a0 = Math.atan2(y1 - y0, x1 - x0);
  const a1 = Math.atan2(y0 - y1, x0 - x1);
  return [
    { x: x0, y: y0, angle: a0, vx: 0, vy: 0, omega: 0 },
    { x: x1, y: y1, angle: a1, vx: 0, vy: 0, omega: 0 },
  ];
}
