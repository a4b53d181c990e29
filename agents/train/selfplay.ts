/**
 * Opponent sampling for self-play from past snapshots of the learner itself:
 * - 'window': uniform over the most recent `window` snapshots (Bansal et al. 2018, "Emergent
 *   Complexity via Multi-Agent Competition", §5.2: sampling older opponents prevents
 *   over-fitting to the latest one);
 * - 'latest': always the newest snapshot;
 * - 'pfsp': PFSP over all snapshots with the learner's decayed win rates (pfsp.ts);
 * - 'uniform': uniform over every snapshot kept, i.e. a best response to the uniform mixture of
 *   past policies (fictitious self-play, Heinrich et al. 2015; VGC-Bench's fictitious play).
 * With probability `baselineShare` (or while there is no snapshot yet) a fixed baseline agent
 * (e.g. the game's scripted bots) is drawn instead, uniformly.
 */
import type { Rng } from '../../games/core/rng.ts';
import type { AgentSpec } from '../core/agent.ts';
import { PayoffTable, outcomeOf } from './payoff.ts';
import { pfsp, sampleWeighted, type Weighting } from './pfsp.ts';
import type { EpisodeOutcome, OpponentDraw } from './rollout.ts';

export type OpponentSampling = 'window' | 'latest' | 'pfsp' | 'uniform';

export interface OpponentPoolOptions {
  sampling: OpponentSampling;
  window: number;
  weighting: Weighting;
  baselineShare: number;
  /** Largest number of snapshots kept (oldest dropped first). */
  maxSnapshots: number;
}

export const LEARNER_ID = 'learner';

/**
 * The opponents of one rollout as plain data, for worker threads that sample with their own Rng:
 * with probability `baselineShare` a fixed agent (by registry id, uniformly), else a snapshot by
 * `probs`. `baselineShare` is 1 while there is no snapshot.
 */
export interface OpponentDistribution {
  baselines: string[];
  baselineShare: number;
  snapshots: { id: string; prob: number }[];
}

/** Where a learner with worker threads gets its opponents each iteration. */
export interface OpponentSource {
  distribution(): OpponentDistribution;
  /** The snapshots that may be drawn (with their weights); workers get each one's weights once. */
  readonly snapshots: readonly OpponentDraw[];
}

/**
 * One draw from a distribution: which baseline or snapshot, by index. The same draws as
 * OpponentPool.pick (chance(1) draws nothing, so a pool without snapshots only picks a baseline).
 */
export function drawOpponent(d: OpponentDistribution, rng: Rng): { baseline: boolean; index: number } {
  if (d.baselines.length > 0 && (d.snapshots.length === 0 || rng.chance(d.baselineShare)))
    return { baseline: true, index: rng.int(d.baselines.length) };
  if (d.snapshots.length === 0) throw new Error('self-play: no snapshot and no baseline to play');
  return {
    baseline: false,
    index: sampleWeighted(
      d.snapshots.map((s) => s.prob),
      rng,
    ),
  };
}

/** A source of fixed opponents only, drawn uniformly (training without self-play). */
export function fixedOpponents(specs: readonly AgentSpec[]): OpponentSource {
  const d: OpponentDistribution = { baselines: specs.map((s) => s.id), baselineShare: 1, snapshots: [] };
  return { distribution: () => d, snapshots: [] };
}

export class OpponentPool implements OpponentSource {
  readonly snapshots: OpponentDraw[] = [];
  readonly payoff = new PayoffTable();

  constructor(
    readonly baselines: readonly AgentSpec[],
    readonly o: OpponentPoolOptions,
  ) {}

  add(draw: OpponentDraw): void {
    this.snapshots.push(draw);
    if (this.snapshots.length > this.o.maxSnapshots) this.snapshots.shift();
  }

  /** Candidate snapshots and their probabilities under the sampling rule (baselines excluded). */
  snapshotDistribution(): { candidates: OpponentDraw[]; probs: number[] } {
    const s = this.snapshots;
    if (s.length === 0) return { candidates: [], probs: [] };
    if (this.o.sampling === 'latest') return { candidates: [s[s.length - 1]!], probs: [1] };
    if (this.o.sampling === 'uniform') return { candidates: [...s], probs: s.map(() => 1 / s.length) };
    if (this.o.sampling === 'window') {
      const c = s.slice(-Math.max(1, this.o.window));
      return { candidates: c, probs: c.map(() => 1 / c.length) };
    }
    return {
      candidates: [...s],
      probs: pfsp(
        s.map((d) => this.payoff.winRate(LEARNER_ID, d.id)),
        this.o.weighting,
      ),
    };
  }

  /** This iteration's opponents as data (for worker threads); pick() draws from the same law. */
  distribution(): OpponentDistribution {
    const { candidates, probs } = this.snapshotDistribution();
    return {
      baselines: this.baselines.map((b) => b.id),
      baselineShare: this.snapshots.length === 0 ? 1 : this.o.baselineShare,
      snapshots: candidates.map((c, i) => ({ id: c.id, prob: probs[i]! })),
    };
  }

  pick(rng: Rng): OpponentDraw {
    const useBaseline = this.baselines.length > 0 && (this.snapshots.length === 0 || rng.chance(this.o.baselineShare));
    if (useBaseline) {
      const spec = rng.pick(this.baselines);
      return { id: spec.id, spec };
    }
    const { candidates, probs } = this.snapshotDistribution();
    if (candidates.length === 0) throw new Error('self-play: no snapshot and no baseline to play');
    return candidates[sampleWeighted(probs, rng)]!;
  }

  /** Feed finished episodes into the payoff table (for PFSP). */
  record(episodes: readonly EpisodeOutcome[]): void {
    for (const e of episodes)
      if (e.opponent && e.score !== undefined) this.payoff.update(LEARNER_ID, e.opponent, outcomeOf(e.score));
  }
}
