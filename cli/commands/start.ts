/**
 * `ludus start` (what `npm start` runs): the main job. Until the arena server exists this runs a
 * demo: every registered game plays its built-in agents against each other.
 */
import type { Command } from 'commander';
import { listGames } from '../../games/index.ts';
import { agentsFor } from '../../agents/registry.ts';
import { headToHead } from '../../agents/eval/head-to-head.ts';
import { formatInterval } from '../../agents/eval/stats.ts';
import { guard, table } from '../output.ts';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('start Ludus (the demo until the arena server lands)')
    .action(() =>
      guard(() => {
        for (const game of listGames()) {
          const specs = agentsFor(game.id).slice(0, 4);
          const h = headToHead(game, specs, { matches: 20, seed: 1 });
          process.stdout.write(`\n${game.title}\n`);
          process.stdout.write(table(['agent', 'score (95% CI)', 'mean return'], h.lines.map((l) => [l.agent, formatInterval(l.score), l.meanReturn.estimate.toFixed(2)])) + '\n');
        }
      }),
    );
}
