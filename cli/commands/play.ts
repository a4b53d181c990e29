/**
 * `ludus play --game G --agents a,b [--matches N] [--seed S] [--turns N] [--render K] [--json]`
 * Plays built-in agents against each other in any registered game and prints a win table with
 * 95 % intervals. Game options: --turns, --noise, --prob-end, and `--set key=value` for any
 * other config key (validated by the game's config schema).
 */
import type { Command } from 'commander';
import { getGame } from '../../games/index.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { resolveAgents } from '../../agents/registry.ts';
import { headToHead } from '../../agents/eval/head-to-head.ts';
import { formatInterval } from '../../agents/eval/stats.ts';
import { playMatch } from '../../games/core/runner.ts';
import { instantiate } from '../../agents/registry.ts';
import { csv, guard, parseNumber, parseSets, printJson, progress, table, UsageError } from '../output.ts';

/** Common game options shared by play and tournament. */
export function gameConfigFrom(opts: Record<string, any>): Record<string, unknown> {
  const cfg: Record<string, unknown> = {};
  if (opts.turns !== undefined) cfg.turns = parseNumber('turns', opts.turns, { min: 1, integer: true });
  if (opts.noise !== undefined) cfg.noise = parseNumber('noise', opts.noise, { min: 0, max: 1 });
  if (opts.probEnd !== undefined) cfg.probEnd = parseNumber('prob-end', opts.probEnd, { min: 0, max: 1 });
  if (opts.players !== undefined) cfg.players = parseNumber('players', opts.players, { min: 1, integer: true });
  return { ...cfg, ...parseSets(opts.set) };
}

export function addGameOptions(cmd: Command): Command {
  return cmd
    .option('--turns <n>', 'turns per match (the dilemmas; public goods and trust-and-split: --set rounds=N)')
    .option('--noise <p>', 'probability that each action flips (dilemmas)')
    .option('--prob-end <p>', 'probability the match ends after each turn, instead of a fixed length')
    .option('--players <n>', 'number of players (public goods)')
    .option('--set <key=value...>', 'any other game config key (JSON values allowed)');
}

export function registerPlay(program: Command): void {
  const cmd = program
    .command('play')
    .description('play built-in agents against each other and print a win table with 95% intervals')
    .requiredOption('--game <id>', 'game id (see `ludus games`)')
    .requiredOption('--agents <list>', 'comma-separated agent ids, one per seat (cycled when fewer), or "all"')
    .option('--matches <n>', 'number of matches', '1')
    .option('--battles <n>', 'alias of --matches (VGC)')
    .option('--episodes <n>', 'alias of --matches (sumo)')
    .option('--seed <n>', 'seed', '1')
    .option('--no-rotate', 'keep agents in fixed seats instead of rotating them')
    .option('--render <k>', 'print the spectator view every k steps of the first match')
    .option('--json', 'machine-readable results on stdout')
    .option('--csv', 'CSV results on stdout');
  addGameOptions(cmd).action((opts) =>
    guard(() => {
      const game = getGame(opts.game);
      const matches = parseNumber('matches', opts.battles ?? opts.episodes ?? opts.matches, { min: 1, integer: true });
      const seed = parseNumber('seed', opts.seed, { min: 0, integer: true });
      const config = parseConfig(game, gameConfigFrom(opts));
      const specs = resolveAgents(game.id, opts.agents);
      if (specs.length === 0) throw new UsageError('--agents is empty');
      if (opts.render !== undefined) {
        const every = parseNumber('render', opts.render, { min: 1, integer: true });
        const seated = Array.from({ length: game.numSeats(config) }, (_, s) => specs[s % specs.length]!);
        const rec = playMatch(game, config, seed, instantiate(game, config, seed, seated), {
          onStep: ({ step, state }) => {
            if (step % every === 0 || game.isTerminal(state))
              process.stderr.write(`\n— step ${step + 1} —\n${game.render(game.observe(state, 'spectator'))}\n`);
          },
        });
        process.stderr.write(`\nresult: ${JSON.stringify(rec.result)}\n`);
      }
      const bar = progress(matches, `${game.id}`);
      const h = headToHead(game, specs, { matches, seed, config, rotate: opts.rotate, onMatch: () => bar.tick() });
      bar.stop();
      const head = h.hasWinner
        ? ['agent', 'seats played', 'wins', 'draws', 'losses', 'score (95% CI)', 'mean return (95% CI)']
        : ['agent', 'seats played', 'mean return (95% CI)'];
      const rows = h.lines.map((l) =>
        h.hasWinner
          ? [l.agent, l.matches, l.wins, l.draws, l.losses, formatInterval(l.score), formatInterval(l.meanReturn, 2)]
          : [l.agent, l.matches, formatInterval(l.meanReturn, 2)],
      );
      if (opts.json) printJson(h);
      else if (opts.csv) process.stdout.write(csv(head, rows) + '\n');
      else {
        process.stdout.write(
          `${game.title}: ${matches} match(es), seed ${seed}, ${h.meanSteps.toFixed(1)} steps/match\n`,
        );
        process.stdout.write(table(head, rows) + '\n');
      }
    }),
  );
}
