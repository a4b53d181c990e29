/**
 * Tournaments (docs/tournaments.md): the list with an organiser form (admin token), and one
 * tournament's page — progress, standings with tiebreaks, the crosstable, round-by-round pairings with
 * links to each match's replay (or its live view while it plays), CSV/JSON export, and at the end a
 * report with the entrants' arena ratings (Bradley–Terry with 95 % intervals) and exploitability where
 * the leaderboard knows it. The page refreshes every 2 s while the tournament runs.
 */
import type { StandingRow } from '../../agents/tournament/standings.ts';
import { api } from './api.ts';
import { errorBox, h, link, replace, score } from './dom.ts';
import type { Cleanup, Route } from './main.ts';

/** A standings row as the API sends it: the engine's row (agents/tournament/standings.ts) with the agent's name. */
type Standing = StandingRow & { name: string };
interface GameView {
  index: number;
  seats: string[];
  seed: number;
  attempt: number;
  outcome?: { kind: string; ranks?: number[]; absent?: string[] };
  matchId?: string;
}
export interface TournamentView {
  id: string;
  name: string;
  game: string;
  status: string;
  open: boolean;
  rules: { format: { kind: string; rounds?: number; cycles?: number } };
  startsAt: string;
  entrants: { id: string; name: string; kind: string }[];
  round: number;
  totalRounds: number | null;
  progress: { gamesDone: number; gamesScheduled: number };
  standings: Standing[];
  crosstable: { entrants: string[]; cells: (number | null)[][] };
  rounds: {
    round: number;
    pairings: { id: string; kind: string; entrants: (string | null)[]; winner?: string | null; games: GameView[] }[];
  }[];
}

async function getJson<T>(path: string): Promise<T> {
  const r = await fetch(path, { headers: { accept: 'application/json' } });
  const data = await r.json();
  if (!r.ok) throw new Error(`${r.status}: ${data?.message ?? r.statusText}`);
  return data as T;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

export async function tournamentsPage(root: HTMLElement): Promise<void> {
  const list = await getJson<{ items: TournamentView[] }>('/api/tournaments?limit=100');
  const rows = list.items.map((t) =>
    h(
      'tr',
      { class: 'tournament-row' },
      h('td', null, link(`#/tournaments/${encodeURIComponent(t.id)}`, t.name)),
      h('td', null, t.game),
      h('td', null, t.rules.format.kind),
      h('td', null, t.status + (t.status === 'registration' && t.open ? ' (open)' : '')),
      h('td', { class: 'num' }, String(t.entrants.length)),
      h('td', { class: 'num' }, `${t.progress.gamesDone}/${t.progress.gamesScheduled}`),
    ),
  );
  replace(
    root,
    h('h1', null, 'Tournaments'),
    rows.length
      ? h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'table tournaments' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['Name', 'Game', 'Format', 'Status', 'Entrants', 'Games'].map((x) => h('th', null, x)),
              ),
            ),
            h('tbody', null, rows),
          ),
        )
      : h('p', { class: 'muted' }, 'No tournaments yet.'),
    await organiserForm(),
  );
}

/** Create a tournament (needs the admin token, kept in this tab only). */
async function organiserForm(): Promise<HTMLElement> {
  const games = await api.games();
  const status = h('p', { class: 'form-status', role: 'status' });
  const field = (label: string, el: HTMLElement) => h('label', null, label, ' ', el);
  const name = h('input', { name: 'name', required: true, value: 'My tournament' });
  const game = h(
    'select',
    { name: 'game' },
    games.map((g) => h('option', { value: g.id }, g.id)),
  );
  const format = h(
    'select',
    { name: 'format' },
    ['round-robin', 'double-round-robin', 'swiss', 'elimination', 'arena', 'ladder'].map((f) =>
      h('option', { value: f }, f),
    ),
  );
  const rounds = h('input', { name: 'rounds', type: 'number', min: 1, value: 3 });
  const entrants = h('input', { name: 'entrants', placeholder: 'tft, alld, wsls (agent names)', size: 40 });
  const open = h('input', { name: 'open', type: 'checkbox' });
  const startIn = h('input', { name: 'startIn', type: 'number', min: 0, value: 0 });
  const token = h('input', {
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    value: sessionStorage.getItem('ludus-admin') ?? '',
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    sessionStorage.setItem('ludus-admin', token.value);
    const f = format.value;
    const kind = f === 'double-round-robin' ? 'round-robin' : f;
    const fmtBody: Record<string, unknown> = { kind };
    if (f === 'double-round-robin') fmtBody.cycles = 2;
    if (kind === 'swiss') fmtBody.rounds = Number(rounds.value);
    if (kind === 'arena') fmtBody.durationMs = 10 * 60_000;
    if (kind === 'ladder') fmtBody.maxGames = 100;
    const body = {
      name: name.value,
      game: game.value,
      rules: { format: fmtBody },
      entrants: entrants.value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      open: open.checked,
      startInSeconds: Number(startIn.value) || 0,
    };
    const r = await fetch('/api/tournaments', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.value}` },
      body: JSON.stringify(body),
    });
    const data = await r.json();
    if (!r.ok) {
      status.textContent = `${data.code}: ${data.message}`;
      status.className = 'form-status error';
      return;
    }
    location.hash = `#/tournaments/${encodeURIComponent(data.id)}`;
  };
  return h(
    'section',
    { class: 'organiser' },
    h('h2', null, 'Organise a tournament'),
    h(
      'form',
      { class: 'organiser-form', onsubmit: submit },
      field('Name', name),
      field('Game', game),
      field('Format', format),
      field('Swiss rounds', rounds),
      field('Entrants', entrants),
      field('Open registration', open),
      field('Starts in (s)', startIn),
      field('Admin token', token),
      h('button', { type: 'submit' }, 'Create'),
    ),
    status,
  );
}

export async function tournamentPage(root: HTMLElement, route: Route): Promise<Cleanup> {
  const id = route.parts[1]!;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const draw = async () => {
    try {
      const t = await getJson<TournamentView>(`/api/tournaments/${encodeURIComponent(id)}`);
      replace(root, ...(await render(t)));
      if (!stopped && (t.status === 'running' || t.status === 'registration')) timer = setTimeout(draw, 2000);
    } catch (e) {
      replace(root, h('h1', null, 'Tournament'), errorBox(e));
    }
  };
  await draw();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

async function render(t: TournamentView): Promise<HTMLElement[]> {
  const name = new Map(t.entrants.map((e) => [e.id, e.name]));
  const who = (id: string | null) =>
    id ? link(`#/agents/${encodeURIComponent(id)}?game=${encodeURIComponent(t.game)}`, name.get(id) ?? id) : 'bye';
  const breaks = [...new Set(t.standings.flatMap((r) => Object.keys(r.tiebreaks)))] as (keyof Standing['tiebreaks'])[];
  const p = t.progress;
  const head = h(
    'div',
    { class: 'tournament-head' },
    h(
      'p',
      null,
      `${t.game} · ${t.rules.format.kind} · `,
      h('strong', { class: 'tournament-status' }, t.status),
      t.totalRounds ? ` · round ${t.round} of ${t.totalRounds}` : t.round ? ` · wave ${t.round}` : '',
    ),
    h(
      'p',
      null,
      h('progress', { class: 'tournament-progress', max: Math.max(1, p.gamesScheduled), value: p.gamesDone }),
      ` ${p.gamesDone} of ${p.gamesScheduled} games`,
    ),
    h(
      'p',
      { class: 'exports' },
      'Export: ',
      h(
        'a',
        { href: `/api/tournaments/${encodeURIComponent(t.id)}/export?format=csv`, download: `${t.id}.csv` },
        'CSV',
      ),
      ' · ',
      h(
        'a',
        { href: `/api/tournaments/${encodeURIComponent(t.id)}/export?format=json`, download: `${t.id}.json` },
        'JSON',
      ),
    ),
  );
  const standings = h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'table standings' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [
            '#',
            'Agent',
            'Points',
            'Games',
            'W',
            'D',
            'L',
            'Forfeits',
            'Byes',
            ...breaks,
            ...(t.rules.format.kind === 'ladder' ? ['Elo'] : []),
          ].map((x) => h('th', null, x)),
        ),
      ),
      h(
        'tbody',
        null,
        t.standings.map((r) =>
          h(
            'tr',
            { class: 'standing-row' },
            h('td', { class: 'num' }, String(r.rank)),
            h('td', null, who(r.entrant), r.withdrawn ? h('span', { class: 'muted' }, ' (withdrawn)') : ''),
            h('td', { class: 'num' }, fmt(r.points)),
            h('td', { class: 'num' }, String(r.games)),
            h('td', { class: 'num' }, String(r.wins)),
            h('td', { class: 'num' }, String(r.draws)),
            h('td', { class: 'num' }, String(r.losses)),
            h('td', { class: 'num' }, `${r.forfeitWins}/${r.forfeitLosses}`),
            h('td', { class: 'num' }, String(r.byes)),
            breaks.map((b) => h('td', { class: 'num' }, fmt(r.tiebreaks[b] ?? 0))),
            t.rules.format.kind === 'ladder' ? h('td', { class: 'num' }, String(r.rating ?? '')) : '',
          ),
        ),
      ),
    ),
  );
  const x = t.crosstable;
  const cross = h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'table crosstable' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, ''),
          x.entrants.map((e, i) => h('th', { title: name.get(e) ?? e }, String(i + 1))),
        ),
      ),
      h(
        'tbody',
        null,
        x.entrants.map((e, i) =>
          h(
            'tr',
            null,
            h('th', null, `${i + 1}. `, name.get(e) ?? e),
            x.cells[i]!.map((c, j) =>
              h('td', { class: i === j ? 'num self' : 'num' }, c === null ? (i === j ? '×' : '') : fmt(c)),
            ),
          ),
        ),
      ),
    ),
  );
  const gameCell = (g: GameView, pairing: string) => {
    const live = `t_${t.id.slice(2)}_${pairing}_g${g.index}_a${g.attempt}`;
    if (g.outcome?.kind === 'played' && g.matchId)
      return h(
        'li',
        null,
        link(`#/matches/${encodeURIComponent(g.matchId)}`, `game ${g.index + 1}: replay`),
        g.attempt ? h('span', { class: 'muted' }, ` (replayed ×${g.attempt})`) : '',
      );
    if (g.outcome?.kind === 'forfeit')
      return h(
        'li',
        null,
        `game ${g.index + 1}: forfeit by `,
        (g.outcome.absent ?? []).map((a) => name.get(a) ?? a).join(', '),
      );
    if (g.outcome?.kind === 'void')
      return h('li', { class: 'muted' }, `game ${g.index + 1}: void (infrastructure failures)`);
    return h('li', null, link(`#/live/${encodeURIComponent(live)}`, `game ${g.index + 1}: live`));
  };
  const rounds = t.rounds
    .slice()
    .reverse()
    .map((r) =>
      h(
        'section',
        { class: 'round' },
        h('h3', null, `Round ${r.round}`),
        h(
          'ul',
          { class: 'pairings' },
          r.pairings.map((pp) =>
            h(
              'li',
              { class: 'pairing' },
              pp.kind === 'bye'
                ? [who(pp.entrants[0] ?? null), ' has a bye']
                : [
                    who(pp.entrants[0] ?? null),
                    ' vs ',
                    who(pp.entrants[1] ?? null),
                    pp.winner ? [' → ', who(pp.winner)] : '',
                  ],
              pp.games.length
                ? h(
                    'ul',
                    null,
                    pp.games.map((g) => gameCell(g, pp.id)),
                  )
                : '',
            ),
          ),
        ),
      ),
    );
  const out: HTMLElement[] = [h('h1', null, t.name), head, h('h2', null, 'Standings'), standings];
  if (t.status === 'finished') out.push(await report(t));
  out.push(h('h2', null, 'Crosstable'), cross, h('h2', null, 'Rounds'), ...rounds);
  return out;
}

/** The final report: each entrant's arena rating (Bradley–Terry, 95 % interval) and exploitability where known. */
async function report(t: TournamentView): Promise<HTMLElement> {
  let rows: HTMLElement[] = [];
  try {
    const board = await api.leaderboard(t.game);
    rows = t.standings.map((s) => {
      const b = board.items.find((i) => i.agentId === s.entrant);
      return h(
        'tr',
        { class: 'report-row' },
        h('td', null, String(s.rank)),
        h('td', null, s.name),
        h(
          'td',
          { class: 'num' },
          b
            ? `${Math.round(b.rating)}${b.provisional ? '?' : ''} [${Math.round(b.ratingLow)}, ${Math.round(b.ratingHigh)}]`
            : '—',
        ),
        h(
          'td',
          { class: 'num' },
          b?.exploitability === undefined || b?.exploitability === null
            ? '—'
            : `${b.exploitability.kind === 'attack' ? '≥ ' : ''}${score(b.exploitability.value, 3)}`,
        ),
      );
    });
  } catch {
    /* the report is optional */
  }
  return h(
    'section',
    { class: 'final-report' },
    h('h2', null, 'Final report'),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'table report' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['#', 'Agent', 'Arena rating [95 %]', 'Exploitability'].map((x) => h('th', null, x)),
          ),
        ),
        h('tbody', null, rows),
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      'Ratings are the arena leaderboard’s Bradley–Terry estimates over all rated matches of the game (docs/ratings.md); exploitability is shown where the leaderboard computes it.',
    ),
  );
}
