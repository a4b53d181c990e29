/**
 * An endpoint is one live connection that can receive server messages: a /bot WebSocket, a Colyseus
 * client (bot, human or spectator). Matches talk to endpoints only, so both transports share one
 * match service and the same message payloads.
 */
import type { ArenaError } from '../errors.ts';
import type { ObservationMode, ServerMessage } from './protocol.ts';

export interface Endpoint {
  /** Unique per connection (not per agent). */
  readonly id: string;
  /**
   * The one match this connection may play in (a Colyseus room's client), or undefined for a /bot
   * connection, which may play any match of its agent.
   */
  readonly scope?: string;
  /**
   * The observation mode this connection asked for (`auth.observation`, a room's join option); a seat's
   * per-match choice (seek, challenge, accept) wins over it. Absent: `json`.
   */
  observation?: ObservationMode;
  /** False once the connection has closed (absent: assumed open). */
  isOpen?(): boolean;
  send(msg: ServerMessage): void;
  /** Send the error, then close the connection with this WebSocket close code (e.g. 4401 on revocation). */
  close?(code: number, e: ArenaError): void;
}
