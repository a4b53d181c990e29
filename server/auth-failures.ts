/**
 * Failed authentications counted per client address, one policy for every transport (issue 15,
 * fault 7): after `limit` failures within `ttlMs` the address is blocked for `blockMs`, whatever
 * route or transport it tries next, even with a good token — so guessing tokens costs a minute per
 * `limit` guesses (Lichess answers 429 and asks for a minute's wait; docs/references.md). The HTTP
 * API answers a blocked address with 429 `RATE_LIMITED` and `Retry-After`; the boot builds one
 * limiter per arena (`Arena.authFailures`), so /bot and Colyseus can count into the same one.
 *
 * Counters are @nestjs/throttler's in-memory storage (idle records swept every minute): a restart
 * resets them, and several servers each count their own.
 */
import { ThrottlerStorageService } from '@nestjs/throttler';

export interface AuthFailureBudget {
  /** Failures allowed within the window. */
  limit: number;
  /** Window, ms. */
  ttlMs: number;
  /** How long an address stays blocked once it has used up `limit`, ms. */
  blockMs: number;
}

export const DEFAULT_AUTH_FAILURES: AuthFailureBudget = { limit: 20, ttlMs: 60_000, blockMs: 60_000 };

export class AuthFailureLimiter {
  private readonly storage = new ThrottlerStorageService();

  constructor(readonly budget: AuthFailureBudget = DEFAULT_AUTH_FAILURES) {}

  /** Milliseconds the address stays blocked, or 0 when it may try. */
  blockedFor(address: string): number {
    const rec = this.storage.storage.get(key(address));
    return rec?.isBlocked ? Math.max(0, rec.blockExpiresAt - Date.now()) : 0;
  }

  /** Count one failed authentication from the address. */
  async fail(address: string): Promise<void> {
    // The storage blocks once the count EXCEEDS the limit it is given: limit − 1 blocks at the limit-th failure.
    await this.storage.increment(key(address), this.budget.ttlMs, this.budget.limit - 1, this.budget.blockMs, 'auth');
  }

  close(): void {
    this.storage.onApplicationShutdown();
  }
}

const key = (address: string) => `auth-failures:${address}`;
