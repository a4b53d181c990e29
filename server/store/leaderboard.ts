/**
 * The leaderboard of one game, kept current off the request path.
 *
 * SQL here reads the ratings rows (online Elo, W/D/L), the pair totals every estimate is refitted
 * from (migrations/002_ratings.sql) and the rating history in commit order. The maths is
 * agents/eval/rating-board.ts (the same functions `ludus tournament` and `ludus league` print).
 *
 * `LeaderboardCache` holds one snapshot per game. A request only reads the snapshot (it awaits a
 * load once, the first time a game is asked for). The pair table lives in memory (and in the fit
 * worker): a commit in this process adds its pair results to both, then a coalesced refresh reads
 * the ratings rows (one small SELECT, which also returns the game's rated-commit count) and refits
 * Bradley–Terry warm-started in the worker thread: the "refit after a match" of bench/ratings.
 * pair_totals is read again only when the count shows commits this process did not make.
 * Commits by other processes on the same Postgres are noticed by a throttled check of the newest
 * history seq on requests. Nash averaging and α-Rank (with their posterior-draw intervals) run
 * in a worker thread (`game-theory-worker.ts`), at most one job per game at a time; the snapshot
 * shows the last finished result with the version it was computed at, and the job reruns when
 * matches arrived meanwhile.
 */
import { Worker } from 'node:worker_threads';
import {
  eligibleAgents,
  fitRatings,
  gameTheory,
  payoffCells,
  RATING_DEFAULTS,
  type GameTheory,
  type RatingFit,
} from '../../agents/eval/rating-board.ts';
import { BT_PRIOR_SD_ELO, predictScore } from '../../agents/eval/bradley-terry.ts';
import {
  PairTable,
  pairResults as pairsFromRanks,
  type PairCell,
  type PairResult,
} from '../../agents/eval/rating-pairs.ts';
import { ranksOf } from '../../games/core/standings.ts';
import type { MatchResult } from '../../games/core/types.ts';
import { pairTotalsOf } from './matches.ts';
import { num, type Sql, type SqlDb } from './sql.ts';

// ── SQL ────────────────────────────────────────────────────────────────────────

export interface RatingRow {
  agentId: string;
  name: string;
  kind: string;
  ref: string | null;
  elo: number;
  games: number;
  wins: number;
  draws: number;
  losses: number;
}

/** Ratings rows of a game (Elo order) and the newest history seq (the board's version). */
export async function ratingRows(
  q: Sql,
  game: string,
): Promise<{ rows: RatingRow[]; version: number; commits: number }> {
  const rows = await q.query(
    `SELECT r.agent_id, a.name, a.kind, a.ref, r.elo, r.games, r.wins, r.draws, r.losses,
       (SELECT coalesce(max(seq), 0) FROM rating_history h WHERE h.game = $1) AS version,
       (SELECT coalesce(max(commits), 0) FROM rating_versions v WHERE v.game = $1) AS commits
     FROM ratings r JOIN agents a ON a.id = r.agent_id WHERE r.game = $1 ORDER BY r.elo DESC, a.name`,
    [game],
  );
  const version = rows.length ? num(rows[0]!.version) : await latestVersion(q, game);
  return {
    version,
    commits: rows.length ? num(rows[0]!.commits) : await ratedCommits(q, game),
    rows: rows.map((r) => ({
      agentId: String(r.agent_id),
      name: String(r.name),
      kind: String(r.kind),
      ref: r.ref === null ? null : String(r.ref),
      elo: num(r.elo),
      games: num(r.games),
      wins: num(r.wins),
      draws: num(r.draws),
      losses: num(r.losses),
    })),
  };
}

/** Pair totals of a game (a's weighted score against b, a < b), and the rated-commit count they include (one statement: one snapshot). */
export async function pairTotals(q: Sql, game: string): Promise<{ cells: PairCell[]; commits: number }> {
  const rows = await q.query(
    `SELECT a, b, score, weight, results, (SELECT coalesce(max(commits), 0) FROM rating_versions WHERE game = $1) AS commits
     FROM pair_totals WHERE game = $1`,
    [game],
  );
  const commits = rows.length ? num(rows[0]!.commits) : await ratedCommits(q, game);
  return {
    commits,
    cells: rows.map((r) => ({
      a: String(r.a),
      b: String(r.b),
      score: num(r.score),
      weight: num(r.weight),
      results: num(r.results),
    })),
  };
}

export async function ratedCommits(q: Sql, game: string): Promise<number> {
  const [r] = await q.query('SELECT coalesce(max(commits), 0) AS n FROM rating_versions WHERE game = $1', [game]);
  return num(r!.n);
}

export async function latestVersion(q: Sql, game: string): Promise<number> {
  const [r] = await q.query('SELECT coalesce(max(seq), 0) AS v FROM rating_history WHERE game = $1', [game]);
  return num(r!.v);
}

export async function ratingOf(q: Sql, agentId: string, game: string): Promise<number | null> {
  const [r] = await q.query('SELECT elo FROM ratings WHERE agent_id = $1 AND game = $2', [agentId, game]);
  return r ? num(r.elo) : null;
}

/** An agent's rating changes in the order they were committed (the last one is its current Elo). */
export async function ratingHistory(
  q: Sql,
  agentId: string,
  game?: string,
): Promise<{ matchId: string; game: string; before: number; after: number; score: number; at: string }[]> {
  const rows = await q.query(
    `SELECT match_id, game, elo_before, elo_after, score, at FROM rating_history WHERE agent_id = $1 ${game ? 'AND game = $2' : ''} ORDER BY seq`,
    game ? [agentId, game] : [agentId],
  );
  return rows.map((r) => ({
    matchId: String(r.match_id),
    game: String(r.game),
    before: num(r.elo_before),
    after: num(r.elo_after),
    score: num(r.score),
    at: new Date(r.at as string).toISOString(),
  }));
}

/**
 * Rebuild pair_results and pair_totals from the stored matches (migration 002 dropped the old
 * agent-keyed results, which had lost every result of an agent holding several seats). Runs once,
 * at the first boot after the migration, in one transaction.
 */
export async function rebuildPairs(db: SqlDb): Promise<number> {
  const [flag] = await db.query(`SELECT value FROM settings WHERE key = 'rebuild_pair_results'`);
  if (!flag || flag.value !== '1') return 0;
  return db.transaction(async (tx) => {
    const matches = await tx.query(
      `SELECT id, game, seats, result, outcome, fault_seat FROM matches
       WHERE rated AND outcome <> 'aborted' AND (outcome = 'normal' OR fault_seat IS NOT NULL) ORDER BY committed_at, id`,
    );
    await tx.query('DELETE FROM pair_results');
    await tx.query('DELETE FROM pair_totals');
    let n = 0;
    for (const m of matches) {
      const seats = m.seats as { seat: number; agentId: string | null }[];
      const agents = new Array<string | null>(seats.length).fill(null);
      for (const s of seats) agents[s.seat] = s.agentId;
      const result = m.result as MatchResult & { ranks?: number[] };
      const ranks = ranksOf(result, m.outcome !== 'normal' && m.fault_seat !== null ? [num(m.fault_seat)] : []);
      const pairs = pairsFromRanks(agents, ranks);
      if (!pairs.length) continue;
      await tx.query(
        `WITH p AS (
           INSERT INTO pair_results (match_id, game, seat_a, seat_b, a, b, score_a, weight)
           SELECT $1, $2, p."seatA", p."seatB", p.a, p.b, p."scoreA", p.weight
           FROM jsonb_to_recordset($3::jsonb) AS p(a text, b text, "seatA" integer, "seatB" integer, "scoreA" double precision, weight double precision)
           RETURNING 1
         )
         INSERT INTO pair_totals (game, a, b, score, weight, results)
         SELECT $2, t.a, t.b, t.score, t.weight, t.results FROM jsonb_to_recordset($4::jsonb)
           AS t(a text, b text, score double precision, weight double precision, results integer)
         ON CONFLICT (game, a, b) DO UPDATE SET score = pair_totals.score + excluded.score,
           weight = pair_totals.weight + excluded.weight, results = pair_totals.results + excluded.results`,
        [String(m.id), String(m.game), JSON.stringify(pairs), JSON.stringify(pairTotalsOf(pairs))],
      );
      n++;
    }
    await tx.query('DELETE FROM rating_versions');
    await tx.query(
      `INSERT INTO rating_versions (game, commits) SELECT game, count(DISTINCT match_id) FROM pair_results GROUP BY game`,
    );
    await tx.query(`UPDATE settings SET value = '0' WHERE key = 'rebuild_pair_results'`);
    return n;
  });
}

// ── the snapshot ───────────────────────────────────────────────────────────────

export interface LeaderboardRow extends RatingRow {
  rank: number;
  /** Bradley–Terry MAP rating (Elo scale), one sd (relative to the opponents played), 95 % interval. */
  rating: number;
  ratingSd: number;
  ratingLow: number;
  ratingHigh: number;
  /** True while ratingSd ≥ the provisional threshold (Lichess's "?"). */
  provisional: boolean;
  /** Nash averaging (null: too few games, or not computed yet). */
  nash: {
    mass: number;
    massLow: number | null;
    massHigh: number | null;
    score: number;
    scoreLow: number | null;
    scoreHigh: number | null;
  } | null;
  /** α-Rank at α, m and at infinite α (null: too few games, or not computed yet). */
  alphaRank: {
    mass: number;
    low: number | null;
    high: number | null;
    place: number;
    infiniteMass: number;
    infiniteLow: number | null;
    infiniteHigh: number | null;
    infinitePlace: number;
  } | null;
}

export interface GameTheoryStatus {
  /**
   * ready: computed for `version`; stale: computed for an older version, a newer job is queued or
   * running; pending: none yet; too-few-agents: fewer than two agents with enough games; error:
   * the last job failed (`error` says why; the previous result, if any, is still shown).
   */
  status: 'ready' | 'stale' | 'pending' | 'too-few-agents' | 'error';
  error: string | null;
  version: number | null;
  computedAt: string | null;
  ms: number | null;
  agents: number;
  minGames: number;
  alpha: number;
  m: number;
  draws: number;
  nashUnique: boolean | null;
}

export interface Leaderboard {
  game: string;
  /** Newest rating-history seq included. */
  version: number;
  computedAt: string;
  refitMs: number;
  /** Milliseconds of that spent fitting Bradley–Terry (in the worker thread). */
  fitMs: number;
  prior: { sd: number; provisionalSd: number };
  gameTheory: GameTheoryStatus;
  items: LeaderboardRow[];
}

export interface CacheOptions {
  /** Where Nash averaging and α-Rank run: a worker thread (default), inline (tests), or off. */
  gameTheory?: 'worker' | 'inline' | 'off';
  draws?: number;
  minGames?: number;
  /** Minimum milliseconds between two game-theory jobs of one game (default 2000). */
  gameTheoryIntervalMs?: number;
  /** Minimum milliseconds between two checks for other processes' commits (default 1000). */
  freshnessMs?: number;
}

interface GameState {
  game: string;
  snapshot?: Leaderboard;
  fit?: RatingFit;
  /** The pair table in memory, the number of rated commits it includes, and this process's recent commits (to re-apply after a reload). */
  table?: PairTable;
  applied: number;
  recent: { commits: number; pairs: PairResult[] }[];
  reload: boolean;
  fitMs?: number;
  loading?: Promise<void>;
  dirty: boolean;
  lastCheck: number;
  gt?: { result: GameTheory; version: number; computedAt: string; ms: number };
  gtRunning: boolean;
  gtWanted: boolean;
  /** The version whose job failed, and why (cleared by the next success). */
  gtError?: { version: number; message: string };
  gtTimer?: ReturnType<typeof setTimeout>;
  lastGtStart: number;
  waiters: (() => void)[];
}

export class LeaderboardCache {
  private readonly games = new Map<string, GameState>();
  /** Two threads: refits are short and must not queue behind a long Nash/α-Rank job. */
  private readonly fitWorker = new JobThread();
  private readonly gtWorker = new JobThread();
  private closed = false;
  readonly opts: Required<CacheOptions>;

  constructor(
    private readonly db: Sql,
    opts: CacheOptions = {},
  ) {
    this.opts = {
      gameTheory: opts.gameTheory ?? 'worker',
      draws: opts.draws ?? RATING_DEFAULTS.draws,
      minGames: opts.minGames ?? RATING_DEFAULTS.minGames,
      gameTheoryIntervalMs: opts.gameTheoryIntervalMs ?? 2000,
      freshnessMs: opts.freshnessMs ?? 1000,
    };
  }

  private state(game: string): GameState {
    let s = this.games.get(game);
    if (!s) {
      s = {
        game,
        dirty: true,
        lastCheck: 0,
        gtRunning: false,
        gtWanted: false,
        lastGtStart: 0,
        waiters: [],
        applied: 0,
        recent: [],
        reload: true,
      };
      this.games.set(game, s);
    }
    return s;
  }

  /** The current snapshot (loads it the first time a game is asked for). */
  async board(game: string): Promise<Leaderboard> {
    const s = this.state(game);
    if (!s.snapshot) await this.refresh(s);
    if (!s.snapshot) throw new Error('leaderboard: the store is closed');
    else {
      const now = Date.now();
      if (now - s.lastCheck >= this.opts.freshnessMs && !s.loading && !this.closed) {
        s.lastCheck = now;
        // Other processes' commits: compare versions in the background; never on the request's time.
        latestVersion(this.db, game).then(
          (v) => {
            if (v !== s.snapshot?.version) this.refresh(s).catch(() => {}); // a failed refresh keeps the previous snapshot; the next commit or request retries
          },
          () => {},
        );
      }
    }
    return s.snapshot!;
  }

  /**
   * A rated commit in this process: apply its pair results to the in-memory table (when it is the
   * next commit the table expects; a gap means another process committed, so the table reloads),
   * then refit soon.
   */
  applyCommit(game: string, pairs: PairResult[], commits: number): void {
    if (this.closed) return;
    const s = this.games.get(game);
    if (!s) return; // nobody has asked for this game yet: it loads on demand
    s.recent.push({ commits, pairs });
    if (s.recent.length > 1000) s.recent.splice(0, s.recent.length - 1000);
    this.applyRecent(s);
    this.invalidate(game);
  }

  /** Apply the recent own commits the table does not include yet, in order; a gap asks for a reload. */
  private applyRecent(s: GameState): void {
    if (!s.table || s.reload) return;
    s.recent.sort((a, b) => a.commits - b.commits);
    for (const c of s.recent) {
      if (c.commits <= s.applied) continue;
      if (c.commits !== s.applied + 1) {
        s.reload = true;
        return;
      }
      const delta = new PairTable();
      delta.addResults(c.pairs);
      s.table.addResults(c.pairs);
      s.applied = c.commits;
      if (this.opts.gameTheory === 'worker')
        void this.fitWorker.run('add', { game: s.game, cells: [...delta.entries()] });
    }
  }

  /** A commit in this process touched `game`: refit soon (coalesced). */
  invalidate(game: string): void {
    if (this.closed) return;
    const s = this.state(game);
    if (!s.snapshot && !s.loading) return; // nobody has asked for this game yet: load on demand
    s.dirty = true;
    this.refresh(s).catch(() => {}); // a failed refresh keeps the previous snapshot; the next commit or request retries
  }

  /** Resolves when the game's snapshot includes every commit so far and its game theory is current (tests, bench). */
  async settled(game: string): Promise<Leaderboard> {
    const s = this.state(game);
    for (;;) {
      await this.refresh(s);
      if (this.closed) throw new Error('leaderboard: the store is closed');
      const v = await latestVersion(this.db, game);
      if (s.snapshot!.version !== v) {
        s.dirty = true;
        continue;
      }
      const st = s.snapshot!.gameTheory.status;
      if (this.opts.gameTheory === 'off' || st === 'ready' || st === 'too-few-agents' || st === 'error' || this.closed)
        return s.snapshot!;
      await new Promise<void>((resolve) => s.waiters.push(resolve));
    }
  }

  /** Resolves when the snapshot's ratings include every commit so far (not waiting for Nash/α-Rank). */
  async settledRatings(game: string): Promise<Leaderboard> {
    const s = this.state(game);
    for (;;) {
      await this.refresh(s);
      if (this.closed) throw new Error('leaderboard: the store is closed');
      if (s.snapshot!.version === (await latestVersion(this.db, game))) return s.snapshot!;
      s.dirty = true;
    }
  }

  /** Reload ratings + pair totals and refit (at most one load per game at a time; a load requested meanwhile runs after it). */
  private refresh(s: GameState): Promise<void> {
    if (s.loading) return s.loading;
    if (this.closed)
      return s.snapshot ? Promise.resolve() : Promise.reject(new Error('leaderboard: the store is closed'));
    if (!s.dirty && s.snapshot) return Promise.resolve();
    s.loading = (async () => {
      try {
        while ((s.dirty || !s.snapshot) && !this.closed) {
          s.dirty = false;
          await this.load(s);
        }
      } finally {
        s.loading = undefined;
      }
    })();
    return s.loading;
  }

  private async load(s: GameState): Promise<void> {
    const t0 = performance.now();
    const { rows, version, commits } = await ratingRows(this.db, s.game);
    if (s.reload || !s.table || commits < s.applied) {
      await this.reloadTable(s);
    } else if (commits > s.applied) {
      // Commits the table has not seen: our own whose callbacks are still to come, or another
      // process's. Apply what we have; if that does not close the gap, reload.
      this.applyRecent(s);
      if (s.reload || commits > s.applied) await this.reloadTable(s);
    }
    const ids = rows.map((r) => r.agentId);
    const warm = s.fit ? Object.fromEntries(s.fit.ids.map((id, i) => [id, s.fit!.fit.theta[i]!])) : undefined;
    const r =
      this.opts.gameTheory === 'worker'
        ? await this.fitWorker.run<FitRequest, FitOutput>('fit', { game: s.game, ids, warm })
        : runFitJob({ ids, cells: [...s.table!.entries()], warm });
    if (!r.ok) throw new Error(`leaderboard refit failed: ${r.error}`);
    s.fit = { ids, index: new Map(ids.map((id, i) => [id, i])), fit: r.fit, rows: r.rows };
    s.fitMs = r.ms;
    s.lastCheck = Date.now();
    s.snapshot = this.compose(s, rows, version, performance.now() - t0);
    this.scheduleGameTheory(s);
  }

  /** Read pair_totals (and the commit count they include) into the table, then re-apply newer own commits. */
  private async reloadTable(s: GameState): Promise<void> {
    const { cells, commits } = await pairTotals(this.db, s.game);
    const table = new PairTable();
    for (const c of cells) table.add(c.a, c.b, c.score, c.weight, c.results);
    s.table = table;
    s.applied = commits;
    s.reload = false;
    if (this.opts.gameTheory === 'worker') void this.fitWorker.run('load', { game: s.game, cells });
    s.recent = s.recent.filter((c) => c.commits > commits);
    this.applyRecent(s);
  }

  private compose(s: GameState, rows: RatingRow[], version: number, refitMs: number): Leaderboard {
    const fit = s.fit!;
    const gt = s.gt;
    const gtRow = new Map(gt ? gt.result.rows.map((r) => [r.agentId, r]) : []);
    const eligible = eligibleAgents(fit, this.opts.minGames).length;
    const failed = s.gtError?.version === version;
    const status: GameTheoryStatus['status'] =
      eligible < 2 ? 'too-few-agents' : failed ? 'error' : !gt ? 'pending' : gt.version === version ? 'ready' : 'stale';
    return {
      game: s.game,
      version,
      computedAt: new Date().toISOString(),
      refitMs,
      fitMs: s.fitMs ?? 0,
      prior: { sd: BT_PRIOR_SD_ELO, provisionalSd: RATING_DEFAULTS.provisionalSd },
      gameTheory: {
        status,
        error: failed ? s.gtError!.message : null,
        version: gt?.version ?? null,
        computedAt: gt?.computedAt ?? null,
        ms: gt?.ms ?? null,
        agents: eligible,
        minGames: this.opts.minGames,
        alpha: RATING_DEFAULTS.alpha,
        m: RATING_DEFAULTS.m,
        draws: this.opts.draws,
        nashUnique: gt ? gt.result.nashUnique : null,
      },
      items: rows.map((r, i) => {
        const b = fit.rows[i]!;
        const g = status === 'too-few-agents' ? undefined : gtRow.get(r.agentId);
        return {
          rank: i + 1,
          ...r,
          rating: b.rating,
          ratingSd: b.sd,
          ratingLow: b.low,
          ratingHigh: b.high,
          provisional: b.provisional,
          nash: g
            ? {
                mass: g.nashMass.value,
                massLow: g.nashMass.low,
                massHigh: g.nashMass.high,
                score: g.nashScore.value,
                scoreLow: g.nashScore.low,
                scoreHigh: g.nashScore.high,
              }
            : null,
          alphaRank: g
            ? {
                mass: g.alphaRank.value,
                low: g.alphaRank.low,
                high: g.alphaRank.high,
                place: g.alphaRankPlace,
                infiniteMass: g.alphaRankInfinite.value,
                infiniteLow: g.alphaRankInfinite.low,
                infiniteHigh: g.alphaRankInfinite.high,
                infinitePlace: g.alphaRankInfinitePlace,
              }
            : null,
        };
      }),
    };
  }

  private scheduleGameTheory(s: GameState): void {
    if (this.opts.gameTheory === 'off' || this.closed) return this.wake(s);
    const snap = s.snapshot!;
    if (
      snap.gameTheory.status === 'ready' ||
      snap.gameTheory.status === 'too-few-agents' ||
      snap.gameTheory.status === 'error'
    )
      return this.wake(s);
    s.gtWanted = true;
    if (s.gtRunning || s.gtTimer) return;
    const wait = Math.max(0, s.lastGtStart + this.opts.gameTheoryIntervalMs - Date.now());
    s.gtTimer = setTimeout(() => {
      s.gtTimer = undefined;
      void this.runGameTheory(s);
    }, wait);
    s.gtTimer.unref?.();
  }

  private async runGameTheory(s: GameState): Promise<void> {
    if (this.closed || !s.snapshot || !s.table || !s.fit) return;
    s.gtWanted = false;
    s.gtRunning = true;
    s.lastGtStart = Date.now();
    const version = s.snapshot.version;
    const ids = s.fit.ids;
    const cells = [...s.table.entries()];
    try {
      const r = await this.compute(ids, cells);
      if (r.ok) {
        s.gt = { result: r.result, version, computedAt: new Date().toISOString(), ms: r.ms };
        s.gtError = undefined;
      } else s.gtError = { version, message: r.error };
      s.snapshot = this.compose(s, s.snapshot.items, s.snapshot.version, s.snapshot.refitMs);
    } finally {
      s.gtRunning = false;
    }
    if (s.snapshot.version !== version || s.gtWanted) this.scheduleGameTheory(s);
    else this.wake(s);
  }

  private wake(s: GameState): void {
    const w = s.waiters.splice(0);
    for (const f of w) f();
  }

  /** Nash averaging + α-Rank of the eligible agents, in the worker (or inline). */
  private compute(
    ids: string[],
    cells: PairCell[],
  ): Promise<{ ok: true; result: GameTheory; ms: number } | { ok: false; error: string }> {
    const input: GameTheoryInput = { ids, cells, minGames: this.opts.minGames, draws: this.opts.draws };
    if (this.opts.gameTheory === 'inline')
      return new Promise((resolve) => setImmediate(() => resolve(runGameTheoryJob(input))));
    return this.gtWorker.run('gameTheory', input);
  }

  private tableOf(s: GameState): PairTable | undefined {
    return s.table;
  }

  /** The "why this rank" view: the agent and the top opponents, every cell with the empirical and predicted score. */
  async agentView(game: string, agentId: string, top = 8): Promise<AgentView | null> {
    const board = await this.board(game);
    const s = this.state(game);
    const row = board.items.find((r) => r.agentId === agentId);
    const table = this.tableOf(s);
    if (!row || !s.fit || !table) return null;
    const others = board.items.filter((r) => r.agentId !== agentId).slice(0, Math.max(0, top));
    const ids = [agentId, ...others.map((r) => r.agentId)];
    const cells = payoffCells(ids, table, s.fit);
    return {
      game,
      version: board.version,
      agents: ids.map((id) => {
        const r = board.items.find((x) => x.agentId === id)!;
        return { agentId: id, name: r.name, rank: r.rank, elo: r.elo, rating: r.rating };
      }),
      cells: cells.map((rowCells) =>
        rowCells.map((c) => ({
          results: c.results,
          weight: c.weight,
          score: c.weight > 0 ? c.score / c.weight : null,
          predicted: c.predicted,
          predictedLow: c.predictedLow,
          predictedHigh: c.predictedHigh,
        })),
      ),
    };
  }

  /** Predicted score of a against b with its 95 % interval (null if either is not on the board). */
  async predict(game: string, a: string, b: string): Promise<{ score: number; low: number; high: number } | null> {
    await this.board(game);
    const s = this.state(game);
    const i = s.fit?.index.get(a);
    const j = s.fit?.index.get(b);
    if (i === undefined || j === undefined) return null;
    return predictScore(s.fit!.fit, i, j);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.games.values()) {
      if (s.gtTimer) clearTimeout(s.gtTimer);
      s.gtTimer = undefined;
      this.wake(s);
    }
    // Let refreshes in flight finish (or fail) before the threads and then the database go away.
    await Promise.allSettled([...this.games.values()].map((s) => s.loading ?? Promise.resolve()));
    await Promise.all([this.fitWorker.close(), this.gtWorker.close()]);
  }
}

export interface AgentView {
  game: string;
  version: number;
  /** Row/column order of `cells`: the agent first, then its top opponents by Elo. */
  agents: { agentId: string; name: string; rank: number; elo: number; rating: number }[];
  /** cells[i][j]: agent i against agent j: mean score (null = never met), results, predicted score ± interval. */
  cells: {
    results: number;
    weight: number;
    score: number | null;
    predicted: number;
    predictedLow: number;
    predictedHigh: number;
  }[][];
}

/**
 * One worker thread running jobs of game-theory-worker.ts in arrival order (started on first use,
 * unref'd so it never keeps the process alive). A worker that fails to start answers every job
 * with the error.
 */
class JobThread {
  private worker?: Worker;
  private readonly jobs = new Map<number, (r: any) => void>();
  private next = 1;
  private closed = false;

  run<I, O>(kind: 'load' | 'add' | 'fit' | 'gameTheory', input: I): Promise<O> {
    // After close, never start a thread again (a refresh still in flight gets an error reply).
    if (this.closed) return Promise.resolve({ ok: false, error: 'closed' } as O);
    const w = this.ensure();
    const id = this.next++;
    return new Promise<O>((resolve) => {
      this.jobs.set(id, resolve);
      w.postMessage({ id, kind, input });
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./game-theory-worker.ts', import.meta.url).href;
    const boot = `const { parentPort } = require('node:worker_threads');
import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); }).then((m) => m.startWorker()).catch((e) => {
  parentPort.on('message', (msg) => parentPort.postMessage({ id: msg.id, reply: { ok: false, error: 'rating worker failed to start: ' + ((e && e.stack) || e) } }));
});`;
    const w = new Worker(boot, { eval: true, execArgv: [] });
    w.unref();
    w.on('message', (msg: { id: number; reply: unknown }) => {
      const f = this.jobs.get(msg.id);
      this.jobs.delete(msg.id);
      f?.(msg.reply);
    });
    w.on('error', (e) => {
      for (const f of this.jobs.values()) f({ ok: false, error: String(e) });
      this.jobs.clear();
      this.worker = undefined;
    });
    this.worker = w;
    return w;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const f of this.jobs.values()) f({ ok: false, error: 'closed' });
    this.jobs.clear();
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}

export interface FitInput {
  ids: string[];
  cells: PairCell[];
  /** Previous θ per agent id (warm start). */
  warm?: Record<string, number>;
}

/** The fit worker keeps each game's pair table ('load' replaces it, 'add' adds a commit's totals) and fits it ('fit'). */
export interface FitRequest {
  game: string;
  ids: string[];
  warm?: Record<string, number>;
}

export type FitOutput =
  | { ok: true; fit: RatingFit['fit']; rows: RatingFit['rows']; ms: number }
  | { ok: false; error: string };

/** The refit (the worker's 'fit' job, also inline): Bradley–Terry over every agent of the board. */
export function runFitJob(input: FitInput, given?: PairTable): FitOutput {
  const t0 = performance.now();
  try {
    const table = given ?? new PairTable();
    if (!given) for (const c of input.cells) table.add(c.a, c.b, c.score, c.weight, c.results);
    const rf = fitRatings(input.ids, table, {}, input.warm ? new Map(Object.entries(input.warm)) : undefined);
    return { ok: true, fit: rf.fit, rows: rf.rows, ms: performance.now() - t0 };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

export interface GameTheoryInput {
  ids: string[];
  cells: PairCell[];
  minGames: number;
  draws: number;
}

/** The job the worker runs (also inline): refit BT for the payoff table's fallback, then Nash averaging and α-Rank. */
export function runGameTheoryJob(
  input: GameTheoryInput,
): { ok: true; result: GameTheory; ms: number } | { ok: false; error: string } {
  const t0 = performance.now();
  try {
    const table = new PairTable();
    for (const c of input.cells) table.add(c.a, c.b, c.score, c.weight, c.results);
    const fit = fitRatings(input.ids, table);
    const result = gameTheory(eligibleAgents(fit, input.minGames), table, fit, { draws: input.draws });
    return { ok: true, result, ms: performance.now() - t0 };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
