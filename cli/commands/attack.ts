/**
 * `ludus attack --game G --victim <built-in id | checkpoint file> --budget <steps | Nit | Nmin> [--seed S]`
 * Trains a PPO adversary against a frozen victim (agents/adversary/attack.ts), with a status line
 * and a live curve on stderr; prints the score over the budget (Wilson 95 % intervals), the final
 * score re-measured on fresh seeds, the budget as a fraction of the victim's training steps, the
 * gap to the exact best response where one is computable, and saves the adversary checkpoint (and
 * the whole result as `<id>.attack.json`) to --out.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { getGame } from '../../games/index.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { GameError } from '../../games/core/errors.ts';
import { getAgent } from '../../agents/registry.ts';
import { ensureBackend } from '../../agents/policy/backend.ts';
import { loadCheckpointFile, saveCheckpointFile } from '../../agents/policy/checkpoint.ts';
import { formatInterval } from '../../agents/eval/stats.ts';
import { chartColumns, sparkline } from '../../agents/train/curves.ts';
import { DEFAULT_OUT } from '../../agents/train/session.ts';
import {
  describeBudget,
  parseBudget,
  runAttack,
  type AttackResult,
  type VictimRef,
} from '../../agents/adversary/attack.ts';
import type { TrainConfig } from '../../agents/train/ppo.ts';
import { compareAttacks, type AttackComparison } from '../../agents/adversary/compare.ts';
import { addGameOptions, gameConfigFrom } from './play.ts';
import { guard, parseNumber, printJson, table, UsageError } from '../output.ts';

export function registerAttack(program: Command): void {
  const cmd = program
    .command('attack')
    .description(
      'train a PPO adversary against a frozen victim (built-in agent or checkpoint) and report how exploitable it is',
    )
    .requiredOption('--game <id>', 'game id')
    .requiredOption('--victim <id|file>', 'built-in agent id, or a checkpoint file (.json)')
    .requiredOption(
      '--budget <budget>',
      'adversary budget: env steps (200000, 200k, 2M), iterations (50it) or minutes (5min)',
    )
    .option('--seed <n>', 'seed (adversary weights, sampling, episodes)', '1')
    .option('--envs <n>', 'environments stepped in lockstep')
    .option('--steps <n>', 'steps per env per rollout')
    .option('--lr <x>', 'Adam learning rate')
    .option('--ent <x>', 'entropy bonus coefficient')
    .option('--hidden <sizes>', 'hidden layer sizes, e.g. 64,64')
    .option('--lambda <x>', 'GAE lambda')
    .option('--shaping <id>', 'potential-based reward shaping (vgc: hp)')
    .option('--shaping-coef <x>', 'coefficient of the shaping reward', '1')
    .option('--no-norm-obs', 'no running observation normalisation')
    .option('--eval-matches <n>', 'matches per point of the curve', '40')
    .option('--eval-points <n>', 'points of the curve over the budget', '10')
    .option('--final-matches <n>', 'matches of the final measurement on fresh seeds', '200')
    .option('--compare <file>', 'an earlier attack result (.attack.json) to compare with, e.g. before a defence')
    .option('--out <dir>', 'where the adversary checkpoint and the result go', DEFAULT_OUT)
    .option('--json', 'machine-readable result on stdout');
  addGameOptions(cmd).action((opts) =>
    guard(async () => {
      const game = getGame(opts.game);
      const budget = parseBudget(String(opts.budget));
      if (!budget)
        throw new UsageError(
          `--budget must be env steps (200000, 200k, 2M), iterations (50it) or minutes (5min), got ${JSON.stringify(opts.budget)}`,
        );
      let victim: VictimRef;
      let rawConfig: unknown = gameConfigFrom(opts);
      if (/\.json$/i.test(opts.victim) || existsSync(opts.victim)) {
        const record = loadCheckpointFile(opts.victim);
        if (record.game !== game.id)
          throw new GameError('BAD_CONFIG', `checkpoint ${record.id} is for ${record.game}, not ${game.id}`);
        if (Object.keys(rawConfig as object).length === 0) rawConfig = record.config;
        victim = { kind: 'checkpoint', record };
      } else {
        victim = { kind: 'builtin', spec: getAgent(game.id, opts.victim) };
      }
      const config = parseConfig(game, rawConfig);
      const train: Partial<TrainConfig> = {};
      const int = (name: string, v: string) => parseNumber(name, v, { min: 1, integer: true });
      if (opts.envs !== undefined) train.envs = int('envs', opts.envs);
      if (opts.steps !== undefined) train.stepsPerEnv = int('steps', opts.steps);
      if (opts.lr !== undefined) train.lr = parseNumber('lr', opts.lr, { min: 0 });
      if (opts.ent !== undefined) train.entCoef = parseNumber('ent', opts.ent, { min: 0 });
      if (opts.lambda !== undefined) train.lambda = parseNumber('lambda', opts.lambda, { min: 0, max: 1 });
      if (opts.shaping !== undefined) {
        train.shaping = String(opts.shaping);
        train.shapingCoef = parseNumber('shaping-coef', opts.shapingCoef, { min: 0 });
      }
      if (opts.normObs === false) train.normalizeObs = false;
      if (opts.hidden !== undefined)
        train.hidden = String(opts.hidden)
          .split(',')
          .map((s) => int('hidden', s.trim()));
      const seed = parseNumber('seed', opts.seed, { min: 0, integer: true });
      let earlier: AttackResult | undefined;
      if (opts.compare) {
        try {
          earlier = JSON.parse(readFileSync(opts.compare, 'utf8')) as AttackResult;
        } catch (e) {
          throw new UsageError(`--compare: cannot read ${opts.compare}: ${(e as Error).message}`);
        }
        if (earlier.game !== game.id || !Array.isArray(earlier.curve) || !earlier.final)
          throw new UsageError(`--compare: ${opts.compare} is not an attack result for ${game.id}`);
      }
      const backend = await ensureBackend({ log: opts.json ? null : undefined });
      let printed = 0;
      const result = await runAttack(
        {
          game,
          config,
          victim,
          budget,
          seed,
          train,
          evalMatches: int('eval-matches', opts.evalMatches),
          evalPoints: int('eval-points', opts.evalPoints),
          finalMatches: int('final-matches', opts.finalMatches),
        },
        {
          onProgress: (p) => {
            // The live curve: one line per new point (score and payoff), and a status line on a terminal.
            const scores = p.curve.map((c) => c.score.estimate);
            const last = p.curve[p.curve.length - 1]!;
            const line = `attack ${(p.fraction * 100).toFixed(0).padStart(3)}% | it ${p.iteration} | ${p.envSteps.toLocaleString('en-US')} steps | score ${formatInterval(last.score, 2)} ${sparkline(scores)} | payoff ${last.payoff.toFixed(2)} | train ret ${Number.isFinite(p.trainReturn) ? p.trainReturn.toFixed(2) : '…'}`;
            if (p.curve.length > printed) {
              printed = p.curve.length;
              process.stderr.write((process.stderr.isTTY ? '\r\x1b[K' : '') + line + '\n');
            } else if (process.stderr.isTTY) process.stderr.write('\r\x1b[K' + line);
          },
        },
      );
      if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
      const path = saveCheckpointFile(opts.out, result.adversary);
      const resultPath = join(opts.out, `${result.adversary.id}.attack.json`);
      const { adversary, ...rest } = result;
      const comparison = earlier ? compareAttacks(earlier, result) : undefined;
      writeFileSync(
        resultPath,
        JSON.stringify(
          {
            ...rest,
            adversary: { id: adversary.id, name: adversary.name, path },
            ...(comparison ? { comparison } : {}),
          },
          null,
          2,
        ),
      );
      if (opts.json)
        return printJson({
          ...rest,
          adversary: { id: adversary.id, name: adversary.name, path },
          result: resultPath,
          backend: backend.name,
          ...(comparison ? { comparison } : {}),
        });
      process.stdout.write(report(result, path, resultPath, backend.name) + '\n');
      if (comparison) process.stdout.write(compareText(comparison) + '\n');
    }),
  );
}

/** The end-of-attack report for people. */
export function report(r: AttackResult, path: string, resultPath: string, backend: string): string {
  const out: string[] = [];
  out.push(
    `${r.game}: PPO adversary against ${r.victim.kind} ${r.victim.name} — ${r.iterations} iterations, ${r.envSteps.toLocaleString('en-US')} env steps in ${r.seconds.toFixed(0)} s (budget ${describeBudget(r.budget)}${r.stopped === 'aborted' ? ', STOPPED EARLY' : ''}; tfjs ${backend})`,
  );
  out.push(
    table(
      ['iteration', 'env steps', 'score vs victim (95% CI)', 'adversary payoff', 'victim payoff'],
      r.curve.map((p) => [
        p.iteration,
        p.envSteps,
        formatInterval(p.score),
        p.payoff.toFixed(3),
        p.victimPayoff.toFixed(3),
      ]),
    ),
  );
  out.push(
    `victim against itself: score ${formatInterval(r.victimSelfPlay.score)}, payoff ${r.victimSelfPlay.payoff.toFixed(3)}`,
  );
  out.push(
    `final, ${r.final.matches} matches on fresh seeds: score ${formatInterval(r.final.score)}, payoff ${formatInterval(r.final.payoff)} (victim ${r.final.victimPayoff.toFixed(3)})`,
  );
  out.push(
    r.budgetFraction === null
      ? `budget fraction: — (the victim is ${r.victim.kind === 'builtin' ? 'a scripted agent' : 'a checkpoint without training steps'})`
      : `budget: ${(r.budgetFraction * 100).toFixed(2)} % of the victim's ${r.victimTrainingSteps!.toLocaleString('en-US')} training env steps`,
  );
  if (r.bestResponse) {
    const b = r.bestResponse;
    out.push(
      `exact best response: payoff ${b.payoff.toFixed(3)} (${b.description}); adversary ${b.adversaryPayoff.toFixed(3)}, gap ${b.gap.toFixed(3)} = ${(b.relativeGap * 100).toFixed(2)} % of the best response; victim self-play ${b.selfPlayPayoff.toFixed(3)}`,
    );
  }
  // Games with an exact reference are about payoff (a dilemma is not won by beating the victim): chart it beside the best response.
  const br = r.bestResponse;
  const chart = br
    ? chartColumns(
        r.curve.map((p) => ({ env_steps: p.envSteps, adversary_payoff: p.payoff, best_response: br.payoff })),
        ['adversary_payoff', 'best_response'],
        'adversary payoff per match against the victim',
      )
    : chartColumns(
        r.curve.map((p) => ({ env_steps: p.envSteps, score: p.score.estimate })),
        ['score'],
        'adversary score against the victim (wins + ½ draws)',
        { min: 0, max: 1 },
      );
  if (chart) out.push(chart);
  out.push(`adversary checkpoint ${path}\nresult ${resultPath}`);
  return out.join('\n');
}

function compareText(c: AttackComparison): string {
  const reach = (x: number | null) => (x === null ? 'never' : `${x.toLocaleString('en-US')} steps`);
  return [
    `against the earlier attack${c.sameBudget ? ' (same budget)' : ' (DIFFERENT budget: not a paired comparison)'}: final ${c.unit} ${formatInterval(c.before)} → ${formatInterval(c.after)}; reaching ${c.before.estimate.toFixed(3)}: ${reach(c.stepsToReach.before)} → ${reach(c.stepsToReach.after)}`,
    c.verdict,
  ].join('\n');
}
