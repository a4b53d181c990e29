/**
 * Typed errors with stable codes. Every boundary (engine, CLI, bot protocol, HTTP API) reports
 * failures as one of these codes; docs/protocol.md lists them for bot authors.
 */
export const GAME_ERROR_CODES = [
  'SCHEMA', // the value does not match the JSON schema (wrong shape or type)
  'ILLEGAL_ACTION', // well-formed, but not legal in this state
  'NOT_YOUR_TURN', // this seat has nothing to do now
  'NOT_YOUR_SEAT', // the caller does not own the seat
  'GAME_OVER', // the match has already ended
  'BAD_CONFIG', // a game configuration is invalid (e.g. a payoff table that is not the named game)
  'PARSE', // a text action could not be parsed
  'UNKNOWN_GAME',
  'UNKNOWN_AGENT',
  'BAD_REPLAY', // a replay does not reproduce or is malformed
] as const;

export type GameErrorCode = (typeof GAME_ERROR_CODES)[number];

export class GameError extends Error {
  override readonly name = 'GameError';
  constructor(
    readonly code: GameErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  toJSON(): { code: GameErrorCode; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isGameError(e: unknown): e is GameError {
  return e instanceof GameError;
}
