/**
 * The store: one object over either backend, implementing the live half's `LiveStore` plus what
 * the API, the league and the boot need. Every method is one query or one transaction.
 */
import type { AgentRecord, CheckpointRecord, FinishedMatch, LiveStore } from '../contracts.ts';
import * as agents from './agents.ts';
import * as checkpoints from './checkpoints.ts';
import * as matches from './matches.ts';
import { LeaderboardCache, ratingHistory, ratingOf, rebuildPairs, type CacheOptions } from './leaderboard.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { ELO_INITIAL } from './rating-policy.ts';
import type { SqlDb } from './sql.ts';
import { hashToken, newToken } from './tokens.ts';

/** Advisory lock of the built-in agents' registration (migrate.ts uses 73_117_001). */
const SYNC_BUILTINS_LOCK = 73_117_002;
export interface StoreOptions {
  /** postgres://… selects real Postgres; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; undefined = in memory. */
  dataDir?: string;
  /** Postgres schema to use (created if missing); tests use a fresh one. */
  schema?: string;
  migrationsDir?: string;
  /** How the leaderboard's Nash averaging and α-Rank are computed (server/store/leaderboard.ts). */
  leaderboard?: CacheOptions;
}

export class Store implements LiveStore {
  /** The leaderboards, kept current off the request path. */
  readonly boards: LeaderboardCache;

  private constructor(
    readonly db: SqlDb,
    opts: CacheOptions = {},
  ) {
    this.boards = new LeaderboardCache(db, opts);
  }

  /** Open the backend and run pending migrations. */
  static async open(opts: StoreOptions = {}): Promise<Store> {
    const db = opts.databaseUrl
      ? await openPostgres(opts.databaseUrl, opts.schema === undefined ? {} : { schema: opts.schema })
      : await openPglite(opts.dataDir);
    try {
      await migrate(db, opts.migrationsDir);
      await rebuildPairs(db);
    } catch (e) {
      await db.close();
      throw e;
    }
    return new Store(db, opts.leaderboard);
  }

  get backend(): SqlDb['backend'] {
    return this.db.backend;
  }

  async close(): Promise<void> {
    await this.boards.close();
    await this.db.close();
  }

  // ── LiveStore ────────────────────────────────────────────────────────────────
  authenticate(token: string): Promise<AgentRecord | null> {
    return agents.agentByToken(this.db, token);
  }
  getAgent(id: string): Promise<AgentRecord | null> {
    return agents.agentById(this.db, id);
  }
  getAgentByName(name: string): Promise<AgentRecord | null> {
    return agents.agentByName(this.db, name);
  }
  async rating(agentId: string, game: string): Promise<number> {
    return (await ratingOf(this.db, agentId, game)) ?? ELO_INITIAL;
  }
  async commitMatch(match: FinishedMatch): Promise<void> {
    await this.commitMatchOnce(match);
  }
  /** Like commitMatch, but says whether this call wrote the match (false = already stored). */
  commitMatchOnce(match: FinishedMatch): Promise<boolean> {
    return matches.commitMatch(this.db, match, (game, pairs, commits) => this.boards.applyCommit(game, pairs, commits));
  }

  // ── agents ───────────────────────────────────────────────────────────────────
  registerAgent(a: agents.NewAgent): Promise<{ agent: AgentRecord; token?: string }> {
    return agents.insertAgent(this.db, a);
  }
  rotateToken(id: string): Promise<string> {
    return agents.rotateToken(this.db, id);
  }
  revokeAgent(id: string): Promise<AgentRecord> {
    return agents.revokeAgent(this.db, id);
  }
  listAgents(f: agents.AgentFilter) {
    return agents.listAgents(this.db, f);
  }
  /**
   * Register or update the built-in agents. Serialised across processes by a transaction-scoped advisory
   * lock: several servers booting at once on a fresh database would otherwise race on the same names.
   */
  syncBuiltins(specs: readonly agents.BuiltinSpec[]) {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SYNC_BUILTINS_LOCK]);
      return agents.syncBuiltins(tx, specs);
    });
  }
  ratingHistory(agentId: string, game?: string) {
    return ratingHistory(this.db, agentId, game);
  }

  // ── matches ──────────────────────────────────────────────────────────────────
  listMatches(f: matches.MatchFilter) {
    return matches.listMatches(this.db, f);
  }
  getMatch(id: string) {
    return matches.getMatch(this.db, id);
  }
  getActionLog(id: string) {
    return matches.getActionLog(this.db, id);
  }
  /** Per-turn transcripts of the match's language-model seats (migration 006). */
  getTranscripts(id: string) {
    return matches.getTranscripts(this.db, id);
  }
  matchRatingChanges(id: string) {
    return matches.matchRatingChanges(this.db, id);
  }
  /** The game's leaderboard snapshot (Elo, Bradley–Terry ± interval, Nash averaging, α-Rank). */
  leaderboard(game: string) {
    return this.boards.board(game);
  }

  // ── checkpoints ──────────────────────────────────────────────────────────────
  saveCheckpoint(rec: CheckpointRecord, owner = 'admin') {
    return checkpoints.saveCheckpoint(this.db, rec, owner);
  }
  listCheckpoints(game?: string) {
    return checkpoints.listCheckpoints(this.db, game);
  }
  getCheckpoint(id: string) {
    return checkpoints.getCheckpoint(this.db, id);
  }

  // ── admin token ──────────────────────────────────────────────────────────────
  /**
   * The admin token's hash lives in `settings`. A token from the environment replaces it; with
   * none, one is generated at first boot and returned (to print once); later boots return nothing.
   */
  async ensureAdminToken(fromEnv?: string): Promise<{ generated?: string }> {
    if (fromEnv) {
      await this.db.query(
        `INSERT INTO settings (key, value) VALUES ('admin_token_sha256', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [hashToken(fromEnv)],
      );
      return {};
    }
    const token = newToken('ludus_admin');
    const rows = await this.db.query(
      `INSERT INTO settings (key, value) VALUES ('admin_token_sha256', $1) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [hashToken(token)],
    );
    return rows.length ? { generated: token } : {};
  }

  async isAdmin(token: string | undefined): Promise<boolean> {
    if (!token) return false;
    const [r] = await this.db.query(`SELECT 1 FROM settings WHERE key = 'admin_token_sha256' AND value = $1`, [
      hashToken(token),
    ]);
    return r !== undefined;
  }
}
