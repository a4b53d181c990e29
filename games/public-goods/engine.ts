/**
 * `public-goods`: the linear public goods game for N = 2..32 seats who all contribute at once,
 * with an optional Fehr & Gächter punishment stage after each contribution stage.
 * Payoffs: payoff.ts. Views: view.ts. Actions and index space: actions.ts.
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
  indexToAction,
  parseActionText,
  publicGoodsActionSchema,
  punish,
  type PublicGoodsAction,
} from './actions.ts';
import { levelAmount, levelCount, publicGoodsConfigSchema, type PublicGoodsConfig } from './config.ts';
import { applyPunishment, linearPayoffs } from './payoff.ts';
import { freezeRecord, perturbRng, type PublicGoodsState, type RoundRecord } from './state.ts';
import { OBS_SIZE, encodeView, renderView, type PublicGoodsView, type RoundView } from './view.ts';

/** Tolerance for the punishment budget (continuous payoffs are floating point). */
const EPS = 1e-9;

const punishMax = (c: PublicGoodsConfig) => (c.punishment ? c.maxPunish : null);

function allSeats(n: number): Seat[] {
  // A plain loop: Array.from with a mapper is the hottest line of a step otherwise.
  const seats: Seat[] = [];
  for (let s = 0; s < n; s++) seats.push(s);
  return seats;
}

/** Stage-1 earnings this round: what a seat may spend on punishment. */
function budgetOf(state: PublicGoodsState, seat: Seat): number {
  const c = state.config;
  return linearPayoffs(c.endowment, c.mpcr, state.pending!)[seat]!;
}

function endRound(state: PublicGoodsState, record: RoundRecord): void {
  state.history.push(freezeRecord(record));
  for (let s = 0; s < state.totals.length; s++) state.totals[s] += record.payoffs[s]!;
  state.round++;
  state.pending = null;
  state.stage = 'contribute';
  const c = state.config;
  if (state.round >= c.rounds) {
    state.stage = 'over';
    state.endReason = 'rounds';
  } else if (c.probEnd !== undefined) {
    const rng = Rng.fromState(state.rng);
    if (rng.chance(c.probEnd)) {
      state.stage = 'over';
      state.endReason = 'prob-end';
    }
    state.rng = rng.state();
  }
}

/** Recompute totals from the history (used after a hidden-information perturbation). */
function recomputeTotals(state: PublicGoodsState): void {
  state.totals.fill(0);
  for (const r of state.history) for (let s = 0; s < state.totals.length; s++) state.totals[s] += r.payoffs[s]!;
}

function observe(state: PublicGoodsState, who: SeatOrSpectator): PublicGoodsView {
  const c = state.config;
  const own = who !== 'spectator';
  const history = state.history.map((r): RoundView => {
    const v: RoundView = { contributions: r.contributions as number[] };
    if (r.received) v.received = r.received as number[];
    if (own && r.points) v.given = r.points[who] as number[];
    if (own) v.payoff = r.payoffs[who]!;
    return v;
  });
  return {
    game: 'public-goods',
    seat: who,
    players: c.players,
    endowment: c.endowment,
    mpcr: c.mpcr,
    contributionMode: c.contributions,
    round: state.round,
    rounds: c.rounds,
    probEnd: c.probEnd ?? null,
    stage: state.stage,
    current: state.pending ? [...state.pending] : new Array(c.players).fill(null),
    order: null,
    history,
    ownTotal: own ? state.totals[who]! : null,
    budget: own && state.stage === 'punish' ? budgetOf(state, who) : null,
    punishment: c.punishment ? { cost: c.punishCost, impact: c.punishImpact, maxPoints: c.maxPunish } : null,
    reward: null,
  };
}

function legal(state: PublicGoodsState, seat: Seat): PublicGoodsAction[] {
  const c = state.config;
  if (state.stage === 'over') return [];
  if (state.stage === 'contribute')
    return Array.from({ length: levelCount(c) }, (_, i) => contribute(levelAmount(c, i)));
  // Punishment: nobody, or p points to one other seat within the budget (the enumerable subset;
  // any vector within the limits is also legal, see check()).
  const budget = budgetOf(state, seat);
  const out: PublicGoodsAction[] = [punish(new Array(c.players).fill(0))];
  for (let t = 0; t < c.players; t++) {
    if (t === seat) continue;
    for (let p = 1; p <= c.maxPunish && p * c.punishCost <= budget + EPS; p++) {
      const points = new Array(c.players).fill(0);
      points[t] = p;
      out.push(punish(points));
    }
  }
  return out;
}

function check(state: PublicGoodsState, seat: Seat, a: PublicGoodsAction): void {
  const c = state.config;
  if (state.stage === 'over') throw new GameError('GAME_OVER', 'the match is over');
  if (a.type === 'contribute') {
    if (state.stage !== 'contribute')
      throw new GameError('ILLEGAL_ACTION', 'this is the punishment stage: answer with a punish action');
    checkContribution(c, a.amount);
    return;
  }
  if (state.stage !== 'punish') {
    throw new GameError(
      'ILLEGAL_ACTION',
      c.punishment ? 'this is the contribution stage: contribute first' : 'this game has no punishment stage',
    );
  }
  if (a.points.length !== c.players)
    throw new GameError('ILLEGAL_ACTION', `points must list one entry per seat (${c.players}), got ${a.points.length}`);
  if (a.points[seat] !== 0) throw new GameError('ILLEGAL_ACTION', 'a player cannot punish itself');
  let total = 0;
  a.points.forEach((p, t) => {
    if (p > c.maxPunish)
      throw new GameError('ILLEGAL_ACTION', `at most ${c.maxPunish} points per target (seat ${t} got ${p})`);
    total += p;
  });
  const budget = budgetOf(state, seat);
  if (total * c.punishCost > budget + EPS) {
    throw new GameError(
      'ILLEGAL_ACTION',
      `punishing costs ${total * c.punishCost}, more than this round's earnings ${budget}`,
    );
  }
}

function step(
  state: PublicGoodsState,
  actions: readonly (PublicGoodsAction | undefined)[],
): StepResult<PublicGoodsState> {
  const c = state.config;
  const n = c.players;
  if (state.stage === 'contribute') {
    const contributions: number[] = [];
    for (let s = 0; s < n; s++) contributions.push((actions[s] as { amount: number }).amount);
    const stage1 = linearPayoffs(c.endowment, c.mpcr, contributions);
    if (c.punishment) {
      state.pending = contributions;
      state.stage = 'punish';
      return {
        state,
        events: [{ type: 'contributions', round: state.round, contributions: [...contributions] }],
        rewards: stage1,
      };
    }
    // The record is frozen, so the event may share its contributions array.
    const events = [{ type: 'contributions', round: state.round, contributions }];
    endRound(state, { contributions, points: null, received: null, payoffs: stage1 });
    return { state, events, rewards: [...stage1] };
  }
  if (state.stage === 'punish') {
    const contributions = state.pending!;
    const stage1 = linearPayoffs(c.endowment, c.mpcr, contributions);
    const points = allSeats(n).map((s) => [...(actions[s] as { points: number[] }).points]);
    const out = applyPunishment(stage1, points, c.punishCost, c.punishImpact);
    endRound(state, { contributions, points, received: out.received, payoffs: out.payoffs });
    const events = [
      { type: 'punishment-received', round: state.round - 1, received: [...out.received] },
      ...allSeats(n).map((s) => ({ type: 'punishment-given', seat: s, points: [...points[s]!], visibleTo: [s] })),
    ];
    return { state, events, rewards: out.payoffs.map((p, s) => p - stage1[s]!) };
  }
  throw new GameError('GAME_OVER', 'the match is over');
}

export const publicGoods: Game<PublicGoodsConfig, PublicGoodsState, PublicGoodsAction, PublicGoodsView> = {
  id: 'public-goods',
  family: 'public-goods',
  title: 'Public goods game',
  description:
    'Linear public goods game (N = 2..32, MPCR = r/N), rounds or probEnd, integer or continuous contributions, optional punishment stage.',
  configSchema: publicGoodsConfigSchema,
  actionSchema: publicGoodsActionSchema,

  numSeats: (c) => c.players,
  actionSpace: (c) => ({ kind: 'discrete', n: actionCount(c, punishMax(c)) }),
  obsSize: () => OBS_SIZE,

  init(config, seed) {
    return {
      config,
      rng: Rng.seeded(seed).state(),
      stage: 'contribute',
      round: 0,
      pending: null,
      history: [],
      totals: new Array(config.players).fill(0),
      endReason: null,
    };
  },
  toAct: (s) => (s.stage === 'over' ? [] : allSeats(s.config.players)),
  isTerminal: (s) => s.stage === 'over',
  result(s): MatchResult {
    // Mid-round (punishment stage open) the contribution stage's payoffs have been paid as rewards
    // but not yet added to the totals: count them, so that returns are always the sum of rewards.
    const returns = [...s.totals];
    if (s.pending) {
      const stage1 = linearPayoffs(s.config.endowment, s.config.mpcr, s.pending);
      for (let i = 0; i < returns.length; i++) returns[i] += stage1[i]!;
    }
    return { returns, reason: s.endReason ?? 'in-progress' };
  },

  legal,
  check,
  step,
  defaultAction: (s) => (s.stage === 'punish' ? punish(new Array(s.config.players).fill(0)) : contribute(0)),

  observe,
  encode: (obs, out) => encodeView(obs, out),
  mask(state, seat) {
    const c = state.config;
    return maskFromIndices(
      actionCount(c, punishMax(c)),
      legal(state, seat).map((a) => actionToIndex(c, punishMax(c), a)),
    );
  },
  actionToIndex: (s, _seat, a) => actionToIndex(s.config, punishMax(s.config), a),
  indexToAction: (s, _seat, i) => indexToAction(s.config, punishMax(s.config), i),

  render: renderView,
  parseAction: (text, s) => parseActionText(text, s.config.players),
  actionText,

  serialize: (s) => JSON.parse(JSON.stringify(s)) as Json,
  clone: (s) => ({
    ...s,
    rng: [...s.rng],
    pending: s.pending ? [...s.pending] : null,
    history: [...s.history],
    totals: [...s.totals],
  }),

  conformance: {
    configs: [
      {},
      { players: 2, mpcr: 0.75, rounds: 3 },
      { players: 5, punishment: true, rounds: 4 },
      { players: 32, contributions: 'continuous', endowment: 10, levels: 11, probEnd: 0.2 },
      {
        players: 3,
        contributions: 'continuous',
        endowment: 7.5,
        punishment: true,
        punishImpact: 2,
        maxPunish: 4,
        probEnd: 0.3,
      },
    ],
    randomSteps: 3000,
    perturbHidden: perturbPunisher,
    illegalActions(state, seat) {
      const c = state.config;
      if (state.stage === 'contribute') {
        const out: unknown[] = [
          contribute(-1),
          contribute(c.endowment + 1),
          { type: 'punish', points: new Array(c.players).fill(0) },
        ];
        if (c.contributions === 'integer') out.push(contribute(0.5));
        return out;
      }
      const self = new Array(c.players).fill(0);
      self[seat] = 1;
      const tooMany = new Array(c.players).fill(0);
      tooMany[(seat + 1) % c.players] = c.maxPunish + 1;
      return [
        contribute(0),
        { type: 'punish', points: self },
        { type: 'punish', points: tooMany },
        { type: 'punish', points: [0] },
      ];
    },
  },
};

/**
 * Conformance hook: move one punishment point from one punisher to another, for the same target,
 * in some past round. The target's received total is unchanged, so no view of `who` may change
 * (unless `who` is one of the two punishers, which we avoid). Without punishment data, or one
 * time in four, it perturbs the PRNG instead.
 */
function perturbPunisher(state: PublicGoodsState, who: SeatOrSpectator, rng: Rng): PublicGoodsState | undefined {
  const c = state.config;
  // The engine PRNG (which decides when a probEnd match stops) is hidden from everyone.
  if (!c.punishment || state.history.length === 0 || rng.chance(0.25)) return perturbRng(state, rng);
  const options: [number, number, number, number][] = [];
  state.history.forEach((r, ri) => {
    for (let a = 0; a < c.players; a++) {
      if (a === who) continue;
      for (let t = 0; t < c.players; t++) {
        if (!(r.points![a]![t]! > 0)) continue;
        for (let b = 0; b < c.players; b++) if (b !== a && b !== t && b !== who) options.push([ri, a, b, t]);
      }
    }
  });
  if (options.length === 0) return perturbRng(state, rng);
  const [ri, a, b, t] = rng.pick(options);
  const old = state.history[ri]!;
  const points = old.points!.map((row) => [...row]);
  points[a]![t]! -= 1;
  points[b]![t]! += 1;
  const stage1 = linearPayoffs(c.endowment, c.mpcr, old.contributions);
  const out = applyPunishment(stage1, points, c.punishCost, c.punishImpact);
  state.history[ri] = freezeRecord({
    contributions: old.contributions,
    points,
    received: out.received,
    payoffs: out.payoffs,
  });
  recomputeTotals(state);
  return state;
}
