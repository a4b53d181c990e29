/**
 * The end of a match in words, from the adjudicated result the server sends (`result.ranks`,
 * `result.winner`, `result.reason`, `outcome`, `faultSeat`; docs/protocol.md § every result.reason):
 * a headline for the person who played ("You won", "You lost", "Draw", or a place in a game without
 * winners) or for a spectator (names, never "you"), and the reason as a sentence ("you left the
 * ring", "time ran out"). Pure: no DOM, unit-tested in test/ui/outcome.test.ts.
 */
import { ordinal, score } from './dom.ts';

export interface FinishedResult {
  result: { returns: number[]; ranks?: number[]; winner?: number | null; reason?: string };
  outcome: string;
  faultSeat?: number;
  steps?: number;
}

export interface OutcomeWords {
  headline: string;
  /** Why the match ended, as a sentence without its full stop ('' when there is nothing to add). */
  reason: string;
  tone: 'win' | 'loss' | 'draw' | 'neutral';
}

/**
 * @param r the `result` message (or a stored match summary)
 * @param me the seat of the person reading, or null for a spectator
 * @param labels the seats' names (the person's own seat is called "you" when `me` is set)
 */
export function outcomeWords(r: FinishedResult, me: number | null, labels: readonly string[]): OutcomeWords {
  const n = r.result.returns.length;
  const ranks = r.result.ranks ?? [];
  const name = (s: number | null | undefined) =>
    s === null || s === undefined ? 'nobody' : s === me ? 'you' : (labels[s] ?? `seat ${s}`);
  const Name = (s: number | null | undefined) => startSentence(name(s), labels);
  const w = r.result.winner;
  let headline: string;
  let tone: OutcomeWords['tone'];
  if (r.outcome === 'aborted') {
    headline = 'Match stopped';
    tone = 'neutral';
  } else if (w !== undefined) {
    if (w === null) {
      headline = 'Draw';
      tone = 'draw';
    } else if (me === null) {
      headline = `${Name(w)} won`;
      tone = 'neutral';
    } else {
      headline = w === me ? 'You won!' : 'You lost';
      tone = w === me ? 'win' : 'loss';
    }
  } else if (me !== null && ranks[me] !== undefined) {
    // No winner concept (public goods): the place by return, ties shared.
    const tied = ranks.filter((x) => x === ranks[me]).length > 1;
    headline = `You finished ${tied ? 'joint ' : ''}${ordinal(ranks[me]!)} of ${n} with ${score(r.result.returns[me])}`;
    tone = ranks[me] === 1 ? 'win' : 'neutral';
  } else {
    const best = ranks.length
      ? ranks.indexOf(Math.min(...ranks))
      : r.result.returns.indexOf(Math.max(...r.result.returns));
    headline = `${Name(best)} finished first with ${score(r.result.returns[best])}`;
    tone = 'neutral';
  }
  return { headline, reason: reasonWords(r, me, labels), tone };
}

/**
 * Text made to start a sentence: our own words get a capital ("You", "Nobody", "The server…"), but
 * a name is written as its owner wrote it ("nu-tft won", never "Nu-tft won").
 */
export function startSentence(text: string, labels: readonly string[]): string {
  if (labels.some((l) => l !== '' && text.startsWith(l))) return text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The reason as words, seen from `me` (null: a spectator). */
export function reasonWords(r: FinishedResult, me: number | null, labels: readonly string[]): string {
  const name = (s: number | null | undefined) =>
    s === null || s === undefined ? 'nobody' : s === me ? 'you' : (labels[s] ?? `seat ${s}`);
  const w = r.result.winner;
  const fault = r.faultSeat;
  const loser = w === null || w === undefined ? undefined : r.result.returns.length === 2 ? 1 - w : undefined;
  const their = (s: number | undefined) => (s === undefined ? 'a' : s === me ? 'your' : `${name(s)}’s`);
  switch (r.result.reason) {
    case 'resign':
      return `${name(fault)} resigned`;
    case 'disconnect':
      return fault === me
        ? 'you left the match and did not come back in time'
        : `${name(fault)} left the match and did not come back in time`;
    case 'timeout':
      return fault === me ? 'your time ran out' : `${name(fault)} ran out of time`;
    case 'crash':
      return `${name(fault)} crashed (answered an invalid action or failed)`;
    case 'engine-error':
      return 'the game engine failed; the match is not rated';
    case 'truncated':
      return 'the arena’s step limit was reached';
    case 'shutdown':
      return 'the server stopped';
    case 'turns':
      return 'all turns were played; the higher total wins';
    case 'prob-end':
      return 'the match ended at random, as its probEnd setting allows';
    case 'rounds':
      return 'all rounds were played; places go by total payoff';
    case 'all-fainted':
      return loser === undefined ? 'both sides ran out of creatures' : `all of ${their(loser)} creatures fainted`;
    case 'turn-cap':
      return 'the turn limit was reached: more creatures left wins, then more HP';
    case 'ring-out':
      return loser === undefined ? 'a robot left the ring' : `${name(loser)} left the ring`;
    case 'ring-out-no-contact':
      return loser === undefined
        ? 'a robot left the ring without any contact'
        : `${name(loser)} left the ring without any contact`;
    case 'double-ring-out':
      return w === null || w === undefined
        ? 'both robots left the ring at the same moment'
        : `both robots left the ring; ${name(w)} stayed in longer`;
    case 'step-cap':
      return 'time ran out for the bout with both robots still in the ring';
    case undefined:
      return '';
    default:
      return r.result.reason;
  }
}
