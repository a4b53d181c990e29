/**
 * Example Ludus bot for sumo (continuous control). The connection loop is in ./shell.ts
 * (plain `ws`, no Ludus imports): copy this file and shell.ts together and change `choose`.
 * Run: LUDUS_TOKEN=<your agent token> npx -y tsx agents/examples/sumo-bot.ts [ws://127.0.0.1:2567/bot] [matches]
 * Optional: LUDUS_CONFIG='{"turns": 20}' to seek a non-default config.
 * Strategy: turn toward the opponent and push at full thrust; actions are [thrust, turn] in [-1, 1]².
 */
import { runBot } from './shell.ts';

/** The strategy: this seat's observation and the legal actions (when the game lists them) in, one action out. */
function choose(obs: any, legal: any[] | undefined): unknown {
  // ego.opponent is the opponent's position in my own frame (x ahead, y to the left).
  const [dx, dy] = obs.ego.opponent as [number, number];
  const angle = Math.atan2(dy, dx);
  return [dx > 0 ? 1 : 0.3, clamp(angle * 2, -1, 1)];
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

runBot('sumo', choose);
