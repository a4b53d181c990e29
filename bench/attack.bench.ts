/**
 * Attack cost (issue 14): wall time per 1M adversary env steps of `runAttack` (PPO adversary, the
 * victim acting inside the environment, evaluation kept to one curve point and a small final
 * measurement) beside plain self-play training (`PpoLearner` with the current policy in every
 * seat, `ludus train --seats all`) measured in the same run with the same PPO settings. The
 * ratio is self-play time / attack time: ≥ 1 means the attack costs no more than training does.
 * Victims: a scripted agent, and a network victim (an untrained checkpoint of the same size), whose
 * forward pass is the attack's extra cost.
 */
import { getGame } from '../games/index.ts';
import { parseConfig } from '../games/core/kernel.ts';
import { ensureBackend } from '../agents/policy/backend.ts';
import { architectureFor } from '../agents/policy/architecture.ts';
import { makeCheckpoint } from '../agents/policy/checkpoint.ts';
import { initParams } from '../agents/policy/params.ts';
import { getAgent } from '../agents/registry.ts';
import { runAttack, type VictimRef } from '../agents/adversary/attack.ts';
import { defaultTrainFor, PpoLearner } from '../agents/train/ppo.ts';
import type { Bench, BenchContext } from './harness.ts';

const ITERATIONS = 4;

function attackBench(gameId: string, rawConfig: unknown, scripted: string): Bench {
  return {
    name: `attack: ${gameId} adversary cost per 1M env steps vs self-play training`,
    async run(ctx: BenchContext) {
      await ensureBackend({ log: null });
      const game = getGame(gameId);
      const config = parseConfig(game, rawConfig);
      const cfg = { ...defaultTrainFor(game.actionSpace(config)), seed: 1 };
      // Self-play: the same learner, every seat played by the current policy.
      ctx.status(`${gameId}: self-play training, ${ITERATIONS} iterations`);
      const learner = new PpoLearner(game, config, { ...cfg, seatMode: 'all' });
      learner.iterate(); // warm-up (tfjs kernels)
      const s0 = performance.now();
      let steps = 0;
      for (let i = 0; i < ITERATIONS; i++) steps += learner.iterate().envSteps;
      const selfPlay = ((performance.now() - s0) / steps) * 1e6;
      learner.dispose();
      const arch = architectureFor(game.obsSize(config), game.actionSpace(config), { hidden: cfg.hidden, history: 1 });
      const network: VictimRef = {
        kind: 'checkpoint',
        record: makeCheckpoint({
          id: 'bench-victim',
          name: 'bench-victim',
          game: gameId,
          config: config as any,
          architecture: arch,
          params: initParams(arch, 2),
          training: { envSteps: 1e6 },
        }),
      };
      const victims: [string, VictimRef][] = [
        [scripted, { kind: 'builtin', spec: getAgent(gameId, scripted) }],
        ['network victim (64-64 MLP)', network],
      ];
      for (const [label, victim] of victims) {
        ctx.status(`${gameId}: attack on ${label}, ${ITERATIONS} iterations`);
        const t0 = performance.now();
        const r = await runAttack({
          game,
          config,
          victim,
          budget: { iterations: ITERATIONS },
          seed: 1,
          evalPoints: 1,
          evalMatches: 10,
          finalMatches: 10,
        });
        const perMillion = ((performance.now() - t0) / r.envSteps) * 1e6;
        ctx.report({
          name: `${gameId} attack on ${label}: time per 1M adversary steps`,
          value: perMillion / 1000,
          unit: 's',
          baseline: 'self-play training (same PPO settings)',
          baselineValue: selfPlay / 1000,
          ratio: selfPlay / perMillion,
          goal: 'ratio >= 1 (no more than training)',
        });
      }
    },
  };
}

export default [attackBench('sumo', {}, 'rusher'), attackBench('ipd', {}, 'tft')] satisfies Bench[];
