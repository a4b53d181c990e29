/**
 * Steering helpers shared by the scripted sumo agents. Everything works in the robot's own frame
 * (the `ego` part of a sumo observation): x ahead, y to the left.
 */
import type { SumoAction } from '../../games/sumo/actions.ts';
import type { SumoConfig } from '../../games/sumo/config.ts';

/** Clamp to [−1, 1]; NaN becomes 0, so a control is always a finite number in the box. */
export function clamp1(x: number): number {
  return x < -1 ? -1 : x > 1 ? 1 : Number.isNaN(x) ? 0 : x;
}

/**
 * A PD controller on the bearing of a target point (px, py) in the own frame: turn toward it
 * (damped by the own angular velocity), thrust in proportion to how well we face it.
 * `reverseWithin` (m): when the target is behind and nearer than this, back up instead of turning
 * round (Infinity: always, e.g. to brake when sliding toward the edge).
 */
export function steerTo(px: number, py: number, omega: number, speed = 1, reverseWithin = 0): [number, number] {
  const bearing = Math.atan2(py, px);
  if (Math.abs(bearing) > 2.2 && px * px + py * py < reverseWithin * reverseWithin) {
    // Target behind: reverse toward it, steering the tail (bearing measured from the back).
    const back = bearing > 0 ? bearing - Math.PI : bearing + Math.PI;
    return [-speed, clamp1(2.5 * back - 0.25 * omega)];
  }
  const turn = clamp1(2.5 * bearing - 0.25 * omega);
  const facing = Math.cos(bearing);
  const thrust = facing > 0.3 ? speed * facing : facing > -0.2 ? 0.15 * speed : 0;
  return [thrust, turn];
}

/**
 * The action for the game's action mode: continuous clamped to [−1, 1], discrete rounded to
 * {−1, 0, 1}. Every scripted sumo agent answers through here, so whatever arithmetic produced the
 * numbers (NaN from 0/0 or ∞ − ∞ included), the action is always schema-valid and legal.
 */
export function toAction(config: SumoConfig, thrust: number, turn: number): SumoAction {
  if (config.actionMode === 'continuous') return [clamp1(thrust), clamp1(turn)];
  const snap = (x: number) => (x > 1 / 3 ? 1 : x < -1 / 3 ? -1 : 0);
  return [snap(thrust), snap(turn)];
}
