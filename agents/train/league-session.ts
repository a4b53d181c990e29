/**
 * A time-boxed league run for `ludus league`: step the league until the budget is spent, save
 * every snapshot as a checkpoint (and hand it to onCheckpoint, e.g. an arena upload), and write
 * one curve row per learner iteration, with the payoff-table win rates that show whether the
 * exploiters are finding weaknesses (exploiter → main) and the main agents' scores against the
 * fixed reference set at each of their snapshots.
 */
import type { CheckpointRecord } from '../../server/contracts.ts';
import { saveCheckpointFile } from '../policy/checkpoint.ts';
import { CurveWriter } from './curves.ts';
import type { EvalLine } from './evaluate.ts';
import { League, type LeagueConfig, type LeagueStep } from './league.ts';
import type { AnyGame } from '../../games/core/types.ts';

export interface LeagueSessionOptions {
  game: AnyGame;
  config: any;
  league: LeagueConfig;
  minutes: number;
  maxSteps?: number;
  out: string;
  onStep?(s: LeagueStep, league: League, elapsed: number): void;
  onCheckpoint?(rec: CheckpointRecord, path: string): Promise<void> | void;
  now?: () => number;
}

export interface MainEvaluation {
  snapshot: string;
  envSteps: number;
  seconds: number;
  lines: EvalLine[];
}

/** An exploiter's snapshot against the main agent at that moment (> 0.5 = it found a weakness). */
export interface ExploiterEvaluation {
  snapshot: string;
  role: string;
  envSteps: number;
  seconds: number;
  line: EvalLine;
}

export interface LeagueSummary {
  run: string;
  seconds: number;
  turns: number;
  snapshots: { id: string; role: string; reset: boolean; path: string }[];
  mainEvaluations: MainEvaluation[];
  exploiterEvaluations: ExploiterEvaluation[];
  /** Final decayed win rates between the learning players (row vs column). */
  learnerPayoff: Record<string, Record<string, number>>;
  curve: { csv: string; json: string };
}

export async function runLeague(o: LeagueSessionOptions): Promise<LeagueSummary> {
  const now = o.now ?? (() => performance.now());
  const t0 = now();
  const league = new League(o.game, o.config, o.league);
  const curve = new CurveWriter(o.out, o.league.run);
  const snapshots: LeagueSummary['snapshots'] = [];
  const mainEvaluations: MainEvaluation[] = [];
  const exploiterEvaluations: ExploiterEvaluation[] = [];
  try {
    for (const rec of league.initialRecords()) {
      const path = saveCheckpointFile(o.out, rec);
      snapshots.push({ id: rec.id, role: 'main', reset: false, path });
      await o.onCheckpoint?.(rec, path);
    }
    let turns = 0;
    const learners = league.learning.map((l) => l.player.id);
    while ((now() - t0) / 1000 < o.minutes * 60 && (o.maxSteps === undefined || turns < o.maxSteps)) {
      const s = league.step();
      turns++;
      const elapsed = (now() - t0) / 1000;
      const m = s.metrics;
      const row: Record<string, number | string> = {
        turn: turns,
        seconds: Math.round(elapsed * 1000) / 1000,
        player: s.player,
        role: s.role,
        env_steps: m.totalEnvSteps,
        mean_return: m.meanReturn,
        train_win_rate: m.winRate,
        entropy: m.entropy,
        approx_kl: m.approxKl,
        policy_loss: m.policyLoss,
        value_loss: m.valueLoss,
      };
      for (const a of learners)
        for (const b of learners) if (a !== b) row[`wr_${a}_vs_${b}`] = league.payoff.winRate(a, b);
      if (s.snapshot) {
        const { record, reset, evaluation, vsMain } = s.snapshot;
        const path = saveCheckpointFile(o.out, record);
        snapshots.push({ id: record.id, role: s.role, reset, path });
        row.snapshot = record.id;
        if (evaluation) {
          mainEvaluations.push({ snapshot: record.id, envSteps: m.totalEnvSteps, seconds: elapsed, lines: evaluation });
          for (const l of evaluation) row[`main_score_vs_${l.opponent}`] = l.score.estimate;
        }
        if (vsMain) {
          exploiterEvaluations.push({
            snapshot: record.id,
            role: s.role,
            envSteps: m.totalEnvSteps,
            seconds: elapsed,
            line: vsMain,
          });
          row.exploiter_vs_main = vsMain.score.estimate;
        }
        await o.onCheckpoint?.(record, path);
      }
      curve.add(row);
      o.onStep?.(s, league, elapsed);
    }
    const learnerPayoff = Object.fromEntries(
      learners.map((a) => [a, Object.fromEntries(learners.map((b) => [b, league.payoff.winRate(a, b)]))]),
    );
    return {
      run: o.league.run,
      seconds: (now() - t0) / 1000,
      turns,
      snapshots,
      mainEvaluations,
      exploiterEvaluations,
      learnerPayoff,
      curve: { csv: curve.csvPath, json: curve.jsonPath },
    };
  } finally {
    league.dispose();
  }
}
