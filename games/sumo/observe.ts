/**
 * Observations. Sumo has no hidden information, so every view carries the whole scene (what a
 * spectator UI draws: positions, angles, velocities, radius, contact). A seat's view adds `ego`:
 * the same facts in the seat's own frame (origin at its centre, x axis along its heading, y to its
 * left), which is identical in form for both seats and invariant under rotating the arena.
 * That egocentric part is what `encode` turns into numbers (gym-compete's extras: radius, own and
 * opponent distance to the edge, steps remaining).
 */
import type { Seat, SeatOrSpectator } from '../core/types.ts';
import type { SumoOutcome } from './state.ts';

export interface RobotView {
  x: number;
  y: number;
  /** Heading in radians (counter-clockwise from +x). */
  angle: number;
  vx: number;
  vy: number;
  omega: number;
  /** R − distance from the centre: negative once out. */
  edge: number;
}

export interface EgoView {
  /** Own velocity: [forward, left] (m/s). */
  velocity: [number, number];
  /** Own angular velocity (rad/s, counter-clockwise). */
  omega: number;
  /** Where the ring centre is, in the own frame (its direction is the own heading relative to the ring). */
  centre: [number, number];
  /** Opponent position in the own frame. */
  opponent: [number, number];
  /** Opponent velocity minus own velocity, in the own frame. */
  opponentVelocity: [number, number];
  /** Opponent heading minus own heading, wrapped to (−π, π]. */
  opponentHeading: number;
  opponentOmega: number;
  edge: number;
  opponentEdge: number;
  radius: number;
  stepsRemaining: number;
}

export interface SumoObservation {
  seat: SeatOrSpectator;
  step: number;
  maxSteps: number;
  stepsRemaining: number;
  radius: number;
  robotRadius: number;
  contact: boolean;
  touched: boolean;
  robots: [RobotView, RobotView];
  outcome: SumoOutcome | null;
  /** The seat's egocentric view (spectators: absent; `encode` then uses seat 0's). */
  ego?: EgoView;
}

export const OBS_SIZE = 18;

export function wrapAngle(a: number): number {
  let x = a % (2 * Math.PI);
  if (x <= -Math.PI) x += 2 * Math.PI;
  else if (x > Math.PI) x -= 2 * Math.PI;
  return x;
}

export function egoView(
  robots: readonly [RobotView, RobotView],
  seat: Seat,
  radius: number,
  stepsRemaining: number,
): EgoView {
  const me = robots[seat]!;
  const op = robots[1 - seat]!;
  const c = Math.cos(me.angle);
  const s = Math.sin(me.angle);
  // A world vector (dx, dy) in the own frame is its rotation by −angle: (c·dx + s·dy, −s·dx + c·dy).
  const ox = op.x - me.x;
  const oy = op.y - me.y;
  const rvx = op.vx - me.vx;
  const rvy = op.vy - me.vy;
  return {
    velocity: [c * me.vx + s * me.vy, -s * me.vx + c * me.vy],
    omega: me.omega,
    centre: [-c * me.x - s * me.y, s * me.x - c * me.y],
    opponent: [c * ox + s * oy, -s * ox + c * oy],
    opponentVelocity: [c * rvx + s * rvy, -s * rvx + c * rvy],
    opponentHeading: wrapAngle(op.angle - me.angle),
    opponentOmega: op.omega,
    edge: me.edge,
    opponentEdge: op.edge,
    radius,
    stepsRemaining,
  };
}

/**
 * The network input (length OBS_SIZE): lengths in metres, speeds in m/s, the opponent's relative
 * heading as (cos, sin), steps remaining as a fraction of the cap, and two contact flags.
 */
export function encodeObservation(obs: SumoObservation, out: Float32Array = new Float32Array(OBS_SIZE)): Float32Array {
  const e = obs.ego ?? egoView(obs.robots, 0, obs.radius, obs.stepsRemaining);
  out[0] = e.velocity[0];
  out[1] = e.velocity[1];
  out[2] = e.omega;
  out[3] = e.centre[0];
  out[4] = e.centre[1];
  out[5] = e.opponent[0];
  out[6] = e.opponent[1];
  out[7] = e.opponentVelocity[0];
  out[8] = e.opponentVelocity[1];
  out[9] = Math.cos(e.opponentHeading);
  out[10] = Math.sin(e.opponentHeading);
  out[11] = e.opponentOmega;
  out[12] = e.edge;
  out[13] = e.opponentEdge;
  out[14] = e.radius;
  out[15] = e.stepsRemaining / obs.maxSteps;
  out[16] = obs.contact ? 1 : 0;
  out[17] = obs.touched ? 1 : 0;
  return out;
}

/** The body readings `encodeFromBodies` needs; planck's Body satisfies it. */
export interface BodyLike {
  getPosition(): { x: number; y: number };
  getLinearVelocity(): { x: number; y: number };
  getAngle(): number;
  getAngularVelocity(): number;
}

/**
 * The same 18 numbers as encodeObservation(observe(state, seat)), read straight from the bodies
 * with no intermediate objects: the training fast path (test/sumo/observe.test.ts pins equality).
 */
export function encodeFromBodies(
  me: BodyLike,
  op: BodyLike,
  radius: number,
  stepsRemaining: number,
  maxSteps: number,
  contact: boolean,
  touched: boolean,
  out: Float32Array,
): Float32Array {
  const p = me.getPosition();
  const v = me.getLinearVelocity();
  const q = op.getPosition();
  const w = op.getLinearVelocity();
  const angle = me.getAngle();
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const ox = q.x - p.x;
  const oy = q.y - p.y;
  const rvx = w.x - v.x;
  const rvy = w.y - v.y;
  const heading = wrapAngle(op.getAngle() - angle);
  out[0] = c * v.x + s * v.y;
  out[1] = -s * v.x + c * v.y;
  out[2] = me.getAngularVelocity();
  out[3] = -c * p.x - s * p.y;
  out[4] = s * p.x - c * p.y;
  out[5] = c * ox + s * oy;
  out[6] = -s * ox + c * oy;
  out[7] = c * rvx + s * rvy;
  out[8] = -s * rvx + c * rvy;
  out[9] = Math.cos(heading);
  out[10] = Math.sin(heading);
  out[11] = op.getAngularVelocity();
  out[12] = radius - Math.sqrt(p.x * p.x + p.y * p.y);
  out[13] = radius - Math.sqrt(q.x * q.x + q.y * q.y);
  out[14] = radius;
  out[15] = stepsRemaining / maxSteps;
  out[16] = contact ? 1 : 0;
  out[17] = touched ? 1 : 0;
  return out;
}

export const OBS_LABELS: readonly string[] = [
  'own forward speed',
  'own left speed',
  'own angular velocity',
  'centre x (own frame)',
  'centre y (own frame)',
  'opponent x (own frame)',
  'opponent y (own frame)',
  'opponent relative vx',
  'opponent relative vy',
  'cos opponent heading',
  'sin opponent heading',
  'opponent angular velocity',
  'own distance to edge',
  'opponent distance to edge',
  'ring radius',
  'steps remaining / cap',
  'contact now',
  'touched this episode',
];
