/**
 * The `ludus` command line. Each command lives in cli/commands/<name>.ts and registers itself here.
 * Commands print tables for people, and `--json` for programs; bad input exits with code 2 and one
 * clear line on stderr.
 */
import { Command } from 'commander';
import { registerGames } from './commands/games.ts';
import { registerPlay } from './commands/play.ts';
import { registerStart } from './commands/start.ts';
import { registerTournament } from './commands/tournament.ts';
import { registerAnalyzeDilemmas } from './commands/analyze.ts';
import { registerAnalyzePublicGoods } from './commands/analyze-public-goods.ts';
import { registerEvalCheckpoint, registerTrain } from './commands/train.ts';
import { registerLeague } from './commands/league.ts';
import { registerTeams } from './commands/teams.ts';
import { registerBot } from './commands/bot.ts';
import { registerTrajectories } from './commands/trajectories.ts';

const program = new Command();
program
  .name('ludus')
  .description('Ludus: an arena and training school for game-playing agents')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

registerStart(program);
registerGames(program);
registerPlay(program);
registerTournament(program);
registerAnalyzeDilemmas(program);
registerAnalyzePublicGoods(program);
registerTrain(program);
registerEvalCheckpoint(program);
registerLeague(program);
registerTeams(program);
registerBot(program);
registerTrajectories(program);

program.exitOverride((err) => {
  // commander's own usage errors (unknown option, missing argument) → exit 2, no stack trace
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') process.exit(0);
  process.exit(2);
});

await program.parseAsync(process.argv);
