/**
 * Example Ludus bot for the sequential public goods game. The connection loop is in ./shell.ts
 * (plain `ws`, no Ludus imports): copy this file and shell.ts together and change `choose`.
 * Run: LUDUS_TOKEN=<your agent token> npx -y tsx agents/examples/sequential-public-goods-bot.ts [ws://127.0.0.1:2567/bot] [matches]
 * Optional: LUDUS_CONFIG='{"turns": 20}' to seek a non-default config.
 * Strategy: match the predecessors: contribute the mean of what was given before me this round (everything when first).
 */
import { runBot } from './shell.ts';

/** The strategy: this seat's observation and the legal actions (when the game lists them) in, one action out. */
function choose(obs: any, legal: any[] | undefined): unknown {
  if (!legal?.length) return null;
  const contributions = legal.filter((a) => a.type === 'contribute');
  if (contributions.length === 0) return legal[0];
  const before = (obs.current as (number | null)[]).filter((c): c is number => c !== null);
  const target = before.length ? before.reduce((a, b) => a + b, 0) / before.length : obs.endowment;
  return nearest(contributions, target);
}

/** The contribute action whose amount is closest to the target. */
function nearest(actions: any[], target: number): any {
  return actions.reduce((best, a) => (Math.abs(a.amount - target) < Math.abs(best.amount - target) ? a : best));
}

runBot('sequential-public-goods', choose);
