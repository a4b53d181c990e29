/**
 * `playMatch`: the synchronous driver of the match loop (match.ts) for in-process agents — the CLI,
 * tournaments, training evaluations and benches. Every controller answers at once (no awaits), so a
 * match runs at engine speed. Remote bots and people are driven by server/live's `LiveMatch`, over
 * the same loop.
 */
import { GameError } from './errors.ts';
import { Match, type MatchOptions, type MatchRecord } from './match.ts';
import { deriveSeed } from './rng.ts';
import type { ActInfo, AnyGame, Seat } from './types.ts';

export type { MatchOptions, MatchRecord } from './match.ts';

/** Whatever chooses a seat's actions: a scripted agent, a policy, a remote bot's proxy. */
export interface Controller<O = any, A = any> {
  act(obs: O, info: ActInfo<A>): A | Promise<A>;
}

/**
 * One reusable ActInfo per seat: legal actions and the mask are computed only if the controller
 * asks (scripted bots often need neither), so the hot loop allocates nothing per step.
 */
export class ActInfoCursor implements ActInfo {
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

/** Seed for a seat's own PRNG, so that agents are reproducible but independent of the engine. */
export function agentSeed(matchSeed: number, seat: Seat): number {
  return deriveSeed(matchSeed, 'agent', seat);
}

/**
 * Play a whole match between in-process controllers. An invalid action (with validation on) throws its
 * GameError: in-process agents are trusted code, and a bad one is a bug to see, not a result to rate.
 * @throws GameError BAD_CONFIG for a bad config or the wrong number of seats
 */
export function playMatch(
  game: AnyGame,
  rawConfig: unknown,
  seed: number,
  seats: readonly Controller[],
  opts: MatchOptions = {},
): MatchRecord {
  const m = new Match(game, rawConfig, seed, opts);
  const n = m.numSeats;
  if (seats.length !== n) throw new GameError('BAD_CONFIG', `${game.id} needs ${n} seats, got ${seats.length}`);
  const infos = Array.from({ length: n }, (_, seat) => new ActInfoCursor(game, seat));
  while (!m.done) {
    const state = m.state;
    const step = m.step;
    for (const seat of m.toAct()) {
      const a = seats[seat]!.act(game.observe(state, seat), infos[seat]!.at(state, step));
      if (a instanceof Promise)
        throw new Error('playMatch: a controller returned a promise; asynchronous seats play through server/live');
      m.submit(seat, a);
    }
    m.advance();
  }
  return m.finish();
}
