/**
 * The Colyseus path: one room of type `match` per live match, a thin adapter over the match service.
 * Rooms are created on demand (`joinOrCreate('match', { matchId })`, filtered by matchId), so a match
 * nobody watches costs no room. Who joins:
 *   - a bot, with its agent token (`{ matchId, token }`): it plays its own seats, same messages as /bot;
 *   - a person, when the match has a human seat (`{ matchId, human: true }`);
 *   - anyone else is a read-only spectator and only ever receives the public ('spectator') view.
 * Turn-based: the room has no synchronised state and no patch loop; everything is a message.
 */
import { Room, ServerError, type AuthContext, type Client } from '@colyseus/core';
import { z } from 'zod';
import type { AgentRecord } from '../contracts.ts';
import type { Endpoint } from './endpoint.ts';
import type { LiveMatch } from './match.ts';
import { ArenaError } from '../errors.ts';
import { errorMessage, type ServerMessage } from './protocol.ts';
import type { MatchService } from './service.ts';

export const ROOM_NAME = 'match';

/** Colyseus keeps one matchmaker per process, so the rooms find the service through this slot. */
let current: MatchService | null = null;
export function setRoomService(service: MatchService | null): void {
  current = service;
}

const joinOptions = z.object({
  matchId: z.string().min(1).max(64),
  token: z.string().min(1).max(512).optional(),
  human: z.boolean().optional(),
  spectate: z.boolean().optional(),
  seat: z.number().int().min(0).optional(),
});

const actionPayload = z.strictObject({
  type: z.literal('action').optional(),
  matchId: z.string().optional(),
  step: z.number().int().min(0),
  seat: z.number().int().min(0).optional(),
  action: z.unknown(),
});

type Role = { role: 'bot'; agent: AgentRecord } | { role: 'human'; seat: number } | { role: 'spectator' };

/** Close codes in the 4xxx range carry our error codes to the SDK's join rejection. */
const JOIN_ERROR = { UNAUTHORIZED: 4401, NOT_YOUR_SEAT: 4403, UNKNOWN_MATCH: 4404, SCHEMA: 4400 } as const;

class ClientEndpoint implements Endpoint {
  readonly id: string;
  constructor(readonly client: Client) {
    this.id = 'room_' + client.sessionId;
  }
  send(msg: ServerMessage): void {
    this.client.send(msg.type, msg);
  }
}

export class MatchRoom extends Room {
  override maxClients = 256;
  private match!: LiveMatch;
  private service!: MatchService;
  private readonly endpoints = new Map<string, ClientEndpoint>();

  override onCreate(options: unknown): void {
    const service = current;
    const parsed = joinOptions.safeParse(options);
    if (!service || !parsed.success) throw new ServerError(JOIN_ERROR.SCHEMA, 'SCHEMA: join with { matchId }');
    const match = service.get(parsed.data.matchId);
    if (!match) throw new ServerError(JOIN_ERROR.UNKNOWN_MATCH, `UNKNOWN_MATCH: no live match ${parsed.data.matchId}`);
    this.service = service;
    this.match = match;
    match.roomId = this.roomId;
    this.patchRate = null; // turn-based: messages only, no patch loop
    this.autoDispose = true;

    this.onMessage('action', (client, raw) => this.action(client, raw));
    this.onMessage('ping', (client, raw: { id?: string | number } | undefined) => client.send('pong', { type: 'pong', ...(raw?.id !== undefined ? { id: raw.id } : {}), time: Date.now() }));
    // Messages sent before a client registered its handlers are lost on the client side; `sync` asks again.
    this.onMessage('sync', (client) => {
      const role = client.auth as Role;
      const e = this.endpoints.get(client.sessionId);
      if (!e) return;
      if (role.role === 'spectator') this.match.sendView(e);
      else if (role.role === 'human') this.match.resend(role.seat);
      else for (const s of this.match.seatsOf(role.agent.id)) if (s.endpoint === e) this.match.resend(s.index);
    });
    this.onMessage('*', (client, type) => {
      this.reply(client, new ArenaError('UNKNOWN_TYPE', `unknown message type ${JSON.stringify(type)}; rooms accept action, sync and ping`));
    });
    const off = service.onEnd((m) => {
      if (m !== this.match) return;
      off();
      // Leave time for the result to arrive and for late spectators to read it, then close the room.
      this.clock.setTimeout(() => void this.disconnect(), 5000);
    });
  }

  override async onAuth(_client: Client, options: unknown, context: AuthContext): Promise<Role> {
    const parsed = joinOptions.safeParse(options);
    if (!parsed.success) throw new ServerError(JOIN_ERROR.SCHEMA, 'SCHEMA: join with { matchId, token? | human? | spectate? }');
    const o = parsed.data;
    if (o.spectate) return { role: 'spectator' };
    const token = o.token ?? context.token;
    if (token) {
      const agent = await this.service.store.authenticate(token);
      if (!agent || agent.revoked) throw new ServerError(JOIN_ERROR.UNAUTHORIZED, 'UNAUTHORIZED: unknown or revoked token');
      if (this.match.seatsOf(agent.id).length === 0) throw new ServerError(JOIN_ERROR.NOT_YOUR_SEAT, `NOT_YOUR_SEAT: ${agent.name} has no seat in match ${this.match.id}`);
      return { role: 'bot', agent };
    }
    if (o.human) {
      const free = this.match.seats.filter((s) => s.plan.kind === 'human' && s.endpoint === null && (o.seat === undefined || s.index === o.seat));
      if (free.length === 0) throw new ServerError(JOIN_ERROR.NOT_YOUR_SEAT, `NOT_YOUR_SEAT: match ${this.match.id} has no free human seat`);
      return { role: 'human', seat: free[0]!.index };
    }
    return { role: 'spectator' };
  }

  override onJoin(client: Client, _options: unknown, auth: Role): void {
    const e = new ClientEndpoint(client);
    this.endpoints.set(client.sessionId, e);
    this.attach(e, auth);
  }

  override onDrop(client: Client): void {
    const e = this.endpoints.get(client.sessionId);
    if (!e) return;
    this.detach(e, client.auth as Role);
    // The SDK reconnects by itself with its reconnection token; our own window still decides the outcome.
    if ((client.auth as Role).role !== 'spectator') this.allowReconnection(client, Math.ceil(this.match.timing.reconnectMs / 1000));
  }

  override onReconnect(client: Client): void {
    const e = new ClientEndpoint(client);
    this.endpoints.set(client.sessionId, e);
    this.attach(e, client.auth as Role);
  }

  override onLeave(client: Client): void {
    const e = this.endpoints.get(client.sessionId);
    if (!e) return;
    this.endpoints.delete(client.sessionId);
    this.detach(e, client.auth as Role);
  }

  override onDispose(): void {
    if (this.match && this.match.roomId === this.roomId) this.match.roomId = undefined;
  }

  private attach(e: ClientEndpoint, role: Role): void {
    if (role.role === 'spectator') this.match.addSpectator(e);
    else if (role.role === 'human') this.service.bind(this.match, role.seat, e);
    else for (const s of this.match.seatsOf(role.agent.id)) this.service.bind(this.match, s.index, e);
  }

  private detach(e: ClientEndpoint, role: Role): void {
    if (role.role === 'spectator') this.match.removeSpectator(e);
    else this.service.disconnect(e);
  }

  private action(client: Client, raw: unknown): void {
    const role = client.auth as Role;
    const parsed = actionPayload.safeParse(raw);
    try {
      if (role.role === 'spectator') throw new ArenaError('NOT_YOUR_SEAT', 'spectators cannot act');
      if (!parsed.success) throw new ArenaError('SCHEMA', `malformed action: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      const a = parsed.data;
      if (role.role === 'human') {
        if (a.seat !== undefined && a.seat !== role.seat) throw new ArenaError('NOT_YOUR_SEAT', `seat ${a.seat} is not yours`);
        this.match.submit(role.seat, a.step, a.action);
      } else {
        this.service.act(role.agent.id, { matchId: this.match.id, step: a.step, seat: a.seat, action: a.action });
      }
    } catch (e) {
      if (!(e instanceof ArenaError)) throw e;
      const ctx = parsed.success ? { matchId: this.match.id, step: parsed.data.step } : { matchId: this.match.id };
      client.send('error', errorMessage(e, ctx));
    }
  }

  private reply(client: Client, e: ArenaError): void {
    client.send('error', errorMessage(e, { matchId: this.match.id }));
  }
}
