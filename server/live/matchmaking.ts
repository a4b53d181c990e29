/**
 * `seek`: a matchmaking queue per (game, config). Seekers are paired by rating within a window
 * that widens the longer they wait (100 Elo, +50 per second waited); after `fillerAfterMs` the
 * empty seats are filled with a built-in agent, so a seek always ends in a match.
 */
import { canonicalJson } from '../../games/core/hash.ts';
import { toJson } from '../../games/core/kernel.ts';
import type { AnyGame } from '../../games/core/types.ts';
import type { AgentRecord } from '../contracts.ts';
import type { Endpoint } from './endpoint.ts';
import { fillerSeat } from './fillers.ts';
import { ArenaError, asArenaError } from '../errors.ts';
import { type ObservationMode, type SeekingMessage } from './protocol.ts';
import type { MatchService, SeatSpec } from './service.ts';

export interface MatchmakingOptions {
  /** Wait before built-in agents fill the empty seats (default 10 s). */
  fillerAfterMs?: number;
  /** Built-in agent id (agents/registry.ts) used as filler, per game; default: fillers.ts DEFAULT_FILLERS. */
  fillers?: Record<string, string>;
  /** Rating window: base + perSecond × seconds waited. */
  ratingWindow?: { base: number; perSecond: number };
}

interface Seeker {
  agent: AgentRecord;
  endpoint: Endpoint;
  rating: number;
  since: number;
  key: string;
  game: AnyGame;
  config: unknown;
  /** The bot's name for this seek, echoed in match-start.origin. */
  ref?: string;
  /** The seek's observation mode (docs/protocol.md § text mode). */
  observation?: ObservationMode;
  timer: NodeJS.Timeout;
}

/** What the pairing rule reads of a seeker (this queue's, or cluster.ts's shared one). */
export interface Candidate {
  agent: { id: string };
  rating: number;
  /** When it started waiting (ms, on the clock `now` is read from). */
  since: number;
}

/** The rating window of a seeker that has waited since `since` (ms): base + perSecond × seconds waited. */
export function ratingWindow(w: { base: number; perSecond: number } | undefined, since: number, now: number): number {
  const { base, perSecond } = w ?? { base: 100, perSecond: 50 };
  return base + (perSecond * (now - since)) / 1000;
}

/**
 * The pairing rule, transport-neutral: the oldest seeker (queue order) that has `n - 1` others of other
 * agents within both their rating windows, with those others in queue order; undefined when nobody does.
 * No self-play through the queue: one agent never fills two seats.
 */
export function pickGroup<S extends Candidate>(
  q: readonly S[],
  n: number,
  now: number,
  window: (s: S, now: number) => number,
): S[] | undefined {
  for (const first of q) {
    const group: S[] = [first];
    for (const s of q) {
      if (group.length === n) break;
      if (group.some((g) => g === s || g.agent.id === s.agent.id)) continue;
      const gap = Math.abs(s.rating - first.rating);
      if (gap <= Math.min(window(first, now), window(s, now))) group.push(s);
    }
    if (group.length === n) return group;
  }
  return undefined;
}

/** What the /bot gateway needs of matchmaking: this process's queue, or the shared one (cluster-matchmaking.ts). */
export interface SeekQueue {
  readonly fillerAfterMs: number;
  seek(
    agent: AgentRecord,
    endpoint: Endpoint,
    gameId: string,
    rawConfig: unknown,
    ref?: string,
    observation?: ObservationMode,
  ): Promise<SeekingMessage>;
  cancel(endpoint: Endpoint, gameId?: string): number;
  cancelAgent(agentId: string): number;
  waiting(): number;
  close(): void;
}

export class Matchmaker implements SeekQueue {
  private readonly queues = new Map<string, Seeker[]>();
  readonly fillerAfterMs: number;

  constructor(
    private readonly service: MatchService,
    private readonly opts: MatchmakingOptions = {},
  ) {
    this.fillerAfterMs = opts.fillerAfterMs ?? 10_000;
  }

  /** Queue an agent's connection for a match; returns the acknowledgement to send it. */
  async seek(
    agent: AgentRecord,
    endpoint: Endpoint,
    gameId: string,
    rawConfig: unknown,
    ref?: string,
    observation?: ObservationMode,
  ): Promise<SeekingMessage> {
    const game = this.service.game(gameId);
    this.service.admit(agent, game);
    const config = this.service.botConfig(game, rawConfig);
    const key = `${game.id} ${canonicalJson(config)}`;
    this.cancel(endpoint, game.id);
    const rating = await this.service.store.rating(agent.id, game.id);
    const seeker: Seeker = {
      agent,
      endpoint,
      rating,
      since: performance.now(),
      key,
      game,
      config,
      ...(ref !== undefined ? { ref } : {}),
      ...(observation !== undefined ? { observation } : {}),
      timer: setTimeout(() => void this.fill(seeker), this.fillerAfterMs),
    };
    const q = this.queues.get(key) ?? [];
    q.push(seeker);
    this.queues.set(key, q);
    const ack: SeekingMessage = {
      type: 'seeking',
      ...(ref !== undefined ? { ref } : {}),
      game: game.id,
      config: toJson(config),
      fillerAfterMs: this.fillerAfterMs,
    };
    // Pair after the acknowledgement has gone out, so the bot sees `seeking` before `match-start`.
    queueMicrotask(() => void this.pair(key).catch((e) => this.fail(e, [seeker])));
    return ack;
  }

  /** Leave the queue (all games, or one). */
  cancel(endpoint: Endpoint, gameId?: string): number {
    let removed = 0;
    for (const [key, q] of this.queues) {
      for (let i = q.length - 1; i >= 0; i--) {
        const s = q[i]!;
        if (s.endpoint !== endpoint || (gameId !== undefined && s.game.id !== gameId)) continue;
        clearTimeout(s.timer);
        q.splice(i, 1);
        removed++;
      }
      if (q.length === 0) this.queues.delete(key);
    }
    return removed;
  }

  /** Leave every queue an agent's seeks wait in, whatever connection made them (revocation). */
  cancelAgent(agentId: string): number {
    let removed = 0;
    for (const [key, q] of this.queues) {
      for (let i = q.length - 1; i >= 0; i--) {
        const s = q[i]!;
        if (s.agent.id !== agentId) continue;
        clearTimeout(s.timer);
        q.splice(i, 1);
        removed++;
      }
      if (q.length === 0) this.queues.delete(key);
    }
    return removed;
  }

  waiting(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  close(): void {
    for (const q of this.queues.values()) for (const s of q) clearTimeout(s.timer);
    this.queues.clear();
  }

  private window(s: Seeker, now: number): number {
    return ratingWindow(this.opts.ratingWindow, s.since, now);
  }

  /** Seat the oldest seeker that has enough others within its rating window (each seeker is tried as the anchor, oldest first). */
  private async pair(key: string): Promise<boolean> {
    const q = this.queues.get(key);
    if (!q || q.length === 0) return false;
    const n = q[0]!.game.numSeats(q[0]!.config);
    const group = pickGroup(q, n, performance.now(), (s, now) => this.window(s, now));
    if (!group) return false;
    const first = group[0]!;
    this.take(key, group);
    await this.service.create({ game: first.game.id, config: first.config, seats: group.map((s) => seat(s)) });
    return true;
  }

  /** The wait is over: pair within the (now wider) rating window, or fill the empty seats with built-in agents. */
  private async fill(seeker: Seeker): Promise<void> {
    const q = this.queues.get(seeker.key);
    if (!q?.includes(seeker)) return;
    try {
      if (await this.pair(seeker.key)) {
        if (!this.queues.get(seeker.key)?.includes(seeker)) return;
      }
      const n = seeker.game.numSeats(seeker.config);
      this.take(seeker.key, [seeker]);
      const seats: SeatSpec[] = [seat(seeker)];
      while (seats.length < n) seats.push(await this.filler(seeker.game));
      await this.service.create({ game: seeker.game.id, config: seeker.config, seats });
    } catch (e) {
      this.fail(e, [seeker]);
    }
  }

  private take(key: string, group: Seeker[]): void {
    const q = this.queues.get(key) ?? [];
    for (const s of group) {
      clearTimeout(s.timer);
      const i = q.indexOf(s);
      if (i >= 0) q.splice(i, 1);
    }
    if (q.length === 0) this.queues.delete(key);
  }

  private filler(game: AnyGame): Promise<SeatSpec> {
    return fillerSeat(this.service.store, game, this.opts.fillers, this.service.catalog);
  }

  private fail(e: unknown, seekers: Seeker[]): void {
    const err =
      asArenaError(e) ??
      new ArenaError('INTERNAL', `matchmaking failed: ${e instanceof Error ? e.message : String(e)}`);
    for (const s of seekers) s.endpoint.send({ type: 'error', code: err.code, message: err.message });
  }
}

/** A seeker's seat, with the origin its match-start reports. */
function seat(s: Seeker): SeatSpec {
  return {
    agent: s.agent,
    endpoint: s.endpoint,
    origin: { type: 'seek', game: s.game.id, ...(s.ref !== undefined ? { ref: s.ref } : {}) },
    ...(s.observation !== undefined ? { observation: s.observation } : {}),
  };
}
