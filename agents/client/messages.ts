/**
 * The message shapes of the /bot protocol as the SDK sees them (docs/protocol.md is the reference).
 * One definition: these are the server's own message types (server/live/protocol.ts), imported as
 * types only, so the SDK has no runtime dependency on the server code and cannot drift from it.
 */
import type {
  ChallengeOffer,
  ErrorMessage,
  MatchStartMessage,
  ObservationMode,
  ResultMessage,
  ServerMessage,
  Timing,
  Transcript,
  TurnMessage,
  WelcomeMessage,
} from '../../server/live/protocol.ts';
import type { SeatRecord } from '../../server/contracts.ts';
import type { Json } from '../../games/core/types.ts';

export type { ChallengeOffer, Json, ObservationMode, Timing, Transcript };
export type SeatInfo = SeatRecord;
export type Welcome = WelcomeMessage;
export type MatchStart = MatchStartMessage;
export type Turn = TurnMessage;
export type Result = ResultMessage;
export type ErrorFrame = ErrorMessage;
export type ServerFrame = ServerMessage;
