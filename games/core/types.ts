/**
 * The engine interface every game implements. A game is a plain object of pure functions over a
 * serialisable state, driven by one seeded PRNG that lives inside the state (see rng.ts).
 *
 * Vocabulary follows PettingZoo / OpenSpiel: seat (= agent slot), observation, action mask,
 * episode (= match), return.
 *
 * Simultaneous moves are the general case: at every step `toAct(state)` names the seats that must
 * act, and `step` takes one action per seat in that set. A turn-based game simply names one seat.
 *
 * Ownership rule (for speed): `step` may reuse and mutate the state object it is given and returns
 * the next state. A caller that needs the old state afterwards must `clone` it first. Validation
 * happens before `step` (see kernel.ts), so a rejected action never touches the state.
 *
 * Every state object carries its parsed config as `state.config` (the kernel relies on it).
 */
import type { z } from 'zod';

export type Seat = number;
export type SeatOrSpectator = Seat | 'spectator';

/** JSON-compatible value (what serialize returns, what goes into replays and over the wire). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Discrete action index space for networks: index i in [0, n) maps to one action. */
export interface DiscreteSpace {
  kind: 'discrete';
  n: number;
  /** Optional human-readable label per index, e.g. ['C', 'D']. */
  labels?: readonly string[];
}

/** Continuous box space, e.g. sumo's [thrust, turn] in [-1, 1]^2. */
export interface BoxSpace {
  kind: 'box';
  shape: readonly number[];
  low: readonly number[];
  high: readonly number[];
}

export type ActionSpace = DiscreteSpace | BoxSpace;

/** What the engine reports at the end (returns are per seat, indexed by seat). */
export interface MatchResult {
  returns: number[];
  /** Winning seat, or null for a draw; absent where winning is not a concept (e.g. public goods). */
  winner?: Seat | null;
  /** Why the match ended, e.g. 'ring-out', 'step-cap', 'all-fainted', 'turn-cap' (docs/protocol.md lists every reason). */
  reason?: string;
}

/** Something that happened during a step, for logs, UIs and text renderers. */
export interface GameEvent {
  type: string;
  /** Seats allowed to see this event; absent = public. */
  visibleTo?: readonly Seat[];
  [key: string]: unknown;
}

export interface StepResult<S> {
  state: S;
  events: GameEvent[];
  /** Per-seat reward for this step (the sum over an episode is the return). */
  rewards: number[];
}

export interface Game<C = any, S = any, A = any, O = any> {
  /** Stable id used everywhere: CLI flags, replays, API, DB. e.g. 'ipd', 'vgc', 'sumo'. */
  readonly id: string;
  /** Family folder under games/: 'dilemmas', 'public-goods', 'vgc', 'sumo'. */
  readonly family: string;
  readonly title: string;
  readonly description: string;

  /** Config schema; `configSchema.parse({})` yields the default config. Unknown keys are rejected. */
  readonly configSchema: z.ZodType<C>;
  /** Schema of one action (validated at every boundary). */
  readonly actionSchema: z.ZodType<A>;

  numSeats(config: C): number;
  /** The index space for networks. Continuous games may also offer a discrete variant by config. */
  actionSpace(config: C): ActionSpace;
  /** Length of the numeric observation vector. */
  obsSize(config: C): number;

  init(config: C, seed: number): S;
  /** Seats that must act now; empty when the match is over. */
  toAct(state: S): Seat[];
  isTerminal(state: S): boolean;
  result(state: S): MatchResult;

  /**
   * Legal actions for a seat that must act, as a list, when the game can enumerate them.
   * Continuous games return undefined (every action inside the box is legal).
   */
  legal(state: S, seat: Seat): A[] | undefined;
  /** Throws GameError('ILLEGAL_ACTION') when a schema-valid action is not legal now. */
  check(state: S, seat: Seat, action: A): void;
  /** Advance the state by one joint action: `actions[seat]` for each seat in toAct(state). */
  step(state: S, actions: readonly (A | undefined)[]): StepResult<S>;
  /** The action played for a seat that timed out. */
  defaultAction(state: S, seat: Seat): A;

  /** The seat's view, redacted to what it may know. 'spectator' gets the public view. */
  observe(state: S, who: SeatOrSpectator): O;
  /** Numeric encoding of an observation, length obsSize(config). */
  encode(obs: O, out?: Float32Array): Float32Array;
  /** Fixed-size mask over actionSpace (discrete): 1 = legal. */
  mask(state: S, seat: Seat): Uint8Array;
  actionToIndex(state: S, seat: Seat, action: A): number;
  indexToAction(state: S, seat: Seat, index: number): A;

  /** Text for people and language models. */
  render(obs: O): string;
  /** Parses a text action such as 'C' or 'a: move 2 -> foe 2; b: switch 3'. Throws GameError('PARSE'). */
  parseAction(text: string, state: S, seat: Seat): A;
  /** The text form of an action; parseAction(actionText(a)) gives back a. */
  actionText(action: A): string;

  /** Plain JSON of the whole state, PRNG included; the hash is computed over it. */
  serialize(state: S): Json;
  /** Independent copy (stepping the copy never affects the original). */
  clone(state: S): S;

  /** Hooks for the generic conformance suite (test/support/conformance.ts). */
  readonly conformance?: ConformanceHooks<S>;
}

export interface ConformanceHooks<S> {
  /** Configs to run the suite on (default: just the default config). */
  configs?: unknown[];
  /**
   * A copy of `state` that differs only in information `who` may not see (an opponent's unrevealed
   * moves, a hidden team member...), or undefined when there is nothing hidden from `who` now.
   * The suite checks that `observe(copy, who)` equals `observe(state, who)`.
   */
  perturbHidden?(state: S, who: SeatOrSpectator, rng: import('./rng.ts').Rng): S | undefined;
  /** Schema-valid actions that are illegal for `seat` in `state` (the suite expects ILLEGAL_ACTION). */
  illegalActions?(state: S, seat: Seat): unknown[];
  /** Steps of random play for the "never throws" property (default 10 000). */
  randomSteps?: number;
}

/** A game plus what the kernel derived from it; games are registered in games/index.ts. */
export type AnyGame = Game<any, any, any, any>;

/** Everything needed to reproduce a match exactly. */
export interface Replay {
  game: string;
  config: Json;
  seed: number;
  /** One entry per step: actions[step][seat], null for seats that did not act at that step. */
  actions: (Json | null)[][];
  /** Hash of the final state, to check a re-simulation against. */
  finalHash?: string;
}

/**
 * What a seat controller is told besides its observation. It never carries the state itself,
 * so a controller cannot see more than its redacted observation.
 */
export interface ActInfo<A = any> {
  seat: Seat;
  /** Step index (0-based) of the match. */
  step: number;
  /** Legal actions, when the game can enumerate them. */
  legal: A[] | undefined;
  /** The fixed-size legal-action mask (computed on first call). */
  mask(): Uint8Array;
  /** Maps a discrete action index to an action in the current state (for policies that act by index). */
  indexToAction?(index: number): A;
}
