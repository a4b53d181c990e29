/**
 * `trust-and-split`: Trust-and-Split, a social dilemma with negotiation in natural language (the
 * Advantage Alignment LLM paper, arXiv 2511.19405; rules as in dereckpiche/llm_negotiation,
 * mllm/markov_games/negotiation/tas_rps_simulation.py, nego_simulation.py and tas_rps_agent.py).
 *
 * A round (`rounds` of them, 10 by default):
 *   1. hands are dealt (rules.ts `drawHands`): the winning hand values a coin at `highValue`, the other
 *      at `lowValue`; each seat sees only its own hand;
 *   2. talk: `messages` messages each (1 by default), one seat at a time, the round's first speaker
 *      first — each step has one seat to act, the other sees the message before answering (their
 *      alternating chat). The first speaker is drawn at the start and alternates every round;
 *   3. split: both seats claim 0..coins at once; over-claims are scaled down proportionally
 *      (rules.ts `splitCoins`); each seat's reward is coins received × its value.
 *
 * PRNG draws, in order: at init the first speaker (int(2)), then the first round's hands; after each
 * round but the last, the next round's hands (pairs of int(3) until they differ).
 *
 * Built with `defineGame`; given explicitly: the action space with labels and its index maps (a
 * message is one index, whatever it says), `check` (any message is legal in the talk phase),
 * `defaultAction`, and the text forms.
 */
import { z } from 'zod';
import { defineGame } from '../core/define.ts';
import { GameError } from '../core/errors.ts';
import { messageSchema } from '../core/message.ts';
import { Rng } from '../core/rng.ts';
import { checkIndex } from '../core/spaces.ts';
import type { GameEvent, Seat, SeatOrSpectator } from '../core/types.ts';
import { HANDS, MAX_COINS, trustSplitConfig, type Hand, type TrustSplitConfig } from './config.ts';
import { encode, OBS_SIZE, observe, speakerOf, type TrustSplitObservation } from './observe.ts';
import { drawHands, splitCoins, splitPoints, valuesOf } from './rules.ts';
import type { RoundRecord, TrustSplitState } from './state.ts';
import { actionText, parseAction, render, type TrustSplitAction } from './text.ts';

const actionSchema = z.union([
  z.strictObject({ say: messageSchema }),
  z.strictObject({ claim: z.number().int().min(0).max(MAX_COINS) }),
]);

const BOTH: Seat[] = Object.freeze([0, 1]) as unknown as Seat[];
const NOBODY: Seat[] = Object.freeze([]) as unknown as Seat[];
const SILENCE: TrustSplitAction = Object.freeze({ say: '' });

/** Claims 0..coins, then one index for a message. */
const sayIndex = (c: TrustSplitConfig) => c.coins + 1;

function toAct(s: TrustSplitState): Seat[] {
  if (s.phase === 'over') return NOBODY;
  return s.phase === 'split' ? BOTH : [speakerOf(s)!];
}

function startRound(s: TrustSplitState): void {
  s.chat = [];
  s.phase = s.config.messages > 0 ? 'talk' : 'split';
}

/** A copy of `s` in which the hands `who` may not see are dealt otherwise (the conformance leak test). */
function perturbHidden(s: TrustSplitState, who: SeatOrSpectator, rng: Rng): TrustSplitState | undefined {
  if (s.phase === 'over') return undefined;
  // A seat must not see the other's hand (nor, hence, its own value); a spectator sees neither hand.
  const other: Seat = who === 'spectator' ? rng.int(2) : 1 - who;
  const mine = s.hands[1 - other]!;
  const choices = HANDS.filter((h) => h !== mine && h !== s.hands[other]);
  s.hands[other] = choices[0]!;
  return s;
}

export const trustAndSplit = defineGame<TrustSplitConfig, TrustSplitState, TrustSplitAction, TrustSplitObservation>({
  id: 'trust-and-split',
  family: 'trust-and-split',
  title: 'Trust-and-Split',
  description:
    'Split 10 coins over 10 rounds; rock–paper–scissors makes a coin worth 10 to one player and 1 to the other, each sees only its own hand, one message each per round, then simultaneous claims (over-claims scaled down).',
  configSchema: trustSplitConfig as unknown as z.ZodType<TrustSplitConfig>,
  actionSchema: actionSchema as z.ZodType<TrustSplitAction>,
  numSeats: () => 2,
  obsSize: () => OBS_SIZE,
  actionSpace: (c) => ({
    kind: 'discrete',
    n: c.coins + 2,
    labels: [...Array.from({ length: c.coins + 1 }, (_, k) => `claim ${k}`), 'say'],
  }),

  init(config, seed) {
    const rng = Rng.seeded(seed);
    const firstSpeaker: Seat = rng.int(2);
    const dealt = drawHands(rng.state(), null, config.alternateHands);
    const s: TrustSplitState = {
      config,
      rng: dealt.rng,
      round: 0,
      phase: 'talk',
      hands: dealt.hands,
      firstSpeaker,
      chat: [],
      history: [],
      scores: [0, 0],
    };
    startRound(s);
    return s;
  },
  toAct,
  result(s) {
    const [a, b] = s.scores;
    return {
      returns: [a, b],
      winner: s.phase !== 'over' ? null : a > b ? 0 : b > a ? 1 : null,
      reason: s.phase === 'over' ? 'rounds' : 'in-progress',
    };
  },

  legal(s) {
    if (s.phase === 'over') return [];
    if (s.phase === 'talk') return [SILENCE];
    return Array.from({ length: s.config.coins + 1 }, (_, k) => ({ claim: k }));
  },
  check(s, _seat, action) {
    if ('say' in action) {
      if (s.phase !== 'talk')
        throw new GameError('ILLEGAL_ACTION', 'the talk is over for this round: claim coins now ("claim <k>")');
      return;
    }
    if (s.phase !== 'split')
      throw new GameError('ILLEGAL_ACTION', 'this is the talk phase: send {"say": "<message>"} first');
    if (action.claim > s.config.coins)
      throw new GameError(
        'ILLEGAL_ACTION',
        `a claim is 0 to ${s.config.coins} coins (got ${action.claim}); over-claims are scaled down, so claim at most all`,
      );
  },
  step(s, actions) {
    const c = s.config;
    if (s.phase === 'talk') {
      const seat = speakerOf(s)!;
      const text = (actions[seat] as { say: string }).say;
      s.chat.push({ seat, text });
      if (s.chat.length >= 2 * c.messages) s.phase = 'split';
      return { state: s, events: [{ type: 'say', round: s.round, seat, text }], rewards: [0, 0] };
    }
    const claims: [number, number] = [(actions[0] as { claim: number }).claim, (actions[1] as { claim: number }).claim];
    const values = valuesOf(c, s.hands);
    const points = splitPoints(c.coins, claims, values);
    const record: RoundRecord = Object.freeze({
      hands: [s.hands[0], s.hands[1]] as [Hand, Hand],
      values,
      claims,
      coins: splitCoins(c.coins, claims),
      points,
      firstSpeaker: s.firstSpeaker,
      chat: s.chat,
    });
    s.history.push(record);
    s.scores = [s.scores[0] + points[0], s.scores[1] + points[1]];
    s.round++;
    const events: GameEvent[] = [{ type: 'split', round: s.round, ...record }];
    if (s.round >= c.rounds) {
      s.phase = 'over';
      s.chat = [];
    } else {
      const dealt = drawHands(s.rng, s.hands, c.alternateHands);
      s.rng = dealt.rng;
      s.hands = dealt.hands;
      s.firstSpeaker = 1 - s.firstSpeaker;
      startRound(s);
    }
    return { state: s, events, rewards: points };
  },
  // A seat that times out says nothing, and claims half the coins (rounded down): the fair split.
  defaultAction: (s) => (s.phase === 'talk' ? { say: '' } : { claim: Math.floor(s.config.coins / 2) }),

  observe,
  encode: (o, out) => encode(o, out),
  mask(s, seat) {
    const c = s.config;
    const m = new Uint8Array(c.coins + 2);
    if (!toAct(s).includes(seat)) return m;
    if (s.phase === 'talk') m[sayIndex(c)] = 1;
    else if (s.phase === 'split') m.fill(1, 0, c.coins + 1);
    return m;
  },
  actionToIndex: (s, _seat, a) => ('say' in a ? sayIndex(s.config) : a.claim),
  indexToAction(s, _seat, index) {
    checkIndex(s.config.coins + 2, index);
    return index === sayIndex(s.config) ? { say: '' } : { claim: index };
  },

  render,
  parseAction: (text) => parseAction(text),
  actionText,

  conformance: {
    configs: [{}, { messages: 0, rounds: 3, coins: 7 }, { messages: 3, alternateHands: true, lowValue: 0 }],
    perturbHidden,
    illegalActions: (s: TrustSplitState) =>
      s.phase === 'talk'
        ? [{ claim: 0 }, { claim: s.config.coins }]
        : [{ say: 'trust me' }, ...(s.config.coins < MAX_COINS ? [{ claim: s.config.coins + 1 }] : [])],
  },
});
