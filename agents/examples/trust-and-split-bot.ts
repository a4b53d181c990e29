/**
 * Example Ludus bot for Trust-and-Split. The connection loop is in ./shell.ts
 * (plain `ws`, no Ludus imports): copy this file and shell.ts together and change `choose`.
 * Run: LUDUS_TOKEN=<your agent token> npx -y tsx agents/examples/trust-and-split-bot.ts [ws://127.0.0.1:2567/bot] [matches]
 * Optional: LUDUS_CONFIG='{"rounds": 3}' to seek a non-default config.
 * Strategy: say its hand, and believe the other's: all the coins when its hand wins, none when it loses,
 * half when it does not know (docs/trust-and-split.md has the observation and the actions).
 */
import { runBot } from './shell.ts';

const BEATS: Record<string, string> = { rock: 'scissors', paper: 'rock', scissors: 'paper' };

/** The strategy: this seat's observation and the legal actions (when the game lists them) in, one action out. */
function choose(obs: any, legal: any[] | undefined): unknown {
  if (obs.phase === 'talk') return { say: `My hand is ${obs.myHand}.` };
  const said = obs.chat.filter((m: any) => m.seat !== obs.seat).map((m: any) => m.text.toLowerCase());
  const theirs = Object.keys(BEATS).find((h) => said.some((t: string) => t.includes(h)) && h !== obs.myHand);
  if (!theirs) return { claim: Math.floor(obs.coins / 2) };
  return { claim: BEATS[obs.myHand] === theirs ? obs.coins : 0 };
}

runBot('trust-and-split', choose);
