/**
 * Baseline agents for `trust-and-split`. Each reads only its own observation (its hand, this round's
 * messages, the finished rounds) and answers a message in the talk phase and a claim in the split phase.
 *
 *   - greedy: claims every coin (the strictly dominant claim of the one-shot round, analysis/stage-game.ts);
 *   - fair: claims half the coins, rounded down;
 *   - reciprocal: tit for tat on claims — half in the first round, then the other's last claim;
 *   - trusting: tells its hand truthfully and reads the other's; when both hands are known it plays the
 *     efficient split (all the coins if its hand wins, none if it loses), unless the other broke that
 *     trust in the last round (claimed coins when its hand lost, or named a hand it did not hold), in
 *     which case it claims everything for one round — tit for tat between "trust" and "grab", the two
 *     strategies of the round's prisoner's dilemma (analysis/stage-game.ts `trustOrGrab`).
 */
import type { AgentSpec } from '../core/agent.ts';
import { HANDS, type Hand } from '../../games/trust-and-split/config.ts';
import type { TrustSplitObservation } from '../../games/trust-and-split/observe.ts';
import type { RoundRecord } from '../../games/trust-and-split/state.ts';
import type { TrustSplitAction } from '../../games/trust-and-split/text.ts';
import { BEATS } from '../../games/trust-and-split/config.ts';

export const TRUST_AND_SPLIT_GAME_IDS = ['trust-and-split'] as const;

function agent(
  id: string,
  title: string,
  description: string,
  talk: (o: TrustSplitObservation) => string,
  claim: (o: TrustSplitObservation) => number,
  meta?: Record<string, unknown>,
): AgentSpec {
  return {
    id,
    games: TRUST_AND_SPLIT_GAME_IDS,
    title,
    description,
    ...(meta ? { meta } : {}),
    create: () => ({
      act: (o: TrustSplitObservation): TrustSplitAction =>
        o.phase === 'talk' ? { say: talk(o) } : { claim: Math.max(0, Math.min(o.coins, claim(o))) },
    }),
  };
}

const half = (o: TrustSplitObservation) => Math.floor(o.coins / 2);
const me = (o: TrustSplitObservation) => o.seat ?? 0;
const lastRound = (o: TrustSplitObservation): RoundRecord | undefined => o.history[o.history.length - 1];

export const greedy = agent(
  'greedy',
  'Greedy',
  'Claims every coin every round (the dominant claim of the one-shot round).',
  () => 'I am taking all the coins.',
  (o) => o.coins,
);

export const fair = agent(
  'fair',
  'Fair Split',
  'Claims half the coins (rounded down) every round, whatever the hands.',
  () => 'Let us split the coins evenly.',
  half,
);

export const reciprocal = agent(
  'reciprocal',
  'Reciprocal',
  "Tit for tat on claims: half the coins in the first round, then the other's claim of the last round.",
  (o) => {
    const last = lastRound(o);
    return last ? `You claimed ${last.claims[1 - me(o)]} last round, so I claim the same.` : 'I start with half.';
  },
  (o) => {
    const last = lastRound(o);
    return last ? last.claims[1 - me(o)]! : half(o);
  },
);

/** The hand a message names ("my hand is rock", "I have paper" …): the only hand word in it, else null. */
export function handIn(text: string): Hand | null {
  const words: string[] = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const named = HANDS.filter((h) => words.includes(h));
  return named.length === 1 ? named[0]! : null;
}

/** The other's messages this round (or in a finished round). */
function othersHand(chat: readonly { seat: number; text: string }[], other: number): Hand | null {
  let hand: Hand | null = null;
  for (const m of chat) if (m.seat === other) hand = handIn(m.text) ?? hand;
  return hand;
}

/** Did the other break trust in a finished round? (Lied about its hand, or claimed coins when it lost.) */
function betrayed(r: RoundRecord, seat: number): boolean {
  const other = 1 - seat;
  const said = othersHand(r.chat, other);
  if (said !== null && said !== r.hands[other]) return true;
  const otherLost = r.values[other]! < r.values[seat]!;
  return otherLost && r.claims[other]! > 0;
}

export const trusting = agent(
  'trusting',
  'Trusting',
  'Tells its hand truthfully; when both hands are known, takes all the coins if its hand wins and none if it loses; claims everything for one round after the other lies or grabs.',
  (o) => `My hand is ${o.myHand}. If your hand beats mine, take all the coins and I take none; otherwise I take them.`,
  (o) => {
    const seat = me(o);
    const last = lastRound(o);
    if (last && betrayed(last, seat)) return o.coins;
    const theirs = othersHand(o.chat, 1 - seat);
    if (o.myHand === null || theirs === null || theirs === o.myHand) return half(o);
    return BEATS[o.myHand] === theirs ? o.coins : 0;
  },
);

export const TRUST_AND_SPLIT_AGENTS: AgentSpec[] = [greedy, fair, reciprocal, trusting];
