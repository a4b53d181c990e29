/**
 * Text for people and language models: a rendering of an observation and a parser for text
 * actions. Accepted actions: 'C' / 'cooperate', 'D' / 'defect' (plus each game's own words, e.g.
 * 'stag'/'hare' in the stag hunt), and 'say: <message>' in the cheap-talk phase.
 */
import { GameError } from '../core/errors.ts';
import { isStorableText, MAX_MESSAGE, type DilemmaKind, type Move } from './config.ts';
import type { DilemmaObservation } from './observe.ts';

export type DilemmaAction = Move | { say: string };

/** What C and D mean in each game, for renders and as extra parser words. */
export const MOVE_WORDS: Record<DilemmaKind, { C: string; D: string }> = {
  ipd: { C: 'cooperate', D: 'defect' },
  'stag-hunt': { C: 'stag', D: 'hare' },
  chicken: { C: 'swerve', D: 'straight' },
  matrix: { C: 'cooperate', D: 'defect' },
};

const SAY = /^\s*say\s*:\s?([\s\S]*)$/i;

export function parseAction(kind: DilemmaKind, text: string): DilemmaAction {
  const said = SAY.exec(text);
  if (said) {
    const message = said[1]!;
    if (message.length > MAX_MESSAGE)
      throw new GameError('PARSE', `a message has at most ${MAX_MESSAGE} characters, got ${message.length}`);
    if (!isStorableText(message))
      throw new GameError('PARSE', 'a message may not contain NUL (\\u0000) or an unpaired UTF-16 surrogate');
    return { say: message };
  }
  const word = text.trim().toLowerCase();
  const w = MOVE_WORDS[kind];
  if (word === 'c' || word === 'cooperate' || word === w.C) return 'C';
  if (word === 'd' || word === 'defect' || word === w.D) return 'D';
  throw new GameError(
    'PARSE',
    `cannot read ${JSON.stringify(text.slice(0, 40))} as an action; write C (${w.C}), D (${w.D}) or "say: <message>"`,
  );
}

export function actionText(action: DilemmaAction): string {
  return typeof action === 'string' ? action : `say: ${action.say}`;
}

const SHOWN_TURNS = 10;

export function render(title: string, obs: DilemmaObservation): string {
  const w = MOVE_WORDS[obs.game];
  const who = obs.seat === null ? 'Spectator view (seat 0 vs seat 1)' : `You are seat ${obs.seat}`;
  const [mine, theirs] = obs.seat === null ? ['seat 0', 'seat 1'] : ['you', 'them'];
  const length =
    obs.probEnd > 0 ? `ends after each turn with probability ${obs.probEnd} (cap ${obs.turns})` : `${obs.turns} turns`;
  const lines = [
    `${title}. ${who}. Turn ${obs.turn + (obs.phase === 'over' ? 0 : 1)}; ${length}${obs.noise > 0 ? `; each move flips with probability ${obs.noise}` : ''}.`,
  ];
  const { own: o, opponent: p } = obs.payoffs;
  lines.push(
    `Payoffs (${mine}/${theirs}): CC ${o.R}/${p.R}, CD ${o.S}/${p.T}, DC ${o.T}/${p.S}, DD ${o.P}/${p.P}   (C = ${w.C}, D = ${w.D})`,
  );
  const n = obs.myMoves.length;
  if (n > 0) {
    const from = Math.max(0, n - SHOWN_TURNS);
    const pairs: string[] = [];
    for (let t = from; t < n; t++) {
      const slip = obs.myIntended && obs.myIntended[t] !== obs.myMoves[t] ? '*' : '';
      pairs.push(`${obs.myMoves[t]}${slip}${obs.oppMoves[t]}`);
    }
    lines.push(
      `Last ${n - from} turns (${mine} first${obs.myIntended ? ', * = your move was flipped by noise' : ''}): ${pairs.join(' ')}`,
    );
  }
  lines.push(`Score: ${mine} ${obs.scores[0]}, ${theirs} ${obs.scores[1]}.`);
  const m = obs.myMessages.length;
  if (m > 0) {
    lines.push(
      `Last messages: ${mine}: ${JSON.stringify(obs.myMessages[m - 1])}; ${theirs}: ${JSON.stringify(obs.oppMessages[m - 1])}`,
    );
  }
  if (obs.seat !== null) {
    if (obs.phase === 'talk')
      lines.push(`Send a message: "say: <text>" (at most ${MAX_MESSAGE} characters; "say: " sends nothing).`);
    else if (obs.phase === 'move') lines.push(`Your move: C (${w.C}) or D (${w.D}).`);
  }
  if (obs.phase === 'over') lines.push('The match is over.');
  return lines.join('\n');
}
