/**
 * Game-agnostic operations on top of the engine interface: validating actions at a boundary,
 * stepping with validation, hashing, and replaying. Every transport (CLI, server, training)
 * goes through these, so the rules for rejecting input live in one place.
 */
import { z } from 'zod';
import { GameError } from './errors.ts';
import { stableHash } from './hash.ts';
import { isStorable, storableString, unstorableMessage, unstorablePath } from './storable.ts';
import type { AnyGame, Json, Replay, Seat, StepResult } from './types.ts';

/**
 * Parse and check a game config; unknown keys and out-of-range values give BAD_CONFIG, text the store
 * cannot hold (storable.ts) gives SCHEMA.
 */
export function parseConfig<G extends AnyGame>(game: G, raw: unknown = {}): ReturnType<G['configSchema']['parse']> {
  const r = game.configSchema.safeParse(raw ?? {});
  if (!r.success)
    throw new GameError('BAD_CONFIG', `invalid ${game.id} config: ${formatIssues(r.error)}`, r.error.issues);
  const bad = unstorablePath(r.data);
  if (bad) throw new GameError('SCHEMA', unstorableMessage(`${game.id} config`, bad));
  return r.data as ReturnType<G['configSchema']['parse']>;
}

export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/**
 * The checks of `validateAction` that depend on the action: the schema (SCHEMA, including text the
 * store cannot hold), then legality (the game's ILLEGAL_ACTION). For a caller that has already
 * established that the match is running and that `seat` must act now (the match loop, games/core/match.ts,
 * which tracks both), so the engine is not asked again. Returns the parsed action.
 */
export function checkAction(game: AnyGame, state: unknown, seat: Seat, raw: unknown): unknown {
  const parsed = game.actionSchema.safeParse(raw);
  if (!parsed.success) {
    throw new GameError('SCHEMA', `malformed ${game.id} action: ${formatIssues(parsed.error)}`, parsed.error.issues);
  }
  const data = parsed.data;
  // Most actions are short strings from a fixed set ('C', 'D'): checked directly, without the walk.
  if (typeof data === 'string' ? !storableString(data) : !isStorable(data))
    throw new GameError('SCHEMA', unstorableMessage(`${game.id} action`, unstorablePath(data) ?? []));
  game.check(state, seat, data);
  return data;
}

/**
 * Validate one untrusted action for a seat: GAME_OVER, then the schema (SCHEMA, which includes text
 * the store cannot hold), then whose turn it is (NOT_YOUR_TURN), then legality (the game's
 * ILLEGAL_ACTION). Returns the parsed action.
 */
export function validateAction(game: AnyGame, state: unknown, seat: Seat, raw: unknown): unknown {
  if (game.isTerminal(state)) throw new GameError('GAME_OVER', 'the match is over');
  const parsed = game.actionSchema.safeParse(raw);
  if (!parsed.success) {
    throw new GameError('SCHEMA', `malformed ${game.id} action: ${formatIssues(parsed.error)}`, parsed.error.issues);
  }
  const bad = unstorablePath(parsed.data);
  if (bad) throw new GameError('SCHEMA', unstorableMessage(`${game.id} action`, bad));
  if (!game.toAct(state).includes(seat)) throw new GameError('NOT_YOUR_TURN', `seat ${seat} has nothing to do now`);
  game.check(state, seat, parsed.data);
  return parsed.data;
}

/**
 * Step with every action validated first. Either all actions are accepted and the state advances,
 * or a GameError is thrown and the state is untouched.
 */
export function stepChecked(game: AnyGame, state: unknown, rawActions: readonly unknown[]): StepResult<any> {
  const seats = game.toAct(state);
  if (seats.length === 0) throw new GameError('GAME_OVER', 'the match is over');
  const actions: unknown[] = new Array(game.numSeats(configOf(game, state))).fill(undefined);
  for (const seat of seats) {
    if (rawActions[seat] === undefined || rawActions[seat] === null) {
      throw new GameError('SCHEMA', `missing action for seat ${seat}`);
    }
    actions[seat] = validateAction(game, state, seat, rawActions[seat]);
  }
  for (let seat = 0; seat < rawActions.length; seat++) {
    if (!seats.includes(seat) && rawActions[seat] !== undefined && rawActions[seat] !== null) {
      throw new GameError('NOT_YOUR_TURN', `seat ${seat} has nothing to do now`);
    }
  }
  return game.step(state, actions);
}

/** Engines keep their config in the state under `config`; this is the one place that relies on it. */
export function configOf(_game: AnyGame, state: unknown): any {
  const c = (state as { config?: unknown }).config;
  if (c === undefined) throw new Error('engine state must carry its config under `config`');
  return c;
}

export function hashState(game: AnyGame, state: unknown): string {
  return stableHash(game.serialize(state));
}

/** Re-simulate a replay, validating every action; returns the final state and its hash. */
export function replay(game: AnyGame, rep: Replay): { state: any; hash: string; steps: number } {
  if (rep.game !== game.id) throw new GameError('BAD_REPLAY', `replay is for ${rep.game}, not ${game.id}`);
  const config = parseConfig(game, rep.config);
  let state = game.init(config, rep.seed);
  let steps = 0;
  for (const joint of rep.actions) {
    try {
      state = stepChecked(game, state, joint).state;
    } catch (e) {
      if (e instanceof GameError) throw new GameError('BAD_REPLAY', `step ${steps}: ${e.message}`, e.toJSON());
      throw e;
    }
    steps++;
  }
  const hash = hashState(game, state);
  if (rep.finalHash !== undefined && rep.finalHash !== hash) {
    throw new GameError('BAD_REPLAY', `final hash ${hash} differs from the recorded ${rep.finalHash}`);
  }
  return { state, hash, steps };
}

/** JSON round-trip that keeps actions plain (what a replay stores). */
export function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}
