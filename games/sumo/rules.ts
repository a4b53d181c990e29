/**
 * Outcome and reward rules after gym-compete `SumoEnv.goal_rewards` (GOAL_REWARD 1000 scaled to 1):
 * - a robot whose centre is farther than R from the ring centre is out (`_past_arena`), checked
 *   after every decision, as gym-compete checks after every `step`;
 * - the robot that is out gets −1; the other gets +1 only if the robots touched during the episode
 *   (configurable: outcome.ringOutWithoutContact), else 0;
 * - both out in the same decision: both −1 (gym-compete gives no winner);
 * - otherwise, when the cap is reached: both get outcome.timeoutReward (gym-compete: −1), a draw.
 *   A ring-out on the last decision counts as a ring-out, as in gym-compete (done before timeup).
 * Dense shaping terms (config.shaping) are added every decision, including the last.
 *
 * Rewards and the match result are two different things. The rewards above are gym-compete's,
 * for training. The result's `winner` (what ratings read) is the robot that stayed in the ring
 * whenever exactly one robot left it, contact or not: otherwise a robot that is losing could
 * drive out on purpose and turn its loss into a draw (issue 10, fault 4: a bot that only reverses
 * out of the ring drew 60 of 60 rated matches). When both leave in the same decision, the one
 * that stayed in longer (by physics step) wins, so that a robot about to be pushed out cannot
 * draw by taking its pusher out with it; only leaving at the same physics step is a draw.
 */
import type { GameEvent, Seat } from '../core/types.ts';
import type { SumoConfig } from './config.ts';
import type { SumoOutcome } from './state.ts';

/**
 * Decide the end of the episode from who is out, or null when play goes on. `outSince[seat]` is the
 * physics step of the decision since which that robot has been outside (physics.ts, advance).
 */
export function decideOutcome(
  config: SumoConfig,
  out0: boolean,
  out1: boolean,
  touched: boolean,
  step: number,
  outSince: readonly [number, number] = [-1, -1],
): SumoOutcome | null {
  if (out0 && out1) {
    // Both left during one decision: the robot that left first (at an earlier physics step) loses,
    // as in sumo, where the first to touch outside loses; the same physics step is a draw.
    const [s0, s1] = outSince;
    return { winner: s0 === s1 ? null : s0 < s1 ? 1 : 0, reason: 'double-ring-out', out: [0, 1] };
  }
  if (out0 || out1) {
    const loser: Seat = out0 ? 0 : 1;
    const other: Seat = 1 - loser;
    const rewarded = touched || config.outcome.ringOutWithoutContact === 'win';
    return { winner: other, reason: rewarded ? 'ring-out' : 'ring-out-no-contact', out: [loser] };
  }
  if (step >= config.maxSteps) return { winner: null, reason: 'step-cap', out: [] };
  return null;
}

/** Sparse terminal reward of a seat (added to shaping on the final decision). */
export function terminalReward(config: SumoConfig, outcome: SumoOutcome, seat: Seat): number {
  if (outcome.reason === 'step-cap') return config.outcome.timeoutReward;
  if (outcome.out.includes(seat)) return -1;
  // The robot that stayed: +1 for a ring-out that counts (contact, or the 'win' rule), else 0.
  return outcome.reason === 'ring-out' ? 1 : 0;
}

/** Dense per-decision shaping of one seat; 0 unless switched on in config.shaping. */
export function shapingReward(
  config: SumoConfig,
  distFromCentre: number,
  thrust: number,
  turn: number,
  contact: boolean,
): number {
  const s = config.shaping;
  let r = 0;
  if (s.centre !== 0) r -= s.centre * distFromCentre;
  if (s.control !== 0) r -= s.control * (thrust * thrust + turn * turn);
  if (s.contact !== 0 && contact) r += s.contact;
  return r;
}

export function outcomeEvents(outcome: SumoOutcome): GameEvent[] {
  const events: GameEvent[] = outcome.out.map((seat) => ({ type: 'ring-out', seat }));
  if (outcome.reason === 'step-cap') events.push({ type: 'step-cap' });
  events.push({ type: 'end', winner: outcome.winner, reason: outcome.reason });
  return events;
}
