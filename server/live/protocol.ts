/**
 * The /bot wire protocol (JSON over WebSocket, one object per text frame, every object has `type`).
 * docs/protocol.md is the reference for bot authors; this file is its executable form: zod schemas
 * for what a bot may send, TypeScript types for what the server sends, and the error codes.
 * The Colyseus path (rooms.ts) sends the very same payloads as room messages.
 */
import { z } from 'zod';
import { unstorableMessage, unstorablePath } from '../../games/core/storable.ts';
import type { Standings } from '../../games/core/standings.ts';
import type { Json } from '../../games/core/types.ts';
import type { OutcomeKind, SeatRecord } from '../contracts.ts';
import { ArenaError, type ErrorCode } from '../errors.ts';

export const PROTOCOL_VERSION = 1;

/** Errors: the arena's one vocabulary (server/errors.ts); the same codes on /bot, Colyseus and HTTP. */
export { ArenaError, ERROR_CODES, type ErrorCode } from '../errors.ts';

// ---------------------------------------------------------------- bot → server

const matchId = z.string().min(1).max(64);
const gameId = z.string().min(1).max(64);
const config = z.record(z.string(), z.unknown()).optional();
/** A name the bot chooses for a request; echoed in `seeking`, `challenge-sent` and `match-start.origin`. */
const ref = z.string().min(1).max(64).optional();

/**
 * How a seat receives its observations (docs/protocol.md § text mode): `json` (the default) sends the
 * observation and the legal actions as JSON; `text` sends the game's text view (`render`) and the legal
 * actions as text (`actionText`) instead; `both` sends everything. Asked per connection (`auth`, a room's
 * join options) or per match (`seek`, `challenge`, `accept`, which win over the connection's choice).
 */
export const OBSERVATION_MODES = ['json', 'text', 'both'] as const;
export type ObservationMode = (typeof OBSERVATION_MODES)[number];
export const observationMode = z.enum(OBSERVATION_MODES);

/** Longest text action (characters): room for a chat message inside an action, well under a frame. */
export const MAX_ACTION_TEXT = 2000;
/** Bounds of a per-turn transcript (characters): each message, the whole prompt, the completion. */
export const TRANSCRIPT_LIMITS = { message: 16_000, prompt: 32_000, completion: 8000, messages: 32 } as const;

const chatMessage = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().max(TRANSCRIPT_LIMITS.message),
});

/**
 * What a language-model bot may send with its action (`action.transcript`), stored with the match
 * (table match_transcripts, GET /api/matches/:id/transcript, the turn-level trajectory export):
 * `prompt` the chat messages of the request that produced the answer (retries included), `completion`
 * the model's last answer, `attempts` how many answers it took, `fallback` true when none parsed and the
 * default action was sent, `latencyMs` wall time of the model calls, token counts from the endpoint's
 * `usage` when it reports them (summed over the attempts).
 */
export const transcriptSchema = z
  .strictObject({
    prompt: z.array(chatMessage).min(1).max(TRANSCRIPT_LIMITS.messages),
    completion: z.string().max(TRANSCRIPT_LIMITS.completion),
    model: z.string().min(1).max(128).optional(),
    attempts: z.number().int().min(1).max(16).optional(),
    fallback: z.boolean().optional(),
    latencyMs: z.number().min(0).max(3_600_000).optional(),
    promptTokens: z.number().int().min(0).max(100_000_000).optional(),
    completionTokens: z.number().int().min(0).max(100_000_000).optional(),
  })
  .refine((t) => t.prompt.reduce((n, m) => n + m.content.length, 0) <= TRANSCRIPT_LIMITS.prompt, {
    message: `the prompt is longer than ${TRANSCRIPT_LIMITS.prompt} characters in all`,
    path: ['prompt'],
  });
export type Transcript = z.infer<typeof transcriptSchema>;

export const clientMessageSchemas = {
  auth: z.strictObject({
    type: z.literal('auth'),
    token: z.string().min(1).max(512),
    /** This connection's default observation mode (default `json`). */
    observation: observationMode.optional(),
  }),
  seek: z.strictObject({ type: z.literal('seek'), game: gameId, config, ref, observation: observationMode.optional() }),
  'cancel-seek': z.strictObject({ type: z.literal('cancel-seek'), game: gameId.optional() }),
  challenge: z.strictObject({
    type: z.literal('challenge'),
    opponent: z.string().min(1).max(128),
    game: gameId,
    config,
    ref,
    observation: observationMode.optional(),
  }),
  accept: z.strictObject({
    type: z.literal('accept'),
    challengeId: z.string().min(1).max(64),
    observation: observationMode.optional(),
  }),
  decline: z.strictObject({ type: z.literal('decline'), challengeId: z.string().min(1).max(64) }),
  action: z
    .strictObject({
      type: z.literal('action'),
      matchId,
      step: z.number().int().min(0),
      /** Needed only when the agent holds several seats in the same match. */
      seat: z.number().int().min(0).optional(),
      /** The action as JSON (the game's action schema)… */
      action: z.unknown().optional(),
      /** …or as text, read by the game's own parser (`parseAction`); exactly one of the two. */
      text: z.string().min(1).max(MAX_ACTION_TEXT).optional(),
      /** A language-model bot's prompt and answer for this turn, stored with the match. */
      transcript: transcriptSchema.optional(),
    })
    .refine((a) => (a.action === undefined) !== (a.text === undefined), {
      message: 'send exactly one of "action" (JSON) and "text"',
    }),
  ping: z.strictObject({ type: z.literal('ping'), id: z.union([z.string().max(64), z.number()]).optional() }),
  /** Enter an open tournament (docs/tournaments.md); answered by `tournament-joined` or an error. */
  'tournament-join': z.strictObject({ type: z.literal('tournament-join'), tournamentId: z.string().min(1).max(64) }),
  /** Leave a tournament: before its start you leave the field; after, your remaining games are forfeited. */
  'tournament-withdraw': z.strictObject({
    type: z.literal('tournament-withdraw'),
    tournamentId: z.string().min(1).max(64),
  }),
} as const;

export type ClientMessageType = keyof typeof clientMessageSchemas;
export type ClientMessage = { [K in ClientMessageType]: z.infer<(typeof clientMessageSchemas)[K]> }[ClientMessageType];

/**
 * Parse one text frame into a typed message, or throw an ArenaError (BAD_JSON, UNKNOWN_TYPE,
 * SCHEMA, including text the store cannot hold anywhere in the message). `action.action` is checked
 * against the game's own schema later.
 */
export function parseClientMessage(text: string): ClientMessage {
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH))
    throw new ArenaError('TOO_LARGE', `the message nests deeper than ${MAX_JSON_DEPTH} levels`, {
      maxDepth: MAX_JSON_DEPTH,
    });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ArenaError('BAD_JSON', 'the message is not valid JSON');
  }
  return parseClientObject(raw);
}

/** Deepest nesting of arrays and objects a message may have (checked before parsing). */
export const MAX_JSON_DEPTH = 32;

/**
 * True when JSON text nests arrays/objects deeper than `max`: one pass over the characters (strings
 * skipped, escapes honoured) that stops at the first level too deep, so a 256 KiB frame of `[[[[…` costs
 * a few dozen character reads instead of a parse. Not a validator: JSON.parse still judges the text.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

export function parseClientObject(raw: unknown): ClientMessage {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new ArenaError('BAD_JSON', 'a message must be a JSON object');
  const bad = unstorablePath(raw);
  if (bad)
    throw new ArenaError('SCHEMA', unstorableMessage('message', bad), [
      { path: bad.map(String), message: 'NUL or unpaired surrogate' },
    ]);
  const fast = actionFastPath(raw as Record<string, unknown>);
  if (fast) return fast;
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.hasOwn(clientMessageSchemas, type)) {
    const known = Object.keys(clientMessageSchemas).join(', ');
    const what =
      type === undefined
        ? 'a message needs a string field "type"'
        : `unknown message type ${JSON.stringify(type).slice(0, 80)}`;
    throw new ArenaError('UNKNOWN_TYPE', `${what}; known types: ${known}`);
  }
  const r = clientMessageSchemas[type as ClientMessageType].safeParse(raw);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
    throw new ArenaError(
      'SCHEMA',
      `malformed ${type}: ${issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}`,
      issues,
    );
  }
  return r.data as ClientMessage;
}

/**
 * The `matchId` and `step` of a request, read leniently from whatever arrived (even a message that
 * failed its schema), so that an error can say which turn it answers.
 */
export function requestContext(raw: unknown): { matchId?: string; step?: number } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const { matchId, step } = raw as { matchId?: unknown; step?: unknown };
  const ctx: { matchId?: string; step?: number } = {};
  if (typeof matchId === 'string' && matchId.length <= 64 && unstorablePath(matchId) === undefined)
    ctx.matchId = matchId;
  if (typeof step === 'number' && Number.isSafeInteger(step) && step >= 0) ctx.step = step;
  return ctx;
}

/**
 * Actions are most of the traffic: a well-formed one is recognised without zod (the same rules as
 * clientMessageSchemas.action); anything unusual falls through to the schema for its error report.
 */
function actionFastPath(o: Record<string, unknown>): ClientMessage | null {
  if (o.type !== 'action') return null;
  const { matchId, step, seat } = o;
  let keys = 0;
  for (const k in o) {
    if (k !== 'type' && k !== 'matchId' && k !== 'step' && k !== 'seat' && k !== 'action') return null;
    keys++;
  }
  if (typeof matchId !== 'string' || matchId.length < 1 || matchId.length > 64) return null;
  if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 0) return null;
  if (seat !== undefined && (typeof seat !== 'number' || !Number.isSafeInteger(seat) || seat < 0)) return null;
  if (!('action' in o) || keys > 5) return null;
  return o as ClientMessage;
}

// ---------------------------------------------------------------- server → bot

export interface Timing {
  /** Time allowed for each turn before the bank starts to drain. */
  turnMs: number;
  /** Per-match overage bank shared by all turns of a seat (Kaggle-style). */
  bankMs: number;
  /** What happens when a seat runs out of time (or stays disconnected past the window). */
  onTimeout: 'default' | 'forfeit';
  /** How long a disconnected seat is kept for its bot to come back. */
  reconnectMs: number;
}

export interface WelcomeMessage {
  type: 'welcome';
  protocol: number;
  agent: { id: string; name: string };
  limits: { burst: number; perSecond: number };
  /** Matches this agent has seats in that are still running (their turns follow). */
  resumed: string[];
}
export interface ChallengeOffer {
  type: 'challenge';
  challengeId: string;
  from: { id: string; name: string };
  game: string;
  config: Json;
  expiresInMs: number;
}
export interface ChallengeUpdate {
  type: 'challenge-sent' | 'challenge-declined' | 'challenge-expired';
  challengeId: string;
  opponent?: string;
  ref?: string;
}
export interface SeekingMessage {
  type: 'seeking';
  ref?: string;
  game: string;
  config: Json;
  /** After this wait a built-in agent fills the empty seats. */
  fillerAfterMs: number;
}
/**
 * What created a match: the bot's own `seek` or `challenge` (with the `ref` it gave, if any), a
 * challenge it accepted, or the server (an API call, a league round, a person's game).
 */
export type MatchOrigin =
  | { type: 'seek'; game: string; ref?: string }
  | { type: 'challenge'; challengeId?: string; ref?: string }
  | { type: 'accept'; challengeId: string }
  | { type: 'api' }
  | { type: 'league'; round?: number }
  | { type: 'tournament'; tournamentId: string; round: number; pairing: string; game: number }
  | { type: 'evaluation'; evaluationId: string }
  | { type: 'play' };

export interface MatchStartMessage {
  type: 'match-start';
  matchId: string;
  game: string;
  config: Json;
  /** The seat this connection plays (one message per seat when an agent holds several). */
  seat: number;
  seats: SeatRecord[];
  timing: Timing;
  /** What created the match (answers your `seek` or `challenge`; see MatchOrigin). */
  origin?: MatchOrigin;
  /** JSON schema of one action of this game. */
  actionSchema?: Json;
  /** This seat's observation mode, when it is not `json` (what its turns carry). */
  observation?: ObservationMode;
  /** The action index space ('discrete' n, or a 'box'), for bots that act by index or mask. */
  actionSpace: Json;
  /** Colyseus room id to spectate, once one exists. */
  roomId?: string;
}
export interface TurnMessage {
  type: 'turn';
  matchId: string;
  seat: number;
  step: number;
  /** The seat's observation as JSON (modes `json` and `both`). */
  observation?: Json;
  /** Legal actions when the game can enumerate them (modes `json` and `both`). */
  legal?: Json[];
  /** Modes `text` and `both`: the game's text view of the observation (`render`). */
  text?: string;
  /** Modes `text` and `both`: the legal actions in the game's text form (`actionText`), when it can enumerate them. */
  legalText?: string[];
  /** Modes `text` and `both`: the text of the action played for this seat if its time runs out. */
  defaultText?: string;
  /** 1 = legal, over the discrete action space (absent for continuous games). */
  mask?: number[];
  /** Milliseconds left for this turn before the bank drains. */
  deadlineMs: number;
  /** Milliseconds left in this seat's bank. */
  bankMs: number;
  /**
   * This seat's rewards summed over every step since its previous turn (absent at step 0). A re-sent
   * turn (after a reconnection) carries the same value: sum it once per step.
   */
  reward?: number;
}
export interface ResultMessage {
  type: 'result';
  matchId: string;
  seat?: number;
  /** The engine's result, adjudicated: `returns`, `ranks` (1 = best), `winner`, `reason`. */
  result: Standings;
  outcome: OutcomeKind;
  /**
   * True when the match ended before the game's terminal state (a forfeit, a crash, a disconnection
   * under the forfeit rule, the arena's step cap, a shutdown): Gymnasium's `truncated`; false when the
   * game's own rules ended it (`terminated`).
   */
  truncated: boolean;
  /** To a seat: its view of the final state (absent after an engine failure; absent in mode `text`). */
  observation?: Json;
  /** To a seat in mode `text` or `both`: the text view of the final state. */
  text?: string;
  /** To a seat: its rewards since its last turn; with the turns' rewards it sums to `result.returns[seat]`. */
  reward?: number;
  faultSeat?: number;
  steps: number;
  finalHash: string;
}
/** A seat ran out of time at this step and the game's default action was played for it. */
export interface TimeoutMessage {
  type: 'timeout';
  matchId: string;
  seat: number;
  step: number;
  action: Json;
}
export interface ViewMessage {
  type: 'view';
  matchId: string;
  step: number;
  observation: Json;
  events: Json[];
}
export interface ErrorMessage {
  type: 'error';
  code: ErrorCode;
  message: string;
  /** The request this error answers, when it had a matchId/step (so bots can match it up). */
  matchId?: string;
  step?: number;
  details?: unknown;
}
/** Colyseus rooms only: how many watch the match, sent to every client of the room when it changes (and on joining). */
export interface SpectatorsMessage {
  type: 'spectators';
  matchId: string;
  count: number;
}
export interface PongMessage {
  type: 'pong';
  id?: string | number;
  time: number;
}

// ---------------------------------------------------------------- tournaments (server → bot)

/** A tournament you may enter: open registration for a game you play, or an invitation (you are an entrant). */
export interface TournamentInvitationMessage {
  type: 'tournament-invitation';
  tournamentId: string;
  name: string;
  game: string;
  config: Json;
  /** agents/tournament/spec.ts Rules: format, games per pairing, no-show grace, … */
  rules: Json;
  startsAt: string;
  open: boolean;
  /** True when the organiser entered you already. */
  entered: boolean;
  maxEntrants: number | null;
}
/** Your `tournament-join` or `tournament-withdraw` took effect. */
export interface TournamentJoinedMessage {
  type: 'tournament-joined' | 'tournament-withdrawn';
  tournamentId: string;
  entrants: number;
  startsAt: string;
}
/** A round (or an arena/ladder wave) started; `pairings` are yours in it (empty: you rest or wait). */
export interface TournamentRoundMessage {
  type: 'tournament-round';
  tournamentId: string;
  round: number;
  /** Rounds in all (absent for arena and ladder). */
  totalRounds?: number;
  pairings: { pairing: string; opponent: string | null; opponentName: string | null; bye: boolean; games: number }[];
}
/** One of your games is about to be played: `match-start` follows on its own (no seek needed). */
export interface TournamentPairingMessage {
  type: 'tournament-pairing';
  tournamentId: string;
  round: number;
  pairing: string;
  game: number;
  /** Agent ids in seat order; your seat is the index of your id. */
  seats: string[];
  seat: number;
  /** The match id the game will have (t_<tournament>_<pairing>_g<game>_a<attempt>). */
  matchId: string;
  /** ms you have to be connected before the game is forfeited. */
  noShowGraceMs: number;
}
/** The standings after a result (and the final ones, `status: finished`). */
export interface TournamentStandingsMessage {
  type: 'tournament-standings';
  tournamentId: string;
  status: string;
  round: number;
  standings: {
    rank: number;
    agentId: string;
    name: string;
    points: number;
    games: number;
    tiebreaks: Record<string, number>;
    withdrawn: boolean;
  }[];
}

export type ServerMessage =
  | TournamentInvitationMessage
  | TournamentJoinedMessage
  | TournamentRoundMessage
  | TournamentPairingMessage
  | TournamentStandingsMessage
  | WelcomeMessage
  | ChallengeOffer
  | ChallengeUpdate
  | SeekingMessage
  | MatchStartMessage
  | TurnMessage
  | ResultMessage
  | TimeoutMessage
  | ViewMessage
  | ErrorMessage
  | SpectatorsMessage
  | PongMessage;

export function errorMessage(e: ArenaError, ctx: { matchId?: string; step?: number } = {}): ErrorMessage {
  const m: ErrorMessage = { type: 'error', code: e.code, message: e.message };
  if (ctx.matchId !== undefined) m.matchId = ctx.matchId;
  if (ctx.step !== undefined) m.step = ctx.step;
  if (e.details !== undefined) m.details = e.details;
  return m;
}
