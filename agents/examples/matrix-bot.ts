/**
 * Example Ludus bot for a general 2×2 matrix game. The connection loop is in ./shell.ts
 * (plain `ws`, no Ludus imports): copy this file and shell.ts together and change `choose`.
 * Run: LUDUS_TOKEN=<your agent token> npx -y tsx agents/examples/matrix-bot.ts [ws://127.0.0.1:2567/bot] [matches]
 * Optional: LUDUS_CONFIG='{"turns": 20}' to seek a non-default config.
 * Strategy: best response to the opponent's last move, using the payoffs the observation carries.
 */
import { runBot } from './shell.ts';

/** The strategy: this seat's observation and the legal actions (when the game lists them) in, one action out. */
function choose(obs: any, legal: any[] | undefined): unknown {
  const p = obs.payoffs.own; // R: both C, S: I cooperate and they defect, T: I defect and they cooperate, P: both D
  const last = obs.oppMoves[obs.oppMoves.length - 1] ?? 'C';
  const best = last === 'C' ? (p.T > p.R ? 'D' : 'C') : p.P > p.S ? 'D' : 'C';
  return legal?.includes(best) ? best : 'C';
}

runBot('matrix', choose);
