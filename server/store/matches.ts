/**
 * Finished matches: the one-transaction commit (match + seats + action log + ratings + history),
 * and the reads behind the API (list with filters, get, the replay's action log).
 */
import type { FinishedMatch, OutcomeKind, SeatRecord, TurnTranscript } from '../contracts.ts';
import type { Json, MatchResult } from '../../games/core/types.ts';
import { ELO_INITIAL, eloChanges, pairResults, type PairResult } from './rating-policy.ts';
import { iso, num, type Row, type Sql, type SqlDb } from './sql.ts';

/**
 * Persist a finished match in ONE transaction. Idempotent: the match row is inserted with
 * ON CONFLICT DO NOTHING first; if it already existed (a retry, or a concurrent commit of the
 * same id, which Postgres makes wait on the primary key until the other commits) nothing else is
 * written. Rating rows are locked in agent-id order, so concurrent matches sharing agents
 * serialise instead of losing updates, and never deadlock.
 * Returns whether this call wrote the match. `onRated` is called after the commit succeeded, with
 * the match's pair results (the leaderboard cache applies them).
 */
export async function commitMatch(
  db: SqlDb,
  m: FinishedMatch,
  onRated?: (game: string, pairs: PairResult[], commits: number) => void,
): Promise<boolean> {
  let rated: PairResult[] = [];
  let commits = 0;
  const wrote = await db.transaction(async (tx) => {
    // Match, seats and the whole action log in one statement (data-modifying CTEs), each log as one
    // JSON parameter: one round-trip whatever the match length. Seats and actions are only written
    // when the match row is new.
    const steps = m.actions.map((a, step) => ({
      step,
      actions: a,
      rewards: m.rewards[step] ?? [],
      think_ms: m.thinkMs[step] ?? [],
    }));
    const inserted = await tx.query(
      `WITH m AS (
         INSERT INTO matches (id, game, config, seed, seats, outcome, fault_seat, result, returns, winner, steps, final_hash, rated, started_at, ended_at)
         VALUES ($1, $2, $3::jsonb, $4, $5::jsonb, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (id) DO NOTHING RETURNING id
       ), s AS (
         INSERT INTO match_seats (match_id, seat, agent_id, kind, label, return)
         SELECT m.id, x.seat, x."agentId", x.kind, x.label, x.ret FROM m, jsonb_to_recordset($16::jsonb)
           AS x(seat integer, "agentId" text, kind text, label text, ret double precision)
       ), a AS (
         INSERT INTO match_actions (match_id, step, actions, rewards, think_ms)
         SELECT m.id, x.step, x.actions, x.rewards, x.think_ms FROM m, jsonb_to_recordset($17::jsonb)
           AS x(step integer, actions jsonb, rewards jsonb, think_ms jsonb)
       ), t AS (
         INSERT INTO match_transcripts (match_id, seat, step, text, prompt, completion, model, attempts, fallback,
           latency_ms, prompt_tokens, completion_tokens)
         SELECT m.id, x.seat, x.step, x.text, x.prompt, x.completion, x.model, x.attempts, x.fallback, x."latencyMs",
           x."promptTokens", x."completionTokens"
         FROM m, jsonb_to_recordset($18::jsonb) AS x(seat integer, step integer, text text, prompt jsonb, completion text,
           model text, attempts integer, fallback boolean, "latencyMs" double precision, "promptTokens" integer,
           "completionTokens" integer)
       )
       SELECT id FROM m`,
      [
        m.id,
        m.game,
        JSON.stringify(m.config),
        m.seed,
        JSON.stringify(m.seats),
        m.outcome,
        m.faultSeat ?? null,
        JSON.stringify(m.result),
        JSON.stringify(m.result.returns),
        typeof m.result.winner === 'number' ? m.result.winner : null,
        m.actions.length,
        m.finalHash,
        m.rated,
        m.startedAt,
        m.endedAt,
        JSON.stringify(m.seats.map((x) => ({ ...x, ret: m.result.returns[x.seat] ?? 0 }))),
        JSON.stringify(steps),
        JSON.stringify(m.transcripts ?? []),
      ],
    );
    if (inserted.length === 0) return false;

    const pairs = pairResults(m);
    if (pairs.length === 0) return true;
    const agents = [...new Set(pairs.flatMap((p) => [p.a, p.b]))].sort();
    await tx.query(
      `INSERT INTO ratings (agent_id, game, elo) SELECT t.a, $2, $3 FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS t(a, o)
       ORDER BY t.o ON CONFLICT (agent_id, game) DO NOTHING`,
      [JSON.stringify(agents), m.game, ELO_INITIAL],
    );
    // Locking the rating rows in agent-id order serialises every commit that shares an agent, so
    // the history's seq (taken after the lock) follows the order in which the Elo chain was built.
    const current = await tx.query<{ agent_id: string; elo: number }>(
      `SELECT agent_id, elo FROM ratings WHERE game = $1 AND agent_id IN (SELECT jsonb_array_elements_text($2::jsonb))
       ORDER BY agent_id COLLATE "C" FOR UPDATE`,
      [m.game, JSON.stringify(agents)],
    );
    const before = new Map(current.map((r) => [r.agent_id, num(r.elo)]));
    const changes = eloChanges(pairs, before);
    const rows = changes.map((c) => ({
      agent_id: c.agentId,
      before: c.before,
      after: c.after,
      score: c.score,
      win: c.score > 0.5 ? 1 : 0,
      draw: c.score === 0.5 ? 1 : 0,
      loss: c.score < 0.5 ? 1 : 0,
    }));
    // The rating writes in one statement: ratings, history (in commit order: seq), the pair
    // results (one row per pair of seats) and the running totals per pair of agents.
    const [written] = await tx.query(
      `WITH c AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(agent_id text, before double precision, after double precision,
           score double precision, win integer, draw integer, loss integer)
       ), u AS (
         UPDATE ratings r SET elo = c.after, games = r.games + 1, wins = r.wins + c.win, draws = r.draws + c.draw,
           losses = r.losses + c.loss, updated_at = now()
         FROM c WHERE r.agent_id = c.agent_id AND r.game = $2 RETURNING 1
       ), h AS (
         INSERT INTO rating_history (match_id, agent_id, game, elo_before, elo_after, score, at)
         SELECT $3, c.agent_id, $2, c.before, c.after, c.score, $4 FROM c ORDER BY c.agent_id RETURNING 1
       ), p AS (
         INSERT INTO pair_results (match_id, game, seat_a, seat_b, a, b, score_a, weight)
         SELECT $3, $2, p."seatA", p."seatB", p.a, p.b, p."scoreA", p.weight
         FROM jsonb_to_recordset($5::jsonb) AS p(a text, b text, "seatA" integer, "seatB" integer, "scoreA" double precision, weight double precision)
         RETURNING 1
       ), t AS (
         INSERT INTO pair_totals (game, a, b, score, weight, results)
         SELECT $2, t.a, t.b, t.score, t.weight, t.results FROM jsonb_to_recordset($6::jsonb)
           AS t(a text, b text, score double precision, weight double precision, results integer)
         ON CONFLICT (game, a, b) DO UPDATE SET score = pair_totals.score + excluded.score,
           weight = pair_totals.weight + excluded.weight, results = pair_totals.results + excluded.results
         RETURNING 1
       ), v AS (
         INSERT INTO rating_versions (game, commits) VALUES ($2, 1)
         ON CONFLICT (game) DO UPDATE SET commits = rating_versions.commits + 1 RETURNING commits
       )
       SELECT (SELECT count(*) FROM u) AS updated, (SELECT commits FROM v) AS commits`,
      [JSON.stringify(rows), m.game, m.id, m.endedAt, JSON.stringify(pairs), JSON.stringify(pairTotalsOf(pairs))],
    );
    rated = pairs;
    commits = num(written!.commits);
    return true;
  });
  if (wrote && rated.length) onRated?.(m.game, rated, commits);
  return wrote;
}

/** One match's pair results summed per pair of agents (a < b), as pair_totals stores them. */
export function pairTotalsOf(
  pairs: readonly PairResult[],
): { a: string; b: string; score: number; weight: number; results: number }[] {
  const out = new Map<string, { a: string; b: string; score: number; weight: number; results: number }>();
  for (const p of pairs) {
    const [a, b, s] = p.a < p.b ? [p.a, p.b, p.scoreA] : [p.b, p.a, 1 - p.scoreA];
    const k = `${a}\u0000${b}`;
    const t = out.get(k) ?? { a, b, score: 0, weight: 0, results: 0 };
    t.score += p.weight * s;
    t.weight += p.weight;
    t.results++;
    out.set(k, t);
  }
  return [...out.values()].sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
}

/** A match as the API shows it (without its action log). */
export interface MatchSummary {
  id: string;
  game: string;
  config: Json;
  seed: number;
  seats: SeatRecord[];
  outcome: OutcomeKind;
  faultSeat: number | null;
  /** As committed: the adjudicated result (`ranks` present on every match stored since the one match loop). */
  result: MatchResult & { ranks?: number[] };
  steps: number;
  finalHash: string;
  rated: boolean;
  startedAt: string;
  endedAt: string;
  durationMs: number;
}

const MATCH_COLUMNS =
  'm.id, m.game, m.config, m.seed, m.seats, m.outcome, m.fault_seat, m.result, m.steps, m.final_hash, m.rated, m.started_at, m.ended_at';

function toSummary(r: Row): MatchSummary {
  const startedAt = iso(r.started_at);
  const endedAt = iso(r.ended_at);
  return {
    id: String(r.id),
    game: String(r.game),
    config: r.config as Json,
    seed: num(r.seed),
    seats: r.seats as SeatRecord[],
    outcome: r.outcome as OutcomeKind,
    faultSeat: r.fault_seat === null || r.fault_seat === undefined ? null : num(r.fault_seat),
    result: r.result as MatchResult & { ranks?: number[] },
    steps: num(r.steps),
    finalHash: String(r.final_hash),
    rated: Boolean(r.rated),
    startedAt,
    endedAt,
    durationMs: Date.parse(endedAt) - Date.parse(startedAt),
  };
}

export interface MatchFilter {
  game?: string;
  agent?: string;
  outcome?: OutcomeKind;
  limit: number;
  offset: number;
}

/** Newest first. */
export async function listMatches(q: Sql, f: MatchFilter): Promise<{ items: MatchSummary[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.game !== undefined) {
    params.push(f.game);
    where.push(`m.game = $${params.length}`);
  }
  if (f.outcome !== undefined) {
    params.push(f.outcome);
    where.push(`m.outcome = $${params.length}`);
  }
  if (f.agent !== undefined) {
    params.push(f.agent);
    where.push(`EXISTS (SELECT 1 FROM match_seats s WHERE s.match_id = m.id AND s.agent_id = $${params.length})`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = (await q.query(`SELECT count(*) AS total FROM matches m ${w}`, params)) as [{ total: unknown }];
  const rows = await q.query(
    `SELECT ${MATCH_COLUMNS} FROM matches m ${w} ORDER BY m.ended_at DESC, m.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items: rows.map(toSummary), total: num(total) };
}

export async function getMatch(q: Sql, id: string): Promise<MatchSummary | null> {
  const [r] = await q.query(`SELECT ${MATCH_COLUMNS} FROM matches m WHERE m.id = $1`, [id]);
  return r ? toSummary(r) : null;
}

export interface ActionLog {
  actions: (Json | null)[][];
  rewards: number[][];
  thinkMs: (number | null)[][];
}

export async function getActionLog(q: Sql, id: string): Promise<ActionLog> {
  const rows = await q.query<{ actions: (Json | null)[]; rewards: number[]; think_ms: (number | null)[] }>(
    'SELECT actions, rewards, think_ms FROM match_actions WHERE match_id = $1 ORDER BY step',
    [id],
  );
  return {
    actions: rows.map((r) => r.actions),
    rewards: rows.map((r) => r.rewards),
    thinkMs: rows.map((r) => r.think_ms),
  };
}

/** The per-turn transcripts of a match's language-model seats, by step then seat (empty when none were sent). */
export async function getTranscripts(q: Sql, id: string): Promise<TurnTranscript[]> {
  const rows = await q.query(
    `SELECT seat, step, text, prompt, completion, model, attempts, fallback, latency_ms, prompt_tokens, completion_tokens
     FROM match_transcripts WHERE match_id = $1 ORDER BY step, seat`,
    [id],
  );
  return rows.map((r) => {
    const t: TurnTranscript = {
      seat: num(r.seat),
      step: num(r.step),
      text: r.text === null || r.text === undefined ? null : String(r.text),
      prompt: r.prompt as TurnTranscript['prompt'],
      completion: String(r.completion),
    };
    if (r.model !== null && r.model !== undefined) t.model = String(r.model);
    if (r.attempts !== null && r.attempts !== undefined) t.attempts = num(r.attempts);
    if (r.fallback !== null && r.fallback !== undefined) t.fallback = Boolean(r.fallback);
    if (r.latency_ms !== null && r.latency_ms !== undefined) t.latencyMs = num(r.latency_ms);
    if (r.prompt_tokens !== null && r.prompt_tokens !== undefined) t.promptTokens = num(r.prompt_tokens);
    if (r.completion_tokens !== null && r.completion_tokens !== undefined)
      t.completionTokens = num(r.completion_tokens);
    return t;
  });
}

/** Rating changes caused by one match. */
export async function matchRatingChanges(
  q: Sql,
  id: string,
): Promise<{ agentId: string; before: number; after: number; score: number }[]> {
  const rows = await q.query(
    'SELECT agent_id, elo_before, elo_after, score FROM rating_history WHERE match_id = $1 ORDER BY agent_id',
    [id],
  );
  return rows.map((r) => ({
    agentId: String(r.agent_id),
    before: num(r.elo_before),
    after: num(r.elo_after),
    score: num(r.score),
  }));
}
