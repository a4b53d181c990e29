/**
 * Who is calling: `Authorization: Bearer <token>` carries either the admin token or an agent's
 * token. No token or an unknown/revoked one → 401 UNAUTHORIZED; a valid agent token acting on
 * another agent → 403 FORBIDDEN. Every failed authentication is counted against the caller's
 * address (server/auth-failures.ts): past the limit, authenticated routes answer 429 RATE_LIMITED
 * with Retry-After, before the token is even looked at.
 */
import type { IncomingMessage as Request } from 'node:http';
import type { AgentRecord } from '../contracts.ts';
import { ArenaError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { bearer } from '../store/tokens.ts';
import type { AuthFailureLimiter } from '../auth-failures.ts';
import { clientAddress, rateLimited } from './rate-limits.ts';

export interface AuthDeps {
  store: Store;
  authFailures?: AuthFailureLimiter;
}

async function refuse(deps: AuthDeps, req: Request, message: string): Promise<never> {
  await deps.authFailures?.fail(clientAddress(req));
  throw new ArenaError('UNAUTHORIZED', message);
}

function tokenOf(deps: AuthDeps, req: Request): string | undefined {
  const f = deps.authFailures;
  const blocked = f?.blockedFor(clientAddress(req)) ?? 0;
  if (blocked > 0) throw rateLimited(blocked, 'too many failed authentications from this address', f!.budget);
  return bearer(req.headers.authorization);
}

export async function requireAdmin(deps: AuthDeps, req: Request): Promise<void> {
  const token = tokenOf(deps, req);
  if (!token)
    throw new ArenaError('UNAUTHORIZED', 'this endpoint needs the admin token (Authorization: Bearer <token>)');
  if (!(await deps.store.isAdmin(token))) await refuse(deps, req, 'bad admin token');
}

export async function requireAgent(deps: AuthDeps, req: Request): Promise<AgentRecord> {
  const token = tokenOf(deps, req);
  if (!token) throw new ArenaError('UNAUTHORIZED', 'missing token (Authorization: Bearer <token>)');
  const agent = await deps.store.authenticate(token);
  return agent ?? refuse(deps, req, 'unknown or revoked token');
}

/** The agent itself (its own token) or the admin. */
export async function requireSelfOrAdmin(deps: AuthDeps, req: Request, agentId: string): Promise<'admin' | 'self'> {
  const token = tokenOf(deps, req);
  if (!token) throw new ArenaError('UNAUTHORIZED', 'missing token (Authorization: Bearer <token>)');
  if (await deps.store.isAdmin(token)) return 'admin';
  const agent = (await deps.store.authenticate(token)) ?? (await refuse(deps, req, 'unknown or revoked token'));
  if (agent.id !== agentId)
    throw new ArenaError('FORBIDDEN', `this token belongs to ${agent.name}, not to agent ${agentId}`);
  return 'self';
}
