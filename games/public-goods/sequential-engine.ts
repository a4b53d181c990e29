/**
 * `sequential-public-goods`: players contribute one after another within each round and see their
 * predecessors' contributions (so toAct names one seat at a time). Round rewards come from the
 * parameterised redesign in sequential-reward.ts. Nothing is hidden: every contribution is public
 * once made, and payoffs follow from public contributions.
 */
import { GameError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';
import { maskFromIndices } from '../core/spaces.ts';
import type { Game, Json, MatchResult, Seat, SeatOrSpectator, StepResult } from '../core/types.ts';
import {
  actionCount,
  actionText,
  actionToIndex,
  checkContribution,
  contribute,
  contributeSchema,
  indexToAction,
  parseActionText,
  type ContributeAction,
} from './actions.ts';
import { levelAmount, levelCount } from './config.ts';
import { perturbRng } from './state.ts';
import { roundOrder, sequentialConfigSchema, type SequentialConfig } from './sequential-config.ts';
import { sequentialPayoffs } from './sequential-reward.ts';
import { OBS_SIZE, encodeView, renderView, type PublicGoodsView } from './view.ts';

export interface SequentialRoundRecord {
  readonly order: readonly number[];
  /** By seat. */
  readonly contributions: readonly number[];
  /** By seat. */
  readonly payoffs: readonly number[];
}

export interface SequentialState {
  config: SequentialConfig;
  rng: number[];
  round: number;
  /** Position (0-based) of the seat to move in this round's order. */
  position: number;
  order: number[];
  /** Contributions made so far this round, by position. */
  moves: number[];
  history: SequentialRoundRecord[];
  totals: number[];
  over: boolean;
  endReason: 'rounds' | 'prob-end' | null;
}

export function sequentialRewardParams(c: SequentialConfig) {
  return {
    endowment: c.endowment,
    mpcr: c.mpcr,
    effortCost: c.effortCost,
    predecessorBonus: c.predecessorBonus,
    threshold: c.threshold,
    penalty: c.penalty,
  };
}

function finishRound(state: SequentialState): number[] {
  const c = state.config;
  const byPosition = sequentialPayoffs(sequentialRewardParams(c), state.moves);
  const contributions = new Array<number>(c.players);
  const payoffs = new Array<number>(c.players);
  state.order.forEach((seat, k) => {
    contributions[seat] = state.moves[k]!;
    payoffs[seat] = byPosition[k]!;
    state.totals[seat] += byPosition[k]!;
  });
  state.history.push(
    Object.freeze({
      order: Object.freeze([...state.order]),
      contributions: Object.freeze(contributions),
      payoffs: Object.freeze(payoffs),
    }),
  );
  state.round++;
  state.position = 0;
  state.moves = [];
  if (state.round >= c.rounds) {
    state.over = true;
    state.endReason = 'rounds';
  } else if (c.probEnd !== undefined) {
    const rng = Rng.fromState(state.rng);
    if (rng.chance(c.probEnd)) {
      state.over = true;
      state.endReason = 'prob-end';
    }
    state.rng = rng.state();
  }
  if (!state.over) state.order = roundOrder(c, state.round);
  return payoffs;
}

function step(state: SequentialState, actions: readonly (ContributeAction | undefined)[]): StepResult<SequentialState> {
  if (state.over) throw new GameError('GAME_OVER', 'the match is over');
  const seat = state.order[state.position]!;
  const amount = actions[seat]!.amount;
  state.moves.push(amount);
  state.position++;
  const events = [{ type: 'contribution', round: state.round, seat, amount }];
  if (state.position < state.config.players) return { state, events, rewards: new Array(state.config.players).fill(0) };
  return { state, events, rewards: finishRound(state) };
}

function observe(state: SequentialState, who: SeatOrSpectator): PublicGoodsView {
  const c = state.config;
  const own = who !== 'spectator';
  const current: (number | null)[] = new Array(c.players).fill(null);
  state.moves.forEach((m, k) => (current[state.order[k]!] = m));
  return {
    game: 'sequential-public-goods',
    seat: who,
    players: c.players,
    endowment: c.endowment,
    mpcr: c.mpcr,
    contributionMode: c.contributions,
    round: state.round,
    rounds: c.rounds,
    probEnd: c.probEnd ?? null,
    stage: state.over ? 'over' : 'contribute',
    current,
    order: [...state.order],
    history: state.history.map((r) =>
      own
        ? { contributions: r.contributions as number[], payoff: r.payoffs[who]! }
        : { contributions: r.contributions as number[] },
    ),
    ownTotal: own ? state.totals[who]! : null,
    budget: null,
    punishment: null,
    reward: {
      effortCost: c.effortCost,
      predecessorBonus: c.predecessorBonus,
      threshold: c.threshold,
      penalty: c.penalty,
    },
  };
}

function legal(state: SequentialState): ContributeAction[] {
  if (state.over) return [];
  const c = state.config;
  return Array.from({ length: levelCount(c) }, (_, i) => contribute(levelAmount(c, i)));
}

export const sequentialPublicGoods: Game<SequentialConfig, SequentialState, ContributeAction, PublicGoodsView> = {
  id: 'sequential-public-goods',
  family: 'public-goods',
  title: 'Sequential public goods game',
  description:
    'Players contribute in turn and see their predecessors; MAC-SPGG-style reward (effort cost, predecessor bonus, equal share, threshold penalty).',
  configSchema: sequentialConfigSchema,
  actionSchema: contributeSchema,

  numSeats: (c) => c.players,
  actionSpace: (c) => ({ kind: 'discrete', n: actionCount(c, null) }),
  obsSize: () => OBS_SIZE,

  init(config, seed) {
    return {
      config,
      rng: Rng.seeded(seed).state(),
      round: 0,
      position: 0,
      order: roundOrder(config, 0),
      moves: [],
      history: [],
      totals: new Array(config.players).fill(0),
      over: false,
      endReason: null,
    };
  },
  toAct: (s) => (s.over ? [] : [s.order[s.position]!]),
  isTerminal: (s) => s.over,
  result: (s): MatchResult => ({ returns: [...s.totals], reason: s.endReason ?? 'in-progress' }),

  legal: (s) => legal(s),
  check(state, _seat, a) {
    checkContribution(state.config, a.amount);
  },
  step,
  defaultAction: () => contribute(0),

  observe,
  encode: (obs, out) => encodeView(obs, out),
  mask: (s) =>
    maskFromIndices(
      actionCount(s.config, null),
      s.over ? [] : Array.from({ length: levelCount(s.config) }, (_, i) => i),
    ),
  actionToIndex: (s, _seat, a) => actionToIndex(s.config, null, a),
  indexToAction: (s, _seat, i) => indexToAction(s.config, null, i) as ContributeAction,

  render: renderView,
  parseAction(text, s) {
    const a = parseActionText(text, s.config.players);
    if (a.type !== 'contribute')
      throw new GameError('PARSE', `this game has no punishment stage; answer 'contribute X'`);
    return a;
  },
  actionText,

  serialize: (s) => JSON.parse(JSON.stringify(s)) as Json,
  clone: (s) => ({
    ...s,
    rng: [...s.rng],
    order: [...s.order],
    moves: [...s.moves],
    history: [...s.history],
    totals: [...s.totals],
  }),

  conformance: {
    configs: [
      {},
      { players: 3, endowment: 5, preset: 'mac-spgg', order: 'rotate', rounds: 4 },
      { players: 32, contributions: 'continuous', endowment: 10, preset: 'threshold', probEnd: 0.25 },
      { players: 2, preset: 'bonus', r: 1.5, probEnd: 0.5 },
    ],
    randomSteps: 3000,
    perturbHidden: (s, _who, rng) => perturbRng(s, rng),
    illegalActions: (s) => {
      const out: unknown[] = [contribute(-0.5), contribute(s.config.endowment + 0.5)];
      if (s.config.contributions === 'integer') out.push(contribute(1.5));
      return out;
    },
  },
};
