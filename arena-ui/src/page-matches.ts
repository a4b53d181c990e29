/**
 * Finished matches, newest first, 25 a page, filtered by game and agent; a row opens the replay.
 */
import { listGames } from '../../games/index.ts';
import { api, type MatchSummary } from './api.ts';
import { ago, h, link, replace, score } from './dom.ts';
import type { Route } from './main.ts';

const PAGE = 25;

export function resultText(m: Pick<MatchSummary, 'result' | 'seats' | 'outcome'>): string {
  const w = m.result.winner;
  const who = w === undefined ? '' : w === null ? 'draw' : `${m.seats[w]?.label ?? `seat ${w}`} won`;
  const returns = m.result.returns.map((r) => score(r)).join(' : ');
  return [who, returns, m.outcome !== 'normal' ? m.outcome : ''].filter(Boolean).join(' · ');
}

export function matchTable(items: readonly MatchSummary[]): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'table matches' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, 'Match'),
          h('th', null, 'Game'),
          h('th', null, 'Seats'),
          h('th', null, 'Result'),
          h('th', null, 'Steps'),
          h('th', null, 'Ended'),
        ),
      ),
      h(
        'tbody',
        null,
        items.map((m) =>
          h(
            'tr',
            { class: 'match-row' },
            h('td', null, link(`#/matches/${encodeURIComponent(m.id)}`, m.id)),
            h('td', null, m.game),
            h(
              'td',
              null,
              m.seats.map((s, i) => [
                i ? ' vs ' : '',
                s.agentId
                  ? link(`#/agents/${encodeURIComponent(s.agentId)}?game=${encodeURIComponent(m.game)}`, s.label)
                  : s.label,
              ]),
            ),
            h('td', null, resultText(m), m.rated ? '' : h('span', { class: 'muted' }, ' (unrated)')),
            h('td', { class: 'num' }, String(m.steps)),
            h('td', { class: 'muted' }, ago(m.endedAt)),
          ),
        ),
      ),
    ),
  );
}

export async function matchesPage(root: HTMLElement, route: Route): Promise<void> {
  const game = route.query.get('game') ?? '';
  const agent = route.query.get('agent') ?? '';
  const page = Math.max(1, Number(route.query.get('page') ?? 1) || 1);
  const [list, agents] = await Promise.all([
    api.matches({ game: game || undefined, agent: agent || undefined, limit: PAGE, offset: (page - 1) * PAGE }),
    api.agents(game || undefined).catch(() => []),
  ]);
  const go = (g: string, a: string, p: number) => {
    const q = new URLSearchParams();
    if (g) q.set('game', g);
    if (a) q.set('agent', a);
    if (p > 1) q.set('page', String(p));
    location.hash = `#/matches${q.size ? '?' + q : ''}`;
  };
  const gameSel = h(
    'select',
    { name: 'game', onchange: () => go(gameSel.value, agentSel.value, 1) },
    h('option', { value: '' }, 'all games'),
    listGames().map((g) => h('option', { value: g.id, selected: g.id === game }, g.id)),
  );
  const agentSel = h(
    'select',
    { name: 'agent', onchange: () => go(gameSel.value, agentSel.value, 1) },
    h('option', { value: '' }, 'all agents'),
    agents.map((a) => h('option', { value: a.id, selected: a.id === agent }, a.name)),
  );
  if (agent && !agents.some((a) => a.id === agent))
    agentSel.append(h('option', { value: agent, selected: true }, agent));
  const pages = Math.max(1, Math.ceil(list.total / PAGE));
  replace(
    root,
    h('h1', null, 'Matches'),
    h(
      'div',
      { class: 'filters' },
      h('label', null, 'Game ', gameSel),
      h('label', null, 'Agent ', agentSel),
      h('span', { class: 'muted' }, `${list.total} match${list.total === 1 ? '' : 'es'}`),
    ),
    list.items.length ? matchTable(list.items) : h('p', { class: 'muted' }, 'No matches.'),
    h(
      'div',
      { class: 'pager' },
      h('button', { disabled: page <= 1, onclick: () => go(game, agent, page - 1) }, '← newer'),
      h('span', null, ` page ${page} of ${pages} `),
      h('button', { disabled: page >= pages, onclick: () => go(game, agent, page + 1) }, 'older →'),
    ),
  );
}
