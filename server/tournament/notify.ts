/**
 * Tournaments on the bot protocol (docs/protocol.md § Tournaments): the gateway's `TournamentPort`
 * (`tournament-join`, `tournament-withdraw`, invitations when a bot authenticates) and the messages
 * pushed after every committed change of a tournament, to the connected bots concerned:
 *   tournament-invitation (an open event for a game the bot plays, or one it was entered in),
 *   tournament-round (a round or wave began: the bot's pairings in it),
 *   tournament-pairing (one of its games is due: `match-start` follows on its own),
 *   tournament-standings (after every result, and the final table).
 * Messages go out from the process that made the change, to the bots connected to it. Pairing
 * messages are built synchronously from the committed state, before the game's job is sent, so a
 * bot hears of its pairing before the match starts.
 */
import { standings, totalRounds } from '../../agents/tournament/index.ts';
import type { TournamentState } from '../../agents/tournament/spec.ts';
import type { AgentRecord } from '../contracts.ts';
import type { TournamentPort } from '../live/gateway.ts';
import type { ServerMessage } from '../live/protocol.ts';
import type { MatchService } from '../live/service.ts';
import type { Store } from '../store/store.ts';
import type { TournamentService } from './service.ts';
import type { TournamentRow } from './store.ts';

interface Seen {
  round: number;
  games: Set<string>;
  results: number;
  status: string;
}

export class TournamentNotifier implements TournamentPort {
  private readonly seen = new Map<string, Seen>();
  private readonly off: () => void;

  constructor(
    private readonly tours: TournamentService,
    private readonly store: Store,
    private readonly live: MatchService,
    private readonly log?: (line: string) => void,
  ) {
    this.off = tours.onChange((id, state, status) => this.changed(id, state, status));
  }

  close(): void {
    this.off();
  }

  async join(tournamentId: string, agentId: string) {
    const t = await this.tours.join(tournamentId, agentId);
    return { id: t.id, entrants: t.entrants.length, startsAt: t.startsAt };
  }

  async withdraw(tournamentId: string, agentId: string) {
    const t = await this.tours.withdraw(tournamentId, agentId);
    return { id: t.id, entrants: t.entrants.length, startsAt: t.startsAt };
  }

  async invitationsFor(agent: AgentRecord): Promise<ServerMessage[]> {
    const { items } = await this.tours.list({ status: 'registration', limit: 100, offset: 0 });
    return items
      .filter((t) => t.entrants.includes(agent.id) || (t.open && agent.games.includes(t.game)))
      .map((t) => invitation(t, agent.id));
  }

  private send(agentId: string, msg: ServerMessage): void {
    for (const e of this.live.connectionsOf(agentId)) e.send(msg);
  }

  private changed(id: string, state: TournamentState | null, status: string): void {
    const prev = this.seen.get(id) ?? { round: 0, games: new Set<string>(), results: 0, status: '' };
    this.seen.set(id, prev);
    if (status === 'registration' && prev.status !== 'registration')
      void this.invite(id).catch((e) => this.log?.(`tournaments: invitations: ${(e as Error).message}`));
    prev.status = status;
    if (!state) return;
    const entrants = state.entrants.map((e) => e.id);
    // New rounds (or waves): each entrant's pairings in them.
    for (let r = prev.round + 1; r <= state.round; r++) {
      const total = totalRounds(state);
      for (const a of entrants) {
        const mine = state.pairings.filter((p) => p.round === r && p.entrants.includes(a));
        this.send(a, {
          type: 'tournament-round',
          tournamentId: id,
          round: r,
          ...(total !== undefined ? { totalRounds: total } : {}),
          pairings: mine.map((p) => {
            const opp = p.entrants.find((e) => e !== a) ?? null;
            return { pairing: p.id, opponent: opp, opponentName: null, bye: p.kind === 'bye', games: p.games.length };
          }),
        });
      }
    }
    prev.round = Math.max(prev.round, state.round);
    // Games now due (each attempt once).
    for (const p of state.pairings) {
      if (p.kind !== 'game' || p.entrants.some((e) => e === null)) continue;
      for (const g of p.games) {
        const key = `${p.id}/${g.index}/${g.attempt}`;
        if (g.outcome || prev.games.has(key)) continue;
        prev.games.add(key);
        g.seats.forEach((a, seat) =>
          this.send(a, {
            type: 'tournament-pairing',
            tournamentId: id,
            round: p.round,
            pairing: p.id,
            game: g.index,
            seats: g.seats,
            seat,
            matchId: `t_${id.slice(2)}_${p.id}_g${g.index}_a${g.attempt}`,
            noShowGraceMs: state.rules.noShowGraceMs,
          }),
        );
      }
    }
    const results = state.log.filter((e) => e.type === 'result').length;
    if (results !== prev.results || (status === 'finished' && prev.status !== 'finished-sent')) {
      prev.results = results;
      if (status === 'finished') prev.status = 'finished-sent';
      void this.standings(id, state, status, entrants).catch((e) =>
        this.log?.(`tournaments: standings: ${(e as Error).message}`),
      );
    }
  }

  private async standings(id: string, state: TournamentState, status: string, entrants: string[]): Promise<void> {
    const names = new Map<string, string>();
    for (const a of entrants) names.set(a, (await this.store.getAgent(a))?.name ?? a);
    const msg: ServerMessage = {
      type: 'tournament-standings',
      tournamentId: id,
      status,
      round: state.round,
      standings: standings(state).map((r) => ({
        rank: r.rank,
        agentId: r.entrant,
        name: names.get(r.entrant)!,
        points: r.points,
        games: r.games,
        tiebreaks: r.tiebreaks as Record<string, number>,
        withdrawn: r.withdrawn,
      })),
    };
    for (const a of entrants) this.send(a, msg);
  }

  private async invite(id: string): Promise<void> {
    const t = await this.tours.get(id);
    const to = new Set(t.entrants);
    if (t.open) {
      for (const a of this.live.onlineAgents()) {
        const rec = await this.store.getAgent(a);
        if (rec && !rec.revoked && rec.games.includes(t.game)) to.add(a);
      }
    }
    for (const a of to) this.send(a, invitation(t, a));
  }
}

function invitation(t: TournamentRow, agentId: string): ServerMessage {
  return {
    type: 'tournament-invitation',
    tournamentId: t.id,
    name: t.name,
    game: t.game,
    config: t.config,
    rules: t.rules as never,
    startsAt: t.startsAt,
    open: t.open,
    entered: t.entrants.includes(agentId),
    maxEntrants: t.maxEntrants,
  };
}
