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
};

/**
 * People need longer than bots: a human seat gets at least 30 s a turn and Showdown's ladder bank of
 * 150 s (smogon/pokemon-showdown data/rulesets.ts), or the game's own clock where that is longer (VGC).
 */
export const HUMAN_MIN_TIMING = { turnMs: 30_000, bankMs: 150_000 } as const;

/** The clock of a seat: the game's timing, stretched to the human minimum for human seats. */
export function seatTiming(timing: Timing, kind: string): Timing {
  if (kind !== 'human') return timing;
  return { ...timing, turnMs: Math.max(timing.turnMs, HUMAN_MIN_TIMING.turnMs), bankMs: Math.max(timing.bankMs, HUMAN_MIN_TIMING.bankMs) };
}

export type TimingOverrides = Partial<Timing> & { games?: Record<string, Partial<Timing>> };

/** The timing for one game: built-in defaults, then the game's entry, then the caller's overrides. */
export function timingFor(game: string, overrides: TimingOverrides = {}): Timing {
  const { games, ...all } = overrides;
  return { ...DEFAULT_TIMING, ...GAME_TIMING[game], ...all, ...games?.[game] };
}

/**
 * The clock of one seat. A turn may use `turnMs` for free; anything beyond is taken from the bank.
 * The seat times out when a turn lasts longer than `turnMs + bank`; the bank is then empty.
 */
export class SeatClock {
  bankMs: number;
  /** When the current turn was offered (ms, performance.now()), or -1 when no turn is pending. */
  turnStart = -1;

  constructor(readonly timing: Timing) {
    this.bankMs = timing.bankMs;
  }

  start(now: number): void {
    this.turnStart = now;
  }

  /** Milliseconds until this seat times out, from `now`. */
  remaining(now: number): number {
    return Math.max(0, this.turnStart + this.timing.turnMs + this.bankMs - now);
  }

  /** Milliseconds left in the free per-turn allowance. */
  turnLeft(now: number): number {
    return Math.max(0, this.turnStart + this.timing.turnMs - now);
  }

  /** Milliseconds left in the bank at `now`, after what this turn has already overrun its allowance. */
  bankLeft(now: number): number {
    if (this.turnStart < 0) return this.bankMs;
    return Math.max(0, this.bankMs - Math.max(0, now - this.turnStart - this.timing.turnMs));
  }

  /** Close the turn when an action arrives; returns the think time and drains the overrun from the bank. */
  stop(now: number): number {
    const elapsed = now - this.turnStart;
    this.bankMs = Math.max(0, this.bankMs - Math.max(0, elapsed - this.timing.turnMs));
    this.turnStart = -1;
    return elapsed;
  }

  /** The seat ran out of time: the bank is spent. Returns the think time charged. */
  expire(now: number): number {
    const elapsed = now - this.turnStart;
    this.bankMs = 0;
    this.turnStart = -1;
    return elapsed;
  }
}
