/**
 * RoboSumo-lite: two robots, one ring, simultaneous moves. A 2-D, planck-based take on
 * gym-compete's RoboSumo (openai/multiagent-competition) that steps fast enough for RL in JS.
 */
import { GameError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';
import { checkIndex } from '../core/spaces.ts';
import type { ActionSpace, Game, MatchResult, Seat, SeatOrSpectator, StepResult } from '../core/types.ts';
import {
  actionText,
  clampUnit,
  DISCRETE_ACTIONS,
  DISCRETE_LABELS,
  discreteIndex,
  parseActionText,
  sumoActionSchema,
  type SumoAction,
} from './actions.ts';
import { sumoConfigSchema, type SumoConfig } from './config.ts';
import {
  egoView,
  encodeFromBodies,
  encodeObservation,
  OBS_SIZE,
  type RobotView,
  type SumoObservation,
} from './observe.ts';
import { advance, createScene } from './physics.ts';
import { renderObservation } from './render.ts';
import { decideOutcome, outcomeEvents, shapingReward, terminalReward } from './rules.ts';
import { drawRadius, startPositions } from './setup.ts';
import { cloneState, serializeState, type SumoState } from './state.ts';

const BOTH: Seat[] = [0, 1];
const NOBODY: Seat[] = [];
const DISCRETE_LEGAL: SumoAction[] = DISCRETE_ACTIONS.map(([t, r]) => [t, r]);
const FULL_MASK = new Uint8Array(9).fill(1);

export function initSumo(config: SumoConfig, seed: number): SumoState {
  // The PRNG draws only the ring radius and the start positions.
  const rng = Rng.seeded(seed);
  const radius = drawRadius(config, rng);
  const robots = startPositions(config, radius, rng);
  return {
    config,
    scene: createScene(config.physics, robots),
    radius,
    step: 0,
    touched: false,
    contact: false,
    returns: [0, 0],
    outcome: null,
    rng,
  };
}

/**
 * One decision: clamp both actions, run frameSkip physics steps, then apply the rules. Mutates and
 * returns `state` (the engine ownership rule in games/core/types.ts).
 */
export function stepSumo(state: SumoState, actions: readonly (SumoAction | undefined)[]): StepResult<SumoState> {
  if (state.outcome) throw new GameError('GAME_OVER', 'the match is over');
  const config = state.config;
  const a0 = actions[0];
  const a1 = actions[1];
  const t0 = a0 ? clampUnit(a0[0]) : 0;
  const r0 = a0 ? clampUnit(a0[1]) : 0;
  const t1 = a1 ? clampUnit(a1[0]) : 0;
  const r1 = a1 ? clampUnit(a1[1]) : 0;

  const wasContact = state.contact;
  const contact = advance(state.scene, config.physics, t0, r0, t1, r1, state.radius);
  state.contact = contact;
  if (contact) state.touched = true;
  state.step++;

  const p0 = state.scene.bodies[0].getPosition();
  const p1 = state.scene.bodies[1].getPosition();
  const d0 = Math.sqrt(p0.x * p0.x + p0.y * p0.y);
  const d1 = Math.sqrt(p1.x * p1.x + p1.y * p1.y);
  const outcome = decideOutcome(
    config,
    d0 > state.radius,
    d1 > state.radius,
    state.touched,
    state.step,
    state.scene.outSince,
  );

  let w0 = shapingReward(config, d0, t0, r0, contact);
  let w1 = shapingReward(config, d1, t1, r1, contact);
  let events = contact && !wasContact ? [{ type: 'contact' }] : [];
  if (outcome) {
    state.outcome = outcome;
    w0 += terminalReward(config, outcome, 0);
    w1 += terminalReward(config, outcome, 1);
    events = events.concat(outcomeEvents(outcome));
  }
  state.returns[0] += w0;
  state.returns[1] += w1;
  return { state, events, rewards: [w0, w1] };
}

function robotView(body: SumoState['scene']['bodies'][0], radius: number): RobotView {
  const p = body.getPosition();
  const v = body.getLinearVelocity();
  const x = p.x;
  const y = p.y;
  return {
    x,
    y,
    angle: body.getAngle(),
    vx: v.x,
    vy: v.y,
    omega: body.getAngularVelocity(),
    edge: radius - Math.sqrt(x * x + y * y),
  };
}

export function observeSumo(state: SumoState, who: SeatOrSpectator): SumoObservation {
  const bodies = state.scene.bodies;
  const robots: [RobotView, RobotView] = [robotView(bodies[0], state.radius), robotView(bodies[1], state.radius)];
  const stepsRemaining = state.config.maxSteps - state.step;
  const obs: SumoObservation = {
    seat: who,
    step: state.step,
    maxSteps: state.config.maxSteps,
    stepsRemaining,
    radius: state.radius,
    robotRadius: state.config.physics.robotRadius,
    contact: state.contact,
    touched: state.touched,
    robots,
    outcome: state.outcome ? { ...state.outcome, out: [...state.outcome.out] } : null,
  };
  if (who !== 'spectator') obs.ego = egoView(robots, who, state.radius, stepsRemaining);
  return obs;
}

/**
 * encode(observe(state, seat)) without building the observation: for training loops. Spectators
 * get seat 0's encoding, as with encode.
 */
export function encodeSumo(
  state: SumoState,
  who: SeatOrSpectator,
  out: Float32Array = new Float32Array(OBS_SIZE),
): Float32Array {
  const seat = who === 1 ? 1 : 0;
  const b = state.scene.bodies;
  const c = state.config;
  return encodeFromBodies(
    b[seat],
    b[1 - seat]!,
    state.radius,
    c.maxSteps - state.step,
    c.maxSteps,
    state.contact,
    state.touched,
    out,
  );
}

function assertSeat(seat: Seat): void {
  if (seat !== 0 && seat !== 1) throw new GameError('NOT_YOUR_SEAT', `sumo has seats 0 and 1, not ${seat}`);
}

export const sumo: Game<SumoConfig, SumoState, SumoAction, SumoObservation> = {
  id: 'sumo',
  family: 'sumo',
  title: 'RoboSumo-lite',
  description:
    'Two-dimensional robot sumo after gym-compete (planck physics): push the other robot out of the ring; the robot that stays in wins (its +1 reward needs contact, as in gym-compete); the step cap is a draw.',
  configSchema: sumoConfigSchema,
  actionSchema: sumoActionSchema,

  numSeats: () => 2,
  actionSpace(config): ActionSpace {
    return config.actionMode === 'discrete'
      ? { kind: 'discrete', n: 9, labels: DISCRETE_LABELS }
      : { kind: 'box', shape: [2], low: [-1, -1], high: [1, 1] };
  },
  obsSize: () => OBS_SIZE,

  init: initSumo,
  toAct: (state) => (state.outcome ? NOBODY : BOTH),
  isTerminal: (state) => state.outcome !== null,
  result(state): MatchResult {
    const returns = [state.returns[0], state.returns[1]];
    if (!state.outcome) return { returns, winner: null, reason: 'in-progress' };
    return { returns, winner: state.outcome.winner, reason: state.outcome.reason };
  },

  legal: (state) => (state.config.actionMode === 'discrete' ? DISCRETE_LEGAL : undefined),
  check(state, seat, action) {
    assertSeat(seat);
    if (state.config.actionMode === 'discrete' && discreteIndex(action) < 0) {
      throw new GameError(
        'ILLEGAL_ACTION',
        `discrete sumo takes thrust and turn in {-1, 0, 1}, got ${actionText(action)}`,
      );
    }
  },
  step: stepSumo,
  defaultAction: () => [0, 0],

  observe: observeSumo,
  encode: encodeObservation,
  /** Every one of the 9 discrete actions is always legal (also reported in continuous mode). */
  mask: () => FULL_MASK.slice(),
  actionToIndex(_state, _seat, action) {
    const i = discreteIndex(action);
    if (i < 0) throw new GameError('ILLEGAL_ACTION', `${actionText(action)} is not one of the 9 discrete sumo actions`);
    return i;
  },
  indexToAction(_state, _seat, index) {
    checkIndex(9, index);
    const [t, r] = DISCRETE_ACTIONS[index]!;
    return [t, r];
  },

  render: renderObservation,
  parseAction: (text) => parseActionText(text),
  actionText,

  serialize: serializeState,
  clone: cloneState,

  conformance: {
    configs: [
      {},
      { actionMode: 'discrete' },
      { maxSteps: 40, radiusMin: 1.2, radiusMax: 1.4, outcome: { ringOutWithoutContact: 'win', timeoutReward: 0 } },
    ],
    // Schema-valid (inside [−1, 1]²) but off the discrete grid; out-of-box values are SCHEMA errors.
    illegalActions: (state) =>
      state.config.actionMode === 'discrete'
        ? [
            [0.5, 0],
            [1, -0.5],
            [-0.25, 1],
          ]
        : [],
    randomSteps: 3000,
  },
};
