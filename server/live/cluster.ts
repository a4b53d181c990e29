/**
 * Multi-process mode (`LUDUS_REDIS_URL`): several arena processes, on one machine or many, share one
 * Redis and one Postgres. This file is the Redis transport of the /bot side; the rules themselves stay
 * where they are (service.ts: who holds a seat; matchmaking.ts: the pairing rule; challenges.ts) and
 * do not know whether an endpoint is local or remote. Colyseus rooms use Colyseus's own Redis presence
 * and driver (colyseus.ts), with each room created on the process that owns its match.
 *
 * The design, in five rules:
 *   1. Every live match is owned by the one process that created it (`m:<id>` → owner). It is never
 *      moved: a seat whose bot is connected to another process is bound to a **proxy endpoint** here,
 *      whose `send` publishes to that process's channel (`to:<pid>`), which hands the message to the
 *      connection. Actions travel the other way: a bot's action for a match owned elsewhere is
 *      published to the owner (`act`), which applies it exactly as a local one (errors come back).
 *   2. Every process knows every /bot connection: a connection that authenticates is announced on the
 *      broadcast channel (`conn`), and each other process adds a proxy for it to the service's list of
 *      the agent's connections (so "the newest connection takes the agent's seats", challenge offers,
 *      results kept for an absent bot, and `isOnline` work across processes unchanged). A closed
 *      connection is announced (`gone`); a process that starts asks the others for theirs (`sync`).
 *   3. Each process holds a lease (`proc:<pid>`, renewed every leaseMs/3). A process whose lease ran
 *      out is dead: the survivors drop its connections' proxies (the seats they held open their
 *      reconnection window, so a bot that reconnects to a survivor resumes), and one of them (SET NX
 *      `reaped:<pid>`) records the dead process's matches as `aborted`, unrated, from the shared copy
 *      of their journal (`jr:<id>`: the same header and step lines as journal.ts, so journal.ts's
 *      `abortedRecord` rebuilds them), then tells their bots the result. Commits are idempotent per
 *      match id, so a restart of the dead process that recovers its local journal counts nothing twice.
 *   4. Seeks wait in one shared queue per (game, config) (cluster-matchmaking.ts); challenges stay with
 *      the challenger's process (`ch:<id>` → owner), and an accept or decline from another process is
 *      forwarded to it.
 *   5. Background work (tournaments, schedules) already runs on the Postgres queue (pg-boss) with
 *      compare-and-set schedules, which spans processes by itself: nothing of it goes through Redis.
 *
 * Keys and channels are all under one prefix (default `ludus:`), so tests and deployments can share a
 * Redis. ioredis is the client (the one @colyseus/redis-presence uses).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AnyGame } from '../../games/core/types.ts';
import type { AgentRecord, FinishedMatch, LiveMatchInfo, TurnTranscript } from '../contracts.ts';
import { ArenaError, asArenaError, type ErrorCode } from '../errors.ts';
import type { Challenges } from './challenges.ts';
import { offer } from './challenges.ts';
import type { Endpoint } from './endpoint.ts';
import { abortedRecord, journalStep, type JournalHeader } from './journal.ts';
import type { LiveMatch } from './match.ts';
import {
  errorMessage,
  type ObservationMode,
  type ResultMessage,
  type ServerMessage,
  type Transcript,
} from './protocol.ts';
import type { MatchMirror, MatchService } from './service.ts';

export interface ClusterOptions {
  /** redis://[user:pass@]host:port[/db] */
  url: string;
  /** Prefix of every key and channel (default `ludus:`). */
  prefix?: string;
  /** A process whose lease is not renewed for this long is dead (default 5000 ms). */
  leaseMs?: number;
  /** Step lines of running matches are copied to Redis at this interval (default 1000 ms, as the journal). */
  flushMs?: number;
  /** How a dead process's match finds its game (default: the service's catalog). */
  game?: (id: string) => AnyGame;
  log?: (line: string) => void;
}

/** Messages between processes (JSON on `<prefix>all` and `<prefix>to:<pid>`). */
type Wire =
  | { t: 'conn'; proc: string; conn: string; agent: string; obs?: ObservationMode }
  | { t: 'gone'; proc: string; conn: string; agent: string }
  | { t: 'sync'; proc: string }
  | { t: 'agent'; agent: string; msg: ServerMessage }
  | { t: 'send'; from: string; conn: string; msg: ServerMessage }
  | { t: 'close'; conn: string; code: number; error: { code: ErrorCode; message: string } }
  | { t: 'act'; proc: string; conn: string; agent: string; msg: ActMessage }
  | {
      t: 'accept' | 'decline';
      proc: string;
      conn: string;
      agent: AgentRecord;
      challengeId: string;
      obs?: ObservationMode;
      matchObs?: ObservationMode;
    };

/** An `action` message as it crosses processes: JSON or text (text mode), with its transcript. */
interface ActMessage {
  matchId: string;
  step: number;
  seat?: number;
  action?: unknown;
  text?: string;
  transcript?: Transcript;
}

/** Parse a redis:// URL into ioredis options (so Colyseus's clients can get the same, with a key prefix). */
export function redisOptions(url: string, keyPrefix?: string): Record<string, unknown> {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`not a redis:// URL: ${url}`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(Number.isInteger(db) && db > 0 ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    ...(keyPrefix ? { keyPrefix } : {}),
  };
}

/** A connection on another process, as this process's service sees it. */
class ProxyEndpoint implements Endpoint {
  readonly id: string;
  open = true;
  /** The connection's own observation mode (text mode), as its process announced it. */
  observation?: ObservationMode;
  constructor(
    private readonly cluster: Cluster,
    readonly proc: string,
    readonly conn: string,
    readonly agentId: string,
  ) {
    this.id = `px_${proc}/${conn}`;
  }
  isOpen(): boolean {
    return this.open;
  }
  send(msg: ServerMessage): void {
    if (this.open) this.cluster.publish(this.proc, { t: 'send', from: this.cluster.pid, conn: this.conn, msg });
  }
  close(code: number, e: ArenaError): void {
    this.cluster.publish(this.proc, { t: 'close', conn: this.conn, code, error: { code: e.code, message: e.message } });
  }
}

export class Cluster implements MatchMirror {
  /** This process's id (Colyseus's processId, so rooms are created where their match is). */
  pid = '';
  readonly prefix: string;
  readonly leaseMs: number;
  /** Commands (and the shared seek queue). */
  readonly redis: Redis;
  private readonly sub: Redis;
  private service!: MatchService;
  private challenges!: Challenges;
  /** This process's authenticated /bot connections. */
  private readonly local = new Map<string, { ep: Endpoint; agentId: string }>();
  /** Proxies of other processes' connections, by `<proc>/<conn>`. */
  private readonly proxies = new Map<string, ProxyEndpoint>();
  /** Which process owns a match another process told us about (learnt from the messages it routes). */
  private readonly owners = new Map<string, string>();
  /** Processes seen alive at the last heartbeat (this one included). */
  private readonly alive = new Set<string>();
  private readonly steps = new Map<string, string[]>();
  /** The other processes' live matches, as they published them at the last tick. */
  private remote: LiveMatchInfo[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private flusher: NodeJS.Timeout | undefined;
  private closed = false;
  /** When the last lease renewal that succeeded was sent (performance.now). */
  private renewedAt = performance.now();

  constructor(private readonly opts: ClusterOptions) {
    this.prefix = opts.prefix ?? 'ludus:';
    this.leaseMs = opts.leaseMs ?? 5000;
    const base = redisOptions(opts.url);
    this.redis = new Redis({ ...base, maxRetriesPerRequest: 3 });
    this.sub = new Redis({ ...base, enableReadyCheck: false });
    this.redis.on('error', (e) => this.log(`redis: ${e.message}`));
    this.sub.on('error', (e) => this.log(`redis (subscriber): ${e.message}`));
  }

  key(name: string): string {
    return this.prefix + name;
  }

  /**
   * Join the cluster as `pid`: subscribe, take the lease, ask the others for their connections.
   * The service and challenges are this process's (the rules); the cluster only carries messages.
   */
  async start(pid: string, service: MatchService, challenges: Challenges): Promise<void> {
    this.pid = pid;
    this.service = service;
    this.challenges = challenges;
    this.sub.on('message', (_channel: string, text: string) => {
      let w: Wire;
      try {
        w = JSON.parse(text) as Wire;
      } catch {
        return;
      }
      try {
        this.receive(w);
      } catch (e) {
        this.log(`cluster: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    });
    await this.sub.subscribe(this.key('all'), this.key(`to:${pid}`));
    await this.beat();
    this.broadcast({ t: 'sync', proc: pid });
    this.heartbeat = setInterval(
      () => void this.beat().catch((e) => this.log(`cluster heartbeat: ${e}`)),
      this.leaseMs / 3,
    );
    this.heartbeat.unref();
    this.flusher = setInterval(() => {
      this.flushSteps();
      void this.shareLive().catch((e) => this.log(`cluster: live list: ${e}`));
    }, this.opts.flushMs ?? 1000);
    this.flusher.unref();
  }

  /** True when the process held its lease at the last heartbeat. */
  isAlive(proc: string): boolean {
    return proc === this.pid || this.alive.has(proc);
  }

  /** Like isAlive, but asks Redis about a process this one has not seen yet (one that just started). */
  async checkAlive(proc: string): Promise<boolean> {
    if (this.isAlive(proc)) return true;
    const lease = await this.redis.exists(this.key(`proc:${proc}`));
    if (lease === 1) this.alive.add(proc);
    return lease === 1;
  }

  // ---- connections ----------------------------------------------------------------------------

  /** A /bot connection of this process authenticated as `agentId`: the other processes learn of it. */
  connected(ep: Endpoint, agentId: string): void {
    this.local.set(ep.id, { ep, agentId });
    this.broadcast({ t: 'conn', proc: this.pid, conn: ep.id, agent: agentId, ...obsOf(ep) });
  }

  /** A /bot connection of this process closed (or changed agent). */
  disconnected(ep: Endpoint, agentId: string | undefined): void {
    const l = this.local.get(ep.id);
    if (!l) return;
    this.local.delete(ep.id);
    this.broadcast({ t: 'gone', proc: this.pid, conn: ep.id, agent: agentId ?? l.agentId });
  }

  /** The endpoint for a connection on `proc`: the connection itself here, else its proxy. */
  endpointOf(proc: string, conn: string, agentId: string): Endpoint | undefined {
    if (proc === this.pid) return this.local.get(conn)?.ep;
    return this.proxy(proc, conn, agentId);
  }

  /** Matches (anywhere) in which the agent holds a seat: the `resumed` list of a welcome. */
  async held(agentId: string): Promise<string[]> {
    return (await this.redis.smembers(this.key(`held:${agentId}`))).sort();
  }

  /** Live matches of the other processes (the API's live list shows every process's; at most a second old). */
  remoteLive(): LiveMatchInfo[] {
    return this.remote;
  }

  /** Publish this process's live list (expires with the lease) and read the others'. */
  private async shareLive(): Promise<void> {
    const mine = this.service.liveMatches();
    const others = [...this.alive].filter((p) => p !== this.pid);
    const p = this.redis.pipeline();
    if (mine.length > 0) p.set(this.key(`live:${this.pid}`), JSON.stringify(mine), 'PX', this.leaseMs);
    else p.del(this.key(`live:${this.pid}`));
    if (others.length > 0) p.mget(...others.map((o) => this.key(`live:${o}`)));
    const res = await p.exec();
    const lists = (others.length > 0 ? res?.[1]?.[1] : []) as (string | null)[] | undefined;
    const remote: LiveMatchInfo[] = [];
    for (const text of lists ?? []) if (text) remote.push(...(JSON.parse(text) as LiveMatchInfo[]));
    this.remote = remote;
  }

  // ---- routing ----------------------------------------------------------------------------------

  /**
   * An action from a local connection for a match this process does not have: send it to the owner.
   * Returns false when the match is this process's (or was: the local rules answer, e.g. GAME_OVER).
   */
  routeAction(agentId: string, from: Endpoint, msg: ActMessage): boolean {
    if (this.service.get(msg.matchId) || this.service.hasEnded(msg.matchId)) return false;
    const owner = this.owners.get(msg.matchId);
    const forward = (proc: string) =>
      this.publish(proc, { t: 'act', proc: this.pid, conn: from.id, agent: agentId, msg: pickAct(msg) });
    if (owner && owner !== this.pid) {
      forward(owner);
      return true;
    }
    void this.redis.get(this.key(`m:${msg.matchId}`)).then(
      async (proc) => {
        if (proc && proc !== this.pid && (await this.checkAlive(proc))) {
          this.remember(msg.matchId, proc);
          forward(proc);
        } else
          from.send(
            errorMessage(new ArenaError('UNKNOWN_MATCH', `no live match ${msg.matchId}`), {
              matchId: msg.matchId,
              step: msg.step,
            }),
          );
      },
      (e) => from.send(errorMessage(new ArenaError('UNAVAILABLE', `cluster: ${String(e)}`), {})),
    );
    return true;
  }

  /** A challenge was opened here: other processes forward its accept or decline to us. */
  challengeOpened(id: string, ttlMs: number): void {
    void this.redis.set(this.key(`ch:${id}`), this.pid, 'PX', ttlMs + 5000).catch(() => {});
  }

  challengeClosed(id: string): void {
    void this.redis.del(this.key(`ch:${id}`)).catch(() => {});
  }

  /**
   * An accept or decline for a challenge this process does not hold: forwarded to the challenger's
   * process. Resolves false when nobody holds it (the caller answers UNKNOWN_CHALLENGE).
   */
  async routeAnswer(
    type: 'accept' | 'decline',
    agent: AgentRecord,
    from: Endpoint,
    challengeId: string,
    matchObs?: ObservationMode,
  ): Promise<boolean> {
    const proc = await this.redis.get(this.key(`ch:${challengeId}`));
    if (!proc || proc === this.pid || !(await this.checkAlive(proc))) return false;
    this.publish(proc, {
      t: type,
      proc: this.pid,
      conn: from.id,
      agent,
      challengeId,
      ...obsOf(from),
      ...(matchObs !== undefined ? { matchObs } : {}),
    });
    return true;
  }

  // ---- the shared journal (MatchMirror) -------------------------------------------------------------

  started(h: JournalHeader, match: LiveMatch): void {
    const p = this.redis.multi();
    p.set(this.key(`m:${h.id}`), this.pid);
    p.sadd(this.key(`owned:${this.pid}`), h.id);
    for (const s of match.seats) if (s.plan.kind === 'remote') p.sadd(this.key(`held:${s.plan.agentId}`), h.id);
    p.rpush(this.key(`jr:${h.id}`), JSON.stringify(h));
    void p.exec().catch((e) => this.log(`cluster: match ${h.id} not registered: ${e}`));
    this.steps.set(h.id, []);
  }

  step(
    id: string,
    actions: readonly unknown[],
    rewards: readonly number[],
    think: readonly (number | null)[],
    transcripts: readonly TurnTranscript[] = [],
  ): void {
    this.steps.get(id)?.push(JSON.stringify(journalStep(actions, rewards, think, transcripts)));
  }

  finished(match: LiveMatch): void {
    this.steps.delete(match.id);
    const p = this.redis.multi();
    p.del(this.key(`m:${match.id}`), this.key(`jr:${match.id}`));
    p.srem(this.key(`owned:${this.pid}`), match.id);
    for (const s of match.seats) if (s.plan.kind === 'remote') p.srem(this.key(`held:${s.plan.agentId}`), match.id);
    void p.exec().catch((e) => this.log(`cluster: match ${match.id} not unregistered: ${e}`));
  }

  private flushSteps(): void {
    if (this.steps.size === 0) return;
    const p = this.redis.pipeline();
    let n = 0;
    for (const [id, lines] of this.steps) {
      if (lines.length === 0) continue;
      p.rpush(this.key(`jr:${id}`), ...lines);
      lines.length = 0;
      n++;
    }
    if (n > 0) void p.exec().catch((e) => this.log(`cluster: journal copy failed: ${e}`));
  }

  // ---- leases and the dead ----------------------------------------------------------------------

  private async beat(): Promise<void> {
    if (this.closed) return;
    const sent = performance.now();
    try {
      await this.redis
        .multi()
        .set(this.key(`proc:${this.pid}`), String(Date.now()), 'PX', this.leaseMs)
        .sadd(this.key('procs'), this.pid)
        .exec();
      this.renewedAt = sent;
    } catch (e) {
      this.fence();
      throw e;
    }
    this.fence();
    const procs = (await this.redis.smembers(this.key('procs'))).filter((p) => p !== this.pid);
    const leases = procs.length > 0 ? await this.redis.mget(...procs.map((p) => this.key(`proc:${p}`))) : [];
    for (const [i, proc] of procs.entries()) {
      if (leases[i] !== null) {
        this.alive.add(proc);
        continue;
      }
      this.alive.delete(proc);
      this.dropProcess(proc);
      await this.reap(proc);
    }
  }

  /**
   * Fencing: once this process's lease may have run out (no renewal for leaseMs), the others take it
   * for dead and record its matches as aborted; it aborts them itself too (the same unrated outcome),
   * so that it never announces a result that differs from the one they stored.
   */
  private fence(): void {
    if (performance.now() - this.renewedAt < this.leaseMs) return;
    const running = this.service.liveMatches();
    if (running.length === 0) return;
    this.log(`cluster: the lease of process ${this.pid} ran out; aborting its ${running.length} matches`);
    for (const m of running) this.service.get(m.id)?.abort('lease lost');
  }

  /** A dead process's connections are gone: the seats they held move on or open their window. */
  private dropProcess(proc: string): void {
    for (const [k, px] of this.proxies) {
      if (px.proc !== proc) continue;
      this.proxies.delete(k);
      px.open = false;
      this.service.disconnect(px, px.agentId);
    }
    for (const [m, p] of this.owners) if (p === proc) this.owners.delete(m);
  }

  /** One survivor records a dead process's running matches as aborted (unrated) and tells their bots. */
  private async reap(proc: string): Promise<void> {
    const won = await this.redis.set(
      this.key(`reaped:${proc}`),
      this.pid,
      'PX',
      Math.max(10_000, 4 * this.leaseMs),
      'NX',
    );
    if (won !== 'OK') return;
    const ids = await this.redis.smembers(this.key(`owned:${proc}`));
    const records: FinishedMatch[] = [];
    for (const id of ids) {
      const lines = await this.redis.lrange(this.key(`jr:${id}`), 0, -1);
      if (lines.length === 0) continue;
      try {
        const f = abortedRecord(lines.join('\n') + '\n', this.opts.game ?? ((g) => this.service.game(g)));
        if (f) records.push(f);
      } catch (e) {
        this.log(`cluster: match ${id} of dead process ${proc} unreadable: ${e}`);
      }
    }
    if (records.length > 0)
      this.log(`cluster: process ${proc} is dead; recording ${records.length} of its matches as aborted`);
    const pending = new Set(records.map((f) => f.id));
    const done = async () => {
      await this.redis
        .multi()
        .srem(this.key('procs'), proc)
        .del(this.key(`owned:${proc}`))
        .exec();
    };
    if (records.length === 0) {
      await done();
      return;
    }
    this.service.adopt(records, (f) => {
      for (const s of f.seats) {
        if (s.kind !== 'remote' || !s.agentId) continue;
        const msg: ResultMessage = {
          type: 'result',
          matchId: f.id,
          seat: s.seat,
          result: f.result,
          outcome: f.outcome,
          truncated: true,
          steps: f.actions.length,
          finalHash: f.finalHash,
        };
        this.broadcast({ t: 'agent', agent: s.agentId, msg });
        this.receive({ t: 'agent', agent: s.agentId, msg });
      }
      const p = this.redis.multi().del(this.key(`m:${f.id}`), this.key(`jr:${f.id}`));
      for (const s of f.seats) if (s.agentId) p.srem(this.key(`held:${s.agentId}`), f.id);
      void p.exec().catch(() => {});
      pending.delete(f.id);
      if (pending.size === 0) void done().catch(() => {});
    });
  }

  // ---- the wire ---------------------------------------------------------------------------------

  publish(proc: string, w: Wire): void {
    void this.redis.publish(this.key(`to:${proc}`), JSON.stringify(w)).catch((e) => this.log(`cluster: ${e}`));
  }

  private broadcast(w: Wire): void {
    void this.redis.publish(this.key('all'), JSON.stringify(w)).catch((e) => this.log(`cluster: ${e}`));
  }

  private proxy(proc: string, conn: string, agentId: string): ProxyEndpoint {
    const k = `${proc}/${conn}`;
    let px = this.proxies.get(k);
    if (!px) this.proxies.set(k, (px = new ProxyEndpoint(this, proc, conn, agentId)));
    return px;
  }

  private receive(w: Wire): void {
    switch (w.t) {
      case 'sync':
        if (w.proc === this.pid) return;
        for (const [conn, l] of this.local)
          this.publish(w.proc, { t: 'conn', proc: this.pid, conn, agent: l.agentId, ...obsOf(l.ep) });
        return;
      case 'conn': {
        if (w.proc === this.pid) return;
        this.alive.add(w.proc);
        const px = this.proxy(w.proc, w.conn, w.agent);
        if (w.obs !== undefined) px.observation = w.obs;
        this.service.connectAgent(w.agent, px);
        for (const c of this.challenges.pendingFor(w.agent)) px.send(offer(c));
        return;
      }
      case 'gone': {
        if (w.proc === this.pid) return;
        const k = `${w.proc}/${w.conn}`;
        const px = this.proxies.get(k);
        if (!px) return;
        this.proxies.delete(k);
        px.open = false;
        this.service.disconnect(px, w.agent);
        return;
      }
      case 'agent':
        for (const l of this.local.values()) if (l.agentId === w.agent) l.ep.send(w.msg);
        return;
      case 'send': {
        const l = this.local.get(w.conn);
        const matchId = (w.msg as { matchId?: unknown }).matchId;
        if (typeof matchId === 'string') {
          if (w.msg.type === 'result') this.owners.delete(matchId);
          else this.remember(matchId, w.from);
        }
        l?.ep.send(w.msg);
        return;
      }
      case 'close':
        this.local.get(w.conn)?.ep.close?.(w.code, new ArenaError(w.error.code, w.error.message));
        return;
      case 'act': {
        try {
          this.service.act(w.agent, w.msg);
        } catch (e) {
          const err = asArenaError(e) ?? new ArenaError('INTERNAL', 'internal error while handling the message');
          this.publish(w.proc, {
            t: 'send',
            from: this.pid,
            conn: w.conn,
            msg: errorMessage(err, { matchId: w.msg.matchId, step: w.msg.step }),
          });
        }
        return;
      }
      case 'accept':
      case 'decline': {
        const px = this.proxy(w.proc, w.conn, w.agent.id);
        if (w.obs !== undefined) px.observation = w.obs;
        const fail = (e: unknown) =>
          px.send(
            errorMessage(
              asArenaError(e) ?? new ArenaError('INTERNAL', 'internal error while handling the message'),
              {},
            ),
          );
        try {
          if (w.t === 'decline') this.challenges.decline(w.agent, w.challengeId);
          else void this.challenges.accept(w.agent, px, w.challengeId, w.matchObs).catch(fail);
        } catch (e) {
          fail(e);
        }
        return;
      }
    }
  }

  /** The owner of a match (bounded: entries of matches whose result never came here age out). */
  private remember(matchId: string, proc: string): void {
    if (this.owners.get(matchId) === proc) return;
    this.owners.set(matchId, proc);
    if (this.owners.size > 10_000) this.owners.delete(this.owners.keys().next().value!);
  }

  private log(line: string): void {
    this.opts.log?.(line);
  }

  /** Leave the cluster: drop the lease (the others see this process dead at once) and disconnect. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    clearInterval(this.flusher);
    this.flushSteps();
    for (const ep of [...this.local.values()]) this.disconnected(ep.ep, ep.agentId);
    try {
      await this.redis.del(this.key(`proc:${this.pid}`));
    } catch {
      // the lease runs out by itself
    }
    this.sub.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** A unique prefix for a test run's keys (`ludus-test:<random>:`). */
export function testPrefix(): string {
  return `ludus-test:${randomBytes(6).toString('hex')}:`;
}

function pickAct(msg: ActMessage): ActMessage {
  return {
    matchId: msg.matchId,
    step: msg.step,
    ...(msg.seat !== undefined ? { seat: msg.seat } : {}),
    ...(msg.action !== undefined ? { action: msg.action } : {}),
    ...(msg.text !== undefined ? { text: msg.text } : {}),
    ...(msg.transcript !== undefined ? { transcript: msg.transcript } : {}),
  };
}

/** The `obs` field of a wire message: the connection's observation mode, when it asked for one. */
function obsOf(ep: Endpoint): { obs?: ObservationMode } {
  return ep.observation !== undefined ? { obs: ep.observation } : {};
}
