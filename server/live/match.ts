/**
 * One live match: the engine, its seats, their clocks, the action log. This is the single loop
 * that serves every kind of seat (in-process agent, remote bot, human): it offers a turn to each
 * acting seat, collects the actions (in-process seats answer synchronously, so a match of
 * in-process agents runs with no timer and no await between steps), applies the timeout rule,
 * steps the engine and records everything needed for a replay.
 *
 * Time rules (see timing.ts and docs/protocol.md): a per-turn allowance plus a per-match bank; on
 * timeout the game's default action is played or the seat forfeits. A disconnected seat keeps its
 * pending turn for `reconnectMs`; after that the timeout rule applies and the outcome is 'disconnect'.
 */
import { GameError } from '../../games/core/errors.ts';
import { hashState, toJson, validateAction } from '../../games/core/kernel.ts';
import type { ActInfo, AnyGame, GameEvent, Json, MatchResult, Seat } from '../../games/core/types.ts';
import type { Controller } from '../../games/core/runner.ts';
import type { FinishedMatch, LiveMatchInfo, OutcomeKind, SeatKind, SeatRecord } from '../contracts.ts';
import type { Endpoint } from './endpoint.ts';
import { ArenaError } from '../errors.ts';
import { type MatchStartMessage, type ServerMessage, type Timing, type TurnMessage } from './protocol.ts';
import { SeatClock, seatTiming } from './timing.ts';

/** How a seat is played. In-process seats carry a ready controller (built by the service). */
export type SeatPlan =
  | { kind: 'builtin' | 'checkpoint'; agentId: string | null; label: string; controller: Controller }
  | { kind: 'remote'; agentId: string; label: string }
  | { kind: 'human'; agentId: null; label: string };

export interface LiveMatchOptions {
  id: string;
  game: AnyGame;
  /** The parsed config. */
  config: any;
  seed: number;
  seats: SeatPlan[];
  timing: Timing;
  rated: boolean;
  /** Safety cap on steps (engines have their own caps too). */
  maxSteps?: number;
  /** In-process steps run back to back before yielding to the event loop, so one long match cannot starve the others. */
  sliceSteps?: number;
  /** Action JSON schema and action space, computed once per game by the service. */
  actionSchema?: Json;
  onEnd(match: FinishedMatch): void;
  log?: (line: string) => void;
  now?: () => number;
}

interface LiveSeat {
  index: Seat;
  plan: SeatPlan;
  endpoint: Endpoint | null;
  clock: SeatClock;
  pending: boolean;
  timer: NodeJS.Timeout | undefined;
  /** When `timer` fires (ms, same clock as `now`). */
  timerAt: number;
  windowTimer: NodeJS.Timeout | undefined;
  /** Gone past the reconnection window: default actions are played without waiting. */
  abandoned: boolean;
  lastReward: number | undefined;
}

/** An action as the replay log stores it: plain JSON (primitives need no copy). */
function logEntry(a: unknown): Json | null {
  if (a === undefined || a === null) return null;
  return typeof a === 'object' ? toJson(a) : (a as Json);
}

/** A flat per-step log as rows of `width`. */
function rows<T>(flat: T[], width: number): T[][] {
  const out: T[][] = new Array(flat.length / width);
  for (let i = 0, r = 0; i < flat.length; i += width, r++) out[r] = flat.slice(i, i + width);
  return out;
}

export class LiveMatch {
  readonly id: string;
  readonly game: AnyGame;
  readonly seed: number;
  readonly timing: Timing;
  readonly startedAt = new Date().toISOString();
  readonly seats: LiveSeat[];
  readonly spectators = new Set<Endpoint>();
  roomId: string | undefined;

  private state: any;
  private stepIndex = 0;
  private over = false;
  private begun = false;
  private turnOpen = false;
  private waiting = 0;
  private joint: unknown[] = [];
  private readonly thinkRow: (number | null)[];
  // The replay log, flat (one entry per seat per step, reshaped into rows at the end): a live match
  // allocates nothing per step for its log beyond the array growth, which keeps the heap per match
  // and the garbage per turn small.
  private readonly actionLog: (Json | null)[] = [];
  private readonly rewardLog: number[] = [];
  private readonly thinkLog: (number | null)[] = [];
  private disconnectFault: Seat | undefined;
  private readonly now: () => number;
  private readonly start: MatchStartMessage;

  constructor(private readonly opts: LiveMatchOptions) {
    this.id = opts.id;
    this.game = opts.game;
    this.seed = opts.seed;
    this.timing = opts.timing;
    this.now = opts.now ?? (() => performance.now());
    this.state = opts.game.init(opts.config, opts.seed);
    this.thinkRow = new Array<number | null>(opts.seats.length).fill(null);
    this.seats = opts.seats.map((plan, index) => ({
      index,
      plan,
      endpoint: null,
      clock: new SeatClock(seatTiming(opts.timing, plan.kind)),
      pending: false,
      timer: undefined,
      timerAt: Infinity,
      windowTimer: undefined,
      abandoned: false,
      lastReward: undefined,
    }));
    this.start = {
      type: 'match-start',
      matchId: this.id,
      game: this.game.id,
      config: toJson(opts.config),
      seat: 0,
      seats: this.seatRecords(),
      timing: opts.timing,
      ...(opts.actionSchema !== undefined ? { actionSchema: opts.actionSchema } : {}),
      actionSpace: toJson(this.game.actionSpace(opts.config)),
    };
  }

  get step(): number {
    return this.stepIndex;
  }
  get finished(): boolean {
    return this.over;
  }
  /** The current engine state (read-only use: spectators, tests). */
  get currentState(): any {
    return this.state;
  }

  seatRecords(): SeatRecord[] {
    return this.opts.seats.map((p, seat) => ({ seat, agentId: p.agentId, kind: p.kind as SeatKind, label: p.label }));
  }

  info(): LiveMatchInfo {
    const i: LiveMatchInfo = { id: this.id, game: this.game.id, seats: this.seatRecords(), step: this.stepIndex, startedAt: this.startedAt };
    if (this.roomId !== undefined) i.roomId = this.roomId;
    return i;
  }

  /** Seats of this match an agent holds (remote seats only). */
  seatsOf(agentId: string): LiveSeat[] {
    return this.seats.filter((s) => s.plan.kind === 'remote' && s.plan.agentId === agentId);
  }

  /** Start the match. Remote and human seats that have no endpoint yet are treated as disconnected. */
  begin(): void {
    this.begun = true;
    for (const s of this.seats) {
      if (s.plan.kind !== 'remote' && s.plan.kind !== 'human') continue;
      if (s.endpoint) this.sendStart(s);
      else this.startWindow(s);
    }
    this.run();
  }

  /** Bind a connection to a remote/human seat (first join or reconnection); it gets the pending turn again. */
  attach(seat: Seat, endpoint: Endpoint): void {
    const s = this.seats[seat]!;
    if (s.windowTimer) clearTimeout(s.windowTimer);
    s.windowTimer = undefined;
    s.endpoint = endpoint;
    s.abandoned = false;
    if (this.over || !this.begun) return; // begin() greets every bound seat
    this.sendStart(s);
    if (s.pending) this.offerTurn(s);
  }

  /** Send match-start and the pending turn again to a seat's connection, without touching its clock. */
  resend(seat: Seat): void {
    const s = this.seats[seat]!;
    if (this.over || !this.begun || !s.endpoint) return;
    this.sendStart(s);
    if (s.pending && s.clock.turnStart >= 0) s.endpoint.send(this.turnMessage(s, this.now()));
  }

  /** The current public view, for a spectator that asks again. */
  sendView(endpoint: Endpoint): void {
    endpoint.send(this.view([]));
  }

  /** A seat's connection is gone: suspend its turn clock and open the reconnection window. */
  detach(seat: Seat, endpoint: Endpoint): void {
    const s = this.seats[seat]!;
    if (s.endpoint !== endpoint) return; // already replaced by a newer connection
    s.endpoint = null;
    if (this.over) return;
    if (s.timer) clearTimeout(s.timer);
    s.timer = undefined;
    s.timerAt = Infinity;
    this.startWindow(s);
  }

  /** An action from a remote or human seat. Throws a ArenaError the caller reports; the match goes on. */
  submit(seat: Seat, step: number, raw: unknown): void {
    if (this.over) throw new ArenaError('GAME_OVER', `match ${this.id} is over`);
    if (step < this.stepIndex) throw new ArenaError('STALE_TURN', `step ${step} is over; the match is at step ${this.stepIndex}`);
    const s = this.seats[seat];
    if (!s) throw new ArenaError('NOT_YOUR_SEAT', `match ${this.id} has no seat ${seat}`);
    if (step > this.stepIndex || !s.pending) {
      throw new ArenaError('NOT_YOUR_TURN', `seat ${seat} has nothing to do at step ${step} (the match is at step ${this.stepIndex})`);
    }
    let action: unknown;
    try {
      action = validateAction(this.game, this.state, seat, raw);
    } catch (e) {
      if (e instanceof GameError) throw new ArenaError(e.code === 'SCHEMA' || e.code === 'ILLEGAL_ACTION' || e.code === 'NOT_YOUR_TURN' || e.code === 'GAME_OVER' ? e.code : 'ILLEGAL_ACTION', e.message, e.details);
      throw e;
    }
    // The turn timer stays armed: it re-checks when it fires (see armTimer), so a fast bot costs no timer work per turn.
    this.accept(s, action, s.clock.stop(this.now()));
  }

  addSpectator(endpoint: Endpoint): void {
    this.spectators.add(endpoint);
    endpoint.send(this.view([]));
  }

  removeSpectator(endpoint: Endpoint): void {
    this.spectators.delete(endpoint);
  }

  /** Stop the match now (server shutdown or a fault outside the seats). */
  abort(outcome: OutcomeKind = 'aborted', reason = 'aborted'): void {
    if (!this.over) this.end(outcome, undefined, reason);
  }

  // ------------------------------------------------------------------ the loop

  private run(): void {
    let budget = this.opts.sliceSteps ?? 512;
    const maxSteps = this.opts.maxSteps ?? 1_000_000;
    while (!this.over) {
      if (this.game.isTerminal(this.state) || this.stepIndex >= maxSteps) {
        this.end(this.disconnectFault !== undefined ? 'disconnect' : 'normal', this.disconnectFault);
        return;
      }
      if (!this.turnOpen && !this.openTurn()) return;
      if (this.waiting > 0) return;
      if (!this.applyJoint()) return;
      if (--budget === 0) {
        setImmediate(() => this.run());
        return;
      }
    }
  }

  /** Offer the turn to every acting seat; in-process seats answer at once. False when the match ended. */
  private openTurn(): boolean {
    const n = this.seats.length;
    this.turnOpen = true;
    this.joint = new Array(n).fill(undefined);
    this.thinkRow.fill(null);
    this.waiting = 0;
    const acting = this.game.toAct(this.state);
    for (const seat of acting) {
      const s = this.seats[seat]!;
      const plan = s.plan;
      if (plan.kind === 'builtin' || plan.kind === 'checkpoint') {
        if (!this.actInProcess(s, plan.controller)) return false;
      } else if (s.abandoned) {
        this.joint[seat] = this.game.defaultAction(this.state, seat);
      } else {
        s.pending = true;
        this.waiting++;
        if (s.endpoint) this.offerTurn(s);
      }
    }
    return true;
  }

  private actInProcess(s: LiveSeat, controller: Controller): boolean {
    const t0 = this.now();
    let a: unknown;
    try {
      a = controller.act(this.game.observe(this.state, s.index), this.actInfo(s.index));
    } catch (e) {
      this.crash(s.index, e);
      return false;
    }
    if (a instanceof Promise) {
      // An asynchronous in-process agent (e.g. one that calls a model server) is timed like a remote bot.
      s.pending = true;
      this.waiting++;
      s.clock.start(t0);
      this.armTimer(s);
      const step = this.stepIndex;
      a.then(
        (v) => {
          if (this.over || step !== this.stepIndex || !s.pending) return;
          try {
            this.submit(s.index, step, v);
          } catch (e) {
            this.crash(s.index, e);
          }
        },
        (e) => {
          if (!this.over && step === this.stepIndex) this.crash(s.index, e);
        },
      );
      return true;
    }
    try {
      this.joint[s.index] = validateAction(this.game, this.state, s.index, a);
    } catch (e) {
      this.crash(s.index, e);
      return false;
    }
    this.thinkRow[s.index] = this.now() - t0;
    return true;
  }

  private actInfo(seat: Seat): ActInfo {
    const game = this.game;
    const state = this.state;
    let mask: Uint8Array | undefined;
    return {
      seat,
      step: this.stepIndex,
      legal: game.legal(state, seat),
      mask: () => (mask ??= game.mask(state, seat)),
      indexToAction: (index: number) => game.indexToAction(state, seat, index),
    };
  }

  private accept(s: LiveSeat, action: unknown, think: number): void {
    this.joint[s.index] = action;
    this.thinkRow[s.index] = think;
    s.pending = false;
    this.waiting--;
    if (this.waiting === 0) this.run();
  }

  /** Step the engine with the collected joint action. False when the match ended. */
  private applyJoint(): boolean {
    const joint = this.joint;
    let r;
    try {
      r = this.game.step(this.state, joint);
    } catch (e) {
      this.opts.log?.(`match ${this.id}: engine error at step ${this.stepIndex}: ${String(e)}`);
      this.end('crash', undefined, 'engine-error');
      return false;
    }
    for (let i = 0; i < joint.length; i++) {
      this.actionLog.push(logEntry(joint[i]));
      this.rewardLog.push(r.rewards[i] ?? 0);
      this.thinkLog.push(this.thinkRow[i]!);
    }
    this.state = r.state;
    this.stepIndex++;
    this.turnOpen = false;
    for (const s of this.seats) s.lastReward = r.rewards[s.index];
    if (this.spectators.size > 0) this.broadcastView(r.events);
    return true;
  }

  // ------------------------------------------------------------------ clocks

  private offerTurn(s: LiveSeat): void {
    const now = this.now();
    s.clock.start(now);
    this.armTimer(s);
    s.endpoint?.send(this.turnMessage(s, now));
  }

  private turnMessage(s: LiveSeat, now: number): TurnMessage {
    const seat = s.index;
    const game = this.game;
    const space = this.start.actionSpace as { kind: string };
    const msg: TurnMessage = {
      type: 'turn',
      matchId: this.id,
      seat,
      step: this.stepIndex,
      observation: game.observe(this.state, seat) as Json,
      deadlineMs: Math.round(s.clock.turnLeft(now)),
      bankMs: Math.round(s.clock.bankMs),
    };
    const legal = game.legal(this.state, seat);
    if (legal) msg.legal = legal as Json[];
    if (space.kind === 'discrete') msg.mask = Array.from(game.mask(this.state, seat));
    if (s.lastReward !== undefined) msg.reward = s.lastReward;
    return msg;
  }

  /**
   * Make sure a timer fires no later than this seat's deadline. Timers are lazy: an armed timer that
   * fires earlier than the deadline is kept (it re-checks and re-arms when it fires), so a bot that
   * answers within its allowance costs no timer work per turn.
   */
  private armTimer(s: LiveSeat): void {
    const deadline = s.clock.turnStart + s.clock.timing.turnMs + s.clock.bankMs;
    if (s.timer && s.timerAt <= deadline) return;
    if (s.timer) clearTimeout(s.timer);
    s.timerAt = deadline;
    s.timer = setTimeout(() => this.timeout(s), Math.max(0, Math.ceil(deadline - this.now())) + 1);
  }

  private timeout(s: LiveSeat): void {
    s.timer = undefined;
    s.timerAt = Infinity;
    if (this.over || !s.pending || s.clock.turnStart < 0) return;
    if (s.clock.remaining(this.now()) > 0) {
      this.armTimer(s); // fired for an earlier turn's deadline: wait for this turn's
      return;
    }
    const think = s.clock.expire(this.now());
    if (this.timing.onTimeout === 'forfeit') {
      this.end('timeout-forfeit', s.index, 'timeout');
      return;
    }
    const action = this.game.defaultAction(this.state, s.index);
    s.endpoint?.send({ type: 'timeout', matchId: this.id, seat: s.index, step: this.stepIndex, action: toJson(action) });
    this.accept(s, action, think);
  }

  private startWindow(s: LiveSeat): void {
    if (s.windowTimer) clearTimeout(s.windowTimer);
    s.windowTimer = setTimeout(() => this.windowExpired(s), this.timing.reconnectMs);
  }

  private windowExpired(s: LiveSeat): void {
    s.windowTimer = undefined;
    if (this.over || s.endpoint) return;
    s.abandoned = true;
    this.disconnectFault ??= s.index;
    if (this.timing.onTimeout === 'forfeit') {
      this.end('disconnect', s.index, 'disconnect');
      return;
    }
    if (s.pending) {
      const think = s.clock.turnStart >= 0 ? s.clock.expire(this.now()) : null;
      s.clock.bankMs = 0;
      this.accept(s, this.game.defaultAction(this.state, s.index), think ?? this.timing.reconnectMs);
    }
  }

  // ------------------------------------------------------------------ the end

  private crash(seat: Seat, e: unknown): void {
    this.opts.log?.(`match ${this.id}: seat ${seat} (${this.seats[seat]!.plan.label}) crashed: ${e instanceof Error ? e.message : String(e)}`);
    this.end('crash', seat, 'crash');
  }

  private end(outcome: OutcomeKind, faultSeat: Seat | undefined, reason?: string): void {
    if (this.over) return;
    this.over = true;
    for (const s of this.seats) {
      if (s.timer) clearTimeout(s.timer);
      if (s.windowTimer) clearTimeout(s.windowTimer);
      s.timer = s.windowTimer = undefined;
      s.pending = false;
    }
    const terminal = this.game.isTerminal(this.state);
    let result: MatchResult = this.game.result(this.state);
    if (!terminal) {
      result = { ...result, reason: reason ?? 'truncated' };
      // A forfeit hands a two-seat match to the other seat; with more seats nobody wins outright.
      if (faultSeat !== undefined && this.seats.length === 2) result.winner = 1 - faultSeat;
      else if (faultSeat !== undefined && result.winner !== undefined) result.winner = null;
    }
    const finalHash = hashState(this.game, this.state);
    const endedAt = new Date().toISOString();
    const record: FinishedMatch = {
      id: this.id,
      game: this.game.id,
      config: this.start.config,
      seed: this.seed,
      seats: this.seatRecords(),
      result,
      outcome,
      actions: rows(this.actionLog, this.seats.length),
      finalHash,
      rewards: rows(this.rewardLog, this.seats.length),
      thinkMs: rows(this.thinkLog, this.seats.length),
      rated: this.opts.rated && outcome !== 'aborted' && this.opts.seats.every((p) => p.agentId !== null),
      startedAt: this.startedAt,
      endedAt,
    };
    if (faultSeat !== undefined) record.faultSeat = faultSeat;
    const msg = { type: 'result', matchId: this.id, result, outcome, steps: this.stepIndex, finalHash } as const;
    const fault = faultSeat !== undefined ? { faultSeat } : {};
    for (const s of this.seats) s.endpoint?.send({ ...msg, ...fault, seat: s.index });
    for (const e of this.spectators) e.send({ ...msg, ...fault });
    this.opts.onEnd(record);
  }

  // ------------------------------------------------------------------ messages

  private sendStart(s: LiveSeat): void {
    s.endpoint?.send({ ...this.start, seat: s.index, ...(this.roomId !== undefined ? { roomId: this.roomId } : {}) });
  }

  private view(events: GameEvent[]): ServerMessage {
    return {
      type: 'view',
      matchId: this.id,
      step: this.stepIndex,
      observation: this.game.observe(this.state, 'spectator') as Json,
      events: events.filter((e) => e.visibleTo === undefined) as unknown as Json[],
    };
  }

  private broadcastView(events: GameEvent[]): void {
    const v = this.view(events);
    for (const e of this.spectators) e.send(v);
  }
}
