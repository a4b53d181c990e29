/**
 * Prompt templates for language-model players: per game, a system message with the rules and the answer
 * format, then one user message per turn with the game's text view and the legal actions (the text
 * forms of docs/protocol.md § text mode). The text views already show the payoffs, the history and the
 * score, so each turn's request is self-contained: [system, user] (plus, after an unparsable answer,
 * that answer and a correction).
 *
 * A game without a template of its own gets the generic one (its text view carries its rules); adding a
 * game's template is one entry in RULES (e.g. `trust-and-split`).
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** How the model must end its answer; `extractAction` reads this line. */
export const ANSWER_FORMAT =
  'Think briefly if you like, then end your answer with exactly one line of the form\nACTION: <action>\nwhere <action> is one of the legal actions, written exactly as listed. A listed action that ends with a colon, such as "say: ", takes your own text after it, e.g. ACTION: say: <your message>.';

const DILEMMA =
  'You play a repeated two-player game against one opponent. Every turn both players choose at the same time; ' +
  'the payoff table, the recent history and the scores are shown each turn. Your goal is to maximise your own total score over the whole match.';

const PUBLIC_GOODS =
  'You play a public goods game with several players. Each round every player keeps what it does not contribute; ' +
  'the contributions are multiplied and shared equally. Your goal is to maximise your own total payoff over all rounds.';

/** The rules paragraph of each game id (games without one get GENERIC). */
export const RULES: Readonly<Record<string, string>> = {
  ipd: `${DILEMMA} This is the iterated prisoner's dilemma: C cooperates, D defects.`,
  'stag-hunt': `${DILEMMA} This is the stag hunt: C hunts the stag (needs both), D hunts the hare (safe).`,
  chicken: `${DILEMMA} This is the game of chicken: C swerves, D drives straight on.`,
  matrix: `${DILEMMA} The table is a general 2×2 game: C and D are the two moves.`,
  'public-goods': PUBLIC_GOODS,
  'sequential-public-goods': `${PUBLIC_GOODS} Players contribute one after another and see the contributions made before them this round.`,
  vgc: "You play a doubles creature battle (VGC-lite): two creatures of yours are active at a time, each gets one order per turn (a move and its target, or a switch). Knock out all of the opponent's creatures to win.",
  'trust-and-split':
    'You play Trust-and-Split against one other player, over several rounds. Each round a number of coins is split between you. ' +
    'A hidden rock-paper-scissors draw decides who values a coin more this round: the winning hand values a coin at the high value, ' +
    'the losing hand at the low one, and you see only your own hand. First you talk: each player sends one message (say: <message>, ' +
    'at most 500 characters), one after the other. Then both claim coins at the same time (claim <k>); if the claims add up to more ' +
    'than the coins, each is scaled down in proportion. Your payoff is the coins you get times your value. Your goal is to maximise ' +
    'your own total payoff over all rounds.',
  sumo: 'You control a robot in a sumo ring. Push the opponent out of the ring without leaving it yourself. Each step you choose a thrust and a turn, each between -1 and 1.',
};

const GENERIC = 'You play a game against other players. The rules and the current situation are shown each turn.';

/** The system message of a match: the game's rules, your seat, and the answer format. */
export function systemPrompt(game: string, seat: number): string {
  return `${RULES[game] ?? GENERIC}\nYou are seat ${seat}.\n${ANSWER_FORMAT}`;
}

/** Most legal actions listed in one prompt (VGC-lite can have ~100; the rest are elided). */
export const MAX_LISTED = 120;

/** The user message of one turn: the text view, then the legal actions (when the game enumerates them). */
export function turnPrompt(turn: { step: number; text?: string; legalText?: string[]; reward?: number }): string {
  const lines = [`Step ${turn.step}.`];
  if (turn.reward !== undefined) lines.push(`Your reward since your last turn: ${turn.reward}.`);
  lines.push('', turn.text ?? '(no text view)', '');
  if (turn.legalText?.length) {
    const shown = turn.legalText.slice(0, MAX_LISTED);
    lines.push('Legal actions:', ...shown.map((a) => `- ${a}`));
    if (turn.legalText.length > shown.length) lines.push(`(and ${turn.legalText.length - shown.length} more)`);
  } else lines.push('Answer in the action format the text above describes.');
  return lines.join('\n');
}

/** The correction sent after an answer that did not name a legal action. */
export function retryPrompt(why: string, legalText?: readonly string[]): string {
  const some = legalText?.length ? ` For example: ${legalText.slice(0, 8).join(' | ')}.` : '';
  return `Your answer could not be used: ${why}.${some}\nAnswer again, ending with the line ACTION: <action>.`;
}
