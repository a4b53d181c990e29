/**
 * A finished match as a replay. The API re-simulates the stored action log on the server and
 * returns the spectator view after every step; this page steps or animates through those frames,
 * drawing each with the game's view (view.ts) beside the game's own text render, and lists the
 * joint action that led to the frame.
 */
import { getGame } from '../../games/index.ts';
import { api } from './api.ts';
import { h, link, replace } from './dom.ts';
import type { Cleanup, Route } from './main.ts';
import { resultText } from './page-matches.ts';
import { createPlayer } from './player.ts';
import { createView, renderText, textPanel, type Frame } from './view.ts';

export function actionLine(gameId: string, labels: readonly string[], actions: readonly unknown[] | null): string {
  if (!actions) return 'start';
  let game: ReturnType<typeof getGame>;
  try {
    game = getGame(gameId);
  } catch {
    return JSON.stringify(actions);
  }
  return actions
    .map((a, s) =>
      a === null || a === undefined
        ? null
        : `${labels[s] ?? `seat ${s}`}: ${shortNumbers(safeText(() => game.actionText(a), a))}`,
    )
    .filter(Boolean)
    .join(' · ');
}

/** Long decimals (sumo's continuous actions) shown with 3 digits; the replay JSON keeps them exact. */
export function shortNumbers(text: string): string {
  return text.replace(/-?\d+\.\d{4,}/g, (x) => String(Math.round(Number(x) * 1000) / 1000));
}

function safeText(f: () => string, fallback: unknown): string {
  try {
    return f();
  } catch {
    return JSON.stringify(fallback);
  }
}

export async function matchPage(root: HTMLElement, route: Route): Promise<Cleanup> {
  const id = route.parts[1]!;
  const m = await api.views(id);
  const labels = m.seats.map((s) => s.label);
  const frames: Frame[] = m.frames.map((f) => ({
    step: f.step,
    observation: f.observation,
    events: f.events as any[],
  }));
  const view = createView(m.game, labels);
  const text = textPanel();
  const acted = h('div', { class: 'acted' });
  const fps = m.game === 'sumo' ? 20 : 3;
  const player = createPlayer(
    frames.length,
    (i) => {
      view?.show(frames.slice(0, i + 1));
      text.set(renderText(m.game, frames[i]!.observation));
      acted.textContent =
        i === 0 ? 'Start of the match.' : `Step ${i}: ${actionLine(m.game, labels, m.frames[i]!.actions)}`;
    },
    { fps, start: frames.length - 1 },
  );
  replace(
    root,
    h('h1', null, `Match ${m.id}`),
    h(
      'p',
      null,
      h('b', null, m.game),
      ' · ',
      m.seats.map((s, i) => [
        i ? ' vs ' : '',
        s.agentId
          ? link(`#/agents/${encodeURIComponent(s.agentId)}?game=${encodeURIComponent(m.game)}`, s.label)
          : s.label,
      ]),
      ' · ',
      h('span', { class: 'result' }, resultText(m)),
      ' · ',
      h('a', { href: `/api/matches/${encodeURIComponent(m.id)}/replay`, download: `${m.id}.json` }, 'download replay'),
    ),
    player.el,
    acted,
    h('div', { class: 'match-body' }, view ? view.el : null, text.el),
  );
  return () => player.dispose();
}
