/**
 * Match views: one drawing per game family, fed one frame at a time (the spectator or seat
 * observation after a step, plus the public events of that step). Replays, spectating and play all
 * draw through here, so a game looks the same everywhere.
 */
import { getGame } from '../../games/index.ts';
import { h } from './dom.ts';
import { dilemmaView } from './view-dilemma.ts';
import { publicGoodsView } from './view-public-goods.ts';
import { sumoView } from './view-sumo.ts';
import { trustAndSplitView } from './view-trust-and-split.ts';
import { vgcView } from './view-vgc.ts';

export interface Frame {
  step: number;
  observation: any;
  events: any[];
}

export interface MatchView {
  readonly el: HTMLElement;
  /** Draw frame `history[history.length - 1]`; earlier frames are there for trails and logs. */
  show(history: readonly Frame[]): void;
}

/** A drawing for the game (by family), or null when the game has only its text render. */
export function createView(gameId: string, labels: readonly string[]): MatchView | null {
  let family: string;
  try {
    family = getGame(gameId).family;
  } catch {
    return null;
  }
  switch (family) {
    case 'sumo':
      return sumoView(labels);
    case 'dilemmas':
      return dilemmaView(labels);
    case 'public-goods':
      return publicGoodsView(labels);
    case 'vgc':
      return vgcView(labels);
    case 'trust-and-split':
      return trustAndSplitView(labels);
    default:
      return null;
  }
}

/** The game's own text render of an observation (games/<family> render), or JSON when it fails. */
export function renderText(gameId: string, observation: unknown): string {
  try {
    return getGame(gameId).render(observation);
  } catch {
    return JSON.stringify(observation, null, 2);
  }
}

export function textPanel(): { el: HTMLElement; set(text: string): void } {
  const pre = h('pre', { class: 'render', tabindex: 0, 'aria-label': 'the game’s text view' });
  return { el: pre, set: (t) => (pre.textContent = t) };
}
