/**
 * `ludus tournament --game G --agents all|a,b,… [--repetitions N] [--seed S] [--turns T] [--noise e]
 *  [--prob-end p] [--top k] [--json | --csv]`
 * Axelrod-style round robin for two-seat games, equal-appearance random groups for more seats
 * (agents/eval/tournament.ts), ranked by median score per turn; then the arena leaderboard's
 * estimates from the same results (Bradley–Terry ± interval, Nash averaging, α-Rank:
 * agents/eval/rating-board.ts, the functions the server uses).
 */
import type { Command } from 'commander';
import { resolveAgents } from '../../agents/registry.ts';
import { tournament, tournamentSize } from '../../agents/eval/tournament.ts';
import { ratingReport, reportCells, RATING_DEFAULTS } from '../../agents/eval/rating-board.ts';
import { PairTable } from '../../agents/eval/rating-pairs.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import { csv, guard, parseNumber, printJson, progress, table, UsageError } from '../output.ts';
import { addGameOptions, gameConfigFrom } from './play.ts';

export function registerTournament(program: Command): void {
  const cmd = program
    .command('tournament')
    .description('round robin (or random groups for N-player games) ranked by median score per turn')
    .requiredOption('--game <id>', 'game id (see `ludus games`)')
    .option('--agents <list>', 'comma-separated agent ids, or "all"', 'all')
    .option('--repetitions <n>', 'matches per pair (per group deal for N-player games)', '10')
    .option('--seed <n>', 'seed', '1')
    .option('--top <k>', 'show only the first k lines of the table')
    .option('--rating-draws <n>', 'posterior draws behind the Nash averaging and α-Rank intervals', String(RATING_DEFAULTS.draws))
    .option('--json', 'machine-readable results on stdout')
    .option('--csv', 'CSV results on stdout');
  addGameOptions(cmd).action((opts) =>
    guard(() => {
      const game = getGame(opts.game);
      const repetitions = parseNumber('repetitions', opts.repetitions, { min: 1, integer: true });
      const seed = parseNumber('seed', opts.seed, { min: 0, integer: true });
      const top = opts.top === undefined ? Infinity : parseNumber('top', opts.top, { min: 1, integer: true });
      const config = parseConfig(game, gameConfigFrom(opts));
      const specs = resolveAgents(game.id, opts.agents);
      if (specs.length === 0) throw new UsageError('--agents is empty');
      const total = tournamentSize(game, config, specs.length, repetitions);
      const bar = progress(total, `${game.id} tournament`);
      const started = performance.now();
      const result = tournament(game, specs, { config, repetitions, seed, onMatch: () => bar.tick() });
      const seconds = (performance.now() - started) / 1000;
      bar.stop();
      // The arena leaderboard's estimates from the same results (agents/eval/rating-board.ts).
      const draws = parseNumber('rating-draws', opts.ratingDraws, { min: 0, integer: true });
      const pairTable = new PairTable();
      for (const c of result.pairs) pairTable.add(c.a, c.b, c.score, c.weight, c.results);
      const ratings = ratingReport(result.agents, pairTable, { draws, seed });
      const unit = game.numSeats(config) === 2 ? 'per turn' : 'per round';
      const head = ['rank', 'agent', 'name', `median ${unit}`, 'mean', 'q1', 'q3', 'wins'];
      const rows = result.lines.slice(0, top).map((l) => [l.rank, l.agent, l.title, l.median.toFixed(3), l.mean.toFixed(3), l.q1.toFixed(3), l.q3.toFixed(3), l.wins]);
      if (opts.json) return printJson({ ...result, ratings, seconds });
      if (opts.csv) return void process.stdout.write(csv(head, rows) + '\n');
      process.stdout.write(
        `${game.title}: ${specs.length} agents, ${repetitions} repetitions, seed ${seed}; ${result.matches.toLocaleString('en-US')} matches, ` +
          `${result.turns.toLocaleString('en-US')} ${unit === 'per turn' ? 'turns' : 'rounds'} in ${seconds.toFixed(1)} s\n`,
      );
      process.stdout.write(table(head, rows) + '\n');
      const order = [...ratings.rows].sort((a, b) => b.rating - a.rating);
      process.stdout.write(
        `\nRatings, as on the arena leaderboard (Bradley–Terry, prior sd ${ratings.priorSd}, "?" = provisional; Nash averaging and α-Rank ` +
          `(α = ${ratings.gameTheory.alpha}, m = ${ratings.gameTheory.m}) over the agents with ≥ ${RATING_DEFAULTS.minGames} games, ${ratings.gameTheory.draws} posterior draws):\n`,
      );
      process.stdout.write(
        table(
          ['agent', 'rating [95 %]', 'Nash: score vs mixture [95 %] · mass', 'α-Rank mass [95 %] · ∞ place'],
          order.slice(0, top).map((r) => {
            const c = reportCells(r);
            return [r.agentId, c.rating, c.nash, c.alphaRank];
          }),
        ) + '\n',
      );
    }),
  );
}
