/**
 * Sumo actions. An action is always the pair [thrust, turn]: thrust pushes along the heading
 * (negative = backwards), turn applies a torque (positive = counter-clockwise, i.e. to the left in
 * a y-up frame). The discrete variant is the 3 × 3 grid of {−1, 0, 1}²; it uses the same action
 * values, so replays and agents work in both modes.
 *
 * Both components must lie in [−1, 1] and be finite: anything else is a SCHEMA error, in both
 * action modes (docs/sumo.md and docs/protocol.md promise the box [−1, 1]², so a value outside it
 * is a malformed action, not a request to be guessed at). The engine still clamps what it is given
 * (`clampUnit`), for trusted loops that skip validation.
 */
import { z } from 'zod';
import { GameError } from '../core/errors.ts';

export type SumoAction = [thrust: number, turn: number];

/** One control in [−1, 1]; zod refuses NaN and ±Infinity for every number. */
const unit = z.number().min(-1).max(1);
export const sumoActionSchema = z.tuple([unit, unit]);

/** Discrete index i ↔ thrust = DISCRETE[i][0], turn = DISCRETE[i][1]. Index 4 is "do nothing". */
export const DISCRETE_ACTIONS: readonly (readonly [number, number])[] = [
  [-1, -1],
  [-1, 0],
  [-1, 1],
  [0, -1],
  [0, 0],
  [0, 1],
  [1, -1],
  [1, 0],
  [1, 1],
];

export const DISCRETE_LABELS: readonly string[] = [
  'back-right',
  'back',
  'back-left',
  'right',
  'stop',
  'left',
  'forward-right',
  'forward',
  'forward-left',
];

/** Clamp to [−1, 1]. NaN (reachable only when a trusted caller skips validation) acts as 0. */
export function clampUnit(x: number): number {
  if (x > 1) return 1;
  if (x < -1) return -1;
  return Number.isNaN(x) ? 0 : x;
}

/** Index of an action in the discrete table, or −1. */
export function discreteIndex(a: readonly number[]): number {
  const t = a[0]!;
  const r = a[1]!;
  if ((t !== -1 && t !== 0 && t !== 1) || (r !== -1 && r !== 0 && r !== 1)) return -1;
  return (t + 1) * 3 + (r + 1);
}

export function actionText(a: SumoAction): string {
  // String(x) round-trips every finite double exactly, so parseAction(actionText(a)) == a.
  return `thrust ${num(a[0])} turn ${num(a[1])}`;
}

function num(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?`;
const PAIR = new RegExp(String.raw`^\s*thrust\s+(${NUMBER})\s*[,;]?\s*turn\s+(${NUMBER})\s*$`, 'i');
const PAIR_REVERSED = new RegExp(String.raw`^\s*turn\s+(${NUMBER})\s*[,;]?\s*thrust\s+(${NUMBER})\s*$`, 'i');

/**
 * Text actions: `thrust 0.8 turn -0.2` (either order; a missing part is 0, e.g. `thrust 1`), or a
 * discrete label such as `forward-left`, `stop`.
 */
export function parseActionText(text: string): SumoAction {
  const s = text.trim().toLowerCase();
  const label = DISCRETE_LABELS.indexOf(s);
  if (label >= 0) {
    const [t, r] = DISCRETE_ACTIONS[label]!;
    return [t, r];
  }
  let m = PAIR.exec(s);
  if (m) return [Number(m[1]), Number(m[2])];
  m = PAIR_REVERSED.exec(s);
  if (m) return [Number(m[2]), Number(m[1])];
  m = new RegExp(String.raw`^\s*thrust\s+(${NUMBER})\s*$`, 'i').exec(s);
  if (m) return [Number(m[1]), 0];
  m = new RegExp(String.raw`^\s*turn\s+(${NUMBER})\s*$`, 'i').exec(s);
  if (m) return [0, Number(m[1])];
  throw new GameError(
    'PARSE',
    `cannot read sumo action ${JSON.stringify(text)}; write e.g. "thrust 0.8 turn -0.2" or one of ${DISCRETE_LABELS.join(', ')}`,
  );
}
