/** The VGC-lite engine as a kernel `Game`: wiring only; the rules live in the modules it imports. */
import { GameError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';
import type { Game, Seat, SeatOrSpectator, StepResult } from '../core/types.ts';
import {
  ACTION_SPACE_N,
  actionFromIndex,
  actionSchema,
  checkedIndex,
  legalActions,
  legalMask,
  needsSwitch,
  type PreviewAction,
  type TurnAction,
  type VgcAction,
} from './actions.ts';
import { resolveForcedSwitches, resolvePreview, resolveTurn } from './battle.ts';
import { configSchema, type VgcConfig } from './config.ts';
import { encode, OBS_SIZE } from './encode.ts';
import { SAMPLE_POOL_INDICES, poolSelection } from './pool.ts';
import { cloneState, makeSide, serializeState, type VgcState } from './state.ts';
import { randomTeam, toIndices, type TeamIndices } from './teams.ts';
import { actionText, parseAction, render } from './text.ts';
import { observe, type VgcObs } from './view.ts';
import { illegalActions, perturbHidden } from './conformance.ts';

function teamsFor(config: VgcConfig, rng: Rng): TeamIndices[] {
  if (config.teamSource === 'explicit') {
    const list = config.teams!;
    return [0, 1].map((s) => toIndices(list[s % list.length], `team ${s + 1}`));
  }
  if (config.teamSource === 'random') return [randomTeam(rng), randomTeam(rng)];
  const allowed = poolSelection(config.pool);
  return [0, 1].map(() => SAMPLE_POOL_INDICES[rng.pick(allowed)]!);
}

function toAct(state: VgcState): Seat[] {
  switch (state.phase) {
    case 'preview':
    case 'move':
      return [0, 1];
    case 'switch':
      return [0, 1].filter((s) => needsSwitch(state.sides[s]!));
    default:
      return [];
  }
}

export const vgc: Game<VgcConfig, VgcState, VgcAction, VgcObs> = {
  id: 'vgc',
  family: 'vgc',
  title: 'VGC-lite',
  description:
    'A Pokémon-like doubles battle with original creatures: team preview (bring 4 of 6), two active creatures a side, ' +
    'simultaneous choices, hidden information, type matchups, priority, speed control and Protect.',
  configSchema: configSchema as never,
  actionSchema: actionSchema as never,
  numSeats: () => 2,
  actionSpace: () => ({ kind: 'discrete', n: ACTION_SPACE_N }),
  obsSize: () => OBS_SIZE,

  init(config, seed) {
    const rng = Rng.seeded(seed);
    const teams = teamsFor(config, rng);
    return {
      config,
      rng,
      phase: 'preview',
      turn: 0,
      sides: teams.map(makeSide),
      room: 0,
      winner: undefined,
      reason: '',
      events: [],
    };
  },
  toAct,
  isTerminal: (s) => s.phase === 'over',
  result(s) {
    if (s.phase !== 'over') return { returns: [0, 0], winner: null, reason: 'in-progress' };
    const w = s.winner ?? null;
    return { returns: w === null ? [0, 0] : w === 0 ? [1, -1] : [-1, 1], winner: w, reason: s.reason };
  },
  legal: (s, seat) => legalActions(s, seat),
  check(s, seat, action) {
    checkedIndex(s, seat, action);
  },
  step(state, actions): StepResult<VgcState> {
    if (state.phase === 'over') throw new GameError('GAME_OVER', 'the battle is over');
    state.events = [];
    const before = state.phase;
    if (before === 'preview') resolvePreview(state, actions as (PreviewAction | undefined)[]);
    else if (before === 'switch') resolveForcedSwitches(state, actions as (TurnAction | undefined)[]);
    else resolveTurn(state, actions as (TurnAction | undefined)[]);
    const rewards = [0, 0];
    if ((state.phase as string) === 'over' && state.winner !== null && state.winner !== undefined) {
      rewards[state.winner] = 1;
      rewards[1 - state.winner] = -1;
    }
    return { state, events: state.events, rewards };
  },
  defaultAction(s, seat) {
    // Timeout rule (as Showdown's default choice): the first legal action — first move on the first target.
    const legal = legalActions(s, seat);
    if (legal.length === 0) throw new GameError('GAME_OVER', 'the battle is over');
    return legal[0]!;
  },
  observe: (s, who: SeatOrSpectator) => observe(s, who),
  encode,
  mask: legalMask,
  actionToIndex: (s, seat, a) => checkedIndex(s, seat, a),
  indexToAction: actionFromIndex,
  render,
  parseAction,
  actionText,
  serialize: serializeState,
  clone: cloneState,
  conformance: {
    configs: [{}, { teamSource: 'random', turnCap: 30 }],
    perturbHidden,
    illegalActions,
    randomSteps: 3000,
  },
};
