/**
 * `ludus league --game G --minutes M [--min-snapshot-steps N] [--mains 1] [--main-exploiters 1]
 *   [--league-exploiters 2] [--references a,b] [--arena URL --token T] [--json]`
 * An AlphaStar-style league (agents/train/league.ts) with a live status line; every snapshot is a
 * checkpoint file (and an arena agent with --arena); curves as CSV/JSON next to them. At the end,
 * the arena leaderboard's estimates (agents/eval/rating-board.ts) of the main-agent snapshots
 * and the references, from the snapshots' evaluation matches.
 */
import { GameError } from '../../games/core/errors.ts';
import { parseArchitecture, type PolicyArchitecture } from '../../agents/policy/architecture.ts';
import { decodeWeights, loadCheckpointFile } from '../../agents/policy/checkpoint.ts';
import { actionFeatureArchitecture, featureEncodersFor } from '../../agents/policy/encoders.ts';
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { getGame } from '../../games/index.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { ensureBackend } from '../../agents/policy/backend.ts';
import { formatInterval } from '../../agents/eval/stats.ts';
import { ratingReport, reportCells, RATING_DEFAULTS } from '../../agents/eval/rating-board.ts';
import { PairTable } from '../../agents/eval/rating-pairs.ts';
import { chartColumns, sparkline, type CurveRow } from '../../agents/train/curves.ts';
import { readFileSync } from 'node:fs';
import { runLeague } from '../../agents/train/league-session.ts';
import { defaultTrainFor } from '../../agents/train/ppo.ts';
import { meanScore } from '../../agents/train/session.ts';
import { uploadCheckpoint } from '../../agents/train/upload.ts';
import { addGameOptions, gameConfigFrom } from './play.ts';
import { addPpoOptions, baselinesFor, ppoConfigFrom, statusLine } from './train.ts';
import { guard, parseNumber, printJson, table, UsageError } from '../output.ts';

export function registerLeague(program: Command): void {
  const cmd = program
    .command('league')
    .description('AlphaStar-style league training: main agents, main exploiters, league exploiters, PFSP')
    .requiredOption('--game <id>', 'game id')
    .option('--mains <n>', 'main agents', '1')
    .option('--main-exploiters <n>', 'main exploiters', '1')
    .option('--league-exploiters <n>', 'league exploiters', '2')
    .option('--min-snapshot-steps <n>', 'env steps before a learner may snapshot (AlphaStar: 2e9)', '40000')
    .option(
      '--references <list>',
      'fixed reference agents the main agents are scored against (default: every built-in agent)',
    )
    .option(
      '--eval-matches <n>',
      'matches per reference at each main-agent snapshot, and per exploiter snapshot against the main agent',
      '40',
    )
    .option(
      '--exploiter-start <from>',
      'where exploiters (re)start: initial (their own initial weights) or main (a copy of the current main agent)',
      'initial',
    )
    .option(
      '--start <file>',
      'every learner starts from this checkpoint (e.g. a behaviour-cloned one from ludus imitate)',
    )
    .option('--features <encoder>', 'fresh action-feature networks over this input encoder (vgc: vgc-features-v1)')
    .option('--action-hidden <n>', 'hidden units of the action-scoring head (with --features)', '32')
    .option('--arena <url>', 'upload each snapshot to this arena (POST <url>/api/checkpoints)')
    .option('--token <token>', 'admin token for --arena');
  // The game's options are given as --set key=value here (e.g. --set turns=50 for ipd).
  addPpoOptions(cmd);
  cmd.option('--set <key=value...>', 'game config key (JSON values allowed)');
  cmd.action((opts, command: Command) =>
    guard(async () => {
      if (opts.arena && !opts.token) throw new UsageError('--arena needs --token');
      const game = getGame(opts.game);
      const config = parseConfig(game, gameConfigFrom({ set: opts.set }));
      const train = ppoConfigFrom(opts, defaultTrainFor(game.actionSpace(config)));
      if ((train.workers ?? 1) > 1)
        throw new UsageError(
          '--workers is not available for ludus league: league opponents are chosen on the main thread; use ludus train --workers',
        );
      const maxSteps = opts.iterations
        ? parseNumber('iterations', opts.iterations, { min: 1, integer: true })
        : undefined;
      // An explicit iteration budget is never cut by the default wall clock: only an explicit --minutes stops it early.
      const minutes =
        maxSteps !== undefined && command.getOptionValueSource('minutes') !== 'cli'
          ? Infinity
          : parseNumber('minutes', opts.minutes, { min: 0 });
      if (opts.exploiterStart !== 'initial' && opts.exploiterStart !== 'main')
        throw new UsageError(`--exploiter-start must be initial or main, got ${JSON.stringify(opts.exploiterStart)}`);
      if (opts.start && opts.features)
        throw new UsageError('--start brings its own network; --features makes a fresh one: choose one');
      let start: { arch: PolicyArchitecture; params?: Float32Array } | undefined;
      if (opts.start) {
        const rec = loadCheckpointFile(opts.start);
        if (rec.game !== game.id)
          throw new GameError('BAD_CONFIG', `checkpoint ${rec.id} is for ${rec.game}, not ${game.id}`);
        start = { arch: parseArchitecture(rec.architecture), params: decodeWeights(rec.weights) };
      } else if (opts.features) {
        const known = featureEncodersFor(game.id);
        if (!known.includes(opts.features))
          throw new UsageError(
            `--features ${opts.features}: ${game.id} has ${known.length ? known.join(', ') : 'no feature encoder'}`,
          );
        start = {
          arch: actionFeatureArchitecture(opts.features, game.actionSpace(config), {
            hidden: train.hidden,
            actionHidden: parseNumber('action-hidden', opts.actionHidden, { min: 1, max: 1024, integer: true }),
          }),
        };
      }
      const references = baselinesFor(game.id, opts.references);
      const backend = await ensureBackend({ log: opts.json ? null : undefined });
      const run = `league-${game.id}-s${train.seed}-${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
      const line = statusLine(minutes * 60);
      const history: number[] = [];
      const uploads: { id: string; ok: boolean; status: number }[] = [];
      const summary = await runLeague({
        game,
        config,
        minutes,
        maxSteps,
        out: opts.out,
        league: {
          mains: parseNumber('mains', opts.mains, { min: 1, integer: true }),
          mainExploiters: parseNumber('main-exploiters', opts.mainExploiters, { min: 0, integer: true }),
          leagueExploiters: parseNumber('league-exploiters', opts.leagueExploiters, { min: 0, integer: true }),
          minSnapshotSteps: parseNumber('min-snapshot-steps', opts.minSnapshotSteps, { min: 1, integer: true }),
          train,
          seed: train.seed,
          run,
          references,
          evalMatches: parseNumber('eval-matches', opts.evalMatches, { min: 1, integer: true }),
          exploiterStart: opts.exploiterStart,
          start,
        },
        onStep: (s, league, elapsed) => {
          if (s.snapshot?.evaluation) history.push(meanScore(s.snapshot.evaluation));
          const mx = league.learning.find((l) => l.player.kind === 'main-exploiter');
          const main = league.learning.find((l) => l.player.kind === 'main')!;
          const exploit = mx
            ? ` | ${mx.player.id}→${main.player.id} ${league.payoff.winRate(mx.player.id, main.player.id).toFixed(2)}`
            : '';
          const text = `turn ${s.metrics.iteration}·${s.player} | ${league.frozen.length} snapshots | main vs refs ${history.at(-1)?.toFixed(2) ?? '…'} ${sparkline(history)}${exploit} | H ${s.metrics.entropy.toFixed(2)} KL ${s.metrics.approxKl.toFixed(4)}`;
          line.update(elapsed, text, !!s.snapshot);
        },
        onCheckpoint: async (rec) => {
          if (!opts.arena) return;
          try {
            const r = await uploadCheckpoint(opts.arena, opts.token, rec);
            uploads.push({ id: rec.id, ok: r.ok, status: r.status });
            if (!r.ok)
              process.stderr.write(`\nludus: upload of ${rec.id} failed: HTTP ${r.status} ${r.body.slice(0, 200)}\n`);
          } catch (e) {
            uploads.push({ id: rec.id, ok: false, status: 0 });
            process.stderr.write(`\nludus: upload of ${rec.id} failed: ${(e as Error).message}\n`);
          }
        },
      });
      line.stop();
      if (maxSteps !== undefined && summary.turns < maxSteps)
        process.stderr.write(
          `ludus: STOPPED EARLY at learner iteration ${summary.turns} of ${maxSteps}: the --minutes ${minutes} budget ran out first\n`,
        );
      // The arena leaderboard's estimates over the frozen players: every main-agent snapshot
      // against every reference, from its evaluation matches (each match one game's worth for
      // both sides, draws half). Learners still training are moving targets and are not rated.
      const pairTable = new PairTable();
      for (const e of summary.mainEvaluations)
        for (const l of e.lines)
          pairTable.add(e.snapshot, l.opponent, l.score.estimate * l.matches, l.matches, l.matches);
      const rated = [...new Set([...summary.mainEvaluations.map((e) => e.snapshot), ...references.map((r) => r.id)])];
      const ratings = ratingReport(rated, pairTable, { seed: train.seed });
      if (opts.json) return printJson({ ...summary, ratings, backend: backend.name, uploads });
      process.stdout.write(
        `${game.title}: league ${summary.turns} learner iterations in ${summary.seconds.toFixed(0)} s, ${summary.snapshots.length} snapshots (tfjs ${backend.name})\n`,
      );
      process.stdout.write('main-agent snapshots against the reference set:\n');
      process.stdout.write(
        table(
          ['snapshot', 'env steps', ...references.map((r) => r.id)],
          summary.mainEvaluations.map((e) => [
            e.snapshot,
            e.envSteps,
            ...e.lines.map((l) => formatInterval(l.score, 2)),
          ]),
        ) + '\n',
      );
      if (summary.exploiterEvaluations.length) {
        process.stdout.write(
          'exploiter snapshots against the main agent at that moment (above 0.5 = a weakness found):\n',
        );
        process.stdout.write(
          table(
            ['snapshot', 'role', 'env steps', 'score vs main'],
            summary.exploiterEvaluations.map((e) => [e.snapshot, e.role, e.envSteps, formatInterval(e.line.score, 2)]),
          ) + '\n',
        );
      }
      const ids = Object.keys(summary.learnerPayoff);
      process.stdout.write('decayed win rates between learners (row vs column):\n');
      process.stdout.write(
        table(
          ['', ...ids],
          ids.map((a) => [a, ...ids.map((b) => summary.learnerPayoff[a]![b]!.toFixed(2))]),
        ) + '\n',
      );
      if (summary.mainEvaluations.length) {
        process.stdout.write(
          `ratings of the main-agent snapshots and the references, as on the arena leaderboard (Bradley–Terry, prior sd ${ratings.priorSd}, "?" = provisional; ` +
            `Nash averaging and α-Rank over players with ≥ ${RATING_DEFAULTS.minGames} games, ${ratings.gameTheory.draws} posterior draws):\n`,
        );
        const order = [...ratings.rows].sort((a, b) => b.rating - a.rating);
        process.stdout.write(
          table(
            ['player', 'rating [95 %]', 'Nash: score vs mixture [95 %] · mass', 'α-Rank mass [95 %] · ∞ place'],
            order.map((r) => {
              const c = reportCells(r);
              return [r.agentId, c.rating, c.nash, c.alphaRank];
            }),
          ) + '\n',
        );
      }
      process.stdout.write(`curve ${summary.curve.csv}\n`);
      const rows = JSON.parse(readFileSync(summary.curve.json, 'utf8')) as CurveRow[];
      const charts = [
        chartColumns(
          rows,
          references.map((r) => `main_score_vs_${r.id}`),
          'main agent against the references, at its snapshots',
          { min: 0, max: 1 },
        ),
        chartColumns(
          rows,
          ['exploiter_vs_main'],
          'exploiter snapshots against the main agent (above 0.5 = a weakness found)',
          { min: 0, max: 1 },
        ),
      ];
      for (const c of charts) if (c) process.stdout.write(c + '\n');
    }),
  );
}
