/**
 * Per-connection token bucket. Every message costs one token except an action that is accepted for a
 * pending turn, so a bot that only answers its turns is never limited however fast it plays, while a
 * connection that floods (bad frames, pings, repeated seeks, rejected actions) is throttled.
 */
export interface RateLimit {
  /** Bucket size: how many messages may arrive at once. */
  burst: number;
  /** Refill rate, tokens per second. */
  perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 60, perSecond: 20 };

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limit.burst;
    this.last = this.now();
  }

  /** Take `n` tokens (default 1); false (nothing taken) when the bucket holds fewer. */
  take(n = 1): boolean {
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Milliseconds until one token is available. */
  retryAfterMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.limit.perSecond) * 1000);
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((t - this.last) / 1000) * this.limit.perSecond);
    this.last = t;
  }
}

/**
 * A connection's message budget, as every transport applies it (/bot and Colyseus rooms alike):
 * `charge()` takes a token; when the bucket is empty the message is dropped and the sender gets one
 * RATE_LIMITED error per refill interval at most (a flood is not answered with a flood).
 */
export class Throttle {
  readonly bucket: TokenBucket;
  private lastNotice = -Infinity;

  constructor(
    limit: RateLimit,
    private readonly notify: (retryAfterMs: number, limit: RateLimit) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.bucket = new TokenBucket(limit, now);
  }

  /** True when the message may be handled; false (after at most one notice per interval) when it must be dropped. */
  charge(cost = 1): boolean {
    if (this.bucket.take(Math.min(cost, this.bucket.limit.burst))) return true;
    const t = this.now();
    const retryAfterMs = this.bucket.retryAfterMs();
    if (t - this.lastNotice >= Math.max(retryAfterMs, 250)) {
      this.lastNotice = t;
      this.notify(retryAfterMs, this.bucket.limit);
    }
    return false;
  }
}

/**
 * Limits on connections, shared by /bot and the Colyseus rooms (docs/protocol.md § limits): how many
 * connections one IP address and one agent may hold open, and how many failed authentications one IP
 * may make (a token bucket: beyond it, a token is refused with RATE_LIMITED without being looked up).
 */
export interface ConnectionLimits {
  /** Open connections per IP address, /bot and room clients together (default 64). */
  perIp: number;
  /** Open authenticated connections per agent, /bot and room clients together (default 8). */
  perAgent: number;
  /** Failed authentications per IP address (default burst 10, then 1 a second). */
  authFailures: RateLimit;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  perIp: 64,
  perAgent: 8,
  authFailures: { burst: 10, perSecond: 1 },
};

export class ConnectionGuard {
  readonly limits: ConnectionLimits;
  private readonly perIp = new Map<string, number>();
  private readonly failures = new Map<string, TokenBucket>();
  /** Connections closed for flooding, per IP: past 3 (one back every 10 s), new connections are refused. */
  private readonly floods = new Map<string, TokenBucket>();

  constructor(limits: Partial<ConnectionLimits> = {}) {
    this.limits = { ...DEFAULT_CONNECTION_LIMITS, ...limits };
  }

  /** Count a new connection from `ip`; false (nothing counted) when the IP is at its limit. */
  open(ip: string): boolean {
    const n = this.perIp.get(ip) ?? 0;
    if (n >= this.limits.perIp) return false;
    this.perIp.set(ip, n + 1);
    return true;
  }

  close(ip: string): void {
    const n = (this.perIp.get(ip) ?? 1) - 1;
    if (n <= 0) this.perIp.delete(ip);
    else this.perIp.set(ip, n);
  }

  connections(ip: string): number {
    return this.perIp.get(ip) ?? 0;
  }

  /** A connection from `ip` was closed for flooding (4429). */
  penalise(ip: string): void {
    let b = this.floods.get(ip);
    if (!b) {
      if (this.floods.size > 10_000) this.floods.clear();
      this.floods.set(ip, (b = new TokenBucket({ burst: 3, perSecond: 0.1 })));
    }
    b.take();
  }

  /** True while `ip` may not open new connections because its connections kept flooding. */
  penalised(ip: string): boolean {
    return (this.floods.get(ip)?.retryAfterMs() ?? 0) > 0;
  }

  /** Milliseconds until `ip` may try a token again (0: now). */
  authRetryAfterMs(ip: string): number {
    return this.failures.get(ip)?.retryAfterMs() ?? 0;
  }

  /** A token from `ip` was wrong: spend one of its attempts. */
  authFailed(ip: string): void {
    let b = this.failures.get(ip);
    if (!b) {
      if (this.failures.size > 10_000) this.failures.clear(); // bounded memory under a spray of addresses
      this.failures.set(ip, (b = new TokenBucket(this.limits.authFailures)));
    }
    b.take();
  }
}
