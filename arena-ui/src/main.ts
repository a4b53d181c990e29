/**
 * The arena web app: a hash router over the pages. Each page draws into the main element and may
 * return a cleanup (leave a room, stop a timer) that runs when the route changes.
 *
 * Code splitting: only the router, the home page and the shared helpers are in the first bundle; every
 * other page is a dynamic import (its own chunk, loaded on first visit), so the home page does not ship
 * the game engines, the Colyseus SDK or the charts (server/ui.ts bundles with esbuild's `splitting`).
 *
 * A page that must not be left lightly (a match in progress) sets a leave guard (leave-guard.ts): any
 * route change then asks it first, and closing or reloading the tab gets the browser's own warning.
 *
 * Routes: #/ (home) · #/leaderboard/<game> · #/agents/<id> · #/matches?game=&agent=&page= · #/matches/<id>
 *         #/live · #/live/<matchId> · #/play · #/play/<matchId> · #/training · #/bots
 *         #/tournaments · #/tournaments/<id>
 */
import { errorBox, h, replace } from './dom.ts';
import { leaveGuard, setLeaveGuard } from './leave-guard.ts';
import { homePage } from './page-home.ts';

export type Cleanup = (() => void) | void;
export interface Route {
  parts: string[];
  query: URLSearchParams;
}
type Page = (root: HTMLElement, route: Route) => Cleanup | Promise<Cleanup>;

/** The menu: every page a person can reach, in the order they are most likely to want them. */
export const NAV: readonly [string, string][] = [
  ['#/play', 'Play'],
  ['#/live', 'Live'],
  ['#/leaderboard', 'Leaderboard'],
  ['#/matches', 'Matches'],
  ['#/tournaments', 'Tournaments'],
  ['#/training', 'Training'],
  ['#/bots', 'Connect a bot'],
];

async function pageFor(parts: string[]): Promise<Page> {
  const [head, id] = parts;
  switch (head) {
    case undefined:
    case '':
    case 'home':
      return homePage;
    case 'leaderboard':
      return (await import('./page-leaderboard.ts')).leaderboardPage;
    case 'agents':
      return (await import('./page-agent.ts')).agentPage;
    case 'matches':
      return id ? (await import('./page-match.ts')).matchPage : (await import('./page-matches.ts')).matchesPage;
    case 'live': {
      const m = await import('./page-live.ts');
      return id ? m.spectatePage : m.livePage;
    }
    case 'play': {
      const m = await import('./page-play.ts');
      return id ? m.playPage : m.playStartPage;
    }
    case 'training':
      return (await import('./page-training.ts')).trainingPage;
    case 'tournaments': {
      const m = await import('./page-tournaments.ts');
      return id ? m.tournamentPage : m.tournamentsPage;
    }
    case 'bots':
      return (await import('./page-bots.ts')).botsPage;
    default:
      return (root) =>
        replace(root, h('h1', null, 'Page not found'), h('p', null, h('a', { href: '#/' }, 'Back to the home page.')));
  }
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  return {
    parts: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)),
  };
}

// ------------------------------------------------------------------ leaving a page

/** Set while the router puts the guarded page's hash back (that hashchange is not a new route). */
let restoring = false;

async function onHashChange(): Promise<void> {
  if (restoring) {
    restoring = false;
    return;
  }
  const held = leaveGuard();
  if (held && location.hash !== held.hash) {
    const target = location.hash;
    restoring = true;
    location.hash = held.hash; // stay (visibly) until the person decides
    if (!(await held.guard())) return;
    setLeaveGuard(null);
    location.hash = target;
    return;
  }
  await route();
}

// ------------------------------------------------------------------ routing

let cleanup: Cleanup;
let generation = 0;

async function route(): Promise<void> {
  const mine = ++generation;
  if (typeof cleanup === 'function') cleanup();
  cleanup = undefined;
  setLeaveGuard(null);
  const r = parseHash(location.hash);
  const section = `#/${r.parts[0] ?? ''}`;
  document.querySelectorAll<HTMLAnchorElement>('nav a:not(.brand)').forEach((a) => {
    const on = section === a.getAttribute('href');
    a.classList.toggle('active', on);
    if (on) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const root = document.getElementById('main')!;
  replace(root, h('p', { class: 'muted' }, 'Loading…'));
  try {
    const c = await (await pageFor(r.parts))(root, r);
    if (mine !== generation) {
      if (typeof c === 'function') c();
      return;
    }
    cleanup = c;
    const title = root.querySelector('h1')?.textContent;
    document.title = title ? `${title} · Ludus` : 'Ludus arena';
  } catch (e) {
    if (mine === generation) replace(root, errorBox(e));
  }
}

function boot(): void {
  const nav = document.querySelector('nav')!;
  nav.setAttribute('aria-label', 'main');
  const toggle = h(
    'button',
    {
      class: 'menu-toggle',
      'aria-expanded': 'false',
      'aria-controls': 'nav-links',
      onclick: () => {
        const open = nav.classList.toggle('open');
        toggle.setAttribute('aria-expanded', String(open));
      },
    },
    'Menu',
  );
  replace(
    nav,
    h('a', { class: 'brand', href: '#/' }, 'Ludus'),
    toggle,
    h(
      'div',
      { class: 'nav-links', id: 'nav-links' },
      NAV.map(([href, text]) => h('a', { href }, text)),
      h('a', { class: 'right', href: '/api/docs' }, 'API'),
    ),
  );
  // A chosen link folds the phone menu, whether or not the route then changes (a guarded page may keep it).
  nav.querySelector('.nav-links')!.addEventListener('click', () => {
    nav.classList.remove('open');
    toggle.setAttribute('aria-expanded', 'false');
  });
  window.addEventListener('hashchange', () => void onHashChange());
  void route();
}

boot();
