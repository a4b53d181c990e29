/**
 * Axelrod-style tournaments, game-agnostic.
 *
 * Two-seat games: a round robin where every pair plays `repetitions` matches, self-play included
 * (axelrod/tournament.py). Each agent's score in a repetition is its payoff per turn averaged over
 * its opponents, self-play excluded as in Axelrod's ResultSet (axelrod/result_set.py, normalised by turns × (players − 1)); agents are
 * ranked by the median of those scores over repetitions (ties: mean, then id). Seats alternate
 * between repetitions so that asymmetric tables favour nobody.
 *
 * Games with more seats (public goods): each repetition deals every agent into exactly `seats`
 * seeded random groups (a shuffled deck with `seats` copies of each agent, cut into groups), so every
 * agent appears equally often; the score is payoff per round, averaged over the agent's seats in
 * that repetition, ranked by the median over repetitions.
 *
 * Matches run through `playMatch` with validation and the action log turned off (`playFast`): the
 * agents are trusted built-ins, so only the result and the returns are kept.
 */
import { playMatch, type Controller } from '../../games/core/runner.ts';
import { deriveSeed, Rng } from '../../games/core/rng.ts';
import type { AnyGame, Seat } from '../../games/core/types.ts';
import type { AgentSpec } from '../core/agent.ts';
import { instantiate } from '../registry.ts';
import { adjudicate } from '../../games/core/standings.ts';
import { pairResults, PairTable, type PairCell } from './rating-pairs.ts';
import { mean, median } from './stats.ts';

export interface FastMatch {
  returns: number[];
  /** Turns or rounds played (the engine's `turn` or `round` counter, else steps). */
  rounds: number;
  steps: number;
  winner: Seat | null | undefined;
}

/**
 * Play one match with in-process controllers, as fast as the engine allows: the kernel's runner
 * without validation (built-in agents are trusted) and without an action log.
 */
export function playFast(
  game: AnyGame,
  config: unknown,
  seed: number,
  seats: Controller[],
  maxSteps = 10_000_000,
): FastMatch {
  const rec = playMatch(game, config, seed, seats, { validate: false, record: false, maxSteps });
  const { state, steps } = rec;
  const rounds = typeof state.turn === 'number' ? state.turn : typeof state.round === 'number' ? state.round : steps;
  return { returns: rec.result.returns, rounds: Math.max(1, rounds), steps, winner: rec.result.winner };
}

export interface TournamentOptions {
  /** Parsed game config. */
  config: unknown;
  repetitions: number;
  seed: number;
  onMatch?: () => void;
}

export interface TournamentLine {
  rank: number;
  agent: string;
  title: string;
  /** Median over repetitions of the per-turn (per-round) score. */
  median: number;
  mean: number;
  /** Lower and upper quartile over repetitions. */
  q1: number;
  q3: number;
  /** Matches won against other agents. */
  wins: number;
  /** Matches played (seats taken, for group games; self-play counts once). */
  matches: number;
  /** The per-repetition scores the ranking is built from. */
  scores: number[];
}

export interface TournamentResult {
  game: string;
  mode: 'round-robin' | 'groups';
  config: unknown;
  seed: number;
  repetitions: number;
  matches: number;
  /** Total turns (rounds) played. */
  turns: number;
  lines: TournamentLine[];
  /** Round robin: mean per-turn payoff of the row agent against the column agent (agent order as given). */
  payoffMatrix?: number[][];
  agents: string[];
  /**
   * Every match's seats ranked (games/core/standings.ts) and broken into weighted pair results
   * (agents/eval/rating-pairs.ts), summed per pair of agents: the input of the arena's ratings
   * (agents/eval/rating-board.ts), so the CLI reports the leaderboard's estimates.
   */
  pairs: PairCell[];
}

/** Add one match's results to the pair table: seat agents by id, ranks from the engine's result. */
function record(table: PairTable, seated: readonly AgentSpec[], m: FastMatch): void {
  const { ranks } = adjudicate({ returns: m.returns, ...(m.winner === undefined ? {} : { winner: m.winner }) });
  table.addResults(
    pairResults(
      seated.map((s) => s.id),
      ranks,
    ),
  );
}

/** Number of matches a tournament will play (for progress bars). */
export function tournamentSize(game: AnyGame, config: unknown, agents: number, repetitions: number): number {
  return game.numSeats(config) === 2 ? ((agents * (agents + 1)) / 2) * repetitions : agents * repetitions;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function rank(specs: readonly AgentSpec[], scores: number[][], wins: number[], played: number[]): TournamentLine[] {
  const lines = specs.map((s, i) => {
    const sorted = [...scores[i]!].sort((a, b) => a - b);
    return {
      rank: 0,
      agent: s.id,
      title: s.title,
      median: median(sorted),
      mean: mean(sorted),
      q1: quantile(sorted, 0.25),
      q3: quantile(sorted, 0.75),
      wins: wins[i]!,
      matches: played[i]!,
      scores: scores[i]!,
    };
  });
  lines.sort((a, b) => b.median - a.median || b.mean - a.mean || a.agent.localeCompare(b.agent));
  lines.forEach((l, i) => (l.rank = i + 1));
  return lines;
}

export function tournament(game: AnyGame, specs: readonly AgentSpec[], opts: TournamentOptions): TournamentResult {
  return game.numSeats(opts.config) === 2 ? roundRobin(game, specs, opts) : groups(game, specs, opts);
}

function roundRobin(game: AnyGame, specs: readonly AgentSpec[], opts: TournamentOptions): TournamentResult {
  const k = specs.length;
  const { config, repetitions } = opts;
  // sums[i][r] = Σ over opponents j ≠ i of i's payoff per turn in repetition r.
  const sums = specs.map(() => new Array<number>(repetitions).fill(0));
  const selfPlay = specs.map(() => new Array<number>(repetitions).fill(0));
  const matrix = specs.map(() => new Array<number>(k).fill(0));
  const wins = new Array<number>(k).fill(0);
  const played = new Array<number>(k).fill(0);
  const table = new PairTable();
  let matches = 0;
  let turns = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      for (let r = 0; r < repetitions; r++) {
        const seed = deriveSeed(opts.seed, 'match', i, j, r);
        const swapSeats = r % 2 === 1;
        const seated = swapSeats ? [specs[j]!, specs[i]!] : [specs[i]!, specs[j]!];
        const m = playFast(game, config, seed, instantiate(game, config, seed, seated));
        record(table, seated, m);
        const [ri, rj] = swapSeats ? [m.returns[1]!, m.returns[0]!] : [m.returns[0]!, m.returns[1]!];
        const pi = ri / m.rounds;
        const pj = rj / m.rounds;
        matches++;
        turns += m.rounds;
        played[i]!++;
        if (i !== j) played[j]!++;
        if (i === j) {
          selfPlay[i]![r] = (pi + pj) / 2;
          matrix[i]![i]! += (pi + pj) / 2 / repetitions;
        } else {
          sums[i]![r]! += pi;
          sums[j]![r]! += pj;
          matrix[i]![j]! += pi / repetitions;
          matrix[j]![i]! += pj / repetitions;
          if (m.winner !== null && m.winner !== undefined) {
            const winnerSeat = m.winner;
            const iWon = swapSeats ? winnerSeat === 1 : winnerSeat === 0;
            wins[iWon ? i : j]!++;
          }
        }
        opts.onMatch?.();
      }
    }
  }
  // With a single agent, self-play is all there is.
  const scores = specs.map((_, i) => (k > 1 ? sums[i]!.map((s) => s / (k - 1)) : selfPlay[i]!));
  return {
    game: game.id,
    mode: 'round-robin',
    config,
    seed: opts.seed,
    repetitions,
    matches,
    turns,
    lines: rank(specs, scores, wins, played),
    payoffMatrix: matrix,
    agents: specs.map((s) => s.id),
    pairs: [...table.entries()],
  };
}

function groups(game: AnyGame, specs: readonly AgentSpec[], opts: TournamentOptions): TournamentResult {
  const k = specs.length;
  const n = game.numSeats(opts.config);
  const scores = specs.map(() => new Array<number>(opts.repetitions).fill(0));
  const wins = new Array<number>(k).fill(0);
  const played = new Array<number>(k).fill(0);
  const table = new PairTable();
  let matches = 0;
  let turns = 0;
  for (let r = 0; r < opts.repetitions; r++) {
    const deck: number[] = [];
    for (let i = 0; i < k; i++) for (let c = 0; c < n; c++) deck.push(i);
    Rng.seeded(deriveSeed(opts.seed, 'deal', r)).shuffle(deck);
    for (let g = 0; g < k; g++) {
      const members = deck.slice(g * n, g * n + n);
      const seed = deriveSeed(opts.seed, 'group', r, g);
      const seated = members.map((i) => specs[i]!);
      const m = playFast(game, opts.config, seed, instantiate(game, opts.config, seed, seated));
      record(table, seated, m);
      for (let seat = 0; seat < n; seat++) {
        const i = members[seat]!;
        scores[i]![r]! += m.returns[seat]! / m.rounds / n;
        played[i]!++;
      }
      if (m.winner !== null && m.winner !== undefined) wins[members[m.winner]!]!++;
      matches++;
      turns += m.rounds;
      opts.onMatch?.();
    }
  }
  return {
    game: game.id,
    mode: 'groups',
    config: opts.config,
    seed: opts.seed,
    repetitions: opts.repetitions,
    matches,
    turns,
    lines: rank(specs, scores, wins, played),
    agents: specs.map((s) => s.id),
    pairs: [...table.entries()],
  };
}
