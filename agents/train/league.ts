/**
 * An AlphaStar-style league, scaled down to one process (Vinyals et al. 2019; rules in
 * docs/references.md and roles.ts): learning players (main agents, main exploiters,
 * league exploiters), each a PPO learner, take turns running one PPO iteration against opponents
 * chosen by their role's rule; every finished episode updates the payoff table; the snapshot and
 * reset rules turn learners into frozen historical players. Step counts are env steps collected
 * by the learner (AlphaStar's 2e9 becomes `minSnapshotSteps`).
 */
import { deriveSeed, Rng } from '../../games/core/rng.ts';
import type { AnyGame, Json } from '../../games/core/types.ts';
import type { CheckpointRecord } from '../../server/contracts.ts';
import type { AgentSpec } from '../core/agent.ts';
import { makeCheckpoint, policyAgent } from '../policy/checkpoint.ts';
import { evaluateAgainst, type EvalLine } from './evaluate.ts';
import { outcomeOf, PayoffTable } from './payoff.ts';
import { PpoLearner, type IterationMetrics, type TrainConfig } from './ppo.ts';
import type { PolicyArchitecture } from '../policy/architecture.ts';
import {
  chooseMatch,
  readyToSnapshot,
  resetsAfterSnapshot,
  snapshotTargets,
  type LeaguePlayer,
  type LeagueView,
  type Role,
} from './roles.ts';
import type { OpponentDraw } from './rollout.ts';

export interface LeagueConfig {
  /** AlphaStar's population per race: 1 main agent, 1 main exploiter, 2 league exploiters. */
  mains: number;
  mainExploiters: number;
  leagueExploiters: number;
  /** Minimum env steps between snapshots (AlphaStar 2e9); a snapshot is forced after 2×. */
  minSnapshotSteps: number;
  train: TrainConfig;
  seed: number;
  /** Run id prefix of checkpoint ids. */
  run: string;
  /** Fixed reference set that main-agent snapshots are evaluated against. */
  references: readonly AgentSpec[];
  evalMatches: number;
  /**
   * Where an exploiter (re)starts: 'initial' = its own initial weights (AlphaStar resets to the
   * supervised agent, which a laptop-scale league does not have: here that is a random network);
   * 'main' = a copy of the current main agent, the nearest stand-in for "a competent player" and
   * the one that lets an exploiter find a weakness within a laptop budget. Default 'initial'.
   */
  exploiterStart?: 'initial' | 'main';
  /**
   * Every learner's network and starting weights (e.g. a behaviour-cloned checkpoint, as
   * AlphaStar starts every player from its supervised agent); default: the game's MLP, fresh
   * weights per player. Exploiters reset to these weights under exploiterStart 'initial'.
   */
  start?: { arch: PolicyArchitecture; params?: Float32Array };
}

export const DEFAULT_LEAGUE = { mains: 1, mainExploiters: 1, leagueExploiters: 2, evalMatches: 40 } as const;

interface Learning {
  player: LeaguePlayer & { kind: Role };
  learner: PpoLearner;
  initial: Float32Array;
  stepsSince: number;
  snapshots: number;
  lastCheckpoint: string | null;
}

interface Frozen {
  player: LeaguePlayer;
  spec: AgentSpec;
  record: CheckpointRecord;
}

export interface LeagueStep {
  player: string;
  role: Role;
  metrics: IterationMetrics;
  snapshot?: {
    record: CheckpointRecord;
    reset: boolean;
    /** A main agent's snapshot against the fixed reference set. */
    evaluation?: EvalLine[];
    /** An exploiter's snapshot against the main agent as it is at that moment (did it find a weakness?). */
    vsMain?: EvalLine;
  };
}

export class League {
  readonly payoff = new PayoffTable();
  readonly learning: Learning[] = [];
  readonly frozen: Frozen[] = [];
  private readonly live = new Map<string, AgentSpec>();
  private readonly rng: Rng;
  private turn = 0;

  constructor(
    readonly game: AnyGame,
    readonly gameConfig: any,
    readonly cfg: LeagueConfig,
  ) {
    this.rng = Rng.derive(cfg.seed, 'league');
    const roles: [Role, number, string][] = [
      ['main', cfg.mains, 'main'],
      ['main-exploiter', cfg.mainExploiters, 'mx'],
      ['league-exploiter', cfg.leagueExploiters, 'lx'],
    ];
    for (const [role, count, tag] of roles) {
      for (let k = 0; k < count; k++) {
        const id = `${tag}${k}`;
        const player = { id, kind: role };
        const learner = new PpoLearner(
          game,
          gameConfig,
          { ...cfg.train, seed: deriveSeed(cfg.seed, id) },
          { pickOpponent: (r) => this.pick(player, r), arch: cfg.start?.arch, params: cfg.start?.params },
        );
        this.learning.push({
          player,
          learner,
          initial: learner.snapshot(),
          stepsSince: 0,
          snapshots: 0,
          lastCheckpoint: null,
        });
      }
    }
    // As in the pseudocode, each main agent's initial weights enter the league as its first snapshot.
    for (const l of this.learning) if (l.player.kind === 'main') this.snapshot(l);
  }

  get players(): LeaguePlayer[] {
    return [...this.learning.map((l) => l.player), ...this.frozen.map((f) => f.player)];
  }

  view(): LeagueView {
    return { players: this.players, winRate: (a, b) => this.payoff.winRate(a, b) };
  }

  private pick(self: LeaguePlayer, rng: Rng): OpponentDraw {
    const { opponent } = chooseMatch(self, this.view(), rng);
    const f = this.frozen.find((x) => x.player.id === opponent);
    if (f) return { id: opponent, spec: f.spec };
    const spec = this.live.get(opponent);
    if (!spec) throw new Error(`league: unknown opponent ${opponent}`);
    return { id: opponent, spec };
  }

  /** Current weights of every learning player as agents (refreshed before each iteration). */
  private refreshLive(): void {
    for (const l of this.learning) {
      this.live.set(
        l.player.id,
        policyAgent(l.learner.arch, l.learner.snapshot(), { id: l.player.id, game: this.game.id }),
      );
    }
  }

  private snapshot(l: Learning, vsMain?: EvalLine): CheckpointRecord {
    l.snapshots++;
    const id = `${this.cfg.run}-${l.player.id}-s${l.snapshots}`;
    const params = l.learner.snapshot();
    const record = makeCheckpoint({
      id,
      name: id,
      game: this.game.id,
      config: this.gameConfig as Json,
      architecture: l.learner.arch,
      params,
      training: {
        algo: 'ppo-league',
        role: l.player.kind,
        player: l.player.id,
        envSteps: l.learner.totalEnvSteps,
        iterations: l.learner.iteration,
        seed: this.cfg.seed,
        ...(vsMain
          ? {
              vsMain: {
                opponent: vsMain.opponent,
                score: vsMain.score.estimate,
                low: vsMain.score.low,
                high: vsMain.score.high,
                matches: vsMain.matches,
              },
            }
          : {}),
      },
      parent: l.lastCheckpoint,
    });
    l.lastCheckpoint = id;
    l.stepsSince = 0;
    this.frozen.push({
      player: { id, kind: 'historical', parent: l.player.id },
      spec: policyAgent(l.learner.arch, params, { id, game: this.game.id }),
      record,
    });
    return record;
  }

  /** One PPO iteration of the next learning player (round robin), then the snapshot/reset rules. */
  step(): LeagueStep {
    const l = this.learning[this.turn++ % this.learning.length]!;
    this.refreshLive();
    const metrics = l.learner.iterate();
    for (const e of metrics.episodes)
      if (e.opponent && e.score !== undefined) this.payoff.update(l.player.id, e.opponent, outcomeOf(e.score));
    l.stepsSince += metrics.envSteps;
    const out: LeagueStep = { player: l.player.id, role: l.player.kind, metrics };
    const targets = snapshotTargets(l.player, this.view());
    if (readyToSnapshot(l.stepsSince, this.cfg.minSnapshotSteps, this.payoff.winRates(l.player.id, targets))) {
      const main = this.learning.find((x) => x.player.kind === 'main')!;
      const vsMain =
        l.player.kind !== 'main' && this.cfg.evalMatches > 0
          ? evaluateAgainst(
              this.game,
              this.gameConfig,
              policyAgent(l.learner.arch, l.learner.snapshot(), { id: l.player.id, game: this.game.id }),
              [policyAgent(main.learner.arch, main.learner.snapshot(), { id: main.player.id, game: this.game.id })],
              this.cfg.evalMatches,
              deriveSeed(this.cfg.seed, 'vs-main'),
            )[0]
          : undefined;
      const record = this.snapshot(l, vsMain);
      const reset = resetsAfterSnapshot(l.player.kind, this.rng.float());
      if (reset) {
        if (this.cfg.exploiterStart === 'main') l.learner.load(main.learner.snapshot(), { normalizer: true });
        else l.learner.load(l.initial);
      }
      const evaluation =
        l.player.kind === 'main' && this.cfg.references.length
          ? evaluateAgainst(
              this.game,
              this.gameConfig,
              this.frozen[this.frozen.length - 1]!.spec,
              this.cfg.references,
              this.cfg.evalMatches,
              deriveSeed(this.cfg.seed, 'eval'),
            )
          : undefined;
      out.snapshot = { record, reset, evaluation, ...(vsMain ? { vsMain } : {}) };
    }
    return out;
  }

  /** The initial snapshots taken at construction (main agents' first checkpoints). */
  initialRecords(): CheckpointRecord[] {
    return this.frozen.map((f) => f.record);
  }

  dispose(): void {
    for (const l of this.learning) l.learner.dispose();
  }
}
