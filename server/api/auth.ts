/**
 * Who is calling: `Authorization: Bearer <token>` carries either the admin token or an agent's
 * token. No token or an unknown/revoked one → 401 UNAUTHORIZED; a valid agent token acting on
 * another agent → 403 FORBIDDEN.
 */
import type { IncomingMessage as Request } from 'node:http';
import type { AgentRecord } from '../contracts.ts';
import { ArenaError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { bearer } from '../store/tokens.ts';

export async function requireAdmin(store: Store, req: Request): Promise<void> {
  const token = bearer(req.headers.authorization);
  if (!token) throw new ArenaError('UNAUTHORIZED', 'this endpoint needs the admin token (Authorization: Bearer <token>)');
  if (!(await store.isAdmin(token))) throw new ArenaError('UNAUTHORIZED', 'bad admin token');
}

export async function requireAgent(store: Store, req: Request): Promise<AgentRecord> {
  const token = bearer(req.headers.authorization);
  if (!token) throw new ArenaError('UNAUTHORIZED', 'missing token (Authorization: Bearer <token>)');
  const agent = await store.authenticate(token);
  if (!agent) throw new ArenaError('UNAUTHORIZED', 'unknown or revoked token');
  return agent;
}

/** The agent itself (its own token) or the admin. */
export async function requireSelfOrAdmin(store: Store, req: Request, agentId: string): Promise<'admin' | 'self'> {
  const token = bearer(req.headers.authorization);
  if (!token) throw new ArenaError('UNAUTHORIZED', 'missing token (Authorization: Bearer <token>)');
  if (await store.isAdmin(token)) return 'admin';
  const agent = await store.authenticate(token);
  if (!agent) throw new ArenaError('UNAUTHORIZED', 'unknown or revoked token');
  if (agent.id !== agentId) throw new ArenaError('FORBIDDEN', `this token belongs to ${agent.name}, not to agent ${agentId}`);
  return 'self';
}
