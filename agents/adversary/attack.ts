/**
 * Adversarial policy attacks (Gleave et al. 2020, "Adversarial Policies"; settings in
 * docs/references.md): a PPO adversary is trained against a FROZEN victim. The victim is part of
 * the environment (it fills every other seat through its ordinary controller, in-process), and the
 * adversary sees only its own seat's observation, like any other agent. The learner is
 * agents/train's PpoLearner with the victim as its only opponent — no second PPO.
 *
 * `runAttack(spec, hooks)` is a pure, resumable job function: it runs until the budget (env steps,
 * iterations or wall-clock minutes) is spent or `signal` aborts it, reports progress and the curve
 * through `onProgress`, and returns a result record plus the adversary as a checkpoint record
 * (lineage: `training.victim` names the victim, `training.role` = 'adversary'). A job that was
 * stopped resumes with `resumeFrom` = the partial result's `resume` state: weights, counters, curve
 * and the learner's whole state (Adam, random streams, statistics, open episodes), so that with an
 * env-step or iteration budget a resumed attack ends with the same adversary as an uninterrupted one.
 *
 * Scores (wins + ½ draws, Wilson 95 % intervals, agents/eval/stats.ts) and payoffs (mean match
 * return of the adversary's seat, normal 95 % interval) are measured with the victim in the other
 * seats and the seats rotating, on seeds the training episodes never use; the final figure is
 * re-measured on a second, fresh set of seeds with more matches.
 */
import { randomUUID } from 'node:crypto';
import { GameError } from '../../games/core/errors.ts';
import type { AnyGame, Json } from '../../games/core/types.ts';
import type { CheckpointRecord } from '../../server/contracts.ts';
import type { AgentSpec } from '../core/agent.ts';
import type { Interval } from '../eval/stats.ts';
import { makeCheckpoint, policyAgent, decodeWeights } from '../policy/checkpoint.ts';
import { parseArchitecture } from '../policy/architecture.ts';
import { evaluateAgainst, type EvalLine } from '../train/evaluate.ts';
import { PpoLearner, defaultTrainFor, type LearnerState, type TrainConfig } from '../train/ppo.ts';
import { fixedOpponents } from '../train/selfplay.ts';
import { bestResponseReference, type BestResponseReference } from './best-response.ts';

/** How much the attacker may train: env steps (Gleave et al. count timesteps), PPO iterations, or wall-clock minutes. */
export type AttackBudget = { envSteps: number } | { iterations: number } | { minutes: number };

/** The victim: a built-in agent (its AgentSpec) or a checkpoint record (which carries its training metadata). */
export type VictimRef = { kind: 'builtin'; spec: AgentSpec } | { kind: 'checkpoint'; record: CheckpointRecord };

export interface AttackSpec {
  game: AnyGame;
  /** Parsed game config. */
  config: any;
  victim: VictimRef;
  budget: AttackBudget;
  seed: number;
  /** PPO settings over defaultTrainFor(game's action space); seed and seatMode are forced. */
  train?: Partial<TrainConfig>;
  /** Matches per evaluation point (default 40) and evaluation points over the budget (default 10). */
  evalMatches?: number;
  evalPoints?: number;
  /** Matches of the final re-measurement on fresh seeds (default 200). */
  finalMatches?: number;
}

/** One point of the attack curve. */
export interface AttackPoint {
  iteration: number;
  envSteps: number;
  seconds: number;
  /** Adversary's score against the victim (wins + ½ draws) with its Wilson 95 % interval. */
  score: Interval;
  /** Adversary's mean match return against the victim, and the victim's (per victim seat). */
  payoff: number;
  victimPayoff: number;
}

export interface AttackProgress {
  iteration: number;
  envSteps: number;
  seconds: number;
  /** Share of the budget spent, in [0, 1]. */
  fraction: number;
  /** Mean raw return and win rate of the adversary over the training episodes of this iteration. */
  trainReturn: number;
  trainScore: number;
  curve: readonly AttackPoint[];
}

/** What a stopped job needs to continue. */
export interface AttackResumeState {
  params: number[];
  iteration: number;
  envSteps: number;
  seconds: number;
  curve: AttackPoint[];
  adversaryId: string;
  /** The learner's full state (Adam, random streams, statistics, open episodes): the resume is exact. */
  learner?: LearnerState;
}

export interface AttackHooks {
  onProgress?(p: AttackProgress): void;
  /** Stop early (the result then has stopped = 'aborted' and a resume state). */
  signal?: AbortSignal;
  resumeFrom?: AttackResumeState;
  /**
   * Periodic resume snapshots for a durable job (server/evaluation/): called between iterations,
   * at most every `snapshotEverySeconds` (default 10 s of the attack's clock), with the state a
   * resumed attack continues from exactly. Awaited before the next iteration.
   */
  onSnapshot?(state: AttackResumeState): void | Promise<void>;
  snapshotEverySeconds?: number;
  /** Identity of a fresh attack's adversary (a job's id makes it stable across restarts); default random. */
  adversaryId?: string;
  /** Injected for tests; default performance.now. */
  now?: () => number;
}

export interface AttackResult {
  game: string;
  victim: { id: string; kind: 'builtin' | 'checkpoint'; name: string; checkpoint?: string };
  seed: number;
  budget: AttackBudget;
  stopped: 'budget' | 'aborted';
  iterations: number;
  envSteps: number;
  seconds: number;
  /** The untrained adversary (iteration 0): where the attack starts. */
  initial: AttackPoint;
  /** The victim against itself (seats rotating): the value the victim "should" concede, V(π, π). */
  victimSelfPlay: { score: Interval; payoff: number };
  curve: AttackPoint[];
  /** The trained adversary re-measured on fresh seeds. */
  final: { matches: number; score: Interval; payoff: Interval; victimPayoff: number };
  /** Adversary env steps / victim's training env steps (checkpoint metadata); null for scripted victims. */
  budgetFraction: number | null;
  victimTrainingSteps: number | null;
  /** Dilemmas and public goods: the exact best response's payoff and the adversary's gap to it. */
  bestResponse: (BestResponseReference & { adversaryPayoff: number; gap: number; relativeGap: number }) | null;
  adversary: CheckpointRecord;
  /** Set when stopped = 'aborted'. */
  resume?: AttackResumeState;
}

/** The victim as a playable AgentSpec, with an identity for the record. */
export function victimAgent(v: VictimRef): {
  spec: AgentSpec;
  id: string;
  name: string;
  checkpoint?: string;
  trainingSteps: number | null;
} {
  if (v.kind === 'builtin')
    return { spec: v.spec, id: v.spec.id, name: v.spec.title ?? v.spec.id, trainingSteps: null };
  const rec = v.record;
  const arch = parseArchitecture(rec.architecture);
  const training = (rec.training ?? {}) as Record<string, unknown>;
  const steps = typeof training.envSteps === 'number' ? training.envSteps : null;
  return {
    spec: policyAgent(arch, decodeWeights(rec.weights), {
      id: rec.name,
      game: rec.game,
      description: `victim checkpoint ${rec.id}`,
    }),
    id: rec.id,
    name: rec.name,
    checkpoint: rec.id,
    trainingSteps: steps,
  };
}

function budgetFractionSpent(b: AttackBudget, iteration: number, envSteps: number, seconds: number): number {
  if ('envSteps' in b) return Math.min(1, envSteps / b.envSteps);
  if ('iterations' in b) return Math.min(1, iteration / b.iterations);
  return Math.min(1, seconds / (b.minutes * 60));
}

/** Seeds: training episodes derive from `seed`; evaluations from seed+1e6, the final measure from seed+2e6 (never the same matches). */
const EVAL_OFFSET = 1_000_000;
const FINAL_OFFSET = 2_000_000;

export async function runAttack(spec: AttackSpec, hooks: AttackHooks = {}): Promise<AttackResult> {
  const { game, config } = spec;
  const now = hooks.now ?? (() => performance.now());
  const victim = victimAgent(spec.victim);
  if (spec.victim.kind === 'builtin' && !victim.spec.games.includes(game.id))
    throw new GameError('UNKNOWN_AGENT', `${victim.id} does not play ${game.id}`);
  if (spec.victim.kind === 'checkpoint' && spec.victim.record.game !== game.id)
    throw new GameError(
      'BAD_CONFIG',
      `checkpoint ${spec.victim.record.id} is for ${spec.victim.record.game}, not ${game.id}`,
    );
  const train: TrainConfig = {
    ...defaultTrainFor(game.actionSpace(config)),
    ...spec.train,
    seed: spec.seed,
    seatMode: 'one',
  };
  const resume = hooks.resumeFrom;
  const learner = new PpoLearner(game, config, train, {
    params: resume ? Float32Array.from(resume.params) : undefined,
    opponents: fixedOpponents([victim.spec]),
    pickOpponent: () => ({ id: victim.spec.id, spec: victim.spec }),
  });
  if (resume?.learner) await learner.importState(resume.learner, () => ({ id: victim.spec.id, spec: victim.spec }));
  else if (resume) {
    learner.iteration = resume.iteration;
    learner.totalEnvSteps = resume.envSteps;
  }
  const evalMatches = spec.evalMatches ?? 40;
  const points = Math.max(1, spec.evalPoints ?? 10);
  const adversaryId = resume?.adversaryId ?? hooks.adversaryId ?? `adv-${game.id}-${randomUUID().slice(0, 8)}`;
  const measure = (params: Float32Array, matches: number, seed: number): EvalLine =>
    evaluateAgainst(
      game,
      config,
      policyAgent(learner.arch, params, { id: 'adversary', game: game.id }),
      [victim.spec],
      matches,
      seed,
    )[0]!;
  const pointOf = (line: EvalLine, seconds: number): AttackPoint => ({
    iteration: learner.iteration,
    envSteps: learner.totalEnvSteps,
    seconds,
    score: line.score,
    payoff: line.meanReturn,
    victimPayoff: line.opponentReturn,
  });
  const t0 = now() - (resume?.seconds ?? 0) * 1000;
  const elapsed = () => (now() - t0) / 1000;
  const curve: AttackPoint[] = resume
    ? [...resume.curve]
    : [pointOf(measure(learner.snapshot(), evalMatches, spec.seed + EVAL_OFFSET), 0)];
  const initial = curve[0]!;
  const selfLine = evaluateAgainst(game, config, victim.spec, [victim.spec], evalMatches, spec.seed + EVAL_OFFSET)[0]!;
  let nextEval = curve.length / points;
  let stopped: AttackResult['stopped'] = 'budget';
  const resumeState = async (params: Float32Array, seconds: number): Promise<AttackResumeState> => ({
    params: Array.from(params),
    iteration: learner.iteration,
    envSteps: learner.totalEnvSteps,
    seconds,
    curve: [...curve],
    adversaryId,
    ...(learner.rollout ? { learner: await learner.exportState() } : {}),
  });
  const snapshotEvery = hooks.snapshotEverySeconds ?? 10;
  let lastSnapshot = elapsed();
  try {
    while (budgetFractionSpent(spec.budget, learner.iteration, learner.totalEnvSteps, elapsed()) < 1) {
      if (hooks.signal?.aborted) {
        stopped = 'aborted';
        break;
      }
      const m = learner.iterate();
      const fraction = budgetFractionSpent(spec.budget, learner.iteration, learner.totalEnvSteps, elapsed());
      if (fraction >= nextEval || fraction >= 1) {
        curve.push(pointOf(measure(learner.snapshot(), evalMatches, spec.seed + EVAL_OFFSET), elapsed()));
        while (nextEval <= fraction) nextEval += 1 / points;
      }
      hooks.onProgress?.({
        iteration: learner.iteration,
        envSteps: learner.totalEnvSteps,
        seconds: elapsed(),
        fraction,
        trainReturn: m.meanReturn,
        trainScore: m.winRate,
        curve,
      });
      if (hooks.onSnapshot && elapsed() - lastSnapshot >= snapshotEvery) {
        await hooks.onSnapshot(await resumeState(learner.snapshot(), elapsed()));
        lastSnapshot = elapsed();
      }
      // Let an abort (or a job queue's heartbeat) in between iterations.
      await new Promise<void>((r) => setImmediate(r));
    }
    const params = learner.snapshot();
    const finalMatches = spec.finalMatches ?? 200;
    const fin = finalMeasure(
      game,
      config,
      policyAgent(learner.arch, params, { id: 'adversary', game: game.id }),
      victim.spec,
      finalMatches,
      spec.seed + FINAL_OFFSET,
    );
    const seconds = elapsed();
    const br = bestResponseReference(game, config, victim.spec);
    const adversary = makeCheckpoint({
      id: `${adversaryId}-i${learner.iteration}`,
      // The victim's id, not its title: an agent name has no spaces (a built-in's title may).
      name: `adversary-${game.id}-vs-${spec.victim.kind === 'builtin' ? victim.id : victim.name}-s${spec.seed}-${adversaryId.slice(-8)}-i${learner.iteration}`,
      game: game.id,
      config: config as Json,
      architecture: learner.arch,
      params,
      training: {
        algo: 'ppo',
        role: 'adversary',
        victim: {
          id: victim.id,
          name: victim.name,
          kind: spec.victim.kind,
          ...(victim.checkpoint ? { checkpoint: victim.checkpoint } : {}),
        },
        seed: spec.seed,
        iterations: learner.iteration,
        envSteps: learner.totalEnvSteps,
        seconds,
        hyper: train as unknown as Json,
        final: stopped === 'budget',
        eval: [{ opponent: victim.id, score: fin.score.estimate, low: fin.score.low, high: fin.score.high }],
      },
      parent: null,
    });
    return {
      game: game.id,
      victim: {
        id: victim.id,
        kind: spec.victim.kind,
        name: victim.name,
        ...(victim.checkpoint ? { checkpoint: victim.checkpoint } : {}),
      },
      seed: spec.seed,
      budget: spec.budget,
      stopped,
      iterations: learner.iteration,
      envSteps: learner.totalEnvSteps,
      seconds,
      initial,
      victimSelfPlay: { score: selfLine.score, payoff: selfLine.meanReturn },
      curve,
      final: fin,
      budgetFraction: victim.trainingSteps ? learner.totalEnvSteps / victim.trainingSteps : null,
      victimTrainingSteps: victim.trainingSteps,
      bestResponse: br
        ? {
            ...br,
            adversaryPayoff: fin.payoff.estimate,
            gap: br.payoff - fin.payoff.estimate,
            relativeGap: (br.payoff - fin.payoff.estimate) / Math.abs(br.payoff || 1),
          }
        : null,
      adversary,
      ...(stopped === 'aborted' ? { resume: await resumeState(params, seconds) } : {}),
    };
  } finally {
    learner.dispose();
  }
}

/** The final measurement: score with its Wilson interval, payoff with the normal interval of the mean match return. */
function finalMeasure(
  game: AnyGame,
  config: any,
  adversary: AgentSpec,
  victim: AgentSpec,
  matches: number,
  seed: number,
): AttackResult['final'] {
  const line = evaluateAgainst(game, config, adversary, [victim], matches, seed)[0]!;
  return { matches, score: line.score, payoff: line.returnInterval, victimPayoff: line.opponentReturn };
}

/**
 * A budget from the command line: env steps (`200000`, `200k`, `2M`, `2e6`), PPO iterations
 * (`50it`) or wall-clock minutes (`5min`). Null when unreadable or not positive.
 */
export function parseBudget(text: string): AttackBudget | null {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*(k|M|it|min)?\s*$/.exec(text);
  if (!m) return null;
  const x = Number(m[1]);
  if (!(x > 0)) return null;
  if (m[2] === 'min') return { minutes: x };
  if (m[2] === 'it') return Number.isInteger(x) ? { iterations: x } : null;
  const steps = x * (m[2] === 'k' ? 1e3 : m[2] === 'M' ? 1e6 : 1);
  return Number.isInteger(steps) ? { envSteps: steps } : null;
}

/** The budget in words ("200,000 env steps", "50 iterations", "5 minutes"). */
export function describeBudget(b: AttackBudget): string {
  if ('envSteps' in b) return `${b.envSteps.toLocaleString('en-US')} env steps`;
  if ('iterations' in b) return `${b.iterations} iterations`;
  return `${b.minutes} minutes`;
}
