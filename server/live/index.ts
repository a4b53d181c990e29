/**
 * server/live — live play: the match service (deadlines, time bank, reconnection window), the /bot
 * JSON WebSocket gateway, Colyseus `match` rooms (bots, humans, spectators), matchmaking by rating
 * and challenges. Boot calls `startLive` once with the shared HTTP server and the store.
 * May import: games/, agents/ (registry, core), server/contracts.ts, @colyseus/*, ws, zod.
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { matchMaker } from '@colyseus/core';
import type { AgentRecord, FinishedMatch, LiveMatchInfo, LiveStore, LiveView } from '../contracts.ts';
import { Challenges, type ChallengeOutcome } from './challenges.ts';
import { isRoomUpgrade, startColyseus, type ColyseusHandle } from './colyseus.ts';
import { BotGateway, BOT_PATH, type TournamentPort } from './gateway.ts';
import { MatchJournal } from './journal.ts';
import { Matchmaker, type MatchmakingOptions, type SeekQueue } from './matchmaking.ts';
import { Cluster, redisOptions } from './cluster.ts';
import { ClusterMatchmaker } from './cluster-matchmaking.ts';
import { RedisPresence } from '@colyseus/redis-presence';
import { RedisDriver } from '@colyseus/redis-driver';
import type { ColyseusCluster } from './colyseus.ts';
import { ConnectionGuard, type ConnectionLimits, type RateLimit } from './rate-limit.ts';
import { ArenaError } from '../errors.ts';
import { setRoomService } from './rooms.ts';
import { MatchService, type AgentResolver, type CreateMatch } from './service.ts';
import type { TimingOverrides } from './timing.ts';
import type { GameCatalog } from '../catalog.ts';

export { BOT_PATH } from './gateway.ts';
export { ROOM_NAME } from './rooms.ts';
export { PROTOCOL_VERSION } from './protocol.ts';
export { ArenaError, ERROR_CODES, ERRORS } from '../errors.ts';
export type * from './protocol.ts';
export { DEFAULT_TIMING, GAME_TIMING, timingFor } from './timing.ts';
export { DEFAULT_CONNECTION_LIMITS, DEFAULT_RATE_LIMIT } from './rate-limit.ts';
export type { CreateMatch, SeatSpec, AgentResolver } from './service.ts';
export type { ChallengeOutcome } from './challenges.ts';

export interface LiveOptions {
  server: HttpServer;
  store: LiveStore;
  log?: (line: string) => void;
  /** Per-game clocks; see timing.ts for the defaults. */
  timing?: TimingOverrides;
  matchmaking?: MatchmakingOptions;
  /** How long a challenge waits for an answer (default 60 s). */
  challengeTtlMs?: number;
  /** Per-connection message budget on /bot and in rooms. */
  rateLimit?: RateLimit;
  /** Connections per IP and per agent, failed tokens per IP (/bot and rooms together). */
  connectionLimits?: Partial<ConnectionLimits>;
  /** /bot WebSocket ping interval (default 15 s). */
  keepAliveMs?: number;
  /** In-process player for builtin/checkpoint agents (default: the catalog's built-ins). */
  resolveAgent?: AgentResolver;
  /** The games and built-in agents offered (default: games/index.ts and agents/registry.ts). */
  catalog?: GameCatalog;
  /** Safety cap on the steps of one match. */
  maxSteps?: number;
  /** Delays between the commit attempts of a finished match (see MatchService). */
  commitRetryMs?: readonly number[];
  /**
   * Directory of the match journal (journal.ts): running matches' logs and the outbox of results whose
   * commit failed. Unset: no journal (announcements wait for the commit; a crash loses running matches).
   */
  journalDir?: string;
  /**
   * Multi-process mode (cluster.ts): share seeks, challenges, connections and the Colyseus rooms with
   * every process on the same Redis. Absent: one process, everything in memory (local presence).
   */
  cluster?: {
    /** redis://host:port[/db] */
    redisUrl: string;
    /** Key and channel prefix (default `ludus:`): one per deployment (or per test run). */
    prefix?: string;
    /** host:port by which clients reach this very process (Colyseus seat reservations carry it). */
    publicAddress: string;
    /** A process whose lease is not renewed for this long is dead (default 5000 ms). */
    leaseMs?: number;
  };
}

export interface LiveHandle extends LiveView {
  /** Start a match directly (API, leagues, humans vs agents). `done` resolves with the finished record. */
  startMatch(req: CreateMatch): Promise<{ matchId: string; done: Promise<FinishedMatch> }>;
  /** A challenge from an agent authenticated elsewhere (e.g. the HTTP API). */
  createChallenge(from: AgentRecord, opponent: string, game: string, config?: unknown): Promise<ChallengeOutcome>;
  /** Resolves when a live match ends (immediately with the record if it ended recently). */
  waitFor(matchId: string): Promise<FinishedMatch>;
  /** Wait for every finished match to be handed to the store. */
  flush(): Promise<void>;
  /** Open connections by transport: /bot WebSockets and Colyseus room clients (for /metrics). */
  connections(): { bot: number; room: number };
  /** Finished matches whose commit has not landed yet (parked in the journal or being retried): for health. */
  commitBacklog(): number;
  /**
   * The agent's token was revoked or rotated: its open connections are closed at once (UNAUTHORIZED,
   * close code 4401, reason `UNAUTHORIZED: token revoked|rotated`), its queued seeks and its open
   * challenges (sent or received) are cancelled.
   */
  revokeAgent(agentId: string, why: 'revoked' | 'rotated'): { connections: number; seeks: number; challenges: number };
  /** The Colyseus server (tests wrap it in @colyseus/testing's ColyseusTestServer). */
  readonly colyseus: ColyseusHandle['server'];
  readonly service: MatchService;
  /** Multi-process mode's Redis transport (absent with one process). */
  readonly cluster: Cluster | undefined;
  /** Connect hosted tournaments to the /bot gateway (tournament-join, tournament-withdraw, invitations on auth). */
  setTournaments(port: TournamentPort | undefined): void;
  close(): Promise<void>;
}

export async function startLive(opts: LiveOptions): Promise<LiveHandle> {
  const log = opts.log;
  const journal =
    opts.journalDir !== undefined
      ? new MatchJournal(opts.journalDir, { ...(opts.catalog ? { game: (id: string) => opts.catalog!.game(id) } : {}) })
      : undefined;
  const cluster = opts.cluster
    ? new Cluster({
        url: opts.cluster.redisUrl,
        ...(opts.cluster.prefix !== undefined ? { prefix: opts.cluster.prefix } : {}),
        ...(opts.cluster.leaseMs !== undefined ? { leaseMs: opts.cluster.leaseMs } : {}),
        ...(opts.catalog ? { game: (id: string) => opts.catalog!.game(id) } : {}),
        ...(log ? { log } : {}),
      })
    : undefined;
  const service = new MatchService({
    ...(cluster ? { mirror: cluster } : {}),
    store: opts.store,
    catalog: opts.catalog,
    timing: opts.timing,
    resolveAgent: opts.resolveAgent,
    log,
    maxSteps: opts.maxSteps,
    commitRetryMs: opts.commitRetryMs,
    journal,
  });
  service.recover();
  const matchmaker: SeekQueue = cluster
    ? new ClusterMatchmaker(service, cluster, opts.matchmaking)
    : new Matchmaker(service, opts.matchmaking);
  const challenges = new Challenges(service, opts.challengeTtlMs);
  if (cluster) {
    challenges.hooks = {
      opened: (id, ttl) => cluster.challengeOpened(id, ttl),
      closed: (id) => cluster.challengeClosed(id),
    };
  }
  const guard = new ConnectionGuard(opts.connectionLimits);
  const gateway = new BotGateway(service, matchmaker, challenges, {
    rateLimit: opts.rateLimit,
    keepAliveMs: opts.keepAliveMs,
    log,
    guard,
  });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (BotGateway.matches(req)) gateway.handleUpgrade(req, socket, head);
    // Nobody takes an upgrade to any other path: answer it, or its socket stays open for ever (and
    // the server's close() waits on it).
    else if (!isRoomUpgrade(req))
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n', () => socket.destroy());
  };
  opts.server.on('upgrade', onUpgrade);
  gateway.cluster = cluster;
  setRoomService(service, opts.rateLimit, guard);
  const colyseus = await startColyseus(opts.server, {
    ...(log ? { log } : {}),
    ...(cluster && opts.cluster ? { cluster: colyseusCluster(cluster, opts.cluster) } : {}),
  });
  if (cluster) {
    await cluster.start(matchMaker.processId, service, challenges);
    log?.(`live: multi-process mode, process ${cluster.pid} at ${opts.cluster!.publicAddress}`);
  }
  log?.(`live: bot gateway at ${BOT_PATH}, Colyseus room "match"`);

  const waitFor = (matchId: string): Promise<FinishedMatch> => service.waitFor(matchId);

  let closed = false;
  return {
    service,
    cluster,
    colyseus: colyseus.server,
    // In multi-process mode, every process's matches (the others' as of the last second).
    liveMatches: (): LiveMatchInfo[] =>
      cluster ? [...service.liveMatches(), ...cluster.remoteLive()] : service.liveMatches(),
    startMatch: (req) => service.play(req),
    setTournaments: (port) => (gateway.tournaments = port),
    createChallenge: (from, opponent, game, config) => challenges.create(from, undefined, opponent, game, config),
    waitFor,
    flush: () => service.flush(),
    connections: () => ({ bot: gateway.size, room: matchMaker.stats.local.ccu }),
    commitBacklog: () => service.commitBacklog(),
    revokeAgent(agentId, why) {
      const seeks = matchmaker.cancelAgent(agentId);
      const cancelled = challenges.cancelAgent(agentId);
      const connections = service.closeAgent(agentId, new ArenaError('UNAUTHORIZED', `token ${why}`));
      if (connections + seeks + cancelled > 0)
        log?.(
          `live: token of agent ${agentId} ${why}: closed ${connections} connections, cancelled ${seeks} seeks and ${cancelled} challenges`,
        );
      return { connections, seeks, challenges: cancelled };
    },
    async close() {
      if (closed) return;
      closed = true;
      matchmaker.close();
      challenges.closeAll();
      await service.close();
      await cluster?.close();
      opts.server.off('upgrade', onUpgrade);
      await gateway.close();
      await colyseus.close();
      setRoomService(null);
    },
  };
}

/** Colyseus's side of multi-process mode: its Redis presence and driver, rooms created with their match. */
function colyseusCluster(cluster: Cluster, o: NonNullable<LiveOptions['cluster']>): ColyseusCluster {
  const redis = redisOptions(o.redisUrl, `${cluster.prefix}colyseus:`);
  return {
    presence: new RedisPresence(redis as ConstructorParameters<typeof RedisPresence>[0]),
    driver: new RedisDriver(redis as ConstructorParameters<typeof RedisDriver>[0]),
    publicAddress: o.publicAddress,
    selectProcessIdToCreateRoom: async (_room, options) => {
      const matchId = (options as { matchId?: unknown } | undefined)?.matchId;
      if (typeof matchId === 'string') {
        const owner = await cluster.redis.get(cluster.key(`m:${matchId}`));
        if (owner && (await cluster.checkAlive(owner))) return owner;
      }
      return cluster.pid || matchMaker.processId;
    },
  };
}
