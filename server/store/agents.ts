/** Agent rows: registration, tokens (hashed), lookup, listing, and the built-in agents' sync. */
import { randomUUID } from 'node:crypto';
import type { AgentRecord } from '../contracts.ts';
import { ArenaError } from '../errors.ts';
import { iso, num, type Row, type Sql } from './sql.ts';
import { hashToken, newToken } from './tokens.ts';

export interface NewAgent {
  name: string;
  owner: string;
  games: readonly string[];
  description?: string;
  kind?: AgentRecord['kind'];
  ref?: string;
  role?: AgentRecord['role'];
  /** Remote bots only: may an evaluation attack it through the arena (default false). */
  allowEvaluation?: boolean;
}

export function toAgent(r: Row): AgentRecord {
  const a: AgentRecord = {
    id: String(r.id),
    name: String(r.name),
    owner: String(r.owner),
    games: (r.games as string[]) ?? [],
    description: String(r.description ?? ''),
    kind: r.kind as AgentRecord['kind'],
    createdAt: iso(r.created_at),
    revoked: Boolean(r.revoked),
    allowEvaluation: Boolean(r.allow_evaluation),
  };
  if (r.ref !== null && r.ref !== undefined) a.ref = String(r.ref);
  if (r.role === 'exploiter') a.role = 'exploiter';
  return a;
}

const COLUMNS = 'id, name, owner, games, description, kind, ref, revoked, created_at, role, allow_evaluation';

/** The prefix of the built-in agents' fallback names; no other agent may use it. */
export const BUILTIN_PREFIX = 'builtin-';
/** A UUID, with or without hyphens: the shape of an agent id, which no name may have. */
const ID_SHAPE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/**
 * Why a name may not be given to a registered (non-built-in) agent, or undefined if it may. Names
 * are also unique regardless of case (index agents_name_lower, migrations/004_agent_names.sql).
 */
export function reservedNameProblem(name: string): string | undefined {
  if (ID_SHAPE.test(name)) return 'a name may not look like an agent id (a UUID)';
  if (name.toLowerCase().startsWith(BUILTIN_PREFIX))
    return `names starting with "${BUILTIN_PREFIX}" are reserved for built-in agents`;
  return undefined;
}

/**
 * Insert an agent; remote agents get a token (returned once). Names are unique regardless of case
 * (CONFLICT otherwise); a non-built-in name must pass `reservedNameProblem` (SCHEMA otherwise).
 */
export async function insertAgent(q: Sql, a: NewAgent): Promise<{ agent: AgentRecord; token?: string }> {
  const kind = a.kind ?? 'remote';
  const problem = kind === 'builtin' ? undefined : reservedNameProblem(a.name);
  if (problem)
    throw new ArenaError('SCHEMA', `agent name ${JSON.stringify(a.name)}: ${problem}`, [
      { path: ['name'], message: problem },
    ]);
  const token = kind === 'remote' ? newToken() : undefined;
  const rows = await q.query(
    `INSERT INTO agents (id, name, owner, games, description, kind, ref, token_hash, role, allow_evaluation)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10)
     ON CONFLICT DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      randomUUID(),
      a.name,
      a.owner,
      JSON.stringify([...a.games]),
      a.description ?? '',
      kind,
      a.ref ?? null,
      token ? hashToken(token) : null,
      a.role ?? null,
      kind === 'remote' && a.allowEvaluation === true,
    ],
  );
  if (rows.length === 0)
    throw new ArenaError(
      'CONFLICT',
      `an agent named ${JSON.stringify(a.name)} already exists (names are unique regardless of case)`,
    );
  return token ? { agent: toAgent(rows[0]!), token } : { agent: toAgent(rows[0]!) };
}

export async function agentById(q: Sql, id: string): Promise<AgentRecord | null> {
  const [r] = await q.query(`SELECT ${COLUMNS} FROM agents WHERE id = $1`, [id]);
  return r ? toAgent(r) : null;
}

/** The agent of a name, regardless of case (names are unique that way). */
export async function agentByName(q: Sql, name: string): Promise<AgentRecord | null> {
  const [r] = await q.query(`SELECT ${COLUMNS} FROM agents WHERE lower(name) = lower($1)`, [name]);
  return r ? toAgent(r) : null;
}

export async function agentByToken(q: Sql, token: string): Promise<AgentRecord | null> {
  const [r] = await q.query(`SELECT ${COLUMNS} FROM agents WHERE token_hash = $1 AND NOT revoked`, [hashToken(token)]);
  return r ? toAgent(r) : null;
}

/** A new token for a remote agent; the old one stops working at once. Also un-revokes. */
export async function rotateToken(q: Sql, id: string): Promise<string> {
  const token = newToken();
  const rows = await q.query(
    `UPDATE agents SET token_hash = $2, revoked = false WHERE id = $1 AND kind = 'remote' RETURNING id`,
    [id, hashToken(token)],
  );
  if (rows.length === 0) throw new ArenaError('UNKNOWN_AGENT', `no remote agent ${id}`);
  return token;
}

/** Revoke: the token stops authenticating; the agent, its matches and ratings stay. */
export async function revokeAgent(q: Sql, id: string): Promise<AgentRecord> {
  const [r] = await q.query(`UPDATE agents SET revoked = true, token_hash = NULL WHERE id = $1 RETURNING ${COLUMNS}`, [
    id,
  ]);
  if (!r) throw new ArenaError('UNKNOWN_AGENT', `no agent ${id}`);
  return toAgent(r);
}

export interface AgentFilter {
  game?: string;
  kind?: AgentRecord['kind'];
  limit: number;
  offset: number;
}

export async function listAgents(q: Sql, f: AgentFilter): Promise<{ items: AgentRecord[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.game !== undefined) {
    params.push(JSON.stringify([f.game]));
    where.push(`games @> $${params.length}::jsonb`);
  }
  if (f.kind !== undefined) {
    params.push(f.kind);
    where.push(`kind = $${params.length}`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = (await q.query(`SELECT count(*) AS total FROM agents ${w}`, params)) as [{ total: unknown }];
  const rows = await q.query(
    `SELECT ${COLUMNS} FROM agents ${w} ORDER BY created_at, name LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items: rows.map(toAgent), total: num(total) };
}

export interface BuiltinSpec {
  /** Registry id (agents/registry.ts), stored as `ref`. */
  id: string;
  title: string;
  description: string;
  games: string[];
}

/**
 * Make sure every built-in agent exists, with its current game list. Idempotent: run at every
 * boot, so agents and games added to the registries appear without any server change. A name
 * already taken by someone else's bot (in any case) becomes `builtin-<id>`, a namespace nobody else
 * can register; should even that be taken (by a row older than the rule), `builtin-<id>-2`, `-3`…,
 * so nothing a user registered can stop the boot.
 */
export async function syncBuiltins(
  q: Sql,
  specs: readonly BuiltinSpec[],
): Promise<{ added: string[]; updated: string[] }> {
  const added: string[] = [];
  const updated: string[] = [];
  for (const s of specs) {
    const [existing] = await q.query<{ id: string; games: string[]; description: string }>(
      `SELECT id, games, description FROM agents WHERE kind = 'builtin' AND ref = $1`,
      [s.id],
    );
    const description = `${s.title}: ${s.description}`;
    if (existing) {
      const games = [...new Set([...existing.games, ...s.games])].sort();
      if (games.join() !== [...existing.games].sort().join() || existing.description !== description) {
        await q.query(`UPDATE agents SET games = $2::jsonb, description = $3 WHERE id = $1`, [
          existing.id,
          JSON.stringify(games),
          description,
        ]);
        updated.push(s.id);
      }
      continue;
    }
    let name = s.id;
    for (let n = 1; await agentByName(q, name); n++) name = `${BUILTIN_PREFIX}${s.id}${n > 1 ? `-${n}` : ''}`;
    await insertAgent(q, { name, owner: 'ludus', games: [...s.games].sort(), description, kind: 'builtin', ref: s.id });
    added.push(s.id);
  }
  return { added, updated };
}
