/** Trained policy snapshots (CheckpointRecord); each one is also registered as a 'checkpoint' agent. */
import type { CheckpointRecord } from '../contracts.ts';
import type { Json } from '../../games/core/types.ts';
import { insertAgent, agentById } from './agents.ts';
import type { AgentRecord } from '../contracts.ts';
import { ArenaError } from '../errors.ts';
import { iso, type Row, type Sql, type SqlDb } from './sql.ts';

function toCheckpoint(r: Row, withWeights: boolean): CheckpointRecord & { agentId: string } {
  return {
    id: String(r.id),
    name: String(r.name),
    game: String(r.game),
    config: r.config as Json,
    architecture: r.architecture as Json,
    weights: withWeights ? String(r.weights) : '',
    training: r.training as Json,
    parent: r.parent === null || r.parent === undefined ? null : String(r.parent),
    createdAt: iso(r.created_at),
    agentId: String(r.agent_id),
  };
}

/** Store a checkpoint and its agent in one transaction. A checkpoint id is stored once. */
export async function saveCheckpoint(
  db: SqlDb,
  rec: CheckpointRecord,
  owner: string,
  role?: AgentRecord['role'],
): Promise<{ checkpoint: CheckpointRecord; agent: AgentRecord }> {
  return db.transaction((tx) => insertCheckpoint(tx, rec, owner, role));
}

/**
 * The checkpoint and its agent inside the caller's transaction (an evaluation finishes with its
 * exploiter in the same transaction as its compare-and-set). CONFLICT when the id is stored already.
 */
export async function insertCheckpoint(
  tx: Sql,
  rec: CheckpointRecord,
  owner: string,
  role?: AgentRecord['role'],
): Promise<{ checkpoint: CheckpointRecord; agent: AgentRecord }> {
  const [exists] = await tx.query('SELECT 1 FROM checkpoints WHERE id = $1', [rec.id]);
  if (exists) throw new ArenaError('CONFLICT', `checkpoint ${rec.id} already exists`);
  const { agent } = await insertAgent(tx, {
    name: rec.name,
    owner,
    games: [rec.game],
    description: `checkpoint ${rec.id}${rec.parent ? ` (from ${rec.parent})` : ''}`,
    kind: 'checkpoint',
    ref: rec.id,
    ...(role ? { role } : {}),
  });
  await tx.query(
    `INSERT INTO checkpoints (id, name, game, config, architecture, weights, training, parent, created_at, agent_id)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7::jsonb, $8, $9, $10)`,
    [
      rec.id,
      rec.name,
      rec.game,
      JSON.stringify(rec.config),
      JSON.stringify(rec.architecture),
      rec.weights,
      JSON.stringify(rec.training),
      rec.parent,
      rec.createdAt,
      agent.id,
    ],
  );
  return { checkpoint: rec, agent };
}

/** Listing leaves the weights out (they can be megabytes); get one to download them. */
export async function listCheckpoints(q: Sql, game?: string): Promise<(CheckpointRecord & { agentId: string })[]> {
  const rows = await q.query(
    `SELECT id, name, game, config, architecture, training, parent, created_at, agent_id FROM checkpoints
     ${game === undefined ? '' : 'WHERE game = $1'} ORDER BY created_at, id`,
    game === undefined ? [] : [game],
  );
  return rows.map((r) => toCheckpoint(r, false));
}

export async function getCheckpoint(q: Sql, id: string): Promise<(CheckpointRecord & { agentId: string }) | null> {
  const [r] = await q.query('SELECT * FROM checkpoints WHERE id = $1', [id]);
  return r ? toCheckpoint(r, true) : null;
}

export async function checkpointOfAgent(q: Sql, agentId: string): Promise<CheckpointRecord | null> {
  const a = await agentById(q, agentId);
  if (!a || a.kind !== 'checkpoint' || !a.ref) return null;
  return getCheckpoint(q, a.ref);
}
