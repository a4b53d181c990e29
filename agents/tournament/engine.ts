/**
 * The tournament as a pure state machine, shared by `ludus tournament --format …` (offline, in
 * process) and the arena's hosted tournaments (server/tournament/, which stores the state after every
 * transition in one transaction). Nothing here does I/O or reads a clock: arena and ladder receive
 * the time (ms since the start) from the caller, so a run is reproducible from its seed, its rules,
 * its entrants and the order of its results.
 *
 * Transitions, each a function (state, input) → state mutated in place and logged:
 *   createTournament → advance (new round / wave of pairings, or finish) → recordGame per game
 *   (played, forfeit) | replayGame (an infrastructure failure: the game is replayed with a fresh
 *   seed, never scored as a loss; voided after `maxReplays`) | withdraw (remaining games forfeited).
 * Pairings come from pairing.ts (Swiss by edmonds-blossom-fixed, Berger tables, the seeded bracket); standings and tiebreaks from standings.ts.
 */
import EloRank from 'elo-rank';
import { deriveSeed } from '../../games/core/rng.ts';
import { pairScore } from '../../games/core/standings.ts';
import { gamePoints } from './points.ts';
import { eliminationBracket, roundRobinRounds, swissRound, type SwissPlayer } from './pairing.ts';
import {
  rulesSchema,
  TournamentError,
  type EntrantState,
  type GameOutcome,
  type GameSlot,
  type Pairing,
  type RulesInput,
  type TournamentState,
} from './spec.ts';

/** The ladder's Elo, as the arena's live Elo (server/store/leaderboard.ts): K = 44, initial 1000. */
export const LADDER_ELO = { k: 44, initial: 1000 } as const;
const elo = new EloRank(LADDER_ELO.k);

export interface EntrantInput {
  id: string;
  /** Ladder: starting rating (default LADDER_ELO.initial). */
  rating?: number;
}

/**
 * A new tournament, nothing paired yet (call `advance`).
 * @param entrants in seeding order (elimination: seed 1 first)
 * @throws TournamentError TOURNAMENT_RULES (bad rules), TOURNAMENT_ENTRANTS (fewer than two, duplicates,
 *   more Swiss rounds than opponents)
 */
export function createTournament(
  rulesInput: RulesInput,
  entrants: readonly (string | EntrantInput)[],
  seed: number,
): TournamentState {
  const parsed = rulesSchema.safeParse(rulesInput);
  if (!parsed.success)
    throw new TournamentError(
      'TOURNAMENT_RULES',
      parsed.error.issues.map((i) => `${i.path.join('.') || 'rules'}: ${i.message}`).join('; '),
    );
  const rules = parsed.data;
  const list = entrants.map((e) => (typeof e === 'string' ? { id: e } : e));
  const ids = list.map((e) => e.id);
  if (ids.length < 2)
    throw new TournamentError('TOURNAMENT_ENTRANTS', `a tournament needs at least two entrants, got ${ids.length}`);
  if (new Set(ids).size !== ids.length) throw new TournamentError('TOURNAMENT_ENTRANTS', 'an entrant is listed twice');
  if (rules.format.kind === 'swiss' && rules.format.rounds > ids.length - 1 + (ids.length % 2))
    throw new TournamentError(
      'TOURNAMENT_ENTRANTS',
      `${rules.format.rounds} Swiss rounds need at least ${rules.format.rounds + 1} entrants so nobody meets twice`,
    );
  if (rules.format.kind === 'ladder' && rules.format.maxGames === undefined && rules.format.durationMs === undefined)
    throw new TournamentError('TOURNAMENT_RULES', 'a ladder needs maxGames or durationMs');
  return {
    rules,
    seed,
    entrants: list.map((e, i) => ({ id: e.id, seed: i + 1, rating: e.rating ?? LADDER_ELO.initial, forfeitsInRow: 0 })),
    pairings: [],
    round: 0,
    status: 'running',
    log: [{ type: 'start', entrants: ids }],
  };
}

// ------------------------------------------------------------------ queries

export function entrant(state: TournamentState, id: string): EntrantState {
  const e = state.entrants.find((x) => x.id === id);
  if (!e) throw new TournamentError('TOURNAMENT_ENTRANTS', `no entrant "${id}"`);
  return e;
}

export function pairing(state: TournamentState, id: string): Pairing {
  const p = state.pairings.find((x) => x.id === id);
  if (!p) throw new TournamentError('TOURNAMENT_PAIRING', `no pairing "${id}"`);
  return p;
}

const active = (e: EntrantState) => e.withdrawnAfter === undefined;

/** A pairing is decided when it is a bye or every game has an outcome (and, in elimination, a winner). */
export function isDecided(p: Pairing): boolean {
  if (p.kind === 'bye') return true;
  if (p.entrants.some((e) => e === null)) return false;
  return (
    p.games.every((g) => g.outcome !== undefined) &&
    (p.next === undefined && p.match === undefined ? true : p.winner !== undefined)
  );
}

/** Games that can be played now: both entrants known, no outcome yet. */
export function pendingGames(state: TournamentState): { pairing: Pairing; game: GameSlot }[] {
  const out: { pairing: Pairing; game: GameSlot }[] = [];
  for (const p of state.pairings) {
    if (p.kind !== 'game' || p.entrants.some((e) => e === null)) continue;
    for (const g of p.games) if (g.outcome === undefined) out.push({ pairing: p, game: g });
  }
  return out;
}

/** Entrants in no undecided game pairing (arena/ladder pair these). */
export function idleEntrants(state: TournamentState): string[] {
  const busy = new Set<string>();
  for (const p of state.pairings)
    if (p.kind === 'game' && !isDecided(p)) for (const e of p.entrants) if (e) busy.add(e);
  return state.entrants.filter((e) => active(e) && !busy.has(e.id)).map((e) => e.id);
}

/** Games with an outcome other than void, over the whole tournament. */
function gamesPlayed(state: TournamentState): number {
  let n = 0;
  for (const p of state.pairings) for (const g of p.games) if (g.outcome && g.outcome.kind !== 'void') n++;
  return n;
}

function rounds(state: TournamentState): number | undefined {
  const f = state.rules.format;
  const n = state.entrants.length;
  if (f.kind === 'round-robin') return f.cycles * (n % 2 === 0 ? n - 1 : n);
  if (f.kind === 'swiss') return f.rounds;
  if (f.kind === 'elimination') return Math.ceil(Math.log2(n));
  return undefined;
}

/** Rounds of a round-based format, or undefined for arena and ladder. */
export function totalRounds(state: TournamentState): number | undefined {
  return rounds(state);
}

// ------------------------------------------------------------------ pairing

function gameSlots(state: TournamentState, id: string, entrants: string[], count: number, first = 0): GameSlot[] {
  return Array.from({ length: count }, (_, k) => {
    const index = first + k;
    return {
      index,
      seats: index % 2 === 0 ? [...entrants] : [...entrants].reverse(),
      seed: deriveSeed(state.seed, id, index, 0),
      attempt: 0,
    };
  });
}

function newPairing(
  state: TournamentState,
  round: number,
  n: number,
  a: string | null,
  b: string | null,
  extra: Partial<Pairing> = {},
): Pairing {
  const id = `r${round}p${n}`;
  const bye = a !== null && b === null && extra.match === undefined;
  const entrants = bye ? [a] : [a, b];
  const p: Pairing = { id, round, entrants, kind: bye ? 'bye' : 'game', games: [], ...extra };
  if (!bye && a !== null && b !== null) p.games = gameSlots(state, id, [a, b], state.rules.gamesPerPairing);
  return p;
}

/** Forfeit every unplayed game of `p` in which a withdrawn entrant sits. */
function forfeitWithdrawn(state: TournamentState, p: Pairing): void {
  if (p.kind !== 'game' || p.entrants.some((e) => e === null)) return;
  const gone = (p.entrants as string[]).filter((id) => !active(entrant(state, id)));
  if (gone.length === 0) return;
  for (const g of p.games) if (g.outcome === undefined) applyOutcome(state, p, g, { kind: 'forfeit', absent: gone });
}

function swissPlayers(state: TournamentState, ids: readonly string[], score: (id: string) => number): SwissPlayer[] {
  return ids.map((id) => {
    const avoid: string[] = [];
    const seating: (1 | -1)[] = [];
    let receivedBye = false;
    for (const p of state.pairings) {
      const at = p.entrants.indexOf(id);
      if (at < 0) continue;
      if (p.kind === 'bye') receivedBye = true;
      else {
        const other = p.entrants[1 - at];
        if (other) avoid.push(other);
        seating.push(at === 0 ? 1 : -1);
      }
    }
    return { id, score: score(id), avoid, receivedBye, seating, rating: entrant(state, id).rating };
  });
}

function pointsSoFar(state: TournamentState): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, rows] of gamePoints(state))
    out.set(
      id,
      rows.reduce((s, r) => s + r.points, 0),
    );
  return out;
}

function nextRound(state: TournamentState, now: number | undefined): Pairing[] {
  const f = state.rules.format;
  const round = state.round + 1;
  const made: Pairing[] = [];
  if (f.kind === 'round-robin') {
    const ids = [...state.entrants].sort((a, b) => a.seed - b.seed).map((e) => e.id);
    const perCycle = ids.length % 2 === 0 ? ids.length - 1 : ids.length;
    const cycle = Math.floor((round - 1) / perCycle);
    const r = ((round - 1) % perCycle) + 1;
    const scheduled = roundRobinRounds(ids).filter((m) => m.round === r);
    scheduled.forEach((m, i) => {
      let [a, b] = [m.player1, m.player2];
      if (a === null) [a, b] = [b, a];
      if (cycle % 2 === 1 && b !== null) [a, b] = [b, a];
      made.push(newPairing(state, round, i + 1, a, b));
    });
  } else if (f.kind === 'swiss') {
    const pts = pointsSoFar(state);
    const ids = state.entrants.filter(active).map((e) => e.id);
    swissRound(
      swissPlayers(state, ids, (id) => pts.get(id) ?? 0),
      round,
      deriveSeed(state.seed, 'swiss', round),
    ).forEach(([a, b], i) => made.push(newPairing(state, round, i + 1, a, b)));
  } else if (f.kind === 'elimination') {
    if (round === 1) {
      const ids = [...state.entrants].sort((a, b) => a.seed - b.seed).map((e) => e.id);
      const bracket = eliminationBracket(ids);
      const byRound = new Map<number, number>();
      for (const m of bracket) {
        const p = newPairing(state, m.round, m.match, m.player1, m.player2, {
          match: m.match,
          ...(m.win ? { next: m.win } : {}),
        });
        p.kind = 'game';
        p.entrants = [m.player1, m.player2];
        p.open = p.entrants.flatMap((e, i) => (e === null ? [i] : []));
        if (m.player1 !== null && m.player2 !== null)
          p.games = gameSlots(state, p.id, [m.player1, m.player2], state.rules.gamesPerPairing);
        made.push(p);
        byRound.set(m.round, (byRound.get(m.round) ?? 0) + 1);
      }
      // Entrants absent from round 1 (top seeds in an uneven field) have a bye there.
      const inRound1 = new Set(bracket.filter((m) => m.round === 1).flatMap((m) => [m.player1, m.player2]));
      let k = byRound.get(1) ?? 0;
      for (const id of ids) if (!inRound1.has(id)) made.push(newPairing(state, 1, ++k, id, null));
    }
    // Later rounds already exist; entrants arrive through `next`.
  } else {
    // arena / ladder: a wave of the idle entrants.
    const idle = idleEntrants(state);
    if (idle.length >= 2) {
      const pts = pointsSoFar(state);
      const rated = f.kind === 'ladder';
      const last = new Map<string, string>();
      for (const p of state.pairings)
        if (p.kind === 'game') for (const e of p.entrants) if (e) last.set(e, p.entrants.find((x) => x !== e) ?? '');
      // Avoid the last opponent (Lichess), unless nobody else is playing and a rematch is all there is.
      const busy = pendingGames(state).length > 0;
      const pairWith = (avoidLast: boolean) =>
        swissRound(
          swissPlayers(state, idle, (id) => (rated ? 0 : (pts.get(id) ?? 0))).map((p) => ({
            ...p,
            avoid: avoidLast && last.get(p.id) ? [last.get(p.id)!] : [],
            receivedBye: false,
          })),
          round,
          deriveSeed(state.seed, f.kind, round),
          rated,
        ).filter((m): m is [string, string] => m[1] !== null);
      let pairs = pairWith(true);
      if (pairs.length === 0 && !busy) pairs = pairWith(false);
      pairs.forEach(([a, b], i) => made.push(newPairing(state, round, i + 1, a, b)));
    }
    if (made.length === 0) return [];
  }
  state.round = round;
  for (const p of made) state.pairings.push(p);
  state.log.push({ type: 'round', round, pairings: made.map((p) => p.id) });
  for (const p of made) forfeitWithdrawn(state, p);
  void now;
  return made;
}

/**
 * Move the tournament on: pair the next round (or arena/ladder wave) when the current one is
 * decided, or finish it. Call after creation and after every recorded result.
 * @param now ms since the tournament started (arena and ladder; ignored otherwise)
 * @returns the pairings made by this call (empty when there is nothing to do yet)
 */
export function advance(state: TournamentState, now = 0): Pairing[] {
  if (state.status === 'finished') return [];
  const f = state.rules.format;
  if (f.kind === 'arena' || f.kind === 'ladder') {
    const timeUp = f.durationMs !== undefined && now >= f.durationMs;
    const budgetUp =
      f.kind === 'ladder' && f.maxGames !== undefined && gamesPlayed(state) + pendingGames(state).length >= f.maxGames;
    const stillIn = state.entrants.filter(active).length;
    if (!timeUp && !budgetUp && stillIn >= 2) {
      const made = nextRound(state, now);
      if (f.kind === 'ladder' && f.maxGames !== undefined) trimToBudget(state, made, f.maxGames);
      return made;
    }
    if (pendingGames(state).length === 0) finish(state);
    return [];
  }
  const current = state.pairings.filter((p) => p.round === state.round);
  if (state.round > 0 && !current.every(isDecided)) return [];
  const total = rounds(state)!;
  const stillIn = state.entrants.filter(active).length;
  if (f.kind === 'elimination') {
    if (state.round === 0) return nextRound(state, now);
    if (state.round < total) {
      state.round++;
      const made = state.pairings.filter((p) => p.round === state.round);
      state.log.push({ type: 'round', round: state.round, pairings: made.map((p) => p.id) });
      for (const p of made) forfeitWithdrawn(state, p);
      // A round whose games were all walkovers may already be decided.
      if (made.every(isDecided)) return [...made, ...advance(state, now)];
      return made;
    }
    finish(state);
    return [];
  }
  if (state.round >= total || (f.kind === 'swiss' && stillIn < 2)) {
    finish(state);
    return [];
  }
  const made = nextRound(state, now);
  if (made.length > 0 && made.every(isDecided)) return [...made, ...advance(state, now)];
  return made;
}

function trimToBudget(state: TournamentState, made: Pairing[], maxGames: number): void {
  let left = maxGames - gamesPlayed(state) - pendingGames(state).length;
  // pendingGames already includes `made`; drop whole pairings from the end until within budget.
  while (left < 0 && made.length > 0) {
    const p = made.pop()!;
    state.pairings.splice(state.pairings.indexOf(p), 1);
    left += p.games.length;
  }
  const ev = state.log[state.log.length - 1];
  if (ev?.type === 'round') ev.pairings = made.map((p) => p.id);
}

function finish(state: TournamentState): void {
  state.status = 'finished';
  state.log.push({ type: 'finish' });
}

// ------------------------------------------------------------------ results

/**
 * Record the outcome of one game. Idempotent for the same match: recording a played game again with
 * the same `matchId` is a no-op (a result is never counted twice); any other second outcome throws.
 * @param now ms since the start (arena streak order and the ladder clock)
 * @throws TournamentError TOURNAMENT_PAIRING (unknown pairing/game, wrong seat count, entrant not in it),
 *   TOURNAMENT_STATE (already recorded, tournament finished)
 */
export function recordGame(
  state: TournamentState,
  pairingId: string,
  gameIndex: number,
  outcome: GameOutcome,
  now?: number,
): boolean {
  const p = pairing(state, pairingId);
  const g = p.games[gameIndex];
  if (!g) throw new TournamentError('TOURNAMENT_PAIRING', `pairing ${pairingId} has no game ${gameIndex}`);
  if (g.outcome) {
    if (
      outcome.kind === 'played' &&
      g.outcome.kind === 'played' &&
      outcome.matchId !== undefined &&
      outcome.matchId === g.outcome.matchId
    )
      return false;
    throw new TournamentError('TOURNAMENT_STATE', `game ${gameIndex} of ${pairingId} is already recorded`);
  }
  if (state.status === 'finished') throw new TournamentError('TOURNAMENT_STATE', 'the tournament is finished');
  if (outcome.kind === 'played' && outcome.ranks.length !== g.seats.length)
    throw new TournamentError(
      'TOURNAMENT_PAIRING',
      `ranks for ${outcome.ranks.length} seats, the game has ${g.seats.length}`,
    );
  if (outcome.kind === 'forfeit' && (outcome.absent.length === 0 || outcome.absent.some((a) => !g.seats.includes(a))))
    throw new TournamentError('TOURNAMENT_PAIRING', 'a forfeit names no absent entrant, or one not in the game');
  applyOutcome(state, p, g, outcome, now);
  return true;
}

function applyOutcome(state: TournamentState, p: Pairing, g: GameSlot, outcome: GameOutcome, now?: number): void {
  g.outcome = outcome;
  if (now !== undefined) g.endedAt = now;
  state.log.push({ type: 'result', pairing: p.id, game: g.index, outcome, ...(now !== undefined ? { at: now } : {}) });
  if (outcome.kind === 'played') {
    for (const id of g.seats) entrant(state, id).forfeitsInRow = 0;
    if (state.rules.format.kind === 'ladder') {
      const [a, b] = g.seats.map((id) => entrant(state, id));
      const sa = pairScore(outcome.ranks, 0, 1);
      const ea = elo.getExpected(a!.rating, b!.rating);
      const eb = elo.getExpected(b!.rating, a!.rating);
      a!.rating = elo.updateRating(ea, sa, a!.rating);
      b!.rating = elo.updateRating(eb, 1 - sa, b!.rating);
    }
  } else if (outcome.kind === 'forfeit') {
    const max = state.rules.maxForfeits;
    for (const id of outcome.absent) {
      const e = entrant(state, id);
      e.forfeitsInRow++;
      if (max > 0 && e.forfeitsInRow >= max && active(e)) withdraw(state, id, `${e.forfeitsInRow} forfeits in a row`);
    }
  }
  decide(state, p);
}

/** Elimination: once the games are in, name the winner, add sudden-death games, or send the winner on. */
function decide(state: TournamentState, p: Pairing): void {
  if (p.match === undefined || p.winner !== undefined || p.entrants.some((e) => e === null)) return;
  if (!p.games.every((g) => g.outcome)) return;
  const [a, b] = p.entrants as string[];
  const pts = pairingScores(state, p);
  const sa = pts.get(a!) ?? 0;
  const sb = pts.get(b!) ?? 0;
  const regular = state.rules.gamesPerPairing;
  const f = state.rules.format;
  const suddenDeath = f.kind === 'elimination' ? f.suddenDeath : 0;
  let winner: string;
  if (sa !== sb) winner = sa > sb ? a! : b!;
  else if (p.games.length < regular + suddenDeath && active(entrant(state, a!)) && active(entrant(state, b!))) {
    p.games.push(...gameSlots(state, p.id, [a!, b!], 1, p.games.length));
    return;
  } else winner = entrant(state, a!).seed <= entrant(state, b!).seed ? a! : b!;
  p.winner = winner;
  if (p.next) {
    const target = state.pairings.find((x) => x.round === p.next!.round && x.match === p.next!.match);
    if (!target) return;
    // Feeders fill the slots left open when the bracket was drawn, in (round, match) order, so the
    // bracket is the same whatever order the games finish in.
    const feeders = state.pairings
      .filter((x) => x.next && x.next.round === target.round && x.next.match === target.match)
      .sort((x, y) => x.round - y.round || (x.match ?? 0) - (y.match ?? 0));
    const slot = (target.open ?? [])[feeders.indexOf(p)];
    if (slot === undefined)
      throw new TournamentError('TOURNAMENT_STATE', `bracket: no open slot in ${target.id} for the winner of ${p.id}`);
    target.entrants[slot] = winner;
    if (target.entrants.every((e) => e !== null)) {
      target.games = gameSlots(state, target.id, target.entrants as string[], state.rules.gamesPerPairing);
      if (target.round <= state.round) forfeitWithdrawn(state, target);
    }
  }
}

/** Points each entrant of a pairing took from its games (win/draw/loss values; forfeits; void = 0). */
export function pairingScores(_state: TournamentState, p: Pairing): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of p.entrants) if (e) out.set(e, 0);
  for (const g of p.games) {
    const o = g.outcome;
    if (!o || o.kind === 'void') continue;
    g.seats.forEach((id, seat) => {
      const s = o.kind === 'played' ? pairScore(o.ranks, seat, 1 - seat) : o.absent.includes(id) ? 0 : 1;
      out.set(id, (out.get(id) ?? 0) + s);
    });
  }
  return out;
}

/**
 * An infrastructure failure (server crash, engine exception, store outage — never the entrant's
 * fault): the game is replayed with the next attempt's seed and counts for nobody; after
 * `maxReplays` failures it is voided for good.
 */
export function replayGame(state: TournamentState, pairingId: string, gameIndex: number, reason: string): GameSlot {
  const p = pairing(state, pairingId);
  const g = p.games[gameIndex];
  if (!g) throw new TournamentError('TOURNAMENT_PAIRING', `pairing ${pairingId} has no game ${gameIndex}`);
  if (g.outcome) throw new TournamentError('TOURNAMENT_STATE', `game ${gameIndex} of ${pairingId} is already recorded`);
  g.attempt++;
  state.log.push({ type: 'replay', pairing: p.id, game: g.index, attempt: g.attempt, reason });
  if (g.attempt > state.rules.maxReplays) {
    applyOutcome(state, p, g, { kind: 'void' });
    return g;
  }
  g.seed = deriveSeed(state.seed, p.id, g.index, g.attempt);
  return g;
}

/**
 * Withdraw an entrant: it is paired no more, and its unplayed games in pairings already made are
 * forfeited (its opponents score wins). Results already played stand.
 */
export function withdraw(state: TournamentState, id: string, reason: string): void {
  const e = entrant(state, id);
  if (!active(e)) return;
  e.withdrawnAfter = state.round;
  state.log.push({ type: 'withdraw', entrant: id, reason });
  for (const p of state.pairings) if (p.entrants.includes(id)) forfeitWithdrawn(state, p);
}
