/**
 * The worker-thread side of parallel rollout collection (workers.ts is the main-thread side).
 * Each worker runs a VecRollout over its share of the environments, with its own seed, and per
 * request: takes the current weights (normaliser included), the opponent distribution and any
 * new snapshot weights, collects one rollout, and answers with the batch, the finished episodes
 * and the statistics it gathered (observations seen this rollout; returns pushed this rollout on
 * top of the global return statistics the main thread sent). Nothing here imports tfjs.
 *
 * Replies go through a MessagePort and a flag in shared memory, so that the main thread can wait
 * for them synchronously (Atomics.wait + receiveMessageOnPort) and PpoLearner.iterate() stays
 * synchronous.
 */
import type { TrainConfig } from './ppo.ts';
import type { MessagePort } from 'node:worker_threads';
import { Rng } from '../../games/core/rng.ts';
import type { AnyGame } from '../../games/core/types.ts';
import { getGame } from '../../games/index.ts';
import type { AgentSpec } from '../core/agent.ts';
import { getAgent } from '../registry.ts';
import { normalizedSize, paramLayout, type PolicyArchitecture } from '../policy/architecture.ts';
import { inputEncoder } from '../policy/encoders.ts';
import { policyAgent } from '../policy/checkpoint.ts';
import { PlainPolicy } from '../policy/forward.ts';
import { VecRollout, type Batch, type OpponentDraw } from './rollout.ts';
import { RunningMeanStd } from './running-stats.ts';
import { drawOpponent, type OpponentDistribution } from './selfplay.ts';
import { shapingFor } from './shaping.ts';

export interface Moments {
  mean: Float64Array;
  var: Float64Array;
  count: number;
}

/** The rollout settings a worker needs, as the learner's TrainConfig names them (one definition for both sides). */
export type RolloutSettings = Pick<
  TrainConfig,
  | 'envs'
  | 'stepsPerEnv'
  | 'seed'
  | 'seatMode'
  | 'gamma'
  | 'lambda'
  | 'normalizeObs'
  | 'normalizeReward'
  | 'maxEpisodeSteps'
  | 'shaping'
  | 'shapingCoef'
>;

export interface WorkerInit extends RolloutSettings {
  index: number;
  game: string;
  /** Import the game from this module's export instead of the registry (games not registered, e.g. test fixtures). */
  gameModule?: { url: string; name: string };
  /** Parsed game config. */
  config: unknown;
  arch: PolicyArchitecture;
  port: MessagePort;
  /** One Int32 per worker: set to 1 when a reply is on the port. */
  flags: Int32Array;
}

export interface CollectRequest {
  params: Float32Array;
  opponents?: OpponentDistribution;
  /** Snapshots new since the last request (weights sent once) and those gone from the pool. */
  add: { id: string; weights: Float32Array }[];
  drop: string[];
  /** The global return statistics, which this worker's reward scaling starts from. */
  retStats: Moments;
}

export type CollectReply =
  | { ok: true; batch: Batch; obsStats: Moments; retDelta: Moments; ms: number }
  | { ok: false; error: string };

/** Return statistics that also record, apart, what was pushed since the last clear of `delta`. */
class TeeStats extends RunningMeanStd {
  readonly delta = new RunningMeanStd(1);
  override push(x: ArrayLike<number>): void {
    super.push(x);
    this.delta.push(x);
  }
}

const moments = (s: RunningMeanStd): Moments => ({
  mean: Float64Array.from(s.mean),
  var: Float64Array.from(s.var),
  count: s.count,
});

export async function startWorker(init: WorkerInit): Promise<void> {
  const { port, flags, index } = init;
  const reply = (msg: CollectReply, transfer: ArrayBuffer[] = []) => {
    port.postMessage(msg, transfer);
    Atomics.store(flags, index, 1);
    Atomics.notify(flags, index);
  };
  let roll: VecRollout;
  let policy: PlainPolicy;
  let retStats: TeeStats;
  let current: OpponentDistribution | undefined;
  const snapshots = new Map<string, OpponentDraw>();
  const fixed = new Map<string, OpponentDraw>();
  let game: AnyGame;
  try {
    game = init.gameModule
      ? ((await import(init.gameModule.url)) as Record<string, AnyGame>)[init.gameModule.name]!
      : getGame(init.game);
    if (!game || game.id !== init.game) throw new Error(`worker: could not load game ${init.game}`);
    const baseline = (id: string): OpponentDraw => {
      let d = fixed.get(id);
      if (!d) fixed.set(id, (d = { id, spec: getAgent(game.id, id) as AgentSpec }));
      return d;
    };
    policy = new PlainPolicy(init.arch, new Float32Array(paramLayout(init.arch).total));
    retStats = new TeeStats(1);
    roll = new VecRollout({
      game,
      config: init.config,
      envs: init.envs,
      stepsPerEnv: init.stepsPerEnv,
      seed: init.seed,
      history: init.arch.history,
      seatMode: init.seatMode,
      gamma: init.gamma,
      lambda: init.lambda,
      normalizeObs: init.normalizeObs,
      normalizeReward: init.normalizeReward,
      maxEpisodeSteps: init.maxEpisodeSteps,
      potential: init.shaping ? shapingFor(game.id, init.shaping).potential : undefined,
      shapingCoef: init.shapingCoef,
      retStats,
      encoder: inputEncoder(init.arch, game, init.config),
      normalizedSize: normalizedSize(init.arch),
      pickOpponent:
        init.seatMode === 'one'
          ? (rng: Rng) => {
              if (!current) throw new Error('worker: no opponent distribution');
              const k = drawOpponent(current, rng);
              if (k.baseline) return baseline(current.baselines[k.index]!);
              const id = current.snapshots[k.index]!.id;
              const d = snapshots.get(id);
              if (!d) throw new Error(`worker: snapshot ${id} was never sent`);
              return d;
            }
          : undefined,
    });
  } catch (e) {
    // Answer the first request with the error (the main thread is waiting for a reply).
    const error = `worker ${index}: ${(e as Error).stack ?? String(e)}`;
    port.on('message', () => reply({ ok: false, error }));
    return;
  }

  port.on('message', (req: CollectRequest) => {
    try {
      const t0 = performance.now();
      policy.params.set(req.params);
      for (const id of req.drop) snapshots.delete(id);
      for (const s of req.add)
        snapshots.set(s.id, {
          id: s.id,
          spec: policyAgent(init.arch, s.weights, { id: s.id, game: game.id }),
          weights: s.weights,
        });
      current = req.opponents;
      retStats.setFrom(req.retStats);
      retStats.delta.clear();
      roll.obsStats.clear();
      const b = roll.collect(policy);
      // Exact-size copies whose buffers can be transferred.
      const batch: Batch = {
        ...b,
        obs: b.obs.slice(),
        actions: b.actions.slice(),
        vectors: b.vectors.slice(),
        masks: b.masks.slice(),
        logProbs: b.logProbs.slice(),
        values: b.values.slice(),
      };
      const transfer = [
        batch.obs,
        batch.actions,
        batch.vectors,
        batch.masks,
        batch.logProbs,
        batch.values,
        batch.advantages,
        batch.returns,
      ].map((a) => a.buffer as ArrayBuffer);
      reply(
        {
          ok: true,
          batch,
          obsStats: moments(roll.obsStats),
          retDelta: moments(retStats.delta),
          ms: performance.now() - t0,
        },
        transfer,
      );
    } catch (e) {
      reply({ ok: false, error: `worker ${index}: ${(e as Error).stack ?? String(e)}` });
    }
  });
}
