/**
 * The synchronous driver of a tournament whose games are played in process (`ludus tournament
 * --format …`, tests). It makes the same transitions, in the same order, as the arena's hosted
 * tournaments (server/tournament/), so a local and a hosted run of the same rules, entrants and
 * seed give the same standings: round formats exactly; arena and ladder whenever the games end in
 * the same order (here a virtual clock: a game lasts `durationMs` of simulated time, no waiting).
 */
import { advance, pendingGames, recordGame, replayGame } from './engine.ts';
import type { GameSlot, Pairing, TournamentState } from './spec.ts';

export type GameRun =
  | {
      kind: 'played';
      ranks: number[];
      matchId?: string /** simulated length (arena/ladder clock) */;
      durationMs?: number;
    }
  /** An infrastructure failure: replayed with a fresh seed, never scored. */
  | { kind: 'failed'; reason: string };

export interface RunOptions {
  /** Called after every transition, e.g. for a progress bar. */
  onGame?: (pairing: Pairing, game: GameSlot, run: GameRun) => void;
  /** Safety stop on the number of games started (default 1e6). */
  maxGames?: number;
}

/**
 * Play a tournament to the end. `play` is given the pairing and game (seats in `game.seats`, seed in
 * `game.seed`) and plays it at once. Arena and ladder run on a virtual clock: games start as soon
 * as entrants are idle and end `durationMs` (default 1, at least 1) later.
 */
export function runTournament(
  state: TournamentState,
  play: (pairing: Pairing, game: GameSlot) => GameRun,
  opts: RunOptions = {},
): TournamentState {
  const maxGames = opts.maxGames ?? 1_000_000;
  let started = 0;
  const continuous = state.rules.format.kind === 'arena' || state.rules.format.kind === 'ladder';
  let now = 0;
  const running: { pairing: Pairing; game: GameSlot; run: GameRun; endAt: number }[] = [];
  const isRunning = (g: GameSlot) => running.some((r) => r.game === g);
  advance(state, now);
  while (state.status !== 'finished') {
    for (const { pairing, game } of pendingGames(state)) {
      if (isRunning(game)) continue;
      if (++started > maxGames) throw new Error(`runTournament: more than ${maxGames} games`);
      const run = play(pairing, game);
      const length = continuous && run.kind === 'played' ? Math.max(1, run.durationMs ?? 1) : 0;
      running.push({ pairing, game, run, endAt: now + length });
    }
    if (running.length === 0) {
      if (
        advance(state, now).length === 0 &&
        (state.status as TournamentState['status']) !== 'finished' &&
        pendingGames(state).length === 0
      )
        throw new Error('runTournament: the tournament cannot move on');
      continue;
    }
    // The game that ends first (ties: the order they started in).
    let k = 0;
    for (let i = 1; i < running.length; i++) if (running[i]!.endAt < running[k]!.endAt) k = i;
    const next = running.splice(k, 1)[0]!;
    now = Math.max(now, next.endAt);
    if (next.run.kind === 'played')
      recordGame(
        state,
        next.pairing.id,
        next.game.index,
        { kind: 'played', ranks: next.run.ranks, ...(next.run.matchId ? { matchId: next.run.matchId } : {}) },
        continuous ? now : undefined,
      );
    else replayGame(state, next.pairing.id, next.game.index, next.run.reason);
    opts.onGame?.(next.pairing, next.game, next.run);
    advance(state, now);
  }
  return state;
}
