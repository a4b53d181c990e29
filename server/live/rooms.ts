/**
 * The Colyseus path: one room of type `match` per live match, a thin adapter over the match service.
 * Rooms are created on demand (`joinOrCreate('match', { matchId })`, filtered by matchId), so a match
 * nobody watches costs no room. Who joins:
 *   - a bot, with its agent token (`{ matchId, token }`): it plays its own seats, same messages as /bot;
 *     it is one more connection of its agent, limited to this match (the service's rules for several
 *     connections apply: the newest takes the seats, a closed one hands them to another);
 *   - a person, with the seat token that reserved a human seat (`{ matchId, human: true, seatToken }`,
 *     from POST /api/play): nobody else can take that seat, during the reconnection window or after;
 *   - anyone else is a read-only spectator and only ever receives the public ('spectator') view.
 * The same rules as /bot apply to every client: one error vocabulary, and the same per-connection
 * message budget (every message costs a token except an accepted action; RATE_LIMITED beyond it).
 * Turn-based: the room has no synchronised state and no patch loop; everything is a message. Beyond
 * the /bot messages, a room tells every client how many spectators watch (`spectators`), and a seat
 * may give up (`resign`: at fault, the match ends at once).
 */
import { timingSafeEqual } from 'node:crypto';
import { Room, ServerError, type AuthContext, type Client } from '@colyseus/core';
import { z } from 'zod';
import { unstorablePath } from '../../games/core/storable.ts';
import type { AgentRecord } from '../contracts.ts';
import { ArenaError, asArenaError, ERRORS, type ErrorCode } from '../errors.ts';
import type { Endpoint } from './endpoint.ts';
import type { LiveMatch } from './match.ts';
import {
  errorMessage,
  MAX_ACTION_TEXT,
  observationMode,
  requestContext,
  transcriptSchema,
  type ObservationMode,
  type ServerMessage,
} from './protocol.ts';
import { ConnectionGuard, DEFAULT_RATE_LIMIT, Throttle, type RateLimit } from './rate-limit.ts';
import type { MatchService } from './service.ts';

export const ROOM_NAME = 'match';

/** Colyseus keeps one matchmaker per process, so the rooms find the service (and the limits) through this slot. */
let current: { service: MatchService; rateLimit: RateLimit; guard: ConnectionGuard } | null = null;
export function setRoomService(
  service: MatchService | null,
  rateLimit: RateLimit = DEFAULT_RATE_LIMIT,
  guard = new ConnectionGuard(),
): void {
  current = service ? { service, rateLimit, guard } : null;
}

const joinOptions = z.object({
  matchId: z.string().min(1).max(64),
  token: z.string().min(1).max(512).optional(),
  human: z.boolean().optional(),
  seatToken: z.string().min(1).max(128).optional(),
  spectate: z.boolean().optional(),
  /** The seats' observation mode for this client (docs/protocol.md § text mode; default json). */
  observation: observationMode.optional(),
});

/** The /bot action's fields (server/live/protocol.ts), with `type` and `matchId` optional in a room. */
const actionPayload = z
  .strictObject({
    type: z.literal('action').optional(),
    matchId: z.string().max(64).optional(),
    step: z.number().int().min(0),
    seat: z.number().int().min(0).optional(),
    action: z.unknown().optional(),
    text: z.string().min(1).max(MAX_ACTION_TEXT).optional(),
    transcript: transcriptSchema.optional(),
  })
  .refine((a) => (a.action === undefined) !== (a.text === undefined), {
    message: 'send exactly one of "action" (JSON) and "text"',
  });

type Role = ({ role: 'bot'; agent: AgentRecord } | { role: 'human'; seat: number } | { role: 'spectator' }) & {
  observation?: ObservationMode;
};

/** A join refusal: the SDK reports the close code (4000 + the code's HTTP status) and the message, which starts with our code. */
function refuse(code: ErrorCode, message: string): ServerError {
  return new ServerError(4000 + ERRORS[code].status, `${code}: ${message}`);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

class ClientEndpoint implements Endpoint {
  readonly id: string;
  constructor(
    readonly client: Client,
    readonly scope: string,
    readonly observation?: ObservationMode,
  ) {
    this.id = 'room_' + client.sessionId;
  }
  send(msg: ServerMessage): void {
    this.client.send(msg.type, msg);
  }
  close(code: number, e: ArenaError): void {
    this.client.send('error', errorMessage(e, { matchId: this.scope }));
    this.client.leave(code, `${e.code}: ${e.message}`.slice(0, 120));
  }
}

export class MatchRoom extends Room {
  override maxClients = 256;
  private match!: LiveMatch;
  private service!: MatchService;
  private rateLimit: RateLimit = DEFAULT_RATE_LIMIT;
  private guard: ConnectionGuard = new ConnectionGuard();
  /** The counted address of each client (released when it leaves). */
  private readonly ips = new Map<string, string>();
  private readonly endpoints = new Map<string, ClientEndpoint>();
  private readonly throttles = new Map<string, Throttle>();

  override onCreate(options: unknown): void {
    const slot = current;
    const parsed = joinOptions.safeParse(options);
    if (!slot || !parsed.success) throw refuse('SCHEMA', 'join with { matchId }');
    const match = slot.service.get(parsed.data.matchId);
    if (!match || match.finished) throw refuse('UNKNOWN_MATCH', `no live match ${parsed.data.matchId}`);
    this.service = slot.service;
    this.rateLimit = slot.rateLimit;
    this.guard = slot.guard;
    this.match = match;
    match.roomId = this.roomId;
    this.patchRate = null; // turn-based: messages only, no patch loop
    this.autoDispose = true;

    this.onMessage('action', (client, raw) => this.action(client, raw));
    this.onMessage('ping', (client, raw: { id?: string | number } | undefined) => {
      if (!this.charge(client)) return;
      const id =
        raw &&
        (typeof raw.id === 'string'
          ? raw.id.length <= 64 && !unstorablePath(raw.id)
            ? raw.id
            : undefined
          : typeof raw.id === 'number'
            ? raw.id
            : undefined);
      client.send('pong', { type: 'pong', ...(id !== undefined ? { id } : {}), time: Date.now() });
    });
    // Messages sent before a client registered its handlers are lost on the client side; `sync` asks again.
    this.onMessage('sync', (client) => {
      if (!this.charge(client)) return;
      const role = client.auth as Role;
      const e = this.endpoints.get(client.sessionId);
      if (!e) return;
      if (role.role === 'spectator') this.match.sendView(e);
      else for (const s of this.match.seats) if (s.endpoint === e) this.match.resend(s.index);
    });
    // A seat gives up: at fault, the match ends at once (LiveMatch.resign). `seat` names one of a bot's seats.
    this.onMessage('resign', (client, raw: { seat?: unknown } | undefined) => this.resign(client, raw));
    this.onMessage('*', (client, type) => {
      if (!this.charge(client)) return;
      this.reply(
        client,
        new ArenaError(
          'UNKNOWN_TYPE',
          `${type === undefined ? 'a message needs a type' : `unknown message type ${JSON.stringify(String(type).slice(0, 64))}`}; rooms accept action, resign, sync and ping`,
        ),
      );
    });
    const off = this.service.onEnd((m) => {
      if (m !== this.match) return;
      off();
      // Leave time for the result to arrive and for late spectators to read it, then close the room.
      this.clock.setTimeout(() => void this.disconnect(), 5000);
    });
  }

  override async onAuth(client: Client, options: unknown, context: AuthContext): Promise<Role> {
    const ip = context.ip ?? 'unknown';
    if (this.guard.connections(ip) >= this.guard.limits.perIp)
      throw refuse('RATE_LIMITED', `too many connections from this address (at most ${this.guard.limits.perIp})`);
    const asked = joinOptions.safeParse(options);
    const observation = asked.success ? asked.data.observation : undefined;
    const role: Role = { ...(await this.authorize(options, context, ip)), ...(observation ? { observation } : {}) };
    if (!this.guard.open(ip))
      throw refuse('RATE_LIMITED', `too many connections from this address (at most ${this.guard.limits.perIp})`);
    this.ips.set(client.sessionId, ip);
    return role;
  }

  private async authorize(options: unknown, context: AuthContext, ip: string): Promise<Role> {
    const parsed = joinOptions.safeParse(options);
    if (!parsed.success) throw refuse('SCHEMA', 'join with { matchId, token? | human + seatToken? | spectate? }');
    if (unstorablePath(options)) throw refuse('SCHEMA', 'join options contain NUL or an unpaired surrogate');
    const o = parsed.data;
    if (o.spectate) return { role: 'spectator' };
    const token = o.token ?? context.token;
    if (token) {
      // Too many wrong tokens from this address: refused without looking the token up (the /bot rule).
      if (this.guard.authRetryAfterMs(ip) > 0)
        throw refuse('RATE_LIMITED', 'too many failed authentications from this address');
      const agent = await this.service.store.authenticate(token);
      if (!agent || agent.revoked) {
        this.guard.authFailed(ip);
        throw refuse('UNAUTHORIZED', 'unknown or revoked token');
      }
      if (this.match.seatsOf(agent.id).length === 0)
        throw refuse('NOT_YOUR_SEAT', `${agent.name} has no seat in match ${this.match.id}`);
      if (this.service.onlineCount(agent.id) >= this.guard.limits.perAgent)
        throw refuse('RATE_LIMITED', `agent ${agent.name} already has ${this.guard.limits.perAgent} open connections`);
      return { role: 'bot', agent };
    }
    if (o.human) {
      // A human seat belongs to whoever reserved it: the holder of its seat token, and nobody else.
      const seat =
        o.seatToken === undefined
          ? undefined
          : this.match.seats.find((s) => s.plan.kind === 'human' && sameSecret(s.plan.seatToken, o.seatToken!));
      if (!seat)
        throw refuse(
          'NOT_YOUR_SEAT',
          `join a human seat of match ${this.match.id} with the seatToken that POST /api/play returned`,
        );
      return { role: 'human', seat: seat.index };
    }
    return { role: 'spectator' };
  }

  override onJoin(client: Client, _options: unknown, auth: Role): void {
    this.throttles.set(
      client.sessionId,
      new Throttle(this.rateLimit, (retryAfterMs, limit) =>
        this.reply(client, new ArenaError('RATE_LIMITED', 'too many messages; slow down', { retryAfterMs, ...limit })),
      ),
    );
    this.connect(client, auth);
  }

  override onDrop(client: Client): void {
    const e = this.endpoints.get(client.sessionId);
    if (!e) return;
    this.detach(e, client.auth as Role);
    // The SDK reconnects by itself with its reconnection token; our own window still decides the outcome.
    if ((client.auth as Role).role !== 'spectator')
      this.allowReconnection(client, Math.ceil(this.match.timing.reconnectMs / 1000));
  }

  override onReconnect(client: Client): void {
    this.connect(client, client.auth as Role);
  }

  override onLeave(client: Client): void {
    const ip = this.ips.get(client.sessionId);
    if (ip !== undefined) {
      this.ips.delete(client.sessionId);
      this.guard.close(ip);
    }
    const e = this.endpoints.get(client.sessionId);
    this.throttles.delete(client.sessionId);
    if (!e) return;
    this.endpoints.delete(client.sessionId);
    this.detach(e, client.auth as Role);
  }

  override onDispose(): void {
    if (this.match && this.match.roomId === this.roomId) this.match.roomId = undefined;
  }

  private connect(client: Client, role: Role): void {
    const e = new ClientEndpoint(client, this.match.id, role.observation);
    this.endpoints.set(client.sessionId, e);
    if (role.role === 'spectator') this.match.addSpectator(e);
    else if (role.role === 'human') this.service.bind(this.match, role.seat, e);
    else this.service.connectAgent(role.agent.id, e);
    if (role.role === 'spectator') this.announceSpectators();
    else e.send(this.spectatorCount());
  }

  private detach(e: ClientEndpoint, role: Role): void {
    if (role.role === 'spectator') {
      this.match.removeSpectator(e);
      this.announceSpectators();
    } else this.service.disconnect(e, role.role === 'bot' ? role.agent.id : undefined);
  }

  private spectatorCount(): ServerMessage {
    return { type: 'spectators', matchId: this.match.id, count: this.match.spectators.size };
  }

  /** Every client of the room learns the new number of spectators. */
  private announceSpectators(): void {
    const msg = this.spectatorCount();
    for (const e of this.endpoints.values()) e.send(msg);
  }

  private resign(client: Client, raw: { seat?: unknown } | undefined): void {
    const role = client.auth as Role;
    try {
      if (role.role === 'spectator') throw new ArenaError('NOT_YOUR_SEAT', 'spectators cannot resign');
      const want = raw && typeof raw === 'object' ? raw.seat : undefined;
      if (want !== undefined && (typeof want !== 'number' || !Number.isSafeInteger(want)))
        throw new ArenaError('SCHEMA', 'resign takes { seat? } with a seat number');
      let seat: number;
      if (role.role === 'human') {
        if (want !== undefined && want !== role.seat)
          throw new ArenaError('NOT_YOUR_SEAT', `seat ${want} is not yours`);
        seat = role.seat;
      } else {
        const mine = this.match.seatsOf(role.agent.id).map((s) => s.index);
        if (want !== undefined && !mine.includes(want as number))
          throw new ArenaError('NOT_YOUR_SEAT', `seat ${want} is not yours`);
        if (want === undefined && mine.length !== 1)
          throw new ArenaError('SCHEMA', `you hold seats ${mine.join(', ')} in match ${this.match.id}: name the seat`);
        seat = (want as number | undefined) ?? mine[0]!;
      }
      this.match.resign(seat);
    } catch (e) {
      if (!this.charge(client)) return;
      const known = asArenaError(e);
      client.send(
        'error',
        errorMessage(known ?? new ArenaError('INTERNAL', 'internal error while resigning'), { matchId: this.match.id }),
      );
    }
  }

  private charge(client: Client): boolean {
    return this.throttles.get(client.sessionId)?.charge() ?? false;
  }

  private action(client: Client, raw: unknown): void {
    const role = client.auth as Role;
    const parsed = actionPayload.safeParse(raw);
    const ctx = { ...(parsed.success ? { step: parsed.data.step } : requestContext(raw)), matchId: this.match.id };
    try {
      if (role.role === 'spectator') throw new ArenaError('NOT_YOUR_SEAT', 'spectators cannot act');
      if (!parsed.success)
        throw new ArenaError('SCHEMA', `malformed action: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      const a = parsed.data;
      if (role.role === 'human') {
        if (a.seat !== undefined && a.seat !== role.seat)
          throw new ArenaError('NOT_YOUR_SEAT', `seat ${a.seat} is not yours`);
        this.match.submit(role.seat, a.step, a.action, a.text !== undefined ? { text: a.text } : {});
      } else {
        this.service.act(role.agent.id, {
          matchId: this.match.id,
          step: a.step,
          seat: a.seat,
          action: a.action,
          ...(a.text !== undefined ? { text: a.text } : {}),
          ...(a.transcript !== undefined ? { transcript: a.transcript } : {}),
        });
      }
    } catch (e) {
      // An accepted action is free; a refused one spends the budget like any other message.
      if (!this.charge(client)) return;
      const known = asArenaError(e);
      client.send(
        'error',
        errorMessage(known ?? new ArenaError('INTERNAL', 'internal error while handling the action'), ctx),
      );
    }
  }

  private reply(client: Client, e: ArenaError): void {
    client.send('error', errorMessage(e, { matchId: this.match.id }));
  }
}
