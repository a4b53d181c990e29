/**
 * Rows of `evaluations` (migrations/005_evaluations.sql). Every write after the insert is a
 * compare-and-set on (id, attempt, lease_owner, status): a process may move a job only while it
 * holds the current attempt's lease, so a job whose process died is taken over by one successor
 * (the attempt number moves on) and the old holder's late writes change nothing.
 */
import type { AttackBudget, AttackPoint } from '../../agents/adversary/attack.ts';
import type { AttackEvidence } from '../../agents/adversary/exploitability.ts';
import type { Json } from '../../games/core/types.ts';
import { iso, type Row, type Sql } from '../store/sql.ts';

export type EvaluationStatus = 'queued' | 'running' | 'finished' | 'failed';
export type EvaluationMode = 'train' | 'arena';
/** A train-mode budget, or an arena evaluation's matches. */
export type EvaluationBudget = AttackBudget | { matches: number };

export interface EvaluationOptions {
  evalMatches: number;
  evalPoints: number;
  finalMatches: number;
  /** Arena mode: the checkpoint of the already-trained adversary that plays the victim. */
  adversaryCheckpoint?: string;
}

export interface EvaluationProgress {
  /** Share of the budget spent, in [0, 1]. */
  fraction: number;
  iteration?: number;
  envSteps?: number;
  seconds?: number;
  /** Arena mode: matches played so far. */
  matches?: number;
}

export interface EvaluationRow {
  id: string;
  game: string;
  config: Json;
  victimId: string;
  mode: EvaluationMode;
  budget: EvaluationBudget;
  seed: number;
  options: EvaluationOptions;
  requestedBy: string;
  status: EvaluationStatus;
  attempt: number;
  leaseOwner: string | null;
  leaseUntil: string | null;
  progress: EvaluationProgress | null;
  curve: AttackPoint[];
  snapshot: Json | null;
  snapshotAt: string | null;
  result: Json | null;
  evidence: AttackEvidence | null;
  adversaryCheckpoint: string | null;
  exploiterId: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const time = (v: unknown) => (v === null || v === undefined ? null : iso(v));

function toRow(r: Row, withSnapshot: boolean): EvaluationRow {
  return {
    id: String(r.id),
    game: String(r.game),
    config: r.config as Json,
    victimId: String(r.victim_id),
    mode: r.mode as EvaluationMode,
    budget: r.budget as EvaluationBudget,
    seed: Number(r.seed),
    options: r.options as EvaluationOptions,
    requestedBy: String(r.requested_by),
    status: r.status as EvaluationStatus,
    attempt: Number(r.attempt),
    leaseOwner: (r.lease_owner as string | null) ?? null,
    leaseUntil: time(r.lease_until),
    progress: (r.progress as EvaluationProgress | null) ?? null,
    curve: (r.curve as AttackPoint[]) ?? [],
    snapshot: withSnapshot ? ((r.snapshot as Json | null) ?? null) : null,
    snapshotAt: time(r.snapshot_at),
    result: (r.result as Json | null) ?? null,
    evidence: (r.evidence as AttackEvidence | null) ?? null,
    adversaryCheckpoint: (r.adversary_checkpoint as string | null) ?? null,
    exploiterId: (r.exploiter_id as string | null) ?? null,
    error: (r.error as string | null) ?? null,
    createdAt: iso(r.created_at),
    startedAt: time(r.started_at),
    finishedAt: time(r.finished_at),
  };
}

/** Every column but the snapshot (megabytes of weights and optimiser state). */
const LIGHT = `id, game, config, victim_id, mode, budget, seed, options, requested_by, status, attempt, lease_owner,
  lease_until, progress, curve, snapshot_at, result, evidence, adversary_checkpoint, exploiter_id, error, created_at,
  started_at, finished_at`;

export interface NewEvaluation {
  id: string;
  game: string;
  config: Json;
  victimId: string;
  mode: EvaluationMode;
  budget: EvaluationBudget;
  seed: number;
  options: EvaluationOptions;
  requestedBy: string;
}

/** Insert a queued job; null when a job with that id exists already (the demo's fixed ids). */
export async function insertEvaluation(q: Sql, e: NewEvaluation): Promise<EvaluationRow | null> {
  const [r] = await q.query(
    `INSERT INTO evaluations (id, game, config, victim_id, mode, budget, seed, options, requested_by, status, attempt)
     VALUES ($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7, $8::jsonb, $9, 'queued', 1)
     ON CONFLICT (id) DO NOTHING RETURNING ${LIGHT}`,
    [
      e.id,
      e.game,
      JSON.stringify(e.config),
      e.victimId,
      e.mode,
      JSON.stringify(e.budget),
      e.seed,
      JSON.stringify(e.options),
      e.requestedBy,
    ],
  );
  return r ? toRow(r, false) : null;
}

export async function getEvaluation(q: Sql, id: string, withSnapshot = false): Promise<EvaluationRow | null> {
  const [r] = await q.query(`SELECT ${withSnapshot ? '*' : LIGHT} FROM evaluations WHERE id = $1`, [id]);
  return r ? toRow(r, withSnapshot) : null;
}

export interface EvaluationFilter {
  victim?: string;
  game?: string;
  status?: EvaluationStatus;
  limit: number;
  offset: number;
}

export async function listEvaluations(q: Sql, f: EvaluationFilter): Promise<{ items: EvaluationRow[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, v: unknown) => {
    params.push(v);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (f.victim !== undefined) add('victim_id = ?', f.victim);
  if (f.game !== undefined) add('game = ?', f.game);
  if (f.status !== undefined) add('status = ?', f.status);
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [c] = await q.query<{ n: unknown }>(`SELECT count(*) AS n FROM evaluations ${w}`, params);
  const rows = await q.query(
    `SELECT ${LIGHT} FROM evaluations ${w} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items: rows.map((r) => toRow(r, false)), total: Number(c?.n ?? 0) };
}

/** The evidence of every finished evaluation of a game, per victim (what the exploitability column reads). */
export interface StoredEvidence {
  evaluationId: string;
  exploiterId: string | null;
  evidence: AttackEvidence;
}

export async function evidenceOf(q: Sql, game: string): Promise<Map<string, StoredEvidence[]>> {
  const rows = await q.query<{ id: string; victim_id: string; exploiter_id: string | null; evidence: AttackEvidence }>(
    `SELECT id, victim_id, exploiter_id, evidence FROM evaluations
     WHERE game = $1 AND status = 'finished' AND evidence IS NOT NULL ORDER BY finished_at`,
    [game],
  );
  const out = new Map<string, StoredEvidence[]>();
  for (const r of rows)
    out.set(r.victim_id, [
      ...(out.get(r.victim_id) ?? []),
      { evaluationId: String(r.id), exploiterId: r.exploiter_id ?? null, evidence: r.evidence },
    ]);
  return out;
}

const lease = `now() + ($4::double precision * interval '1 millisecond')`;

/** Take a queued attempt: true when this process now holds it. */
export async function claimEvaluation(
  q: Sql,
  id: string,
  attempt: number,
  owner: string,
  leaseMs: number,
): Promise<EvaluationRow | null> {
  const [r] = await q.query(
    `UPDATE evaluations SET status = 'running', lease_owner = $3, lease_until = ${lease},
       started_at = coalesce(started_at, now())
     WHERE id = $1 AND attempt = $2 AND status = 'queued' RETURNING *`,
    [id, attempt, owner, leaseMs],
  );
  return r ? toRow(r, true) : null;
}

/** Extend the lease; false when this process no longer holds the job. */
export async function renewEvaluation(
  q: Sql,
  id: string,
  attempt: number,
  owner: string,
  leaseMs: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE evaluations SET lease_until = ${lease}
     WHERE id = $1 AND attempt = $2 AND lease_owner = $3 AND status = 'running' RETURNING id`,
    [id, attempt, owner, leaseMs],
  );
  return rows.length > 0;
}

/** Write progress, curve and (optionally) a resume snapshot, as the lease holder; false when not it. */
export async function saveEvaluationState(
  q: Sql,
  id: string,
  attempt: number,
  owner: string,
  state: { progress?: EvaluationProgress; curve?: readonly AttackPoint[]; snapshot?: Json },
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE evaluations SET
       progress = coalesce($4::jsonb, progress),
       curve = coalesce($5::jsonb, curve),
       snapshot = coalesce($6::jsonb, snapshot),
       snapshot_at = CASE WHEN $6::jsonb IS NULL THEN snapshot_at ELSE now() END
     WHERE id = $1 AND attempt = $2 AND lease_owner = $3 AND status = 'running' RETURNING id`,
    [
      id,
      attempt,
      owner,
      state.progress ? JSON.stringify(state.progress) : null,
      state.curve ? JSON.stringify(state.curve) : null,
      state.snapshot !== undefined ? JSON.stringify(state.snapshot) : null,
    ],
  );
  return rows.length > 0;
}

/** The end of a job, in the caller's transaction: true when this holder moved it (exactly once). */
export async function endEvaluation(
  q: Sql,
  id: string,
  attempt: number,
  owner: string,
  end:
    | {
        status: 'finished';
        result: Json;
        evidence: AttackEvidence | null;
        curve: readonly AttackPoint[];
        progress: EvaluationProgress;
        adversaryCheckpoint: string | null;
        exploiterId: string | null;
      }
    | { status: 'failed'; error: string },
): Promise<boolean> {
  const rows =
    end.status === 'finished'
      ? await q.query(
          `UPDATE evaluations SET status = 'finished', result = $4::jsonb, evidence = $5::jsonb, curve = $6::jsonb,
             progress = $7::jsonb, adversary_checkpoint = $8, exploiter_id = $9, snapshot = NULL,
             lease_owner = NULL, lease_until = NULL, finished_at = now()
           WHERE id = $1 AND attempt = $2 AND lease_owner = $3 AND status = 'running' RETURNING id`,
          [
            id,
            attempt,
            owner,
            JSON.stringify(end.result),
            end.evidence ? JSON.stringify(end.evidence) : null,
            JSON.stringify(end.curve),
            JSON.stringify(end.progress),
            end.adversaryCheckpoint,
            end.exploiterId,
          ],
        )
      : await q.query(
          `UPDATE evaluations SET status = 'failed', error = $4, lease_owner = NULL, lease_until = NULL, finished_at = now()
           WHERE id = $1 AND attempt = $2 AND lease_owner = $3 AND status = 'running' RETURNING id`,
          [id, attempt, owner, end.error],
        );
  return rows.length > 0;
}

/**
 * Jobs whose holder died (lease ran out): the next attempt is queued (the snapshot stays, so it
 * resumes), or after `maxAttempts` the job fails. Returns the attempts to send to the queue.
 */
export async function requeueExpired(q: Sql, maxAttempts: number): Promise<{ id: string; attempt: number }[]> {
  await q.query(
    `UPDATE evaluations SET status = 'failed', error = 'gave up after ' || attempt || ' attempts (the process running it stopped each time)',
       lease_owner = NULL, lease_until = NULL, finished_at = now()
     WHERE status = 'running' AND lease_until < now() AND attempt >= $1`,
    [maxAttempts],
  );
  const rows = await q.query<{ id: string; attempt: number }>(
    `UPDATE evaluations SET status = 'queued', attempt = attempt + 1, lease_owner = NULL, lease_until = NULL
     WHERE status = 'running' AND lease_until < now() RETURNING id, attempt`,
  );
  return rows.map((r) => ({ id: String(r.id), attempt: Number(r.attempt) }));
}

/** Every queued attempt (sent again at each tick; the queue deduplicates by key). */
export async function queuedAttempts(q: Sql): Promise<{ id: string; attempt: number }[]> {
  const rows = await q.query<{ id: string; attempt: number }>(
    `SELECT id, attempt FROM evaluations WHERE status = 'queued' ORDER BY created_at LIMIT 200`,
  );
  return rows.map((r) => ({ id: String(r.id), attempt: Number(r.attempt) }));
}
