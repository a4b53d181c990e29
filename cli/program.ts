/**
 * The `ludus` command line, built but not run (cli/main.ts runs it; tests walk its commands).
 * Each command lives in cli/commands/<name>.ts and registers itself here. Commands print tables for
 * people, and `--json` for programs; bad input exits with code 2 and one clear line on stderr.
 *
 * The exit override and the error output are set BEFORE the commands are registered: commander
 * copies these settings into a subcommand when `.command()` creates it, not later.
 */
import { Command } from 'commander';
import { registerGames } from './commands/games.ts';
import { registerPlay } from './commands/play.ts';
import { registerStart } from './commands/start.ts';
import { registerTournament } from './commands/tournament.ts';
import { registerAnalyzeDilemmas } from './commands/analyze.ts';
import { registerAnalyzePublicGoods } from './commands/analyze-public-goods.ts';
import { registerAnalyzeTrustAndSplit } from './commands/analyze-trust-and-split.ts';
import { registerEvalCheckpoint, registerTrain } from './commands/train.ts';
import { registerImitate } from './commands/imitate.ts';
import { registerEvalVgc } from './commands/eval-vgc.ts';
import { registerLeague } from './commands/league.ts';
import { registerTeams } from './commands/teams.ts';
import { registerBot } from './commands/bot.ts';
import { registerLlmBot } from './commands/llm-bot.ts';
import { registerTrajectories } from './commands/trajectories.ts';
import { registerAttack } from './commands/attack.ts';
import { registerEvaluations } from './commands/evaluations.ts';

/** Exit codes: 0 success (and --help/--version), 2 bad command line or typed input error (cli/output.ts `guard`). */
export const USAGE_EXIT_CODE = 2;

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('ludus')
    .description('Ludus: an arena and training school for game-playing agents')
    .version('0.1.0')
    .exitOverride((err) => {
      // commander's own usage errors (unknown option, missing argument, bad choice) → exit 2, no stack trace
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
        process.exit(0);
      process.exit(USAGE_EXIT_CODE);
    })
    .configureOutput({
      // One line: "ludus: unknown option '--x' (Did you mean --y?) — run with --help for usage".
      outputError: (text, write) =>
        write(
          `ludus: ${text
            .replace(/^error: /, '')
            .trim()
            .split('\n')
            .join(' ')} — run with --help for usage\n`,
        ),
    });

  registerStart(program);
  registerGames(program);
  registerPlay(program);
  registerTournament(program);
  registerAnalyzeDilemmas(program);
  registerAnalyzePublicGoods(program);
  registerAnalyzeTrustAndSplit(program);
  registerTrain(program);
  registerEvalCheckpoint(program);
  registerImitate(program);
  registerEvalVgc(program);
  registerLeague(program);
  registerTeams(program);
  registerBot(program);
  registerLlmBot(program);
  registerTrajectories(program);
  registerAttack(program);
  registerEvaluations(program);
  return program;
}
