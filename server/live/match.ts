/**
 * One live match: the match loop of games/core (match.ts) plus what only live play has — the seats'
 * connections, their clocks, the reconnection window, and the messages. Every kind of seat goes
 * through it (in-process agent, remote bot, person): in-process seats answer synchronously, so a
 * match of in-process agents runs with no timer and no await between steps.
 *
 * Rules (docs/protocol.md):
 * - Clocks: a per-turn allowance plus a per-match bank. A seat's clock runs from the moment its turn
 *   opens until its action is accepted, connected or not: time spent disconnected counts exactly as
 *   if the bot were connected and silent, and a resumed turn carries only what remains.
 * - On timeout the game's default action is played, or, under the forfeit rule, the seat is at fault
 *   and the match ends.
 * - A seat with no connection (the service moves it to another live connection of its agent first,
 *   when there is one) keeps its seat for `reconnectMs`; after that it is abandoned: at fault, its
 *   default action played at once at every step (or the match ends under the forfeit rule).
 * - An in-process agent that throws or answers an invalid action is at fault (`crash`). When the
 *   match's config is not the game's default, that is no rated loss: a config the other side chose
 *   must not be charged to it (the match is stored, unrated).
 * - Results are sacred: a finished match is handed to the store (`onEnd`) and only once that is done
 *   are the seats and spectators told the result.
 * - Rewards: a `turn` carries the seat's rewards summed over the steps since its previous turn (all
 *   steps, including those in which it did not act); `result` carries the rest. Their sum over the
 *   distinct steps is the seat's return.
 */
import { canonicalJson } from '../../games/core/hash.ts';
import { toJson } from '../../games/core/kernel.ts';
import { Match, type MatchRecord } from '../../games/core/match.ts';
import type { ActInfo, AnyGame, GameEvent, Json, Seat } from '../../games/core/types.ts';
import type { Controller } from '../../games/core/runner.ts';
import { GameError } from '../../games/core/errors.ts';
import type { FinishedMatch, LiveMatchInfo, SeatKind, SeatRecord, TurnTranscript } from '../contracts.ts';
import { ArenaError, asArenaError } from '../errors.ts';
import type { Endpoint } from './endpoint.ts';
import type {
  MatchOrigin,
  MatchStartMessage,
  ObservationMode,
  ResultMessage,
  ServerMessage,
  Timing,
  Transcript,
  TurnMessage,
} from './protocol.ts';
import { finishedMatch } from './record.ts';
import { SeatClock, seatTiming } from './timing.ts';

/** How a seat is played. In-process seats carry a ready controller (built by the service). */
export type SeatPlan =
  | { kind: 'builtin' | 'checkpoint'; agentId: string | null; label: string; controller: Controller }
  /**
   * `origin`: the seek or challenge of this seat's agent that the match answers; `observation`: the mode
   * that request asked for (over the connection's own).
   */
  | { kind: 'remote'; agentId: string; label: string; origin?: MatchOrigin; observation?: ObservationMode }
  /** `seatToken`: the secret of whoever reserved the seat (POST /api/play); only its holder may take the seat. */
  | { kind: 'human'; agentId: null; label: string; seatToken: string };

export interface LiveMatchOptions {
  id: string;
  game: AnyGame;
  /** The parsed config. */
  config: any;
  seed: number;
  seats: SeatPlan[];
  timing: Timing;
  rated: boolean;
  /** What created the match (echoed in match-start). */
  origin?: MatchOrigin;
  /** Safety cap on steps (engines have their own caps too). */
  maxSteps?: number;
  /** In-process steps run back to back before yielding to the event loop, so one long match cannot starve the others. */
  sliceSteps?: number;
  /** Showcase pacing: wait this long (ms) after every step, so spectators can follow (0 = engine speed). */
  paceMs?: number;
  /** Action JSON schema, computed once per game by the service. */
  actionSchema?: Json;
  /** Store the finished match; the result is announced once the returned promise settles. */
  onEnd(match: FinishedMatch): Promise<void> | void;
  /**
   * Each step as played (the journal): joint actions, rewards, think times (ms, null = did not act), and
   * the transcripts kept at that step (language-model seats; empty for most steps).
   */
  onStep?(
    actions: readonly unknown[],
    rewards: readonly number[],
    think: readonly (number | null)[],
    transcripts: readonly TurnTranscript[],
  ): void;
  /** A result for a remote seat whose bot is not connected when the match ends (delivered when it returns). */
  undelivered?(agentId: string, msg: ResultMessage): void;
  log?: (line: string) => void;
  now?: () => number;
  /** The server's stalled time so far (StallMeter.total), credited back to seat clocks; absent: no credit. */
  stall?: (now: number) => number;
}

export interface LiveSeat {
  index: Seat;
  plan: SeatPlan;
  endpoint: Endpoint | null;
  clock: SeatClock;
  timer: NodeJS.Timeout | undefined;
  /** When `timer` fires (ms, same clock as `now`). */
  timerAt: number;
  windowTimer: NodeJS.Timeout | undefined;
  /** Gone past the reconnection window: default actions are played without waiting. */
  abandoned: boolean;
  /** Rewards since this seat's current (or last) turn opened, not yet sent. */
  rewardAcc: number;
  /** The reward the pending turn carries (stable across re-sends of that turn). */
  turnReward: number;
}

/** How many legal actions a PARSE or ILLEGAL_ACTION answer to a text action lists. */
export const PARSE_HINTS = 8;
const NO_TRANSCRIPTS: readonly TurnTranscript[] = Object.freeze([]);

/** Characters of transcripts a match keeps in memory and stores (beyond it, later transcripts are dropped). */
export const MAX_TRANSCRIPT_CHARS_PER_MATCH = 8_000_000;

/** The canonical text of each game's default config (computed once per game). */
const defaults = new WeakMap<AnyGame, string>();
function defaultConfigText(game: AnyGame): string {
  let text = defaults.get(game);
  if (text === undefined) defaults.set(game, (text = canonicalJson(game.configSchema.parse({}))));
  return text;
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

  private readonly core: Match;
  private ended = false;
  private begun = false;
  private turnOpen = false;
  /** Waiting out the showcase pace (paceMs) before the next step. */
  private pacing = false;
  private readonly thinkRow: (number | null)[];
  private readonly thinkLog: (number | null)[] = [];
  /** Seats whose in-process agent failed (to tell a config's failure from an agent's). */
  private crashedInProcess = false;
  private readonly defaultConfig: boolean;
  private readonly now: () => number;
  private readonly start: MatchStartMessage;
  private readonly transcripts: TurnTranscript[] = [];
  private transcriptChars = 0;
  /** How many of `transcripts` the journal has been given (onStep). */
  private journalledTranscripts = 0;

  constructor(private readonly opts: LiveMatchOptions) {
    this.id = opts.id;
    this.game = opts.game;
    this.seed = opts.seed;
    this.timing = opts.timing;
    this.now = opts.now ?? (() => performance.now());
    const onStep = opts.onStep;
    this.core = new Match(opts.game, opts.config, opts.seed, {
      maxSteps: opts.maxSteps ?? 1_000_000,
      ...(onStep
        ? {
            onStep: (s: { actions: readonly unknown[]; rewards: readonly number[] }) =>
              onStep(s.actions, s.rewards, this.thinkRow, this.newTranscripts()),
          }
        : {}),
    });
    this.defaultConfig = canonicalJson(this.core.config) === defaultConfigText(opts.game);
    this.thinkRow = new Array<number | null>(opts.seats.length).fill(null);
    this.seats = opts.seats.map((plan, index) => ({
      index,
      plan,
      endpoint: null,
      clock: new SeatClock(seatTiming(opts.timing, plan.kind), opts.stall),
      timer: undefined,
      timerAt: Infinity,
      windowTimer: undefined,
      abandoned: false,
      rewardAcc: 0,
      turnReward: 0,
    }));
    this.start = {
      type: 'match-start',
      matchId: this.id,
      game: this.game.id,
      config: toJson(this.core.config),
      seat: 0,
      seats: this.seatRecords(),
      timing: opts.timing,
      ...(opts.actionSchema !== undefined ? { actionSchema: opts.actionSchema } : {}),
      actionSpace: toJson(this.game.actionSpace(this.core.config)),
    };
  }

  get step(): number {
    return this.core.step;
  }
  /** The parsed config as JSON (what the store and the journal keep). */
  get configJson(): Json {
    return this.start.config;
  }
  /** True once the match has ended (its result may still be on its way to the store). */
  get finished(): boolean {
    return this.ended;
  }
  /** The current engine state (read-only use: spectators, tests). */
  get currentState(): any {
    return this.core.state;
  }

  seatRecords(): SeatRecord[] {
    return this.opts.seats.map((p, seat) => ({ seat, agentId: p.agentId, kind: p.kind as SeatKind, label: p.label }));
  }

  info(): LiveMatchInfo {
    const i: LiveMatchInfo = {
      id: this.id,
      game: this.game.id,
      seats: this.seatRecords(),
      step: this.core.step,
      startedAt: this.startedAt,
      spectators: this.spectators.size,
    };
    if (this.roomId !== undefined) i.roomId = this.roomId;
    return i;
  }

  /** Seats of this match an agent holds (remote seats only). */
  seatsOf(agentId: string): LiveSeat[] {
    return this.seats.filter((s) => s.plan.kind === 'remote' && s.plan.agentId === agentId);
  }

  /** True while the seat must answer the current step. */
  pending(seat: Seat): boolean {
    return this.turnOpen && !this.ended && this.core.awaits(seat) && this.seats[seat]!.clock.turnStart >= 0;
  }

  /** Start the match. Remote and human seats that have no endpoint yet open their reconnection window. */
  begin(): void {
    this.begun = true;
    for (const s of this.seats) {
      if (s.plan.kind !== 'remote' && s.plan.kind !== 'human') continue;
      if (s.endpoint) this.sendStart(s);
      else this.startWindow(s);
    }
    this.run();
  }

  /**
   * Bind a connection to a remote/human seat (first join, a reconnection, or a move from another
   * connection of the same agent). It gets match-start and the pending turn, with the time that remains.
   */
  attach(seat: Seat, endpoint: Endpoint): void {
    const s = this.seats[seat]!;
    if (s.windowTimer) clearTimeout(s.windowTimer);
    s.windowTimer = undefined;
    s.endpoint = endpoint;
    // An abandoned seat may play again when its bot returns; the fault (and so the outcome) stays.
    s.abandoned = false;
    if (this.ended || !this.begun) return; // begin() greets every bound seat
    this.resend(seat);
  }

  /** Send match-start and the pending turn again to a seat's connection, without touching its clock. */
  resend(seat: Seat): void {
    const s = this.seats[seat]!;
    if (this.ended || !this.begun || !s.endpoint) return;
    this.sendStart(s);
    if (this.pending(seat)) s.endpoint.send(this.turnMessage(s, this.now()));
  }

  /** The current public view, for a spectator that asks again. */
  sendView(endpoint: Endpoint): void {
    endpoint.send(this.view([]));
  }

  /**
   * A seat's connection is gone and its agent has no other: the reconnection window opens. The turn
   * clock keeps running (time away counts as time spent thinking).
   */
  detach(seat: Seat, endpoint: Endpoint): void {
    const s = this.seats[seat]!;
    if (s.endpoint !== endpoint) return; // already replaced by a newer connection
    s.endpoint = null;
    if (this.ended) return;
    this.startWindow(s);
  }

  /**
   * An action from a remote or human seat: JSON `raw`, or `extra.text` read by the game's parser
   * (`parseAction`; a PARSE or ILLEGAL_ACTION answer then lists up to PARSE_HINTS legal actions as text,
   * in its message and in `details.legal`). `extra.transcript` is kept for the store once the action is
   * accepted. Throws an ArenaError the caller reports (the game's own codes unchanged); the match goes on.
   */
  submit(seat: Seat, step: number, raw: unknown, extra: { text?: string; transcript?: Transcript } = {}): void {
    if (this.ended) throw new ArenaError('GAME_OVER', `match ${this.id} is over`);
    const s = this.seats[seat];
    if (!s) throw new ArenaError('NOT_YOUR_SEAT', `match ${this.id} has no seat ${seat}`);
    const at = this.core.step;
    if (step < at) throw new ArenaError('STALE_TURN', `step ${step} is over; the match is at step ${at}`);
    if (step > at || !this.pending(seat)) {
      throw new ArenaError(
        'NOT_YOUR_TURN',
        `seat ${seat} has nothing to do at step ${step} (the match is at step ${at})`,
      );
    }
    const text = extra.text;
    try {
      this.core.submit(seat, text === undefined ? raw : this.game.parseAction(text, this.core.state, seat));
    } catch (e) {
      if (text !== undefined && e instanceof GameError && (e.code === 'PARSE' || e.code === 'ILLEGAL_ACTION'))
        throw this.textRefusal(e, seat);
      throw asArenaError(e) ?? e;
    }
    if (extra.transcript) this.keepTranscript(seat, step, text ?? null, extra.transcript);
    // The turn timer stays armed: it re-checks when it fires (see armTimer), so a fast bot costs no timer work per turn.
    this.accepted(s, s.clock.stop(this.now()));
  }

  /** A refused text action, with a few legal actions in text so the bot (or its model) can try again. */
  private textRefusal(e: GameError, seat: Seat): ArenaError {
    const legal = this.game.legal(this.core.state, seat);
    const hints = (legal ?? []).slice(0, PARSE_HINTS).map((a) => this.game.actionText(a));
    const more = legal ? Math.max(0, legal.length - hints.length) : 0;
    const list = hints.length
      ? `; legal actions include: ${hints.join(' | ')}${more ? ` (and ${more} more)` : ''}`
      : '';
    return new ArenaError(e.code, `${e.message}${list}`, {
      legal: hints,
      more,
      ...(e.details !== undefined ? { cause: e.details } : {}),
    });
  }

  /** The transcripts kept since the last step was journalled (usually none: no allocation then). */
  private newTranscripts(): readonly TurnTranscript[] {
    const from = this.journalledTranscripts;
    if (from === this.transcripts.length) return NO_TRANSCRIPTS;
    this.journalledTranscripts = this.transcripts.length;
    return this.transcripts.slice(from);
  }

  private keepTranscript(seat: Seat, step: number, text: string | null, t: Transcript): void {
    const chars = t.completion.length + t.prompt.reduce((n, m) => n + m.content.length, 0);
    if (this.transcriptChars + chars > MAX_TRANSCRIPT_CHARS_PER_MATCH) {
      this.opts.log?.(`match ${this.id}: transcript of seat ${seat} at step ${step} dropped (match budget spent)`);
      return;
    }
    this.transcriptChars += chars;
    this.transcripts.push({ seat, step, text, ...t });
  }

  addSpectator(endpoint: Endpoint): void {
    this.spectators.add(endpoint);
    endpoint.send(this.view([]));
  }

  removeSpectator(endpoint: Endpoint): void {
    this.spectators.delete(endpoint);
  }

  /**
   * A seat gives up (a person's "resign", or a bot that concedes): it is at fault and the match ends at
   * once, outcome `disconnect` with reason `resign` (games/core/match.ts); the seat ranks last.
   * @throws ArenaError GAME_OVER when the match has ended, NOT_YOUR_SEAT for a seat that does not exist
   */
  resign(seat: Seat): void {
    if (this.ended) throw new ArenaError('GAME_OVER', `match ${this.id} is over`);
    if (!this.seats[seat]) throw new ArenaError('NOT_YOUR_SEAT', `match ${this.id} has no seat ${seat}`);
    this.core.fault(seat, 'resign');
    this.end();
  }

  /** Stop the match now (server shutdown): outcome 'aborted', never rated. */
  abort(reason = 'aborted'): void {
    if (this.ended) return;
    this.core.finish(reason);
    this.end();
  }

  // ------------------------------------------------------------------ the loop

  private run(): void {
    if (this.pacing) return;
    let budget = this.opts.sliceSteps ?? 512;
    const core = this.core;
    const pace = this.opts.paceMs ?? 0;
    while (!this.ended) {
      if (core.done) {
        this.end();
        return;
      }
      if (!this.turnOpen && !this.openTurn()) return;
      if (!core.ready) return;
      const r = core.advance();
      if (!r) {
        this.opts.log?.(`match ${this.id}: engine error at step ${core.step}`);
        this.end();
        return;
      }
      this.afterStep(r.rewards, r.events);
      if (pace > 0 && !core.done) {
        this.pacing = true;
        setTimeout(() => {
          this.pacing = false;
          this.run();
        }, pace);
        return;
      }
      if (--budget === 0) {
        setImmediate(() => this.run());
        return;
      }
    }
  }

  /** Offer the turn to every acting seat; in-process seats answer at once. False when the match ended. */
  private openTurn(): boolean {
    this.turnOpen = true;
    this.thinkRow.fill(null);
    const now = this.now();
    for (const seat of this.core.toAct()) {
      const s = this.seats[seat]!;
      const plan = s.plan;
      s.turnReward = s.rewardAcc;
      s.rewardAcc = 0;
      if (plan.kind === 'builtin' || plan.kind === 'checkpoint') {
        if (!this.actInProcess(s, plan.controller)) return false;
      } else if (s.abandoned) {
        this.core.playDefault(seat);
      } else {
        s.clock.start(now);
        this.armTimer(s);
        s.endpoint?.send(this.turnMessage(s, now));
      }
    }
    return true;
  }

  private actInProcess(s: LiveSeat, controller: Controller): boolean {
    const t0 = this.now();
    const state = this.core.state;
    let a: unknown;
    try {
      a = controller.act(this.game.observe(state, s.index), this.actInfo(s.index));
    } catch (e) {
      this.crash(s.index, e);
      return false;
    }
    if (a instanceof Promise) {
      // An asynchronous in-process agent (e.g. one that calls a model server) is timed like a remote bot.
      s.clock.start(t0);
      this.armTimer(s);
      const step = this.core.step;
      a.then(
        (v) => {
          if (this.ended || step !== this.core.step || !this.core.awaits(s.index)) return;
          try {
            this.submit(s.index, step, v);
          } catch (e) {
            this.crash(s.index, e);
          }
        },
        (e) => {
          if (!this.ended && step === this.core.step) this.crash(s.index, e);
        },
      );
      return true;
    }
    try {
      this.core.submit(s.index, a);
    } catch (e) {
      this.crash(s.index, e);
      return false;
    }
    this.thinkRow[s.index] = this.now() - t0;
    return true;
  }

  private actInfo(seat: Seat): ActInfo {
    const game = this.game;
    const state = this.core.state;
    let mask: Uint8Array | undefined;
    return {
      seat,
      step: this.core.step,
      legal: game.legal(state, seat),
      mask: () => (mask ??= game.mask(state, seat)),
      indexToAction: (index: number) => game.indexToAction(state, seat, index),
    };
  }

  private accepted(s: LiveSeat, think: number): void {
    this.thinkRow[s.index] = think;
    if (this.core.ready) this.run();
  }

  private afterStep(rewards: readonly number[], events: GameEvent[]): void {
    for (let i = 0; i < this.seats.length; i++) {
      this.thinkLog.push(this.thinkRow[i]!);
      this.seats[i]!.rewardAcc += rewards[i] ?? 0;
    }
    this.turnOpen = false;
    if (this.spectators.size > 0) this.broadcastView(events);
  }

  // ------------------------------------------------------------------ clocks

  private turnMessage(s: LiveSeat, now: number): TurnMessage {
    const seat = s.index;
    const game = this.game;
    const state = this.core.state;
    const space = this.start.actionSpace as { kind: string };
    const mode = this.modeOf(s);
    const obs = game.observe(state, seat);
    const msg: TurnMessage = {
      type: 'turn',
      matchId: this.id,
      seat,
      step: this.core.step,
      deadlineMs: Math.round(s.clock.turnLeft(now)),
      bankMs: Math.round(s.clock.bankLeft(now)),
    };
    const legal = game.legal(state, seat);
    if (mode !== 'text') {
      msg.observation = obs as Json;
      if (legal) msg.legal = legal as Json[];
    }
    if (mode !== 'json') {
      msg.text = game.render(obs);
      if (legal) msg.legalText = legal.map((a) => game.actionText(a));
      msg.defaultText = game.actionText(game.defaultAction(state, seat));
    }
    if (space.kind === 'discrete') msg.mask = Array.from(game.mask(state, seat));
    if (this.core.step > 0) msg.reward = s.turnReward;
    return msg;
  }

  /** The seat's observation mode: its request's, else its connection's, else `json`. */
  private modeOf(s: LiveSeat): ObservationMode {
    return (s.plan.kind === 'remote' ? s.plan.observation : undefined) ?? s.endpoint?.observation ?? 'json';
  }

  /**
   * Make sure a timer fires no later than this seat's deadline. Timers are lazy: an armed timer that
   * fires earlier than the deadline is kept (it re-checks and re-arms when it fires), so a bot that
   * answers within its allowance costs no timer work per turn.
   */
  private armTimer(s: LiveSeat): void {
    const now = this.now();
    const deadline = now + s.clock.remaining(now);
    if (s.timer && s.timerAt <= deadline) return;
    if (s.timer) clearTimeout(s.timer);
    s.timerAt = deadline;
    s.timer = setTimeout(() => this.timeout(s), Math.max(0, Math.ceil(deadline - now)) + 1);
  }

  private timeout(s: LiveSeat): void {
    s.timer = undefined;
    s.timerAt = Infinity;
    if (this.ended || !this.pending(s.index)) return;
    if (s.clock.remaining(this.now()) > 0) {
      this.armTimer(s); // fired for an earlier turn's deadline: wait for this turn's
      return;
    }
    const think = s.clock.expire(this.now());
    if (this.timing.onTimeout === 'forfeit') {
      this.core.fault(s.index, 'timeout');
      this.end();
      return;
    }
    const action = this.core.playDefault(s.index);
    s.endpoint?.send({
      type: 'timeout',
      matchId: this.id,
      seat: s.index,
      step: this.core.step,
      action: toJson(action),
    });
    this.accepted(s, think);
  }

  private startWindow(s: LiveSeat): void {
    if (s.windowTimer) clearTimeout(s.windowTimer);
    s.windowTimer = setTimeout(() => this.windowExpired(s), this.timing.reconnectMs);
  }

  private windowExpired(s: LiveSeat): void {
    s.windowTimer = undefined;
    if (this.ended || s.endpoint) return;
    s.abandoned = true;
    this.core.fault(s.index, 'disconnect');
    if (this.timing.onTimeout === 'forfeit') {
      this.end();
      return;
    }
    if (this.pending(s.index)) {
      const think = s.clock.expire(this.now());
      this.core.playDefault(s.index);
      this.accepted(s, think);
    }
  }

  // ------------------------------------------------------------------ the end

  private crash(seat: Seat, e: unknown): void {
    if (this.ended) return;
    this.opts.log?.(
      `match ${this.id}: seat ${seat} (${this.seats[seat]!.plan.label}) crashed: ${e instanceof Error ? e.message : String(e)}`,
    );
    const plan = this.seats[seat]!.plan;
    if (plan.kind === 'builtin' || plan.kind === 'checkpoint') this.crashedInProcess = true;
    this.core.fault(seat, 'crash');
    this.end();
  }

  /** Finish the loop, store the match, then tell everyone. Runs once. */
  private end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const s of this.seats) {
      if (s.timer) clearTimeout(s.timer);
      if (s.windowTimer) clearTimeout(s.windowTimer);
      s.timer = s.windowTimer = undefined;
    }
    const rec = this.core.finish();
    const record = this.record(rec);
    let stored: Promise<void> | void = undefined;
    try {
      stored = this.opts.onEnd(record);
    } catch (e) {
      this.opts.log?.(`match ${this.id}: onEnd failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    const announce = () => this.announce(rec);
    if (stored instanceof Promise) stored.then(announce, announce);
    else announce();
  }

  private record(rec: MatchRecord): FinishedMatch {
    const n = this.seats.length;
    const thinkMs: (number | null)[][] = [];
    for (let i = 0; i < this.thinkLog.length; i += n) thinkMs.push(this.thinkLog.slice(i, i + n));
    // A failure of our own in-process agent under a config the other side chose is not its loss.
    const configFault = rec.outcome === 'crash' && this.crashedInProcess && !this.defaultConfig;
    return finishedMatch(rec, {
      id: this.id,
      seats: this.seatRecords(),
      rated: this.opts.rated && !configFault,
      startedAt: this.startedAt,
      endedAt: new Date().toISOString(),
      thinkMs,
      ...(this.transcripts.length ? { transcripts: this.transcripts } : {}),
    });
  }

  private announce(rec: MatchRecord): void {
    const base = {
      type: 'result',
      matchId: this.id,
      result: rec.result,
      outcome: rec.outcome,
      truncated: rec.truncated,
      steps: rec.steps,
      finalHash: rec.finalHash,
    } as const;
    const fault = rec.faultSeat !== undefined ? { faultSeat: rec.faultSeat } : {};
    for (const s of this.seats) {
      const msg: ResultMessage = { ...base, ...fault, seat: s.index, reward: s.rewardAcc, ...this.finalView(s) };
      if (s.endpoint && s.endpoint.isOpen?.() !== false) s.endpoint.send(msg);
      else if (s.plan.kind === 'remote') this.opts.undelivered?.(s.plan.agentId, msg);
    }
    for (const e of this.spectators) e.send({ ...base, ...fault });
  }

  /**
   * The seat's view of the final state, so a learner can bootstrap a truncated episode (Gymnasium's
   * final observation). Absent when the engine cannot observe its last state (an engine failure).
   */
  private finalView(s: LiveSeat): { observation?: Json; text?: string } {
    try {
      const obs = this.game.observe(this.core.state, s.index);
      const mode = this.modeOf(s);
      return {
        ...(mode !== 'text' ? { observation: obs as Json } : {}),
        ...(mode !== 'json' ? { text: this.game.render(obs) } : {}),
      };
    } catch {
      return {};
    }
  }

  // ------------------------------------------------------------------ messages

  private sendStart(s: LiveSeat): void {
    if (!s.endpoint) return;
    const origin = (s.plan.kind === 'remote' && s.plan.origin) || this.opts.origin;
    // The clock that applies to this seat (a person's is longer than a bot's: timing.ts seatTiming).
    const mode = this.modeOf(s);
    s.endpoint.send({
      ...this.start,
      seat: s.index,
      timing: s.clock.timing,
      ...(mode !== 'json' ? { observation: mode } : {}),
      ...(origin ? { origin } : {}),
      ...(this.roomId !== undefined ? { roomId: this.roomId } : {}),
    });
  }

  private view(events: GameEvent[]): ServerMessage {
    return {
      type: 'view',
      matchId: this.id,
      step: this.core.step,
      observation: this.game.observe(this.core.state, 'spectator') as Json,
      events: events.filter((e) => e.visibleTo === undefined) as unknown as Json[],
    };
  }

  private broadcastView(events: GameEvent[]): void {
    const v = this.view(events);
    for (const e of this.spectators) e.send(v);
  }
}
