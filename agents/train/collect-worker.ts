/**
 * A worker_threads entry that collects rollouts with a fixed random policy and reports env
 * steps/s. Used only by bench/training.bench.ts to measure whether parallel collection pays on
 * this machine (docs/training.md reports the figure); training itself collects in-process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getGame } from '../../games/index.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { architectureFor } from '../policy/architecture.ts';
import { PlainPolicy } from '../policy/forward.ts';
import { initParams } from '../policy/params.ts';
import { DEFAULT_TRAIN } from './ppo.ts';
import { VecRollout } from './rollout.ts';

export interface CollectJob {
  game: string;
  config: unknown;
  envs: number;
  stepsPerEnv: number;
  seconds: number;
  seed: number;
}

/** Collect for about `seconds`; returns env steps per wall-clock second. */
export function collectFor(job: CollectJob): number {
  return collectRates(job).wall;
}

/**
 * Env steps per wall-clock second and per CPU-second of this thread's process. On a shared machine
 * the CPU-time rate is the honest "per core" figure: it does not count time the scheduler gave to
 * other processes.
 */
export function collectRates(job: CollectJob): { wall: number; cpu: number } {
  const game = getGame(job.game);
  const config = parseConfig(game, job.config);
  const arch = architectureFor(game.obsSize(config), game.actionSpace(config), { hidden: DEFAULT_TRAIN.hidden });
  const policy = new PlainPolicy(arch, initParams(arch, job.seed));
  const roll = new VecRollout({
    ...DEFAULT_TRAIN,
    game,
    config,
    envs: job.envs,
    stepsPerEnv: job.stepsPerEnv,
    seed: job.seed,
    history: 1,
    seatMode: 'all',
  });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let steps = 0;
  while (performance.now() - t0 < job.seconds * 1000) steps += roll.collect(policy).envSteps;
  const cpu = process.cpuUsage(c0);
  return { wall: steps / ((performance.now() - t0) / 1000), cpu: steps / ((cpu.user + cpu.system) / 1e6) };
}

if (parentPort && workerData) parentPort.postMessage(collectFor(workerData as CollectJob));
