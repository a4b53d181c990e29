/**
 * Example Ludus bot for the iterated prisoner's dilemma. The connection loop is in ./shell.ts
 * (plain `ws`, no Ludus imports): copy this file and shell.ts together and change `choose`.
 * Run: LUDUS_TOKEN=<your agent token> npx -y tsx agents/examples/ipd-bot.ts [ws://127.0.0.1:2567/bot] [matches]
 * Optional: LUDUS_CONFIG='{"turns": 20}' to seek a non-default config.
 * Strategy: tit for tat: cooperate first, then copy the opponent's last move.
 */
import { runBot } from './shell.ts';

/** The strategy: this seat's observation and the legal actions (when the game lists them) in, one action out. */
function choose(obs: any, legal: any[] | undefined): unknown {
  // The opponent's previous move, or cooperation on the first turn.
  const last = obs.oppMoves[obs.oppMoves.length - 1] ?? 'C';
  return legal?.includes(last) ? last : 'C';
}

runBot('ipd', choose);
