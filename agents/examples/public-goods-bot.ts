/**
 * Example Ludus bot for the public goods game. The connection loop is in ./shell.ts
 * (plain `ws`, no Ludus imports): copy this file and shell.ts together and change `choose`.
 * Run: LUDUS_TOKEN=<your agent token> npx -y tsx agents/examples/public-goods-bot.ts [ws://127.0.0.1:2567/bot] [matches]
 * Optional: LUDUS_CONFIG='{"turns": 20}' to seek a non-default config.
 * Strategy: conditional cooperation: contribute what the others gave on average last round (all of the endowment at first).
 */
import { runBot } from './shell.ts';

/** The strategy: this seat's observation and the legal actions (when the game lists them) in, one action out. */
function choose(obs: any, legal: any[] | undefined): unknown {
  if (!legal?.length) return null;
  const contributions = legal.filter((a) => a.type === 'contribute');
  if (contributions.length === 0) return legal[0]; // other stages (punishment, reward): take the first option
  const last = obs.history[obs.history.length - 1];
  const others = last ? last.contributions.filter((_: number, i: number) => i !== obs.seat) : [obs.endowment];
  const target = others.reduce((a: number, b: number) => a + b, 0) / others.length;
  return nearest(contributions, target);
}

/** The contribute action whose amount is closest to the target. */
function nearest(actions: any[], target: number): any {
  return actions.reduce((best, a) => (Math.abs(a.amount - target) < Math.abs(best.amount - target) ? a : best));
}

runBot('public-goods', choose);
