/**
 * An in-memory LiveStore: the seam between live play and the database (server/contracts.ts) without
 * a database, for the live-play tests and the arena bench (which measures the match service, not
 * SQL). It keeps agents, tokens, ratings and committed matches in maps, commits idempotently by
 * match id, and can be told to fail the next commits (to test the retry). The product never uses
 * it: `ludus start` always stores in PGlite or PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import type { AgentRecord, FinishedMatch, LiveStore } from '../contracts.ts';

export class MemoryLiveStore implements LiveStore {
  readonly agents = new Map<string, AgentRecord>();
  private readonly tokens = new Map<string, string>();
  readonly ratings = new Map<string, number>();
  readonly matches = new Map<string, FinishedMatch>();
  commitCalls = 0;
  /** Number of upcoming commitMatch calls that throw. */
  failCommits = 0;
  private commitWaiters: { id: string; resolve: (m: FinishedMatch) => void }[] = [];

  /** Register an agent; remote agents get a token. */
  add(
    name: string,
    opts: { kind?: AgentRecord['kind']; games?: string[]; ref?: string; rating?: Record<string, number> } = {},
  ): { agent: AgentRecord; token: string } {
    const agent: AgentRecord = {
      id: 'a_' + randomBytes(6).toString('hex'),
      name,
      owner: 'test',
      games: opts.games ?? [],
      description: '',
      kind: opts.kind ?? 'remote',
      createdAt: new Date().toISOString(),
      revoked: false,
      ...(opts.ref !== undefined ? { ref: opts.ref } : {}),
    };
    this.agents.set(agent.id, agent);
    const token = 'tok_' + randomBytes(12).toString('hex');
    this.tokens.set(token, agent.id);
    for (const [game, r] of Object.entries(opts.rating ?? {})) this.ratings.set(`${agent.id}/${game}`, r);
    return { agent, token };
  }

  /** Every built-in agent id of the given games, as the real store registers them at first boot. */
  addBuiltins(ids: string[], games: string[]): void {
    for (const id of ids) this.add(id, { kind: 'builtin', ref: id, games });
  }

  async authenticate(token: string): Promise<AgentRecord | null> {
    const id = this.tokens.get(token);
    const a = id ? this.agents.get(id) : undefined;
    return a && !a.revoked ? a : null;
  }

  async getAgent(id: string): Promise<AgentRecord | null> {
    return this.agents.get(id) ?? null;
  }

  async getAgentByName(name: string): Promise<AgentRecord | null> {
    for (const a of this.agents.values()) if (a.name === name) return a;
    return null;
  }

  async rating(agentId: string, game: string): Promise<number> {
    return this.ratings.get(`${agentId}/${game}`) ?? 1000;
  }

  async commitMatch(m: FinishedMatch): Promise<void> {
    this.commitCalls++;
    if (this.failCommits > 0) {
      this.failCommits--;
      throw new Error('simulated store outage');
    }
    if (this.matches.has(m.id)) return;
    this.matches.set(m.id, structuredClone(m));
    this.commitWaiters = this.commitWaiters.filter((w) => {
      if (w.id !== m.id) return true;
      w.resolve(m);
      return false;
    });
  }

  /** Resolves once the match has been committed. */
  committed(id: string): Promise<FinishedMatch> {
    const m = this.matches.get(id);
    if (m) return Promise.resolve(m);
    return new Promise((resolve) => this.commitWaiters.push({ id, resolve }));
  }
}
