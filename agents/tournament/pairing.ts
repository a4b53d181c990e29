/**
 * Pairings: Swiss by maximum-weight matching, Berger tables for round robins, the standard seeded
 * bracket for single elimination. All deterministic: the same seed and history give the same
 * pairings everywhere (no Math.random).
 *
 * Swiss (and the arena/ladder waves): Edmonds' blossom algorithm from `edmonds-blossom-fixed`
 * (MIT; mattkrick's port of Van Rantwijk's mwmatching.py, with the port's three undeclared
 * variables fixed so it leaks no globals), over weights of our own in the spirit of FIDE's Dutch
 * system (Handbook C.04.3): never a rematch (no edge), then the smallest score differences (score
 * groups pair within themselves, floaters to the nearest group), then seat (colour) preferences.
 * Why not a Swiss package: `swiss-pairing` (MIT, 1.4.3, also on this blossom) only penalises
 * rematches and has no seat balance; `tournament-pairings`/`tournament-organizer` (used before)
 * are GPL-3.0-or-later, not acceptable in MIT Ludus. The bye (FIDE C.04.1) is chosen here.
 *
 * Round robin and elimination are hand-written: each is a textbook table of a dozen lines and no
 * MIT package is worth the dependency. Round robin: Berger tables (the circle method as FIDE
 * publishes it, Handbook C.05 Annex 1). Elimination: the standard seeded bracket (1 v N, 2 v N−1
 * …, placed so seeds 1 and 2 can only meet in the final), byes to the top seeds.
 */
import blossom from 'edmonds-blossom-fixed';
import { Rng } from '../../games/core/rng.ts';

export interface PairedMatch {
  round: number;
  match: number;
  player1: string | null;
  player2: string | null;
  /** Elimination: the winner goes to this match of the next round. */
  win?: { round: number; match: number };
}

/**
 * Berger tables for entrants in this order; an odd field gets a dummy last entrant (`null` = the
 * rest). With N entrants (dummy included), round r (0-based) has board 1 = N against
 * a = (r·N/2 mod (N−1)) + 1, N taking the second seat in even rounds and the first in odd ones,
 * then boards k = 1 … N/2−1: a+k against a−k (numbers taken mod N−1 in 1 … N−1).
 * Every pair meets once in N−1 rounds and seats alternate as evenly as a single cycle allows.
 */
export function roundRobinRounds(ids: readonly string[]): PairedMatch[] {
  const players: (string | null)[] = [...ids];
  if (players.length % 2 === 1) players.push(null);
  const n = players.length;
  const at = (k: number) => players[(((k - 1) % (n - 1)) + (n - 1)) % (n - 1)]!; // 1-based, wraps in 1 … N−1
  const out: PairedMatch[] = [];
  for (let r = 0; r < n - 1; r++) {
    const a = (((r * n) / 2) % (n - 1)) + 1;
    const last = players[n - 1]!;
    const board1: [string | null, string | null] = r % 2 === 0 ? [at(a), last] : [last, at(a)];
    out.push({ round: r + 1, match: 1, player1: board1[0], player2: board1[1] });
    for (let k = 1; k < n / 2; k++) out.push({ round: r + 1, match: k + 1, player1: at(a + k), player2: at(a - k) });
  }
  return out;
}

/** Seed numbers in bracket order for a bracket of `size` (a power of 2): 1, 8, 4, 5, 2, 7, 3, 6 for 8. */
function bracketOrder(size: number): number[] {
  let order = [1];
  while (order.length < size) {
    const m = order.length * 2 + 1;
    order = order.flatMap((s) => [s, m - s]);
  }
  return order;
}

/**
 * The seeded bracket: `ids` in seed order (seed 1 first). The bracket has P = the next power of 2
 * slots; slot pairs 1 v P, … in bracketOrder. A slot whose opponent seed is > N is a bye: that seed
 * enters round 2 directly, so round 1 holds only the real matches (none are byes when N = P).
 * Matches are numbered in bracket order within each round; `win` names the next match.
 * @returns every match of every round; later rounds have `null` for a slot still to be decided
 */
export function eliminationBracket(ids: readonly string[]): PairedMatch[] {
  const n = ids.length;
  let size = 1;
  while (size < n) size *= 2;
  const order = bracketOrder(size);
  const rounds = Math.log2(size);
  const byes = size > n;
  // slots[r][i]: entrant in slot i of round r (1-based rounds), or null to be decided.
  const out: PairedMatch[] = [];
  const first: PairedMatch[] = [];
  const second: (string | null)[] = [];
  for (let i = 0; i < size / 2; i++) {
    const [s, t] = [order[2 * i]!, order[2 * i + 1]!];
    if (t > n) second.push(ids[s - 1]!);
    else {
      second.push(null);
      first.push({ round: 1, match: first.length + 1, player1: ids[s - 1]!, player2: ids[t - 1]! });
    }
  }
  if (!byes) {
    // Every first-round slot pair is a match; match i feeds match ⌈i/2⌉ of round 2.
    first.forEach((m, i) =>
      out.push({ ...m, ...(rounds > 1 ? { win: { round: 2, match: Math.floor(i / 2) + 1 } } : {}) }),
    );
    for (let r = 2; r <= rounds; r++)
      for (let k = 0; k < size / 2 ** r; k++)
        out.push({
          round: r,
          match: k + 1,
          player1: null,
          player2: null,
          ...(r < rounds ? { win: { round: r + 1, match: Math.floor(k / 2) + 1 } } : {}),
        });
    return out;
  }
  // Byes: the real first-round matches feed the empty slots of round 2, which is built from the
  // slot pairs' winners (a bye's seed or null).
  let feed = 0;
  second.forEach((e, slot) => {
    if (e === null) out.push({ ...first[feed++]!, win: { round: 2, match: Math.floor(slot / 2) + 1 } });
  });
  for (let r = 2; r <= rounds; r++) {
    const count = size / 2 ** r;
    for (let k = 0; k < count; k++) {
      const [p1, p2] = r === 2 ? [second[2 * k]!, second[2 * k + 1]!] : [null, null];
      out.push({
        round: r,
        match: k + 1,
        player1: p1,
        player2: p2,
        ...(r < rounds ? { win: { round: r + 1, match: Math.floor(k / 2) + 1 } } : {}),
      });
    }
  }
  return out;
}

export interface SwissPlayer {
  id: string;
  score: number;
  /** Opponents already met (never paired again). */
  avoid: string[];
  receivedBye: boolean;
  /** Seats taken so far: 1 = first seat, −1 = second (balanced by the matcher). */
  seating: (1 | -1)[];
  rating?: number;
}

/**
 * One Swiss round (or an arena/ladder wave, where `rated` pairs by rating closeness).
 * Pairings come back as [first seat, second seat], top boards first; an entrant alone has the bye
 * (or, in an arena or ladder wave, waits for the next one).
 */
export function swissRound(
  players: readonly SwissPlayer[],
  round: number,
  seed: number,
  rated = false,
): [string, string | null][] {
  if (players.length % 2 === 1 && !rated) {
    // FIDE C.04.1 (a) and (c): the bye goes to the lowest-scored entrant who has not had one and
    // whose removal leaves everyone else paired.
    const candidates = [...players].filter((p) => !p.receivedBye).sort((a, b) => a.score - b.score);
    for (const c of candidates) {
      const rest = match(
        players.filter((p) => p !== c),
        seed,
        false,
      );
      if (rest.every(([, b]) => b !== null)) return [...rest, [c.id, null]];
    }
  }
  void round;
  return match(players, seed, rated);
}

const canMeet = (p: SwissPlayer, q: SwissPlayer) => p !== q && !p.avoid.includes(q.id) && !q.avoid.includes(p.id);

/** Seat wish: +1 wants the first seat, −1 the second, 0 none; strong when the balance is off by 2+ or the last two seats were the same (FIDE C.04.3 A.6). */
function seatWish(p: SwissPlayer): { want: -1 | 0 | 1; strong: boolean } {
  const balance = p.seating.reduce<number>((s, x) => s + x, 0);
  const n = p.seating.length;
  const lastTwoSame = n >= 2 && p.seating[n - 1] === p.seating[n - 2];
  if (balance !== 0) return { want: balance > 0 ? -1 : 1, strong: Math.abs(balance) >= 2 || lastTwoSame };
  if (n === 0) return { want: 0, strong: false };
  return { want: p.seating[n - 1] === 1 ? -1 : 1, strong: false };
}

function match(players: readonly SwissPlayer[], seed: number, rated: boolean): [string, string | null][] {
  const rng = Rng.seeded(seed);
  // Vertex order: by score (or rating) from the top, equal ones in a seeded random order.
  const key = (p: SwissPlayer) => (rated ? (p.rating ?? 0) : p.score);
  const order = rng.shuffle([...players]).sort((a, b) => key(b) - key(a));
  // Score differences in half points (scores are multiples of ½), rating differences in Elo points.
  const distance = (p: SwissPlayer, q: SwissPlayer) => Math.round(Math.abs(key(p) - key(q)) * (rated ? 1 : 2));
  const wishes = order.map(seatWish);
  const seatCost = (i: number, j: number) => {
    const [a, b] = [wishes[i]!, wishes[j]!];
    if (a.want === 0 || b.want === 0 || a.want !== b.want) return 0;
    return a.strong && b.strong ? 2 : 1;
  };
  let maxD = 0;
  for (let i = 0; i < order.length; i++)
    for (let j = i + 1; j < order.length; j++) maxD = Math.max(maxD, distance(order[i]!, order[j]!));
  // Lexicographic weights: the score term outweighs every seat term of a whole round together
  // (each pair's seat term is 1 … 3, a round has ≤ n/2 pairs), so seats only break score ties.
  const k = 2 * order.length + 1;
  const edges: [number, number, number][] = [];
  for (let i = 0; i < order.length; i++)
    for (let j = i + 1; j < order.length; j++) {
      if (!canMeet(order[i]!, order[j]!)) continue;
      const d = distance(order[i]!, order[j]!);
      edges.push([i, j, k * (maxD * maxD - d * d) + 3 - seatCost(i, j)]);
    }
  const mate = edges.length > 0 ? blossom(edges, true) : [];
  const pairs: [number, number][] = [];
  const alone: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const m = mate[i] ?? -1;
    if (m < 0) alone.push(i);
    else if (i < m) pairs.push([i, m]);
  }
  // Seats: the differing wish wins; on equal wishes the stronger one, then the higher-ranked
  // (FIDE C.04.3 E); with no wish at all, a seeded coin.
  const seated = pairs.map(([i, j]): [number, number] => {
    const [a, b] = [wishes[i]!, wishes[j]!];
    if (a.want !== b.want) return a.want > b.want ? [i, j] : [j, i];
    if (a.want === 0) return rng.chance(0.5) ? [i, j] : [j, i];
    const iWins = a.strong === b.strong ? true : a.strong; // i < j: i is the higher-ranked
    return iWins === (a.want === 1) ? [i, j] : [j, i];
  });
  // Boards from the top: the pair's better-ranked member (pairs are already in that order).
  return [
    ...seated.map(([i, j]): [string, string | null] => [order[i]!.id, order[j]!.id]),
    ...alone.map((i): [string, null] => [order[i]!.id, null]),
  ];
}
