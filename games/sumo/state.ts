/**
 * The sumo engine state: the live planck scene (not serialisable) plus the plain facts that
 * `serialize` stores. Everything in `serialize` is enough to rebuild the scene exactly
 * (see physics.ts), which is how `clone` works.
 */
import { Rng } from '../core/rng.ts';
import type { Json, Seat } from '../core/types.ts';
import type { SumoConfig } from './config.ts';
import { createScene, readBody, type BodyState, type Scene } from './physics.ts';

/** Every way a sumo episode ends (docs/sumo.md, "How a match ends"). */
export type SumoEndReason = 'ring-out' | 'ring-out-no-contact' | 'double-ring-out' | 'step-cap';

export interface SumoOutcome {
  /**
   * The seat that stayed in the ring when exactly one robot left it, or stayed in longer when both
   * left in one decision; null at the step cap and when both left at the same physics step.
   */
  winner: Seat | null;
  /**
   * 'ring-out' (the stayer gets +1: the robots touched, or rule 'win'), 'ring-out-no-contact' (the
   * stayer still wins the match but its reward is 0), 'double-ring-out' (both out in one decision,
   * both −1), 'step-cap'.
   */
  reason: SumoEndReason;
  /** Seats that ended outside the ring. */
  out: Seat[];
}

export interface SumoState {
  config: SumoConfig;
  scene: Scene;
  radius: number;
  /** Decisions taken so far. */
  step: number;
  /** The robots have touched at some point in the episode (gym-compete `agent_contacts`). */
  touched: boolean;
  /** They touched during the last decision (drawn by renderers, used by the contact shaping term). */
  contact: boolean;
  /** Sum of rewards so far, per seat. */
  returns: [number, number];
  outcome: SumoOutcome | null;
  rng: Rng;
}

export function bodyStates(state: SumoState): [BodyState, BodyState] {
  const blank = (): BodyState => ({ x: 0, y: 0, angle: 0, vx: 0, vy: 0, omega: 0 });
  return [readBody(state.scene.bodies[0], blank()), readBody(state.scene.bodies[1], blank())];
}

export function serializeState(state: SumoState): Json {
  const [r0, r1] = bodyStates(state);
  return {
    config: state.config as unknown as Json,
    radius: state.radius,
    step: state.step,
    touched: state.touched,
    contact: state.contact,
    returns: [state.returns[0], state.returns[1]],
    outcome: state.outcome ? hashedOutcome(state.outcome) : null,
    rng: state.rng.state(),
    robots: [{ ...r0 }, { ...r1 }],
  };
}

/**
 * The outcome as the hashed form has always written it. Two things changed after replays were
 * stored: the step cap's reason was 'timeout' (renamed 'step-cap', which no longer clashes with the
 * arena's timeout outcome), and a ring-out without contact, or of both robots, named no winner (now
 * the robot that stayed in, or stayed in longer). The old form loses nothing that a re-simulation
 * needs: the new reason is a function of the old one, and the winner is decided by the same bodies
 * and actions that the hash and the replay already pin. Writing it keeps every stored replay
 * re-simulating to its recorded hash (test/sumo/outcome.test.ts pins hashes recorded before).
 */
function hashedOutcome(o: SumoOutcome): Json {
  return {
    winner: o.reason === 'ring-out-no-contact' || o.reason === 'double-ring-out' ? null : o.winner,
    reason: o.reason === 'step-cap' ? 'timeout' : o.reason,
    out: [...o.out],
  };
}

export function cloneState(state: SumoState): SumoState {
  return {
    config: state.config,
    scene: createScene(state.config.physics, bodyStates(state)),
    radius: state.radius,
    step: state.step,
    touched: state.touched,
    contact: state.contact,
    returns: [state.returns[0], state.returns[1]],
    outcome: state.outcome ? { ...state.outcome, out: [...state.outcome.out] } : null,
    rng: state.rng.clone(),
  };
}
