/**
 * Edge-aware agent: keeps off the edge, gets between the opponent and the ring centre before
 * pushing (so every push points outward), sidesteps a charge so that the opponent's own momentum
 * carries it toward the edge, then pushes it from behind or the side.
 *
 * All geometry is in the own frame of the observation's `ego` view; "centre coordinates" below are
 * positions relative to the ring centre, expressed in the own frame's axes.
 */
import type { AgentSpec } from '../core/agent.ts';
import type { SumoObservation } from '../../games/sumo/observe.ts';
import { steerTo, toAction } from './steer.ts';

export interface EdgeParams {
  /** Seconds of current velocity to extrapolate when checking the edge. */
  lookahead: number;
  /** Keep this much room (m) beyond one body radius from the edge. */
  margin: number;
  /** Closing speed (m/s) above which an approaching, facing opponent is dodged. */
  dodgeSpeed: number;
  /** When sliding toward the edge with the centre behind, reverse (brake) if the centre is nearer than this (m). */
  brakeWithin: number;
}

export const EDGE_DEFAULTS: EdgeParams = { lookahead: 0.45, margin: 0.15, dodgeSpeed: 1.0, brakeWithin: 1 };

type V = [number, number];
const dot = (a: V, b: V) => a[0] * b[0] + a[1] * b[1];
const len = (a: V) => Math.sqrt(a[0] * a[0] + a[1] * a[1]);

/** One decision of the edge-aware policy, as continuous [thrust, turn]. */
export function edgeDecision(obs: SumoObservation, p: EdgeParams = EDGE_DEFAULTS): [number, number] {
  const e = obs.ego!;
  const rr = obs.robotRadius;
  const R = e.radius;
  const c = e.centre; // ring centre in own frame
  const o = e.opponent; // opponent in own frame
  const me: V = [-c[0], -c[1]]; // own position in centre coordinates
  const opp: V = [o[0] - c[0], o[1] - c[1]]; // opponent in centre coordinates

  // 1. Edge safety: where will momentum take us? If past the safe radius, head (or back) to the centre.
  const ahead: V = [me[0] + e.velocity[0] * p.lookahead, me[1] + e.velocity[1] * p.lookahead];
  const safe = R - rr - p.margin;
  if (len(ahead) > safe && dot(e.velocity, me) > 0) return steerTo(c[0], c[1], e.omega, 1, p.brakeWithin);

  const dist = len(o) || 1e-9; // the robots never share a centre, but a hand-made observation may
  const toMe: V = [-o[0] / dist, -o[1] / dist]; // unit vector from opponent to us
  // 2. Dodge: the opponent faces us and closes fast; step aside, toward the centre's side.
  const closing = -dot(e.opponentVelocity, o) / dist;
  const oppFacing: V = [Math.cos(e.opponentHeading), Math.sin(e.opponentHeading)];
  const centreDist = len(me);
  if (closing > p.dodgeSpeed && dist < 1.3 && dot(oppFacing, toMe) > 0.85 && len(opp) < centreDist + 0.3) {
    let side: V = [-toMe[1], toMe[0]];
    if (dot(side, c) < 0) side = [-side[0], -side[1]];
    // Turning takes longer than the charge: when the escape side is roughly ahead or behind, just
    // drive forward or back along the current heading.
    if (Math.abs(side[0]) > 0.5) return [side[0] > 0 ? 1 : -1, 0];
    return steerTo(side[0], side[1], e.omega, 1, 1);
  }

  // 3. Attack from the inside: u points from the ring centre through the opponent.
  const oppR = len(opp) || 1e-9;
  const u: V = [opp[0] / oppR, opp[1] / oppR];
  const rel: V = [me[0] - opp[0], me[1] - opp[1]]; // us relative to the opponent
  const along = dot(rel, u); // negative = we are on the centre side of it
  const lateral = Math.abs(rel[0] * u[1] - rel[1] * u[0]);
  // (Pushing straight whenever we are merely nearer the centre, or luring a chaser to the edge and
  // sidestepping, both scored worse against the rusher in trials: fewer draws, more losses.)
  if (along < -rr && lateral < 1.6 * rr) {
    // Push through it, aiming a little beyond, outward.
    return steerTo(o[0] + 0.5 * u[0], o[1] + 0.5 * u[1], e.omega, 1);
  }
  // Go round to the approach point behind it (centre side), passing wide of its body.
  const approach = 2 * rr + 0.2;
  const target: V = [o[0] - u[0] * approach, o[1] - u[1] * approach];
  let side: V = [-u[1], u[0]];
  if (dot(rel, side) < 0) side = [-side[0], -side[1]];
  const blocked = along > -rr && segmentPointDistance(target, o) < 2 * rr + 0.1;
  const goal: V = blocked
    ? [o[0] + side[0] * (2 * rr + 0.3) - u[0] * rr, o[1] + side[1] * (2 * rr + 0.3) - u[1] * rr]
    : target;
  return steerTo(goal[0], goal[1], e.omega, 1);
}

/** Distance from point q to the segment from the origin to t. */
function segmentPointDistance(t: V, q: V): number {
  const tt = dot(t, t) || 1e-12;
  const s = Math.max(0, Math.min(1, dot(q, t) / tt));
  return Math.hypot(q[0] - s * t[0], q[1] - s * t[1]);
}

export const edgeAgent: AgentSpec = {
  id: 'edge',
  games: ['sumo'],
  title: 'Edge-aware',
  description:
    'Keeps off the edge, circles to the centre side of the opponent before pushing outward, and sidesteps charges.',
  meta: { ...EDGE_DEFAULTS },
  create({ config }) {
    return {
      act(obs: SumoObservation) {
        const [t, r] = edgeDecision(obs);
        return toAction(config, t, r);
      },
    };
  },
};
