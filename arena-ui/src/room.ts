/**
 * The Colyseus side of the app: one `match` room per live match (server/live/rooms.ts), joined as
 * a read-only spectator (`spectate: true`) or as the human seat this tab reserved (`human: true` with
 * the seat token POST /api/play returned). Everything the room
 * says is a message with the /bot protocol's payloads (server/live/protocol.ts).
 */
import { Client, type Room } from '@colyseus/sdk';
import type { ServerMessage } from '../../server/live/protocol.ts';

export type { Room };
export const ROOM_NAME = 'match';

let client: Client | undefined;
function colyseus(): Client {
  return (client ??= new Client(location.origin));
}

export interface RoomLink {
  room: Room;
  /** Register a handler for one message type; returns an unsubscribe. */
  on<T extends ServerMessage['type']>(type: T, fn: (msg: Extract<ServerMessage, { type: T }>) => void): () => void;
  send(type: 'action', payload: { step: number; action: unknown }): void;
  /** Give up the seat (the match ends at once, as a loss). */
  resign(): void;
  leave(): void;
}

/** The seat token of a match this tab started (POST /api/play), kept for the tab's life so a reload can rejoin. */
export function seatToken(matchId: string): string | undefined {
  return sessionStorage.getItem(`ludus.seat.${matchId}`) ?? undefined;
}
export function keepSeatToken(matchId: string, token: string): void {
  sessionStorage.setItem(`ludus.seat.${matchId}`, token);
}

/** Join as a spectator, or as the human seat this tab reserved (its seat token; a stranger cannot take it). */
export async function joinMatch(matchId: string, as: 'spectator' | 'human'): Promise<RoomLink> {
  const options =
    as === 'spectator' ? { matchId, spectate: true } : { matchId, human: true, seatToken: seatToken(matchId) };
  const room = await colyseus().joinOrCreate(ROOM_NAME, options);
  // Messages that arrive before a page registers its handler are kept and replayed to it, so a
  // handler added right after joining still sees `match-start` and the first view/turn.
  const early: { type: string; msg: any }[] = [];
  const handlers = new Map<string, Set<(m: any) => void>>();
  room.onMessage('*', (type: string | number, msg: any) => {
    const set = handlers.get(String(type));
    if (set && set.size) for (const fn of set) fn(msg);
    else early.push({ type: String(type), msg });
  });
  return {
    room,
    on(type, fn) {
      let set = handlers.get(type);
      if (!set) handlers.set(type, (set = new Set()));
      set.add(fn as (m: any) => void);
      for (let i = 0; i < early.length; ) {
        if (early[i]!.type === type) (fn as (m: any) => void)(early.splice(i, 1)[0]!.msg);
        else i++;
      }
      return () => set!.delete(fn as (m: any) => void);
    },
    send(type, payload) {
      room.send(type, payload);
    },
    resign() {
      room.send('resign', {});
    },
    leave() {
      void room.leave(true).catch(() => {});
    },
  };
}
