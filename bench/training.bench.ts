/**
 * Training benches (issue 6): env steps/s collected per core with the policy acting (sumo and
 * ipd), against the same engine stepped with random actions; the policy's single-sample forward
 * pass in plain arrays against single-sample tfjs; PPO update samples/s against a tfjs forward
 * pass over the same batch; and whether collecting in 2 worker threads pays on this machine, for
 * collection alone (random policy) and end to end (a whole PPO iteration of `ludus train`).
 */
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { getGame } from '../games/index.ts';
import { parseConfig } from '../games/core/kernel.ts';
import { Rng } from '../games/core/rng.ts';
import type { AnyGame } from '../games/core/types.ts';
import { ensureBackend } from '../agents/policy/backend.ts';
import { architectureFor, normalizedSize } from '../agents/policy/architecture.ts';
import { actionFeatureArchitecture, inputEncoder } from '../agents/policy/encoders.ts';
import { PlainPolicy } from '../agents/policy/forward.ts';
import { initParams } from '../agents/policy/params.ts';
import { TfPolicy } from '../agents/policy/tf-policy.ts';
import { collectFor, collectRates, type CollectJob } from '../agents/train/collect-worker.ts';
import { agentsFor, getAgent } from '../agents/registry.ts';
import { DEFAULT_TRAIN, defaultTrainFor, PpoLearner, type IterationMetrics } from '../agents/train/ppo.ts';
import { fixedOpponents } from '../agents/train/selfplay.ts';
import { ppoUpdate } from '../agents/train/ppo-update.ts';
import { VecRollout } from '../agents/train/rollout.ts';
import { throughput, type Bench, type BenchContext } from './harness.ts';

const SECONDS = 3;

/** A uniformly random joint action: a legal index per acting seat, or a point in the box. */
function randomJoint(game: AnyGame, state: any, rng: Rng): unknown[] {
  const space = game.actionSpace(state.config);
  const joint: unknown[] = new Array(game.numSeats(state.config)).fill(undefined);
  for (const seat of game.toAct(state)) {
    if (space.kind === 'box') joint[seat] = space.low.map((lo, i) => rng.uniform(lo, space.high[i]!));
    else {
      const m = game.mask(state, seat);
      let k = rng.int(m.length);
      while (!m[k]) k = (k + 1) % m.length;
      joint[seat] = game.indexToAction(state, seat, k);
    }
  }
  return joint;
}

/** The reference: the same engine stepped with uniformly random actions (no encode, no policy). */
function randomStepsPerSec(game: AnyGame, config: any, seconds: number): number {
  const rng = Rng.seeded(1);
  let state = game.init(config, 1);
  let episode = 0;
  return throughput(seconds, () => {
    for (let i = 0; i < 100; i++) {
      if (game.isTerminal(state)) state = game.init(config, ++episode);
      state = game.step(state, randomJoint(game, state, rng)).state;
    }
    return 100;
  }).opsPerSec;
}

function collection(gameId: string, rawConfig: unknown): Bench {
  return {
    name: `training: ${gameId} env steps/s collected with the policy acting (1 core)`,
    run(ctx: BenchContext) {
      const game = getGame(gameId);
      const config = parseConfig(game, rawConfig);
      ctx.status('random-action reference');
      const ref = randomStepsPerSec(game, config, SECONDS);
      ctx.status('policy rollouts');
      const job: CollectJob = {
        game: gameId,
        config: rawConfig,
        envs: 16,
        stepsPerEnv: 128,
        seconds: SECONDS,
        seed: 1,
      };
      const v = collectRates(job);
      ctx.report({
        name: `${gameId} rollout env steps/s (policy acting, 64-64 MLP)`,
        value: v.wall,
        unit: 'steps/s',
        baseline: 'same engine, random actions',
        baselineValue: ref,
        ratio: v.wall / ref,
      });
      // Per CPU-second of this process: what one core does, whatever else the machine runs.
      ctx.report({
        name: `${gameId} rollout env steps per CPU-second (policy acting)`,
        value: v.cpu,
        unit: 'steps/cpu-s',
        goal: '>= 20000 steps/s per core',
      });
    },
  };
}

async function inWorker(job: CollectJob): Promise<number> {
  return new Promise((resolve, reject) => {
    // Workers do not inherit the tsx loader: register it first, then import the TypeScript entry.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('../agents/train/collect-worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    const w = new Worker(boot, { eval: true, workerData: job });
    w.once('message', (v: number) => {
      resolve(v);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

const workers: Bench = {
  name: 'training: rollout collection in 2 worker threads vs in-process',
  async run(ctx) {
    for (const gameId of ['ipd', 'sumo']) {
      ctx.status(`${gameId}: in-process`);
      const job: CollectJob = { game: gameId, config: {}, envs: 16, stepsPerEnv: 128, seconds: SECONDS, seed: 1 };
      const single = collectFor(job);
      ctx.status(`${gameId}: 2 workers`);
      const both = await Promise.all([inWorker(job), inWorker({ ...job, seed: 2 })]);
      const total = both[0]! + both[1]!;
      ctx.report({
        name: `${gameId} rollout steps/s, 2 worker threads (sum)`,
        value: total,
        unit: 'steps/s',
        baseline: 'in-process, 1 thread',
        baselineValue: single,
        ratio: total / single,
      });
    }
  },
};

/** Iterations measured per learner, after one warm-up iteration (which also boots the workers). */
const ITERATIONS = 5;

/**
 * End to end: `ludus train`'s learner with default settings (16 envs × 128 steps, 4 epochs × 4
 * minibatches) against the game's built-in agents, collecting in-process and in 2 worker threads.
 * The two learners take turns, one iteration each, so that both see the same machine load.
 */
const iterationWall: Bench = {
  name: 'training: PPO iteration wall time, 2 workers vs in-process',
  async run(ctx) {
    await ensureBackend({ log: null });
    for (const gameId of ['sumo', 'ipd']) {
      const game = getGame(gameId);
      const config = parseConfig(game, {});
      const train = defaultTrainFor(game.actionSpace(config));
      const opponents = agentsFor(gameId);
      const make = (workers: number) =>
        new PpoLearner(
          game,
          config,
          { ...train, workers },
          {
            opponents: fixedOpponents(opponents),
            pickOpponent: (rng) => {
              const spec = rng.pick(opponents);
              return { id: spec.id, spec };
            },
          },
        );
      const inProcess = make(1);
      const twoWorkers = make(2);
      try {
        ctx.status(`${gameId}: warm-up (and worker start)`);
        inProcess.iterate();
        twoWorkers.iterate();
        const logs: [IterationMetrics[], IterationMetrics[]] = [[], []];
        const wall = [0, 0];
        // CPU time of the whole process (all threads): what the workers cost, whatever the load.
        const cpu = [0, 0];
        for (let i = 0; i < ITERATIONS; i++) {
          ctx.status(`${gameId}: iteration ${i + 1}/${ITERATIONS}`);
          [inProcess, twoWorkers].forEach((l, k) => {
            const t0 = performance.now();
            const c0 = process.cpuUsage();
            logs[k]!.push(l.iterate());
            const c = process.cpuUsage(c0);
            wall[k]! += performance.now() - t0;
            cpu[k]! += (c.user + c.system) / 1000;
          });
        }
        const mean = (ms: number[]) => ms.reduce((a, b) => a + b, 0) / ms.length;
        const [one, two] = [0, 1].map((k) => ({
          itPerSec: (ITERATIONS * 1000) / wall[k]!,
          collect: mean(logs[k]!.map((m) => m.collectMs)),
          update: mean(logs[k]!.map((m) => m.updateMs)),
        }));
        const steps = logs[0]![0]!.envSteps;
        ctx.report({
          name: `${gameId} PPO iterations/s (${steps} env steps each), 2 workers`,
          value: two!.itPerSec,
          unit: 'it/s',
          baseline: 'in-process',
          baselineValue: one!.itPerSec,
          ratio: two!.itPerSec / one!.itPerSec,
        });
        // The part workers can speed up: collection, in ms per iteration (ratio = speed-up).
        ctx.report({
          name: `${gameId} rollout collection per iteration, 2 workers (ratio = speed-up)`,
          value: two!.collect,
          unit: 'ms',
          baseline: 'in-process',
          baselineValue: one!.collect,
          ratio: one!.collect / two!.collect,
        });
        ctx.report({
          name: `${gameId} CPU time per iteration (all threads), 2 workers (ratio = saving)`,
          value: cpu[1]! / ITERATIONS,
          unit: 'ms',
          baseline: 'in-process',
          baselineValue: cpu[0]! / ITERATIONS,
          ratio: cpu[0]! / cpu[1]!,
        });
        ctx.report({
          name: `${gameId} in-process iteration: collection share`,
          value: (100 * one!.collect) / (one!.collect + one!.update),
          unit: '%',
        });
        ctx.report({
          name: `${gameId} in-process iteration: update (tfjs ${tf.getBackend()})`,
          value: one!.update,
          unit: 'ms',
        });
      } finally {
        inProcess.dispose();
        twoWorkers.dispose();
      }
    }
  },
};

const forward: Bench = {
  name: 'training: single-sample policy forward pass, plain arrays vs tfjs',
  async run(ctx) {
    await ensureBackend({ log: null });
    const arch = architectureFor(32, { kind: 'discrete', n: 9 }, { hidden: [64, 64] });
    const params = initParams(arch, 1);
    const plain = new PlainPolicy(arch, params);
    const tfp = new TfPolicy(arch, params);
    const x = Float32Array.from({ length: 32 }, (_, i) => Math.sin(i));
    let sink = 0;
    const p = throughput(SECONDS, () => {
      for (let i = 0; i < 1000; i++) sink += plain.head(x)[0]! + plain.value(x);
      return 1000;
    });
    const xt = tf.tensor2d(x, [1, 32]);
    const t = throughput(SECONDS, () => {
      for (let i = 0; i < 50; i++) {
        const [h, v] = tf.tidy(() => [tfp.head(xt), tfp.value(xt)]);
        sink += h!.dataSync()[0]! + v!.dataSync()[0]!;
        h!.dispose();
        v!.dispose();
      }
      return 50;
    });
    if (!Number.isFinite(sink)) throw new Error('unreachable');
    // ratio = speed-up of the plain path over single-sample tfjs.
    ctx.report({
      name: 'policy+value forward, 32-64-64 MLP, 1 sample',
      value: 1e6 / p.opsPerSec,
      unit: 'µs',
      baseline: `tfjs (${tf.getBackend()}) 1 sample`,
      baselineValue: 1e6 / t.opsPerSec,
      ratio: p.opsPerSec / t.opsPerSec,
    });
    tfp.dispose();
  },
};

const update: Bench = {
  name: 'training: PPO update samples/s',
  async run(ctx) {
    await ensureBackend({ log: null });
    const game = getGame('sumo');
    const config = parseConfig(game, {});
    const arch = architectureFor(game.obsSize(config), game.actionSpace(config), { hidden: [64, 64] });
    const params = initParams(arch, 1);
    const plain = new PlainPolicy(arch, params);
    const roll = new VecRollout({
      ...DEFAULT_TRAIN,
      game,
      config,
      envs: 16,
      stepsPerEnv: 128,
      seed: 1,
      history: 1,
      seatMode: 'all',
    });
    ctx.status('collecting a batch');
    const batch = roll.collect(plain);
    const tfp = new TfPolicy(arch, params);
    const opt = tf.train.adam(3e-4);
    const rng = Rng.seeded(1);
    ctx.status('updating');
    const hyper = { ...DEFAULT_TRAIN, epochs: 1, minibatches: 1 };
    const u = throughput(SECONDS, () => ppoUpdate(tfp, opt, batch, hyper, rng).samples);
    const x = tf.tensor2d(batch.obs, [batch.size, batch.inputSize]);
    const f = throughput(SECONDS, () => {
      const [h, v] = tf.tidy(() => [tfp.head(x), tfp.value(x)]);
      h!.dataSync();
      v!.dataSync();
      h!.dispose();
      v!.dispose();
      return batch.size;
    });
    ctx.report({
      name: `PPO update (minibatch ${batch.size}, sumo 18-64-64 actor+critic)`,
      value: u.opsPerSec,
      unit: 'samples/s',
      baseline: `tfjs (${tf.getBackend()}) forward pass, same batch`,
      baselineValue: f.opsPerSec,
      ratio: u.opsPerSec / f.opsPerSec,
    });
    const mb = { ...DEFAULT_TRAIN, epochs: 1, minibatches: 4 };
    const u4 = throughput(SECONDS, () => ppoUpdate(tfp, opt, batch, mb, rng).samples);
    ctx.report({ name: `PPO update (4 minibatches of ${batch.size / 4})`, value: u4.opsPerSec, unit: 'samples/s' });
    tfp.dispose();
  },
};

/** CPU seconds (user + system) of this process spent in fn. */
function cpuSeconds(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

/**
 * Issue 19: VGC-lite rollouts per CPU-second with the action-feature network and its features
 * (agents/vgc/features.ts: damage formula per (move, target), KO odds, matchups) against today's
 * MLP on the game's one-hot encoding, both acting against max-damage; and the PPO update's
 * samples per CPU-second for both. The two take turns, a rollout each, so that both see the same
 * load. CPU time, not wall time: the machine is shared.
 */
const vgcFeatures: Bench = {
  name: 'training: VGC-lite rollouts and updates per CPU-second, action features vs the one-hot MLP',
  async run(ctx) {
    await ensureBackend({ log: null });
    const game = getGame('vgc');
    const config = parseConfig(game, {});
    const space = game.actionSpace(config);
    const opponent = getAgent('vgc', 'max-damage');
    const archs = [architectureFor(game.obsSize(config), space), actionFeatureArchitecture('vgc-features-v1', space)];
    const setups = archs.map((arch) => {
      const params = initParams(arch, 1);
      const roll = new VecRollout({
        game,
        config,
        envs: 16,
        stepsPerEnv: 32,
        seed: 1,
        history: 1,
        seatMode: 'one',
        gamma: 0.99,
        lambda: 0.95,
        normalizeObs: true,
        normalizeReward: true,
        pickOpponent: () => ({ id: opponent.id, spec: opponent }),
        encoder: inputEncoder(arch, game, config),
        normalizedSize: normalizedSize(arch),
      });
      return {
        arch,
        params,
        plain: new PlainPolicy(arch, params),
        roll,
        steps: 0,
        cpu: 0,
        batch: undefined as ReturnType<VecRollout['collect']> | undefined,
      };
    });
    for (let round = 0; round < 6; round++) {
      ctx.status(`vgc rollouts: round ${round + 1}/6`);
      for (const s of setups) {
        let steps = 0;
        const cpu = cpuSeconds(() => {
          const b = s.roll.collect(s.plain);
          steps = b.envSteps;
          s.batch = b;
        });
        if (round > 0) {
          s.steps += steps;
          s.cpu += cpu;
        }
      }
    }
    const [old, neu] = setups.map((s) => s.steps / s.cpu) as [number, number];
    ctx.report({
      name: 'vgc rollout env steps per CPU-second, action features (vs max-damage)',
      value: neu,
      unit: 'steps/cpu-s',
      baseline: "today's one-hot MLP encoding",
      baselineValue: old,
      ratio: neu / old,
    });
    const rates = setups.map((s) => {
      ctx.status(`vgc update: ${s.arch.format}`);
      const tfp = new TfPolicy(s.arch, s.params);
      const opt = tf.train.adam(3e-4);
      const b = s.batch!;
      ppoUpdate(tfp, opt, b, { ...DEFAULT_TRAIN, epochs: 1 }, Rng.seeded(1));
      const cpu = cpuSeconds(() => ppoUpdate(tfp, opt, b, { ...DEFAULT_TRAIN, epochs: 2 }, Rng.seeded(2)));
      tfp.dispose();
      opt.dispose();
      return (2 * b.size) / cpu;
    });
    ctx.report({
      name: 'vgc PPO update samples per CPU-second, action features',
      value: rates[1]!,
      unit: 'samples/cpu-s',
      baseline: "today's one-hot MLP encoding",
      baselineValue: rates[0]!,
      ratio: rates[1]! / rates[0]!,
    });
  },
};

export default [
  collection('ipd', {}),
  collection('sumo', {}),
  forward,
  update,
  workers,
  iterationWall,
  vgcFeatures,
] satisfies Bench[];
