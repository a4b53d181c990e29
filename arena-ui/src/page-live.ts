/**
 * Live matches: the list (refreshed every few seconds) and spectating one through its Colyseus
 * room as a read-only spectator. A spectator only ever receives the public view ('view' messages:
 * the spectator observation after each step and that step's public events), then the result, told
 * in words with the seats' names (outcome.ts), and the number of people watching.
 */
import { api } from './api.ts';
import { ago, errorBox, h, link, replace } from './dom.ts';
import type { Cleanup, Route } from './main.ts';
import { joinMatch } from './room.ts';
import { outcomeWords } from './outcome.ts';
import { createView, renderText, textPanel, type Frame } from './view.ts';

export async function livePage(root: HTMLElement): Promise<Cleanup> {
  const list = h('div');
  const refresh = async () => {
    try {
      const live = await api.live();
      replace(
        list,
        live.length === 0
          ? h(
              'p',
              { class: 'muted' },
              'No match is being played right now. ',
              link('#/play', 'Start one against an agent.'),
            )
          : h(
              'table',
              { class: 'table live' },
              h('caption', { class: 'visually-hidden' }, 'matches being played now'),
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  h('th', null, 'Match'),
                  h('th', null, 'Game'),
                  h('th', { class: 'num' }, 'Step'),
                  h('th', { class: 'num' }, 'Watching'),
                  h('th', null, 'Started'),
                ),
              ),
              h(
                'tbody',
                null,
                live.map((m) =>
                  h(
                    'tr',
                    { class: 'live-row' },
                    h(
                      'td',
                      null,
                      link(`#/live/${encodeURIComponent(m.id)}`, `Watch ${m.seats.map((s) => s.label).join(' vs ')}`),
                    ),
                    h('td', null, m.game),
                    h('td', { class: 'num' }, String(m.step)),
                    h('td', { class: 'num' }, String(m.spectators ?? 0)),
                    h('td', { class: 'muted' }, ago(m.startedAt)),
                  ),
                ),
              ),
            ),
      );
    } catch (e) {
      replace(list, errorBox(e));
    }
  };
  replace(root, h('h1', null, 'Live matches'), list);
  await refresh();
  const timer = setInterval(() => void refresh(), 3000);
  return () => clearInterval(timer);
}

const MAX_FRAMES = 600;

export async function spectatePage(root: HTMLElement, route: Route): Promise<Cleanup> {
  const matchId = route.parts[1]!;
  const info = (await api.live().catch(() => [])).find((m) => m.id === matchId);
  const status = h('p', { class: 'status' }, 'Joining as a spectator…');
  replace(root, h('h1', null, `Watching ${matchId}`), status);
  let link_: Awaited<ReturnType<typeof joinMatch>>;
  try {
    link_ = await joinMatch(matchId, 'spectator');
  } catch (e) {
    replace(
      root,
      h('h1', null, `Match ${matchId}`),
      h(
        'p',
        null,
        'This match is not live (it may have ended). ',
        link(`#/matches/${encodeURIComponent(matchId)}`, 'Open its replay.'),
      ),
      errorBox(e),
    );
    return;
  }
  const game = info?.game ?? '';
  const labels = info?.seats.map((s) => s.label) ?? ['seat 0', 'seat 1'];
  const frames: Frame[] = [];
  const view = game ? createView(game, labels) : null;
  const text = textPanel();
  const body = h('div', { class: 'match-body' }, view?.el ?? null, text.el);
  const watching = h('span', { class: 'spectators', 'aria-live': 'polite' }, `${info?.spectators ?? 0} watching`);
  replace(
    root,
    h('h1', null, `Watching ${labels.join(' vs ')}`),
    h('p', { class: 'who' }, h('b', null, game), ' · ', labels.join(' vs '), ' · ', watching),
    status,
    body,
  );
  status.textContent = 'Spectating (public view).';
  link_.on('spectators', (m) => {
    watching.textContent = `${m.count} watching`;
  });
  link_.on('view', (v) => {
    frames.push({ step: v.step, observation: v.observation, events: v.events });
    if (frames.length > MAX_FRAMES) frames.splice(0, frames.length - MAX_FRAMES);
    view?.show(frames);
    text.set(renderText(game, v.observation));
    status.textContent = `Spectating (public view) · step ${v.step}`;
  });
  link_.on('result', (r) => {
    const words = outcomeWords(r, null, labels);
    status.replaceChildren(
      'Match over: ',
      h('b', { class: 'result' }, words.headline),
      words.reason ? ` (${words.reason})` : '',
      ` after ${r.steps} steps. `,
      link(`#/matches/${encodeURIComponent(matchId)}`, 'Open the replay.'),
    );
  });
  return () => link_.leave();
}
