/**
 * The /bot gateway: JSON over WebSocket on the shared HTTP server. Each connection authenticates
 * with its agent token, then seeks, challenges, accepts and plays. Every inbound frame is checked
 * (rate limit, JSON, zod schema) and every failure is answered with a typed error frame; nothing a
 * bot sends can break a match. See docs/protocol.md.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { AgentRecord } from '../contracts.ts';
import { offer, type Challenges } from './challenges.ts';
import type { Endpoint } from './endpoint.ts';
import type { Matchmaker } from './matchmaking.ts';
import { ArenaError, asArenaError } from '../errors.ts';
import { errorMessage, parseClientMessage, PROTOCOL_VERSION, requestContext, type ClientMessage, type ServerMessage } from './protocol.ts';
import { DEFAULT_RATE_LIMIT, Throttle, type RateLimit } from './rate-limit.ts';
import type { MatchService } from './service.ts';

export const BOT_PATH = '/bot';

export interface GatewayOptions {
  rateLimit?: RateLimit;
  /** WebSocket ping interval; a connection that misses two pongs is closed (default 15 s). */
  keepAliveMs?: number;
  /** Largest accepted frame in bytes (default 256 KiB). */
  maxPayload?: number;
  log?: (line: string) => void;
}

/** What the gateway needs from hosted tournaments (server/tournament/notify.ts), set once they run. */
export interface TournamentPort {
  join(tournamentId: string, agentId: string): Promise<{ id: string; entrants: number; startsAt: string }>;
  withdraw(tournamentId: string, agentId: string): Promise<{ id: string; entrants: number; startsAt: string }>;
  /** Invitations to send a bot when it authenticates (open tournaments for its games, events it was entered in). */
  invitationsFor(agent: AgentRecord): Promise<ServerMessage[]>;
}

export class BotGateway {
  /** Hosted tournaments, once started (server/main.ts sets it). */
  tournaments: TournamentPort | undefined;
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<BotConnection>();
  private readonly keepAlive: NodeJS.Timeout;

  constructor(
    readonly service: MatchService,
    readonly matchmaker: Matchmaker,
    readonly challenges: Challenges,
    readonly opts: GatewayOptions = {},
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload ?? 256 * 1024, perMessageDeflate: false });
    this.wss.on('connection', (ws: WebSocket) => {
      const c = new BotConnection(this, ws);
      this.connections.add(c);
      ws.once('close', () => this.connections.delete(c));
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

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  get size(): number {
    return this.connections.size;
  }

  async close(): Promise<void> {
    clearInterval(this.keepAlive);
    for (const c of this.connections) c.ws.close(1001, 'server shutting down');
    await new Promise<void>((r) => this.wss.close(() => r()));
  }
}

class BotConnection implements Endpoint {
  readonly id = 'bot_' + randomBytes(6).toString('base64url');
  agent: AgentRecord | null = null;
  private readonly throttle: Throttle;
  private alive = true;
  private busy = false;
  private readonly queue: string[] = [];

  constructor(
    private readonly gw: BotGateway,
    readonly ws: WebSocket,
  ) {
    this.throttle = new Throttle(gw.opts.rateLimit ?? DEFAULT_RATE_LIMIT, (retryAfterMs, limit) =>
      this.error(new ArenaError('RATE_LIMITED', 'too many messages; slow down', { retryAfterMs, ...limit })),
    );
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('close', () => this.closed());
    ws.on('error', () => {});
  }

  send(msg: ServerMessage): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
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
    const text = isBinary ? null : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString();
    if (text === null) {
      if (this.charge()) this.error(new ArenaError('BAD_JSON', 'send JSON text frames, not binary frames'));
      return;
    }
    // Messages are handled in order; an async one (auth, seek, challenge) holds the queue until it is done.
    if (this.busy) this.queue.push(text);
    else this.handle(text);
  }

  private charge(): boolean {
    return this.throttle.charge();
  }

  private handle(text: string): void {
    let msg: ClientMessage;
    try {
      msg = parseClientMessage(text);
    } catch (e) {
      if (this.charge()) this.fail(e, contextOf(text));
      return;
    }
    // An action that answers a pending turn is what the connection is for: it is never charged.
    // Everything else, including rejected actions, spends the budget.
    if (msg.type === 'action' && this.agent) {
      try {
        this.gw.service.act(this.agent.id, msg);
      } catch (e) {
        if (this.charge()) this.fail(e, { matchId: msg.matchId, step: msg.step });
      }
      return;
    }
    if (!this.charge()) return;
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
          while (!this.busy && this.queue.length > 0) this.handle(this.queue.shift()!);
        });
    }
  }

  private dispatch(msg: ClientMessage): Promise<void> | void {
    if (msg.type === 'ping') {
      this.send({ type: 'pong', ...(msg.id !== undefined ? { id: msg.id } : {}), time: Date.now() });
      return;
    }
    if (msg.type === 'auth') return this.auth(msg.token);
    const agent = this.agent;
    if (!agent) throw new ArenaError('UNAUTHORIZED', `send {"type":"auth","token":...} before ${msg.type}`);
    const { service, matchmaker, challenges } = this.gw;
    switch (msg.type) {
      case 'action':
        service.act(agent.id, msg);
        return;
      case 'seek':
        return matchmaker.seek(agent, this, msg.game, msg.config, msg.ref).then((ack) => this.send(ack));
      case 'cancel-seek':
        matchmaker.cancel(this, msg.game);
        return;
      case 'challenge':
        return challenges.create(agent, this, msg.opponent, msg.game, msg.config, msg.ref).then(() => undefined);
      case 'accept':
        return challenges.accept(agent, this, msg.challengeId).then(() => undefined);
      case 'decline':
        challenges.decline(agent, msg.challengeId);
        return;
      case 'tournament-join':
      case 'tournament-withdraw': {
        const port = this.gw.tournaments;
        if (!port) throw new ArenaError('UNAVAILABLE', 'tournaments are off on this server');
        const join = msg.type === 'tournament-join';
        return (join ? port.join(msg.tournamentId, agent.id) : port.withdraw(msg.tournamentId, agent.id)).then((t) =>
          this.send({ type: join ? 'tournament-joined' : 'tournament-withdrawn', tournamentId: t.id, entrants: t.entrants, startsAt: t.startsAt }),
        );
      }
    }
  }

  private async auth(token: string): Promise<void> {
    const agent = await this.gw.service.store.authenticate(token);
    if (!agent || agent.revoked) throw new ArenaError('UNAUTHORIZED', 'unknown or revoked token');
    if (agent.kind !== 'remote') throw new ArenaError('UNAUTHORIZED', `${agent.name} is a ${agent.kind} agent and plays in-process`);
    if (this.agent && this.agent.id !== agent.id) this.release();
    this.agent = agent;
    const { service, challenges } = this.gw;
    // This connection becomes the agent's newest: it takes over every seat the agent holds.
    const resumed = service.held(agent.id);
    const limit = this.throttle.bucket.limit;
    this.send({ type: 'welcome', protocol: PROTOCOL_VERSION, agent: { id: agent.id, name: agent.name }, limits: { burst: limit.burst, perSecond: limit.perSecond }, resumed });
    service.connectAgent(agent.id, this);
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
