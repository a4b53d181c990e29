/**
 * The message shapes of the /bot protocol as the SDK sees them (docs/protocol.md is the reference).
 * Plain types only, so that the SDK has no dependency on the server code.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Timing {
  turnMs: number;
  bankMs: number;
  onTimeout: 'default' | 'forfeit';
  reconnectMs: number;
}

export interface SeatInfo {
  seat: number;
  agentId: string | null;
  kind: 'builtin' | 'remote' | 'human' | 'checkpoint';
  label: string;
}

export interface Welcome {
  type: 'welcome';
  protocol: number;
  agent: { id: string; name: string };
  limits: { burst: number; perSecond: number };
  resumed: string[];
}

export interface MatchStart {
  type: 'match-start';
  matchId: string;
  game: string;
  config: Json;
  seat: number;
  seats: SeatInfo[];
  timing: Timing;
  actionSchema?: Json;
  actionSpace: Json;
  roomId?: string;
}

export interface Turn {
  type: 'turn';
  matchId: string;
  seat: number;
  step: number;
  observation: Json;
  legal?: Json[];
  mask?: number[];
  deadlineMs: number;
  bankMs: number;
  reward?: number;
}

export interface Result {
  type: 'result';
  matchId: string;
  seat?: number;
  result: { returns: number[]; winner?: number | null; reason?: string };
  outcome: 'normal' | 'timeout-forfeit' | 'disconnect' | 'crash' | 'aborted';
  faultSeat?: number;
  steps: number;
  finalHash: string;
}

export interface ChallengeOffer {
  type: 'challenge';
  challengeId: string;
  from: { id: string; name: string };
  game: string;
  config: Json;
  expiresInMs: number;
}

export interface ErrorFrame {
  type: 'error';
  code: string;
  message: string;
  matchId?: string;
  step?: number;
  details?: unknown;
}

export type ServerFrame =
  | Welcome
  | MatchStart
  | Turn
  | Result
  | ChallengeOffer
  | ErrorFrame
  | { type: 'seeking'; game: string; config: Json; fillerAfterMs: number }
  | { type: 'challenge-sent' | 'challenge-declined' | 'challenge-expired'; challengeId: string; opponent?: string }
  | { type: 'timeout'; matchId: string; seat: number; step: number; action: Json }
  | { type: 'pong'; id?: string | number; time: number };
