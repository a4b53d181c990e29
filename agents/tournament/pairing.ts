/**
 * Pairings from `tournament-pairings` (slashinfty/tournament-pairings, the pairing library behind
 * `tournament-organizer`): Swiss by maximum-weight matching (Edmonds' blossom over weights for
 * score groups, pair-up/down history, seat balance, bye history, rating closeness), the circle
 * method for round robins, and the seeded 1-v-N bracket for single elimination.
 *
 * Why this library: it is the only maintained npm package with all three (swiss-pairing does Swiss
 * only; tournament-organizer wraps this one in a mutable class with random UUIDs and tiebreaks that
 * count a repeated opponent once). Licence note: tournament-pairings is GPL-3.0-or-later (see
 * docs/architecture.md).
 *
 * Determinism: the library shuffles with Math.random (Swiss always; round robin and elimination
 * unless `ordered`). Round robin and elimination get `ordered = true` with our own seeded order;
 * Swiss runs with Math.random swapped for a seeded stream for the length of that one synchronous
 * call (`withSeededRandom`), so the same seed and history give the same pairings everywhere.
 */
import { RoundRobin, SingleElimination, Swiss } from 'tournament-pairings';
import { Rng } from '../../games/core/rng.ts';

export interface PairedMatch {
  round: number;
  match: number;
  player1: string | null;
  player2: string | null;
  win?: { round: number; match: number };
}

/** Run `fn` with Math.random drawing from Rng.seeded(seed); restored afterwards, even on a throw. */
export function withSeededRandom<T>(seed: number, fn: () => T): T {
  const rng = Rng.seeded(seed);
  const saved = Math.random;
  Math.random = () => rng.float();
  try {
    return fn();
  } finally {
    Math.random = saved;
  }
}

/** Circle-method rounds of every pair, for entrants in this order (`null` = the rest/bye). */
export function roundRobinRounds(ids: readonly string[]): PairedMatch[] {
  return RoundRobin([...ids], 1, true).map((m) => ({ round: m.round, match: m.match, player1: (m.player1 as string | null) ?? null, player2: (m.player2 as string | null) ?? null }));
}

/** The seeded bracket: `ids` in seed order (seed 1 first). */
export function eliminationBracket(ids: readonly string[]): PairedMatch[] {
  return SingleElimination([...ids], 1, false, true).map((m) => ({
    round: m.round,
    match: m.match,
    player1: (m.player1 as string | null) ?? null,
    player2: (m.player2 as string | null) ?? null,
    ...(m.win ? { win: m.win } : {}),
  }));
}

export interface SwissPlayer {
  id: string;
  score: number;
  /** Opponents already met (never paired again). */
  avoid: string[];
  receivedBye: boolean;
  pairedUpDown?: boolean;
  /** Seats taken so far: 1 = first seat, −1 = second (balanced by the matcher). */
  seating: (1 | -1)[];
  rating?: number;
}

/**
 * One Swiss round (or an arena/ladder wave, where `rated` pairs by rating closeness).
 * Pairings come back as [first seat, second seat]; an entrant alone has the bye (or, in an arena or
 * ladder wave, waits for the next one).
 */
export function swissRound(players: readonly SwissPlayer[], round: number, seed: number, rated = false): [string, string | null][] {
  if (players.length % 2 === 1 && !rated) {
    // FIDE C.04.1 (a) and (c): the bye goes to the lowest-scored entrant who has not had one and
    // whose removal leaves everyone else paired; the library only discourages a second bye.
    const candidates = [...players].filter((p) => !p.receivedBye).sort((a, b) => a.score - b.score);
    for (const c of candidates) {
      const rest = match(players.filter((p) => p !== c), round, seed, false);
      if (rest.every(([, b]) => b !== null)) return [...rest, [c.id, null]];
    }
  }
  return match(players, round, seed, rated);
}

const canMeet = (p: SwissPlayer, q: SwissPlayer) => p !== q && !p.avoid.includes(q.id) && !q.avoid.includes(p.id);

function match(players: readonly SwissPlayer[], round: number, seed: number, rated: boolean): [string, string | null][] {
  // The library's matcher crashes on a player with no allowed opponent (its blossom result array is
  // short): such players sit out (a bye in Swiss, waiting for the next arena or ladder wave).
  const pairable = players.filter((p) => players.some((q) => canMeet(p, q)));
  const out: [string, string | null][] = players.filter((p) => !pairable.includes(p)).map((p) => [p.id, null]);
  if (pairable.length < 2) return [...out, ...pairable.map((p): [string, null] => [p.id, null])];
  const input = pairable.map((p) => ({ ...p, avoid: [...p.avoid], seating: [...p.seating], ...(rated ? { rating: p.rating ?? 0 } : {}) }));
  const paired = withSeededRandom(seed, () => Swiss(input, round, rated, true));
  return [...paired.map((m): [string, string | null] => [m.player1 as string, (m.player2 as string | null) ?? null]), ...out];
}
