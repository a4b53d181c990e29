/**
 * Standings and tiebreaks of a tournament, from its state alone (so the CLI, the API, the UI and the
 * protocol's `tournament-standings` message show the same table).
 *
 * Order: points (points.ts), then the rules' tiebreaks in order, then — only to list ties stably —
 * the entrant id; entrants equal on points and every tiebreak share a rank (competition ranking,
 * "1224"). Elimination ranks by the round an entrant went out in (champion 1, runner-up 2, the
 * semi-final losers 3 = …); the ladder by Elo.
 *
 * Tiebreaks (FIDE Handbook C.07, "Tie-break regulations", §§ 8.1–8.3 and 6.x), per pairing (= per
 * round in a Swiss or round robin; a double round robin meets an opponent twice and counts it twice):
 *   - Buchholz: Σ over the entrant's pairings against an opponent (played or forfeited; not byes)
 *     of that opponent's final points.
 *   - Sonneborn–Berger: Σ over those pairings of (entrant's score in the pairing ÷ games scored in
 *     it) × the opponent's final points, score 1 win / ½ draw / 0 loss per game: a win counts the
 *     beaten opponent's points, a draw half of them.
 *   - head-to-head ("direct encounter"): among the entrants tied on points, the score each made in
 *     the games between them.
 *   - wins: games won over the board (forfeit wins excluded).
 * Hand-written because tournament-organizer (GPL-3.0, like its tournament-pairings) is not usable in
 * MIT Ludus, and its versions count a repeated opponent once (wrong for a
 * double round robin and for several games per pairing) and cannot be fed a state it did not build.
 */
import { gamePoints, type GamePoints } from './points.ts';
import { tiebreaksOf, type Tiebreak, type TournamentState } from './spec.ts';

export interface StandingRow {
  /** 1 = first; tied rows share a rank. */
  rank: number;
  entrant: string;
  points: number;
  /** Games with a result (played or forfeited), byes and voided games excluded. */
  games: number;
  wins: number;
  draws: number;
  losses: number;
  forfeitWins: number;
  forfeitLosses: number;
  byes: number;
  /** Values of the rules' tiebreaks, in their order. */
  tiebreaks: Partial<Record<Tiebreak, number>>;
  /** Ladder: Elo after the last game. */
  rating?: number;
  withdrawn: boolean;
  /** Elimination: the round the entrant went out in (absent while still in, and for the champion). */
  eliminatedIn?: number;
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** Per pairing against an opponent: [opponent, score fraction in the pairing]. */
function pairingResults(rows: readonly GamePoints[]): { opponent: string; fraction: number }[] {
  const by = new Map<string, { opponent: string; score: number; n: number }>();
  for (const r of rows) {
    if (r.opponent === null || r.score === null) continue;
    const cur = by.get(r.pairing) ?? { opponent: r.opponent, score: 0, n: 0 };
    cur.score += r.score;
    cur.n++;
    by.set(r.pairing, cur);
  }
  return [...by.values()].map((v) => ({ opponent: v.opponent, fraction: v.score / v.n }));
}

export function standings(state: TournamentState): StandingRow[] {
  const games = gamePoints(state);
  const total = new Map<string, number>();
  for (const [id, rows] of games) total.set(id, sum(rows.map((r) => r.points)));
  const breaks = tiebreaksOf(state.rules);
  const rows: StandingRow[] = state.entrants.map((e) => {
    const list = games.get(e.id) ?? [];
    const played = list.filter((r) => r.kind === 'played');
    const row: StandingRow = {
      rank: 0,
      entrant: e.id,
      points: total.get(e.id) ?? 0,
      games: list.filter((r) => r.kind !== 'bye' && r.kind !== 'void').length,
      wins: played.filter((r) => r.score === 1).length,
      draws: played.filter((r) => r.score === 0.5).length,
      losses: played.filter((r) => r.score === 0).length,
      forfeitWins: list.filter((r) => r.kind === 'forfeit-win').length,
      forfeitLosses: list.filter((r) => r.kind === 'forfeit-loss').length,
      byes: list.filter((r) => r.kind === 'bye').length,
      tiebreaks: {},
      withdrawn: e.withdrawnAfter !== undefined,
    };
    if (state.rules.format.kind === 'ladder') row.rating = e.rating;
    const results = pairingResults(list);
    for (const t of breaks) {
      if (t === 'buchholz') row.tiebreaks.buchholz = sum(results.map((r) => total.get(r.opponent) ?? 0));
      else if (t === 'sonneborn-berger')
        row.tiebreaks['sonneborn-berger'] = sum(results.map((r) => r.fraction * (total.get(r.opponent) ?? 0)));
      else if (t === 'wins') row.tiebreaks.wins = row.wins;
    }
    return row;
  });
  if (breaks.includes('head-to-head')) {
    for (const row of rows) {
      const tied = new Set(rows.filter((o) => o.points === row.points && o !== row).map((o) => o.entrant));
      const mine = (games.get(row.entrant) ?? []).filter(
        (r) => r.opponent !== null && tied.has(r.opponent) && r.score !== null,
      );
      row.tiebreaks['head-to-head'] = sum(mine.map((r) => r.score!));
    }
  }
  if (state.rules.format.kind === 'elimination') return rankElimination(state, rows);
  const key = (r: StandingRow): number[] => [
    ...(r.rating !== undefined ? [r.rating] : []),
    r.points,
    ...breaks.map((t) => r.tiebreaks[t] ?? 0),
  ];
  return rankBy(rows, key);
}

/** Sort by `key` (descending, lexicographic), then id; equal keys share the rank. */
function rankBy(rows: StandingRow[], key: (r: StandingRow) => number[]): StandingRow[] {
  const cmp = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 1e-9) return b[i]! - a[i]!;
    return 0;
  };
  rows.sort((a, b) => cmp(key(a), key(b)) || a.entrant.localeCompare(b.entrant));
  rows.forEach((r, i) => (r.rank = i > 0 && cmp(key(rows[i - 1]!), key(r)) === 0 ? rows[i - 1]!.rank : i + 1));
  return rows;
}

function rankElimination(state: TournamentState, rows: StandingRow[]): StandingRow[] {
  const reached = new Map<string, number>();
  let champion: string | undefined;
  const last = Math.max(0, ...state.pairings.map((p) => p.round));
  for (const p of state.pairings) {
    if (p.kind !== 'game' || p.winner === undefined) continue;
    for (const e of p.entrants) if (e && e !== p.winner) reached.set(e, p.round);
    if (p.round === last && p.winner) champion = p.winner;
  }
  for (const r of rows) {
    const out = reached.get(r.entrant);
    if (out !== undefined) r.eliminatedIn = out;
  }
  // Still in: the furthest round; the champion above everyone.
  const key = (r: StandingRow) => [r.entrant === champion ? last + 1 : (r.eliminatedIn ?? last + 0.5)];
  return rankBy(rows, key);
}

/** The crosstable: cell[a][b] = a's score (1/½/0 per game, summed) against b, or null if they never met. */
export function crosstable(state: TournamentState): { entrants: string[]; cells: (number | null)[][] } {
  const ids = standings(state).map((r) => r.entrant);
  const index = new Map(ids.map((id, i) => [id, i]));
  const cells: (number | null)[][] = ids.map(() => ids.map(() => null));
  for (const [id, rows] of gamePoints(state)) {
    for (const r of rows) {
      if (r.opponent === null || r.score === null) continue;
      const i = index.get(id)!;
      const j = index.get(r.opponent)!;
      cells[i]![j] = (cells[i]![j] ?? 0) + r.score;
    }
  }
  return { entrants: ids, cells };
}
