/**
 * Rollout collection in worker threads (the main-thread side; rollout-worker.ts is the other).
 * The learner's envs are split across n workers (worker i gets envs/n, the first envs mod n one
 * more), each with its own seed deriveSeed(seed, 'worker', i). Per iteration every worker gets the
 * current weights (normaliser included), the opponent distribution and the weights of snapshots it
 * has not seen yet; the main thread waits for all replies synchronously, concatenates the batch
 * parts in worker order and merges the workers' statistics into its own in worker order. With the
 * same seed and the same n a run repeats exactly (the split, the seeds and the merge order are all
 * fixed); it does not equal the in-process run, whose single env stream is seeded differently.
 *
 * Workers load TypeScript by registering tsx themselves (a worker started with
 * execArgv ['--import', 'tsx'] does not resolve a .ts entry on Node 20), and are unref'd, so
 * a process that forgets dispose() still exits.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { deriveSeed } from '../../games/core/rng.ts';
import type { AnyGame } from '../../games/core/types.ts';
import type { PolicyArchitecture } from '../policy/architecture.ts';
import type { Batch } from './rollout.ts';
import type { CollectReply, CollectRequest, Moments, RolloutSettings, WorkerInit } from './rollout-worker.ts';
import type { RunningMeanStd } from './running-stats.ts';
import type { OpponentSource } from './selfplay.ts';

export interface RolloutWorkersOptions extends RolloutSettings {
  workers: number;
  game: AnyGame;
  /** Parsed game config. */
  config: unknown;
  arch: PolicyArchitecture;
  /** Where workers import a game that is not in the registry from (test fixtures). */
  gameModule?: { url: string; name: string };
  /** Give up when a worker has not answered within this many ms (default 10 minutes). */
  timeoutMs?: number;
}

/** How many envs each of n workers steps: as even as possible, the first ones one more. */
export function splitEnvs(envs: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`workers: need a whole number ≥ 1, got ${n}`);
  if (envs < n) throw new Error(`workers: ${n} workers need at least ${n} envs, got ${envs}`);
  return Array.from({ length: n }, (_, i) => Math.floor(envs / n) + (i < envs % n ? 1 : 0));
}

export class RolloutWorkers {
  readonly shares: number[];
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  private readonly flags = new Int32Array(new SharedArrayBuffer(64 * 4));
  /** Snapshot ids whose weights every worker has. */
  private readonly sent = new Set<string>();
  /** Milliseconds each worker spent collecting in the last rollout. */
  lastWorkerMs: number[] = [];
  private disposed = false;

  constructor(readonly o: RolloutWorkersOptions) {
    if (o.workers > this.flags.length) throw new Error(`workers: at most ${this.flags.length}, got ${o.workers}`);
    this.shares = splitEnvs(o.envs, o.workers);
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./rollout-worker.ts', import.meta.url).href;
    // If loading fails, answer the first request with the error: the main thread waits for one.
    const boot = `const { workerData: d } = require('node:worker_threads');
import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); }).then((m) => m.startWorker(d)).catch((e) => {
  d.port.on('message', () => { d.port.postMessage({ ok: false, error: 'worker ' + d.index + ' failed to start: ' + ((e && e.stack) || e) }); Atomics.store(d.flags, d.index, 1); Atomics.notify(d.flags, d.index); });
});`;
    for (let i = 0; i < o.workers; i++) {
      const ch = new MessageChannel();
      const init: WorkerInit = {
        index: i,
        game: o.game.id,
        gameModule: o.gameModule,
        config: o.config,
        arch: o.arch,
        envs: this.shares[i]!,
        stepsPerEnv: o.stepsPerEnv,
        seed: deriveSeed(o.seed, 'worker', i),
        seatMode: o.seatMode,
        gamma: o.gamma,
        lambda: o.lambda,
        normalizeObs: o.normalizeObs,
        normalizeReward: o.normalizeReward,
        maxEpisodeSteps: o.maxEpisodeSteps,
        shaping: o.shaping,
        shapingCoef: o.shapingCoef,
        port: ch.port2,
        flags: this.flags,
      };
      const w = new Worker(boot, { eval: true, execArgv: [], workerData: init, transferList: [ch.port2] });
      w.unref();
      // Errors surface as error replies; a worker that dies without one is caught by the timeout.
      w.on('error', () => {});
      this.workers.push(w);
      this.ports.push(ch.port1);
    }
  }

  /**
   * One rollout in every worker with these weights; blocks until all have answered. Merges the
   * observations seen into `obsStats` and the returns pushed into `retStats`, in worker order.
   */
  collect(
    params: Float32Array,
    opponents: OpponentSource | undefined,
    obsStats: RunningMeanStd,
    retStats: RunningMeanStd,
  ): Batch {
    if (this.disposed) throw new Error('workers: disposed');
    const add: CollectRequest['add'] = [];
    const live = new Set<string>();
    for (const s of opponents?.snapshots ?? []) {
      live.add(s.id);
      if (this.sent.has(s.id)) continue;
      if (!s.weights) throw new Error(`workers: snapshot ${s.id} has no weights to send`);
      add.push({ id: s.id, weights: s.weights });
    }
    const drop = [...this.sent].filter((id) => !live.has(id));
    const req: CollectRequest = {
      params,
      opponents: this.o.seatMode === 'one' ? opponents?.distribution() : undefined,
      add,
      drop,
      retStats: { mean: Float64Array.from(retStats.mean), var: Float64Array.from(retStats.var), count: retStats.count },
    };
    if (this.o.seatMode === 'one' && !req.opponents)
      throw new Error('workers: seat mode "one" needs an opponent source');
    for (let i = 0; i < this.workers.length; i++) {
      Atomics.store(this.flags, i, 0);
      this.ports[i]!.postMessage(req);
    }
    for (const s of add) this.sent.add(s.id);
    for (const id of drop) this.sent.delete(id);
    const replies = this.ports.map((port, i) => this.wait(port, i));
    for (const r of replies) {
      if (this.o.normalizeObs) obsStats.merge(r.obsStats);
      if (this.o.normalizeReward) retStats.merge(r.retDelta);
    }
    this.lastWorkerMs = replies.map((r) => r.ms);
    return concat(replies.map((r) => r.batch));
  }

  private wait(port: MessagePort, i: number): Extract<CollectReply, { ok: true }> {
    const deadline = performance.now() + (this.o.timeoutMs ?? 10 * 60_000);
    while (Atomics.load(this.flags, i) === 0) {
      if (performance.now() > deadline)
        throw new Error(
          `workers: worker ${i} did not answer within ${Math.round((this.o.timeoutMs ?? 600_000) / 1000)} s`,
        );
      Atomics.wait(this.flags, i, 0, 1000);
    }
    const m = receiveMessageOnPort(port);
    if (!m) throw new Error(`workers: worker ${i} signalled but sent nothing`);
    const r = m.message as CollectReply;
    if (!r.ok) throw new Error(r.error);
    return r;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const p of this.ports) p.close();
    for (const w of this.workers) void w.terminate();
  }
}

/** The batches of the workers, one after the other. */
export function concat(parts: Batch[]): Batch {
  const cat = <T extends Float32Array | Int32Array | Uint8Array>(make: (n: number) => T, pick: (b: Batch) => T): T => {
    const out = make(parts.reduce((a, b) => a + pick(b).length, 0));
    let off = 0;
    for (const b of parts) {
      out.set(pick(b), off);
      off += pick(b).length;
    }
    return out;
  };
  return {
    size: parts.reduce((a, b) => a + b.size, 0),
    inputSize: parts[0]!.inputSize,
    obs: cat(
      (n) => new Float32Array(n),
      (b) => b.obs,
    ),
    actions: cat(
      (n) => new Int32Array(n),
      (b) => b.actions,
    ),
    vectors: cat(
      (n) => new Float32Array(n),
      (b) => b.vectors,
    ),
    masks: cat(
      (n) => new Uint8Array(n),
      (b) => b.masks,
    ),
    logProbs: cat(
      (n) => new Float32Array(n),
      (b) => b.logProbs,
    ),
    values: cat(
      (n) => new Float32Array(n),
      (b) => b.values,
    ),
    advantages: cat(
      (n) => new Float32Array(n),
      (b) => b.advantages,
    ),
    returns: cat(
      (n) => new Float32Array(n),
      (b) => b.returns,
    ),
    episodes: parts.flatMap((b) => b.episodes),
    envSteps: parts.reduce((a, b) => a + b.envSteps, 0),
  };
}

export type { Moments };
