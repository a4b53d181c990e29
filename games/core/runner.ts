/**
 * The match loop: one engine, N seat controllers, an action log. It knows nothing about
 * transports or clocks; the server wraps remote seats (deadlines, reconnection) into controllers
 * that return promises, training and the CLI use synchronous in-process controllers and get the
 * fast path with no awaits.
 */
import { GameError } from './errors.ts';
import { configOf, hashState, parseConfig, stepChecked, toJson } from './kernel.ts';
import { deriveSeed } from './rng.ts';
import type { ActInfo, AnyGame, GameEvent, Json, MatchResult, Replay, Seat } from './types.ts';

export interface Controller<O = any, A = any> {
  act(obs: O, info: ActInfo<A>): A | Promise<A>;
}

export interface MatchOptions {
  /** Stop (and report `truncated`) after this many steps; engines have their own caps too. */
  maxSteps?: number;
  /** Validate every action (default true). Training loops over trusted agents may turn it off. */
  validate?: boolean;
  /** Keep the action log for the replay (default true). Tournaments of millions of turns turn it off. */
  record?: boolean;
  /** Called after every step, e.g. to render or record. */
  onStep?: (e: { step: number; state: any; actions: (unknown | undefined)[]; events: GameEvent[]; rewards: number[] }) => void;
}

export interface MatchRecord {
  result: MatchResult;
  replay: Replay;
  steps: number;
  truncated: boolean;
  finalHash: string;
  /** The final engine state (for callers that want to inspect it). */
  state: any;
}

/**
 * One reusable ActInfo per seat: legal actions and the mask are computed only if the controller
 * asks (scripted bots often need neither), so the hot loop allocates nothing per step.
 */
class SeatInfo implements ActInfo {
  step = 0;
  private state: any;
  private legalMemo: unknown[] | undefined | null = null;
  private maskMemo: Uint8Array | null = null;
  constructor(
    private readonly game: AnyGame,
    readonly seat: Seat,
  ) {}
  at(state: any, step: number): this {
    this.state = state;
    this.step = step;
    this.legalMemo = null;
    this.maskMemo = null;
    return this;
  }
  get legal(): any[] | undefined {
    if (this.legalMemo === null) this.legalMemo = this.game.legal(this.state, this.seat);
    return this.legalMemo;
  }
  mask(): Uint8Array {
    return (this.maskMemo ??= this.game.mask(this.state, this.seat));
  }
  indexToAction(index: number): unknown {
    return this.game.indexToAction(this.state, this.seat, index);
  }
}

/** Actions go into the log as plain JSON; primitives need no copy. */
function logged(a: unknown): Json | null {
  if (a === undefined || a === null) return null;
  return typeof a === 'object' ? toJson(a) : (a as Json);
}

/** Seed for a seat's own PRNG, so that agents are reproducible but independent of the engine. */
export function agentSeed(matchSeed: number, seat: Seat): number {
  return deriveSeed(matchSeed, 'agent', seat);
}

function begin(game: AnyGame, rawConfig: unknown, seed: number) {
  const config = parseConfig(game, rawConfig);
  return { config, state: game.init(config, seed) };
}

function finish(game: AnyGame, seed: number, state: any, log: (Json | null)[][], steps: number, truncated: boolean): MatchRecord {
  const result: MatchResult = game.isTerminal(state) ? game.result(state) : { ...game.result(state), reason: 'truncated' };
  // The final hash costs a full serialisation; tournaments of thousands of short matches rarely read
  // it, so it is computed on first access (the state must not be stepped after the match).
  let hash: string | undefined;
  const finalHash = () => (hash ??= hashState(game, state));
  const replay = { game: game.id, config: toJson(configOf(game, state)), seed, actions: log } as Replay;
  Object.defineProperty(replay, 'finalHash', { get: finalHash, enumerable: true });
  const record = { result, replay, steps, truncated, state } as MatchRecord;
  Object.defineProperty(record, 'finalHash', { get: finalHash, enumerable: true });
  return record;
}

function advance(game: AnyGame, state: any, actions: unknown[], validate: boolean) {
  return validate ? stepChecked(game, state, actions) : game.step(state, actions);
}

/** Synchronous loop; every controller must return its action directly (in-process agents). */
export function playMatch(game: AnyGame, rawConfig: unknown, seed: number, seats: Controller[], opts: MatchOptions = {}): MatchRecord {
  let { state } = begin(game, rawConfig, seed);
  const n = game.numSeats(configOf(game, state));
  if (seats.length !== n) throw new GameError('BAD_CONFIG', `${game.id} needs ${n} seats, got ${seats.length}`);
  const log: (Json | null)[][] = [];
  const max = opts.maxSteps ?? Infinity;
  const validate = opts.validate ?? true;
  const record = opts.record ?? true;
  const infos = Array.from({ length: n }, (_, seat) => new SeatInfo(game, seat));
  let step = 0;
  while (!game.isTerminal(state) && step < max) {
    const acting = game.toAct(state);
    const actions: unknown[] = new Array(n).fill(undefined);
    for (const seat of acting) {
      const a = seats[seat]!.act(game.observe(state, seat), infos[seat]!.at(state, step));
      if (a instanceof Promise) throw new Error('playMatch: a controller returned a promise; use playMatchAsync');
      actions[seat] = a;
    }
    if (record) log.push(actions.map(logged));
    const r = advance(game, state, actions, validate);
    state = r.state;
    opts.onStep?.({ step, state, actions, events: r.events, rewards: r.rewards });
    step++;
  }
  return finish(game, seed, state, log, step, !game.isTerminal(state));
}

/** The same loop for controllers that may answer asynchronously (remote bots, humans). */
export async function playMatchAsync(game: AnyGame, rawConfig: unknown, seed: number, seats: Controller[], opts: MatchOptions = {}): Promise<MatchRecord> {
  let { state } = begin(game, rawConfig, seed);
  const n = game.numSeats(configOf(game, state));
  if (seats.length !== n) throw new GameError('BAD_CONFIG', `${game.id} needs ${n} seats, got ${seats.length}`);
  const log: (Json | null)[][] = [];
  const max = opts.maxSteps ?? Infinity;
  const validate = opts.validate ?? true;
  let step = 0;
  while (!game.isTerminal(state) && step < max) {
    const acting = game.toAct(state);
    const actions: unknown[] = new Array(n).fill(undefined);
    await Promise.all(
      acting.map(async (seat) => {
        actions[seat] = await seats[seat]!.act(game.observe(state, seat), new SeatInfo(game, seat).at(state, step));
      }),
    );
    log.push(actions.map(logged));
    const r = advance(game, state, actions, validate);
    state = r.state;
    opts.onStep?.({ step, state, actions, events: r.events, rewards: r.rewards });
    step++;
  }
  return finish(game, seed, state, log, step, !game.isTerminal(state));
}
