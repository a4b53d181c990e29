/**
 * VGC-Bench's evaluation protocol (Angliss et al. 2025, docs/references.md) for VGC-lite:
 * for each team set (the first 1, 4, 16 … teams of the sample pool), train every method on it,
 * then play every pair of agents (trained methods and the scripted baselines) `battles` battles
 * on the seen teams and on held-out teams that no set contains, seats swapped (battle 2k and
 * 2k+1 share a seed with the seats exchanged), and rank the agents of each table with α-Rank
 * (agents/eval/alpharank.ts; infinite α as VGC-Bench does, unless told otherwise).
 *
 * Methods (each from the same behaviour-cloned start, so that they differ only in what follows):
 *   bc      behaviour cloning of `heuristic` on the team set (imitate.ts)
 *   ppo     PPO from bc against the scripted baselines
 *   ppo-kl  the same with a KL penalty toward bc
 *   fp      fictitious play: PPO from bc against the uniform mixture of its past snapshots
 *           (and the baselines with probability `baselineShare`)
 *   pfsp    the same with prioritised fictitious self-play over the snapshots (AlphaStar)
 */
import type { CheckpointRecord } from '../../server/contracts.ts';
import { agentSeed, playMatch } from '../../games/core/runner.ts';
import { deriveSeed, Rng } from '../../games/core/rng.ts';
import type { AnyGame, Json } from '../../games/core/types.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import type { AgentSpec } from '../core/agent.ts';
import { alphaRank } from '../eval/alpharank.ts';
import { wilson, type Interval } from '../eval/stats.ts';
import { actionFeatureArchitecture, inputEncoder } from '../policy/encoders.ts';
import { checkpointAgent, loadCheckpointFile, makeCheckpoint } from '../policy/checkpoint.ts';
import { initParams } from '../policy/params.ts';
import { getAgent } from '../registry.ts';
import { behaviourClone, DEFAULT_CLONE, imitationAccuracy, recordDemonstrations } from './imitate.ts';
import { DEFAULT_TRAIN, type TrainConfig } from './ppo.ts';
import { scoreOf } from './rollout.ts';
import { runTraining } from './session.ts';

export const VGC_METHODS = ['bc', 'ppo', 'ppo-kl', 'fp', 'pfsp'] as const;
export type VgcMethod = (typeof VGC_METHODS)[number];

export interface ProtocolOptions {
  game: AnyGame;
  /** Team-set sizes: the set of size k is pool teams 0..k−1. */
  sets: number[];
  /** Held-out pool selector (teams in no set), e.g. '56-71'. */
  heldout: string;
  methods: VgcMethod[];
  /** Scripted agents in every table. */
  baselines: string[];
  teacher: string;
  bcGames: number;
  bcEpochs: number;
  /** PPO iterations per trained method (after bc). */
  iterations: number;
  klCoef: number;
  baselineShare: number;
  battles: number;
  alpha: number | 'infinite';
  seed: number;
  out: string;
  train?: Partial<TrainConfig>;
  log?(line: string): void;
}

export interface PairScore {
  a: string;
  b: string;
  battles: number;
  /** a's score (wins + ½ draws) with a Wilson 95 % interval. */
  score: Interval;
}

export interface ProtocolTable {
  set: number;
  split: 'seen' | 'held-out';
  pool: string;
  agents: string[];
  /** payoff[i][j] = score of agent i against agent j (0.5 on the diagonal). */
  payoff: number[][];
  pairs: PairScore[];
  /** α-Rank mass per agent (same order as agents). */
  alphaRank: number[];
}

export interface TrainedMethod {
  set: number;
  method: VgcMethod;
  checkpoint: string;
  seconds: number;
  iterations: number;
  /** bc only: held-out imitation accuracy of the teacher. */
  accuracy?: number;
}

export interface ProtocolResult {
  tables: ProtocolTable[];
  trained: TrainedMethod[];
}

/**
 * `battles` battles between two agents in pairs of the same seed with the seats swapped.
 * Returns a's score with a Wilson interval.
 */
export function pairedBattles(
  game: AnyGame,
  config: unknown,
  a: AgentSpec,
  b: AgentSpec,
  battles: number,
  seed: number,
): PairScore {
  let score = 0;
  for (let i = 0; i < battles; i++) {
    const matchSeed = deriveSeed(seed, 'paired', a.id, b.id, Math.floor(i / 2));
    const aSeat = i % 2;
    const controllers = [0, 1].map((s) =>
      (s === aSeat ? a : b).create({ game, config, seat: s, rng: Rng.seeded(agentSeed(matchSeed, s)) }),
    );
    const rec = playMatch(game, config, matchSeed, controllers, { validate: false, record: false });
    score += scoreOf(rec.result, aSeat);
  }
  return { a: a.id, b: b.id, battles, score: wilson(score, battles) };
}

/** Round robin of `agents` on one config; payoff and α-Rank. */
export function crossPlay(
  game: AnyGame,
  config: unknown,
  agents: readonly AgentSpec[],
  battles: number,
  seed: number,
  alpha: number | 'infinite',
): Omit<ProtocolTable, 'set' | 'split' | 'pool'> {
  const n = agents.length;
  const payoff = Array.from({ length: n }, () => new Array(n).fill(0.5));
  const pairs: PairScore[] = [];
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const p = pairedBattles(game, config, agents[i]!, agents[j]!, battles, seed);
      pairs.push(p);
      payoff[i]![j] = p.score.estimate;
      payoff[j]![i] = 1 - p.score.estimate;
    }
  return { agents: agents.map((a) => a.id), payoff, pairs, alphaRank: alphaRank(payoff, { alpha }).pi };
}

/** Train one method on a team set from the behaviour-cloned start; returns the checkpoint. */
async function trainMethod(
  o: ProtocolOptions,
  set: number,
  config: unknown,
  bc: CheckpointRecord,
  method: Exclude<VgcMethod, 'bc'>,
): Promise<{ rec: CheckpointRecord; seconds: number; iterations: number }> {
  const baselines = o.baselines.filter((b) => b !== 'random').map((id) => getAgent(o.game.id, id));
  const train: TrainConfig = {
    ...DEFAULT_TRAIN,
    hidden: [...DEFAULT_TRAIN.hidden],
    ...o.train,
    seed: o.seed,
    normalizeObs: false,
    klCoef: method === 'ppo-kl' ? o.klCoef : 0,
  };
  const selfplay = method === 'fp' ? 'uniform' : method === 'pfsp' ? 'pfsp' : 'none';
  const t0 = performance.now();
  const summary = await runTraining({
    game: o.game,
    config,
    train,
    minutes: 1e9,
    maxIterations: o.iterations,
    selfplay,
    window: 5,
    weighting: 'squared',
    baselineShare: o.baselineShare,
    opponents: baselines,
    evalAgainst: [],
    evalEvery: { iterations: 1e9 },
    evalMatches: 1,
    snapshotEvery: { iterations: Math.max(1, Math.floor(o.iterations / 10)) },
    out: o.out,
    run: `${method}-vgc-set${set}-s${o.seed}`,
    resume: bc,
  });
  return {
    rec: loadCheckpointFile(summary.checkpoints.at(-1)!.path),
    seconds: (performance.now() - t0) / 1000,
    iterations: summary.iterations,
  };
}

/** The whole protocol: train every method on every set, then the seen and held-out tables. */
export async function runVgcProtocol(o: ProtocolOptions): Promise<ProtocolResult> {
  const { game } = o;
  const tables: ProtocolTable[] = [];
  const trained: TrainedMethod[] = [];
  const baselineSpecs = o.baselines.map((id) => getAgent(game.id, id));
  const heldConfig = parseConfig(game, { pool: o.heldout });
  for (const set of o.sets) {
    const pool = set === 1 ? '0' : `0-${set - 1}`;
    const config = parseConfig(game, { pool });
    const agents: AgentSpec[] = [...baselineSpecs];
    // Behaviour cloning on the set (the start of every other method).
    const t0 = performance.now();
    const arch = actionFeatureArchitecture('vgc-features-v1', game.actionSpace(config));
    const encoder = inputEncoder(arch, game, config);
    const teacher = getAgent(game.id, o.teacher);
    const demos = recordDemonstrations({ game, config, teacher, matches: o.bcGames, seed: o.seed, encoder });
    const held = recordDemonstrations({
      game,
      config,
      teacher,
      matches: Math.max(10, Math.floor(o.bcGames / 4)),
      seed: o.seed + 1_000_003,
      encoder,
    });
    const { params } = behaviourClone(arch, initParams(arch, o.seed), demos, {
      ...DEFAULT_CLONE,
      epochs: o.bcEpochs,
      lr: 3e-3,
      batchSize: 64,
      seed: o.seed,
    });
    const accuracy = imitationAccuracy(arch, params, held).accuracy;
    const bc = makeCheckpoint({
      id: `bc-vgc-set${set}-s${o.seed}`,
      name: 'bc',
      game: game.id,
      config: config as Json,
      architecture: arch,
      params,
      training: {
        algo: 'bc',
        teacher: o.teacher,
        games: o.bcGames,
        epochs: o.bcEpochs,
        seed: o.seed,
        heldoutAccuracy: accuracy,
      },
    });
    const bcSeconds = (performance.now() - t0) / 1000;
    o.log?.(
      `set ${set}: bc of ${o.teacher} on ${o.bcGames} battles, held-out accuracy ${accuracy.toFixed(3)} (${bcSeconds.toFixed(0)} s)`,
    );
    if (o.methods.includes('bc')) {
      agents.push(checkpointAgent(bc, { id: 'bc' }));
      trained.push({ set, method: 'bc', checkpoint: bc.id, seconds: bcSeconds, iterations: 0, accuracy });
    }
    for (const method of o.methods) {
      if (method === 'bc') continue;
      const r = await trainMethod(o, set, config, bc, method);
      o.log?.(`set ${set}: ${method} ${r.iterations} iterations (${r.seconds.toFixed(0)} s)`);
      agents.push(checkpointAgent(r.rec, { id: method }));
      trained.push({ set, method, checkpoint: r.rec.id, seconds: r.seconds, iterations: r.iterations });
    }
    for (const [split, cfg, p] of [
      ['seen', config, pool],
      ['held-out', heldConfig, o.heldout],
    ] as const) {
      const t = crossPlay(game, cfg, agents, o.battles, deriveSeed(o.seed, 'protocol', set, split), o.alpha);
      tables.push({ set, split, pool: p, ...t });
      o.log?.(`set ${set} ${split}: ${t.agents.map((a, i) => `${a} ${t.alphaRank[i]!.toFixed(3)}`).join(', ')}`);
    }
  }
  return { tables, trained };
}

/** The tables as Markdown: one row per agent, its score against every other agent, mean, α-Rank mass. */
export function protocolMarkdown(r: ProtocolResult): string {
  const lines: string[] = [];
  for (const t of r.tables) {
    lines.push(
      `### team set of ${t.set} (pool ${t.set === 1 ? '0' : `0-${t.set - 1}`}), ${t.split} teams (pool ${t.pool})`,
      '',
    );
    lines.push(`| agent | ${t.agents.map((a) => `vs ${a}`).join(' | ')} | mean | α-Rank |`);
    lines.push(`|---|${t.agents.map(() => '---').join('|')}|---|---|`);
    t.agents.forEach((a, i) => {
      const cells = t.agents.map((b, j) => {
        if (i === j) return '—';
        const p = t.pairs.find((x) => (x.a === a && x.b === b) || (x.a === b && x.b === a))!;
        const iv =
          p.a === a ? p.score : { estimate: 1 - p.score.estimate, low: 1 - p.score.high, high: 1 - p.score.low };
        return `${iv.estimate.toFixed(3)} [${iv.low.toFixed(3)}, ${iv.high.toFixed(3)}]`;
      });
      const others = t.payoff[i]!.filter((_, j) => j !== i);
      lines.push(
        `| ${a} | ${cells.join(' | ')} | ${(others.reduce((x, y) => x + y, 0) / Math.max(1, others.length)).toFixed(3)} | ${t.alphaRank[i]!.toFixed(3)} |`,
      );
    });
    lines.push('');
  }
  return lines.join('\n');
}
