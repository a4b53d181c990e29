/**
 * Tournament rows (migrations/003_tournaments.sql). Every state change goes through `transition`:
 * the row is locked (SELECT … FOR UPDATE), the pure engine (agents/tournament/) moves the state, and
 * the new state is written with `version` + 1 in the same transaction — so two processes never
 * apply a transition to the same version, and a crash leaves either the old state or the new one.
 */
import { randomBytes } from 'node:crypto';
import type { RulesInput, TournamentState } from '../../agents/tournament/spec.ts';
import type { Json } from '../../games/core/types.ts';
import { ArenaError } from '../errors.ts';
import { iso, num, type Row, type Sql, type SqlDb } from '../store/sql.ts';

export type TournamentStatus = 'registration' | 'running' | 'finished' | 'cancelled';

export interface TournamentRow {
  id: string;
  name: string;
  game: string;
  config: Json;
  rules: RulesInput;
  seed: number;
  status: TournamentStatus;
  open: boolean;
  maxEntrants: number | null;
  startsAt: string;
  pacedMs: number | null;
  state: TournamentState | null;
  version: number;
  scheduleId: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Entrant agent ids in seeding order. */
  entrants: string[];
}

export interface NewTournament {
  name: string;
  game: string;
  config: Json;
  rules: RulesInput;
  seed: number;
  open: boolean;
  maxEntrants?: number;
  startsAt: Date;
  pacedMs?: number;
  entrants: string[];
  scheduleId?: string;
  fireAt?: Date;
}

const COLUMNS =
  'id, name, game, config, rules, seed, status, open, max_entrants, starts_at, paced_ms, state, version, schedule_id, created_at, started_at, finished_at';

function toRow(r: Row, entrants: string[]): TournamentRow {
  return {
    id: String(r.id),
    name: String(r.name),
    game: String(r.game),
    config: r.config as Json,
    rules: r.rules as RulesInput,
    seed: num(r.seed),
    status: r.status as TournamentStatus,
    open: Boolean(r.open),
    maxEntrants: r.max_entrants === null ? null : num(r.max_entrants),
    startsAt: iso(r.starts_at),
    pacedMs: r.paced_ms === null ? null : num(r.paced_ms),
    state: (r.state as TournamentState | null) ?? null,
    version: num(r.version),
    scheduleId: (r.schedule_id as string | null) ?? null,
    createdAt: iso(r.created_at),
    startedAt: r.started_at ? iso(r.started_at) : null,
    finishedAt: r.finished_at ? iso(r.finished_at) : null,
    entrants,
  };
}

async function entrantsOf(q: Sql, id: string): Promise<string[]> {
  const rows = await q.query<{ agent_id: string }>(
    'SELECT agent_id FROM tournament_entrants WHERE tournament_id = $1 ORDER BY position',
    [id],
  );
  return rows.map((r) => r.agent_id);
}

/** Insert a tournament with its invited entrants; null when (schedule, fire time) exists already. */
export function insertTournament(db: SqlDb, t: NewTournament): Promise<TournamentRow | null> {
  return db.transaction((tx) => insertTournamentIn(tx, t));
}

/** insertTournament inside the caller's transaction. */
export async function insertTournamentIn(tx: Sql, t: NewTournament): Promise<TournamentRow | null> {
  const id = 't_' + randomBytes(8).toString('base64url').replace(/[-_]/g, 'x');
  {
    const rows = await tx.query(
      `INSERT INTO tournaments (id, name, game, config, rules, seed, status, open, max_entrants, starts_at, paced_ms, schedule_id, fire_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, 'registration', $7, $8, $9, $10, $11, $12)
       ON CONFLICT (schedule_id, fire_at) DO NOTHING RETURNING ${COLUMNS}`,
      [
        id,
        t.name,
        t.game,
        JSON.stringify(t.config),
        JSON.stringify(t.rules),
        t.seed,
        t.open,
        t.maxEntrants ?? null,
        t.startsAt,
        t.pacedMs ?? null,
        t.scheduleId ?? null,
        t.fireAt ?? null,
      ],
    );
    if (rows.length === 0) return null;
    for (const [i, agent] of t.entrants.entries()) {
      await tx.query('INSERT INTO tournament_entrants (tournament_id, agent_id, position) VALUES ($1, $2, $3)', [
        id,
        agent,
        i + 1,
      ]);
    }
    return toRow(rows[0]!, [...t.entrants]);
  }
}

export async function getTournament(q: Sql, id: string): Promise<TournamentRow | null> {
  const [r] = await q.query(`SELECT ${COLUMNS} FROM tournaments WHERE id = $1`, [id]);
  return r ? toRow(r, await entrantsOf(q, id)) : null;
}

export async function listTournaments(
  q: Sql,
  f: { status?: TournamentStatus; limit: number; offset: number },
): Promise<{ items: TournamentRow[]; total: number }> {
  const where = f.status ? 'WHERE status = $3' : '';
  const params: unknown[] = [f.limit, f.offset, ...(f.status ? [f.status] : [])];
  const rows = await q.query(
    `SELECT ${COLUMNS} FROM tournaments ${where} ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
    params,
  );
  const [c] = await q.query<{ n: unknown }>(
    `SELECT count(*) AS n FROM tournaments ${f.status ? 'WHERE status = $1' : ''}`,
    f.status ? [f.status] : [],
  );
  const items = await Promise.all(rows.map(async (r) => toRow(r, await entrantsOf(q, String(r.id)))));
  return { items, total: num(c?.n ?? 0) };
}

/** Tournaments in `status` (ids only), for the scheduler. */
export async function idsWithStatus(q: Sql, status: TournamentStatus, dueBy?: Date): Promise<string[]> {
  const rows = dueBy
    ? await q.query<{ id: string }>(
        'SELECT id FROM tournaments WHERE status = $1 AND starts_at <= $2 ORDER BY starts_at, id',
        [status, dueBy],
      )
    : await q.query<{ id: string }>('SELECT id FROM tournaments WHERE status = $1 ORDER BY starts_at, id', [status]);
  return rows.map((r) => r.id);
}

/**
 * One transition: lock the row, let `fn` change the tournament (state, status), write it back with
 * version + 1 — all in one transaction. `fn` returns false to leave the row untouched.
 */
export async function transition<T>(
  db: SqlDb,
  id: string,
  fn: (t: TournamentRow, tx: Sql) => Promise<{ write: boolean; value: T }>,
): Promise<{ row: TournamentRow; value: T }> {
  return db.transaction(async (tx) => {
    const [r] = await tx.query(`SELECT ${COLUMNS} FROM tournaments WHERE id = $1 FOR UPDATE`, [id]);
    if (!r) throw new ArenaError('NOT_FOUND', `no tournament ${id}`);
    const t = toRow(r, await entrantsOf(tx, id));
    const before = t.status;
    const { write, value } = await fn(t, tx);
    if (write) {
      const finishing = t.status === 'finished' || t.status === 'cancelled';
      await tx.query(
        `UPDATE tournaments SET state = $2::jsonb, status = $3, version = version + 1,
           started_at = CASE WHEN $4 AND started_at IS NULL THEN now() ELSE started_at END,
           finished_at = CASE WHEN $5 AND finished_at IS NULL THEN now() ELSE finished_at END
         WHERE id = $1`,
        [
          id,
          t.state === null ? null : JSON.stringify(t.state),
          t.status,
          before === 'registration' && t.status === 'running',
          finishing,
        ],
      );
      t.version++;
    }
    return { row: t, value };
  });
}

/** Add an entrant at the next position (the caller checks status, cap and deadline inside a transition). */
export async function addEntrant(tx: Sql, id: string, agentId: string): Promise<void> {
  await tx.query(
    `INSERT INTO tournament_entrants (tournament_id, agent_id, position)
     VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM tournament_entrants WHERE tournament_id = $1))`,
    [id, agentId],
  );
}

// ── games: one claim per attempt ─────────────────────────────────────────────

export interface GameClaim {
  status: 'playing' | 'recorded' | 'failed' | 'forfeit';
  matchId: string;
  leaseUntil: number;
}

export async function getClaim(
  q: Sql,
  t: string,
  pairing: string,
  game: number,
  attempt: number,
): Promise<GameClaim | null> {
  const [r] = await q.query(
    'SELECT status, match_id, lease_until FROM tournament_games WHERE tournament_id = $1 AND pairing = $2 AND game = $3 AND attempt = $4',
    [t, pairing, game, attempt],
  );
  return r
    ? {
        status: r.status as GameClaim['status'],
        matchId: String(r.match_id),
        leaseUntil: Date.parse(iso(r.lease_until)),
      }
    : null;
}

export async function claim(
  q: Sql,
  t: string,
  pairing: string,
  game: number,
  attempt: number,
  matchId: string,
  leaseMs: number,
): Promise<void> {
  await q.query(
    `INSERT INTO tournament_games (tournament_id, pairing, game, attempt, match_id, status, lease_until)
     VALUES ($1, $2, $3, $4, $5, 'playing', now() + ($6::double precision * interval '1 millisecond'))`,
    [t, pairing, game, attempt, matchId, leaseMs],
  );
}

export async function renewLease(q: Sql, matchId: string, leaseMs: number): Promise<void> {
  await q.query(
    `UPDATE tournament_games SET lease_until = now() + ($2::double precision * interval '1 millisecond') WHERE match_id = $1 AND status = 'playing'`,
    [matchId, leaseMs],
  );
}

export async function settleClaim(q: Sql, matchId: string, status: GameClaim['status']): Promise<void> {
  await q.query('UPDATE tournament_games SET status = $2 WHERE match_id = $1', [matchId, status]);
}

/** The stored match's ranks and outcome, or null if the match was never committed. */
export async function storedMatch(
  q: Sql,
  matchId: string,
): Promise<{ ranks: number[]; outcome: string; faultSeat: number | null } | null> {
  const [r] = await q.query('SELECT result, outcome, fault_seat FROM matches WHERE id = $1', [matchId]);
  if (!r) return null;
  const result = r.result as { ranks?: number[] };
  return {
    ranks: result.ranks ?? [],
    outcome: String(r.outcome),
    faultSeat: r.fault_seat === null || r.fault_seat === undefined ? null : num(r.fault_seat),
  };
}

export async function dbNow(q: Sql): Promise<number> {
  const [r] = await q.query<{ now: unknown }>('SELECT now() AS now');
  return Date.parse(iso(r!.now));
}
