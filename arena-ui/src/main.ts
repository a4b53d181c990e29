/**
 * The arena web app: a hash router over the pages. Each page draws into the main element and may
 * return a cleanup (leave a room, stop a timer) that runs when the route changes.
 *
 * Routes: #/leaderboard/<game> · #/agents/<id> · #/matches?game=&agent=&page= · #/matches/<id>
 *         #/live · #/live/<matchId> · #/play · #/play/<matchId>
 */
import { errorBox, h, replace } from './dom.ts';
import { agentPage } from './page-agent.ts';
import { leaderboardPage } from './page-leaderboard.ts';
import { livePage, spectatePage } from './page-live.ts';
import { matchPage } from './page-match.ts';
import { matchesPage } from './page-matches.ts';
import { playPage, playStartPage } from './page-play.ts';

export type Cleanup = (() => void) | void;
export interface Route {
  parts: string[];
  query: URLSearchParams;
}
type Page = (root: HTMLElement, route: Route) => Cleanup | Promise<Cleanup>;

const NAV: [string, string][] = [
  ['#/leaderboard', 'Leaderboard'],
  ['#/matches', 'Matches'],
  ['#/live', 'Live'],
  ['#/play', 'Play'],
];

function pageFor(parts: string[]): Page {
  const [head, id] = parts;
  switch (head) {
    case undefined:
    case '':
    case 'leaderboard':
      return leaderboardPage;
    case 'agents':
      return agentPage;
    case 'matches':
      return id ? matchPage : matchesPage;
    case 'live':
      return id ? spectatePage : livePage;
    case 'play':
      return id ? playPage : playStartPage;
    default:
      return (root) => replace(root, h('p', null, 'Page not found. ', h('a', { href: '#/leaderboard' }, 'Back to the leaderboard.')));
  }
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

let cleanup: Cleanup;
let generation = 0;

async function route(): Promise<void> {
  const mine = ++generation;
  if (typeof cleanup === 'function') cleanup();
  cleanup = undefined;
  const r = parseHash(location.hash);
  document.querySelectorAll<HTMLAnchorElement>('nav a:not(.brand)').forEach((a) => a.classList.toggle('active', `#/${r.parts[0] ?? 'leaderboard'}` === a.getAttribute('href')));
  const root = document.getElementById('main')!;
  replace(root, h('p', { class: 'muted' }, 'Loading…'));
  try {
    const c = await pageFor(r.parts)(root, r);
    if (mine !== generation) {
      if (typeof c === 'function') c();
      return;
    }
    cleanup = c;
  } catch (e) {
    if (mine === generation) replace(root, errorBox(e));
  }
}

function boot(): void {
  const nav = document.querySelector('nav')!;
  replace(nav, h('a', { class: 'brand', href: '#/leaderboard' }, 'Ludus'), NAV.map(([href, text]) => h('a', { href }, text)), h('a', { class: 'right', href: '/api/docs' }, 'API'));
  window.addEventListener('hashchange', () => void route());
  void route();
}

boot();
