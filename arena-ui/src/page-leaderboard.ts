/**
 * Leaderboard of one game. Every column is an estimate with its own interval (the online Elo is
 * the live number and has none):
 *   Elo · Rating (Bradley–Terry, 95 % interval, "?" while provisional) · Games · W/D/L ·
 *   Nash (score against the maximum-entropy Nash mixture, and the mass it gives the agent) ·
 *   α-Rank (stationary mass at α = 100, m = 50; place at infinite α) · Exploitability.
 * A one-line explanation of each column sits under the table; "why" opens the agent's payoff
 * against the top opponents as a heat map (page-agent.ts). Tabs switch the game.
 */
import { exploitabilityCell } from './exploitability.ts';
import { listGames } from '../../games/index.ts';
import { api, type Leaderboard, type LeaderboardRow } from './api.ts';
import { fmt, h, link, replace } from './dom.ts';
import type { Route } from './main.ts';

export function gameTabs(current: string, href: (game: string) => string): HTMLElement {
  return h(
    'div',
    { class: 'tabs' },
    listGames().map((g) =>
      h('a', { href: href(g.id), class: g.id === current ? 'active' : undefined, title: g.title }, g.id),
    ),
  );
}

/** "0.512 [0.48, 0.55]", or the value alone when there is no interval yet. */
export function withInterval(value: number, low: number | null, high: number | null, digits: number): HTMLElement {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
  return h(
    'span',
    { class: 'est' },
    f(value),
    low !== null && high !== null ? h('span', { class: 'iv muted' }, ` [${f(low)}, ${f(high)}]`) : null,
  );
}

function ratingCell(r: LeaderboardRow): HTMLElement {
  return h(
    'td',
    {
      class: 'num rating',
      title: `Bradley–Terry rating ${fmt(r.rating, 0)}, sd ${fmt(r.ratingSd, 0)}${r.provisional ? ' (provisional)' : ''}`,
    },
    fmt(r.rating, 0),
    r.provisional
      ? h('span', { class: 'provisional', title: 'provisional: the uncertainty is still large' }, '?')
      : null,
    h('span', { class: 'iv muted' }, ` [${fmt(r.ratingLow, 0)}, ${fmt(r.ratingHigh, 0)}]`),
  );
}

function nashCell(r: LeaderboardRow): HTMLElement {
  if (!r.nash) return h('td', { class: 'num nash muted' }, '—');
  return h(
    'td',
    {
      class: 'num nash',
      title: `mass in the Nash mixture ${fmt(r.nash.mass, 3)}${r.nash.massLow !== null ? ` [${fmt(r.nash.massLow, 3)}, ${fmt(r.nash.massHigh, 3)}]` : ''}`,
    },
    withInterval(r.nash.score, r.nash.scoreLow, r.nash.scoreHigh, 3),
    h('span', { class: 'mass muted' }, ` · p ${fmt(r.nash.mass, 2)}`),
  );
}

function alphaRankCell(r: LeaderboardRow): HTMLElement {
  if (!r.alphaRank) return h('td', { class: 'num alpharank muted' }, '—');
  const a = r.alphaRank;
  return h(
    'td',
    {
      class: 'num alpharank',
      title: `place ${a.place}; at infinite α: mass ${fmt(a.infiniteMass, 3)}, place ${a.infinitePlace}`,
    },
    withInterval(a.mass, a.low, a.high, 3),
    h('span', { class: 'mass muted' }, ` · ∞: #${a.infinitePlace}`),
  );
}

function statusLine(b: Leaderboard): HTMLElement {
  const g = b.gameTheory;
  const text =
    g.status === 'too-few-agents'
      ? `Nash averaging and α-Rank need two agents with at least ${g.minGames} games each.`
      : g.status === 'pending'
        ? 'Nash averaging and α-Rank are being computed…'
        : g.status === 'error'
          ? `Nash averaging and α-Rank failed: ${g.error}`
          : `Nash averaging and α-Rank over the ${g.agents} agents with at least ${g.minGames} games, intervals from ${g.draws} posterior draws${g.status === 'stale' ? ' (updating for the newest matches)' : ''}${g.nashUnique === false ? '; the Nash equilibrium is not unique, the maximum-entropy one is shown' : ''}.`;
  return h('p', { class: `muted gt-status gt-${g.status}` }, text);
}

export async function leaderboardPage(root: HTMLElement, route: Route): Promise<void> {
  const game = route.parts[1] ?? 'ipd';
  const board = await api.leaderboard(game);
  const rows = board.items;
  const hasExpl = rows.some((r) => r.exploitability !== undefined && r.exploitability !== null);
  const agentHref = (r: LeaderboardRow) => `#/agents/${encodeURIComponent(r.agentId)}?game=${encodeURIComponent(game)}`;
  const body = rows.map((r) =>
    h(
      'tr',
      { class: `lb-row${r.provisional ? ' is-provisional' : ''}`, dataset: { agent: r.name } },
      h('td', { class: 'num' }, String(r.rank)),
      h('td', null, link(agentHref(r), r.name), ' ', h('span', { class: `kind kind-${r.kind}` }, r.kind)),
      h('td', { class: 'num strong elo' }, fmt(r.elo, 0)),
      ratingCell(r),
      h('td', { class: 'num' }, String(r.games)),
      h('td', { class: 'num' }, `${r.wins} / ${r.draws} / ${r.losses}`),
      nashCell(r),
      alphaRankCell(r),
      hasExpl ? exploitabilityCell(r.exploitability, game) : null,
      h(
        'td',
        null,
        link(`${agentHref(r)}&view=why`, 'why'),
        ' · ',
        link(`#/matches?game=${encodeURIComponent(game)}&agent=${encodeURIComponent(r.agentId)}`, 'matches'),
      ),
    ),
  );
  const title = listGames().find((g) => g.id === game)?.title ?? game;
  const explain: [string, string][] = [
    ['Elo', `the live rating: online Elo (K = ${board.k}, start 1000), updated after every rated match; no interval.`],
    [
      'Rating',
      `Bradley–Terry fitted to every result, prior sd ${board.prior.sd}: estimate [95 % interval]; "?" while the sd is ≥ ${board.prior.provisionalSd}.`,
    ],
    [
      'Nash',
      'expected score against the maximum-entropy Nash mixture of the agents (½ = in the mixture); p = its weight there. Copies of an agent do not change it.',
    ],
    [
      'α-Rank',
      `share of time an evolving population spends on the agent (α = ${board.gameTheory.alpha}, m = ${board.gameTheory.m}) [95 %]; ∞ = place at infinite α, as VGC-Bench ranks.`,
    ],
  ];
  replace(
    root,
    h('h1', null, 'Leaderboard'),
    gameTabs(game, (g) => `#/leaderboard/${g}`),
    h('h2', null, title),
    rows.length === 0
      ? h('p', { class: 'muted' }, 'No rated matches in this game yet.')
      : [
          h(
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
                h('th', { class: 'num', title: explain[0]![1] }, 'Elo'),
                h('th', { class: 'num', title: explain[1]![1] }, 'Rating [95 %]'),
                h('th', { class: 'num' }, 'Games'),
                h('th', { class: 'num' }, 'W / D / L'),
                h('th', { class: 'num', title: explain[2]![1] }, 'Nash'),
                h('th', { class: 'num', title: explain[3]![1] }, 'α-Rank'),
                hasExpl
                  ? h(
                      'th',
                      {
                        class: 'num',
                        title:
                          'E = V(BR, π) − V(π, π): how much a best response gains against this agent. "exact": the exact best response; "attack": the best trained adversary so far, a lower bound (≥) with its 95 % interval.',
                      },
                      'Exploitability',
                    )
                  : null,
                h('th', null, ''),
              ),
            ),
            h('tbody', null, body),
          ),
          statusLine(board),
          h(
            'dl',
            { class: 'column-help' },
            explain.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
          ),
        ],
  );
}
