/**
 * Time control per game: a per-turn allowance plus a per-match overage bank, as Kaggle environments
 * do (`actTimeout` + `remainingOverageTime`, kaggle_environments/schemas.json), with Showdown's VGC
 * figures as the default for VGC (55 s a turn, 420 s bank, 60 s to reconnect; smogon/pokemon-showdown
 * data/rulesets.ts). Cheap games get much shorter clocks. Callers may override any field per game.
 */
import type { Timing } from './protocol.ts';

export type { Timing };

/** Defaults for games not listed below (cheap, fast games). */
export const DEFAULT_TIMING: Timing = { turnMs: 2_000, bankMs: 30_000, onTimeout: 'default', reconnectMs: 60_000 };

/** Games whose turns need more thought than the default. */
export const GAME_TIMING: Readonly<Record<string, Partial<Timing>>> = {
  vgc: { turnMs: 55_000, bankMs: 420_000 },
  // Sumo runs hundreds of short control steps; a slow bot must not stall the physics for long.
  sumo: { turnMs: 1_000, bankMs: 20_000 },
  // Trust-and-Split is played by language models (Advantage Alignment's LLM setting): a turn is a chat
  // completion that writes a message of up to 500 characters, several seconds on a hosted model.
  'trust-and-split': { turnMs: 30_000, bankMs: 300_000 },
};

/**
 * People need longer than bots: a human seat gets at least 30 s a turn and Showdown's ladder bank of
 * 150 s (smogon/pokemon-showdown data/rulesets.ts), or the game's own clock where that is longer (VGC).
 */
export const HUMAN_MIN_TIMING = { turnMs: 30_000, bankMs: 150_000 } as const;

/** The clock of a seat: the game's timing, stretched to the human minimum for human seats. */
export function seatTiming(timing: Timing, kind: string): Timing {
  if (kind !== 'human') return timing;
  return {
    ...timing,
    turnMs: Math.max(timing.turnMs, HUMAN_MIN_TIMING.turnMs),
    bankMs: Math.max(timing.bankMs, HUMAN_MIN_TIMING.bankMs),
  };
}

export type TimingOverrides = Partial<Timing> & { games?: Record<string, Partial<Timing>> };

/** The timing for one game: built-in defaults, then the game's entry, then the caller's overrides. */
export function timingFor(game: string, overrides: TimingOverrides = {}): Timing {
  const { games, ...all } = overrides;
  return { ...DEFAULT_TIMING, ...GAME_TIMING[game], ...all, ...games?.[game] };
}

/**
 * Detects the server's own stalls: a timer that should fire every `intervalMs` and notes by how much it
 * was late (event-loop lag, the same measure as Node's monitorEventLoopDelay). Lateness beyond
 * `thresholdMs` counts as stalled time; `total(now)` also counts a stall still in progress (the loop is
 * busy right now, e.g. an action read only after a long parse). Seat clocks subtract the stalled time
 * of a turn, so a bot is never charged for time in which the server could not read its answer.
 */
export class StallMeter {
  private stalled = 0;
  private last: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly intervalMs = 10,
    readonly thresholdMs = 15,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.last = now();
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  private tick(): void {
    const t = this.now();
    const lag = t - this.last - this.intervalMs;
    if (lag > this.thresholdMs) this.stalled += lag;
    this.last = t;
  }

  /** Milliseconds of stall since the meter started, up to `now` (a stall in progress included). */
  total(now = this.now()): number {
    const lag = now - this.last - this.intervalMs;
    return this.stalled + (lag > this.thresholdMs ? lag : 0);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * The clock of one seat. A turn may use `turnMs` for free; anything beyond is taken from the bank.
 * The seat times out when a turn lasts longer than `turnMs + bank`; the bank is then empty. A turn's
 * time runs from when the server offered it, minus the server's own stalls during the turn (`stall`,
 * a StallMeter's `total`).
 */
export class SeatClock {
  bankMs: number;
  /** When the current turn was offered (ms, performance.now()), or -1 when no turn is pending. */
  turnStart = -1;
  private stallAtStart = 0;

  constructor(
    readonly timing: Timing,
    private readonly stall?: (now: number) => number,
  ) {
    this.bankMs = timing.bankMs;
  }

  start(now: number): void {
    this.turnStart = now;
    this.stallAtStart = this.stall?.(now) ?? 0;
  }

  /** Milliseconds of this turn the server spent stalled (credited back to the seat). */
  credit(now: number): number {
    return this.stall && this.turnStart >= 0 ? Math.max(0, this.stall(now) - this.stallAtStart) : 0;
  }

  /** Milliseconds the seat is charged for this turn so far. */
  elapsed(now: number): number {
    return Math.max(0, now - this.turnStart - this.credit(now));
  }

  /** Milliseconds until this seat times out, from `now`. */
  remaining(now: number): number {
    return Math.max(0, this.timing.turnMs + this.bankMs - this.elapsed(now));
  }

  /** Milliseconds left in the free per-turn allowance. */
  turnLeft(now: number): number {
    return Math.max(0, this.timing.turnMs - this.elapsed(now));
  }

  /** Milliseconds left in the bank at `now`, after what this turn has already overrun its allowance. */
  bankLeft(now: number): number {
    if (this.turnStart < 0) return this.bankMs;
    return Math.max(0, this.bankMs - Math.max(0, this.elapsed(now) - this.timing.turnMs));
  }

  /** Close the turn when an action arrives; returns the think time charged and drains the overrun from the bank. */
  stop(now: number): number {
    const elapsed = this.elapsed(now);
    this.bankMs = Math.max(0, this.bankMs - Math.max(0, elapsed - this.timing.turnMs));
    this.turnStart = -1;
    return elapsed;
  }

  /** The seat ran out of time: the bank is spent. Returns the think time charged. */
  expire(now: number): number {
    const elapsed = this.elapsed(now);
    this.bankMs = 0;
    this.turnStart = -1;
    return elapsed;
  }
}
