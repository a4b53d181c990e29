/**
 * HTTP rate limits (issue 15, fault 7 / deliver 4), on @nestjs/throttler: every /api route has a
 * budget per client address and route, the routes that create rows or start work (registration,
 * `POST /api/play`, checkpoint upload) and those that re-simulate a whole match (replay export,
 * trajectories, spectator frames) a much smaller one. Failed authentications are counted by
 * server/auth-failures.ts (one policy for every transport); auth.ts answers a blocked address 429.
 *
 * A refusal is `RATE_LIMITED` (429) with `Retry-After` (seconds) and `details.retryAfterMs`, the
 * same code /bot and Colyseus rooms send for a spent message budget. The client address is the
 * socket's (express `req.ip` with no `trust proxy`): behind a reverse proxy, configure the proxy's
 * own limits. Counters live in this process's memory (ThrottlerStorageService), so a restart
 * resets them; with several servers each counts its own.
 *
 * The guard is built by hand and registered with `useGlobalGuards` (not through Nest's injector):
 * tsx/esbuild emit no decorator metadata, and this way the limits come from the boot's options.
 */
import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerGuard,
  ThrottlerStorageService,
  type ThrottlerLimitDetail,
  type ThrottlerRequest,
} from '@nestjs/throttler';
import type { IncomingMessage } from 'node:http';
import { DEFAULT_AUTH_FAILURES, type AuthFailureBudget } from '../auth-failures.ts';
import { ArenaError } from '../errors.ts';

export interface Budget {
  /** Requests allowed in a window. */
  limit: number;
  /** Window length, ms. */
  ttlMs: number;
}

export interface HttpRateLimits {
  /** Any /api route, per client address and route. */
  route: Budget;
  /** Routes marked `@Expensive()`: registration, POST /api/play, checkpoint upload; per client address and route. */
  expensive: Budget;
  /** Routes marked `@Heavy()`, which re-simulate a stored match: replay, trajectories, views. */
  heavy: Budget;
  /** Failed authentications (unknown or revoked token, bad admin token) per client address; then 429 for `blockMs`. */
  authFailures: AuthFailureBudget;
}

export const DEFAULT_HTTP_RATE_LIMITS: HttpRateLimits = {
  route: { limit: 600, ttlMs: 60_000 },
  expensive: { limit: 20, ttlMs: 60_000 },
  heavy: { limit: 120, ttlMs: 60_000 },
  authFailures: DEFAULT_AUTH_FAILURES,
};

const COST = 'ludus:cost';
/** A route that creates rows or starts a match: the `expensive` budget. */
export const Expensive = () => SetMetadata(COST, 'expensive');
/** A route that re-simulates a stored match: the `heavy` budget. */
export const Heavy = () => SetMetadata(COST, 'heavy');

/** The client address a limit is counted against. */
export function clientAddress(req: IncomingMessage): string {
  return (req as { ip?: string }).ip ?? req.socket.remoteAddress ?? 'unknown';
}

export function rateLimited(retryAfterMs: number, what: string, budget: Budget): ArenaError {
  return new ArenaError(
    'RATE_LIMITED',
    `${what}: at most ${budget.limit} in ${Math.round(budget.ttlMs / 1000)} s; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
    {
      retryAfterMs,
      limit: budget.limit,
      windowMs: budget.ttlMs,
    },
  );
}

class ArenaThrottlerGuard extends ThrottlerGuard {
  constructor(
    storage: ThrottlerStorageService,
    private readonly limits: HttpRateLimits,
  ) {
    super([{ name: 'default', limit: limits.route.limit, ttl: limits.route.ttlMs }], storage, new Reflector());
  }

  protected override async handleRequest(p: ThrottlerRequest): Promise<boolean> {
    const cost = this.reflector.getAllAndOverride<'expensive' | 'heavy' | undefined>(COST, [
      p.context.getHandler(),
      p.context.getClass(),
    ]);
    const b = cost ? this.limits[cost] : this.limits.route;
    return super.handleRequest({ ...p, limit: b.limit, ttl: b.ttlMs });
  }

  protected override async throwThrottlingException(_c: ExecutionContext, d: ThrottlerLimitDetail): Promise<void> {
    throw rateLimited(d.timeToBlockExpire * 1000, 'too many requests to this route', { limit: d.limit, ttlMs: d.ttl });
  }
}

export interface HttpRateLimiting {
  guard: ThrottlerGuard;
  close(): void;
}

export async function httpRateLimiting(limits: HttpRateLimits = DEFAULT_HTTP_RATE_LIMITS): Promise<HttpRateLimiting> {
  const storage = new ThrottlerStorageService();
  const guard = new ArenaThrottlerGuard(storage, limits);
  await guard.onModuleInit();
  return { guard, close: () => storage.onApplicationShutdown() };
}
