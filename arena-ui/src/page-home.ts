/**
 * The home page: what Ludus is in two lines, "Play now" for every game, the matches being played
 * right now, the top agents of one game per family, and the way to connect a bot. It is in the first
 * bundle, so it reads everything from the API (`GET /api/games` for the titles) and imports no engine.
 */
import { api, type GameInfo, type LeaderboardRow, type LiveMatchInfo } from './api.ts';
import { errorBox, fmt, h, link, replace } from './dom.ts';

/** One game per family on the home page's boards (the family's best-known game). */
const BOARDS = ['ipd', 'public-goods', 'vgc', 'sumo'];

/** The first sentence of a description (the cards stay short). */
function firstSentence(s: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(s);
  return m ? m[1]! : s;
}

export function liveList(items: readonly LiveMatchInfo[], max = Infinity): HTMLElement {
  if (items.length === 0)
    return h('p', { class: 'muted' }, 'No match is being played right now. ', link('#/play', 'Start one.'));
  return h(
    'ul',
    { class: 'live-list' },
    items
      .slice(0, max)
      .map((m) =>
        h(
          'li',
          null,
          link(`#/live/${encodeURIComponent(m.id)}`, `Watch ${m.seats.map((s) => s.label).join(' vs ')}`),
          h('span', { class: 'muted' }, ` · ${m.game} · step ${m.step} · ${m.spectators} watching`),
        ),
      ),
  );
}

/** The top of a leaderboard: established ratings first (by rank), provisional ones after, marked "?" (the server's `provisional`, Lichess's rule: docs/ratings.md). */
export function topAgents(game: string, rows: readonly LeaderboardRow[], max = 3): HTMLElement {
  const ordered = [...rows]
    .sort((a, b) => Number(a.provisional) - Number(b.provisional) || a.rank - b.rank)
    .slice(0, max);
  return h(
    'div',
    { class: 'board card' },
    h('h3', null, link(`#/leaderboard/${encodeURIComponent(game)}`, game)),
    ordered.length === 0
      ? h('p', { class: 'muted' }, 'No rated match yet.')
      : h(
          'ol',
          { class: 'top-agents' },
          ordered.map((r) =>
            h(
              'li',
              { class: r.provisional ? 'provisional' : undefined },
              link(`#/agents/${encodeURIComponent(r.agentId)}?game=${encodeURIComponent(game)}`, r.name),
              ' ',
              h('span', { class: 'elo' }, fmt(r.elo, 0)),
              r.provisional
                ? h(
                    'abbr',
                    {
                      class: 'prov',
                      title: `provisional: the rating's uncertainty (± ${fmt(r.ratingSd, 0)} Elo) is still large`,
                    },
                    '?',
                  )
                : null,
              h('span', { class: 'muted small' }, ` ${r.games} games`),
            ),
          ),
        ),
  );
}

function gameCard(g: GameInfo): HTMLElement {
  return h(
    'li',
    { class: 'game-card card' },
    h('h3', null, g.title),
    h('p', { class: 'muted small' }, firstSentence(g.description)),
    h(
      'a',
      { class: 'button primary', href: `#/play?game=${encodeURIComponent(g.id)}` },
      'Play now',
      h('span', { class: 'visually-hidden' }, `: ${g.title}`),
    ),
  );
}

export async function homePage(root: HTMLElement): Promise<() => void> {
  const games = await api.games();
  const live = h('div', null, h('p', { class: 'muted' }, 'Loading…'));
  const boards = h('div', { class: 'boards' });
  replace(
    root,
    h(
      'section',
      { class: 'hero' },
      h('h1', null, 'Ludus: play against game-playing agents'),
      h(
        'p',
        { class: 'lead' },
        'An open arena and training school where people and programs play four families of games: social dilemmas, public goods, Pokémon-like doubles battles and robot sumo. ',
        'Pick a game and play an agent now, watch a live match, or connect your own bot in any language.',
      ),
    ),
    h('h2', null, 'Play now'),
    h('ul', { class: 'game-cards' }, games.map(gameCard)),
    h('h2', null, 'Live now'),
    live,
    h('h2', null, 'Top agents'),
    boards,
    h('h2', null, 'Bring your own bot'),
    h(
      'p',
      null,
      'Bots speak a small JSON protocol over a WebSocket, in any language. ',
      link('#/bots', 'Read the bot quick-start'),
      ', or open the ',
      h('a', { href: '/api/docs' }, 'HTTP API reference'),
      '.',
    ),
  );
  const refresh = async () => {
    try {
      replace(live, liveList(await api.live(), 5));
    } catch (e) {
      replace(live, errorBox(e));
    }
  };
  await Promise.all([
    refresh(),
    Promise.all(
      BOARDS.filter((g) => games.some((x) => x.id === g)).map(async (g) =>
        topAgents(
          g,
          await api
            .leaderboard(g)
            .then((b) => b.items)
            .catch(() => []),
        ),
      ),
    ).then((cards) => replace(boards, cards)),
  ]);
  const timer = setInterval(() => void refresh(), 5000);
  return () => clearInterval(timer);
}
