/**
 * The /bot gateway: JSON over WebSocket on the shared HTTP server. Each connection authenticates
 * with its agent token, then seeks, challenges, accepts and plays. Every inbound frame is checked
 * (rate limit, JSON, zod schema) and every failure is answered with a typed error frame; nothing a
 * bot sends can break a match. See docs/protocol.md.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isUtf8 } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { AgentRecord } from '../contracts.ts';
import { offer, type Challenges } from './challenges.ts';
import type { Endpoint } from './endpoint.ts';
import type { SeekQueue } from './matchmaking.ts';
import type { Cluster } from './cluster.ts';
import { ArenaError, asArenaError } from '../errors.ts';
import {
  errorMessage,
  parseClientMessage,
  PROTOCOL_VERSION,
  requestContext,
  type ClientMessage,
  type ObservationMode,
  type ServerMessage,
} from './protocol.ts';
import { ConnectionGuard, DEFAULT_RATE_LIMIT, Throttle, TokenBucket, type RateLimit } from './rate-limit.ts';
import type { MatchService } from './service.ts';

export const BOT_PATH = '/bot';

export interface GatewayOptions {
  rateLimit?: RateLimit;
  /** WebSocket ping interval; a connection that misses two pongs is closed (default 15 s). */
  keepAliveMs?: number;
  /**
   * Largest accepted frame in bytes (default 64 KiB, as in rooms; a larger one closes the connection with
   * 1009 as soon as its header is read, before its payload is received or unmasked).
   */
  maxPayload?: number;
  /** Frames longer than this (characters) are charged to the budget before they are parsed, even actions (default 4096). */
  chargeFirstChars?: number;
  /** Connection limits per IP and agent, shared with the rooms (default: DEFAULT_CONNECTION_LIMITS). */
  guard?: ConnectionGuard;
  log?: (line: string) => void;
}

/** What the gateway needs from hosted tournaments (server/tournament/notify.ts), set once they run. */
export interface TournamentPort {
  join(tournamentId: string, agentId: string): Promise<{ id: string; entrants: number; startsAt: string }>;
  withdraw(tournamentId: string, agentId: string): Promise<{ id: string; entrants: number; startsAt: string }>;
  /** Invitations to send a bot when it authenticates (open tournaments for its games, events it was entered in). */
  invitationsFor(agent: AgentRecord): Promise<ServerMessage[]>;
}

/** WebSocket close codes: 4000 + the HTTP status of the error code, as a Colyseus join refusal. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_RATE_LIMITED = 4429;

/** The remote address of a request, as the connection limits count it. */
export function remoteIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

export class BotGateway {
  /** Hosted tournaments, once started (server/main.ts sets it). */
  tournaments: TournamentPort | undefined;
  /** Multi-process mode (cluster.ts): connections are announced, actions and answers routed to their owner. */
  cluster: Cluster | undefined;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<BotConnection>();
  private readonly keepAlive: NodeJS.Timeout;
  readonly guard: ConnectionGuard;

  constructor(
    readonly service: MatchService,
    readonly matchmaker: SeekQueue,
    readonly challenges: Challenges,
    readonly opts: GatewayOptions = {},
  ) {
    this.guard = opts.guard ?? new ConnectionGuard();
    // UTF-8 is validated by us, only for frames that are within budget (a dropped frame costs no decoding).
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: opts.maxPayload ?? 64 * 1024,
      perMessageDeflate: false,
      skipUTF8Validation: true,
    });
    this.wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
      const ip = remoteIp(req);
      const c = new BotConnection(this, ws, ip);
      this.connections.add(c);
      ws.once('close', () => {
        this.connections.delete(c);
        this.guard.close(ip);
      });
    });
    this.keepAlive = setInterval(() => {
      for (const c of this.connections) c.heartbeat();
    }, opts.keepAliveMs ?? 15_000);
    this.keepAlive.unref();
  }

  /** True when this upgrade request is for the gateway. */
  static matches(req: IncomingMessage): boolean {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    return (q < 0 ? url : url.slice(0, q)) === BOT_PATH;
  }

  /**
   * Upgrade to a /bot connection, unless the IP already holds its limit of connections: then the answer
   * is HTTP 429 with a Retry-After and the error body `{ code: 'RATE_LIMITED', ... }`, and nothing is upgraded.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const ip = remoteIp(req);
    const penalised = this.guard.penalised(ip);
    if (penalised || !this.guard.open(ip)) {
      const body = JSON.stringify(
        penalised
          ? new ArenaError('RATE_LIMITED', 'connections from this address kept flooding; try again later', {
              limit: 'floods-per-ip',
              retryAfterMs: 10_000,
            })
          : new ArenaError(
              'RATE_LIMITED',
              `too many connections from this address (at most ${this.guard.limits.perIp})`,
              { limit: 'connections-per-ip', max: this.guard.limits.perIp, retryAfterMs: 1000 },
            ),
      );
      socket.end(
        `HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    let upgraded = false;
    socket.once('close', () => {
      if (!upgraded) this.guard.close(ip);
    });
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      upgraded = true;
      this.wss.emit('connection', ws, req);
    });
  }

  /** Close every /bot connection of an agent (its token was revoked or rotated): an UNAUTHORIZED error, then close code 4401. */
  closeAgent(agentId: string, why: string): number {
    let n = 0;
    for (const c of this.connections) {
      if (c.agent?.id !== agentId) continue;
      c.close(CLOSE_UNAUTHORIZED, new ArenaError('UNAUTHORIZED', why));
      n++;
    }
    return n;
  }

  get size(): number {
    return this.connections.size;
  }

  async close(): Promise<void> {
    clearInterval(this.keepAlive);
    for (const c of this.connections) c.ws.close(1001, 'server shutting down');
    // A paused (throttled) or silent peer never answers the close handshake: do not wait 30 s for it.
    if (this.connections.size > 0) {
      await new Promise<void>((r) => setTimeout(r, 500).unref());
      for (const c of this.connections) c.ws.terminate();
    }
    await new Promise<void>((r) => this.wss.close(() => r()));
  }
}

class BotConnection implements Endpoint {
  readonly id = 'bot_' + randomBytes(6).toString('base64url');
  agent: AgentRecord | null = null;
  /** Set by `auth` (docs/protocol.md § text mode). */
  observation: ObservationMode | undefined;
  private readonly throttle: Throttle;
  private alive = true;
  private busy = false;
  private readonly queue: { text: string; charged: boolean }[] = [];
  /** Frames that may still be dropped before the sender is closed (refills at the budget's rate). */
  private readonly patience: TokenBucket;
  private pausedUntil = 0;
  private revoked = false;

  constructor(
    private readonly gw: BotGateway,
    readonly ws: WebSocket,
    readonly ip: string,
  ) {
    const limit = gw.opts.rateLimit ?? DEFAULT_RATE_LIMIT;
    this.throttle = new Throttle(limit, (retryAfterMs, l) =>
      this.error(new ArenaError('RATE_LIMITED', 'too many messages; slow down', { retryAfterMs, ...l })),
    );
    this.patience = new TokenBucket({ burst: 2 * limit.burst, perSecond: limit.perSecond / 4 });
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('close', (code) => {
      if (code === 1009) gw.guard.penalise(ip); // an oversize frame: flooding, as far as the address goes
      this.closed();
    });
    ws.on('error', () => {});
  }

  send(msg: ServerMessage): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN && !this.revoked;
  }

  /** Tell the bot why, then close (revocation: 4401; abuse: 4429). Its seats open their reconnection window. */
  close(code: number, e: ArenaError): void {
    this.revoked = true; // nothing more is read from a connection being closed
    this.error(e);
    this.ws.close(code, `${e.code}: ${e.message}`.slice(0, 120));
    // A flooding sender may have megabytes queued before its close frame: do not read them.
    if (code === CLOSE_RATE_LIMITED) setTimeout(() => this.ws.terminate(), 250).unref();
    this.release();
    this.agent = null;
  }

  heartbeat(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.revoked) return;
    if (isBinary) {
      if (this.charge()) this.error(new ArenaError('BAD_JSON', 'send JSON text frames, not binary frames'));
      return;
    }
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    // A long frame is charged before any work is spent on it (an action is a few dozen bytes).
    // A long frame costs one token per 16 KiB, so a flood of big frames spends the budget in a few frames.
    const charged = buf.length > (this.gw.opts.chargeFirstChars ?? 4096);
    if (charged && !this.charge(Math.ceil(buf.length / 16_384))) return;
    if (!isUtf8(buf)) {
      if (charged || this.charge()) this.error(new ArenaError('BAD_JSON', 'a text frame must be valid UTF-8'));
      return;
    }
    const text = buf.toString('utf8');
    // Messages are handled in order; an async one (auth, seek, challenge) holds the queue until it is done.
    if (this.busy) {
      if (this.queue.length >= 64) {
        if (charged || this.charge())
          this.error(new ArenaError('RATE_LIMITED', 'too many messages waiting; slow down', { retryAfterMs: 100 }));
        return;
      }
      this.queue.push({ text, charged });
    } else this.handle(text, charged);
  }

  /**
   * Spend one token. When the budget is empty the frame is dropped, the socket stops being read until a
   * token is back (the sender's flood waits in its own TCP buffers, not in our event loop), and a sender
   * whose dropped frames exceed twice its burst (refilled at its rate) is closed (4429).
   */
  private charge(cost = 1): boolean {
    if (this.throttle.charge(cost)) return true;
    const limit = this.throttle.bucket.limit;
    if (!this.patience.take(Math.min(cost, 2 * limit.burst))) {
      this.gw.guard.penalise(this.ip);
      this.close(
        CLOSE_RATE_LIMITED,
        new ArenaError('RATE_LIMITED', 'the message budget was ignored; closing', { ...limit }),
      );
      return false;
    }
    const wait = this.throttle.bucket.retryAfterMs();
    const t = performance.now();
    if (wait > 0 && this.pausedUntil <= t && this.ws.readyState === WebSocket.OPEN) {
      this.pausedUntil = t + wait;
      this.ws.pause();
      setTimeout(() => this.ws.readyState === WebSocket.OPEN && !this.revoked && this.ws.resume(), wait).unref();
    }
    return false;
  }

  private handle(text: string, charged = false): void {
    if (this.revoked) return;
    let msg: ClientMessage;
    try {
      msg = parseClientMessage(text);
    } catch (e) {
      if (charged || this.charge()) this.fail(e, (e as ArenaError).code === 'TOO_LARGE' ? {} : contextOf(text));
      return;
    }
    // An action that answers a pending turn is what the connection is for: it is never charged.
    // Everything else, including rejected actions, spends the budget.
    if (msg.type === 'action' && this.agent) {
      if (this.gw.cluster?.routeAction(this.agent.id, this, msg)) return;
      try {
        this.gw.service.act(this.agent.id, msg);
      } catch (e) {
        if (charged || this.charge()) this.fail(e, { matchId: msg.matchId, step: msg.step });
      }
      return;
    }
    if (!charged && !this.charge()) return;
    let pending: Promise<void> | void;
    const ctx = msg.type === 'action' ? { matchId: msg.matchId, step: msg.step } : {};
    try {
      pending = this.dispatch(msg);
    } catch (e) {
      this.fail(e, ctx);
      return;
    }
    if (pending) {
      this.busy = true;
      pending
        .catch((e) => this.fail(e, ctx))
        .finally(() => {
          this.busy = false;
          while (!this.busy && this.queue.length > 0) {
            const next = this.queue.shift()!;
            this.handle(next.text, next.charged);
          }
        });
    }
  }

  private dispatch(msg: ClientMessage): Promise<void> | void {
    if (msg.type === 'ping') {
      this.send({ type: 'pong', ...(msg.id !== undefined ? { id: msg.id } : {}), time: Date.now() });
      return;
    }
    if (msg.type === 'auth') return this.auth(msg.token, msg.observation);
    const agent = this.agent;
    if (!agent) throw new ArenaError('UNAUTHORIZED', `send {"type":"auth","token":...} before ${msg.type}`);
    const { service, matchmaker, challenges } = this.gw;
    switch (msg.type) {
      case 'action':
        if (this.gw.cluster?.routeAction(agent.id, this, msg)) return;
        service.act(agent.id, msg);
        return;
      case 'seek':
        return matchmaker
          .seek(agent, this, msg.game, msg.config, msg.ref, msg.observation)
          .then((ack) => this.send(ack));
      case 'cancel-seek':
        matchmaker.cancel(this, msg.game);
        return;
      case 'challenge':
        return challenges
          .create(agent, this, msg.opponent, msg.game, msg.config, msg.ref, msg.observation)
          .then(() => undefined);
      case 'accept':
      case 'decline': {
        const cluster = this.gw.cluster;
        const answer = async (): Promise<void> => {
          if (msg.type === 'accept') await challenges.accept(agent, this, msg.challengeId, msg.observation);
          else challenges.decline(agent, msg.challengeId);
        };
        // A challenge from a bot on another process lives there: the answer is forwarded to it.
        if (!cluster || challenges.has(msg.challengeId)) return answer();
        return cluster
          .routeAnswer(msg.type, agent, this, msg.challengeId, msg.type === 'accept' ? msg.observation : undefined)
          .then((routed) => (routed ? undefined : answer()));
      }
      case 'tournament-join':
      case 'tournament-withdraw': {
        const port = this.gw.tournaments;
        if (!port) throw new ArenaError('UNAVAILABLE', 'tournaments are off on this server');
        const join = msg.type === 'tournament-join';
        return (join ? port.join(msg.tournamentId, agent.id) : port.withdraw(msg.tournamentId, agent.id)).then((t) =>
          this.send({
            type: join ? 'tournament-joined' : 'tournament-withdrawn',
            tournamentId: t.id,
            entrants: t.entrants,
            startsAt: t.startsAt,
          }),
        );
      }
    }
  }

  private async auth(token: string, observation?: ObservationMode): Promise<void> {
    const guard = this.gw.guard;
    // Too many wrong tokens from this address: refused without looking the token up.
    const wait = guard.authRetryAfterMs(this.ip);
    if (wait > 0)
      throw new ArenaError('RATE_LIMITED', 'too many failed authentications from this address', {
        limit: 'auth-failures-per-ip',
        retryAfterMs: wait,
        ...guard.limits.authFailures,
      });
    const agent = await this.gw.service.store.authenticate(token);
    if (!agent || agent.revoked) {
      guard.authFailed(this.ip);
      throw new ArenaError('UNAUTHORIZED', 'unknown or revoked token');
    }
    if (agent.kind !== 'remote')
      throw new ArenaError('UNAUTHORIZED', `${agent.name} is a ${agent.kind} agent and plays in-process`);
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (this.agent?.id !== agent.id && this.gw.service.onlineCount(agent.id) >= guard.limits.perAgent) {
      this.close(
        CLOSE_RATE_LIMITED,
        new ArenaError('RATE_LIMITED', `agent ${agent.name} already has ${guard.limits.perAgent} open connections`, {
          limit: 'connections-per-agent',
          max: guard.limits.perAgent,
          retryAfterMs: 1000,
        }),
      );
      return;
    }
    if (this.agent && this.agent.id !== agent.id) this.release();
    this.agent = agent;
    this.observation = observation;
    const { service, challenges } = this.gw;
    // This connection becomes the agent's newest: it takes over every seat the agent holds.
    const resumed = service.held(agent.id);
    if (this.gw.cluster)
      for (const id of await this.gw.cluster.held(agent.id)) if (!resumed.includes(id)) resumed.push(id);
    if (this.ws.readyState !== WebSocket.OPEN || this.agent !== agent) return;
    const limit = this.throttle.bucket.limit;
    this.send({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      agent: { id: agent.id, name: agent.name },
      limits: { burst: limit.burst, perSecond: limit.perSecond },
      resumed,
    });
    service.connectAgent(agent.id, this);
    this.gw.cluster?.connected(this, agent.id);
    for (const c of challenges.pendingFor(agent.id)) this.send(offer(c));
    if (this.gw.tournaments) for (const m of await this.gw.tournaments.invitationsFor(agent)) this.send(m);
  }

  /** Report a refusal; `ctx` names the turn it answers (read leniently, even from a malformed action). */
  private fail(e: unknown, ctx: { matchId?: string; step?: number } = {}): void {
    const known = asArenaError(e);
    if (known) {
      this.error(known, ctx);
      return;
    }
    this.gw.opts.log?.(`/bot ${this.id}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    this.error(new ArenaError('INTERNAL', 'internal error while handling the message'), ctx);
  }

  private error(e: ArenaError, ctx: { matchId?: string; step?: number } = {}): void {
    this.send(errorMessage(e, ctx));
  }

  private release(): void {
    this.gw.matchmaker.cancel(this);
    this.gw.service.disconnect(this, this.agent?.id);
    this.gw.cluster?.disconnected(this, this.agent?.id);
  }

  private closed(): void {
    this.release();
    this.agent = null;
  }
}

/** The matchId/step of a frame that failed to parse as a message, when it is JSON at all. */
function contextOf(text: string): { matchId?: string; step?: number } {
  try {
    return requestContext(JSON.parse(text));
  } catch {
    return {};
  }
}
