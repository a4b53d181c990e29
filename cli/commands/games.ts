/** `ludus games` and `ludus agents --game G`: what is installed. */
import type { Command } from 'commander';
import { z } from 'zod';
import { listGames, getGame } from '../../games/index.ts';
import { agentsFor } from '../../agents/registry.ts';
import { guard, printJson, table } from '../output.ts';

export function registerGames(program: Command): void {
  program
    .command('games')
    .description('list the games and their default configs')
    .option('--json', 'machine-readable output (with config JSON schemas)')
    .action((opts) =>
      guard(() => {
        const games = listGames().map((g) => ({
          id: g.id,
          family: g.family,
          title: g.title,
          description: g.description,
          defaultConfig: g.configSchema.parse({}),
          configSchema: z.toJSONSchema(g.configSchema, { unrepresentable: 'any', io: 'input' }),
        }));
        if (opts.json) return printJson(games);
        process.stdout.write(
          table(
            ['id', 'family', 'title', 'description'],
            games.map((g) => [g.id, g.family, g.title, g.description]),
          ) + '\n',
        );
      }),
    );
  program
    .command('agents')
    .description('list the built-in agents of a game')
    .requiredOption('--game <id>', 'game id')
    .option('--json', 'machine-readable output')
    .action((opts) =>
      guard(() => {
        const game = getGame(opts.game);
        const list = agentsFor(game.id).map((a) => ({
          id: a.id,
          title: a.title,
          description: a.description,
          source: a.source,
          meta: a.meta,
        }));
        if (opts.json) return printJson(list);
        process.stdout.write(
          table(
            ['id', 'name', 'description', 'source'],
            list.map((a) => [a.id, a.title, a.description, a.source ?? '']),
          ) + '\n',
        );
      }),
    );
}
