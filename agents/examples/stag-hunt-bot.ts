/**
 * Example Ludus bot for the stag hunt. The connection loop is in ./shell.ts
 * (plain `ws`, no Ludus imports): copy this file and shell.ts together and change `choose`.
 * Run: LUDUS_TOKEN=<your agent token> npx -y tsx agents/examples/stag-hunt-bot.ts [ws://127.0.0.1:2567/bot] [matches]
 * Optional: LUDUS_CONFIG='{"turns": 20}' to seek a non-default config.
 * Strategy: an assurance hunter. Hunting the stag (C) pays off only if the partner hunts it too, so hunt it
 * while the partner's share of stag hunts over the last 5 rounds is at least the risk-dominance threshold
 * p* = (P − S) / ((R − T) + (P − S)) computed from the payoffs in the observation (0.75 for the default
 * R 4, T 3, P 3, S 0): above p*, stag has the higher expected payoff. Start by trusting.
 */
import { runBot } from './shell.ts';

const WINDOW = 5;

/** The strategy: this seat's observation and the legal actions (when the game lists them) in, one action out. */
function choose(obs: any, legal: any[] | undefined): unknown {
  const { R, S, T, P } = obs.payoffs.own;
  const threshold = (P - S) / (R - T + (P - S));
  const recent: string[] = obs.oppMoves.slice(-WINDOW);
  const stagShare = recent.length ? recent.filter((m) => m === 'C').length / recent.length : 1;
  const move = stagShare >= threshold ? 'C' : 'D';
  return legal?.includes(move) ? move : 'C';
}

runBot('stag-hunt', choose);
