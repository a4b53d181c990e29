/**
 * `seek` across processes (multi-process mode, cluster.ts): one shared queue per (game, config), a
 * Redis hash `q:<game> <config>` of seekers `{ agent, proc, conn, rating, since }`. The rule is the one
 * process's (matchmaking.ts `pickGroup`, the same rating window); only the queue is shared:
 *   - a seek is written to the hash, then the process that took it tries to pair the queue;
 *   - a group is taken out of the hash atomically (a Lua script removes it only if every member is
 *     still there), so two processes pairing at once never seat one seeker twice; the loser retries;
 *   - the process that took the group creates the match and owns it; seekers connected elsewhere are
 *     seated through their proxies (cluster.ts);
 *   - each seeker's own process keeps its filler timer; when it fires, the seeker is paired if it can
 *     be, else taken alone and its empty seats filled with built-in agents (as in one process);
 *   - seekers of a dead process (no lease) are dropped from the queue by whoever reads it.
 * Time is wall-clock (Date.now) here, since processes share no monotonic clock.
 */
import { randomBytes } from 'node:crypto';
import { canonicalJson } from '../../games/core/hash.ts';
import { toJson } from '../../games/core/kernel.ts';
import type { AnyGame } from '../../games/core/types.ts';
import type { AgentRecord } from '../contracts.ts';
import { ArenaError, asArenaError } from '../errors.ts';
import type { Cluster } from './cluster.ts';
import type { Endpoint } from './endpoint.ts';
import { fillerSeat } from './fillers.ts';
import { pickGroup, ratingWindow, type MatchmakingOptions, type SeekQueue } from './matchmaking.ts';
import type { ObservationMode, SeekingMessage } from './protocol.ts';
import type { MatchService, SeatSpec } from './service.ts';

/** A seeker as stored in the shared queue. */
interface SharedSeeker {
  id: string;
  agent: AgentRecord;
  proc: string;
  conn: string;
  rating: number;
  since: number;
  ref?: string;
  /** The seek's own observation mode (text mode), when it asked for one. */
  observation?: ObservationMode;
}

/** A seek of this process (its timer and its connection). */
interface LocalSeek {
  id: string;
  key: string;
  game: AnyGame;
  config: unknown;
  endpoint: Endpoint;
  agentId: string;
  timer: NodeJS.Timeout;
}

/** Remove every named field of the hash, or none (when one is already gone). */
const TAKE = `for i = 1, #ARGV do
  if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 0 then return 0 end
end
for i = 1, #ARGV do redis.call('HDEL', KEYS[1], ARGV[i]) end
return 1`;

export class ClusterMatchmaker implements SeekQueue {
  readonly fillerAfterMs: number;
  private readonly local = new Map<string, LocalSeek>();

  constructor(
    private readonly service: MatchService,
    private readonly cluster: Cluster,
    private readonly opts: MatchmakingOptions = {},
  ) {
    this.fillerAfterMs = opts.fillerAfterMs ?? 10_000;
  }

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
    const id = 's_' + randomBytes(9).toString('base64url');
    const entry: SharedSeeker = {
      id,
      agent,
      proc: this.cluster.pid,
      conn: endpoint.id,
      rating,
      since: Date.now(),
      ...(ref !== undefined ? { ref } : {}),
      ...(observation !== undefined ? { observation } : {}),
    };
    await this.cluster.redis.hset(this.qkey(key), id, JSON.stringify(entry));
    this.local.set(id, {
      id,
      key,
      game,
      config,
      endpoint,
      agentId: agent.id,
      timer: setTimeout(() => void this.fill(id), this.fillerAfterMs),
    });
    // Pair after the acknowledgement has gone out, so the bot sees `seeking` before `match-start`.
    setImmediate(() => void this.pair(key, game, config).catch((e) => this.fail(e, [endpoint])));
    return {
      type: 'seeking',
      ...(ref !== undefined ? { ref } : {}),
      game: game.id,
      config: toJson(config),
      fillerAfterMs: this.fillerAfterMs,
    };
  }

  cancel(endpoint: Endpoint, gameId?: string): number {
    let n = 0;
    for (const s of [...this.local.values()]) {
      if (s.endpoint !== endpoint || (gameId !== undefined && s.game.id !== gameId)) continue;
      this.drop(s, true);
      n++;
    }
    return n;
  }

  cancelAgent(agentId: string): number {
    let n = 0;
    for (const s of [...this.local.values()]) {
      if (s.agentId !== agentId) continue;
      this.drop(s, true);
      n++;
    }
    return n;
  }

  /** Seekers of this process still waiting. */
  waiting(): number {
    return this.local.size;
  }

  close(): void {
    for (const s of [...this.local.values()]) this.drop(s, true);
  }

  private qkey(key: string): string {
    return this.cluster.key(`q:${key}`);
  }

  private drop(s: LocalSeek, fromQueue: boolean): void {
    clearTimeout(s.timer);
    this.local.delete(s.id);
    if (fromQueue) void this.cluster.redis.hdel(this.qkey(s.key), s.id).catch(() => {});
  }

  private async take(key: string, ids: string[]): Promise<boolean> {
    const r = await this.cluster.redis.eval(TAKE, 1, this.qkey(key), ...ids);
    if (r !== 1) return false;
    for (const id of ids) {
      const s = this.local.get(id);
      if (s) this.drop(s, false);
    }
    return true;
  }

  /** Pair the queue once if a group fits (a lost race is retried a few times). */
  private async pair(key: string, game: AnyGame, config: unknown): Promise<boolean> {
    const n = game.numSeats(config);
    for (let attempt = 0; attempt < 4; attempt++) {
      const raw = await this.cluster.redis.hgetall(this.qkey(key));
      const all: SharedSeeker[] = [];
      const dead: string[] = [];
      for (const text of Object.values(raw)) {
        let s: SharedSeeker;
        try {
          s = JSON.parse(text) as SharedSeeker;
        } catch {
          continue; // not ours
        }
        if (await this.cluster.checkAlive(s.proc)) all.push(s);
        else dead.push(s.id);
      }
      if (dead.length > 0) await this.cluster.redis.hdel(this.qkey(key), ...dead);
      all.sort((a, b) => a.since - b.since || (a.id < b.id ? -1 : 1));
      const group = pickGroup(all, n, Date.now(), (s, now) => ratingWindow(this.opts.ratingWindow, s.since, now));
      if (!group) return false;
      if (
        !(await this.take(
          key,
          group.map((s) => s.id),
        ))
      )
        continue;
      const seats: SeatSpec[] = group.map((s) => {
        const endpoint = this.cluster.endpointOf(s.proc, s.conn, s.agent.id);
        return {
          agent: s.agent,
          ...(endpoint ? { endpoint } : {}),
          origin: { type: 'seek', game: game.id, ...(s.ref !== undefined ? { ref: s.ref } : {}) },
          ...(s.observation !== undefined ? { observation: s.observation } : {}),
        };
      });
      try {
        await this.service.create({ game: game.id, config, seats });
      } catch (e) {
        this.fail(
          e,
          seats.flatMap((s) => ('endpoint' in s && s.endpoint ? [s.endpoint] : [])),
        );
      }
      return true;
    }
    return false;
  }

  /** The wait is over: pair within the (now wider) window, or take the seeker alone and fill its seats. */
  private async fill(id: string): Promise<void> {
    const s = this.local.get(id);
    if (!s) return;
    try {
      await this.pair(s.key, s.game, s.config);
      if (!this.local.has(id)) return;
      const raw = await this.cluster.redis.hget(this.qkey(s.key), id);
      if (!raw || !(await this.take(s.key, [id]))) {
        this.drop(s, false);
        return;
      }
      const entry = JSON.parse(raw) as SharedSeeker;
      const n = s.game.numSeats(s.config);
      const seats: SeatSpec[] = [
        {
          agent: entry.agent,
          endpoint: s.endpoint,
          origin: { type: 'seek', game: s.game.id, ...(entry.ref !== undefined ? { ref: entry.ref } : {}) },
          ...(entry.observation !== undefined ? { observation: entry.observation } : {}),
        },
      ];
      while (seats.length < n)
        seats.push(await fillerSeat(this.service.store, s.game, this.opts.fillers, this.service.catalog));
      await this.service.create({ game: s.game.id, config: s.config, seats });
    } catch (e) {
      this.fail(e, [s.endpoint]);
    }
  }

  private fail(e: unknown, endpoints: Endpoint[]): void {
    const err =
      asArenaError(e) ??
      new ArenaError('INTERNAL', `matchmaking failed: ${e instanceof Error ? e.message : String(e)}`);
    for (const ep of endpoints) ep.send({ type: 'error', code: err.code, message: err.message });
  }
}
