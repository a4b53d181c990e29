/**
 * Example Ludus bot for VGC doubles. The connection loop is in ./shell.ts
 * (plain `ws`, no Ludus imports): copy this file and shell.ts together and change `choose`.
 * Run: LUDUS_TOKEN=<your agent token> npx -y tsx agents/examples/vgc-bot.ts [ws://127.0.0.1:2567/bot] [matches]
 * Optional: LUDUS_CONFIG='{"turns": 20}' to seek a non-default config.
 * Strategy: a uniformly random legal choice each turn (team preview, moves, switches); the server lists them all.
 */
import { runBot } from './shell.ts';

/** The strategy: this seat's observation and the legal actions (when the game lists them) in, one action out. */
function choose(obs: any, legal: any[] | undefined): unknown {
  return legal && legal.length ? legal[Math.floor(Math.random() * legal.length)] : null;
}

runBot('vgc', choose);
