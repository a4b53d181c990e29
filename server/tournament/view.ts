/**
 * What the API, the protocol and the UI show of a tournament: standings with names, the crosstable,
 * round-by-round pairings with their match ids, progress; and the CSV export of the standings.
 */
import { crosstable, standings, totalRounds } from '../../agents/tournament/index.ts';
import type { AgentRecord } from '../contracts.ts';
import type { Store } from '../store/store.ts';
import type { TournamentRow } from './store.ts';

export async function tournamentView(store: Store, t: TournamentRow) {
  const ids = new Set<string>(t.entrants);
  for (const e of t.state?.entrants ?? []) ids.add(e.id);
  const agents = new Map<string, AgentRecord | null>();
  for (const id of ids) agents.set(id, await store.getAgent(id));
  const nameOf = (id: string) => agents.get(id)?.name ?? id;
  const s = t.state;
  const rows = s ? standings(s) : [];
  const rounds = new Map<number, NonNullable<typeof s>['pairings']>();
  for (const p of s?.pairings ?? []) rounds.set(p.round, [...(rounds.get(p.round) ?? []), p]);
  const slots = s?.pairings.flatMap((p) => p.games) ?? [];
  return {
    id: t.id,
    name: t.name,
    game: t.game,
    config: t.config,
    rules: s?.rules ?? t.rules,
    seed: t.seed,
    status: t.status,
    open: t.open,
    maxEntrants: t.maxEntrants,
    startsAt: t.startsAt,
    createdAt: t.createdAt,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
    scheduleId: t.scheduleId,
    entrants: [...ids].map((id) => ({ id, name: nameOf(id), kind: agents.get(id)?.kind ?? 'unknown' })),
    round: s?.round ?? 0,
    totalRounds: s ? (totalRounds(s) ?? null) : null,
    progress: { gamesDone: slots.filter((g) => g.outcome).length, gamesScheduled: slots.length },
    standings: rows.map((r) => ({ ...r, name: nameOf(r.entrant) })),
    crosstable: s ? crosstable(s) : { entrants: [], cells: [] },
    rounds: [...rounds.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([round, ps]) => ({
        round,
        pairings: ps.map((p) => ({
          id: p.id,
          kind: p.kind,
          entrants: p.entrants,
          ...(p.winner !== undefined ? { winner: p.winner } : {}),
          games: p.games.map((g) => ({
            index: g.index,
            seats: g.seats,
            seed: g.seed,
            attempt: g.attempt,
            ...(g.outcome ? { outcome: g.outcome } : {}),
            ...(g.outcome?.kind === 'played' && g.outcome.matchId ? { matchId: g.outcome.matchId } : {}),
          })),
        })),
      })),
  };
}

export type TournamentViewData = Awaited<ReturnType<typeof tournamentView>>;

/** The standings as CSV (RFC 4180 quoting), one row per entrant, tiebreak columns in the rules' order. */
export function standingsCsv(v: TournamentViewData): string {
  const breaks = [...new Set(v.standings.flatMap((r) => Object.keys(r.tiebreaks)))];
  const head = [
    'rank',
    'agent_id',
    'name',
    'points',
    'games',
    'wins',
    'draws',
    'losses',
    'forfeit_wins',
    'forfeit_losses',
    'byes',
    ...breaks,
    'rating',
    'withdrawn',
    'eliminated_in',
  ];
  const cell = (x: unknown) => {
    const s = x === undefined || x === null ? '' : String(x);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = v.standings.map((r) =>
    [
      r.rank,
      r.entrant,
      r.name,
      r.points,
      r.games,
      r.wins,
      r.draws,
      r.losses,
      r.forfeitWins,
      r.forfeitLosses,
      r.byes,
      ...breaks.map((b) => r.tiebreaks[b as keyof typeof r.tiebreaks]),
      r.rating,
      r.withdrawn,
      r.eliminatedIn,
    ]
      .map(cell)
      .join(','),
  );
  return [head.join(','), ...lines].join('\r\n') + '\r\n';
}
