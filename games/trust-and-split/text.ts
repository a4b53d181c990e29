/**
 * Text for people and language models: a rendering of an observation, and the text actions.
 *
 * Actions: `say: <message>` in the talk phase (at most 500 characters; `say: ` sends an empty one),
 * `claim <k>` in the split phase (also `keep <k>`, `<k>`, `<k> coins`). Their LLM prompts' tags are
 * read too, so a model prompted as in the paper can answer as it was trained: `<message>…</message>`
 * and `<coins_to_self> k </coins_to_self>` (tas_rps_agent.py).
 */
import { GameError } from '../core/errors.ts';
import { checkMessageText, MAX_MESSAGE } from '../core/message.ts';
import { BEATS, type Hand } from './config.ts';
import type { TrustSplitObservation } from './observe.ts';

export type TrustSplitAction = { say: string } | { claim: number };

const SAY = /^\s*say\s*:\s?([\s\S]*)$/i;
const MESSAGE_TAG = /^\s*<message>([\s\S]*)<\/message>\s*$/i;
const CLAIM = /^\s*(?:(?:claim|keep)\s*:?\s*)?(\d{1,9})\s*(?:coins?)?\s*$/i;
const COINS_TAG = /^\s*<coins_to_self>\s*(\d{1,9})\s*<\/coins_to_self>\s*$/i;

/** @throws GameError PARSE when the text is no action, or a message is too long or unstorable. */
export function parseAction(text: string): TrustSplitAction {
  const said = SAY.exec(text) ?? MESSAGE_TAG.exec(text);
  if (said) return { say: checkMessageText(said[1]!) };
  const claim = CLAIM.exec(text) ?? COINS_TAG.exec(text);
  if (claim) return { claim: Number(claim[1]) };
  throw new GameError(
    'PARSE',
    `cannot read ${JSON.stringify(text.slice(0, 40))} as an action; write "say: <message>" in the talk phase or "claim <coins>" in the split phase`,
  );
}

export function actionText(action: TrustSplitAction): string {
  return 'say' in action ? `say: ${action.say}` : `claim ${action.claim}`;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

function whoIs(o: TrustSplitObservation, seat: number): string {
  return o.seat === null ? `seat ${seat}` : seat === o.seat ? 'you' : 'the other player';
}

export function render(o: TrustSplitObservation): string {
  const lines: string[] = [];
  const head = o.seat === null ? 'Spectator view' : `You are seat ${o.seat}`;
  const at = o.phase === 'over' ? `all ${o.rounds} rounds played` : `round ${o.round + 1} of ${o.rounds}`;
  lines.push(`Trust-and-Split. ${head}; ${at}.`);
  lines.push(
    `Each round ${o.coins} coins are split. Rock-paper-scissors hands are dealt${o.alternateHands ? ' (the loser of a round wins the next)' : ''}: ` +
      `the winning hand values a coin at ${fmt(o.highValue)}, the other at ${fmt(o.lowValue)}. Each player sees only its own hand. ` +
      `After ${o.messages > 0 ? `${o.messages} message(s) each, in turn,` : 'no talk,'} both claim coins at once; ` +
      `claims over ${o.coins} in total are scaled down proportionally.`,
  );
  if (o.myHand) {
    const beats = BEATS[o.myHand];
    const losesTo = (Object.keys(BEATS) as Hand[]).find((h) => BEATS[h] === o.myHand)!;
    lines.push(
      `Your hand: ${o.myHand}. Your coin is worth ${fmt(o.highValue)} if the other holds ${beats}, ${fmt(o.lowValue)} if ${losesTo}.`,
    );
  }
  const last = o.history[o.history.length - 1];
  if (last) {
    const s = (k: 0 | 1) =>
      `${whoIs(o, k)}: ${last.hands[k]}, value ${fmt(last.values[k])}, claimed ${last.claims[k]}, got ${fmt(last.coins[k])} coins = ${fmt(last.points[k])} points`;
    lines.push(`Last round: ${s(0)}; ${s(1)}.`);
  }
  lines.push(`Score: ${whoIs(o, 0)} ${fmt(o.scores[0])}, ${whoIs(o, 1)} ${fmt(o.scores[1])}.`);
  if (o.chat.length > 0) {
    lines.push('Messages this round:');
    for (const m of o.chat) lines.push(`  ${whoIs(o, m.seat)}: ${JSON.stringify(m.text)}`);
  }
  if (o.phase === 'talk') {
    if (o.seat !== null && o.speaker === o.seat)
      lines.push(`Send your message: "say: <text>" (at most ${MAX_MESSAGE} characters).`);
    else lines.push(`Waiting for ${whoIs(o, o.speaker!)} to send a message.`);
  } else if (o.phase === 'split' && o.seat !== null) {
    lines.push(`Submit your claim: "claim <k>", k an integer from 0 to ${o.coins} (the coins you keep).`);
  } else if (o.phase === 'over') lines.push('The match is over.');
  return lines.join('\n');
}
