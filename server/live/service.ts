/**
 * The match service: creates live matches from seat specs, keeps the list of running ones, binds
 * connections (endpoints) to seats, routes actions to matches, and commits finished matches before
 * their result is announced, without ever blocking a turn loop on the store.
 *
 * Connections and seats (docs/protocol.md § several connections): a seat belongs to an agent (or, for
 * a person, to whoever holds its seat token), never to a connection. The newest authenticated
 * connection of an agent takes over all its seats; when a seat's connection closes and the agent has
 * another live connection that may play that match, the seat moves there at once, with no
 * reconnection window. Only when the agent has no connection left does the window open.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import type { AgentSpec } from '../../agents/core/agent.ts';
import { GameError } from '../../games/core/errors.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { agentSeed } from '../../games/core/runner.ts';
import { Rng } from '../../games/core/rng.ts';
import type { AnyGame, Json } from '../../games/core/types.ts';
import { defaultCatalog, type GameCatalog } from '../catalog.ts';
import { checkBotPlay } from '../play-limits.ts';
import type { AgentRecord, FinishedMatch, LiveMatchInfo, LiveStore, TurnTranscript } from '../contracts.ts';
import type { Endpoint } from './endpoint.ts';
import { LiveMatch, type SeatPlan } from './match.ts';
import type { JournalHeader, MatchJournal } from './journal.ts';
import type { MatchOrigin, ObservationMode, ResultMessage, Transcript } from './protocol.ts';
import { ArenaError } from '../errors.ts';
import { StallMeter, timingFor, type Timing, type TimingOverrides } from './timing.ts';

/** Who sits in a seat when a match is created. */
export type SeatSpec =
  /**
   * A registered agent: builtin/checkpoint agents play in-process, remote agents over a connection.
   * `origin`: what this seat's request was (its seek or challenge), echoed to it in match-start.
   * `observation`: the observation mode that request asked for (over its connection's).
   */
  | { agent: AgentRecord; endpoint?: Endpoint; origin?: MatchOrigin; observation?: ObservationMode }
  /** An in-process agent that is not registered (unrated). */
  | { spec: AgentSpec; label?: string }
  /**
   * An anonymous person in a browser (unrated). `seatToken` is the secret that lets its holder take
   * the seat (generated when absent; read it back from `match.seats[i].plan`).
   */
  | { human: true; label?: string; seatToken?: string };

export interface CreateMatch {
  /** A fixed match id (tournaments derive theirs, so a crash can tell a stored match from a lost one). */
  id?: string;
  game: string;
  config?: unknown;
  seed?: number;
  seats: SeatSpec[];
  rated?: boolean;
  /** What created the match, echoed in match-start to every seat that has no origin of its own. */
  origin?: MatchOrigin;
  /** Showcase pacing: ms to wait after every step (spectators can follow); default 0. */
  paceMs?: number;
  /** This match's clock, over the server's (e.g. a tournament's time control). */
  timing?: Partial<Timing>;
}

/** Builds the in-process agent of a registered builtin or checkpoint agent. */
export type AgentResolver = (agent: AgentRecord, game: AnyGame) => AgentSpec | Promise<AgentSpec>;

/** Plays registered built-in agents from the catalog's agents; other kinds need a resolver from the caller. */
export function builtinResolver(catalog: GameCatalog): AgentResolver {
  return (agent, game) => {
    if (agent.kind === 'builtin') {
      const id = agent.ref ?? agent.name;
      const spec = catalog.agentsFor(game.id).find((s) => s.id === id);
      if (!spec) throw new GameError('UNKNOWN_AGENT', `no built-in agent ${JSON.stringify(id)} for ${game.id}`);
      return spec;
    }
    throw new GameError(
      'UNKNOWN_AGENT',
      `no in-process player for ${agent.kind} agent ${agent.name}; start the server with a checkpoint resolver`,
    );
  };
}

export const defaultResolver: AgentResolver = builtinResolver(defaultCatalog);

export interface ServiceOptions {
  store: LiveStore;
  /** The games and built-in agents live play offers (default: games/index.ts and agents/registry.ts). */
  catalog?: GameCatalog;
  timing?: TimingOverrides;
  resolveAgent?: AgentResolver;
  log?: (line: string) => void;
  maxSteps?: number;
  /** Called when a match ends (after its result was committed and sent), e.g. to dispose its room. */
  onMatchEnd?: (m: LiveMatch) => void;
  /** The clock of the matches' turn timers (ms; default performance.now). */
  now?: () => number;
  /**
   * Delays between commit attempts of a finished match (default 0, 250 ms, 1 s, 4 s, 10 s, 30 s); after
   * the last one, attempts go on at the last delay until the commit lands.
   */
  commitRetryMs?: readonly number[];
  /**
   * The local journal (journal.ts): running matches' logs, and the outbox where a finished match whose
   * commit failed is parked durably before its result is announced. Without one, an announcement waits
   * until the commit lands.
   */
  journal?: MatchJournal;
  /** How long one commit attempt may take before it counts as failed (default 30 s). */
  commitTimeoutMs?: number;
  /**
   * Credit the server's own stalls back to the seats' clocks (default on, with a StallMeter of the
   * service; off when `now` is a test clock). `false` turns it off.
   */
  stallCredit?: boolean;
  /**
   * A copy of every running match's journal kept where other processes can read it (cluster.ts: Redis),
   * so that the survivors of a crashed process can record its matches as aborted. Absent: one process.
   */
  mirror?: MatchMirror;
}

/** What a shared journal sees of each match (the same header and steps as the local journal). */
export interface MatchMirror {
  started(header: JournalHeader, match: LiveMatch): void;
  step(
    id: string,
    actions: readonly unknown[],
    rewards: readonly number[],
    think: readonly (number | null)[],
    transcripts?: readonly TurnTranscript[],
  ): void;
  /** The match's record is safe (committed or parked): its shared copy goes. */
  finished(match: LiveMatch): void;
}

/** How long a result is kept for a bot that was away when its match ended (and how many per agent). */
const UNDELIVERED_TTL_MS = 15 * 60_000;
const UNDELIVERED_PER_AGENT = 64;

/** Finished records kept in memory for `waitFor` callers that arrive just after the end (the store has them all). */
const RECENT_RECORDS = 32;
/** Ids of finished matches remembered so that a late action gets GAME_OVER rather than UNKNOWN_MATCH. */
const RECENT_IDS = 10_000;

export class MatchService {
  readonly store: LiveStore;
  readonly catalog: GameCatalog;
  private readonly live = new Map<string, LiveMatch>();
  /** The last few finished records (bounded: a live server must not grow with the matches it has played). */
  private readonly recent = new Map<string, FinishedMatch>();
  /** Ids of recently finished matches: late actions get GAME_OVER instead of UNKNOWN_MATCH. */
  private readonly ended = new Set<string>();
  /** Live connections per agent, oldest first: /bot connections and Colyseus room clients (scoped to one match). */
  private readonly online = new Map<string, Endpoint[]>();
  /** Matches each endpoint holds a seat in, to detach it quickly when it drops. */
  private readonly endpointMatches = new Map<Endpoint, Set<LiveMatch>>();
  private readonly commits = new Set<Promise<void>>();
  private readonly schemaCache = new Map<string, Json | undefined>();
  private readonly endListeners = new Set<(m: LiveMatch, f: FinishedMatch) => void>();
  /** Finished matches whose commit has not landed yet (parked in the journal's outbox, or still being retried). */
  private readonly backlog = new Map<string, FinishedMatch>();
  /** Results for remote seats whose bot was away when the match ended, per agent, delivered when it returns. */
  private readonly undelivered = new Map<string, { msg: ResultMessage; at: number }[]>();
  private closing = false;
  private readonly wakers = new Set<() => void>();
  private readonly stall: StallMeter | undefined;

  constructor(private readonly opts: ServiceOptions) {
    this.store = opts.store;
    this.catalog = opts.catalog ?? defaultCatalog;
    if ((opts.stallCredit ?? opts.now === undefined) === true) this.stall = new StallMeter();
  }

  /** Milliseconds the server has been stalled (event-loop lag beyond the meter's threshold) since it started. */
  stalledMs(): number {
    return this.stall?.total() ?? 0;
  }

  liveMatches(): LiveMatchInfo[] {
    return [...this.live.values()].map((m) => m.info());
  }

  get(matchId: string): LiveMatch | undefined {
    return this.live.get(matchId);
  }

  finishedRecently(matchId: string): FinishedMatch | undefined {
    return this.recent.get(matchId);
  }

  onEnd(fn: (m: LiveMatch, f: FinishedMatch) => void): () => void {
    this.endListeners.add(fn);
    return () => this.endListeners.delete(fn);
  }

  /** Resolve a game id, as a protocol error. */
  game(id: string): AnyGame {
    try {
      return this.catalog.game(id);
    } catch (e) {
      if (e instanceof GameError) throw new ArenaError('UNKNOWN_GAME', e.message);
      throw e;
    }
  }

  config(game: AnyGame, raw: unknown): any {
    try {
      return parseConfig(game, raw ?? {});
    } catch (e) {
      if (e instanceof GameError) throw new ArenaError('BAD_CONFIG', e.message, e.details);
      throw e;
    }
  }

  /**
   * The parsed config of a match a bot asked for (seek, challenge): BAD_CONFIG when the game refuses it,
   * or when it is above the bot protocol's bounds (server/play-limits.ts: the server plays and stores
   * such matches, and registration is free).
   */
  botConfig(game: AnyGame, raw: unknown): any {
    const config = this.config(game, raw);
    checkBotPlay(game.id, config);
    return config;
  }

  /** Create and start a match. Remote seats bind to the given endpoint, else to the agent's latest /bot connection. */
  async create(req: CreateMatch): Promise<LiveMatch> {
    if (this.closing) throw new ArenaError('UNAVAILABLE', 'the server is shutting down');
    const game = this.game(req.game);
    const config = this.config(game, req.config);
    const n = game.numSeats(config);
    if (req.seats.length !== n)
      throw new ArenaError('BAD_CONFIG', `${game.id} needs ${n} seats, got ${req.seats.length}`);
    const seed = req.seed ?? randomInt(0, 2 ** 31);
    const id = req.id ?? 'm_' + randomBytes(9).toString('base64url');
    if (this.live.has(id) || this.ended.has(id)) throw new ArenaError('CONFLICT', `match ${id} exists already`);
    const plans: SeatPlan[] = [];
    const binds: (Endpoint | undefined)[] = [];
    for (const [seat, s] of req.seats.entries()) {
      binds.push(undefined);
      if ('human' in s) {
        plans.push({
          kind: 'human',
          agentId: null,
          label: s.label ?? 'human',
          seatToken: s.seatToken ?? 'st_' + randomBytes(18).toString('base64url'),
        });
      } else if ('spec' in s) {
        const controller = s.spec.create({ game, config, seat, rng: Rng.seeded(agentSeed(seed, seat)) });
        plans.push({ kind: 'builtin', agentId: null, label: s.label ?? s.spec.id, controller });
      } else if (s.agent.kind === 'remote') {
        plans.push({
          kind: 'remote',
          agentId: s.agent.id,
          label: s.agent.name,
          ...(s.origin ? { origin: s.origin } : {}),
          ...(s.observation ? { observation: s.observation } : {}),
        });
        // The requesting connection if it is still open, else the agent's newest one (it may have reconnected meanwhile).
        const open = s.endpoint && s.endpoint.isOpen?.() !== false ? s.endpoint : undefined;
        binds[seat] = open ?? this.connectionFor(s.agent.id, id);
      } else {
        const spec = await (this.opts.resolveAgent ?? builtinResolver(this.catalog))(s.agent, game);
        const controller = spec.create({ game, config, seat, rng: Rng.seeded(agentSeed(seed, seat)) });
        plans.push({ kind: s.agent.kind, agentId: s.agent.id, label: s.agent.name, controller });
      }
    }
    const match: LiveMatch = new LiveMatch({
      id,
      game,
      config,
      seed,
      seats: plans,
      timing: { ...timingFor(game.id, this.opts.timing), ...req.timing },
      rated: req.rated ?? true,
      ...(req.origin !== undefined ? { origin: req.origin } : {}),
      maxSteps: this.opts.maxSteps,
      ...(req.paceMs ? { paceMs: req.paceMs } : {}),
      actionSchema: this.actionSchema(game),
      log: this.opts.log,
      onEnd: (f) => this.finished(match, f),
      ...(this.opts.journal || this.opts.mirror
        ? {
            onStep: (
              a: readonly unknown[],
              r: readonly number[],
              t: readonly (number | null)[],
              x: readonly TurnTranscript[],
            ) => {
              this.opts.journal?.step(id, a, r, t, x);
              this.opts.mirror?.step(id, a, r, t, x);
            },
          }
        : {}),
      undelivered: (agentId, msg) => this.keepUndelivered(agentId, msg),
      now: this.opts.now,
      ...(this.stall ? { stall: (t: number) => this.stall!.total(t) } : {}),
    });
    const header: JournalHeader = {
      id,
      game: game.id,
      config: match.configJson,
      seed,
      seats: match.seatRecords(),
      rated: req.rated ?? true,
      startedAt: match.startedAt,
    };
    this.opts.mirror?.started(header, match);
    try {
      this.opts.journal?.started(header);
    } catch (e) {
      this.opts.log?.(`journal: match ${id} not journalled: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.live.set(id, match);
    for (const [seat, e] of binds.entries()) if (e) this.bind(match, seat, e);
    match.begin();
    return match;
  }

  /** Create and start a match; `done` resolves with its record once it is committed. */
  async play(req: CreateMatch): Promise<{ matchId: string; done: Promise<FinishedMatch> }> {
    const m = await this.create(req);
    return { matchId: m.id, done: this.waitFor(m.id) };
  }

  /** Resolves when a match has been committed (at once with its record if that happened recently). */
  waitFor(matchId: string): Promise<FinishedMatch> {
    const done = this.recent.get(matchId);
    if (done) return Promise.resolve(done);
    if (!this.live.has(matchId)) return Promise.reject(new ArenaError('UNKNOWN_MATCH', `no live match ${matchId}`));
    return new Promise((resolve) => {
      const off = this.onEnd((m, f) => {
        if (m.id !== matchId) return;
        off();
        resolve(f);
      });
    });
  }

  /** Bind an endpoint to a seat (first join, or resume). */
  bind(match: LiveMatch, seat: number, endpoint: Endpoint): void {
    let set = this.endpointMatches.get(endpoint);
    if (!set) this.endpointMatches.set(endpoint, (set = new Set()));
    set.add(match);
    match.attach(seat, endpoint);
  }

  /**
   * An agent's connection authenticated (a /bot connection, or a bot joining a match's room): it becomes
   * the agent's newest connection and takes over every seat of the agent it may play, connected
   * elsewhere or not; each gets match-start and its pending turn. Returns the ids of those matches.
   */
  connectAgent(agentId: string, endpoint: Endpoint): string[] {
    const list = this.online.get(agentId) ?? [];
    if (!list.includes(endpoint)) list.push(endpoint);
    this.online.set(agentId, list);
    const taken: string[] = [];
    for (const m of this.live.values()) {
      if (m.finished || (endpoint.scope !== undefined && endpoint.scope !== m.id)) continue;
      for (const s of m.seatsOf(agentId)) {
        if (s.endpoint !== endpoint) this.bind(m, s.index, endpoint);
        if (!taken.includes(m.id)) taken.push(m.id);
      }
    }
    this.deliverUndelivered(agentId, endpoint);
    return taken;
  }

  /** Results of matches that ended while the agent was away (fault 9: a bot back after its window still learns the result). */
  private keepUndelivered(agentId: string, msg: ResultMessage): void {
    const now = Date.now();
    const list = (this.undelivered.get(agentId) ?? []).filter((x) => now - x.at < UNDELIVERED_TTL_MS);
    list.push({ msg, at: now });
    if (list.length > UNDELIVERED_PER_AGENT) list.splice(0, list.length - UNDELIVERED_PER_AGENT);
    this.undelivered.set(agentId, list);
  }

  private deliverUndelivered(agentId: string, endpoint: Endpoint): void {
    const list = this.undelivered.get(agentId);
    if (!list) return;
    const now = Date.now();
    const keep: { msg: ResultMessage; at: number }[] = [];
    for (const x of list) {
      if (now - x.at >= UNDELIVERED_TTL_MS) continue;
      if (endpoint.scope === undefined || endpoint.scope === x.msg.matchId) endpoint.send(x.msg);
      else keep.push(x);
    }
    if (keep.length > 0) this.undelivered.set(agentId, keep);
    else this.undelivered.delete(agentId);
  }

  /** Live matches in which this agent holds a seat (what a newly authenticated connection takes over). */
  held(agentId: string, scope?: string): string[] {
    const ids: string[] = [];
    for (const m of this.live.values()) {
      if (m.finished || (scope !== undefined && scope !== m.id)) continue;
      if (m.seatsOf(agentId).length > 0) ids.push(m.id);
    }
    return ids;
  }

  /**
   * A connection closed. Each seat it held moves at once to the agent's newest other live connection
   * that may play that match; a seat with nowhere to go opens its reconnection window.
   */
  disconnect(endpoint: Endpoint, agentId?: string): void {
    if (agentId !== undefined) {
      const list = this.online.get(agentId)?.filter((e) => e !== endpoint) ?? [];
      if (list.length > 0) this.online.set(agentId, list);
      else this.online.delete(agentId);
    }
    const matches = this.endpointMatches.get(endpoint);
    this.endpointMatches.delete(endpoint);
    if (!matches) return;
    for (const m of matches) {
      for (const s of m.seats) {
        if (s.endpoint !== endpoint) continue;
        const other = s.plan.kind === 'remote' ? this.connectionFor(s.plan.agentId, m.id, endpoint) : undefined;
        if (other) this.bind(m, s.index, other);
        else m.detach(s.index, endpoint);
      }
    }
  }

  /** Agents with at least one live connection. */
  onlineAgents(): string[] {
    return [...this.online.entries()].filter(([, l]) => l.length > 0).map(([id]) => id);
  }

  /**
   * An agent's token was revoked or rotated: every connection it holds (/bot and room clients) gets an
   * UNAUTHORIZED error and is closed with 4401; its seats open their reconnection window (a rotated
   * token may come back with the new token). Returns how many connections were closed.
   */
  closeAgent(agentId: string, e: ArenaError): number {
    const list = [...(this.online.get(agentId) ?? [])];
    for (const ep of list) {
      ep.close?.(4401, e);
      this.disconnect(ep, agentId);
    }
    return list.length;
  }

  /** How many live connections (/bot and room clients) the agent holds. */
  onlineCount(agentId: string): number {
    return this.online.get(agentId)?.length ?? 0;
  }

  isOnline(agentId: string): boolean {
    return (this.online.get(agentId)?.length ?? 0) > 0;
  }

  /** The agent's /bot connections (those that may receive offers for any match), oldest first. */
  connectionsOf(agentId: string): Endpoint[] {
    return (this.online.get(agentId) ?? []).filter((e) => e.scope === undefined);
  }

  /**
   * Refuse a game the agent is not registered for: the one rule for `seek`, `challenge` and `accept`.
   * @throws ArenaError UNKNOWN_GAME
   */
  admit(agent: AgentRecord, game: AnyGame): void {
    if (agent.games.length > 0 && !agent.games.includes(game.id)) {
      throw new ArenaError(
        'UNKNOWN_GAME',
        `agent ${agent.name} is registered for ${agent.games.join(', ')}, not ${game.id}`,
      );
    }
  }

  /**
   * Route an action from an authenticated agent to its seat: JSON `action`, or `text` for the game's
   * parser, with an optional transcript (LiveMatch.submit).
   */
  act(
    agentId: string,
    msg: { matchId: string; step: number; seat?: number; action?: unknown; text?: string; transcript?: Transcript },
  ): void {
    const m = this.live.get(msg.matchId);
    if (!m) {
      if (this.ended.has(msg.matchId)) throw new ArenaError('GAME_OVER', `match ${msg.matchId} is over`);
      throw new ArenaError('UNKNOWN_MATCH', `no live match ${msg.matchId}`);
    }
    const mine = m.seatsOf(agentId);
    if (mine.length === 0) throw new ArenaError('NOT_YOUR_SEAT', `you have no seat in match ${m.id}`);
    if (m.finished) throw new ArenaError('GAME_OVER', `match ${m.id} is over`);
    let seat: number;
    if (msg.seat !== undefined) {
      if (!mine.some((s) => s.index === msg.seat))
        throw new ArenaError('NOT_YOUR_SEAT', `seat ${msg.seat} of match ${m.id} is not yours`);
      seat = msg.seat;
    } else if (mine.length === 1) {
      seat = mine[0]!.index;
    } else {
      const pending = mine.filter((s) => m.pending(s.index));
      if (pending.length !== 1)
        throw new ArenaError(
          'SCHEMA',
          `you hold seats ${mine.map((s) => s.index).join(', ')} in match ${m.id}: name the seat`,
        );
      seat = pending[0]!.index;
    }
    m.submit(seat, msg.step, msg.action, {
      ...(msg.text !== undefined ? { text: msg.text } : {}),
      ...(msg.transcript !== undefined ? { transcript: msg.transcript } : {}),
    });
  }

  /**
   * Stop every match (outcome 'aborted', never rated) and wait for the store writes. Commits that still
   * fail stay parked in the journal for the next boot; without a journal they get one last attempt.
   */
  async close(): Promise<void> {
    this.closing = true;
    for (const m of [...this.live.values()]) m.abort('shutdown');
    for (const w of [...this.wakers]) w();
    await this.flush();
    await this.opts.journal?.settle();
    this.opts.journal?.close();
    this.stall?.stop();
  }

  /** Finished matches whose commit has not landed yet (parked or being retried): the health backlog. */
  commitBacklog(): number {
    return this.backlog.size;
  }

  /**
   * Boot: commit what an earlier process left in the journal — parked results, and matches that were
   * running when it died (recorded as `aborted`, unrated, with their partial logs). Returns how many.
   */
  recover(): { parked: number; aborted: number } {
    const j = this.opts.journal;
    if (!j) return { parked: 0, aborted: 0 };
    const parked = j.parked();
    const aborted = j.recoverRunning(this.opts.log);
    for (const f of [...parked, ...aborted]) {
      if (this.backlog.has(f.id)) continue;
      this.backlog.set(f.id, f);
      this.track(this.retryUntilCommitted(f, 0).then(() => undefined));
    }
    if (parked.length + aborted.length > 0)
      this.opts.log?.(`journal: recovering ${parked.length} parked and ${aborted.length} interrupted matches`);
    return { parked: parked.length, aborted: aborted.length };
  }

  /**
   * Commit records this process did not play (a crashed process's matches, rebuilt by its survivors:
   * cluster.ts) with the same retries as its own; `then` runs once each has landed. Idempotent per id.
   */
  adopt(records: readonly FinishedMatch[], then?: (f: FinishedMatch) => void): void {
    for (const f of records) {
      if (this.backlog.has(f.id) || this.live.has(f.id)) continue;
      this.backlog.set(f.id, f);
      this.track(
        this.retryUntilCommitted(f, 0).then((ok) => {
          if (ok) then?.(f);
        }),
      );
    }
  }

  /** True when this process knows the match as finished (late actions get GAME_OVER). */
  hasEnded(matchId: string): boolean {
    return this.ended.has(matchId);
  }

  /** Wait until every finished match has been handed to the store. */
  async flush(): Promise<void> {
    while (this.commits.size > 0) await Promise.allSettled([...this.commits]);
  }

  /** The agent's newest live connection that may play this match, other than `except`. */
  private connectionFor(agentId: string, matchId: string, except?: Endpoint): Endpoint | undefined {
    const list = this.online.get(agentId);
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i]!;
      if (e !== except && (e.scope === undefined || e.scope === matchId)) return e;
    }
    return undefined;
  }

  private actionSchema(game: AnyGame): Json | undefined {
    if (!this.schemaCache.has(game.id)) {
      let schema: Json | undefined;
      try {
        schema = z.toJSONSchema(game.actionSchema, { unrepresentable: 'any' }) as Json;
      } catch {
        schema = undefined; // a schema with transforms cannot be expressed; bots still get `legal`
      }
      this.schemaCache.set(game.id, schema);
    }
    return this.schemaCache.get(game.id);
  }

  /**
   * A match ended: commit it, and only then (or once it is parked durably in the journal's outbox) let it
   * announce its result and tell the listeners. It stays listed as live (answering GAME_OVER) until then.
   */
  private finished(match: LiveMatch, f: FinishedMatch): Promise<void> {
    this.ended.add(match.id);
    if (this.ended.size > RECENT_IDS) this.ended.delete(this.ended.values().next().value!);
    const p = this.settle(f).then(() => {
      this.opts.mirror?.finished(match);
      this.live.delete(match.id);
      this.recent.set(match.id, f);
      if (this.recent.size > RECENT_RECORDS) this.recent.delete(this.recent.keys().next().value!);
      for (const s of match.seats) {
        if (!s.endpoint) continue;
        const set = this.endpointMatches.get(s.endpoint);
        set?.delete(match);
        if (set?.size === 0) this.endpointMatches.delete(s.endpoint);
      }
    });
    this.track(p);
    void p.finally(() => {
      // After the match announced its result (it does so when this promise settles).
      queueMicrotask(() => {
        for (const fn of this.endListeners) fn(match, f);
        this.opts.onMatchEnd?.(match);
      });
    });
    return p;
  }

  private track(p: Promise<void>): void {
    this.commits.add(p);
    void p.finally(() => this.commits.delete(p));
  }

  /**
   * Make a finished match safe; resolves when it may be announced: committed, or parked in the journal's
   * outbox (fsynced) with the retries going on in the background. Without a journal (or when the disk
   * refuses too) it resolves only once a commit has landed. Never throws.
   * Committing is idempotent (LiveStore.commitMatch), so a retry after an ambiguous failure cannot count a
   * match twice.
   */
  private async settle(f: FinishedMatch): Promise<void> {
    // Let the turn loop finish its current tick before the store work starts.
    await new Promise<void>((r) => setImmediate(r));
    if (await this.attempt(f, 1)) {
      await this.journalDone(f.id);
      return;
    }
    this.backlog.set(f.id, f);
    const j = this.opts.journal;
    if (j) {
      try {
        j.park(f);
        await j.finished(f.id);
        this.track(this.retryUntilCommitted(f, 1).then(() => undefined));
        return;
      } catch (e) {
        this.opts.log?.(`journal: could not park match ${f.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    await this.retryUntilCommitted(f, 1);
    await this.journalDone(f.id);
  }

  private async journalDone(id: string): Promise<void> {
    try {
      await this.opts.journal?.finished(id);
    } catch (e) {
      this.opts.log?.(`journal: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Retry with backoff until the commit lands (or, at shutdown, give up: a parked record waits for the next boot). */
  private async retryUntilCommitted(f: FinishedMatch, done: number): Promise<boolean> {
    const delays = this.opts.commitRetryMs ?? [0, 250, 1000, 4000, 10_000, 30_000];
    for (let attempt = done; ; attempt++) {
      const wait = delays[Math.min(attempt, delays.length - 1)] ?? 1000;
      if (this.closing) {
        // One last try at shutdown, then leave it to the journal (or report the loss without one).
        if (await this.attempt(f, attempt + 1)) break;
        if (!this.opts.journal)
          this.opts.log?.(`commit of match ${f.id} LOST: the store refused it until shutdown and there is no journal`);
        return false;
      }
      if (wait > 0) await this.sleep(wait);
      if (await this.attempt(f, attempt + 1)) break;
    }
    this.backlog.delete(f.id);
    try {
      this.opts.journal?.unpark(f.id);
    } catch (e) {
      this.opts.log?.(`journal: ${e instanceof Error ? e.message : String(e)}`);
    }
    return true;
  }

  /**
   * One commit attempt, given up after `commitTimeoutMs` (default 30 s): a connection that hangs across a
   * database restart must not hold the retries (a late success is harmless, the commit is idempotent).
   */
  private async attempt(f: FinishedMatch, n: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const limit = this.opts.commitTimeoutMs ?? 30_000;
    try {
      await Promise.race([
        this.store.commitMatch(f),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer from the store within ${limit} ms`)), limit);
        }),
      ]);
      return true;
    } catch (e) {
      this.opts.log?.(`commit of match ${f.id} failed (attempt ${n}): ${e instanceof Error ? e.message : String(e)}`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A sleep that shutdown cuts short (so close() does not wait out a 30 s backoff). */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let t: NodeJS.Timeout | undefined = undefined;
      const done = () => {
        clearTimeout(t);
        this.wakers.delete(done);
        resolve();
      };
      t = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }
}
