/**
 * `ludus train --game G --algo ppo --minutes M [--seed S] [--envs N] [--out DIR] [--resume FILE]
 *   [--selfplay none|window|latest|pfsp] [--opponents a,b] [--arena URL --token T] [--json]`
 * PPO from scratch (or from a checkpoint) with a live status line; checkpoints and the curve
 * (CSV + JSON) go to --out (default .ludus/checkpoints); with --arena each checkpoint is uploaded.
 */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { getGame } from '../../games/index.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { GameError } from '../../games/core/errors.ts';
import { agentsFor, resolveAgents } from '../../agents/registry.ts';
import { ensureBackend } from '../../agents/policy/backend.ts';
import { checkpointAgent, loadCheckpointFile } from '../../agents/policy/checkpoint.ts';
import { evaluateAgainst } from '../../agents/train/evaluate.ts';
import { formatInterval } from '../../agents/eval/stats.ts';
import { chartColumns, sparkline, type CurveRow } from '../../agents/train/curves.ts';
import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_TRAIN, defaultTrainFor, type TrainConfig } from '../../agents/train/ppo.ts';
import {
  DEFAULT_OUT,
  meanScore,
  parseEvery,
  resumeStatePath,
  runTraining,
  type Every,
  type SessionResumeState,
  type SessionStatus,
} from '../../agents/train/session.ts';
import { uploadCheckpoint } from '../../agents/train/upload.ts';
import type { AgentSpec } from '../../agents/core/agent.ts';
import type { PolicyArchitecture } from '../../agents/policy/architecture.ts';
import { actionFeatureArchitecture, featureEncodersFor } from '../../agents/policy/encoders.ts';
import { addGameOptions, gameConfigFrom } from './play.ts';
import { guard, parseNumber, printJson, table, UsageError } from '../output.ts';

/** Hyper-parameter options shared by train and league. */
export function addPpoOptions(cmd: Command): Command {
  return cmd
    .option('--minutes <m>', 'wall-clock budget in minutes', '10')
    .option(
      '--iterations <n>',
      'stop after this many PPO iterations (whichever comes first; with iteration schedules the run repeats exactly)',
    )
    .option('--seed <n>', 'seed (weights, sampling, episodes)', '1')
    .option('--envs <n>', 'environments stepped in lockstep')
    .option('--workers <n>', 'worker threads collecting rollouts, the envs split among them (1 = in-process)', '1')
    .option('--steps <n>', 'steps per env per rollout')
    .option('--epochs <n>', 'PPO epochs per rollout')
    .option('--minibatches <n>', 'minibatches per epoch')
    .option('--lr <x>', 'Adam learning rate')
    .option('--gamma <x>', 'discount')
    .option('--lambda <x>', 'GAE lambda')
    .option('--clip <x>', 'PPO clip range')
    .option('--ent <x>', 'entropy bonus coefficient')
    .option('--hidden <sizes>', 'hidden layer sizes, e.g. 64,64')
    .option('--history <k>', 'stack the last k observations (iterated games)')
    .option('--seats <mode>', 'one (learner takes one seat per episode) or all (current policy plays every seat)')
    .option('--shaping <id>', 'potential-based reward shaping (vgc: hp)')
    .option('--shaping-coef <x>', 'coefficient of the shaping reward', '1')
    .option('--no-norm-obs', 'no running observation normalisation')
    .option('--no-norm-reward', 'no reward scaling by the return std')
    .option('--out <dir>', 'where checkpoints and curves go', DEFAULT_OUT)
    .option('--json', 'machine-readable summary on stdout');
}

export function ppoConfigFrom(opts: Record<string, any>, base: TrainConfig = DEFAULT_TRAIN): TrainConfig {
  const int = (name: string, v: string) => parseNumber(name, v, { min: 1, integer: true });
  const num = (name: string, v: string, min = 0) => parseNumber(name, v, { min });
  const c: TrainConfig = { ...base, hidden: [...base.hidden] };
  c.seed = parseNumber('seed', opts.seed ?? '1', { min: 0, integer: true });
  if (opts.envs !== undefined) c.envs = int('envs', opts.envs);
  if (opts.steps !== undefined) c.stepsPerEnv = int('steps', opts.steps);
  if (opts.workers !== undefined) {
    const w = parseNumber('workers', String(opts.workers), { min: 1, max: 64, integer: true });
    if (w > c.envs) throw new UsageError(`--workers ${w} exceeds --envs ${c.envs}: each worker steps at least one env`);
    // 1 stays out of the config, so that in-process runs record the same hyper-parameters as before.
    if (w > 1) c.workers = w;
  }
  if (opts.epochs !== undefined) c.epochs = int('epochs', opts.epochs);
  if (opts.minibatches !== undefined) c.minibatches = int('minibatches', opts.minibatches);
  if (opts.lr !== undefined) c.lr = num('lr', opts.lr);
  if (opts.gamma !== undefined) c.gamma = parseNumber('gamma', opts.gamma, { min: 0, max: 1 });
  if (opts.lambda !== undefined) c.lambda = parseNumber('lambda', opts.lambda, { min: 0, max: 1 });
  if (opts.clip !== undefined) c.clip = num('clip', opts.clip);
  if (opts.ent !== undefined) c.entCoef = num('ent', opts.ent);
  if (opts.history !== undefined) c.history = int('history', opts.history);
  if (opts.hidden !== undefined)
    c.hidden = String(opts.hidden)
      .split(',')
      .map((s) => int('hidden', s.trim()));
  if (opts.seats !== undefined) {
    if (opts.seats !== 'one' && opts.seats !== 'all')
      throw new UsageError(`--seats must be one or all, got ${JSON.stringify(opts.seats)}`);
    c.seatMode = opts.seats;
  }
  if (opts.shaping !== undefined) {
    c.shaping = String(opts.shaping);
    c.shapingCoef = num('shaping-coef', opts.shapingCoef ?? '1');
  }
  c.normalizeObs = opts.normObs !== false;
  c.normalizeReward = opts.normReward !== false;
  return c;
}

function every(name: string, text: string): Every {
  const e = parseEvery(String(text));
  if (!e)
    throw new UsageError(
      `--${name} must be seconds (e.g. 30 or 30s) or iterations (e.g. 20it), got ${JSON.stringify(text)}`,
    );
  return e;
}

/** The game's scripted agents (every registry agent for the game). */
export function baselinesFor(gameId: string, list?: string): AgentSpec[] {
  return list ? resolveAgents(gameId, list) : agentsFor(gameId);
}

/** A one-line status on stderr: a progress bar on a terminal, a plain line per evaluation otherwise. */
export function statusLine(totalSeconds: number) {
  // No clock budget (an iteration budget alone): no bar to fill, a plain line per evaluation.
  const tty = process.stderr.isTTY && Number.isFinite(totalSeconds);
  const bar = tty
    ? new SingleBar({ format: '{bar} {percentage}% | {status}', stream: process.stderr, hideCursor: true, barsize: 20 })
    : undefined;
  bar?.start(Math.round(totalSeconds), 0, { status: 'starting…' });
  return {
    update(elapsed: number, text: string, evalDone: boolean) {
      if (bar) bar.update(Math.min(Math.round(elapsed), Math.round(totalSeconds)), { status: text });
      else if (evalDone) process.stderr.write(text + '\n');
    },
    stop() {
      bar?.stop();
    },
  };
}

export function registerTrain(program: Command): void {
  const cmd = program
    .command('train')
    .description('train a policy with PPO (vectorised envs, GAE, optional self-play) and write checkpoints')
    .requiredOption('--game <id>', 'game id')
    .option('--algo <name>', 'training algorithm (ppo)', 'ppo')
    .option('--resume <file>', 'continue from a checkpoint file (e.g. a behaviour-cloned one from ludus imitate)')
    .option(
      '--features <encoder>',
      'a fresh action-feature network over this input encoder (vgc: vgc-features-v1) instead of the MLP on the game encoding',
    )
    .option('--action-hidden <n>', 'hidden units of the action-scoring head (with --features)', '32')
    .option('--kl <coef>', 'KL penalty toward the --resume checkpoint (its normaliser is then kept frozen)')
    .option(
      '--selfplay <mode>',
      'opponents from past snapshots: none, window (Bansal et al.), latest, pfsp, uniform (fictitious play: the uniform mixture of all past snapshots)',
      'none',
    )
    .option('--window <n>', 'self-play: recent snapshots sampled uniformly', '5')
    .option('--baseline-share <p>', 'self-play: share of episodes against the fixed opponents', '0.2')
    .option('--opponents <list>', 'fixed training opponents (default: every built-in agent of the game)')
    .option('--eval <list>', 'agents to measure the win rate against (default: the opponents)')
    .option('--eval-every <when>', 'between evaluations: seconds (30, 30s) or iterations (20it)', '30s')
    .option('--eval-matches <n>', 'matches per opponent per evaluation', '40')
    .option(
      '--snapshot-every <when>',
      'between checkpoints and self-play snapshots: seconds (60s) or iterations (25it)',
      '60s',
    )
    .option(
      '--adversarial <files>',
      'defence: fine-tune the --resume checkpoint against these adversary checkpoints (comma-separated files from ludus attack) mixed with its opponents',
    )
    .option('--adversary-share <p>', 'with --adversarial: share of episodes against the adversaries', '0.5')
    .option('--arena <url>', 'upload each checkpoint to this arena (POST <url>/api/checkpoints)')
    .option('--token <token>', 'admin token for --arena');
  addGameOptions(addPpoOptions(cmd)).action((opts, command: Command) =>
    guard(async () => {
      if (opts.algo !== 'ppo') throw new UsageError(`--algo ${opts.algo} is not available; use ppo`);
      if (opts.arena && !opts.token) throw new UsageError('--arena needs --token');
      const selfplay = opts.selfplay;
      if (!['none', 'window', 'latest', 'pfsp', 'uniform'].includes(selfplay))
        throw new UsageError(`--selfplay must be none, window, latest, pfsp or uniform`);
      if (opts.features && opts.resume)
        throw new UsageError("--features makes a fresh network; a --resume run keeps the checkpoint's");
      const game = getGame(opts.game);
      const given = (key: string) => command.getOptionValueSource(key) === 'cli';
      const iterations = opts.iterations
        ? parseNumber('iterations', opts.iterations, { min: 1, integer: true })
        : undefined;
      // An explicit iteration budget is never cut by the default wall clock: only an explicit --minutes stops it early.
      const minutes =
        iterations !== undefined && !given('minutes') ? Infinity : parseNumber('minutes', opts.minutes, { min: 0 });
      const resume = opts.resume ? loadCheckpointFile(opts.resume) : undefined;
      if (resume && resume.game !== game.id)
        throw new GameError('BAD_CONFIG', `checkpoint ${resume.id} is for ${resume.game}, not ${game.id}`);
      const config = parseConfig(
        game,
        resume && Object.keys(gameConfigFrom(opts)).length === 0 ? resume.config : gameConfigFrom(opts),
      );
      const defaults = defaultTrainFor(game.actionSpace(config));
      const resumed = resume ? resumeSettings(resume, defaults, opts, given) : undefined;
      const train = resumed ? resumed.train : ppoConfigFrom(opts, defaults);
      if (resume) {
        // The network shape comes from the checkpoint; --hidden/--history cannot change it.
        const arch = resume.architecture as { hidden: number[]; history: number };
        train.hidden = [...arch.hidden];
        train.history = arch.history;
      }
      if (opts.kl !== undefined) {
        train.klCoef = parseNumber('kl', opts.kl, { min: 0 });
        if (train.klCoef > 0 && !resume) throw new UsageError('--kl needs --resume (the policy to stay close to)');
        // Both policies must read the same normalised inputs: keep the checkpoint's normaliser.
        if (train.klCoef > 0) train.normalizeObs = false;
      }
      let arch: PolicyArchitecture | undefined;
      if (opts.features) {
        const known = featureEncodersFor(game.id);
        if (!known.includes(opts.features))
          throw new UsageError(
            `--features ${opts.features}: ${game.id} has ${known.length ? known.join(', ') : 'no feature encoder'}`,
          );
        if (train.history !== 1) throw new UsageError('--features takes no --history');
        arch = actionFeatureArchitecture(opts.features, game.actionSpace(config), {
          hidden: train.hidden,
          actionHidden: parseNumber('action-hidden', opts.actionHidden, { min: 1, max: 1024, integer: true }),
        });
      }
      const opponents = baselinesFor(game.id, opts.opponents);
      const adversaries = opts.adversarial ? adversariesFrom(String(opts.adversarial), game.id, resume) : [];
      const evalAgainst = opts.eval ? resolveAgents(game.id, opts.eval) : [...opponents, ...adversaries];
      const evalEvery = every('eval-every', opts.evalEvery);
      const snapshotEvery = every('snapshot-every', opts.snapshotEvery);
      // A resume continues the run: its settings (above), its counters, and — where the state file is next to the
      // checkpoint — its Adam moments, Rngs, statistics, open episodes and schedules, exactly.
      const statePath = opts.resume ? resumeStatePath(opts.resume) : undefined;
      let resumeState: SessionResumeState | undefined;
      const notes: string[] = [];
      if (resume) {
        const t = (resume.training ?? {}) as { iterations?: number; run?: string };
        notes.push(
          `resume: continuing ${t.run ? `run ${t.run}` : `checkpoint ${resume.id}`} at iteration ${t.iterations ?? 0} with its settings`,
        );
        for (const o of resumed!.overrides)
          notes.push(
            `resume: --${o.option} overrides the checkpoint's ${o.key} ${JSON.stringify(o.from)} → ${JSON.stringify(o.to)}`,
          );
        const exact = statePath && existsSync(statePath) && selfplay === 'none' && (train.workers ?? 1) <= 1;
        if (exact) {
          resumeState = JSON.parse(readFileSync(statePath, 'utf8')) as SessionResumeState;
          notes.push(
            `resume: exact (optimizer, random streams, statistics, open episodes and schedules from ${statePath})`,
          );
        } else {
          notes.push(
            `resume: NOT exact — ${!statePath || !existsSync(statePath) ? `no state file ${statePath}` : selfplay !== 'none' ? 'the self-play pool is not saved' : 'worker threads keep their own state'}; the weights, normaliser and counters continue, the optimizer and random streams restart`,
          );
        }
      }
      if (resume && adversaries.length)
        notes.push(
          `resume: --adversarial adds ${adversaries.length} adversar${adversaries.length === 1 ? 'y' : 'ies'} to the opponents (${opts.adversaryShare} of episodes): the run departs from the original here`,
        );
      const startIteration =
        resumeState?.learner.iteration ?? (resume?.training as { iterations?: number } | undefined)?.iterations ?? 0;
      if (resume && iterations !== undefined)
        notes.push(`resume: ${iterations} more iterations (to ${startIteration + iterations})`);
      if (!opts.json) for (const n of notes) process.stderr.write(n + '\n');
      const backend = await ensureBackend({ log: opts.json ? null : undefined });
      const run = `ppo-${game.id}-s${train.seed}-${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
      const line = statusLine(minutes * 60);
      const uploads: { id: string; status: number; ok: boolean }[] = [];
      const text = (s: SessionStatus, m?: { meanReturn: number; entropy: number; approxKl: number }) => {
        const ev = s.lastEval?.map((l) => `${l.opponent} ${l.score.estimate.toFixed(2)}`).join(' ') ?? '…';
        const extra = m
          ? ` | ret ${m.meanReturn.toFixed(2)} | H ${m.entropy.toFixed(2)} | KL ${m.approxKl.toFixed(4)}`
          : '';
        return `it ${s.iteration} | ${(s.envSteps / 1000).toFixed(0)}k steps | win ${ev} ${sparkline(s.winHistory)}${extra}`;
      };
      const summary = await runTraining({
        game,
        config,
        train,
        minutes,
        maxIterations: iterations === undefined ? undefined : startIteration + iterations,
        selfplay,
        window: parseNumber('window', opts.window, { min: 1, integer: true }),
        weighting: 'squared',
        baselineShare: parseNumber('baseline-share', opts.baselineShare, { min: 0, max: 1 }),
        opponents,
        ...(adversaries.length
          ? {
              adversaries: {
                specs: adversaries,
                share: parseNumber('adversary-share', opts.adversaryShare, { min: 0, max: 1 }),
              },
            }
          : {}),
        evalAgainst,
        evalEvery,
        evalMatches: parseNumber('eval-matches', opts.evalMatches, { min: 1, integer: true }),
        snapshotEvery,
        out: opts.out,
        run,
        resume,
        arch,
        resumeState,
        onIteration: (m, s) => line.update(s.elapsed, text(s, m), false),
        onEval: (_l, s) => line.update(s.elapsed, text(s), true),
        onCheckpoint: async (rec) => {
          if (!opts.arena) return;
          try {
            const r = await uploadCheckpoint(opts.arena, opts.token, rec);
            uploads.push({ id: rec.id, status: r.status, ok: r.ok });
            if (!r.ok)
              process.stderr.write(`\nludus: upload of ${rec.id} failed: HTTP ${r.status} ${r.body.slice(0, 200)}\n`);
          } catch (e) {
            uploads.push({ id: rec.id, status: 0, ok: false });
            process.stderr.write(`\nludus: upload of ${rec.id} failed: ${(e as Error).message}\n`);
          }
        },
      });
      line.stop();
      if (iterations !== undefined && summary.stoppedBy === 'minutes')
        process.stderr.write(
          `ludus: STOPPED EARLY at iteration ${summary.iterations} of ${startIteration + iterations}: the --minutes ${minutes} budget ran out first\n`,
        );
      if (opts.json) return printJson({ ...summary, backend: backend.name, uploads, config: train, notes });
      process.stdout.write(
        `${game.title}: PPO ${summary.iterations} iterations, ${summary.envSteps} env steps in ${summary.seconds.toFixed(0)} s (tfjs ${backend.name})\n`,
      );
      process.stdout.write(
        table(
          ['opponent', 'matches', 'score (95% CI)', 'mean return'],
          summary.finalEval.map((l) => [l.opponent, l.matches, formatInterval(l.score), l.meanReturn.toFixed(3)]),
        ) + '\n',
      );
      process.stdout.write(
        `mean score ${meanScore(summary.finalEval).toFixed(3)}\ncheckpoint ${summary.checkpoints.at(-1)!.path}\ncurve ${summary.curve.csv}\n`,
      );
      const rows = JSON.parse(readFileSync(summary.curve.json, 'utf8')) as CurveRow[];
      const chart = chartColumns(
        rows,
        evalAgainst.map((a) => `score_vs_${a.id}`),
        'score against each evaluation opponent (wins + ½ draws)',
        { min: 0, max: 1 },
      );
      if (chart) process.stdout.write(chart + '\n');
      if (uploads.length)
        process.stdout.write(
          `uploaded ${uploads.filter((u) => u.ok).length}/${uploads.length} checkpoints to ${opts.arena}\n`,
        );
    }),
  );
}

/** Options that set a TrainConfig key (commander's option key → config key). */
const PPO_OPTION_KEYS: [string, keyof TrainConfig][] = [
  ['seed', 'seed'],
  ['envs', 'envs'],
  ['steps', 'stepsPerEnv'],
  ['workers', 'workers'],
  ['epochs', 'epochs'],
  ['minibatches', 'minibatches'],
  ['lr', 'lr'],
  ['gamma', 'gamma'],
  ['lambda', 'lambda'],
  ['clip', 'clip'],
  ['ent', 'entCoef'],
  ['seats', 'seatMode'],
  ['shaping', 'shaping'],
  ['shapingCoef', 'shapingCoef'],
  ['normObs', 'normalizeObs'],
  ['normReward', 'normalizeReward'],
];

/**
 * A resumed run's settings: the checkpoint's hyper-parameters (training.hyper), with only the options
 * given on the command line applied on top; each change is listed so that the run can say so.
 */
export function resumeSettings(
  resume: { training: unknown },
  defaults: TrainConfig,
  opts: Record<string, any>,
  given: (key: string) => boolean,
) {
  const hyper = ((resume.training ?? {}) as { hyper?: Partial<TrainConfig> }).hyper ?? {};
  const base: TrainConfig = { ...defaults, ...hyper, hidden: [...(hyper.hidden ?? defaults.hidden)] };
  const explicit = Object.fromEntries(Object.entries(opts).filter(([k]) => given(k)));
  const train = ppoConfigFrom(explicit, base);
  // ppoConfigFrom fills these from its own defaults when absent: keep the checkpoint's.
  if (!given('seed')) train.seed = base.seed;
  if (!given('normObs')) train.normalizeObs = base.normalizeObs;
  if (!given('normReward')) train.normalizeReward = base.normalizeReward;
  if (!given('workers')) train.workers = base.workers;
  if (train.workers === undefined) delete train.workers;
  const overrides = PPO_OPTION_KEYS.filter(
    ([opt, key]) => given(opt) && JSON.stringify(train[key]) !== JSON.stringify(base[key]),
  ).map(([opt, key]) => ({
    option: opt.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
    key,
    from: base[key] as unknown,
    to: train[key] as unknown,
  }));
  return { train, overrides };
}

/** The adversaries of `ludus train --adversarial`: checkpoint files of the game, each its own agent (id = its checkpoint name). */
function adversariesFrom(list: string, gameId: string, resume: unknown): AgentSpec[] {
  if (!resume) throw new UsageError('--adversarial fine-tunes a victim: give the victim with --resume <checkpoint>');
  return list.split(',').map((f) => {
    const rec = loadCheckpointFile(f.trim());
    if (rec.game !== gameId) throw new GameError('BAD_CONFIG', `adversary ${rec.id} is for ${rec.game}, not ${gameId}`);
    return checkpointAgent(rec);
  });
}

/** `ludus eval-checkpoint --file F --against a,b --matches N [--seed S] [--json]`: score a checkpoint. */
export function registerEvalCheckpoint(program: Command): void {
  const cmd = program
    .command('eval-checkpoint')
    .description('score a checkpoint file against built-in agents (seats rotate; Wilson 95% intervals)')
    .requiredOption('--file <path>', 'checkpoint file (.json)')
    .option('--against <list>', 'opponents (default: every built-in agent of the game)')
    .option('--matches <n>', 'matches per opponent', '200')
    .option('--seed <n>', 'seed', '12345')
    .option('--greedy', 'play the most likely action instead of sampling')
    .option('--json', 'machine-readable output');
  addGameOptions(cmd).action((opts) =>
    guard(() => {
      const rec = loadCheckpointFile(opts.file);
      const game = getGame(rec.game);
      // The checkpoint's config, with any --set key=value on top (e.g. held-out teams: --set pool=56-71).
      const config = parseConfig(game, { ...(rec.config as object), ...gameConfigFrom(opts) });
      const against = baselinesFor(game.id, opts.against);
      const lines = evaluateAgainst(
        game,
        config,
        checkpointAgent(rec, { greedy: !!opts.greedy }),
        against,
        parseNumber('matches', opts.matches, { min: 1, integer: true }),
        parseNumber('seed', opts.seed, { min: 0, integer: true }),
      );
      if (opts.json) return printJson({ checkpoint: rec.id, game: game.id, lines });
      process.stdout.write(`${rec.name} (${rec.id}) on ${game.title}\n`);
      process.stdout.write(
        table(
          ['opponent', 'matches', 'score (95% CI)', 'mean return', 'opponent return'],
          lines.map((l) => [
            l.opponent,
            l.matches,
            formatInterval(l.score),
            l.meanReturn.toFixed(3),
            l.opponentReturn.toFixed(3),
          ]),
        ) + '\n',
      );
    }),
  );
}
