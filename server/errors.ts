/**
 * The one error vocabulary of the arena. Every refusal, on every transport — the /bot WebSocket, a
 * Colyseus room, the HTTP API — carries one of these codes, unchanged: the game kernel's codes
 * (games/core/errors.ts) are a subset, and the transports add theirs. Each code has one HTTP status
 * (used by the API, and as 4000 + status in a Colyseus join refusal). docs/protocol.md and
 * docs/api.md print this table; test/server/errors.test.ts keeps them in step.
 */
import { GameError, type GameErrorCode } from '../games/core/errors.ts';
import { TournamentError } from '../agents/tournament/spec.ts';

export type Transport = 'bot' | 'room' | 'http';

export interface ErrorInfo {
  /** HTTP status of the code. */
  status: number;
  /** Where the code can be answered: the /bot WebSocket, a Colyseus room, the HTTP API. */
  on: readonly Transport[];
  /** One line for the documentation tables. */
  meaning: string;
}

export const ERRORS = {
  // ------------------------------------------------------------ input
  BAD_JSON: {
    status: 400,
    on: ['bot', 'room', 'http'],
    meaning: 'the frame or body is not JSON, not a JSON object, or binary',
  },
  UNKNOWN_TYPE: {
    status: 400,
    on: ['bot', 'room'],
    meaning: '`type` is missing or not a message type the server knows',
  },
  SCHEMA: {
    status: 400,
    on: ['bot', 'room', 'http'],
    meaning:
      'a message, body, query, config or action has a missing, extra or mistyped field, a value out of range, or text the store cannot hold (NUL, unpaired surrogates)',
  },
  BAD_CONFIG: {
    status: 400,
    on: ['bot', 'http'],
    meaning: 'a game config (or checkpoint architecture) the game rejects: unknown key, value outside its bounds',
  },
  PARSE: {
    status: 400,
    on: ['bot', 'room'],
    meaning:
      "a text action (`action.text`) the game's parser cannot read; `details.legal` lists a few legal actions as text",
  },
  BAD_REPLAY: { status: 400, on: ['http'], meaning: 'a replay does not re-simulate, or is malformed' },
  TOO_LARGE: {
    status: 413,
    on: ['bot', 'room', 'http'],
    meaning:
      'a body or frame above the size limit (counted after decompression), or JSON nested deeper than the depth limit',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    on: ['http'],
    meaning: 'a body in a content type or charset the API does not read (send application/json in UTF-8)',
  },
  // ------------------------------------------------------------ playing
  ILLEGAL_ACTION: {
    status: 409,
    on: ['bot', 'room'],
    meaning: 'a well-formed action that is not legal now (resend a legal one for the same step)',
  },
  NOT_YOUR_TURN: {
    status: 409,
    on: ['bot', 'room'],
    meaning: 'the seat has nothing to do at that step, or already answered it',
  },
  STALE_TURN: { status: 409, on: ['bot', 'room'], meaning: 'the action names a step that is already over' },
  GAME_OVER: { status: 409, on: ['bot', 'room'], meaning: 'the match has ended' },
  NOT_YOUR_SEAT: {
    status: 403,
    on: ['bot', 'room'],
    meaning: 'the caller does not own that seat (or that match has no such seat)',
  },
  // ------------------------------------------------------------ who you are
  UNAUTHORIZED: {
    status: 401,
    on: ['bot', 'room', 'http'],
    meaning:
      'no credentials, or an unknown or revoked token (also the close reason of a connection whose token was revoked or rotated)',
  },
  FORBIDDEN: {
    status: 403,
    on: ['http'],
    meaning: 'valid credentials that may not do this (e.g. an agent token used on another agent)',
  },
  RATE_LIMITED: {
    status: 429,
    on: ['bot', 'room', 'http'],
    meaning:
      'the message or request budget is spent, too many failed tokens, or too many connections per IP or agent; wait `details.retryAfterMs`',
  },
  // ------------------------------------------------------------ what you named
  UNKNOWN_GAME: {
    status: 404,
    on: ['bot', 'http'],
    meaning: 'a game the server does not host, or that the agent is not registered for',
  },
  UNKNOWN_AGENT: {
    status: 404,
    on: ['bot', 'http'],
    meaning: 'no such agent, a revoked one, or one that does not play that game',
  },
  UNKNOWN_MATCH: { status: 404, on: ['bot', 'room', 'http'], meaning: 'no live or stored match with that id' },
  UNKNOWN_CHALLENGE: { status: 404, on: ['bot'], meaning: 'no open challenge with that id addressed to you' },
  UNKNOWN_CHECKPOINT: { status: 404, on: ['http'], meaning: 'no checkpoint with that id' },
  NOT_FOUND: { status: 404, on: ['room', 'http'], meaning: 'no such route (or, in a join, no such room type)' },
  METHOD_NOT_ALLOWED: { status: 405, on: ['room', 'http'], meaning: 'the route exists but not with this method' },
  CONFLICT: { status: 409, on: ['http'], meaning: 'a name or id that is taken' },
  // ------------------------------------------------------------ tournaments
  UNKNOWN_TOURNAMENT: { status: 404, on: ['bot', 'http'], meaning: 'no tournament with that id' },
  UNKNOWN_EVALUATION: { status: 404, on: ['http'], meaning: 'no evaluation (attack job) with that id' },
  TOURNAMENT_RULES: {
    status: 400,
    on: ['http'],
    meaning: 'tournament rules the engine refuses (format, rounds, games per pairing, schedule)',
  },
  TOURNAMENT_ENTRANTS: {
    status: 400,
    on: ['bot', 'http'],
    meaning:
      'a field the format cannot run: too few entrants, an entrant twice, more Swiss rounds than opponents, an agent that does not play the game',
  },
  TOURNAMENT_CLOSED: {
    status: 409,
    on: ['bot', 'http'],
    meaning: 'registration is not open: invitation only, past the deadline, full, or the event started',
  },
  TOURNAMENT_STATE: {
    status: 409,
    on: ['bot', 'http'],
    meaning: 'the tournament cannot do that now (finished, cancelled, or a result already recorded)',
  },
  // ------------------------------------------------------------ the server
  UNAVAILABLE: {
    status: 503,
    on: ['bot', 'http'],
    meaning: 'the opponent is not connected, live play is not running, or the server is shutting down',
  },
  INTERNAL: {
    status: 500,
    on: ['bot', 'room', 'http'],
    meaning: 'a bug on our side (logged); nothing you sent was stored',
  },
} as const satisfies Record<string, ErrorInfo>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

// Every code the game kernel can throw is part of the vocabulary (a compile-time check).
const _gameCodesIncluded: Record<GameErrorCode, ErrorInfo> = ERRORS;
void _gameCodesIncluded;

/** A refusal with a stable code; transports turn it into an `error` frame or an HTTP answer. */
export class ArenaError extends Error {
  override readonly name = 'ArenaError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get status(): number {
    return ERRORS[this.code].status;
  }

  toJSON(): { code: ErrorCode; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** The ArenaError of a thrown value: itself, a GameError with its own code, or undefined for anything else (a bug). */
export function asArenaError(e: unknown): ArenaError | undefined {
  if (e instanceof ArenaError) return e;
  if (e instanceof GameError) return new ArenaError(e.code, e.message, e.details);
  if (e instanceof TournamentError)
    return new ArenaError(e.code === 'TOURNAMENT_PAIRING' ? 'TOURNAMENT_STATE' : e.code, e.message);
  return undefined;
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERRORS, code);
}

/**
 * The vocabulary as the Markdown table docs/protocol.md and docs/api.md print between
 * `<!-- errors:begin -->` and `<!-- errors:end -->` (`node --import tsx scripts/docs-errors.ts` rewrites them).
 */
export function errorTable(): string {
  const rows = ERROR_CODES.map((c) => {
    const e: ErrorInfo = ERRORS[c];
    return `| \`${c}\` | ${e.status} | ${e.on.length ? e.on.map((t) => (t === 'bot' ? '/bot' : t)).join(', ') : '—'} | ${e.meaning} |`;
  });
  return ['| code | HTTP status | answered on | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
