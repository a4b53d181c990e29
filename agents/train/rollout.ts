/**
 * Vectorised in-process environments: `envs` engine instances stepped in lockstep, the learner
 * acting through the plain-array forward pass, opponents through ordinary agent controllers.
 * Episodes run across rollouts (a rollout is a fixed number of steps per env; unfinished
 * trajectories are bootstrapped with V, as in PPO's fixed-length segments, Schulman et al. 2017 §5).
 *
 * Seats: in mode 'one' the learner plays one seat per episode (rotating, so that it learns every
 * side) and an opponent drawn by `pickOpponent` fills the others; in mode 'all' the current policy
 * plays every seat (pure self-play with shared parameters) and every seat's data is used.
 * Rewards a seat receives on steps where it does not act are added to its latest transition.
 */
import { agentSeed, type Controller } from '../../games/core/runner.ts';
import { deriveSeed, Rng } from '../../games/core/rng.ts';
import type { ActInfo, AnyGame, MatchResult, Seat } from '../../games/core/types.ts';
import type { AgentSpec } from '../core/agent.ts';
import { Actor } from '../policy/actor.ts';
import type { PlainPolicy } from '../policy/forward.ts';
import { clipToBox } from '../policy/heads.ts';
import { ObsStack } from '../policy/history.ts';
import type { InputEncoder } from '../policy/encoders.ts';
import { gae } from './gae.ts';
import { RunningMeanStd } from './running-stats.ts';
import type { Potential } from './shaping.ts';

export interface OpponentDraw {
  id: string;
  spec: AgentSpec;
  /** A snapshot's weights (learner's architecture), so that worker threads can rebuild it. */
  weights?: Float32Array;
}

export interface EpisodeOutcome {
  /** Opponent id in mode 'one', null in mode 'all'. */
  opponent: string | null;
  learnerSeats: Seat[];
  /** Raw (unscaled) return of each learner seat, in learnerSeats order. */
  returns: number[];
  /** Learner's score when the game names a winner: 1 win, 0.5 draw, 0 loss (mode 'one' only). */
  score?: number;
  steps: number;
  result: MatchResult;
}

export interface RolloutOptions {
  game: AnyGame;
  /** Parsed game config. */
  config: any;
  envs: number;
  stepsPerEnv: number;
  seed: number;
  history: number;
  seatMode: 'one' | 'all';
  /** Opponent for a new episode (mode 'one'). */
  pickOpponent?: (rng: Rng) => OpponentDraw;
  gamma: number;
  lambda: number;
  normalizeObs: boolean;
  normalizeReward: boolean;
  /** Treat an episode as over after this many steps (engines have their own caps). */
  maxEpisodeSteps?: number;
  /** Potential-based shaping (shaping.ts): coef × (γΦ(s') − Φ(s)) is added to the learner's reward. */
  potential?: Potential;
  shapingCoef?: number;
  /** The return statistics to scale rewards with (default: fresh); worker threads pass their own. */
  retStats?: RunningMeanStd;
  /** The policy's input encoder (policy/encoders.ts; default: the game's encode). */
  encoder?: InputEncoder;
  /** Leading inputs the observation statistics cover (default: all). */
  normalizedSize?: number;
}

/** One rollout's training data, flat and ready for tfjs. */
export interface Batch {
  size: number;
  inputSize: number;
  obs: Float32Array;
  /** Discrete action indices (categorical head). */
  actions: Int32Array;
  /** Raw Gaussian samples [size × dim] (Gaussian head). */
  vectors: Float32Array;
  masks: Uint8Array;
  logProbs: Float32Array;
  values: Float32Array;
  advantages: Float32Array;
  returns: Float32Array;
  episodes: EpisodeOutcome[];
  envSteps: number;
}

interface Slot {
  state: any;
  /** The episode's number (its seed and the learner's seat derive from it) and its joint actions so far (resume). */
  episode: number;
  actions: unknown[][];
  seed: number;
  steps: number;
  learner: boolean[];
  controllers: (Controller | null)[];
  opponent: string | null;
  stacks: ObsStack[];
  /** Open trajectory segment (transition indices) per seat, within the current rollout. */
  segs: number[][];
  epReturn: number[];
  discounted: number[];
}

interface Segment {
  idx: number[];
  terminal: boolean;
  bootstrap: number;
}

export class VecRollout {
  readonly obsStats: RunningMeanStd;
  readonly retStats: RunningMeanStd;
  rng: Rng;
  private readonly slots: Slot[] = [];
  private episodeCounter = 0;
  private readonly nSeats: number;
  private readonly inputSize: number;
  private readonly frame: Float32Array;
  private readonly peekBuf: Float32Array;
  private readonly encoder: InputEncoder;
  private readonly discrete: boolean;
  private readonly nActions: number;
  private readonly dim: number;
  /** Φ(s) of each seat before the current step (shaping only). */
  private readonly phi: Float64Array;
  /** The training reward of each learner seat at the last step (afterStep). */
  private readonly trainRewards: Float64Array;

  constructor(readonly o: RolloutOptions) {
    const space = o.game.actionSpace(o.config);
    this.discrete = space.kind === 'discrete';
    this.nActions = space.kind === 'discrete' ? space.n : 0;
    this.dim = space.kind === 'box' ? space.low.length : 0;
    this.nSeats = o.game.numSeats(o.config);
    this.encoder = o.encoder ?? { size: o.game.obsSize(o.config), encode: (ob, out) => o.game.encode(ob, out) };
    const obsSize = this.encoder.size;
    this.inputSize = obsSize * o.history;
    this.frame = new Float32Array(obsSize);
    this.peekBuf = new Float32Array(this.inputSize);
    this.obsStats = new RunningMeanStd(o.normalizedSize ?? this.inputSize);
    this.retStats = o.retStats ?? new RunningMeanStd(1);
    this.rng = Rng.derive(o.seed, 'rollout');
    this.phi = new Float64Array(this.nSeats);
    this.trainRewards = new Float64Array(this.nSeats);
    if (o.seatMode === 'one' && !o.pickOpponent) throw new Error('rollout: seat mode "one" needs pickOpponent');
  }

  private newEpisode(): Slot {
    const episode = this.episodeCounter++;
    return this.makeSlot(episode, this.o.seatMode === 'one' ? this.o.pickOpponent!(this.rng) : undefined);
  }

  private makeSlot(episode: number, draw: OpponentDraw | undefined): Slot {
    const { game, config, seatMode } = this.o;
    const n = this.nSeats;
    const seed = deriveSeed(this.o.seed, 'episode', episode);
    const learnerSeat = episode % n;
    const learner = Array.from({ length: n }, (_, s) => seatMode === 'all' || s === learnerSeat);
    let opponent: string | null = null;
    const controllers: (Controller | null)[] = new Array(n).fill(null);
    if (seatMode === 'one') {
      opponent = draw!.id;
      for (let s = 0; s < n; s++)
        if (!learner[s])
          controllers[s] = draw!.spec.create({ game, config, seat: s, rng: Rng.seeded(agentSeed(seed, s)) });
    }
    return {
      state: game.init(config, seed),
      episode,
      actions: [],
      seed,
      steps: 0,
      learner,
      controllers,
      opponent,
      stacks: Array.from({ length: n }, () => new ObsStack(this.frame.length, this.o.history)),
      segs: Array.from({ length: n }, () => []),
      epReturn: new Array(n).fill(0),
      discounted: new Array(n).fill(0),
    };
  }

  /** Collect stepsPerEnv steps in every env with `policy` (whose normaliser must be current). */
  collect(policy: PlainPolicy): Batch {
    const { game, envs, stepsPerEnv } = this.o;
    // Episodes start lazily, so that an opponent sampler may depend on state built after us.
    while (this.slots.length < envs) this.slots.push(this.newEpisode());
    const cap = envs * stepsPerEnv * this.nSeats;
    const inp = this.inputSize;
    const obs = new Float32Array(cap * inp);
    const actions = new Int32Array(cap);
    const vectors = new Float32Array(cap * this.dim);
    const masks = new Uint8Array(cap * this.nActions);
    const logProbs = new Float32Array(cap);
    const values = new Float32Array(cap);
    const rewards = new Float32Array(cap);
    const segments: Segment[] = [];
    const episodes: EpisodeOutcome[] = [];
    const actor = new Actor(policy);
    let size = 0;
    let envSteps = 0;
    const joint: unknown[] = new Array(this.nSeats);
    const space = game.actionSpace(this.o.config);

    for (let t = 0; t < stepsPerEnv; t++) {
      for (let e = 0; e < envs; e++) {
        const slot = this.slots[e]!;
        const state = slot.state;
        joint.fill(undefined);
        for (const seat of game.toAct(state)) {
          const o = game.observe(state, seat);
          if (!slot.learner[seat]) {
            joint[seat] = slot.controllers[seat]!.act(o, actInfo(game, state, seat, slot.steps));
            continue;
          }
          const input = slot.stacks[seat]!.push(this.encoder.encode(o, this.frame));
          if (this.o.normalizeObs) this.obsStats.push(input);
          const i = size++;
          let mask: Uint8Array | undefined;
          if (this.discrete) {
            mask = game.mask(state, seat);
            masks.set(mask, i * this.nActions);
          }
          const d = actor.decide(input, mask, this.rng, {
            normalizedOut: obs.subarray(i * inp, (i + 1) * inp),
            withValue: true,
          });
          logProbs[i] = d.logProb;
          values[i] = d.value;
          if (this.discrete) {
            actions[i] = d.index;
            joint[seat] = game.indexToAction(state, seat, d.index);
          } else {
            vectors.set(d.vector, i * this.dim);
            joint[seat] = clipToBox(d.vector, (space as any).low, (space as any).high);
          }
          slot.segs[seat]!.push(i);
        }
        const potential = this.o.potential;
        if (potential) for (let s = 0; s < this.nSeats; s++) this.phi[s] = slot.learner[s] ? potential(state, s) : 0;
        slot.actions.push(joint.slice());
        const r = game.step(state, joint);
        slot.state = r.state;
        slot.steps++;
        envSteps++;
        this.afterStep(slot, r.rewards);
        for (let s = 0; s < this.nSeats; s++) {
          if (!slot.learner[s]) continue;
          // The game's reward plus shaping; returns report the game's alone.
          const trainReward = this.trainRewards[s]!;
          let scaled = trainReward;
          if (this.o.normalizeReward) {
            // Scale by the std of the discounted return (baselines VecNormalize), clipped to ±10.
            this.retStats.push([slot.discounted[s]!]);
            scaled = Math.max(-10, Math.min(10, trainReward / this.retStats.std(0)));
          }
          const seg = slot.segs[s]!;
          if (seg.length) rewards[seg[seg.length - 1]!]! += scaled;
        }
        const over = game.isTerminal(slot.state) || slot.steps >= (this.o.maxEpisodeSteps ?? Infinity);
        if (over) {
          const terminal = game.isTerminal(slot.state);
          for (let s = 0; s < this.nSeats; s++) {
            if (!slot.learner[s] || slot.segs[s]!.length === 0) continue;
            segments.push({ idx: slot.segs[s]!, terminal, bootstrap: terminal ? 0 : this.valueOf(policy, slot, s) });
          }
          episodes.push(this.outcome(slot));
          this.slots[e] = this.newEpisode();
        }
      }
    }
    // Close the open segments of unfinished episodes with a bootstrap value.
    for (const slot of this.slots) {
      for (let s = 0; s < this.nSeats; s++) {
        if (!slot.learner[s] || slot.segs[s]!.length === 0) continue;
        segments.push({ idx: slot.segs[s]!, terminal: false, bootstrap: this.valueOf(policy, slot, s) });
        slot.segs[s] = [];
      }
    }
    const advantages = new Float32Array(size);
    const returns = new Float32Array(size);
    for (const seg of segments) {
      const n = seg.idx.length;
      const r = new Float32Array(n);
      const v = new Float32Array(n);
      seg.idx.forEach((i, k) => {
        r[k] = rewards[i]!;
        v[k] = values[i]!;
      });
      const a = new Float32Array(n);
      const ret = new Float32Array(n);
      gae(r, v, seg.terminal, seg.bootstrap, this.o.gamma, this.o.lambda, a, ret);
      seg.idx.forEach((i, k) => {
        advantages[i] = a[k]!;
        returns[i] = ret[k]!;
      });
    }
    return {
      size,
      inputSize: inp,
      obs: obs.subarray(0, size * inp),
      actions: actions.subarray(0, size),
      vectors: vectors.subarray(0, size * this.dim),
      masks: masks.subarray(0, size * this.nActions),
      logProbs: logProbs.subarray(0, size),
      values: values.subarray(0, size),
      advantages,
      returns,
      episodes,
      envSteps,
    };
  }

  /**
   * The state between two collects, for an exact resume: the sampling Rng, the episode counter, the
   * statistics, and each open episode as its number, opponent and joint actions so far (replayed on
   * import: the engine and the opponents' controllers are deterministic given their seeds).
   */
  exportState(): RolloutState {
    return {
      rng: this.rng.state(),
      episodeCounter: this.episodeCounter,
      obsStats: statsState(this.obsStats),
      retStats: statsState(this.retStats),
      slots: this.slots.map((sl) => ({ episode: sl.episode, opponent: sl.opponent, actions: sl.actions })),
    };
  }

  /** Restore exportState()'s state; `opponent(id)` gives back each open episode's opponent. */
  importState(st: RolloutState, opponent: (id: string) => OpponentDraw): void {
    const { game } = this.o;
    this.rng = Rng.fromState(st.rng);
    this.episodeCounter = st.episodeCounter;
    loadStats(this.obsStats, st.obsStats);
    loadStats(this.retStats, st.retStats);
    this.slots.length = 0;
    for (const saved of st.slots) {
      const slot = this.makeSlot(saved.episode, saved.opponent === null ? undefined : opponent(saved.opponent));
      for (const joint of saved.actions) {
        for (const seat of game.toAct(slot.state)) {
          const o = game.observe(slot.state, seat);
          // Opponents see the same observations again, so their controllers reach the same state.
          if (!slot.learner[seat]) slot.controllers[seat]!.act(o, actInfo(game, slot.state, seat, slot.steps));
          else slot.stacks[seat]!.push(game.encode(o, this.frame));
        }
        const potential = this.o.potential;
        if (potential)
          for (let s = 0; s < this.nSeats; s++) this.phi[s] = slot.learner[s] ? potential(slot.state, s) : 0;
        const r = game.step(slot.state, joint);
        slot.state = r.state;
        slot.steps++;
        slot.actions.push(joint);
        this.afterStep(slot, r.rewards);
      }
      this.slots.push(slot);
    }
  }

  /**
   * After a step (slot.state already the new state, this.phi the potentials before it): add the learner
   * seats' game rewards to their returns, put their training rewards (the game's reward plus shaping,
   * Φ = 0 once the episode is over) in this.trainRewards, and move their discounted returns forward.
   */
  private afterStep(slot: Slot, rewards: readonly number[]): void {
    const potential = this.o.potential;
    // Φ is 0 only at a real end; an episode cut off by maxEpisodeSteps bootstraps with V(s′), so it keeps γΦ(s′).
    const ended = potential !== undefined && this.o.game.isTerminal(slot.state);
    for (let s = 0; s < this.nSeats; s++) {
      if (!slot.learner[s]) continue;
      const raw = rewards[s] ?? 0;
      slot.epReturn[s]! += raw;
      const trainReward = potential
        ? raw + (this.o.shapingCoef ?? 1) * (this.o.gamma * (ended ? 0 : potential(slot.state, s)) - this.phi[s]!)
        : raw;
      this.trainRewards[s] = trainReward;
      if (this.o.normalizeReward) slot.discounted[s] = slot.discounted[s]! * this.o.gamma + trainReward;
    }
  }

  /** V of a seat's current observation, without pushing it into the seat's history stack. */
  private valueOf(policy: PlainPolicy, slot: Slot, seat: Seat): number {
    const { game } = this.o;
    const frame = this.encoder.encode(game.observe(slot.state, seat), this.frame);
    const stack = slot.stacks[seat]!;
    const n = frame.length;
    this.peekBuf.set(stack.buffer);
    if (this.o.history > 1) this.peekBuf.copyWithin(n, 0, n * (this.o.history - 1));
    this.peekBuf.set(frame.subarray(0, n), 0);
    return policy.value(policy.normalize(this.peekBuf));
  }

  private outcome(slot: Slot): EpisodeOutcome {
    const result = this.o.game.result(slot.state);
    const learnerSeats = slot.learner.flatMap((l, s) => (l ? [s] : []));
    let score: number | undefined;
    if (this.o.seatMode === 'one') score = scoreOf(result, learnerSeats[0]!);
    return {
      opponent: slot.opponent,
      learnerSeats,
      returns: learnerSeats.map((s) => slot.epReturn[s]!),
      score,
      steps: slot.steps,
      result,
    };
  }
}

export interface StatsState {
  mean: number[];
  var: number[];
  count: number;
}

export interface RolloutState {
  rng: number[];
  episodeCounter: number;
  obsStats: StatsState;
  retStats: StatsState;
  slots: { episode: number; opponent: string | null; actions: unknown[][] }[];
}

export function statsState(r: RunningMeanStd): StatsState {
  return { mean: Array.from(r.mean), var: Array.from(r.var), count: r.count };
}

export function loadStats(r: RunningMeanStd, s: StatsState): void {
  if (s.mean.length !== r.mean.length)
    throw new Error(`resume: statistics of ${s.mean.length} values, this run has ${r.mean.length}`);
  r.mean.set(s.mean);
  r.var.set(s.var);
  r.count = s.count;
}

/** The ActInfo an opponent controller gets; `legal` is computed only when read. */
export function actInfo(game: AnyGame, state: any, seat: Seat, step: number): ActInfo {
  let legal: unknown[] | undefined | null = null;
  let mask: Uint8Array | undefined;
  return {
    seat,
    step,
    get legal() {
      if (legal === null) legal = game.legal(state, seat);
      return legal;
    },
    mask: () => (mask ??= game.mask(state, seat)),
    indexToAction: (index: number) => game.indexToAction(state, seat, index),
  };
}

/**
 * The learner's score in a finished match: 1 win, ½ draw, 0 loss. Games that name no winner
 * (e.g. public goods) are scored by return: best return wins, a tie for best is a draw.
 */
export function scoreOf(result: MatchResult, seat: Seat): number {
  if (result.winner !== undefined) return result.winner === null ? 0.5 : result.winner === seat ? 1 : 0;
  const mine = result.returns[seat]!;
  const others = result.returns.filter((_, s) => s !== seat);
  const best = Math.max(...others);
  return mine > best ? 1 : mine < best ? 0 : 0.5;
}
