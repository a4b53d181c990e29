/**
 * Leaderboard of one game: rank, agent, Elo, ± one standard error (from the maximum-likelihood
 * Bradley–Terry fit the API returns), games, wins/draws/losses, and exploitability where the API
 * has it. Tabs switch the game; an agent's name opens its page.
 */
import { listGames } from '../../games/index.ts';
import { api } from './api.ts';
import { fmt, h, link, replace } from './dom.ts';
import type { Route } from './main.ts';

export function gameTabs(current: string, href: (game: string) => string): HTMLElement {
  return h(
    'div',
    { class: 'tabs' },
    listGames().map((g) => h('a', { href: href(g.id), class: g.id === current ? 'active' : undefined, title: g.title }, g.id)),
  );
}

export async function leaderboardPage(root: HTMLElement, route: Route): Promise<void> {
  const game = route.parts[1] ?? 'ipd';
  const rows = await api.leaderboard(game);
  const hasExpl = rows.some((r) => r.exploitability !== undefined && r.exploitability !== null);
  const body = rows.map((r) =>
    h(
      'tr',
      { class: 'lb-row' },
      h('td', { class: 'num' }, String(r.rank)),
      h('td', null, link(`#/agents/${encodeURIComponent(r.agentId)}?game=${encodeURIComponent(game)}`, r.name), ' ', h('span', { class: `kind kind-${r.kind}` }, r.kind)),
      h('td', { class: 'num strong' }, fmt(r.elo, 0)),
      h('td', { class: 'num muted' }, r.mleSe !== undefined ? `± ${fmt(r.mleSe, 0)}` : '—'),
      h('td', { class: 'num' }, String(r.games)),
      h('td', { class: 'num' }, `${r.wins} / ${r.draws} / ${r.losses}`),
      hasExpl ? h('td', { class: 'num' }, fmt(r.exploitability ?? null, 3)) : null,
      h('td', null, link(`#/matches?game=${encodeURIComponent(game)}&agent=${encodeURIComponent(r.agentId)}`, 'matches')),
    ),
  );
  const title = listGames().find((g) => g.id === game)?.title ?? game;
  replace(
    root,
    h('h1', null, 'Leaderboard'),
    gameTabs(game, (g) => `#/leaderboard/${g}`),
    h('h2', null, title),
    rows.length === 0
      ? h('p', { class: 'muted' }, 'No rated matches in this game yet.')
      : h(
          'table',
          { class: 'table leaderboard' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', null, '#'),
              h('th', null, 'Agent'),
              h('th', { title: 'incremental Elo' }, 'Elo'),
              h('th', { title: 'one standard error of the maximum-likelihood Elo' }, '±'),
              h('th', null, 'Games'),
              h('th', null, 'W / D / L'),
              hasExpl ? h('th', { title: 'how much a best response gains against this agent' }, 'Exploitability') : null,
              h('th', null, ''),
            ),
          ),
          h('tbody', null, body),
        ),
  );
}
