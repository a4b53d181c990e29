/**
 * A time-boxed training run, shared by `ludus train` and `ludus league`'s CLI: iterate, evaluate
 * against the fixed baselines every `evalEvery` seconds, snapshot to a checkpoint file (and, via
 * the onCheckpoint hook, to an arena), write the curve as CSV and JSON next to the checkpoints.
 * Evaluations and snapshots are scheduled in seconds or in iterations; with an iteration schedule
 * and an iteration budget (`--iterations`), a run is a pure function of its seed and options and
 * repeats exactly. With a seconds schedule the clock decides when self-play snapshots enter the
 * opponent pool, so a rerun on a machine of another speed follows another path.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyGame, Json } from '../../games/core/types.ts';
import type { CheckpointRecord } from '../../server/contracts.ts';
import type { AgentSpec } from '../core/agent.ts';
import { makeCheckpoint, policyAgent, saveCheckpointFile, decodeWeights } from '../policy/checkpoint.ts';
import { parseArchitecture, type PolicyArchitecture } from '../policy/architecture.ts';
import { CurveWriter } from './curves.ts';
import { evaluateAgainst, type EvalLine } from './evaluate.ts';
import { PpoLearner, type IterationMetrics, type LearnerState, type TrainConfig } from './ppo.ts';
import { OpponentPool, fixedOpponents, type OpponentSampling } from './selfplay.ts';
import type { Weighting } from './pfsp.ts';

/** When something recurs: every so many seconds of wall clock, or every so many iterations. */
export type Every = { seconds: number } | { iterations: number };

/** Parse "30" / "30s" (seconds) or "20it" (iterations). */
export function parseEvery(text: string): Every | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|it)?\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  if (m[2] === 'it') return Number.isInteger(n) && n >= 1 ? { iterations: n } : null;
  return { seconds: n };
}

/** Due when `every` has passed since the last time (last = [clock ms, iteration]). */
function due(every: Every, nowMs: number, iteration: number, last: [number, number]): boolean {
  return 'iterations' in every ? iteration - last[1] >= every.iterations : (nowMs - last[0]) / 1000 >= every.seconds;
}

export interface TrainSessionOptions {
  game: AnyGame;
  config: any;
  train: TrainConfig;
  minutes: number;
  maxIterations?: number;
  /** 'none' = train against the fixed opponents only. */
  selfplay: 'none' | OpponentSampling;
  window: number;
  weighting: Weighting;
  /** Share of episodes against the fixed opponents once snapshots exist (self-play only). */
  baselineShare: number;
  opponents: readonly AgentSpec[];
  /**
   * Adversarial training (the defence of "Rethinking Adversarial Policies", 2023): trained
   * adversaries of the policy, drawn for a `share` of the episodes, the usual opponents for the rest.
   */
  adversaries?: { specs: readonly AgentSpec[]; share: number };
  /** Agents the win rate is measured against. */
  evalAgainst: readonly AgentSpec[];
  evalEvery: Every;
  evalMatches: number;
  /** Between checkpoints (self-play snapshots are taken at the same moments). */
  snapshotEvery: Every;
  out: string;
  run: string;
  resume?: CheckpointRecord;
  /** The network for a fresh run (default: the game's MLP); a resumed run takes the checkpoint's. */
  arch?: PolicyArchitecture;
  /**
   * The resume state written next to `resume` (`<id>.resume.json`): with it the run continues
   * exactly (counters, Adam, Rngs, statistics, open episodes, schedules); fixed opponents only.
   * Without it a resume continues the weights and the counters of the checkpoint's metadata.
   */
  resumeState?: SessionResumeState;
  onIteration?(m: IterationMetrics, status: SessionStatus): void;
  onEval?(lines: EvalLine[], status: SessionStatus): void;
  onCheckpoint?(rec: CheckpointRecord, path: string): Promise<void> | void;
  /** Injected for tests; default performance.now. */
  now?: () => number;
}

export interface SessionStatus {
  elapsed: number;
  iteration: number;
  envSteps: number;
  lastEval?: EvalLine[];
  winHistory: number[];
}

/** The `<checkpoint id>.resume.json` file next to each checkpoint of an in-process run. */
export interface SessionResumeState {
  format: 1;
  run: string;
  checkpoint: string;
  learner: LearnerState;
  /** Iterations of the last evaluation and the last snapshot (the schedules continue from them). */
  lastEvalIteration: number | null;
  lastSnapIteration: number;
  train: TrainConfig;
}

export function resumeStatePath(checkpointPath: string): string {
  return checkpointPath.replace(/\.json$/, '') + '.resume.json';
}

export interface TrainSummary {
  run: string;
  /** Why the run ended: its iteration budget, or the wall clock (--minutes) before it. */
  stoppedBy: 'iterations' | 'minutes';
  game: string;
  iterations: number;
  envSteps: number;
  seconds: number;
  checkpoints: { id: string; path: string }[];
  finalEval: EvalLine[];
  curve: { csv: string; json: string };
}

export async function runTraining(o: TrainSessionOptions): Promise<TrainSummary> {
  const now = o.now ?? (() => performance.now());
  const resumeArch = o.resume ? parseArchitecture(o.resume.architecture) : undefined;
  const pool =
    o.selfplay === 'none'
      ? undefined
      : new OpponentPool(o.opponents, {
          sampling: o.selfplay,
          window: o.window,
          weighting: o.weighting,
          baselineShare: o.baselineShare,
          maxSnapshots: 50,
        });
  const fixed = o.opponents;
  if (!pool && fixed.length === 0 && o.train.seatMode === 'one')
    throw new Error('training needs opponents (or self-play, or --seats all)');
  if ((o.train.klCoef ?? 0) > 0 && !o.resume)
    throw new Error('a KL penalty needs a starting checkpoint to stay close to (resume)');
  const adv = o.adversaries?.specs.length ? o.adversaries : undefined;
  if (adv && (o.train.workers ?? 1) >= 2)
    throw new Error('adversarial training runs in-process: worker threads take their opponents by registry id');
  const learner = new PpoLearner(o.game, o.config, o.train, {
    arch: resumeArch ?? o.arch,
    params: o.resume ? decodeWeights(o.resume.weights) : undefined,
    reference: (o.train.klCoef ?? 0) > 0 ? decodeWeights(o.resume!.weights) : undefined,
    opponents: pool ?? fixedOpponents(fixed),
    pickOpponent: (rng) => {
      if (adv && rng.chance(adv.share)) {
        const spec = rng.pick(adv.specs);
        return { id: spec.id, spec };
      }
      if (pool) return pool.pick(rng);
      const spec = rng.pick(fixed);
      return { id: spec.id, spec };
    },
  });
  const adversaryDraw = (id: string) => {
    const spec = [...fixed, ...(adv?.specs ?? [])].find((a) => a.id === id);
    if (!spec) throw new Error(`resume: the open episodes play ${id}, which is not among this run's opponents`);
    return { id, spec };
  };
  const rs = o.resumeState;
  if (rs) {
    if (pool)
      throw new Error('resume: an exact resume state covers fixed opponents only (a self-play pool is not saved)');
    await learner.importState(rs.learner, adversaryDraw);
  } else if (o.resume) {
    // No saved state: the counters continue from the checkpoint's metadata.
    const t = (o.resume.training ?? {}) as { iterations?: unknown; envSteps?: unknown };
    if (typeof t.iterations === 'number') learner.iteration = t.iterations;
    if (typeof t.envSteps === 'number') learner.totalEnvSteps = t.envSteps;
  }
  const curve = new CurveWriter(o.out, o.run);
  const checkpoints: TrainSummary['checkpoints'] = [];
  const status: SessionStatus = { elapsed: 0, iteration: 0, envSteps: 0, winHistory: [] };
  let parent = o.resume?.id ?? null;
  const t0 = now();
  // Evaluations fall on multiples of an iteration schedule (--eval-every 2it: 2, 4, …) and the final one closes the run.
  let lastEval: [number, number] = [t0, rs?.lastEvalIteration ?? learner.iteration];
  let lastSnap: [number, number] = [t0, rs?.lastSnapIteration ?? learner.iteration];
  let k = 0;
  const evaluate = (): EvalLine[] =>
    o.evalAgainst.length
      ? evaluateAgainst(
          o.game,
          o.config,
          policyAgent(learner.arch, learner.snapshot(), { id: 'learner', game: o.game.id }),
          o.evalAgainst,
          o.evalMatches,
          o.train.seed + 1,
        )
      : [];
  const checkpoint = async (final: boolean) => {
    k++;
    const id = `${o.run}-${k}`;
    const rec = makeCheckpoint({
      id,
      // Unique per run (the run tag) and per checkpoint (the final one may share the last snapshot's iteration).
      name: `${o.run}-i${learner.iteration}${final ? '-final' : ''}`,
      game: o.game.id,
      config: o.config as Json,
      architecture: learner.arch,
      params: learner.snapshot(),
      training: {
        algo: 'ppo',
        run: o.run,
        role: adv ? 'adversarial-training' : pool ? `self-play-${o.selfplay}` : 'fixed-opponents',
        ...(adv
          ? {
              adversaries: adv.specs.map((a) =>
                String((a.meta as { checkpoint?: string } | undefined)?.checkpoint ?? a.id),
              ),
              adversaryShare: adv.share,
            }
          : {}),
        seed: o.train.seed,
        iterations: learner.iteration,
        envSteps: learner.totalEnvSteps,
        seconds: (now() - t0) / 1000,
        hyper: o.train as unknown as Json,
        final,
        eval: (status.lastEval ?? []).map((l) => ({
          opponent: l.opponent,
          score: l.score.estimate,
          low: l.score.low,
          high: l.score.high,
        })),
      },
      parent,
    });
    parent = id;
    const path = saveCheckpointFile(o.out, rec);
    if (learner.rollout) {
      const state: SessionResumeState = {
        format: 1,
        run: o.run,
        checkpoint: id,
        learner: await learner.exportState(),
        lastEvalIteration: Number.isFinite(lastEval[1]) ? lastEval[1] : null,
        lastSnapIteration: lastSnap[1],
        train: o.train,
      };
      writeFileSync(resumeStatePath(path), JSON.stringify(state));
    }
    checkpoints.push({ id, path });
    const weights = decodeWeights(rec.weights);
    pool?.add({ id, spec: policyAgent(learner.arch, weights, { id, game: o.game.id }), weights });
    await o.onCheckpoint?.(rec, path);
  };

  try {
    while (
      (now() - t0) / 1000 < o.minutes * 60 &&
      (o.maxIterations === undefined || learner.iteration < o.maxIterations)
    ) {
      const m = learner.iterate();
      pool?.record(m.episodes);
      status.elapsed = (now() - t0) / 1000;
      status.iteration = m.iteration;
      status.envSteps = m.totalEnvSteps;
      let evalCols: Record<string, number> = {};
      if (due(o.evalEvery, now(), m.iteration, lastEval)) {
        lastEval = [now(), m.iteration];
        status.lastEval = evaluate();
        status.winHistory.push(meanScore(status.lastEval));
        evalCols = Object.fromEntries(status.lastEval.map((l) => [`score_vs_${l.opponent}`, l.score.estimate]));
        o.onEval?.(status.lastEval, status);
      }
      curve.add({
        iteration: m.iteration,
        seconds: round(status.elapsed),
        env_steps: m.totalEnvSteps,
        mean_return: m.meanReturn,
        train_win_rate: m.winRate,
        policy_loss: m.policyLoss,
        value_loss: m.valueLoss,
        entropy: m.entropy,
        approx_kl: m.approxKl,
        ref_kl: m.refKl,
        clip_fraction: m.clipFraction,
        collect_ms: round(m.collectMs),
        update_ms: round(m.updateMs),
        ...Object.fromEntries(o.evalAgainst.map((a) => [`score_vs_${a.id}`, evalCols[`score_vs_${a.id}`] ?? NaN])),
      });
      o.onIteration?.(m, status);
      if (due(o.snapshotEvery, now(), m.iteration, lastSnap)) {
        lastSnap = [now(), m.iteration];
        await checkpoint(false);
      }
    }
    const stoppedBy = o.maxIterations !== undefined && learner.iteration >= o.maxIterations ? 'iterations' : 'minutes';
    if (lastEval[1] !== learner.iteration || !status.lastEval) {
      status.lastEval = evaluate();
      status.winHistory.push(meanScore(status.lastEval));
      o.onEval?.(status.lastEval, status);
    }
    // The curve carries the final evaluation too (the last row was written before it was measured).
    const finalEval = status.lastEval;
    curve.amendLast(Object.fromEntries(finalEval.map((l) => [`score_vs_${l.opponent}`, l.score.estimate])));
    await checkpoint(true);
    return {
      run: o.run,
      stoppedBy,
      game: o.game.id,
      iterations: learner.iteration,
      envSteps: learner.totalEnvSteps,
      seconds: (now() - t0) / 1000,
      checkpoints,
      finalEval,
      curve: { csv: curve.csvPath, json: curve.jsonPath },
    };
  } finally {
    learner.dispose();
  }
}

export function meanScore(lines: readonly EvalLine[]): number {
  return lines.length ? lines.reduce((a, l) => a + l.score.estimate, 0) / lines.length : NaN;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Default output folder for checkpoints and curves. */
export const DEFAULT_OUT = join('.ludus', 'checkpoints');
