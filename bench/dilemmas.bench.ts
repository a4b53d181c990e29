/**
 * Social dilemma benches: engine steps/s through the generic kernel (validated and not), the
 * Axelrod-style tournament's wall time, and exact analysis against simulation. Each reports a
 * reference measured in the same run: a bare loop that computes the same payoffs from two lookup
 * tables with the same PRNG, which is the floor any engine with this interface pays.
 */
import { parseConfig, playMatch, Rng, stepChecked } from '../games/core/index.ts';
import { ipd, type DilemmaState } from '../games/dilemmas/index.ts';
import { agentsFor, getAgent, instantiate } from '../agents/registry.ts';
import { pairPayoffs } from '../agents/dilemmas/analysis/markov.ts';
import { memoryOneOf } from '../agents/dilemmas/analysis/memory-one.ts';
import { playFast, tournament } from '../agents/eval/tournament.ts';
import { throughput, type Bench } from './harness.ts';

const config = parseConfig(ipd, { noise: 0.05 });
const JOINTS: ('C' | 'D')[][] = [
  ['C', 'C'],
  ['C', 'D'],
  ['D', 'C'],
  ['D', 'D'],
];

/** The reference: 200-turn noisy matches as a bare loop over two payoff tables. */
function bareTurnsPerSec(seconds: number): number {
  const rng = Rng.seeded(1);
  const mine = [3, 0, 5, 1];
  const theirs = [3, 5, 0, 1];
  let a = 0;
  let b = 0;
  const { opsPerSec } = throughput(seconds, () => {
    for (let t = 0; t < 200; t++) {
      let x = t & 1;
      let y = (t >> 1) & 1;
      if (rng.chance(0.05)) x ^= 1;
      if (rng.chance(0.05)) y ^= 1;
      a += mine[x * 2 + y]!;
      b += theirs[x * 2 + y]!;
    }
    return 200;
  });
  if (a + b < 0) throw new Error('unreachable');
  return opsPerSec;
}

function engineStepsPerSec(seconds: number, validate: boolean): number {
  let state: DilemmaState = ipd.init(config, 1);
  let seed = 1;
  let t = 0;
  return throughput(seconds, () => {
    for (let i = 0; i < 200; i++) {
      if (state.over) state = ipd.init(config, ++seed);
      const joint = JOINTS[t++ & 3]!;
      state = (validate ? stepChecked(ipd, state, joint) : ipd.step(state, joint)).state;
    }
    return 200;
  }).opsPerSec;
}

const benches: Bench[] = [
  {
    name: 'dilemmas: ipd engine steps/s (kernel, validated)',
    run(ctx) {
      const base = bareTurnsPerSec(1);
      const v = engineStepsPerSec(1, true);
      ctx.report({
        name: 'dilemmas: ipd steps/s validated (stepChecked)',
        value: v,
        unit: 'steps/s',
        baseline: 'bare lookup-table loop',
        baselineValue: base,
        ratio: v / base,
      });
    },
  },
  {
    name: 'dilemmas: ipd engine steps/s (unvalidated)',
    run(ctx) {
      const base = bareTurnsPerSec(1);
      const v = engineStepsPerSec(1, false);
      ctx.report({
        name: 'dilemmas: ipd steps/s unvalidated (game.step)',
        value: v,
        unit: 'steps/s',
        baseline: 'bare lookup-table loop',
        baselineValue: base,
        ratio: v / base,
      });
    },
  },
  {
    name: 'dilemmas: ipd match runner steps/s (playMatch, validated, with agents)',
    run(ctx) {
      const base = bareTurnsPerSec(1);
      const specs = [getAgent('ipd', 'tft'), getAgent('ipd', 'wsls')];
      let seed = 0;
      const v = throughput(1, () => {
        seed++;
        return playMatch(ipd, config, seed, instantiate(ipd, config, seed, specs)).steps;
      }).opsPerSec;
      ctx.report({
        name: 'dilemmas: ipd steps/s through playMatch (tft vs wsls)',
        value: v,
        unit: 'steps/s',
        baseline: 'bare lookup-table loop',
        baselineValue: base,
        ratio: v / base,
      });
    },
  },
  {
    name: 'dilemmas: tournament wall time (all agents, 200 turns, 100 repetitions, noise 0.05)',
    run(ctx) {
      const specs = agentsFor('ipd');
      const reps = 100;
      const total = ((specs.length * (specs.length + 1)) / 2) * reps;
      let done = 0;
      const started = performance.now();
      const r = tournament(ipd, specs, {
        config,
        repetitions: reps,
        seed: 1,
        onMatch: () => {
          if (++done % 3000 === 0) ctx.status(`${done}/${total} matches`);
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const bareSeconds = r.turns / bareTurnsPerSec(1);
      ctx.report({
        name: `dilemmas: tournament ${specs.length} agents × ${reps} reps wall time`,
        value: seconds,
        unit: 's',
        baseline: 'same turns in the bare loop',
        baselineValue: bareSeconds,
        ratio: seconds / bareSeconds,
        goal: 'seconds',
      });
      ctx.report({ name: 'dilemmas: tournament turns/s (agents + engine)', value: r.turns / seconds, unit: 'turns/s' });
    },
  },
  {
    name: 'dilemmas: exact analysis vs simulation (200 turns, noise 0.05)',
    run(ctx) {
      const a = memoryOneOf(getAgent('ipd', 'gtft'), config.payoffs as never)!;
      const b = memoryOneOf(getAgent('ipd', 'stochastic-cooperator'))!;
      const table = { R: 3, S: 0, T: 5, P: 1 };
      const exact = throughput(1, () => {
        pairPayoffs(a, b, table, table, 0.05, { kind: 'fixed', turns: 200 });
        return 1;
      }).opsPerSec;
      const specs = [getAgent('ipd', 'gtft'), getAgent('ipd', 'stochastic-cooperator')];
      let seed = 0;
      const sim = throughput(1, () => {
        seed++;
        playFast(ipd, config, seed, instantiate(ipd, config, seed, specs));
        return 1;
      }).opsPerSec;
      ctx.report({
        name: 'dilemmas: exact pair evaluations/s (vs one simulated match)',
        value: exact,
        unit: 'evals/s',
        baseline: 'simulated 200-turn matches',
        baselineValue: sim,
        ratio: exact / sim,
      });
    },
  },
];

export default benches;
