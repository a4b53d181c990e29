/**
 * Example Ludus bot for chicken (snowdrift). The connection loop is in ./shell.ts
 * (plain `ws`, no Ludus imports): copy this file and shell.ts together and change `choose`.
 * Run: LUDUS_TOKEN=<your agent token> npx -y tsx agents/examples/chicken-bot.ts [ws://127.0.0.1:2567/bot] [matches]
 * Optional: LUDUS_CONFIG='{"turns": 20}' to seek a non-default config.
 * Strategy: swerve (C) unless the opponent swerved last turn, then go straight (D) once: a cautious bully.
 */
import { runBot } from './shell.ts';

/** The strategy: this seat's observation and the legal actions (when the game lists them) in, one action out. */
function choose(obs: any, legal: any[] | undefined): unknown {
  const last = obs.oppMoves[obs.oppMoves.length - 1];
  return last === 'C' && obs.myMoves[obs.myMoves.length - 1] === 'C' ? 'D' : 'C';
}

runBot('chicken', choose);
