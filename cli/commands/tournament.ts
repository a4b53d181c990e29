/**
 * `ludus tournament --game G --agents all|a,b,… [--repetitions N] [--seed S] [--turns T] [--noise e]
 *  [--prob-end p] [--top k] [--json | --csv]`
 * Axelrod-style round robin for two-seat games, equal-appearance random groups for more seats
 * (agents/eval/tournament.ts), ranked by median score per turn; then the arena leaderboard's
 * estimates from the same results (Bradley–Terry ± interval, Nash averaging, α-Rank:
 * agents/eval/rating-board.ts, the functions the server uses).
 *
 * `--format round-robin|double-round-robin|swiss|elimination|arena|ladder` runs an organised
 * tournament instead, through agents/tournament/ — the pairings, scoring and tiebreaks the arena's
 * hosted tournaments use, with the same game seeds — and prints its standings.
 */
import type { Command } from 'commander';
import {
  createTournament,
  crosstable,
  runTournament,
  standings,
  tiebreaksOf,
  TIEBREAKS,
  type RulesInput,
  type Tiebreak,
} from '../../agents/tournament/index.ts';
import { inProcessGames } from '../../agents/tournament/local.ts';
import { registerTournamentRemote } from './tournament-remote.ts';
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
    .option('--game <id>', 'game id (see `ludus games`)')
    .option('--agents <list>', 'comma-separated agent ids, or "all"', 'all')
    .option('--repetitions <n>', 'matches per pair (per group deal for N-player games)', '10')
    .option('--seed <n>', 'seed', '1')
    .option('--top <k>', 'show only the first k lines of the table')
    .option(
      '--rating-draws <n>',
      'posterior draws behind the Nash averaging and α-Rank intervals',
      String(RATING_DEFAULTS.draws),
    )
    .option(
      '--format <kind>',
      `organised tournament: ${FORMAT_CHOICES.join(', ')} (default: the Axelrod-style round robin)`,
    )
    .option('--rounds <n>', 'Swiss rounds (--format swiss)')
    .option('--games-per-pairing <n>', 'games per pairing, seats alternating (--format)', '1')
    .option('--duration <s>', 'arena/ladder length in simulated seconds (--format arena|ladder)', '60')
    .option('--max-games <n>', 'ladder: stop after this many games')
    .option('--turn-ms <ms>', 'simulated length of one step for the arena/ladder clock', '100')
    .option('--tiebreaks <list>', `comma-separated, in order: ${TIEBREAKS.join(', ')}`)
    .option('--json', 'machine-readable results on stdout')
    .option('--csv', 'CSV results on stdout');
  registerTournamentRemote(cmd);
  addGameOptions(cmd).action((opts) =>
    guard(() => {
      if (opts.game === undefined) throw new UsageError("required option '--game <id>' not specified");
      if (opts.format !== undefined) return organised(opts);
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
      const rows = result.lines
        .slice(0, top)
        .map((l) => [
          l.rank,
          l.agent,
          l.title,
          l.median.toFixed(3),
          l.mean.toFixed(3),
          l.q1.toFixed(3),
          l.q3.toFixed(3),
          l.wins,
        ]);
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

const FORMAT_CHOICES = ['round-robin', 'double-round-robin', 'swiss', 'elimination', 'arena', 'ladder'] as const;

/** Rules from the command line (the same schema as the arena's POST /api/tournaments). */
export function rulesFromOptions(opts: Record<string, string | undefined>, entrants: number): RulesInput {
  const kind = opts.format!;
  if (!(FORMAT_CHOICES as readonly string[]).includes(kind))
    throw new UsageError(`--format must be one of ${FORMAT_CHOICES.join(', ')}, got ${JSON.stringify(kind)}`);
  const durationMs = parseNumber('duration', opts.duration ?? '60', { min: 1, max: 7 * 24 * 3600 }) * 1000;
  const format: RulesInput['format'] =
    kind === 'round-robin' || kind === 'double-round-robin'
      ? { kind: 'round-robin', cycles: kind === 'double-round-robin' ? 2 : 1 }
      : kind === 'swiss'
        ? {
            kind: 'swiss',
            rounds:
              opts.rounds === undefined
                ? Math.max(1, Math.ceil(Math.log2(entrants)))
                : parseNumber('rounds', opts.rounds, { min: 1, integer: true }),
          }
        : kind === 'elimination'
          ? { kind: 'elimination' }
          : kind === 'arena'
            ? { kind: 'arena', durationMs }
            : {
                kind: 'ladder',
                ...(opts.maxGames !== undefined
                  ? { maxGames: parseNumber('max-games', opts.maxGames, { min: 1, integer: true }) }
                  : { durationMs }),
              };
  const rules: RulesInput = {
    format,
    gamesPerPairing: parseNumber('games-per-pairing', opts.gamesPerPairing ?? '1', { min: 1, max: 99, integer: true }),
  };
  if (opts.tiebreaks !== undefined) {
    const list = opts.tiebreaks
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    for (const t of list)
      if (!(TIEBREAKS as readonly string[]).includes(t))
        throw new UsageError(`--tiebreaks: unknown tiebreak ${JSON.stringify(t)} (${TIEBREAKS.join(', ')})`);
    rules.tiebreaks = list as Tiebreak[];
  }
  return rules;
}

function organised(opts: Record<string, any>): void {
  const game = getGame(opts.game);
  const seed = parseNumber('seed', opts.seed, { min: 0, integer: true });
  const config = parseConfig(game, gameConfigFrom(opts));
  if (game.numSeats(config) !== 2)
    throw new UsageError(`--format needs a two-seat game; ${game.id} has ${game.numSeats(config)} seats here`);
  const specs = resolveAgents(game.id, opts.agents);
  if (specs.length < 2) throw new UsageError('--format needs at least two agents');
  const rules = rulesFromOptions(opts, specs.length);
  const turnMs = parseNumber('turn-ms', opts.turnMs, { min: 1 });
  const state = createTournament(
    rules,
    specs.map((s) => s.id),
    seed,
  );
  const started = performance.now();
  runTournament(state, inProcessGames(game, config, new Map(specs.map((s) => [s.id, s])), turnMs));
  const seconds = (performance.now() - started) / 1000;
  const rows = standings(state);
  const breaks = tiebreaksOf(state.rules);
  const head = [
    'rank',
    'agent',
    'points',
    'games',
    'won',
    'drawn',
    'lost',
    'forfeits',
    'byes',
    ...breaks,
    ...(rules.format.kind === 'ladder' ? ['elo'] : []),
    ...(rules.format.kind === 'elimination' ? ['out in round'] : []),
  ];
  const body = rows.map((r) => [
    r.rank,
    r.entrant,
    r.points,
    r.games,
    r.wins,
    r.draws,
    r.losses,
    r.forfeitWins + r.forfeitLosses,
    r.byes,
    ...breaks.map((t) => r.tiebreaks[t] ?? 0),
    ...(rules.format.kind === 'ladder' ? [r.rating ?? ''] : []),
    ...(rules.format.kind === 'elimination' ? [r.eliminatedIn ?? (r.rank === 1 ? 'champion' : '')] : []),
  ]);
  if (opts.json)
    return printJson({
      game: game.id,
      config,
      seed,
      rules: state.rules,
      rounds: state.round,
      standings: rows,
      crosstable: crosstable(state),
      pairings: state.pairings,
      seconds,
    });
  if (opts.csv) return void process.stdout.write(csv(head, body) + '\n');
  const games = state.pairings.reduce((n, p) => n + p.games.length, 0);
  process.stdout.write(
    `${game.title}: ${rules.format.kind} of ${specs.length} agents, seed ${seed}; ${state.round} rounds, ${games} games in ${seconds.toFixed(1)} s\n`,
  );
  process.stdout.write(
    table(
      head,
      body.map((r) => r.map((c) => (typeof c === 'number' && !Number.isInteger(c) ? c.toFixed(2) : c))),
    ) + '\n',
  );
}
