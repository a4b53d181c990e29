/**
 * The match loop, step-wise: ONE implementation that every driver uses.
 *   - `playMatch` (runner.ts) drives it synchronously for the CLI, tournaments, training and benches;
 *   - `LiveMatch` (server/live/match.ts) drives it from the network: clocks, connections, messages;
 *   - leagues and tournaments go through the live match service, hence through it too.
 *
 * Four operations, after boardgame.io's master (one place that applies actions, whatever brought them):
 *   1. `toAct()` / `awaits(seat)`: the seats that must act at this step, and which of them have not yet;
 *   2. `submit(seat, action)`: validate an untrusted action (typed GameError: GAME_OVER, SCHEMA,
 *      NOT_YOUR_TURN, ILLEGAL_ACTION) and hold it for the step; `playDefault(seat)` holds the game's
 *      default action (a timeout);
 *   3. `advance()`: once every acting seat has an action, step the engine, log the joint action and the
 *      rewards;
 *   4. `finish()`: end the match with an outcome. This is the one place where a fault becomes a loss
 *      (through games/core/standings.ts) and where the final hash is taken.
 * Faults are recorded as they happen (`fault(seat, kind)`): a seat that timed out under a forfeit rule,
 * left for good, or crashed. A match may go on after a fault (an abandoned seat plays default actions)
 * or finish at once; either way the first fault names the outcome and every faulty seat ranks last.
 *
 * It knows nothing of transports or clocks. Hot path: with `validate: false, record: false` a step
 * allocates only the joint-action array the engine consumes (tournaments play millions of turns).
 */
import { GameError } from './errors.ts';
import { hashState, parseConfig, checkAction, toJson } from './kernel.ts';
import { adjudicate, type Standings } from './standings.ts';
import type { AnyGame, GameEvent, Json, MatchResult, Replay, Seat, StepResult } from './types.ts';

/**
 * What a seat did wrong: ran out of time under a forfeit rule, left for good (by dropping away, or on
 * purpose: `resign`), or failed (threw, answered garbage).
 */
export type FaultKind = 'timeout' | 'disconnect' | 'resign' | 'crash';

/**
 * How a match ended, beyond the engine's own result (ratings policy: docs/ratings.md):
 * - `normal`: the engine reached a terminal state (or the step cap) with nobody at fault;
 * - `timeout-forfeit` / `disconnect` / `crash`: the first fault was of that kind (`faultSeat` names the seat);
 *   a resignation is leaving for good on purpose: outcome `disconnect`, reason `resign`;
 * - `crash` without a fault seat: the engine itself failed (our bug; never rated);
 * - `aborted`: stopped from outside (server shutdown); never rated.
 */
export type Outcome = 'normal' | 'timeout-forfeit' | 'disconnect' | 'crash' | 'aborted';

const OUTCOME_OF_FAULT: Record<FaultKind, Outcome> = {
  timeout: 'timeout-forfeit',
  disconnect: 'disconnect',
  resign: 'disconnect',
  crash: 'crash',
};

export interface MatchOptions {
  /** Stop after this many steps (reason `truncated`); engines have their own caps too. Default: none. */
  maxSteps?: number;
  /** Validate every submitted action (default true). Loops over trusted agents may turn it off. */
  validate?: boolean;
  /** Keep the action and reward logs for the replay (default true). Long tournaments turn it off. */
  record?: boolean;
  /** Called after every step, e.g. to render or record. */
  onStep?: (e: {
    step: number;
    state: any;
    actions: (unknown | undefined)[];
    events: GameEvent[];
    rewards: number[];
  }) => void;
}

/** A finished match: everything needed to store, rate and replay it. */
export interface MatchRecord {
  /** The engine's result, adjudicated: `ranks` per seat, `winner` agreeing with them, `reason`. */
  result: Standings;
  outcome: Outcome;
  /** The first seat at fault (absent for `normal` and `aborted`, and for an engine failure). */
  faultSeat?: Seat;
  /** Every seat at fault, in the order of their faults. */
  faultSeats: Seat[];
  /** `{game, config, seed, actions, finalHash}`; `actions` is empty when the log was not recorded. */
  replay: Replay;
  /** Steps played. */
  steps: number;
  /** True when the match ended before the engine's terminal state (step cap, fault, abort, engine error). */
  truncated: boolean;
  /** SHA-256 of the final state's canonical JSON (computed on first access). */
  finalHash: string;
  /** Per-step rewards, rewards[step][seat] (empty when the log was not recorded). */
  rewards: number[][];
  /** The sum of each seat's rewards over the steps played. */
  rewardSums: number[];
  /** The final engine state (do not step it). */
  state: any;
}

/** An action as the replay log stores it: plain JSON (primitives need no copy). */
export function logEntry(a: unknown): Json | null {
  if (a === undefined || a === null) return null;
  return typeof a === 'object' ? toJson(a) : (a as Json);
}

/**
 * The MatchRecord `finish` returns. The per-step reward rows and the final hash are built on first read
 * (prototype getters, so every record has one shape): tournaments and benches of thousands of short
 * matches read neither, and building 200 reward rows a match cost about 6 % of in-process `playMatch`.
 */
class FinishedRecord implements MatchRecord {
  faultSeat?: Seat;
  #rewards: number[][] | undefined;
  constructor(
    readonly result: Standings,
    readonly outcome: Outcome,
    readonly faultSeats: Seat[],
    readonly replay: Replay,
    readonly steps: number,
    readonly truncated: boolean,
    readonly rewardSums: number[],
    readonly state: any,
    private readonly rewardLog: readonly number[],
    private readonly width: number,
    private readonly hashOf: () => string,
  ) {}
  get rewards(): number[][] {
    return (this.#rewards ??= rows(this.rewardLog, this.width));
  }
  get finalHash(): string {
    return this.hashOf();
  }
}

function rows<T>(flat: readonly T[], width: number): T[][] {
  const out: T[][] = new Array(width === 0 ? 0 : flat.length / width);
  for (let i = 0, r = 0; i < flat.length; i += width, r++) out[r] = flat.slice(i, i + width);
  return out;
}

export class Match {
  readonly game: AnyGame;
  readonly seed: number;
  /** The parsed config. */
  readonly config: any;
  readonly numSeats: number;

  private current: any;
  private stepIndex = 0;
  private acting: readonly Seat[] = [];
  /** waiting[seat] = 1 while an acting seat has no action for this step. */
  private readonly waiting: Uint8Array;
  private missing = 0;
  private joint: unknown[] = [];
  private readonly faults: { seat: Seat; kind: FaultKind }[] = [];
  private record: MatchRecord | undefined;
  private engineFailed = false;
  private readonly sums: number[];
  // Flat logs (one entry per seat per step), reshaped into rows at the end: nothing is allocated per
  // step for the log beyond the array growth.
  private readonly actionLog: (Json | null)[] = [];
  private readonly rewardLog: number[] = [];
  private readonly validate: boolean;
  private readonly recording: boolean;
  private readonly maxSteps: number;

  /** @param rawConfig a config to parse (BAD_CONFIG on failure), or one already parsed by `parseConfig` */
  constructor(
    game: AnyGame,
    rawConfig: unknown,
    seed: number,
    private readonly opts: MatchOptions = {},
  ) {
    this.game = game;
    this.seed = seed;
    this.config = parseConfig(game, rawConfig);
    this.numSeats = game.numSeats(this.config);
    this.current = game.init(this.config, seed);
    this.waiting = new Uint8Array(this.numSeats);
    this.sums = new Array<number>(this.numSeats).fill(0);
    this.validate = opts.validate ?? true;
    this.recording = opts.record ?? true;
    this.maxSteps = opts.maxSteps ?? Infinity;
    this.openStep();
  }

  /** The current engine state (read-only use: observations, spectators, tests). */
  get state(): any {
    return this.current;
  }
  /** Index of the current step (0-based); equals the number of steps played. */
  get step(): number {
    return this.stepIndex;
  }
  /** True once `finish` has run. */
  get over(): boolean {
    return this.record !== undefined;
  }
  /** True when no further step can be played: the engine's terminal state, or the step cap. */
  get done(): boolean {
    return this.record !== undefined || this.acting.length === 0 || this.stepIndex >= this.maxSteps;
  }
  /** Each seat's rewards summed over the steps played so far. */
  get rewardSums(): readonly number[] {
    return this.sums;
  }
  /** Seats at fault so far, in order. */
  get faultSeats(): Seat[] {
    return this.faults.map((f) => f.seat);
  }

  /** The seats that must act at this step (all of them, including those that already have). */
  toAct(): readonly Seat[] {
    return this.acting;
  }

  /** True while `seat` must act at this step and has not yet. */
  awaits(seat: Seat): boolean {
    return this.waiting[seat] === 1;
  }

  /** True when every acting seat has an action: `advance()` may run. */
  get ready(): boolean {
    return this.missing === 0 && !this.done;
  }

  /**
   * Hold a seat's action for this step. With validation on, the action is checked: GAME_OVER, SCHEMA,
   * NOT_YOUR_TURN (nothing to do, or already answered), then the game's ILLEGAL_ACTION; nothing is held
   * when it throws. Returns the parsed action.
   */
  submit(seat: Seat, raw: unknown): unknown {
    if (this.record !== undefined) throw new GameError('GAME_OVER', 'the match is over');
    if (this.waiting[seat] !== 1) {
      if (this.done) throw new GameError('GAME_OVER', 'the match is over');
      const already = this.acting.includes(seat);
      throw new GameError(
        'NOT_YOUR_TURN',
        already
          ? `seat ${seat} has already answered step ${this.stepIndex}`
          : `seat ${seat} has nothing to do at step ${this.stepIndex}`,
      );
    }
    // GAME_OVER and NOT_YOUR_TURN were settled above (the loop knows whose turn it is): only the action's own checks remain.
    const action = this.validate ? checkAction(this.game, this.current, seat, raw) : raw;
    this.hold(seat, action);
    return action;
  }

  /** Hold the game's default action for a seat that must act (a timeout, or an abandoned seat). */
  playDefault(seat: Seat): unknown {
    if (this.waiting[seat] !== 1)
      throw new GameError('NOT_YOUR_TURN', `seat ${seat} has nothing to do at step ${this.stepIndex}`);
    const action = this.game.defaultAction(this.current, seat);
    this.hold(seat, action);
    return action;
  }

  /** Record a fault. The match goes on until the caller finishes it (a forfeit) or it ends by itself. */
  fault(seat: Seat, kind: FaultKind): void {
    if (this.record !== undefined || this.faults.some((f) => f.seat === seat)) return;
    this.faults.push({ seat, kind });
  }

  /**
   * Step the engine with the held joint action. Returns the step's result, or undefined when the engine
   * itself threw: the match is then finished as a `crash` with no seat at fault (never rated).
   */
  advance(): StepResult<any> | undefined {
    if (!this.ready)
      throw new Error(`Match.advance: ${this.done ? 'the match is done' : `${this.missing} seat(s) have not acted`}`);
    const joint = this.joint;
    let r: StepResult<any>;
    try {
      r = this.game.step(this.current, joint);
    } catch {
      this.engineFailed = true;
      this.finish();
      return undefined;
    }
    const n = this.numSeats;
    const rewards = r.rewards;
    const sums = this.sums;
    const recording = this.recording;
    for (let i = 0; i < n; i++) {
      const x = rewards[i] ?? 0;
      sums[i]! += x;
      if (recording) {
        this.actionLog.push(logEntry(joint[i]));
        this.rewardLog.push(x);
      }
    }
    this.current = r.state;
    const step = this.stepIndex++;
    this.opts.onStep?.({ step, state: this.current, actions: joint, events: r.events, rewards: r.rewards });
    this.openStep();
    return r;
  }

  /**
   * End the match (idempotent: later calls return the same record). The outcome follows from what
   * happened: `abort` stops it as `aborted`; otherwise the first fault names it, or `normal`.
   * @param abort a reason, e.g. 'shutdown', to end the match as `aborted` (never rated)
   */
  finish(abort?: string): MatchRecord {
    if (this.record) return this.record;
    const game = this.game;
    const state = this.current;
    const terminal = game.isTerminal(state);
    let engineResult: MatchResult;
    try {
      engineResult = game.result(state);
    } catch {
      // Engines may define a result only at the end: a match cut short falls back to the rewards so far.
      engineResult = { returns: [...this.sums] };
    }
    const first = this.faults[0];
    const faultSeats = this.faults.map((f) => f.seat);
    let outcome: Outcome;
    let reason: string | undefined;
    if (abort !== undefined) {
      outcome = 'aborted';
      reason = abort;
    } else if (this.engineFailed) {
      outcome = 'crash';
      reason = 'engine-error';
    } else if (first) {
      outcome = OUTCOME_OF_FAULT[first.kind];
      reason = first.kind;
    } else {
      outcome = 'normal';
      reason = terminal ? engineResult.reason : 'truncated';
    }
    // Aborted and engine-failed matches blame nobody; faults decide the ranks otherwise.
    const blamed = outcome === 'aborted' || this.engineFailed ? [] : faultSeats;
    const result = adjudicate(reason === undefined ? engineResult : { ...engineResult, reason }, blamed);
    const n = this.numSeats;
    let hash: string | undefined;
    const finalHash = () => (hash ??= hashState(game, state));
    const replay = {
      game: game.id,
      config: toJson(this.config),
      seed: this.seed,
      actions: rows(this.actionLog, n),
    } as Replay;
    Object.defineProperty(replay, 'finalHash', { get: finalHash, enumerable: true });
    // The final hash costs a full serialisation; tournaments of thousands of short matches rarely read it.
    const record = new FinishedRecord(
      result,
      outcome,
      blamed,
      replay,
      this.stepIndex,
      !terminal,
      [...this.sums],
      state,
      this.rewardLog,
      n,
      finalHash,
    );
    if (blamed.length > 0) record.faultSeat = blamed[0]!;
    this.record = record;
    this.acting = [];
    this.waiting.fill(0);
    this.missing = 0;
    return record;
  }

  private hold(seat: Seat, action: unknown): void {
    this.joint[seat] = action;
    this.waiting[seat] = 0;
    this.missing--;
  }

  private openStep(): void {
    this.joint = new Array(this.numSeats).fill(undefined);
    const acting = this.stepIndex >= this.maxSteps ? [] : this.game.toAct(this.current);
    this.acting = acting;
    for (let i = 0; i < acting.length; i++) this.waiting[acting[i]!] = 1;
    this.missing = acting.length;
  }
}
