/**
 * RoboSumo-lite throughput (issue 4 goal: ≥ 300k physics steps/s per core and ≥ 0.7× a bare planck
 * loop of the same scene). All loops run single-threaded in this process, one after the other:
 * - bare planck: the same two-disc world (same settings, same bodies) driven by the same action
 *   table, thrust re-applied every physics step; no rules, no observations. Reset when a robot's
 *   centre leaves the ring or after the episode cap, like the env.
 * - env: sumo.step (physics + rules + rewards) plus observe + encode for both seats every decision.
 * - env, no observations: what a trainer pays when it encodes lazily.
 * - policy-free episode rate: init + steps until the end with random actions, no observations.
 */
import { parseConfig } from '../games/core/kernel.ts';
import { Rng } from '../games/core/rng.ts';
import { initSumo, observeSumo, OBS_SIZE, stepSumo, sumo, type SumoAction, type SumoConfig } from '../games/sumo/index.ts';
import { advance, createScene } from '../games/sumo/physics.ts';
import { drawRadius, startPositions } from '../games/sumo/setup.ts';
import { sumoRng } from '../games/sumo/engine.ts';
import { throughput, type Bench } from './harness.ts';

let SECONDS = 1;

/**
 * Best of `rounds` alternating runs after a short warm-up, so that JIT warm-up and the load of
 * other processes on a shared machine hit every loop alike.
 */
function bestOf<T extends { opsPerSec: number }>(rounds: number, loops: (() => T)[]): T[] {
  const saved = SECONDS;
  SECONDS = 0.3;
  for (const f of loops) f();
  SECONDS = saved;
  const best: (T | undefined)[] = loops.map(() => undefined);
  for (let r = 0; r < rounds; r++) {
    loops.forEach((f, i) => {
      const x = f();
      if (!best[i] || x.opsPerSec > best[i]!.opsPerSec) best[i] = x;
    });
  }
  return best as T[];
}

/** A fixed table of joint actions: random, with a forward bias so that robots meet and push. */
function actionTable(n: number): [SumoAction, SumoAction][] {
  const rng = Rng.seeded(20261124);
  const a = (): SumoAction => [rng.uniform(-0.3, 1), rng.uniform(-1, 1)];
  return Array.from({ length: n }, () => [a(), a()]);
}

function bareLoop(config: SumoConfig, table: [SumoAction, SumoAction][]) {
  const p = config.physics;
  let seed = 0;
  let scene = createScene(p, startPositions(config, 2.5, sumoRng(seed)));
  let radius = 2.5;
  let decisions = 0;
  let t = 0;
  const force = { x: 0, y: 0 };
  return throughput(SECONDS, () => {
    // One decision's worth of physics steps, the bare way.
    const [a0, a1] = table[t++ % table.length]!;
    const [b0, b1] = scene.bodies;
    for (let k = 0; k < p.frameSkip; k++) {
      let ang = b0.getAngle();
      force.x = a0[0] * p.maxForce * Math.cos(ang);
      force.y = a0[0] * p.maxForce * Math.sin(ang);
      b0.applyForceToCenter(force, false);
      b0.applyTorque(a0[1] * p.maxTorque, false);
      ang = b1.getAngle();
      force.x = a1[0] * p.maxForce * Math.cos(ang);
      force.y = a1[0] * p.maxForce * Math.sin(ang);
      b1.applyForceToCenter(force, false);
      b1.applyTorque(a1[1] * p.maxTorque, false);
      scene.world.step(p.dt, p.velocityIterations, p.positionIterations);
    }
    decisions++;
    const q0 = b0.getPosition();
    const q1 = b1.getPosition();
    if (decisions >= config.maxSteps || q0.x * q0.x + q0.y * q0.y > radius * radius || q1.x * q1.x + q1.y * q1.y > radius * radius) {
      const rng = sumoRng(++seed);
      radius = drawRadius(config, rng);
      scene = createScene(p, startPositions(config, radius, rng));
      decisions = 0;
    }
    return p.frameSkip;
  });
}

function envLoop(config: SumoConfig, table: [SumoAction, SumoAction][], withObs: boolean) {
  let seed = 0;
  let state = initSumo(config, seed);
  let t = 0;
  let episodes = 0;
  const out0 = new Float32Array(OBS_SIZE);
  const out1 = new Float32Array(OBS_SIZE);
  const joint: (SumoAction | undefined)[] = [undefined, undefined];
  const r = throughput(SECONDS, () => {
    if (withObs) {
      sumo.encode(observeSumo(state, 0), out0);
      sumo.encode(observeSumo(state, 1), out1);
    }
    const pair = table[t++ % table.length]!;
    joint[0] = pair[0];
    joint[1] = pair[1];
    stepSumo(state, joint);
    if (state.outcome) {
      state = initSumo(config, ++seed);
      episodes++;
    }
    return 1;
  });
  return { ...r, episodes };
}

function episodeRate(config: SumoConfig, table: [SumoAction, SumoAction][]) {
  let seed = 0;
  let t = 0;
  let steps = 0;
  const r = throughput(SECONDS, () => {
    const state = initSumo(config, ++seed);
    while (!state.outcome) {
      stepSumo(state, table[t++ % table.length]!);
      steps++;
    }
    return 1;
  });
  return { ...r, meanSteps: steps / r.ops };
}

const benches: Bench[] = [
  {
    name: 'sumo: env vs bare planck loop',
    run(ctx) {
      const config = parseConfig(sumo, {});
      const k = config.physics.frameSkip;
      const table = actionTable(4096);
      ctx.status('bare planck loop / env + obs / env without obs, best of 3 alternating rounds');
      const [bare, env, lean] = bestOf(3, [() => bareLoop(config, table), () => envLoop(config, table, true), () => envLoop(config, table, false)]);
      ctx.report({ name: 'sumo bare planck loop (physics steps)', value: bare.opsPerSec, unit: 'steps/s' });
      ctx.report({
        name: `sumo env + obs, physics steps (k=${k})`,
        value: env.opsPerSec * k,
        unit: 'steps/s',
        baseline: 'bare planck',
        baselineValue: bare.opsPerSec,
        ratio: (env.opsPerSec * k) / bare.opsPerSec,
        goal: '>= 300k steps/s and >= 0.7x',
      });
      ctx.report({ name: 'sumo env + obs, env steps (decisions)', value: env.opsPerSec, unit: 'steps/s' });
      ctx.report({
        name: `sumo env no obs, physics steps (k=${k})`,
        value: lean.opsPerSec * k,
        unit: 'steps/s',
        baseline: 'bare planck',
        baselineValue: bare.opsPerSec,
        ratio: (lean.opsPerSec * k) / bare.opsPerSec,
      });
    },
  },
  {
    name: 'sumo: policy-free episodes',
    run(ctx) {
      const config = parseConfig(sumo, {});
      ctx.status('episodes with random actions');
      const table = actionTable(4096);
      const [r] = bestOf(2, [() => episodeRate(config, table)]);
      ctx.report({ name: `sumo episodes/s (random actions, ${r.meanSteps.toFixed(0)} decisions avg)`, value: r.opsPerSec, unit: 'episodes/s' });
    },
  },
];

export default benches;
