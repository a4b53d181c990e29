/**
 * What a seat may see, and its numeric encoding.
 *
 * A seat sees its own hand of the current round and nothing else of it: not the other's hand, and not
 * its own value (its hand plus its value would give the other's hand away). That is their design
 * (tas_rps_agent.py: "You only see your own hand, but you may communicate it in messages and infer
 * your value based on the other agent's hand"). Everything else is public: this round's messages,
 * and every finished round in full (hands, values, claims, coins, points, messages). A spectator
 * sees the public part only.
 *
 * `chat` and `history` are shared with the engine and only appended to: an observation is valid until
 * the next step (as in games/dilemmas/observe.ts). Copy them to keep an observation longer.
 */
import type { Seat, SeatOrSpectator } from '../core/types.ts';
import type { Hand } from './config.ts';
import type { ChatLine, Phase, RoundRecord, TrustSplitState } from './state.ts';

export interface TrustSplitObservation {
  game: 'trust-and-split';
  /** The observing seat, or null for a spectator. Every pair below is indexed by seat. */
  seat: 0 | 1 | null;
  phase: Phase;
  /** Completed rounds (so the current round is round + 1 of rounds). */
  round: number;
  rounds: number;
  coins: number;
  highValue: number;
  lowValue: number;
  /** Messages per player per round. */
  messages: number;
  alternateHands: boolean;
  /** The seat that must speak now (talk phase), else null. */
  speaker: Seat | null;
  firstSpeaker: Seat;
  /** The observer's hand this round (null for a spectator and after the end). */
  myHand: Hand | null;
  /** This round's messages so far. */
  chat: readonly ChatLine[];
  history: readonly RoundRecord[];
  /** Points so far, [seat 0, seat 1]. */
  scores: readonly [number, number];
}

/** Whose message is next: speakers alternate, the round's first speaker first. */
export function speakerOf(s: TrustSplitState): Seat | null {
  return s.phase === 'talk' ? (s.chat.length % 2 === 0 ? s.firstSpeaker : 1 - s.firstSpeaker) : null;
}

export function observe(s: TrustSplitState, who: SeatOrSpectator): TrustSplitObservation {
  const c = s.config;
  return {
    game: 'trust-and-split',
    seat: who === 'spectator' ? null : who === 1 ? 1 : 0,
    phase: s.phase,
    round: s.round,
    rounds: c.rounds,
    coins: c.coins,
    highValue: c.highValue,
    lowValue: c.lowValue,
    messages: c.messages,
    alternateHands: c.alternateHands,
    speaker: speakerOf(s),
    firstSpeaker: s.firstSpeaker,
    myHand: who === 'spectator' || s.phase === 'over' ? null : s.hands[who === 1 ? 1 : 0],
    chat: s.chat,
    history: s.history,
    scores: s.scores,
  };
}

/**
 * Numeric encoding, fixed size OBS_SIZE, every entry in [0, 1], from the observer's side ("me" is
 * seat 0 for a spectator):
 *   0, 1   phase talk, phase split;
 *   2      1 when I must speak now;
 *   3      round / rounds;
 *   4..6   my hand one-hot (rock, paper, scissors; all 0 for a spectator);
 *   7      1 once a round has been played; then, of the last round:
 *   8      1 if I had the high value;
 *   9, 10  my claim and the other's, / coins;
 *   11, 12 the coins I and the other received, / coins;
 *   13, 14 my score and the other's, / (rounds · coins · highValue);
 *   15     the other's mean claim over finished rounds, / coins;
 *   16     messages sent this round / (2 · messages) (0 without talk);
 *   17     lowValue / highValue.
 */
export const OBS_SIZE = 18;

const HAND_INDEX: Record<Hand, number> = { rock: 0, paper: 1, scissors: 2 };

export function encode(o: TrustSplitObservation, out: Float32Array = new Float32Array(OBS_SIZE)): Float32Array {
  out.fill(0);
  const me = o.seat ?? 0;
  const op = 1 - me;
  out[0] = o.phase === 'talk' ? 1 : 0;
  out[1] = o.phase === 'split' ? 1 : 0;
  out[2] = o.speaker !== null && o.speaker === o.seat ? 1 : 0;
  out[3] = o.round / o.rounds;
  if (o.myHand) out[4 + HAND_INDEX[o.myHand]] = 1;
  const n = o.history.length;
  if (n > 0) {
    const last = o.history[n - 1]!;
    out[7] = 1;
    out[8] = last.values[me]! > last.values[op]! ? 1 : 0;
    out[9] = last.claims[me]! / o.coins;
    out[10] = last.claims[op]! / o.coins;
    out[11] = last.coins[me]! / o.coins;
    out[12] = last.coins[op]! / o.coins;
    let sum = 0;
    for (const r of o.history) sum += r.claims[op]!;
    out[15] = sum / n / o.coins;
  }
  const most = o.rounds * o.coins * o.highValue;
  out[13] = o.scores[me]! / most;
  out[14] = o.scores[op]! / most;
  out[16] = o.messages > 0 ? o.chat.length / (2 * o.messages) : 0;
  out[17] = o.lowValue / o.highValue;
  return out;
}
