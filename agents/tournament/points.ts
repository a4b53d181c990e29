/**
 * Points, game by game, for every entrant: the one scoring rule of every format (standings.ts sums
 * and tiebreaks these; the Swiss and arena pairings read the sums).
 *
 * A played game scores the entrant's pairwise result against its opponent from the game's ranks
 * (games/core/standings.ts `pairScore`: 1 win, ½ draw, 0 loss), valued win/draw/loss points (default
 * 1/½/0, arena 2/1/0). A forfeit: the absent entrant scores a loss, the present one a win. A voided
 * game (infrastructure failure past `maxReplays`) scores for nobody. A bye is worth
 * byeValue × win × gamesPerPairing (Swiss 1, a round-robin rest and an elimination bye 0).
 *
 * Arena streaks (Lichess, lila `modules/tournament/src/main/arena/ScoringSystem.scala`: win 2, draw 1,
 * loss 0; with the Double flag a win scores 4 and a draw 2): after two wins in a row an entrant is
 * "on fire" and every further game scores double until a game that is not a win ends the streak.
 * Games are taken in the order they ended (`endedAt`, then round, pairing and game order). A forfeit
 * win scores the plain win value and leaves the streak as it is; a forfeit loss ends it.
 */
import { pairScore } from '../../games/core/standings.ts';
import { byeValueOf, pointsOf, type Pairing, type TournamentState } from './spec.ts';

export interface GamePoints {
  pairing: string;
  round: number;
  game: number;
  opponent: string | null;
  /** 1 win, ½ draw, 0 loss (forfeits included); null for a bye or a voided game. */
  score: number | null;
  points: number;
  kind: 'played' | 'forfeit-win' | 'forfeit-loss' | 'bye' | 'void';
  /** Arena: the game scored double (on a streak). */
  doubled?: boolean;
  endedAt?: number;
}

function pairingOrder(state: TournamentState): Map<Pairing, number> {
  return new Map(state.pairings.map((p, i) => [p, i]));
}

/** Every entrant's games in the order they ended, with the points each was worth. */
export function gamePoints(state: TournamentState): Map<string, GamePoints[]> {
  const value = pointsOf(state.rules);
  const bye = byeValueOf(state.rules) * value.win * state.rules.gamesPerPairing;
  const rows = new Map<string, (GamePoints & { order: number })[]>(state.entrants.map((e) => [e.id, []]));
  const order = pairingOrder(state);
  for (const p of state.pairings) {
    const base = order.get(p)! * 1000;
    if (p.kind === 'bye') {
      const id = p.entrants[0]!;
      rows.get(id)?.push({
        pairing: p.id,
        round: p.round,
        game: 0,
        opponent: null,
        score: null,
        points: bye,
        kind: 'bye',
        order: base,
      });
      continue;
    }
    for (const g of p.games) {
      const o = g.outcome;
      if (!o) continue;
      g.seats.forEach((id, seat) => {
        const opponent = g.seats[1 - seat] ?? null;
        const common = {
          pairing: p.id,
          round: p.round,
          game: g.index,
          opponent,
          order: base + g.index,
          ...(g.endedAt !== undefined ? { endedAt: g.endedAt } : {}),
        };
        if (o.kind === 'void') rows.get(id)?.push({ ...common, score: null, points: 0, kind: 'void' });
        else if (o.kind === 'forfeit') {
          const lost = o.absent.includes(id);
          rows.get(id)?.push({
            ...common,
            score: lost ? 0 : 1,
            points: lost ? value.loss : value.win,
            kind: lost ? 'forfeit-loss' : 'forfeit-win',
          });
        } else {
          const s = pairScore(o.ranks, seat, 1 - seat);
          rows.get(id)?.push({
            ...common,
            score: s,
            points: s === 1 ? value.win : s === 0 ? value.loss : value.draw,
            kind: 'played',
          });
        }
      });
    }
  }
  const out = new Map<string, GamePoints[]>();
  const streaks = state.rules.format.kind === 'arena' && state.rules.format.streaks;
  for (const [id, list] of rows) {
    list.sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0) || a.order - b.order);
    if (streaks) {
      let wins = 0;
      for (const r of list) {
        if (r.kind === 'played') {
          if (wins >= 2) {
            r.points *= 2;
            r.doubled = true;
          }
          wins = r.score === 1 ? wins + 1 : 0;
        } else if (r.kind === 'forfeit-loss') wins = 0;
      }
    }
    out.set(
      id,
      list.map(({ order: _order, ...r }) => r),
    );
  }
  return out;
}
