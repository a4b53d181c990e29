/**
 * `ludus eval-vgc [--sets 1,4,16] [--methods bc,ppo,ppo-kl,fp] [--iterations N] [--envs N] [--steps N] [--battles 200]
 *   [--heldout 56-71] [--baselines random,max-damage,heuristic] [--bc-games N] [--kl X]
 *   [--alpha infinite|X] [--seed S] [--out DIR] [--json]`
 * VGC-Bench's protocol on VGC-lite (agents/train/vgc-protocol.ts): trains every method on every
 * team set, plays every pair on the seen and the held-out teams (seats swapped), ranks with
 * α-Rank, and writes the tables (Markdown and JSON) to --out.
 */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getGame } from '../../games/index.ts';
import { poolSelection } from '../../games/vgc/pool.ts';
import { getAgent } from '../../agents/registry.ts';
import { ensureBackend } from '../../agents/policy/backend.ts';
import { protocolMarkdown, runVgcProtocol, VGC_METHODS, type VgcMethod } from '../../agents/train/vgc-protocol.ts';
import { guard, parseNumber, printJson, UsageError } from '../output.ts';

export function registerEvalVgc(program: Command): void {
  program
    .command('eval-vgc')
    .description(
      "VGC-Bench's protocol: train each method on team sets of 1/4/16 teams, play every pair on seen and held-out teams with seats swapped, rank with α-Rank",
    )
    .option('--sets <list>', 'team-set sizes (the set of k is pool teams 0..k-1)', '1,4,16')
    .option('--methods <list>', `trained methods: ${VGC_METHODS.join(', ')}`, 'bc,ppo,ppo-kl,fp')
    .option('--iterations <n>', 'PPO iterations per method after behaviour cloning', '30')
    .option('--battles <n>', 'battles per pair of agents (even: seats swapped on the same seed)', '200')
    .option('--heldout <pool>', 'held-out teams (in no set)', '56-71')
    .option('--baselines <list>', 'scripted agents in every table', 'random,max-damage,heuristic')
    .option('--teacher <id>', 'behaviour-cloning teacher', 'heuristic')
    .option('--bc-games <n>', 'battles recorded for behaviour cloning', '300')
    .option('--bc-epochs <n>', 'behaviour-cloning epochs', '20')
    .option('--kl <coef>', 'KL coefficient of ppo-kl', '0.1')
    .option('--envs <n>', "PPO environments stepped in lockstep (default: ludus train's)")
    .option('--steps <n>', "PPO steps per env per rollout (default: ludus train's)")
    .option('--baseline-share <p>', 'fp/pfsp: share of episodes against the baselines', '0.5')
    .option('--alpha <x>', "α-Rank selection intensity: 'infinite' (VGC-Bench) or a number", 'infinite')
    .option('--seed <n>', 'seed', '1')
    .option('--out <dir>', 'where checkpoints and the tables go', join('.ludus', 'eval-vgc'))
    .option('--json', 'machine-readable result on stdout')
    .action((opts) =>
      guard(async () => {
        const game = getGame('vgc');
        const int = (name: string, v: string, min = 1) => parseNumber(name, v, { min, integer: true });
        const sets = String(opts.sets)
          .split(',')
          .map((s) => int('sets', s.trim()));
        const heldout = poolSelection(String(opts.heldout));
        for (const k of sets) {
          if (k > 72) throw new UsageError(`--sets ${k}: the pool has 72 teams`);
          const clash = heldout.filter((i) => i < k);
          if (clash.length)
            throw new UsageError(
              `--heldout ${opts.heldout} overlaps the team set of ${k} (teams ${clash.join(', ')}): held-out teams must be unseen`,
            );
        }
        const methods = String(opts.methods)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean) as VgcMethod[];
        for (const m of methods)
          if (!VGC_METHODS.includes(m))
            throw new UsageError(`--methods: unknown method ${m} (known: ${VGC_METHODS.join(', ')})`);
        const baselines = String(opts.baselines)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        for (const b of baselines) getAgent('vgc', b);
        const battles = int('battles', opts.battles, 2);
        if (battles % 2) throw new UsageError('--battles must be even (each seed is played with the seats swapped)');
        const alpha = opts.alpha === 'infinite' ? 'infinite' : parseNumber('alpha', opts.alpha, { min: 0 });
        await ensureBackend({ log: opts.json ? null : undefined });
        const out = String(opts.out);
        mkdirSync(out, { recursive: true });
        const t0 = performance.now();
        const result = await runVgcProtocol({
          game,
          sets,
          heldout: String(opts.heldout),
          methods,
          baselines,
          teacher: String(opts.teacher),
          bcGames: int('bc-games', opts.bcGames),
          bcEpochs: int('bc-epochs', opts.bcEpochs),
          iterations: int('iterations', opts.iterations),
          klCoef: parseNumber('kl', opts.kl, { min: 0 }),
          baselineShare: parseNumber('baseline-share', opts.baselineShare, { min: 0, max: 1 }),
          battles,
          alpha,
          seed: int('seed', opts.seed, 0),
          out,
          train: {
            ...(opts.envs !== undefined ? { envs: int('envs', opts.envs) } : {}),
            ...(opts.steps !== undefined ? { stepsPerEnv: int('steps', opts.steps) } : {}),
          },
          log: opts.json ? undefined : (l) => process.stderr.write(l + '\n'),
        });
        const seconds = (performance.now() - t0) / 1000;
        const md = `# ludus eval-vgc\n\nsets ${sets.join(', ')}; methods ${methods.join(', ')}; ${opts.iterations} PPO iterations each; ${battles} battles per pair, seats swapped; α-Rank α = ${alpha}; ${seconds.toFixed(0)} s\n\n${protocolMarkdown(result)}`;
        writeFileSync(join(out, 'eval-vgc.md'), md);
        writeFileSync(join(out, 'eval-vgc.json'), JSON.stringify({ ...result, seconds }, null, 1));
        if (opts.json) return printJson({ ...result, seconds, table: join(out, 'eval-vgc.md') });
        process.stdout.write(md + `\ntables written to ${join(out, 'eval-vgc.md')} and eval-vgc.json\n`);
      }),
    );
}
