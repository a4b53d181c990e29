/**
 * The match service: creates live matches from seat specs, keeps the list of running ones, binds
 * connections (endpoints) to remote seats and rebinds them on reconnection, routes actions to
 * matches, and hands finished matches to the store without ever blocking a turn loop on it.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { getAgent } from '../../agents/registry.ts';
import type { AgentSpec } from '../../agents/core/agent.ts';
import { GameError } from '../../games/core/errors.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { agentSeed } from '../../games/core/runner.ts';
import { Rng } from '../../games/core/rng.ts';
import type { AnyGame, Json } from '../../games/core/types.ts';
import { getGame } from '../../games/index.ts';
import type { AgentRecord, FinishedMatch, LiveMatchInfo, LiveStore } from '../contracts.ts';
import type { Endpoint } from './endpoint.ts';
import { LiveMatch, type SeatPlan } from './match.ts';
import { ArenaError } from '../errors.ts';
import { timingFor, type TimingOverrides } from './timing.ts';

/** Who sits in a seat when a match is created. */
export type SeatSpec =
  /** A registered agent: builtin/checkpoint agents play in-process, remote agents over a connection. */
  | { agent: AgentRecord; endpoint?: Endpoint }
  /** An in-process agent that is not registered (unrated). */
  | { spec: AgentSpec; label?: string }
  /** An anonymous person in a browser (unrated). */
  | { human: true; label?: string };

export interface CreateMatch {
  game: string;
  config?: unknown;
  seed?: number;
  seats: SeatSpec[];
  rated?: boolean;
}

/** Builds the in-process agent of a registered builtin or checkpoint agent. */
export type AgentResolver = (agent: AgentRecord, game: AnyGame) => AgentSpec | Promise<AgentSpec>;

export const defaultResolver: AgentResolver = (agent, game) => {
  if (agent.kind === 'builtin') return getAgent(game.id, agent.ref ?? agent.name);
  throw new GameError('UNKNOWN_AGENT', `no in-process player for ${agent.kind} agent ${agent.name}; start the server with a checkpoint resolver`);
};

export interface ServiceOptions {
  store: LiveStore;
  timing?: TimingOverrides;
  resolveAgent?: AgentResolver;
  log?: (line: string) => void;
  maxSteps?: number;
  /** Called when a match ends (after its result was sent), e.g. to dispose its room. */
  onMatchEnd?: (m: LiveMatch) => void;
}

/** Finished records kept in memory for `waitFor` callers that arrive just after the end (the store has them all). */
const RECENT_RECORDS = 32;
/** Ids of finished matches remembered so that a late action gets GAME_OVER rather than UNKNOWN_MATCH. */
const RECENT_IDS = 10_000;

export class MatchService {
  readonly store: LiveStore;
  private readonly live = new Map<string, LiveMatch>();
  /** The last few finished records (bounded: a live server must not grow with the matches it has played). */
  private readonly recent = new Map<string, FinishedMatch>();
  /** Ids of recently finished matches: late actions get GAME_OVER instead of UNKNOWN_MATCH. */
  private readonly ended = new Set<string>();
  /** /bot connections per agent (most recent last), used to bind remote seats. */
  private readonly online = new Map<string, Set<Endpoint>>();
  /** Matches each endpoint holds a seat in, to detach it quickly when it drops. */
  private readonly endpointMatches = new Map<Endpoint, Set<LiveMatch>>();
  private readonly commits = new Set<Promise<void>>();
  private readonly schemaCache = new Map<string, Json | undefined>();
  private readonly endListeners = new Set<(m: LiveMatch, f: FinishedMatch) => void>();
  private closing = false;

  constructor(private readonly opts: ServiceOptions) {
    this.store = opts.store;
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
      return getGame(id);
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

  /** Create and start a match. Remote seats bind to the given endpoint, else to the agent's latest /bot connection. */
  async create(req: CreateMatch): Promise<LiveMatch> {
    if (this.closing) throw new ArenaError('UNAVAILABLE', 'the server is shutting down');
    const game = this.game(req.game);
    const config = this.config(game, req.config);
    const n = game.numSeats(config);
    if (req.seats.length !== n) throw new ArenaError('BAD_CONFIG', `${game.id} needs ${n} seats, got ${req.seats.length}`);
    const seed = req.seed ?? randomInt(0, 2 ** 31);
    const plans: SeatPlan[] = [];
    const binds: (Endpoint | undefined)[] = [];
    for (const [seat, s] of req.seats.entries()) {
      binds.push(undefined);
      if ('human' in s) {
        plans.push({ kind: 'human', agentId: null, label: s.label ?? 'human' });
      } else if ('spec' in s) {
        const controller = s.spec.create({ game, config, seat, rng: Rng.seeded(agentSeed(seed, seat)) });
        plans.push({ kind: 'builtin', agentId: null, label: s.label ?? s.spec.id, controller });
      } else if (s.agent.kind === 'remote') {
        plans.push({ kind: 'remote', agentId: s.agent.id, label: s.agent.name });
        binds[seat] = s.endpoint ?? this.latestConnection(s.agent.id);
      } else {
        const spec = await (this.opts.resolveAgent ?? defaultResolver)(s.agent, game);
        const controller = spec.create({ game, config, seat, rng: Rng.seeded(agentSeed(seed, seat)) });
        plans.push({ kind: s.agent.kind, agentId: s.agent.id, label: s.agent.name, controller });
      }
    }
    const id = 'm_' + randomBytes(9).toString('base64url');
    const match: LiveMatch = new LiveMatch({
      id,
      game,
      config,
      seed,
      seats: plans,
      timing: timingFor(game.id, this.opts.timing),
      rated: req.rated ?? true,
      maxSteps: this.opts.maxSteps,
      actionSchema: this.actionSchema(game),
      log: this.opts.log,
      onEnd: (f) => this.finished(match, f),
    });
    this.live.set(id, match);
    for (const [seat, e] of binds.entries()) if (e) this.bind(match, seat, e);
    match.begin();
    return match;
  }

  /** Bind an endpoint to a seat (first join, or resume). */
  bind(match: LiveMatch, seat: number, endpoint: Endpoint): void {
    let set = this.endpointMatches.get(endpoint);
    if (!set) this.endpointMatches.set(endpoint, (set = new Set()));
    set.add(match);
    match.attach(seat, endpoint);
  }

  /** A /bot connection authenticated: remember it and give it back every seat of its agent that lost its connection. */
  connectAgent(agentId: string, endpoint: Endpoint): string[] {
    let set = this.online.get(agentId);
    if (!set) this.online.set(agentId, (set = new Set()));
    set.add(endpoint);
    const resumed: string[] = [];
    for (const m of this.live.values()) {
      for (const s of m.seatsOf(agentId)) {
        if (s.endpoint !== null) continue;
        this.bind(m, s.index, endpoint);
        if (!resumed.includes(m.id)) resumed.push(m.id);
      }
    }
    return resumed;
  }

  /** Live matches where this agent has a seat without a connection (what a new connection resumes). */
  resumable(agentId: string): string[] {
    const ids: string[] = [];
    for (const m of this.live.values()) if (m.seatsOf(agentId).some((s) => s.endpoint === null)) ids.push(m.id);
    return ids;
  }

  /** A connection closed: its seats start their reconnection windows. */
  disconnect(endpoint: Endpoint, agentId?: string): void {
    if (agentId !== undefined) {
      const set = this.online.get(agentId);
      set?.delete(endpoint);
      if (set?.size === 0) this.online.delete(agentId);
    }
    const matches = this.endpointMatches.get(endpoint);
    this.endpointMatches.delete(endpoint);
    if (!matches) return;
    for (const m of matches) for (const s of m.seats) if (s.endpoint === endpoint) m.detach(s.index, endpoint);
  }

  isOnline(agentId: string): boolean {
    return (this.online.get(agentId)?.size ?? 0) > 0;
  }

  connectionsOf(agentId: string): Endpoint[] {
    return [...(this.online.get(agentId) ?? [])];
  }

  /** Route an action from an authenticated agent to its seat. */
  act(agentId: string, msg: { matchId: string; step: number; seat?: number; action: unknown }): void {
    const m = this.live.get(msg.matchId);
    if (!m) {
      if (this.ended.has(msg.matchId)) throw new ArenaError('GAME_OVER', `match ${msg.matchId} is over`);
      throw new ArenaError('UNKNOWN_MATCH', `no live match ${msg.matchId}`);
    }
    const mine = m.seatsOf(agentId);
    if (mine.length === 0) throw new ArenaError('NOT_YOUR_SEAT', `you have no seat in match ${m.id}`);
    let seat: number;
    if (msg.seat !== undefined) {
      if (!mine.some((s) => s.index === msg.seat)) throw new ArenaError('NOT_YOUR_SEAT', `seat ${msg.seat} of match ${m.id} is not yours`);
      seat = msg.seat;
    } else if (mine.length === 1) {
      seat = mine[0]!.index;
    } else {
      const pending = mine.filter((s) => s.pending);
      if (pending.length !== 1) throw new ArenaError('SCHEMA', `you hold seats ${mine.map((s) => s.index).join(', ')} in match ${m.id}: name the seat`);
      seat = pending[0]!.index;
    }
    m.submit(seat, msg.step, msg.action);
  }

  /** Stop every match (outcome 'aborted', never rated) and wait for the store writes. */
  async close(): Promise<void> {
    this.closing = true;
    for (const m of [...this.live.values()]) m.abort('aborted', 'shutdown');
    await this.flush();
  }

  /** Wait until every finished match has been handed to the store. */
  async flush(): Promise<void> {
    while (this.commits.size > 0) await Promise.allSettled([...this.commits]);
  }

  private latestConnection(agentId: string): Endpoint | undefined {
    const set = this.online.get(agentId);
    if (!set || set.size === 0) return undefined;
    let last: Endpoint | undefined;
    for (const e of set) last = e;
    return last;
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

  private finished(match: LiveMatch, f: FinishedMatch): void {
    this.live.delete(match.id);
    this.recent.set(match.id, f);
    if (this.recent.size > RECENT_RECORDS) this.recent.delete(this.recent.keys().next().value!);
    this.ended.add(match.id);
    if (this.ended.size > RECENT_IDS) this.ended.delete(this.ended.values().next().value!);
    for (const s of match.seats) {
      if (!s.endpoint) continue;
      const set = this.endpointMatches.get(s.endpoint);
      set?.delete(match);
      if (set?.size === 0) this.endpointMatches.delete(s.endpoint);
    }
    const p = this.commit(f);
    this.commits.add(p);
    void p.finally(() => this.commits.delete(p));
    for (const fn of this.endListeners) fn(match, f);
    this.opts.onMatchEnd?.(match);
  }

  /** One retry, then log: a store outage must not take live play down with it. */
  private async commit(f: FinishedMatch): Promise<void> {
    // Let the turn loop finish its current tick before the store work starts.
    await new Promise<void>((r) => setImmediate(r));
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        await this.store.commitMatch(f);
        return;
      } catch (e) {
        this.opts.log?.(`commit of match ${f.id} failed (attempt ${attempt}): ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
