/**
 * A PPO learner: one policy (flat weights + tfjs variables + Adam), its vectorised environments,
 * and `iterate()` = collect one rollout, update, copy the new weights back to the acting path.
 * Everything random comes from Rngs derived from `seed` (weights init, action sampling, episode
 * seeds, minibatch shuffling), so a run repeats exactly on the same backend.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../games/core/rng.ts';
import type { ActionSpace, AnyGame } from '../../games/core/types.ts';
import { architectureFor, normalizedSize, type PolicyArchitecture, paramLayout } from '../policy/architecture.ts';
import { inputEncoder } from '../policy/encoders.ts';
import { PlainPolicy } from '../policy/forward.ts';
import { initParams } from '../policy/params.ts';
import { TfPolicy } from '../policy/tf-policy.ts';
import { ppoUpdate, type PpoHyper, type UpdateMetrics } from './ppo-update.ts';
import { VecRollout, type Batch, type EpisodeOutcome, type OpponentDraw, type RolloutState } from './rollout.ts';
import { RunningMeanStd } from './running-stats.ts';
import type { OpponentSource } from './selfplay.ts';
import { shapingFor } from './shaping.ts';
import { RolloutWorkers } from './workers.ts';

export interface TrainConfig extends PpoHyper {
  envs: number;
  /** Steps per env per rollout (the rollout has envs × stepsPerEnv env steps). */
  stepsPerEnv: number;
  lr: number;
  gamma: number;
  lambda: number;
  hidden: number[];
  history: number;
  normalizeObs: boolean;
  normalizeReward: boolean;
  seatMode: 'one' | 'all';
  maxEpisodeSteps?: number;
  /** Potential-based reward shaping by id (shaping.ts), and its coefficient (default 1). */
  shaping?: string;
  shapingCoef?: number;
  seed: number;
  /**
   * Worker threads collecting rollouts (workers.ts); 1 or unset = in-process. With n ≥ 2 a run
   * repeats exactly for the same seed and n, but differs from the in-process run.
   */
  workers?: number;
}

/** Defaults close to SB3's PPO (lr 3e-4, γ 0.99, λ 0.95, ε 0.2, 10 epochs, c_v 0.5, clip 0.5). */
export const DEFAULT_TRAIN: TrainConfig = {
  envs: 16,
  stepsPerEnv: 128,
  epochs: 4,
  minibatches: 4,
  lr: 3e-4,
  gamma: 0.99,
  lambda: 0.95,
  clip: 0.2,
  vfCoef: 0.5,
  entCoef: 0.01,
  maxGradNorm: 0.5,
  normalizeAdvantages: true,
  hidden: [64, 64],
  history: 1,
  normalizeObs: true,
  normalizeReward: true,
  seatMode: 'one',
  seed: 1,
};

/**
 * Defaults per action space: Gaussian heads get no entropy bonus (SB3's continuous-control default
 * ent_coef = 0; a bonus there only widens the std) and a larger batch; categorical heads keep 0.01.
 */
export function defaultTrainFor(space: ActionSpace): TrainConfig {
  return space.kind === 'box' ? { ...DEFAULT_TRAIN, entCoef: 0 } : { ...DEFAULT_TRAIN };
}

export interface IterationMetrics extends UpdateMetrics {
  iteration: number;
  envSteps: number;
  totalEnvSteps: number;
  episodes: EpisodeOutcome[];
  /** Mean raw return of the learner over episodes finished in this rollout (NaN if none). */
  meanReturn: number;
  /** Mean score (win 1, draw ½) over finished episodes that name a winner (NaN if none). */
  winRate: number;
  collectMs: number;
  updateMs: number;
}

/** PpoLearner.exportState(): JSON-safe. */
export interface LearnerState {
  iteration: number;
  totalEnvSteps: number;
  updateRng: number[];
  optimizer: { name: string; shape: number[]; data: number[] }[];
  /** Adam's running β1^t and β2^t. */
  accBeta?: number[];
  rollout: RolloutState;
}

export interface LearnerOptions {
  pickOpponent?: (rng: Rng) => OpponentDraw;
  /** Start from these weights (resume) instead of a fresh init; must match the architecture. */
  params?: Float32Array;
  arch?: PolicyArchitecture;
  /**
   * Opponents as data, for worker threads (cfg.workers ≥ 2, seat mode 'one'): fixed agents travel
   * by registry id, snapshots by weights. In-process collection uses pickOpponent.
   */
  opponents?: OpponentSource;
  /** Where worker threads import a game that is not in the registry from (test fixtures). */
  gameModule?: { url: string; name: string };
  /**
   * Weights of the reference policy for the KL penalty (cfg.klCoef), same architecture. The
   * penalty reads the learner's normalised inputs, so the run keeps the normaliser frozen
   * (normalizeObs false) and the reference must carry the same one (e.g. both start from one
   * behaviour-cloned checkpoint).
   */
  reference?: Float32Array;
}

export class PpoLearner {
  readonly arch: PolicyArchitecture;
  /** Current weights (normaliser stats included), shared with the acting path. */
  readonly params: Float32Array;
  readonly plain: PlainPolicy;
  readonly tfPolicy: TfPolicy;
  readonly optimizer: tf.Optimizer;
  /** The fixed reference policy of the KL penalty, if any. */
  readonly reference: TfPolicy | undefined;
  /** In-process collection (cfg.workers ≤ 1). */
  readonly rollout: VecRollout | undefined;
  /** Collection in worker threads (cfg.workers ≥ 2). */
  readonly workers: RolloutWorkers | undefined;
  /** Running observation statistics (frozen into the weights by syncNormalizer) and return statistics. */
  readonly obsStats: RunningMeanStd;
  readonly retStats: RunningMeanStd;
  private readonly opponents: OpponentSource | undefined;
  private updateRng: Rng;
  iteration = 0;
  totalEnvSteps = 0;

  constructor(
    readonly game: AnyGame,
    readonly gameConfig: any,
    readonly cfg: TrainConfig,
    opts: LearnerOptions = {},
  ) {
    this.arch =
      opts.arch ??
      architectureFor(game.obsSize(gameConfig), game.actionSpace(gameConfig), {
        hidden: cfg.hidden,
        history: cfg.history,
      });
    this.params = opts.params ? Float32Array.from(opts.params) : initParams(this.arch, cfg.seed);
    if (this.params.length !== paramLayout(this.arch).total)
      throw new Error('learner: weights do not match the architecture');
    this.plain = new PlainPolicy(this.arch, this.params);
    this.tfPolicy = new TfPolicy(this.arch, this.params);
    this.optimizer = tf.train.adam(cfg.lr);
    if ((cfg.klCoef ?? 0) > 0) {
      if (!opts.reference) throw new Error('learner: a KL penalty needs a reference policy (LearnerOptions.reference)');
      if (cfg.normalizeObs)
        throw new Error(
          'learner: a KL penalty needs the observation normaliser frozen (normalizeObs false), so that both policies read the same inputs',
        );
      if (opts.reference.length !== this.params.length)
        throw new Error('learner: the reference policy does not match the architecture');
      this.reference = new TfPolicy(this.arch, opts.reference);
    } else this.reference = undefined;
    this.updateRng = Rng.derive(cfg.seed, 'minibatches');
    this.opponents = opts.opponents;
    if ((cfg.workers ?? 1) >= 2) {
      if (cfg.seatMode === 'one' && !opts.opponents)
        throw new Error('learner: worker threads need the opponents as data (LearnerOptions.opponents)');
      this.rollout = undefined;
      this.obsStats = new RunningMeanStd(normalizedSize(this.arch));
      this.retStats = new RunningMeanStd(1);
      this.workers = new RolloutWorkers({
        ...cfg,
        workers: cfg.workers!,
        game,
        config: gameConfig,
        arch: this.arch,
        gameModule: opts.gameModule,
      });
    } else {
      this.workers = undefined;
      this.rollout = new VecRollout({
        game,
        config: gameConfig,
        envs: cfg.envs,
        stepsPerEnv: cfg.stepsPerEnv,
        seed: cfg.seed,
        history: this.arch.history,
        seatMode: cfg.seatMode,
        pickOpponent: opts.pickOpponent,
        gamma: cfg.gamma,
        lambda: cfg.lambda,
        normalizeObs: cfg.normalizeObs,
        normalizeReward: cfg.normalizeReward,
        maxEpisodeSteps: cfg.maxEpisodeSteps,
        potential: cfg.shaping ? shapingFor(game.id, cfg.shaping).potential : undefined,
        shapingCoef: cfg.shapingCoef,
        encoder: inputEncoder(this.arch, game, gameConfig),
        normalizedSize: normalizedSize(this.arch),
      });
      this.obsStats = this.rollout.obsStats;
      this.retStats = this.rollout.retStats;
    }
    // A resumed policy keeps its normaliser: seed the running stats with it.
    if (opts.params && cfg.normalizeObs) this.seedNormalizer();
  }

  /** Freeze the running observation statistics into the weights (used by acting and checkpoints). */
  syncNormalizer(): void {
    if (!this.cfg.normalizeObs) return;
    const l = this.plain.layout;
    const st = this.obsStats;
    // Only the normalised inputs (an action-feature network reads its flags and features raw: mean 0, std 1).
    for (let i = 0; i < st.size; i++) {
      this.params[l.obsMean.offset + i] = st.mean[i]!;
      this.params[l.obsStd.offset + i] = st.std(i);
    }
  }

  iterate(): IterationMetrics {
    this.syncNormalizer();
    const t0 = performance.now();
    const batch: Batch = this.workers
      ? this.workers.collect(this.params, this.opponents, this.obsStats, this.retStats)
      : this.rollout!.collect(this.plain);
    const t1 = performance.now();
    const m = ppoUpdate(this.tfPolicy, this.optimizer, batch, this.cfg, this.updateRng, this.reference);
    this.tfPolicy.writeTo(this.params);
    const t2 = performance.now();
    this.iteration++;
    this.totalEnvSteps += batch.envSteps;
    const rets = batch.episodes.flatMap((e) => e.returns);
    const scored = batch.episodes.filter((e) => e.score !== undefined);
    return {
      ...m,
      iteration: this.iteration,
      envSteps: batch.envSteps,
      totalEnvSteps: this.totalEnvSteps,
      episodes: batch.episodes,
      meanReturn: rets.length ? rets.reduce((a, b) => a + b, 0) / rets.length : NaN,
      winRate: scored.length ? scored.reduce((a, e) => a + e.score!, 0) / scored.length : NaN,
      collectMs: t1 - t0,
      updateMs: t2 - t1,
    };
  }

  /**
   * Replace the weights (e.g. a league reset); the optimizer state is kept. With `normalizer`, the
   * running observation statistics restart from the loaded weights' normaliser (another learner's
   * weights come with the normaliser they were trained with).
   */
  load(params: Float32Array, opts: { normalizer?: boolean } = {}): void {
    this.params.set(params);
    this.tfPolicy.readFrom(this.params);
    if (opts.normalizer && this.cfg.normalizeObs) this.seedNormalizer();
  }

  private seedNormalizer(): void {
    const l = this.plain.layout;
    for (let i = 0; i < this.obsStats.size; i++) {
      this.obsStats.mean[i] = this.params[l.obsMean.offset + i]!;
      this.obsStats.var[i] = this.params[l.obsStd.offset + i]! ** 2;
    }
    this.obsStats.count = 1e4;
  }

  /**
   * Everything a resumed run needs to continue exactly where this one is (between two iterations):
   * counters, the minibatch Rng, Adam's moments and step count, and the rollout's state
   * (rollout.ts exportState). In-process collection only; worker threads keep theirs.
   */
  async exportState(): Promise<LearnerState> {
    if (!this.rollout) throw new Error('learner: an exact resume state needs in-process collection (workers ≤ 1)');
    const named = await this.optimizer.getWeights();
    const optimizer = await Promise.all(
      named.map(async (w) => ({ name: w.name, shape: w.tensor.shape, data: Array.from(await w.tensor.data()) })),
    );
    // Adam's bias corrections β^t are kept as running products; setWeights recomputes them with pow,
    // which differs in the last bits: save them as they are.
    const adam = this.optimizer as unknown as { accBeta1?: tf.Variable; accBeta2?: tf.Variable };
    const accBeta =
      adam.accBeta1 && adam.accBeta2 ? [adam.accBeta1.dataSync()[0]!, adam.accBeta2.dataSync()[0]!] : undefined;
    return {
      iteration: this.iteration,
      totalEnvSteps: this.totalEnvSteps,
      updateRng: this.updateRng.state(),
      optimizer,
      accBeta,
      rollout: this.rollout.exportState(),
    };
  }

  /** Restore exportState()'s state into a learner built with the same config and weights. */
  async importState(st: LearnerState, opponent: (id: string) => OpponentDraw): Promise<void> {
    if (!this.rollout) throw new Error('learner: an exact resume state needs in-process collection (workers ≤ 1)');
    this.iteration = st.iteration;
    this.totalEnvSteps = st.totalEnvSteps;
    this.updateRng = Rng.fromState(st.updateRng);
    const tensors = st.optimizer.map((w) => ({
      name: w.name,
      tensor: tf.tensor(w.data, w.shape as number[], 'float32'),
    }));
    // Adam makes its moment variables from these tensors (tensor.variable()): they are not disposed here.
    await this.optimizer.setWeights(tensors);
    const adam = this.optimizer as unknown as { accBeta1?: tf.Variable; accBeta2?: tf.Variable };
    if (st.accBeta && adam.accBeta1 && adam.accBeta2) {
      adam.accBeta1.assign(tf.scalar(st.accBeta[0]!));
      adam.accBeta2.assign(tf.scalar(st.accBeta[1]!));
    }
    this.rollout.importState(st.rollout, opponent);
  }

  /** A copy of the current weights with the current normaliser. */
  snapshot(): Float32Array {
    this.syncNormalizer();
    return Float32Array.from(this.params);
  }

  dispose(): void {
    this.workers?.dispose();
    this.tfPolicy.dispose();
    this.reference?.dispose();
    this.optimizer.dispose();
  }
}
