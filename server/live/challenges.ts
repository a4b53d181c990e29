/**
 * Challenges: an agent names an opponent. A builtin or checkpoint opponent plays at once (in-process);
 * a remote opponent must be connected and gets a `challenge` offer to accept or decline before it
 * expires. Games with more than two seats fill the other seats with the game's registered filler (fillers.ts).
 */
import { randomBytes } from 'node:crypto';
import { toJson } from '../../games/core/kernel.ts';
import type { AnyGame } from '../../games/core/types.ts';
import { fillerSeat } from './fillers.ts';
import type { AgentRecord } from '../contracts.ts';
import type { Endpoint } from './endpoint.ts';
import type { LiveMatch } from './match.ts';
import { ArenaError } from '../errors.ts';
import { type ChallengeOffer, type ObservationMode } from './protocol.ts';
import type { MatchService, SeatSpec } from './service.ts';

export interface Challenge {
  id: string;
  from: AgentRecord;
  fromEndpoint: Endpoint | undefined;
  to: AgentRecord;
  game: AnyGame;
  config: unknown;
  /** The challenger's name for this request, echoed in challenge-sent and match-start.origin. */
  ref?: string;
  /** The challenger's observation mode for this match (docs/protocol.md § text mode). */
  observation?: ObservationMode;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

/** The offer sent to the challenged agent's connections. */
export function offer(c: Challenge): ChallengeOffer {
  return {
    type: 'challenge',
    challengeId: c.id,
    from: { id: c.from.id, name: c.from.name },
    game: c.game.id,
    config: toJson(c.config),
    expiresInMs: Math.max(0, c.expiresAt - Date.now()),
  };
}

export type ChallengeOutcome =
  | { challengeId: string; matchId?: undefined }
  | { matchId: string; challengeId?: undefined };

export class Challenges {
  private readonly open = new Map<string, Challenge>();
  /** Told when a challenge opens and closes (multi-process mode: cluster.ts routes answers to this process). */
  hooks: { opened(id: string, ttlMs: number): void; closed(id: string): void } | undefined;

  constructor(
    private readonly service: MatchService,
    private readonly ttlMs = 60_000,
  ) {}

  /**
   * Challenge an agent by name. Returns the match at once for in-process opponents, else the pending
   * challenge id. The challenger must be registered for the game, as for `seek`.
   */
  async create(
    from: AgentRecord,
    fromEndpoint: Endpoint | undefined,
    opponentName: string,
    gameId: string,
    rawConfig: unknown,
    ref?: string,
    observation?: ObservationMode,
  ): Promise<ChallengeOutcome> {
    const game = this.service.game(gameId);
    this.service.admit(from, game);
    const config = this.service.botConfig(game, rawConfig);
    const to = await this.service.store.getAgentByName(opponentName);
    if (!to || to.revoked) throw new ArenaError('UNKNOWN_AGENT', `no agent named ${JSON.stringify(opponentName)}`);
    if (to.games.length > 0 && !to.games.includes(game.id))
      throw new ArenaError('UNKNOWN_AGENT', `${to.name} does not play ${game.id} (it plays ${to.games.join(', ')})`);
    if (to.id === from.id) throw new ArenaError('UNKNOWN_AGENT', 'an agent cannot challenge itself');
    const mine = { type: 'challenge', ...(ref !== undefined ? { ref } : {}) } as const;
    if (to.kind !== 'remote') {
      const m = await this.start(
        game,
        config,
        { agent: from, endpoint: fromEndpoint, origin: mine, ...(observation ? { observation } : {}) },
        { agent: to },
      );
      return { matchId: m.id };
    }
    const targets = this.service.connectionsOf(to.id);
    if (targets.length === 0) throw new ArenaError('UNAVAILABLE', `${to.name} is not connected`);
    const id = 'c_' + randomBytes(9).toString('base64url');
    const c: Challenge = {
      id,
      from,
      fromEndpoint,
      to,
      game,
      config,
      ...(ref !== undefined ? { ref } : {}),
      ...(observation !== undefined ? { observation } : {}),
      expiresAt: Date.now() + this.ttlMs,
      timer: setTimeout(() => this.expire(id), this.ttlMs),
    };
    this.open.set(id, c);
    this.hooks?.opened(id, this.ttlMs);
    for (const e of targets) e.send(offer(c));
    fromEndpoint?.send({
      type: 'challenge-sent',
      challengeId: id,
      opponent: to.name,
      ...(ref !== undefined ? { ref } : {}),
    });
    return { challengeId: id };
  }

  async accept(
    agent: AgentRecord,
    endpoint: Endpoint | undefined,
    challengeId: string,
    observation?: ObservationMode,
  ): Promise<LiveMatch> {
    const c = this.mine(agent, challengeId);
    this.service.admit(agent, c.game);
    this.close(c);
    const theirs = { type: 'challenge', challengeId, ...(c.ref !== undefined ? { ref: c.ref } : {}) } as const;
    return this.start(
      c.game,
      c.config,
      {
        agent: c.from,
        endpoint: c.fromEndpoint,
        origin: theirs,
        ...(c.observation ? { observation: c.observation } : {}),
      },
      { agent: c.to, endpoint, origin: { type: 'accept', challengeId }, ...(observation ? { observation } : {}) },
    );
  }

  decline(agent: AgentRecord, challengeId: string): void {
    const c = this.mine(agent, challengeId);
    this.close(c);
    c.fromEndpoint?.send({
      type: 'challenge-declined',
      challengeId,
      opponent: c.to.name,
      ...(c.ref !== undefined ? { ref: c.ref } : {}),
    });
  }

  /** True while this process holds the open challenge. */
  has(challengeId: string): boolean {
    return this.open.has(challengeId);
  }

  /** Challenges addressed to an agent that are still open (sent again when it reconnects). */
  pendingFor(agentId: string): Challenge[] {
    return [...this.open.values()].filter((c) => c.to.id === agentId);
  }

  /** Cancel every open challenge from or to an agent (its token was revoked): the other side hears `challenge-expired`. */
  cancelAgent(agentId: string): number {
    let n = 0;
    for (const c of [...this.open.values()]) {
      if (c.from.id !== agentId && c.to.id !== agentId) continue;
      this.close(c);
      n++;
      const msg = {
        type: 'challenge-expired',
        challengeId: c.id,
        opponent: c.to.name,
        ...(c.ref !== undefined ? { ref: c.ref } : {}),
      } as const;
      if (c.from.id !== agentId) c.fromEndpoint?.send(msg);
      else
        for (const e of this.service.connectionsOf(c.to.id))
          e.send({ type: 'challenge-expired', challengeId: c.id, opponent: c.from.name });
    }
    return n;
  }

  closeAll(): void {
    for (const c of this.open.values()) clearTimeout(c.timer);
    this.open.clear();
  }

  private mine(agent: AgentRecord, challengeId: string): Challenge {
    const c = this.open.get(challengeId);
    if (!c || c.to.id !== agent.id)
      throw new ArenaError('UNKNOWN_CHALLENGE', `no open challenge ${challengeId} addressed to you`);
    return c;
  }

  private close(c: Challenge): void {
    clearTimeout(c.timer);
    this.open.delete(c.id);
    this.hooks?.closed(c.id);
  }

  private expire(id: string): void {
    const c = this.open.get(id);
    if (!c) return;
    this.open.delete(id);
    this.hooks?.closed(id);
    c.fromEndpoint?.send({
      type: 'challenge-expired',
      challengeId: id,
      opponent: c.to.name,
      ...(c.ref !== undefined ? { ref: c.ref } : {}),
    });
  }

  /** Challenger in seat 0, opponent in seat 1, the game's registered filler (fillers.ts) in any other seat. */
  private async start(game: AnyGame, config: unknown, a: SeatSpec, b: SeatSpec): Promise<LiveMatch> {
    const n = game.numSeats(config);
    if (n < 2)
      throw new ArenaError('BAD_CONFIG', `${game.id} with this config has ${n} seat(s); a challenge needs two`);
    const seats: SeatSpec[] = [a, b];
    while (seats.length < n) seats.push(await fillerSeat(this.service.store, game, {}, this.service.catalog));
    return this.service.create({ game: game.id, config, seats });
  }
}
