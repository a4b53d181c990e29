/**
 * The leaderboard of one game: incremental Elo (ratings table) beside the maximum-likelihood
 * Bradley–Terry Elo with its standard error, refitted from every stored pairwise result.
 */
import { mleElo } from './bradley-terry.ts';
import { num, type Sql } from './sql.ts';

export interface LeaderboardRow {
  rank: number;
  agentId: string;
  name: string;
  kind: string;
  ref: string | null;
  elo: number;
  games: number;
  wins: number;
  draws: number;
  losses: number;
  /** Maximum-likelihood Elo (minimum agent = 0) and one standard error. */
  mle: number;
  mleSe: number;
}

export async function leaderboard(q: Sql, game: string): Promise<LeaderboardRow[]> {
  const rows = await q.query(
    `SELECT r.agent_id, a.name, a.kind, a.ref, r.elo, r.games, r.wins, r.draws, r.losses
     FROM ratings r JOIN agents a ON a.id = r.agent_id WHERE r.game = $1 ORDER BY r.elo DESC, a.name`,
    [game],
  );
  const pairs = await q.query(
    `SELECT a, b, sum(score_a) AS score, count(*) AS games FROM pair_results WHERE game = $1 GROUP BY a, b`,
    [game],
  );
  const index = new Map(rows.map((r, i) => [String(r.agent_id), i]));
  const fit = mleElo(
    rows.length,
    pairs
      .filter((p) => index.has(String(p.a)) && index.has(String(p.b)))
      .map((p) => ({ a: index.get(String(p.a))!, b: index.get(String(p.b))!, scoreA: num(p.score), games: num(p.games) })),
  );
  return rows.map((r, i) => ({
    rank: i + 1,
    agentId: String(r.agent_id),
    name: String(r.name),
    kind: String(r.kind),
    ref: r.ref === null ? null : String(r.ref),
    elo: num(r.elo),
    games: num(r.games),
    wins: num(r.wins),
    draws: num(r.draws),
    losses: num(r.losses),
    mle: Math.round(fit.ratings[i]! * 10) / 10,
    mleSe: Math.round(fit.se[i]! * 10) / 10,
  }));
}

export async function ratingOf(q: Sql, agentId: string, game: string): Promise<number | null> {
  const [r] = await q.query('SELECT elo FROM ratings WHERE agent_id = $1 AND game = $2', [agentId, game]);
  return r ? num(r.elo) : null;
}

export async function ratingHistory(q: Sql, agentId: string, game?: string): Promise<{ matchId: string; game: string; before: number; after: number; score: number; at: string }[]> {
  const rows = await q.query(
    `SELECT match_id, game, elo_before, elo_after, score, at FROM rating_history WHERE agent_id = $1 ${game ? 'AND game = $2' : ''} ORDER BY at, match_id`,
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
